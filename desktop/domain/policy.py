"""Policy profiles: the numbers of the policy documents, as data.

The five documents disagree (demolition within 180 days or 6 months, site
chiefs from 500 or 10 000 people...), so every rule reads its numbers from a
:class:`PolicyProfile`, parsed from a TOML file under ``resources/policies/``.
No policy number appears in logic.  A county may override any value: the
override is a TOML document of the same shape merged over the chosen profile.

Decisions, and why:

- Every value cites where it comes from.  Each section of a profile has a
  ``source`` table beside its values: for each key either the sentence of the
  profile's document (a copy of each document is kept in
  ``resources/policies/sources/``, named in ``[profile] document``) or, for a
  value no document gives, ``{ note = "..." }`` saying where it comes from.
  ``tests/unit/test_policy_sources.py`` reads the documents and checks that
  every quoted sentence is there, so a profile cannot drift from its text.
- A profile says only what its document says.  Where a document is silent the
  value is the neutral one (no deadline, no resale ban, no yearly services):
  ``demolish_within = ""`` means "the document sets no deadline", and nothing
  is overdue.  The three-three times are the exception, as work orders need a
  clock: where the document has no "三个三", ``service.stated = false`` keeps
  the times as Anju's own service targets, and the card promises nothing.
- Deadlines are periods in the document's own unit (``"180 days"``,
  ``"6 months"``, ``"1 year"``), counted from the date the document counts
  from: Xiangxi reclaims within 180 days of demolition, Shanxi within one year
  of moving in (``reclaim_from = "move_in"``).  Calendar months end on the
  same day of the month, or on the month's last day when it is shorter.
"""

from __future__ import annotations

import calendar
import html
import re
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from desktop.domain.errors import ValidationError

