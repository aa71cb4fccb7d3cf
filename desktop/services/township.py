"""The township this database belongs to: setup, facts, policy profile."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import AreaLevel, Role
from desktop.domain.errors import ValidationError
from desktop.domain.policy import PolicyProfile, available_profiles, load_profile
from desktop.resources import resource_path
from desktop.services import auth
from desktop.store.models import Area, Setting
from desktop.store.models_sync import SyncPeer

# keys of the settings table
K_COUNTY_CODE = "county_code"
K_TOWNSHIP_CODE = "township_code"
K_PROFILE = "policy_profile"
K_PROFILE_OVERRIDE = "policy_override"
K_DEMO = "demo"
K_DEVICE_ID = "device_id"

COUNTY_CODE_RE = re.compile(r"^\d{6}$")
TOWNSHIP_CODE_RE = re.compile(r"^\d{9}$")


@dataclass(frozen=True, slots=True)
class TownshipInfo:
    county_code: str
    county_name: str
    township_code: str
    township_name: str
    profile_id: str
    demo: bool
    last_sync_at: str | None


def policies_dir() -> Path:
    return resource_path("policies")


@cache
def profiles() -> dict[str, PolicyProfile]:
    return available_profiles(policies_dir())


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else None


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def is_set_up(session: Session) -> bool:
    return get_setting(session, K_TOWNSHIP_CODE) is not None


def township_info(session: Session) -> TownshipInfo | None:
    t_code = get_setting(session, K_TOWNSHIP_CODE)
    c_code = get_setting(session, K_COUNTY_CODE)
    if t_code is None or c_code is None:
        return None
    rows = session.execute(select(Area.code, Area.name).where(Area.code.in_([t_code, c_code])))
    names = {code: name for code, name in rows}
    return TownshipInfo(
        county_code=c_code,
        county_name=names.get(c_code, ""),
        township_code=t_code,
        township_name=names.get(t_code, ""),
        profile_id=get_setting(session, K_PROFILE) or "default",
        demo=get_setting(session, K_DEMO) == "1",
        last_sync_at=_last_sync(session),
    )


def _last_sync(session: Session) -> str | None:
    """When a package last came back from the county (ISO time), or None."""
    when = session.scalar(select(SyncPeer.last_sync_at))
    return when.isoformat() if when is not None else None


def policy(session: Session) -> PolicyProfile:
    """The profile in force: the chosen one with the county's override merged over it."""
    profile_id = get_setting(session, K_PROFILE) or "default"
    override = get_setting(session, K_PROFILE_OVERRIDE)
    path = policies_dir() / f"{profile_id}.toml"
    if not override:
        return profiles()[profile_id]
    return load_profile(path, override)


def township_area(session: Session) -> Area:
    code = get_setting(session, K_TOWNSHIP_CODE)
    area = session.scalar(select(Area).where(Area.code == code))
    assert area is not None, "township not set up"
    return area


def set_up(
    session: Session,
    *,
    profile_id: str,
    county_code: str,
    county_name: str,
    township_code: str,
    township_name: str,
    admin_username: str,
    admin_display_name: str,
    admin_password: str,
    demo: bool = False,
) -> TownshipInfo:
    """First run on a real township: profile, county, township and first administrator."""
    if is_set_up(session):
        raise ValidationError("already_set_up")
    if profile_id not in profiles():
        raise ValidationError("unknown_profile", field="profile")
    if not COUNTY_CODE_RE.match(county_code):
        raise ValidationError("county_code_format", field="county_code")
    if not TOWNSHIP_CODE_RE.match(township_code):
        raise ValidationError("township_code_format", field="township_code")
    if not township_code.startswith(county_code):
        raise ValidationError("township_not_in_county", field="township_code")
    if not county_name.strip():
        raise ValidationError("required", field="county_name")
    if not township_name.strip():
        raise ValidationError("required", field="township_name")
    if not admin_username.strip():
        raise ValidationError("required", field="username")
    auth.check_password_rules(admin_password)
    county = Area(code=county_code, name=county_name.strip(), level=AreaLevel.COUNTY.value)
    session.add(county)
    session.flush()
    session.add(
        Area(
            code=township_code,
            name=township_name.strip(),
            level=AreaLevel.TOWNSHIP.value,
            parent_id=county.id,
        )
    )
    auth.create_user(
        session,
        None,
        username=admin_username,
        display_name=admin_display_name,
        password=admin_password,
        role=Role.ADMIN,
    )
    set_setting(session, K_COUNTY_CODE, county_code)
    set_setting(session, K_TOWNSHIP_CODE, township_code)
    set_setting(session, K_PROFILE, profile_id)
    set_setting(session, K_DEMO, "1" if demo else "0")
    session.flush()
    info = township_info(session)
    assert info is not None
    return info
