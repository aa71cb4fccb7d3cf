"""Hybrid logical clock: wall time that never runs backwards and respects causality.

A stamp is ``"<milliseconds:013d>-<counter:05d>"``, so comparing the strings
compares the times.  Ties between devices are broken by the device id, never by
the string alone (see :func:`order_key`).  A laptop whose clock is wrong still
produces stamps later than everything it has seen, because :meth:`tick` takes
the latest stamp the database already holds (local or received).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

COUNTER_LIMIT = 99_999


def format_hlc(millis: int, counter: int) -> str:
    return f"{millis:013d}-{counter:05d}"


def parse_hlc(stamp: str) -> tuple[int, int]:
    millis, _, counter = stamp.partition("-")
    return int(millis), int(counter)


def wall_millis() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """Issues stamps later than any stamp it was shown and than the wall clock allows."""

    def __init__(self, now: Callable[[], int] = wall_millis):
        self._now = now
        self._last = (0, 0)

    def observe(self, stamp: str | None) -> None:
        """Remember a stamp seen elsewhere (received, or read from the database)."""
        if stamp:
            self._last = max(self._last, parse_hlc(stamp))

    def tick(self, seen: str | None = None) -> str:
        self.observe(seen)
        wall = self._now()
        last_ms, last_counter = self._last
        if wall > last_ms:
            self._last = (wall, 0)
        elif last_counter < COUNTER_LIMIT:
            self._last = (last_ms, last_counter + 1)
        else:  # more than 100 000 stamps in one millisecond: borrow the next one
            self._last = (last_ms + 1, 0)
        return format_hlc(*self._last)


def order_key(hlc: str, device_id: str) -> tuple[str, str]:
    """The total order every node uses to pick the value that stands."""
    return (hlc, device_id)


def hlc_time(stamp: str | None) -> datetime | None:
    """The wall time a stamp carries (UTC), for showing when something was written."""
    if not stamp:
        return None
    millis, _ = parse_hlc(stamp)
    return datetime.fromtimestamp(millis / 1000, UTC)
