"""The hybrid logical clock orders edits even when a laptop's clock is wrong."""

from __future__ import annotations

from desktop.sync.hlc import MAX_AHEAD_MS, HybridClock, format_hlc, parse_hlc


def test_stamps_increase_while_the_wall_clock_stands_still() -> None:
    clock = HybridClock(now=lambda: 1_000)
    stamps = [clock.tick() for _ in range(5)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 5


def test_a_stamp_seen_from_a_slightly_faster_clock_is_passed() -> None:
    clock = HybridClock(now=lambda: 1_000)
    remote = format_hlc(61_000, 3)  # a minute ahead
    assert clock.tick(remote) > remote
    assert parse_hlc(clock.tick())[0] == 61_000


def test_a_clock_hours_ahead_moves_only_the_records_it_touched() -> None:
    """A laptop eight hours fast: an edit of its record is stamped after it, but the
    clock itself is not dragged eight hours forward for every other record."""
    clock = HybridClock(now=lambda: 1_000)
    remote = format_hlc(1_000 + 8 * 3_600_000, 3)
    clock.observe(remote)
    assert clock.tick_after(remote) > remote
    assert parse_hlc(clock.tick())[0] <= 1_000 + MAX_AHEAD_MS


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
