"""Accounts: argon2 passwords, lockout after five wrong tries, roles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import Role
from desktop.domain.errors import PermissionDenied, ValidationError
from desktop.domain.policy import Period
from desktop.services import auth, township
from desktop.services.actor import Actor
from desktop.services.auth import LoginFailed
from desktop.services.clock import FixedClock
from desktop.store.models import Area, Grid, Site, User
from tests.conftest import ADMIN_PASSWORD


def _try_login(
    factory: sessionmaker[Session], password: str, clock: FixedClock
) -> LoginFailed | Actor:
    """Log in the way the GUI does: the failed-try counter is committed even on failure."""
    with factory.begin() as s:
        try:
            return auth.login(s, "admin", password, clock=clock)
        except LoginFailed as exc:
            return exc


@pytest.mark.real_hashing
def test_password_is_stored_hashed(township_db: sessionmaker[Session]) -> None:
    with township_db.begin() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "admin"))
    assert stored is not None
    assert ADMIN_PASSWORD not in stored
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,")


def test_five_wrong_tries_lock_the_account_for_a_minute(township_db: sessionmaker[Session]) -> None:
    clock = FixedClock(datetime(2026, 11, 22, 8, 0, tzinfo=UTC))
    outcomes = [_try_login(township_db, "wrong", clock) for _ in range(5)]
    assert [o.code for o in outcomes if isinstance(o, LoginFailed)] == [
        "wrong_credentials",
        "wrong_credentials",
        "wrong_credentials",
        "wrong_credentials",
        "account_locked",
    ]
    # the right password is refused while locked, and says how long to wait
    locked = _try_login(township_db, ADMIN_PASSWORD, clock)
    assert isinstance(locked, LoginFailed) and locked.code == "account_locked"
    assert 0 < locked.params["seconds"] <= 60
    clock.advance(seconds=61)
    assert isinstance(_try_login(township_db, ADMIN_PASSWORD, clock), Actor)


def test_unknown_user_and_disabled_account(township_db: sessionmaker[Session]) -> None:
    with pytest.raises(LoginFailed) as err, township_db.begin() as s:
        auth.login(s, "nobody", "whatever")
    assert err.value.code == "wrong_credentials"  # the same as a wrong password
    with township_db.begin() as s:
        s.scalar(select(User).where(User.username == "admin")).active = False  # type: ignore[union-attr]
    with pytest.raises(LoginFailed) as err, township_db.begin() as s:
        auth.login(s, "admin", ADMIN_PASSWORD)
    assert err.value.code == "account_disabled"


def test_only_an_admin_creates_accounts_and_bad_input_writes_nothing(
    township_db: sessionmaker[Session], admin: Actor
) -> None:
    viewer = Actor("v", "v", "只读", Role.VIEWER)
    with pytest.raises(PermissionDenied), township_db.begin() as s:
        auth.create_user(
            s, viewer, username="x", display_name="X", password="li-si-2026x", role=Role.VIEWER
        )
    for kwargs, code in [
        ({"username": "admin"}, "username_taken"),
        ({"password": "123"}, "password_too_short"),
        ({"username": "  "}, "required"),
        ({"grid_ids": ("no-such-grid",)}, "unknown_grid"),
    ]:
        args = {
            "username": "li",
            "display_name": "李四",
            "password": "li-si-2026x",
            "role": Role.GRID_MEMBER,
        }
        args.update(kwargs)
        with pytest.raises(ValidationError) as err, township_db.begin() as s:
            auth.create_user(s, admin, **args)  # type: ignore[arg-type]
        assert err.value.code == code
    with township_db.begin() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 1


def test_grid_member_actor_carries_their_grids(
    township_db: sessionmaker[Session], admin: Actor
) -> None:
    with township_db.begin() as s:
        area = township.township_area(s)
        site = Site(area_id=area.id, code="S1", name="幸福家园", kind="town")
        s.add(site)
        s.flush()
        grid = Grid(site_id=site.id, code="G1", name="第一网格")
        s.add(grid)
        s.flush()
        auth.create_user(
            s,
            admin,
            username="wang",
            display_name="王五",
            password="li-si-2026x",
            role=Role.GRID_MEMBER,
            grid_ids=(grid.id,),
        )
        grid_id = grid.id
    with township_db.begin() as s:
        member = auth.login(s, "wang", "li-si-2026x")
    assert member.grid_ids == frozenset({grid_id})
    assert member.may_see_grid(grid_id) and not member.may_see_grid("other")
    member.require_grid(grid_id)
    with pytest.raises(PermissionDenied):
        member.require_grid("other")
    with pytest.raises(PermissionDenied):
        Actor("v", "v", "只读", Role.VIEWER).require_grid(grid_id)


def test_township_setup_refuses_bad_codes_and_writes_nothing(
    session_factory: sessionmaker[Session],
) -> None:
    good = {
        "profile_id": "shanxi",
        "county_code": "140121",
        "county_name": "清徐县",
        "township_code": "140121100",
        "township_name": "清源镇",
        "admin_username": "admin",
        "admin_display_name": "管理员",
        "admin_password": "li-si-2026x",
    }
    for change, code in [
        ({"county_code": "14012"}, "county_code_format"),
        ({"township_code": "14012110"}, "township_code_format"),
        ({"township_code": "433127100"}, "township_not_in_county"),
        ({"profile_id": "atlantis"}, "unknown_profile"),
        ({"admin_password": "1"}, "password_too_short"),
    ]:
        with pytest.raises(ValidationError) as err, session_factory.begin() as s:
            township.set_up(s, **{**good, **change})
        assert err.value.code == code
    with session_factory.begin() as s:
        assert s.scalar(select(func.count()).select_from(Area)) == 0
        assert not township.is_set_up(s)
    with session_factory.begin() as s:
        info = township.set_up(s, **good)
    assert (info.county_name, info.township_code, info.profile_id) == (
        "清徐县",
        "140121100",
        "shanxi",
    )
    with session_factory.begin() as s:
        assert township.policy(s).old_house.reclaim_within == Period(1, "years")


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("111111", "password_too_short"),
        ("1234567", "password_too_short"),
        ("11111111", "password_common"),
        ("12345678", "password_common"),
        ("87654321", "password_common"),
        ("Password1", "password_common"),
        ("woaini1314", "password_common"),
        ("anju2026", "password_common"),
        ("qwertyuiop", "password_common"),
        ("wangli-2026", "password_has_username"),
    ],
)
def test_weak_passwords_are_refused_at_the_field(
    township_db: sessionmaker[Session], admin: Actor, password: str, code: str
) -> None:
    with pytest.raises(ValidationError) as err, township_db.begin() as s:
        auth.create_user(
            s, admin, username="wangli", display_name="王莉", password=password, role=Role.VIEWER
        )
    assert (err.value.code, err.value.field) == (code, "password")
    with township_db.begin() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 1


def test_the_lock_grows_with_each_run_of_wrong_passwords(
    township_db: sessionmaker[Session],
) -> None:
    clock = FixedClock(datetime(2026, 11, 22, 8, 0, tzinfo=UTC))
    waits = []
    for _run in range(7):
        for _ in range(4):
            assert _try_login(township_db, "wrong", clock).code == "wrong_credentials"  # type: ignore[union-attr]
        locked = _try_login(township_db, "wrong", clock)
        assert isinstance(locked, LoginFailed)
        waits.append(locked.params["seconds"])
        clock.advance(seconds=locked.params["seconds"] + 1)
    assert waits == [60, 300, 1800, 7200, 28800, 86400, 86400]
    # a right password starts the count again
    assert isinstance(_try_login(township_db, ADMIN_PASSWORD, clock), Actor)
    for _ in range(4):
        _try_login(township_db, "wrong", clock)
    assert _try_login(township_db, "wrong", clock).params["seconds"] == 60  # type: ignore[union-attr]


def test_the_idle_lock_counts_wrong_passwords_like_the_login(
    township_db: sessionmaker[Session], admin: Actor
) -> None:
    clock = FixedClock(datetime(2026, 11, 22, 8, 0, tzinfo=UTC))
    failures = []
    for _ in range(5):
        with township_db.begin() as s:
            failures.append(auth.unlock(s, admin.user_id, "guess", clock=clock))
    assert [f.code for f in failures if f is not None] == ["unlock_wrong_password"] * 4 + [
        "account_locked"
    ]
    with township_db.begin() as s:  # locked: even the right password waits
        failure = auth.unlock(s, admin.user_id, ADMIN_PASSWORD, clock=clock)
    assert failure is not None and failure.code == "account_locked"
    clock.advance(seconds=61)
    with township_db.begin() as s:
        assert auth.unlock(s, admin.user_id, ADMIN_PASSWORD, clock=clock) is None
