"""Pure rules behind grid management and the coverage board.

The board, the dashboard and the monthly snapshot count the same things; the
definitions live here once so that every screen, report and test agrees on
what "a labourer", "employed" or "an old house past its deadline" means.  All
numbers come from the policy profile: nothing here hard-codes a threshold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

from desktop.domain.enums import (
    EmploymentStatus,
    LabourCapacity,
    MonitoringCategory,
    OldHouseStatus,
)
from desktop.domain.errors import ValidationError
from desktop.domain.policy import EmploymentRule, OldHouseRule, SiteRule

# Township time: every site is in China, so "today" and "this month" are Beijing time
# whatever the laptop's clock zone says (many are set to UTC by the vendor).
CHINA_TZ = timezone(timedelta(hours=8), "CST")

# A person who can work: the three labour capacities counted as labour force.
LABOUR_CAPACITIES: frozenset[str] = frozenset(
    {LabourCapacity.FULL.value, LabourCapacity.SKILLED.value, LabourCapacity.PARTIAL.value}
)

# Employment counted as "in work" for the employment goal.  Farming one's own plot
# is not, unless the profile says so (``employment.farming_counts_as_work``): the
# policy documents ask for wage work, self-employment or a public welfare post
# for every household with labour.
EMPLOYED_STATUSES: frozenset[str] = frozenset(
    {
        EmploymentStatus.EMPLOYED.value,
        EmploymentStatus.SELF_EMPLOYED.value,
        EmploymentStatus.PUBLIC_WELFARE.value,
    }
)


def working_statuses(rule: EmploymentRule) -> frozenset[str]:
    """The employment statuses counted as work under the profile: the one definition of
    "in work" and of a zero-employment household (零就业家庭) for the board, the
    dashboard, the monitoring flag, the household list and the ledgers."""
    if rule.farming_counts_as_work:
        return EMPLOYED_STATUSES | {EmploymentStatus.FARMING.value}
    return EMPLOYED_STATUSES


NOT_MONITORED = MonitoringCategory.NONE.value

# Work orders no longer waiting for anyone.
CLOSED_ORDER_STATUSES: frozenset[str] = frozenset(
    {"resolved", "answered", "followed_up", "merged", "cancelled"}
)

CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,29}$")
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def local_today(now: datetime) -> date:
    """The date in the township for an aware ``now``."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(CHINA_TZ).date()


# ---------------------------------------------------------------- months


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(text: str) -> tuple[date, date]:
    """First day of the month and first day of the next, for ``YYYY-MM``."""
    match = MONTH_RE.match(text.strip())
    if not match:
        raise ValidationError("month_format", field="month")
    year, month = int(match.group(1)), int(match.group(2))
    first = date(year, month, 1)
    after = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first, after


def previous_month(text: str) -> str:
    first, _ = parse_month(text)
    return month_of(first - timedelta(days=1))


def month_range(last: str, count: int) -> list[str]:
    """``count`` months ending with ``last``, oldest first."""
    months = [last]
    while len(months) < count:
        months.append(previous_month(months[-1]))
    return list(reversed(months))


# ---------------------------------------------------------------- codes


def normalise_code(text: str, field: str) -> str:
    """Grid, building and site codes: letters, digits, ``-`` and ``_``, up to 30."""
    code = text.strip().upper()
    if not code:
        raise ValidationError("required", field=field)
    if not CODE_RE.match(code):
        raise ValidationError("place_code_format", field=field)
    return code


def normalise_name(text: str, field: str, max_length: int = 50) -> str:
    name = " ".join(text.split())
    if not name:
        raise ValidationError("required", field=field)
    if len(name) > max_length:
        raise ValidationError("place_name_too_long", field=field, max=max_length)
    return name


# ---------------------------------------------------------------- old houses


class OldHouseStep(StrEnum):
    DEMOLISH = "demolish"  # 拆旧
    RECLAIM = "reclaim"  # 复垦复绿


@dataclass(frozen=True, slots=True)
class OldHouseDeadline:
    step: OldHouseStep
    due: date


def old_house_deadline(
    rule: OldHouseRule,
    *,
    status: str,
    hazard: bool,
    move_in_date: date | None,
    demolished_on: date | None,
) -> OldHouseDeadline | None:
    """The next step an old house owes and its due date, or None when nothing is owed.

    A house in a hazard zone (or a dangerous house) is due the day the family
    moves in when the profile says "demolish at once"; other houses within the
    profile's period after moving in; the land within its period after
    demolition, or after moving in where the document counts so (Shanxi).  A
    profile whose document sets no period owes nothing.
    """
    if status == OldHouseStatus.STANDING.value:
        due = rule.demolish_by(move_in_date, hazard)
        return OldHouseDeadline(OldHouseStep.DEMOLISH, due) if due else None
    if status == OldHouseStatus.DEMOLISHED.value and demolished_on is not None:
        due = rule.reclaim_by(move_in_date, demolished_on)
        return OldHouseDeadline(OldHouseStep.RECLAIM, due) if due else None
    return None


