"""Policy profiles: the numbers of the policy documents, as data.

The five documents disagree (demolition within 180 days or 6 months, site
chiefs from 500 or 10 000 people...), so every rule reads its numbers from a
:class:`PolicyProfile`, parsed from a TOML file under ``resources/policies/``.
No policy number appears in logic.  A county may override any value: the
override is a TOML document of the same shape merged over the chosen profile.
"""

from __future__ import annotations

import tomllib
from dataclasses import MISSING, dataclass, fields
from pathlib import Path
from typing import Any, Literal

from desktop.domain.errors import ValidationError

DayCount = Literal["calendar", "working"]


@dataclass(frozen=True, slots=True)
class ServiceRule:
    respond_minutes: int
    arrive_hours: int
    resolve_days: int
    day_count: DayCount
    warning_fraction: float
    escalation: tuple[str, ...]
    escalation_step_hours: int


@dataclass(frozen=True, slots=True)
class OldHouseRule:
    demolish_within_days: int
    hazard_demolish_at_once: bool
    reclaim_within_days: int


@dataclass(frozen=True, slots=True)
class HousingRule:
    resale_ban_years: int
    inheritance_excepted: bool
    no_mortgage_or_rent: bool


@dataclass(frozen=True, slots=True)
class EmploymentRule:
    min_employed_per_labour_household: int
    five_ones: bool
    job_offers_per_year: int
    career_guidance_per_year: int
    free_training_per_year: int
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


@dataclass(frozen=True, slots=True)
class SiteRule:
    chief_county_level_from_persons: int
    collective_economy_from_persons: int
    facilities_standard: str
    facilities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PolicyProfile:
    id: str
    name: str
    name_en: str
    source: str
    service: ServiceRule
    old_house: OldHouseRule
    housing: HousingRule
    employment: EmploymentRule
    monitoring: MonitoringRule
    site: SiteRule


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


def _section(cls: type, data: dict[str, Any], name: str) -> Any:
    values = {}
    for f in fields(cls):
        if f.name not in data and f.default is not MISSING:
            continue  # a key added later: a profile published before it keeps the default
        if f.name not in data:
            raise ValidationError("policy_missing_key", field=f"{name}.{f.name}")
        value = data[f.name]
        values[f.name] = tuple(value) if isinstance(value, list) else value
    return cls(**values)


def profile_from_dict(data: dict[str, Any]) -> PolicyProfile:
    head = data.get("profile", {})
    for key in ("id", "name", "name_en", "source"):
        if key not in head:
            raise ValidationError("policy_missing_key", field=f"profile.{key}")
    sections = {name: _section(cls, data.get(name, {}), name) for name, cls in _SECTIONS.items()}
    profile = PolicyProfile(
        id=head["id"],
        name=head["name"],
        name_en=head["name_en"],
        source=head["source"],
        **sections,
    )
    if profile.service.day_count not in ("calendar", "working"):
        raise ValidationError("policy_bad_value", field="service.day_count")
    return profile


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
