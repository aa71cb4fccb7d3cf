"""Monitoring flags, risk level and visit cadence against hand-worked cases.

The same household gets different answers under different profiles: Shanxi
gives a year to reclaim the old house's land where Xiangxi gives 180 days;
Guizhou makes a zero-employment household red; a county may raise the line.
"""

from __future__ import annotations

from datetime import date, timedelta

from desktop.domain.monitoring import (
    Flag,
    MonitoredMember,
    MonitoringFacts,
    Risk,
    assess,
    income_dropped,
    job_lost,
)
from desktop.domain.policy import load_profile
from desktop.services.township import policies_dir, profiles

XIANGXI = profiles()["xiangxi"]
SHANXI = profiles()["shanxi"]
GUIZHOU = profiles()["guizhou"]
TODAY = date(2026, 11, 22)

WORKING_FAMILY = (
    MonitoredMember(labour="full", employment="employed"),
    MonitoredMember(labour="none", employment="not_applicable"),
)


def test_a_well_household_visited_this_month_is_green() -> None:
    facts = MonitoringFacts(
        members=WORKING_FAMILY, income_per_head=12000, last_visit_on=date(2026, 11, 3)
    )
    status = assess(facts, XIANGXI, TODAY)
    assert status.flags == ()
    assert status.risk is Risk.GREEN
    assert status.visited_this_month
    # 12 visits a year: every 30 days
    assert status.next_visit_due == date(2026, 12, 3)


def test_income_under_the_line_is_red_and_due_within_a_week() -> None:
    facts = MonitoringFacts(
        members=WORKING_FAMILY, income_per_head=6000, last_visit_on=date(2026, 10, 20)
    )
    status = assess(facts, XIANGXI, TODAY)
    assert status.flag_codes == (Flag.LOW_INCOME,)
    assert status.flags[0].params == {"income": 6000, "line": 6600}
    assert status.risk is Risk.RED
    assert status.next_visit_due == date(2026, 10, 27)
    assert status.visit_overdue(TODAY)
    assert not status.visited_this_month


def test_a_county_override_of_the_line_changes_the_answer() -> None:
    raised = load_profile(
        policies_dir() / "xiangxi.toml", "[monitoring]\nincome_line_per_head_year = 5000\n"
    )
    facts = MonitoringFacts(members=WORKING_FAMILY, income_per_head=6000)
    assert assess(facts, XIANGXI, TODAY).risk is Risk.RED
    assert assess(facts, raised, TODAY).risk is Risk.GREEN


def test_zero_employment_is_amber_in_xiangxi_and_red_in_guizhou() -> None:
    idle = (
        MonitoredMember(labour="full", employment="unemployed"),
        MonitoredMember(labour="partial", employment="unemployed"),
    )
    facts = MonitoringFacts(members=idle, income_per_head=9000, last_visit_on=date(2026, 11, 1))
    xiangxi = assess(facts, XIANGXI, TODAY)
    guizhou = assess(facts, GUIZHOU, TODAY)
    assert xiangxi.flag_codes == guizhou.flag_codes == (Flag.ZERO_EMPLOYMENT,)
    assert xiangxi.risk is Risk.AMBER
    assert xiangxi.next_visit_due == date(2026, 11, 16)  # 15 days
    assert guizhou.risk is Risk.RED
    assert guizhou.next_visit_due == date(2026, 11, 8)  # 7 days


def test_illness_without_dibao_is_flagged_until_dibao_is_granted() -> None:
    sick = (
        MonitoredMember(labour="full", employment="employed"),
        MonitoredMember(labour="lost", employment="not_applicable", health="serious"),
    )
    assert assess(MonitoringFacts(members=sick), XIANGXI, TODAY).flag_codes == (
        Flag.ILLNESS_WITHOUT_DIBAO,
    )
    covered = (
        sick[0],
        MonitoredMember(labour="lost", employment="not_applicable", health="serious", dibao=True),
    )
    assert assess(MonitoringFacts(members=covered), XIANGXI, TODAY).flags == ()
    # a grade-4 (mild) disability alone is not flagged; grade 1 is
    mild = (
        sick[0],
        MonitoredMember(
            labour="partial", employment="employed", health="disabled", disability_grade=4
        ),
    )
    assert assess(MonitoringFacts(members=mild), XIANGXI, TODAY).flags == ()
    severe = (
        sick[0],
        MonitoredMember(
            labour="lost", employment="not_applicable", health="disabled", disability_grade=1
        ),
    )
    assert (
        Flag.ILLNESS_WITHOUT_DIBAO
        in assess(MonitoringFacts(members=severe), XIANGXI, TODAY).flag_codes
    )


