"""Checks a county runs before publishing a rule: a bad file is refused here, in
Chinese, and nothing is published, so no township ever receives a rule it
cannot read.

A policy override is checked by merging it over every bundled profile (a
township may run any of them), so a misspelt section, a missing key after the
merge or a bad value is caught at the county.  A holiday file is parsed with
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


def check_policy_override(path: Path) -> str:
    """The override's TOML text, once it merges cleanly over every bundled profile."""
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError("publish_policy_syntax", field="file", detail=str(exc)) from None
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
    tables = parse_holiday_table(_read(path), suffix=path.suffix)
    content = json.dumps(table_to_dict(tables), ensure_ascii=False, sort_keys=True)
    return content, tuple(t.year for t in tables)