@dataclass(frozen=True, slots=True)
class OldHouseCutoffs:
    """The same rule as :func:`old_house_deadline`, as dates SQL can compare with.

    A house is past its deadline when its due date is before ``today``, that is
    when ``move_in_date < standing_before`` (ordinary), ``move_in_date <
    hazard_before`` (hazard zone) or, for a demolished house, its start date
    (``reclaim_from``: the demolition or the move-in) ``< demolished_before``.
    None: nothing of that kind can be overdue (the document sets no period).
    """

    standing_before: date | None
    hazard_before: date | None
    demolished_before: date | None
    reclaim_from_move_in: bool = False


def old_house_cutoffs(rule: OldHouseRule, today: date) -> OldHouseCutoffs:
    ordinary = rule.demolish_within.cutoff(today) if rule.demolish_within else None
    hazard = today if rule.hazard_demolish_at_once else ordinary
    return OldHouseCutoffs(
        standing_before=ordinary,
        hazard_before=hazard,
        demolished_before=rule.reclaim_within.cutoff(today) if rule.reclaim_within else None,
        reclaim_from_move_in=rule.reclaim_from == "move_in",
    )


# ---------------------------------------------------------------- households


def is_labourer(labour: str) -> bool:
    return labour in LABOUR_CAPACITIES


def is_employed(employment: str) -> bool:
    return employment in EMPLOYED_STATUSES


def is_zero_employment(labourers: int, employed_members: int) -> bool:
    """A household with labour in which nobody is in work (零就业家庭)."""
    return labourers > 0 and employed_members == 0


def share(part: int, whole: int) -> float:
    """``part / whole``, 0.0 for an empty whole (an empty grid is not "0 % seen")."""
    return part / whole if whole else 0.0


# ---------------------------------------------------------------- sites


class SiteScale(StrEnum):
    ORDINARY = "ordinary"
    LARGE = "large"  # reaches a profile threshold with extra duties


@dataclass(frozen=True, slots=True)
class SiteScaleInfo:
    persons: int
    scale: SiteScale
    county_level_chief_required: bool
    collective_economy_required: bool


def site_scale(rule: SiteRule, persons: int) -> SiteScaleInfo:
    """Scale class from the resident count: thresholds of 0 mean "no such duty"."""
    chief = rule.chief_county_level_from_persons > 0 and persons >= (
        rule.chief_county_level_from_persons
    )
    collective = rule.collective_economy_from_persons > 0 and persons >= (
        rule.collective_economy_from_persons
    )
    return SiteScaleInfo(
        persons=persons,
        scale=SiteScale.LARGE if chief or collective else SiteScale.ORDINARY,
        county_level_chief_required=chief,
        collective_economy_required=collective,
    )


@dataclass(frozen=True, slots=True)
class FacilityItem:
    name: str
    met: bool
    note: str
    in_profile: bool


def _facility_entry(entry: object) -> tuple[bool, str]:
    """``{"met": bool, "note": str}`` as written here, or a bare bool as imported ledgers hold."""
    if isinstance(entry, Mapping):
        return bool(entry.get("met")), str(entry.get("note", "") or "")
    return bool(entry), ""


def facilities_checklist(rule: SiteRule, stored: Mapping[str, Any]) -> list[FacilityItem]:
    """The profile's checklist in its order, with what the site recorded for each item.

    Items recorded under an earlier profile and no longer in it are kept at the
    end (``in_profile`` False) so that switching profiles loses nothing.
    """
    items = []
    for name in rule.facilities:
        met, note = _facility_entry(stored.get(name))
        items.append(FacilityItem(name, met, note, in_profile=True))
    for name, entry in stored.items():
        if name not in rule.facilities:
            met, note = _facility_entry(entry)
            items.append(FacilityItem(name, met, note, in_profile=False))
    return items


class VisitProgress(StrEnum):
    """How a grid's monthly round is going: every household seen, keeping pace, behind."""

    DONE = "done"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    EMPTY = "empty"  # no households to visit


def visit_progress(visited: int, households: int, today: date) -> VisitProgress:
    """Behind when the share seen lags the share of the month gone by.

    On the 11th of a 30-day month (ten days gone) a grid that has seen a third of its
    households keeps pace; the 1-in-12 rounds a year allow no slack beyond that.
    """
    if households == 0:
        return VisitProgress.EMPTY
    if visited >= households:
        return VisitProgress.DONE
    first, after = parse_month(month_of(today))
    elapsed = (today - first).days / (after - first).days  # whole days gone by
    return (
        VisitProgress.ON_TRACK if visited / households >= elapsed - 1e-9 else VisitProgress.BEHIND
    )
