"""The pure rules behind the board: old-house deadlines, facilities, months, visit pace."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import coverage
from desktop.domain.coverage import OldHouseStep, VisitProgress
from desktop.domain.errors import ValidationError
from desktop.domain.policy import OldHouseRule, Period
from desktop.services.township import profiles

PERIODS = st.none() | st.builds(
    Period,
    amount=st.integers(0, 400),
    unit=st.sampled_from(["days", "months", "years"]),
).filter(lambda p: p is None or p.unit == "days" or p.amount <= 24)
RULES = st.builds(
    OldHouseRule,
    demolish_within=PERIODS,
    hazard_demolish_at_once=st.booleans(),
    reclaim_within=PERIODS,
    reclaim_from=st.sampled_from(["demolition", "move_in"]),
)
DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


@given(
    rule=RULES,
    status=st.sampled_from(["standing", "demolished", "reclaimed", "retained", "none"]),
    hazard=st.booleans(),
    moved_in=st.none() | DAYS,
    demolished=st.none() | DAYS,
    today=DAYS,
)
def test_the_sql_cutoffs_say_what_the_deadline_says(
    rule: OldHouseRule,
    status: str,
    hazard: bool,
    moved_in: date | None,
    demolished: date | None,
    today: date,
) -> None:
    """The board counts with date cutoffs in SQL; they must agree with the rule itself."""
    deadline = coverage.old_house_deadline(
        rule, status=status, hazard=hazard, move_in_date=moved_in, demolished_on=demolished
    )
    expected = deadline is not None and deadline.due < today
    c = coverage.old_house_cutoffs(rule, today)
    if status == "standing" and moved_in is not None:
        before = c.hazard_before if hazard else c.standing_before
        late = before is not None and moved_in < before
    elif status == "demolished" and demolished is not None:
        start = moved_in if c.reclaim_from_move_in else demolished
        late = c.demolished_before is not None and start is not None
        late = late and start < c.demolished_before  # type: ignore[operator]
    else:
        late = False
    assert late == expected


def test_xiangxi_and_shanxi_deadlines() -> None:
    xiangxi, shanxi = profiles()["xiangxi"].old_house, profiles()["shanxi"].old_house
    moved = date(2026, 1, 1)
    d = coverage.old_house_deadline(
        xiangxi, status="standing", hazard=False, move_in_date=moved, demolished_on=None
    )
    assert d is not None and d.step is OldHouseStep.DEMOLISH and d.due == date(2026, 6, 30)
    d = coverage.old_house_deadline(
        xiangxi, status="standing", hazard=True, move_in_date=moved, demolished_on=None
    )
    assert d is not None and d.due == moved  # hazard zone: at once
    # Shanxi: 6 calendar months after moving in; the land a year after moving in
    # (搬迁入住6个月内完成旧房拆除，一年内完成土地复垦), however late the demolition
    d = coverage.old_house_deadline(
        shanxi, status="standing", hazard=True, move_in_date=date(2025, 8, 31), demolished_on=None
    )
    assert d is not None and d.due == date(2026, 2, 28)
    d = coverage.old_house_deadline(
        shanxi,
        status="demolished",
        hazard=False,
        move_in_date=moved,
        demolished_on=moved + timedelta(days=100),
    )
    assert d is not None and d.step is OldHouseStep.RECLAIM
    assert d.due == date(2027, 1, 1)
    for silent in ("guizhou", "chenzhou", "hebei"):
        rule = profiles()[silent].old_house
        assert (
            coverage.old_house_deadline(
                rule, status="standing", hazard=True, move_in_date=moved, demolished_on=None
            )
            is None
        )


def test_site_scale_follows_the_profile() -> None:
    guizhou, shanxi, chenzhou = (profiles()[k].site for k in ("guizhou", "shanxi", "chenzhou"))
    assert not coverage.site_scale(guizhou, 9_999).county_level_chief_required
    assert coverage.site_scale(guizhou, 10_000).county_level_chief_required
    assert coverage.site_scale(shanxi, 500).scale is coverage.SiteScale.LARGE
    big = coverage.site_scale(chenzhou, 1_000)
    assert big.collective_economy_required and not big.county_level_chief_required
    assert (
        coverage.site_scale(profiles()["xiangxi"].site, 50_000).scale is coverage.SiteScale.ORDINARY
    )


def test_facilities_checklist_keeps_notes_bare_flags_and_old_items() -> None:
    shanxi = profiles()["shanxi"].site
    items = coverage.facilities_checklist(
        shanxi, {"通路": {"met": True, "note": "已通"}, "通电": True, "亮化": {"met": True}}
    )
    assert [i.name for i in items[:2]] == ["通路", "通电"]
    assert (items[0].met, items[0].note) == (True, "已通")
    assert items[1].met and items[1].note == ""
    assert items[-1].name == "亮化" and not items[-1].in_profile
    assert sum(i.in_profile for i in items) == len(shanxi.facilities)


def test_months() -> None:
    assert coverage.parse_month("2026-12") == (date(2026, 12, 1), date(2027, 1, 1))
    assert coverage.previous_month("2026-01") == "2025-12"
    assert coverage.month_range("2026-02", 3) == ["2025-12", "2026-01", "2026-02"]
    with pytest.raises(ValidationError):
        coverage.parse_month("2026-13")


def test_visit_pace() -> None:
    today = date(2026, 11, 11)  # ten of thirty days gone
    assert coverage.visit_progress(0, 0, today) is VisitProgress.EMPTY
    assert coverage.visit_progress(30, 30, today) is VisitProgress.DONE
    assert coverage.visit_progress(10, 30, today) is VisitProgress.ON_TRACK
    assert coverage.visit_progress(9, 30, today) is VisitProgress.BEHIND
    assert coverage.visit_progress(0, 30, date(2026, 11, 1)) is VisitProgress.ON_TRACK
