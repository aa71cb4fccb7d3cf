"""The household list filtered by computed status (risk, alerts, five-ones, this month's
visit), its risk column, and what each visit recorded on the household page.

Eight households, each built to raise one rule of the Xiangxi profile (income
line 6 600 yuan a year per head; an old house due 180 days after moving in,
its land 180 days after demolition; zero employment amber, not red).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import Health, Relation
from desktop.domain.monitoring import Flag
from desktop.services.actor import Actor
from desktop.services.households import (
    OLD_HOUSE_LATE,
    HouseholdFilter,
    count_households,
    first_page,
    household_detail,
    list_households,
    resolve_filter,
    status_conditions,
)
from desktop.services.survey import SurveyFilter, households_matching
from desktop.store.models import Household
from tests.factories import (
    MemberSpec,
    make_building,
    make_grid,
    make_household,
    make_site,
    make_visit,
    member,
)

TODAY = date(2026, 11, 22)
THIS_MONTH = date(2026, 11, 5)
LAST_MONTH = date(2026, 10, 10)

WORKER = {"labour": "full", "employment": "employed"}
NO_OLD_HOUSE = {"old_house_status": "none"}


@dataclass
class Town:
    ids: dict[str, str]  # head's name -> household id


@pytest.fixture
def town(township_db: sessionmaker[Session]) -> Town:
    ids: dict[str, str] = {}
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园")
        grid = make_grid(s, site, name="第一网格")
        b = make_building(s, site, grid, name="1栋")

        def add(
            name: str,
            members: list[MemberSpec],
            visited: date | None,
            income: int = 12000,
            **kw: Any,
        ) -> Household:
            h = make_household(s, building=b, members=members, **{**NO_OLD_HOUSE, **kw})
            if visited is not None:
                make_visit(s, h, visited_on=visited, income_per_head=income)
            ids[name] = h.id
            return h

        # meets every goal: stable job, a skill, an industry, a vegetable plot
        add(
            "甲",
            [member("甲", skills="电工", **WORKER)],
            THIS_MONTH,
            income_industry="养蜂",
            vegetable_plot=True,
        )
        add("乙", [member("乙", labour="full", employment="unemployed")], LAST_MONTH)
        # farming counts as work for the monitoring rules: not zero-employment
        add("丙", [member("丙", labour="full", employment="farming")], THIS_MONTH)
        add(
            "丁",
            [
                member("丁", **WORKER),
                member("丁妻", Relation.SPOUSE, male=False, health=Health.SERIOUS.value),
            ],
            THIS_MONTH,
        )
        # a sick member, but the household has 低保: no alert
        add(
            "丁二",
            [
                member("丁二", **WORKER),
                member(
                    "丁二妻",
                    Relation.SPOUSE,
                    male=False,
                    health=Health.DISABLED.value,
                    disability_grade=1,
                    dibao=True,
                ),
            ],
            THIS_MONTH,
        )
        add(
            "戊",
            [member("戊", **WORKER)],
            THIS_MONTH,
            old_house_status="standing",
            move_in_date=date(2020, 6, 1),
        )
        add(
            "己",
            [member("己", **WORKER)],
            THIS_MONTH,
            old_house_status="demolished",
            old_house_demolished_on=date(2025, 1, 1),
        )
        add("庚", [member("庚", **WORKER)], date(2026, 11, 10), income=3000)
        h = add("辛", [member("辛", **WORKER)], None)
        visit = make_visit(s, h, visited_on=date(2026, 11, 12))
        visit.alerts = [{"code": "job_lost", "person_id": "x", "name": "辛"}]
        visit.changes = [
            {"person_id": None, "field": "income_per_head", "before": 9000, "after": 9000}
        ]
    return Town(ids)


def _names(db: sessionmaker[Session], actor: Actor, town: Town, sf: SurveyFilter) -> set[str]:
    flt = HouseholdFilter(survey=sf)
    with db.begin() as s:
        rows = list_households(s, actor, flt, limit=100, today=TODAY)
        assert count_households(s, actor, flt, today=TODAY) == len(rows)
        resolved = resolve_filter(s, actor, flt, today=TODAY)
        again = list_households(s, actor, resolved, limit=100, today=TODAY)
        assert [r.id for r in again] == [r.id for r in rows], "resolving changes nothing"
        page = first_page(s, actor, flt, today=TODAY)
        assert page.total == len(rows)
    return {r.head_name for r in rows}


ALL = {"甲", "乙", "丙", "丁", "丁二", "戊", "己", "庚", "辛"}


@pytest.mark.parametrize(
    ("sf", "expected"),
    [
        (SurveyFilter(risk="red"), {"丁", "庚"}),
        # 丙 farms: the Xiangxi profile does not count farming as work (zero employment)
        (SurveyFilter(risk="amber"), {"乙", "丙", "戊", "己", "辛"}),
        (SurveyFilter(risk="green"), {"甲", "丁二"}),
        (SurveyFilter(flag=Flag.LOW_INCOME.value), {"庚"}),
        (SurveyFilter(flag=Flag.ZERO_EMPLOYMENT.value), {"乙", "丙"}),
        (SurveyFilter(flag=Flag.ILLNESS_WITHOUT_DIBAO.value), {"丁"}),
        (SurveyFilter(flag=Flag.OLD_HOUSE_OVERDUE.value), {"戊"}),
        (SurveyFilter(flag=Flag.RECLAIM_OVERDUE.value), {"己"}),
        (SurveyFilter(flag=OLD_HOUSE_LATE), {"戊", "己"}),
        (SurveyFilter(flag=Flag.JOB_LOST.value), {"辛"}),
        (SurveyFilter(flag=Flag.INCOME_DROP.value), set()),
        (SurveyFilter(five_ones_incomplete=True), ALL - {"甲"}),
        (SurveyFilter(not_visited_this_month=True), {"乙"}),
        (SurveyFilter(risk="amber", not_visited_this_month=True), {"乙"}),
        (SurveyFilter(risk="red", flag=Flag.LOW_INCOME.value), {"庚"}),
        (SurveyFilter(), ALL),
    ],
    # ids must not depend on set order: pytest-xdist workers must collect the same names
    ids=lambda v: "+".join(sorted(v)) or "none" if isinstance(v, set) else "",
)
def test_each_status_filter_lists_the_households_its_rule_names(
    township_db: sessionmaker[Session],
    admin: Actor,
    town: Town,
    sf: SurveyFilter,
    expected: set[str],
) -> None:
    assert _names(township_db, admin, town, sf) == expected


@pytest.mark.parametrize(
    "flag",
    [
        Flag.ZERO_EMPLOYMENT,
        Flag.ILLNESS_WITHOUT_DIBAO,
        Flag.OLD_HOUSE_OVERDUE,
        Flag.RECLAIM_OVERDUE,
    ],
)
def test_the_flags_filtered_in_sql_agree_with_the_rules(
    township_db: sessionmaker[Session], admin: Actor, town: Town, flag: Flag
) -> None:
    with township_db.begin() as s:
        by_rules = households_matching(s, admin, SurveyFilter(flag=flag.value), today=TODAY)
        rows = list_households(
            s, admin, HouseholdFilter(survey=SurveyFilter(flag=flag.value)), today=TODAY
        )
    assert {r.id for r in rows} == set(by_rules)


def test_status_filters_combine_with_the_place_and_the_search(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    with township_db.begin() as s:
        rows = list_households(
            s, admin, HouseholdFilter(text="庚", survey=SurveyFilter(risk="red")), today=TODAY
        )
        assert [r.head_name for r in rows] == ["庚"]
        rows = list_households(
            s, admin, HouseholdFilter(text="甲", survey=SurveyFilter(risk="red")), today=TODAY
        )
        assert rows == []


def test_the_dashboard_and_the_list_count_the_same_households(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    from desktop.services import board
    from desktop.services.clock import FixedClock

    clock = FixedClock(datetime(2026, 11, 22, 2, 0, tzinfo=UTC))
    with township_db.begin() as s:
        counts = {i.kind.value: i.count for i in board.dashboard(s, admin, clock=clock).attention}
        for attention, sf in (
            ("not_visited", SurveyFilter(not_visited_this_month=True)),
            ("zero_employment", SurveyFilter(flag=Flag.ZERO_EMPLOYMENT.value)),
            ("old_house_overdue", SurveyFilter(flag=OLD_HOUSE_LATE)),
        ):
            listed = count_households(s, admin, HouseholdFilter(survey=sf), today=TODAY)
            assert listed == counts[attention], attention


@pytest.mark.parametrize(
    "sf",
    [
        SurveyFilter(risk="amber", not_visited_this_month=True),
        SurveyFilter(flag=OLD_HOUSE_LATE),
        SurveyFilter(five_ones_incomplete=True, flag=Flag.LOW_INCOME.value),
    ],
)
def test_other_lists_can_select_what_the_status_filter_selects(
    township_db: sessionmaker[Session], admin: Actor, town: Town, sf: SurveyFilter
) -> None:
    with township_db.begin() as s:
        conds = status_conditions(s, admin, sf, today=TODAY)
        picked = set(s.scalars(select(Household.id).where(*conds)))
        rows = list_households(s, admin, HouseholdFilter(survey=sf), today=TODAY)
    assert picked == {r.id for r in rows}
    assert picked


def test_a_status_filter_makes_the_filter_not_empty() -> None:
    assert HouseholdFilter().is_empty
    assert HouseholdFilter(survey=SurveyFilter()).is_empty
    assert not HouseholdFilter(survey=SurveyFilter(not_visited_this_month=True)).is_empty


def test_every_listed_row_carries_its_risk_level(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    with township_db.begin() as s:
        rows = list_households(s, admin, HouseholdFilter(), limit=100, today=TODAY)
    risk = {r.head_name: r.risk for r in rows}
    assert risk["庚"] == "red"
    assert risk["乙"] == "amber"
    assert risk["甲"] == "green"
    assert set(risk.values()) == {"red", "amber", "green"}


def test_a_grid_member_filters_only_their_own_grids(
    township_db: sessionmaker[Session], town: Town
) -> None:
    from desktop.domain.enums import Role
    from tests.factories import make_user

    with township_db.begin() as s:
        site = make_site(s, name="阳光小区")
        grid = make_grid(s, site, name="第二网格")
        b = make_building(s, site, grid, name="9栋")
        make_household(
            s,
            building=b,
            members=[member("壬", labour="full", employment="unemployed")],
            **NO_OLD_HOUSE,
        )
        other = make_user(s, role=Role.GRID_MEMBER, grids=[grid])
    assert _names(township_db, other, town, SurveyFilter(flag=Flag.ZERO_EMPLOYMENT.value)) == {"壬"}
    assert _names(township_db, other, town, SurveyFilter(risk="amber")) == {"壬"}


def test_the_household_page_gets_what_each_visit_recorded(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    with township_db.begin() as s:
        detail = household_detail(s, admin, town.ids["辛"], TODAY)
    latest = detail.visits[0]
    assert latest.alerts[0]["code"] == "job_lost"
    assert latest.changes[0]["field"] == "income_per_head"


def test_a_profile_that_counts_farming_as_work_changes_every_count_alike(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    """One definition of zero employment, chosen by the profile: the monitoring flag,
    the list's filter and the dashboard move together."""
    from desktop.services import board, township
    from desktop.services.clock import FixedClock

    with township_db.begin() as s:
        township.set_setting(s, "policy_override", "[employment]\nfarming_counts_as_work = true\n")
    sf = SurveyFilter(flag=Flag.ZERO_EMPLOYMENT.value)
    assert _names(township_db, admin, town, sf) == {"乙"}
    clock = FixedClock(datetime(2026, 11, 22, 2, 0, tzinfo=UTC))
    with township_db.begin() as s:
        counts = {i.kind.value: i.count for i in board.dashboard(s, admin, clock=clock).attention}
        by_rules = households_matching(s, admin, sf, today=TODAY)
    assert counts["zero_employment"] == 1 == len(by_rules)
