"""The township this database belongs to: setup, facts, policy profile."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.domain.enums import AreaLevel, Role
from desktop.domain.errors import ValidationError
from desktop.domain.policy import PolicyProfile, available_profiles, load_profile
from desktop.resources import resource_path
from desktop.services import auth
from desktop.store.models import Area, Setting
from desktop.store.models_published import KIND_POLICY, PublishedRule
from desktop.store.models_sync import SyncPeer

# keys of the settings table
K_COUNTY_CODE = "county_code"
K_TOWNSHIP_CODE = "township_code"
K_PROFILE = "policy_profile"
K_PROFILE_OVERRIDE = "policy_override"
K_PROFILE_OVERRIDE_AT = "policy_override_at"  # ISO time the local override was set
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


K_LAPTOP_NO = "laptop_no"  # set at enrolment (desktop.sync.device)


def code_block(session: Session) -> str:
    """The segment codes made on this laptop carry, so two laptops working offline never
    give one code: ``"-3"`` on the township's laptop number 3 (the county numbers them
    at enrolment), ``""`` before enrolment (then only the laptop that sets the township
    up makes records).  A household made on laptop 3 is ``<site>-3-0001``, an order
    ``GD20261204-3-001``."""
    number = get_setting(session, K_LAPTOP_NO)
    return f"-{int(number)}" if number and int(number) > 0 else ""


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
    """The profile in force: the chosen one with the newest override merged over it.

    Two places hold an override: the local ``policy_override`` setting (with its
    time in ``policy_override_at``; without one it counts as older than any
    publication) and the county's published rules for this township or the whole
    county, received by sync.  Overrides are whole files, not layered: the newest
    one is in force, so a county publication replaces an older local edit and a
    local edit made after it stands until the county publishes again.  A
    published override this build cannot read (checked at the county against
    every bundled profile, so only an older build) is passed over.
    """
    profile_id = get_setting(session, K_PROFILE) or "default"
    path = policies_dir() / f"{profile_id}.toml"
    local = get_setting(session, K_PROFILE_OVERRIDE)
    local_at = _parse_time(get_setting(session, K_PROFILE_OVERRIDE_AT))
    published = published_override(session)
    override = local
    if published is not None and (local_at is None or published[1] >= local_at or not local):
        override = published[0]
    if not override:
        return profiles()[profile_id]
    try:
        return load_profile(path, override)
    except (ValidationError, tomllib.TOMLDecodeError):
        if override == local or not local:
            raise
        return load_profile(path, local)


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    when = datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def published_override(session: Session) -> tuple[str, datetime] | None:
    """The newest policy override the county published for this township (or all)."""
    code = get_setting(session, K_TOWNSHIP_CODE)
    row = session.execute(
        select(PublishedRule.content, PublishedRule.published_at)
        .where(
            PublishedRule.kind == KIND_POLICY,
            PublishedRule.deleted.is_(False),
            or_(PublishedRule.township_code.is_(None), PublishedRule.township_code == code),
        )
        .order_by(PublishedRule.published_at.desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


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
    auth.check_password_rules(admin_password, username=admin_username, demo=demo)
    county = Area(
        id=Area.key(county_code),
        code=county_code,
        name=county_name.strip(),
        level=AreaLevel.COUNTY.value,
    )
    session.add(county)
    session.flush()
    session.add(
        Area(
            id=Area.key(township_code),
            code=township_code,
            name=township_name.strip(),
            level=AreaLevel.TOWNSHIP.value,
            parent_id=county.id,
        )
    )
    set_setting(session, K_DEMO, "1" if demo else "0")  # before the account: its password rules
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
    session.flush()
    info = township_info(session)
    assert info is not None
    return info
