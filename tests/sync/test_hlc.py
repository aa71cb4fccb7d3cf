"""The hybrid logical clock orders edits even when a laptop's clock is wrong."""

from __future__ import annotations

from desktop.sync.hlc import HybridClock, format_hlc, parse_hlc


def test_stamps_increase_while_the_wall_clock_stands_still() -> None:
    clock = HybridClock(now=lambda: 1_000)
    stamps = [clock.tick() for _ in range(5)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 5


def test_a_stamp_seen_from_a_faster_clock_is_passed() -> None:
    clock = HybridClock(now=lambda: 1_000)
    remote = format_hlc(9_000_000, 3)
    assert clock.tick(remote) > remote
    assert parse_hlc(clock.tick())[0] == 9_000_000


def test_a_clock_set_back_never_goes_back() -> None:
    now = [5_000]
    clock = HybridClock(now=lambda: now[0])
    first = clock.tick()
    now[0] = 1_000
    assert clock.tick() > first


def test_counter_overflow_borrows_the_next_millisecond() -> None:
    clock = HybridClock(now=lambda: 1)
    clock.observe(format_hlc(1, 99_999))
    assert parse_hlc(clock.tick()) == (2, 0)


def test_text_order_is_time_order() -> None:
    assert format_hlc(999, 5) < format_hlc(1_000, 0) < format_hlc(1_000, 1)
