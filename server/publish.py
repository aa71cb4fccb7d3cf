"""Checks a county runs before publishing a rule: a bad file is refused here, in
Chinese, and nothing is published, so no township ever receives a rule it
cannot read.

A policy override is checked by merging it over every bundled profile (a
township may run any of them), so a misspelt section, a missing key after the
merge or a bad value is caught at the county.  Numbers are checked against
:data:`RANGES` too (a profile would load ``respond_minutes = -5`` or
``warning_fraction = 7.5`` and every township would count with it): a number
out of its range is refused with the key named.  A holiday file is parsed with
the same code the township uses and published in its normalised JSON form.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from desktop.domain.errors import ValidationError
from desktop.domain.holidays import parse_holiday_table, table_to_dict
from desktop.domain.policy import load_profile
from desktop.services.township import policies_dir


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError("publish_unreadable", field="file", path=str(path)) from exc


# What a number in a profile may be: (lowest, highest), both allowed.  Keys not listed
# may be any number not below zero; a share (a key ending in ``_fraction``, ``_alert``
# or ``_target``) is at most 1.
RANGES: dict[str, tuple[float, float]] = {
    "service.respond_minutes": (1, 24 * 60),
    "service.arrive_hours": (1, 30 * 24),
    "service.resolve_days": (1, 365),
    "service.warning_fraction": (0, 1),
    "service.escalation_step_hours": (1, 30 * 24),
    "housing.resale_ban_years": (0, 70),
    "employment.min_employed_per_labour_household": (0, 20),
    "monitoring.visits_per_year": (0, 366),
    "monitoring.income_drop_alert": (0, 1),
    "site.assets_in_use_target": (0, 1),
}
SHARE_SUFFIXES = ("_fraction", "_alert", "_target")


def out_of_range(
    data: dict[str, object], prefix: str = ""
) -> tuple[str, object, float, float] | None:
    """The first number of ``data`` outside its range: (key, value, lowest, highest)."""
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            found = out_of_range(value, name + ".")
            if found:
                return found
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        low, high = RANGES.get(name, (0, 1) if name.endswith(SHARE_SUFFIXES) else (0, float("inf")))
        if not low <= value <= high:
            return name, value, low, high
    return None


def check_policy_text(text: str) -> str:
    """The override's TOML text, once it is in range and merges cleanly over every
    bundled profile; a ValidationError in Chinese otherwise (the web form's check)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError("publish_policy_syntax", field="file", detail=str(exc)) from None
    bad = out_of_range(data)
    if bad is not None:
        key, value, low, high = bad
        raise ValidationError(
            "publish_policy_out_of_range",
            field=key,
            key=key,
            value=value,
            low=f"{low:g}",
            high="不限" if high == float("inf") else f"{high:g}",
        )
    return _check_merge(text, data)


def check_policy_override(path: Path) -> str:
    """The override's TOML text, once it merges cleanly over every bundled profile."""
    return check_policy_text(_read(path))


def _check_merge(text: str, data: dict[str, object]) -> str:
    if not data:
        raise ValidationError("publish_policy_empty", field="file")
    if "profile" in data:
        raise ValidationError("publish_policy_profile_head", field="profile")
    for profile_path in sorted(policies_dir().glob("*.toml")):
        base = tomllib.loads(profile_path.read_text(encoding="utf-8"))
        unknown = _unknown_keys(base, data)
        if unknown:
            raise ValidationError("publish_policy_unknown_key", field="file", key=unknown)
        wrong = _wrong_type(base, data)
        if wrong:
            raise ValidationError("publish_policy_bad_value", field="file", key=wrong)
        try:
            load_profile(profile_path, text)
        except ValidationError as exc:
            raise ValidationError(
                "publish_policy_bad_value", field="file", key=exc.field or ""
            ) from exc
    return text


def _unknown_keys(base: dict[str, object], over: dict[str, object], prefix: str = "") -> str:
    """The first key of ``over`` that no profile has (a typo would silently do nothing)."""
    for key, value in over.items():
        name = f"{prefix}{key}"
        if key not in base:
            return name
        inner = base[key]
        if isinstance(value, dict) and isinstance(inner, dict):
            found = _unknown_keys(inner, value, name + ".")
            if found:
                return found
    return ""


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def _wrong_type(base: dict[str, object], over: dict[str, object], prefix: str = "") -> str:
    """The first value of ``over`` of another kind than the profile's (text for a number)."""
    for key, value in over.items():
        inner = base[key]
        if isinstance(value, dict) and isinstance(inner, dict):
            found = _wrong_type(inner, value, f"{prefix}{key}.")
            if found:
                return found
        elif _kind(value) != _kind(inner):
            return f"{prefix}{key}"
    return ""


def check_holiday_file(path: Path) -> tuple[str, tuple[int, ...]]:
    """The holiday tables as JSON text, and the years they cover."""
    return check_holiday_text(_read(path), path.suffix)


def check_holiday_text(text: str, suffix: str) -> tuple[str, tuple[int, ...]]:
    """The same check on text (``suffix``: ".json" or ".toml"), for the web form."""
    tables = parse_holiday_table(text, suffix=suffix)
    content = json.dumps(table_to_dict(tables), ensure_ascii=False, sort_keys=True)
    return content, tuple(t.year for t in tables)