DayCount = Literal["calendar", "working"]
PeriodUnit = Literal["days", "months", "years"]
_UNITS: dict[str, PeriodUnit] = {
    "day": "days",
    "days": "days",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (the month's last day if shorter)."""
    years, index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Period:
    """A time limit as the document states it: 180 days, 6 months, 1 year."""

    amount: int
    unit: PeriodUnit

    @classmethod
    def parse(cls, text: str, field: str) -> Period | None:
        """``"6 months"`` -> Period(6, "months"); ``""`` (the document sets none) -> None."""
        text = text.strip()
        if not text:
            return None
        parts = text.split()
        if len(parts) != 2 or not parts[0].isdigit() or parts[1] not in _UNITS:
            raise ValidationError("policy_bad_value", field=field)
        return cls(int(parts[0]), _UNITS[parts[1]])

    def after(self, start: date) -> date:
        """The deadline of something that started on ``start``."""
        if self.unit == "days":
            return start + timedelta(days=self.amount)
        return add_months(start, self.amount * (12 if self.unit == "years" else 1))

    def cutoff(self, today: date) -> date:
        """The earliest start whose deadline has not passed on ``today``.

        ``after(start) < today`` exactly when ``start < cutoff(today)``, so SQL can
        find what is overdue by comparing a date column with one date.
        """
        if self.unit == "days":
            return today - timedelta(days=self.amount)
        start = add_months(today, -self.amount * (12 if self.unit == "years" else 1))
        while self.after(start) < today:
            start += timedelta(days=1)
        while self.after(start - timedelta(days=1)) >= today:
            start -= timedelta(days=1)
        return start


@dataclass(frozen=True, slots=True)
class Source:
    """Where one value of a profile comes from."""

    quote: str = ""  # a sentence of the document, as printed there
    document: str = ""  # a file under resources/policies/sources/; "" is the profile's own
    note: str = ""  # for a value no document gives: where it comes from


@dataclass(frozen=True, slots=True)
class ServiceRule:
    respond_minutes: int
    arrive_hours: int
    resolve_days: int
    day_count: DayCount
    warning_fraction: float
    escalation: tuple[str, ...]
    escalation_step_hours: int
    stated: bool = True  # the document states the three-three rule: the card promises it


@dataclass(frozen=True, slots=True)
class OldHouseRule:
    demolish_within: Period | None  # after moving in; None: the document sets no deadline
    hazard_demolish_at_once: bool
    reclaim_within: Period | None
    reclaim_from: Literal["demolition", "move_in"]

    def demolish_by(self, move_in: date | None, hazard: bool) -> date | None:
        """The demolition deadline of an old house, or None when none is set."""
        if move_in is None:
            return None
        if hazard and self.hazard_demolish_at_once:
            return move_in
        return self.demolish_within.after(move_in) if self.demolish_within else None

    def reclaim_by(self, move_in: date | None, demolished_on: date | None) -> date | None:
        """The reclamation deadline, counted from the date the document counts from."""
        if self.reclaim_within is None:
            return None
        start = move_in if self.reclaim_from == "move_in" else demolished_on
        return self.reclaim_within.after(start) if start else None


@dataclass(frozen=True, slots=True)
class HousingRule:
    resale_ban_years: int
    inheritance_excepted: bool
    no_mortgage_or_rent: bool
    # Shanxi: 推动拿到钥匙超过半年未搬迁的群众尽快入住; None: the document says nothing
    move_in_after_keys: Period | None


@dataclass(frozen=True, slots=True)
class EmploymentRule:
    min_employed_per_labour_household: int  # 0: the document sets no number
    five_ones: bool
    # employment services owed to each unemployed labourer: Chenzhou's "311"
    # every year, Shanxi's three job offers in all ("total": since moving in)
    job_offers: int
    career_guidance: int
    free_training: int
    services_period: Literal["year", "total"]
    zero_employment_clearance: bool
    # Whether farming one's own land counts as work for 零就业家庭 and "in work"
    # (desktop.domain.coverage.working_statuses).  Absent from older profiles: no.
    farming_counts_as_work: bool = False


@dataclass(frozen=True, slots=True)
class MonitoringRule:
    monthly_update: bool
    visits_per_year: int
    income_line_per_head_year: int
    income_drop_alert: float
    special_groups: tuple[str, ...]  # desktop.domain.enums.SpecialGroup values the document names


@dataclass(frozen=True, slots=True)
class SiteRule:
    chief_county_level_from_persons: int
    collective_economy_from_persons: int
    facilities_standard: str
    facilities: tuple[str, ...]
    management_standard: str  # Hebei's 六位一体
    management_units: tuple[str, ...]
    assets_in_use_target: float  # Guizhou: 盘活率 80 % of a site's shops, garages, markets


@dataclass(frozen=True, slots=True)
class PolicyProfile:
    id: str
    name: str
    name_en: str
    source: str
    document: str  # the document's file under resources/policies/sources/
    service: ServiceRule
    old_house: OldHouseRule
    housing: HousingRule
    employment: EmploymentRule
    monitoring: MonitoringRule
    site: SiteRule
    sources: Mapping[str, Source]  # "section.key" -> where the value comes from


_SECTIONS: dict[str, type] = {
    "service": ServiceRule,
    "old_house": OldHouseRule,
    "housing": HousingRule,
    "employment": EmploymentRule,
    "monitoring": MonitoringRule,
    "site": SiteRule,
}


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


_PERIODS = frozenset({"demolish_within", "reclaim_within", "move_in_after_keys"})
_CHOICES: dict[str, tuple[str, ...]] = {
    "day_count": ("calendar", "working"),
    "reclaim_from": ("demolition", "move_in"),
    "services_period": ("year", "total"),
}


def _section(cls: type, data: dict[str, Any], name: str) -> Any:
    values = {}
    for f in fields(cls):
        if f.name not in data and f.default is not MISSING:
            continue  # a key added later: a profile published before it keeps the default
        if f.name not in data:
            raise ValidationError("policy_missing_key", field=f"{name}.{f.name}")
        value = data[f.name]
        if f.name in _PERIODS:
            value = Period.parse(str(value), f"{name}.{f.name}")
        elif f.name in _CHOICES and value not in _CHOICES[f.name]:
            raise ValidationError("policy_bad_value", field=f"{name}.{f.name}")
        values[f.name] = tuple(value) if isinstance(value, list) else value
    return cls(**values)


def _sources(data: dict[str, Any]) -> dict[str, Source]:
    out: dict[str, Source] = {}
    for name in _SECTIONS:
        for key, value in (data.get(name, {}).get("source") or {}).items():
            if isinstance(value, str):
                out[f"{name}.{key}"] = Source(quote=value)
            elif isinstance(value, dict):
                out[f"{name}.{key}"] = Source(
                    quote=str(value.get("quote", "")),
                    document=str(value.get("document", "")),
                    note=str(value.get("note", "")),
                )
    return out


def profile_from_dict(data: dict[str, Any]) -> PolicyProfile:
    head = data.get("profile", {})
    for key in ("id", "name", "name_en", "source", "document"):
        if key not in head:
            raise ValidationError("policy_missing_key", field=f"profile.{key}")
    sections = {name: _section(cls, data.get(name, {}), name) for name, cls in _SECTIONS.items()}
    profile = PolicyProfile(
        id=head["id"],
        name=head["name"],
        name_en=head["name_en"],
        source=head["source"],
        document=head["document"],
        sources=_sources(data),
        **sections,
    )
    return profile


_PUNCTUATION = str.maketrans(
    {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
)
# A reading in brackets after a character, as the Hebei report prints: 項(xiàng)
_READING = re.compile(r"\([a-zA-Z\u00c0-\u024f\u1e00-\u1eff ]+\)")


def comparable_text(text: str) -> str:
    """Text as the source check compares it: readings in brackets and HTML entities
    gone, half-width punctuation as full-width, no white space."""
    text = html.unescape(_READING.sub("", text))
    return "".join(text.translate(_PUNCTUATION).split())


def load_profile(path: Path, override: str | None = None) -> PolicyProfile:
    """Parse a profile file, with an optional county override (TOML text) merged over it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if override:
        data = _merge(data, tomllib.loads(override))
    return profile_from_dict(data)


def available_profiles(directory: Path) -> dict[str, PolicyProfile]:
    """Every profile under ``directory``, by id, default first."""
    found = {}
    for path in sorted(directory.glob("*.toml"), key=lambda p: (p.stem != "default", p.stem)):
        profile = load_profile(path)
        found[profile.id] = profile
    return found
