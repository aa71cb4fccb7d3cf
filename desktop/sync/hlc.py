"""Hybrid logical clock: wall time that never runs backwards and respects causality.

A stamp is ``"<milliseconds:013d>-<counter:05d>"``, so comparing the strings
compares the times.  Ties between devices are broken by the device id, never by
the string alone (see :func:`order_key`).  A laptop whose clock is wrong still
stamps an edit later than every stamp of the record it edits
(:meth:`HybridClock.tick_after`), so an edit always wins over what its author saw;
stamps seen elsewhere move the clock itself at most :data:`MAX_AHEAD_MS` beyond its
wall clock, so one laptop hours ahead does not drag every other laptop's stamps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from desktop.store.base import utcnow

COUNTER_LIMIT = 99_999


def format_hlc(millis: int, counter: int) -> str:
    return f"{millis:013d}-{counter:05d}"


def parse_hlc(stamp: str) -> tuple[int, int]:
    millis, _, counter = stamp.partition("-")
    return int(millis), int(counter)


# A stamp seen elsewhere moves this node's clock forward at most this far beyond its own
# wall clock: one laptop whose clock runs hours ahead must not drag every laptop's stamps
# with it.  Edits of the records it touched are still stamped after its stamps
# (:meth:`HybridClock.tick_after`), which is all the merge needs.
MAX_AHEAD_MS = 5 * 60 * 1000


def wall_millis() -> int:
    """The wall clock in milliseconds, corrected by the offset from the county's."""
    return int(utcnow().timestamp() * 1000)


class HybridClock:
    """Issues stamps later than any stamp it was shown and than the wall clock allows."""

    def __init__(self, now: Callable[[], int] = wall_millis):
        self._now = now
        self._last = (0, 0)

    def observe(self, stamp: str | None) -> None:
        """Remember a stamp seen elsewhere (received, or read from the database), no
        further than :data:`MAX_AHEAD_MS` beyond this node's wall clock."""
        if stamp:
            seen = parse_hlc(stamp)
            limit = (self._now() + MAX_AHEAD_MS, 0)
            self._last = max(self._last, min(seen, limit))

    def tick_after(self, stamp: str | None) -> str:
        """A stamp later than this clock's last and than ``stamp`` (the newest stamp of
        the record being edited), however far ahead ``stamp`` is: an edit always wins
        over what its author saw.  A far-ahead ``stamp`` moves only this record's
        stamp, not the clock."""
        mine = self.tick()
        if stamp and stamp >= mine:
            millis, counter = parse_hlc(stamp)
            if counter < COUNTER_LIMIT:
                return format_hlc(millis, counter + 1)
            return format_hlc(millis + 1, 0)
        return mine

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
