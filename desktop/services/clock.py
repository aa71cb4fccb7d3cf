"""A clock services can be given, so deadlines and lockouts are testable."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from desktop.store.base import utcnow


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """This computer's clock, corrected by the offset from the county's last measured
    (:func:`desktop.store.base.utcnow`)."""

    def now(self) -> datetime:
        return utcnow()


class FixedClock:
    """A clock that stands still until moved (tests, demo generation)."""

    def __init__(self, at: datetime):
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.at += timedelta(**delta)


system_clock = SystemClock()
