"""The three-three clock: deadlines in calendar and working days, urgency, escalation."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.errors import ValidationError
from desktop.domain.holidays import (
    WorkingCalendar,
    YearTable,
    load_holiday_table,
    parse_holiday_table,
)
from desktop.domain.policy import ServiceRule
from desktop.domain.sla import (
    CHINA_TZ,
    Urgency,
    compute_deadlines,
    escalation_steps,
    extend_deadline,
    urgency,
)

CAL = ServiceRule(
    respond_minutes=3,
    arrive_hours=3,
    resolve_days=3,
    day_count="calendar",
    warning_fraction=0.25,
    escalation=("grid_member", "grid_leader", "community", "township"),
    escalation_step_hours=24,
)
WORK = dataclasses.replace(CAL, day_count="working")


def cst(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHINA_TZ)  # type: ignore[misc]


def test_three_minutes_three_hours_three_days() -> None:
    d = compute_deadlines(cst(2026, 11, 20, 10, 0), CAL, needs_site_visit=True)
    assert d.respond == cst(2026, 11, 20, 10, 3)
    assert d.arrive == cst(2026, 11, 20, 13, 0)
    assert d.resolve == cst(2026, 11, 23, 10, 0)
    assert not d.provisional


def test_no_arrive_deadline_without_site_visit() -> None:
    assert compute_deadlines(cst(2026, 11, 20, 10), CAL, needs_site_visit=False).arrive is None


def test_day_arithmetic_is_on_the_china_clock() -> None:
    # 23:30 UTC on the 19th is 07:30 on the 20th in China.
    received = datetime(2026, 11, 19, 23, 30, tzinfo=UTC)
    d = compute_deadlines(received, WORK, needs_site_visit=False)
    assert d.resolve == cst(2026, 11, 25, 7, 30)  # Fri 20th + Mon, Tue, Wed


def test_naive_time_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        compute_deadlines(datetime(2026, 11, 20, 10), CAL, needs_site_visit=True)


def test_working_days_cross_a_weekend() -> None:
    d = compute_deadlines(cst(2026, 11, 20, 10), WORK, needs_site_visit=True)  # a Friday
    assert d.resolve == cst(2026, 11, 25, 10)  # Mon 23, Tue 24, Wed 25
    assert not d.provisional


def test_received_on_a_day_off_starts_the_next_working_morning() -> None:
    d = compute_deadlines(cst(2026, 11, 21, 15), WORK, needs_site_visit=True)  # Saturday
    assert d.resolve == cst(2026, 11, 26, 0, 0)  # clock from Mon 00:00: Tue, Wed, Thu


def test_national_day_2026_and_the_adjusted_working_saturday() -> None:
    # chinesecalendar 2026: 1-7 October off, Saturday 10 October is a working day.
    received = cst(2026, 9, 30, 9)
    d = compute_deadlines(received, WORK, needs_site_visit=True)
    assert d.resolve == cst(2026, 10, 10, 9)  # Thu 8, Fri 9, Sat 10 (调休上班)
    assert not d.provisional
    assert compute_deadlines(received, CAL, needs_site_visit=True).resolve == cst(2026, 10, 3, 9)


def test_adjusted_working_sunday_counts() -> None:
    # Sunday 20 September 2026 is a working day (Mid-autumn/National Day swap).
    assert WorkingCalendar().is_working_day(date(2026, 9, 20))
    d = compute_deadlines(cst(2026, 9, 18, 10), WORK, needs_site_visit=True)  # Friday
    assert d.resolve == cst(2026, 9, 22, 10)  # Sun 20, Mon 21, Tue 22
    weekends_only = WorkingCalendar(use_package=False)
    guess = compute_deadlines(
        cst(2026, 9, 18, 10), WORK, needs_site_visit=True, calendar=weekends_only
    )
    assert guess.resolve == cst(2026, 9, 23, 10)
    assert guess.provisional


def test_year_missing_from_the_calendar_is_provisional() -> None:
    cal = WorkingCalendar()
    assert not cal.covers(2031)
    d = compute_deadlines(cst(2031, 5, 2, 10), WORK, needs_site_visit=True)  # a Friday
    assert d.resolve == cst(2031, 5, 7, 10)  # plain weekends: Mon 5, Tue 6, Wed 7
    assert d.provisional
    # crossing into an unknown year is provisional too
    assert compute_deadlines(cst(2026, 12, 30, 10), WORK, needs_site_visit=True).provisional
    # calendar days never depend on the holiday table
    assert not compute_deadlines(cst(2031, 5, 2, 10), CAL, needs_site_visit=True).provisional


def test_a_loaded_table_fills_a_missing_year(tmp_path: Path) -> None:
    path = tmp_path / "2031.json"
    path.write_text(
        json.dumps(
            {"years": [2031], "holidays": ["2031-05-01", "2031-05-05"], "workdays": ["2031-05-10"]}
        ),
        encoding="utf-8",
    )
    cal = WorkingCalendar().with_tables(load_holiday_table(path))
    assert cal.covers(2031)
    d = compute_deadlines(cst(2031, 5, 2, 10), WORK, needs_site_visit=True, calendar=cal)
    assert d.resolve == cst(2031, 5, 8, 10)  # Mon 5 off: Tue 6, Wed 7, Thu 8
    assert not d.provisional


def test_a_loaded_table_overrides_the_package_for_its_year() -> None:
    table = YearTable(2026, holidays=frozenset({date(2026, 11, 23)}))
    cal = WorkingCalendar().with_table(table)
    d = compute_deadlines(cst(2026, 11, 20, 10), WORK, needs_site_visit=True, calendar=cal)
    assert d.resolve == cst(2026, 11, 26, 10)


def test_toml_table_and_bad_tables() -> None:
    tables = parse_holiday_table(
        'holidays = ["2032-01-01"]\nworkdays = ["2032-01-04"]\n', suffix=".toml"
    )
    assert tables[0].year == 2032 and date(2032, 1, 4) in tables[0].workdays
    with pytest.raises(ValidationError) as e:
        parse_holiday_table('{"holidays": ["2032-02-30"]}', suffix=".json")
    assert e.value.code == "holiday_table_date"
    with pytest.raises(ValidationError) as e:
        parse_holiday_table("not json", suffix=".json")
    assert e.value.code == "holiday_table_format"
    with pytest.raises(ValidationError) as e:
        parse_holiday_table(
            '{"holidays": ["2032-01-01"], "workdays": ["2032-01-01"]}', suffix=".json"
        )
    assert e.value.code == "holiday_table_both"
    with pytest.raises(ValidationError) as e:
        parse_holiday_table("{}", suffix=".json")
    assert e.value.code == "holiday_table_empty"
    with pytest.raises(ValidationError) as e:
        parse_holiday_table("x", suffix=".xls")
    assert e.value.code == "holiday_table_kind"


def test_extension_counts_as_the_profile_counts() -> None:
    due = cst(2026, 11, 25, 10)  # a Wednesday
    assert extend_deadline(due, 2, CAL)[0] == cst(2026, 11, 27, 10)
    assert extend_deadline(due, 3, WORK)[0] == cst(2026, 11, 30, 10)  # Thu, Fri, Mon


def test_urgency_on_time_due_soon_overdue() -> None:
    start = cst(2026, 11, 20, 10)
    due = start + timedelta(hours=4)
    assert urgency(start + timedelta(hours=2), start, due, 0.25) is Urgency.ON_TIME
    assert urgency(start + timedelta(hours=3), start, due, 0.25) is Urgency.DUE_SOON
    assert urgency(due, start, due, 0.25) is Urgency.DUE_SOON
    assert urgency(due + timedelta(seconds=1), start, due, 0.25) is Urgency.OVERDUE


def test_escalation_one_step_per_interval_up_to_the_top() -> None:
    since = cst(2026, 11, 20, 10)
    assert escalation_steps(0, since, since, CAL) == []
    first = escalation_steps(0, since, since + timedelta(seconds=1), CAL)
    assert [(s.level, s.role, s.at) for s in first] == [(1, "grid_leader", since)]
    later = escalation_steps(1, since, since + timedelta(hours=49), CAL)
    assert [(s.level, s.at) for s in later] == [
        (2, since + timedelta(hours=24)),
        (3, since + timedelta(hours=48)),
    ]
    assert escalation_steps(3, since, since + timedelta(days=30), CAL) == []
    assert escalation_steps(0, None, since, CAL) == []


times = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=300, deadline=None)
@given(a=times, b=times, working=st.booleans(), visit=st.booleans())
def test_deadlines_are_monotone_in_the_received_time(
    a: datetime, b: datetime, working: bool, visit: bool
) -> None:
    first, second = sorted((a, b))
    rule = WORK if working else CAL
    d1 = compute_deadlines(first, rule, needs_site_visit=visit)
    d2 = compute_deadlines(second, rule, needs_site_visit=visit)
    assert d1.respond <= d2.respond
    assert d1.resolve <= d2.resolve
    if visit:
        assert d1.arrive is not None and d2.arrive is not None
        assert d1.arrive <= d2.arrive
    assert d1.resolve > first


# ---------------------------------------------------------------- late steps


def test_a_step_after_its_deadline_is_late_to_the_second() -> None:
    from desktop.domain.sla import Stage, StepTiming, late_by, late_stages, step_timing

    due = datetime(2026, 12, 4, 22, 4, tzinfo=CHINA_TZ)
    now = due + timedelta(hours=1)
    assert step_timing(due, due, now) is StepTiming.ON_TIME
    assert step_timing(due + timedelta(seconds=1), due, now) is StepTiming.LATE
    assert step_timing(None, due, due - timedelta(seconds=1)) is StepTiming.PENDING
    assert step_timing(None, due, now) is StepTiming.MISSED
    assert step_timing(None, None, now) is None
    assert late_by(due + timedelta(seconds=30), due) == timedelta(seconds=30)
    assert late_by(due, due) is None
    steps = (
        (Stage.RESPOND, due + timedelta(minutes=1), due),
        (Stage.ARRIVE, due, due + timedelta(hours=3)),
        (Stage.RESOLVE, None, due),
    )
    assert late_stages(steps) == (Stage.RESPOND,)


def test_the_timeline_measures_steps_after_a_reopening_against_the_new_clocks() -> None:
    from desktop.domain.sla import Stage
    from desktop.domain.work_order import timeline_lateness

    t = datetime(2026, 12, 1, 9, 0, tzinfo=CHINA_TZ)
    events = [
        ("received", t, ""),
        ("respond", t + timedelta(minutes=5), ""),
        ("arrive", t + timedelta(hours=4), ""),  # late against the first clock, unknown now
        ("resolve", t + timedelta(hours=5), ""),
        ("follow_up", t + timedelta(days=1), "unsatisfied"),
        ("arrive", t + timedelta(days=1, hours=4), ""),
    ]
    deadlines = {
        Stage.RESPOND: t + timedelta(minutes=3),
        Stage.ARRIVE: t + timedelta(days=1, hours=3),
        Stage.RESOLVE: t + timedelta(days=4),
    }
    late = timeline_lateness(events, deadlines)
    assert late == [None, timedelta(minutes=2), None, None, None, timedelta(hours=1)]
