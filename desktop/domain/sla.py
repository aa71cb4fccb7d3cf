"""The three-three clock (三个三): deadlines, urgency and escalation, as pure functions.

Xiangxi's item 18: respond within 3 minutes, be on site within 3 hours, resolve
or answer within 3 days.  The numbers come from the profile's ``[service]``
section (:class:`~desktop.domain.policy.ServiceRule`), never from here.

Decisions:

- Every deadline counts from the moment the request *arrived* (received time),
  not from the previous step: a late response does not buy more time to arrive.
- Times are timezone-aware; day arithmetic happens on the China wall clock
  (Asia/Shanghai).  Calendar days: the same clock time ``resolve_days`` later.
- Working days: a request received on a working day is due at the same clock
  time on the ``resolve_days``-th working day after the day it arrived; one
  received on a day off starts its clock at 00:00 of the next working day.
  This keeps deadlines monotone in the received time (a later request is
  never due earlier), which a property test checks.
- A deadline that relied on a weekend guess for a year the calendar does not
  know is ``provisional`` (see :mod:`desktop.domain.holidays`).
- Urgency of a stage: *overdue* once its deadline has passed; *due soon* when
  no more than ``warning_fraction`` of the stage's whole time (received ->
  deadline) is left; otherwise *on time*.
- A step is *on time* when it was done at or before its deadline, to the
  second, and *late* otherwise (a response at 22:04:30 against 22:04:00 is
  late): :func:`step_timing` is the one definition the detail, the timeline,
  the lists, the household's page and the ledger show.  A late step stays
  late: the order moving on to its next stage does not make it on time.
- An order is *overdue* when it is open and the deadline it is now racing
  (its ``next_due``) has passed: :func:`is_overdue`.  The dashboard, the
  board, the work-order list and its "已超时" filter count exactly these.
- Escalation: the moment an order's earliest missed deadline passes it goes
  one step up the profile's ladder (``escalation[1]``, the grid leader, since
  ``escalation[0]`` is the grid member who already holds it), and one more step
  every ``escalation_step_hours`` it stays overdue, up to the top.  Each step is
  timed at the moment it fell due, so a sweep run late writes the same steps,
  with the same times, as one run on time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from desktop.domain.holidays import DEFAULT_CALENDAR, WorkingCalendar
from desktop.domain.policy import DayCount, ServiceRule

CHINA_TZ = ZoneInfo("Asia/Shanghai")


class Stage(StrEnum):
    RESPOND = "respond"
    ARRIVE = "arrive"
    RESOLVE = "resolve"


class Urgency(StrEnum):
    ON_TIME = "on_time"  # 按时
    DUE_SOON = "due_soon"  # 即将超时
    OVERDUE = "overdue"  # 已超时


class StepTiming(StrEnum):
    ON_TIME = "on_time"  # done by its deadline
    LATE = "late"  # done after its deadline
    PENDING = "pending"  # not done yet, deadline ahead
    MISSED = "missed"  # not done yet, deadline passed


@dataclass(frozen=True, slots=True)
class Deadlines:
    respond: datetime
    arrive: datetime | None  # None: no site visit needed
    resolve: datetime
    provisional: bool = False  # the resolve day relied on a weekend guess


def _aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def to_china(value: datetime) -> datetime:
    _aware(value, "time")
    return value.astimezone(CHINA_TZ)


def add_days(
    start: datetime, days: int, day_count: DayCount, calendar: WorkingCalendar = DEFAULT_CALENDAR
) -> tuple[datetime, bool]:
    """``start`` plus ``days`` calendar or working days; and whether that is provisional."""
    local = to_china(start)
    if day_count == "calendar":
        return local + timedelta(days=days), False
    day, provisional = calendar.next_working_day(local.date())
    if day != local.date():
        local = datetime.combine(day, time(0, 0), CHINA_TZ)
    due_day, more = calendar.nth_working_day_after(local.date(), days)
    return datetime.combine(due_day, local.timetz()), provisional or more


def compute_deadlines(
    received: datetime,
    rule: ServiceRule,
    *,
    needs_site_visit: bool,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Deadlines:
    _aware(received, "received")
    resolve, provisional = add_days(received, rule.resolve_days, rule.day_count, calendar)
    return Deadlines(
        respond=received + timedelta(minutes=rule.respond_minutes),
        arrive=received + timedelta(hours=rule.arrive_hours) if needs_site_visit else None,
        resolve=resolve,
        provisional=provisional,
    )


def extend_deadline(
    current: datetime,
    days: int,
    rule: ServiceRule,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> tuple[datetime, bool]:
    """An approved extension: ``days`` more, counted as the profile counts days."""
    return add_days(current, days, rule.day_count, calendar)


def warn_at(start: datetime, due: datetime, warning_fraction: float) -> datetime:
    """The moment a stage becomes "due soon"."""
    return due - (due - start) * warning_fraction


def urgency(now: datetime, start: datetime, due: datetime, warning_fraction: float) -> Urgency:
    if now > due:
        return Urgency.OVERDUE
    if now >= warn_at(start, due, warning_fraction):
        return Urgency.DUE_SOON
    return Urgency.ON_TIME


def step_timing(done: datetime | None, due: datetime | None, now: datetime) -> StepTiming | None:
    """How a step stands against its deadline (None: the step has no deadline)."""
    if due is None:
        return None
    if done is None:
        return StepTiming.MISSED if now > due else StepTiming.PENDING
    return StepTiming.ON_TIME if done <= due else StepTiming.LATE


def late_by(done: datetime | None, due: datetime | None) -> timedelta | None:
    """How late a done step was; None when it was on time, not done, or had no deadline."""
    if done is None or due is None or done <= due:
        return None
    return done - due


def late_stages(
    steps: tuple[tuple[Stage, datetime | None, datetime | None], ...],
) -> tuple[Stage, ...]:
    """The stages among ``(stage, done, due)`` that were done late, in order."""
    return tuple(stage for stage, done, due in steps if late_by(done, due) is not None)


def is_overdue(is_open: bool, next_due: datetime | None, now: datetime) -> bool:
    """An open order whose running deadline has passed (what every screen counts)."""
    return is_open and next_due is not None and now > next_due


@dataclass(frozen=True, slots=True)
class EscalationStep:
    level: int  # index into the profile's ladder
    role: str  # the ladder's name for that level, e.g. "grid_leader"
    at: datetime  # when the step fell due


def escalation_steps(
    current_level: int, overdue_since: datetime | None, now: datetime, rule: ServiceRule
) -> list[EscalationStep]:
    """The steps an order should have climbed by ``now`` above ``current_level``."""
    if overdue_since is None or now <= overdue_since or len(rule.escalation) < 2:
        return []
    step = timedelta(hours=rule.escalation_step_hours)
    top = len(rule.escalation) - 1
    target = top if step <= timedelta(0) else min(top, 1 + int((now - overdue_since) / step))
    return [
        EscalationStep(level, rule.escalation[level], overdue_since + step * (level - 1))
        for level in range(current_level + 1, target + 1)
    ]


def china_month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The first instant of the month and of the next, China time, for statistics."""
    start = datetime(year, month, 1, tzinfo=CHINA_TZ)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=CHINA_TZ)
    return start, end