def test_old_house_deadlines_follow_the_profile() -> None:
    moved = TODAY - timedelta(days=182)
    standing = MonitoringFacts(
        members=WORKING_FAMILY, move_in_date=moved, old_house_status="standing"
    )
    # Xiangxi: 180 days, overdue by 2; Shanxi: 6 calendar months, not yet.
    x = assess(standing, XIANGXI, TODAY)
    assert x.flag_codes == (Flag.OLD_HOUSE_OVERDUE,)
    assert x.flags[0].params["days"] == 2
    assert assess(standing, SHANXI, TODAY).flags == ()
    # A hazard-zone house must go at once in Xiangxi; Shanxi's document says nothing of it.
    hazard = MonitoringFacts(
        members=WORKING_FAMILY,
        move_in_date=TODAY - timedelta(days=10),
        old_house_status="standing",
        old_house_hazard=True,
    )
    assert assess(hazard, XIANGXI, TODAY).flag_codes == (Flag.OLD_HOUSE_OVERDUE,)
    assert assess(hazard, SHANXI, TODAY).flags == ()
    # Demolished 200 days ago, land not reclaimed: overdue in Xiangxi (180 days after
    # demolition), fine in Shanxi (a year after moving in, 300 days ago).
    demolished = MonitoringFacts(
        members=WORKING_FAMILY,
        move_in_date=TODAY - timedelta(days=300),
        old_house_status="demolished",
        old_house_demolished_on=TODAY - timedelta(days=200),
    )
    assert assess(demolished, XIANGXI, TODAY).flag_codes == (Flag.RECLAIM_OVERDUE,)
    assert assess(demolished, SHANXI, TODAY).flags == ()
    # Retained with approval: never overdue.
    retained = MonitoringFacts(
        members=WORKING_FAMILY, move_in_date=moved, old_house_status="retained"
    )
    assert assess(retained, XIANGXI, TODAY).flags == ()


def test_a_swing_found_by_the_last_visit_is_red_and_a_monitored_household_amber() -> None:
    swing = MonitoringFacts(
        members=WORKING_FAMILY,
        income_per_head=8000,
        last_visit_on=date(2026, 11, 2),
        last_visit_alerts=({"code": "income_drop", "before": 12000, "after": 8000},),
    )
    status = assess(swing, XIANGXI, TODAY)
    assert status.flag_codes == (Flag.INCOME_DROP,)
    assert status.risk is Risk.RED
    watched = MonitoringFacts(
        members=WORKING_FAMILY,
        income_per_head=9000,
        category="marginal",
        last_visit_on=date(2026, 11, 2),
    )
    assert assess(watched, XIANGXI, TODAY).risk is Risk.AMBER


def test_never_visited_is_due_today() -> None:
    status = assess(MonitoringFacts(members=WORKING_FAMILY), XIANGXI, TODAY)
    assert status.next_visit_due == TODAY
    assert not status.visited_this_month


def test_a_third_down_is_a_swing_a_quarter_is_not() -> None:
    assert income_dropped(9000, 6000, XIANGXI)
    assert not income_dropped(9000, 6750, XIANGXI)
    assert not income_dropped(None, 100, XIANGXI)
    assert job_lost("employed", "unemployed")
    assert not job_lost("unemployed", "unemployed")


def test_keys_handed_over_and_not_moved_in_for_half_a_year_is_flagged_in_shanxi() -> None:
    """山西：推动拿到钥匙超过半年未搬迁的群众尽快入住 — six calendar months."""
    keys = date(2026, 5, 22)
    waiting = MonitoringFacts(members=WORKING_FAMILY, keys_handed_on=keys)
    assert assess(waiting, SHANXI, date(2026, 11, 22)).flags == ()  # on the day: not yet
    late = assess(waiting, SHANXI, date(2026, 11, 25))
    assert late.flag_codes == (Flag.NOT_MOVED_IN,)
    assert late.flags[0].params == {"due": "2026-11-22", "days": 3}
    assert late.risk is Risk.AMBER
    moved = MonitoringFacts(members=WORKING_FAMILY, keys_handed_on=keys, move_in_date=keys)
    assert assess(moved, SHANXI, date(2027, 1, 1)).flags == ()
    assert assess(waiting, XIANGXI, date(2027, 1, 1)).flags == ()  # Xiangxi says nothing of it
