"""Accounts: passwords (argon2), growing lockout after wrong tries, user management.

The password rules and the lockout's lengths are in :mod:`desktop.domain.passwords`.
Decisions, and why:

- **One answer for a wrong password and an unknown user** (``wrong_credentials``),
  without "n tries left": a different message, or a count shown for one and not
  the other, tells a guesser which user names exist.  An unknown name is checked
  against a dummy hash so that it takes as long as a real one.
- **The idle-lock screen counts like the login window** (:func:`unlock`): it is
  the same password guessed at the same keyboard.
- **Every try is in the audit log** (login, failed login, lockout), written in
  the transaction that keeps the counter: the caller commits even when this
  raises.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import Role
from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.passwords import (
    LOCKOUTS,
    MIN_PASSWORD_LENGTH,
    TRIES_PER_LOCK,
    lockout_after,
    password_problem,
)
from desktop.services import audit, memberships
from desktop.services.actor import Actor
from desktop.services.clock import Clock, system_clock
from desktop.store.models import Grid, Setting, User

MAX_FAILED_LOGINS = TRIES_PER_LOCK
LOCKOUT = LOCKOUTS[0]
__all__ = ["MIN_PASSWORD_LENGTH"]

_hasher = PasswordHasher()
# verified against when the user name is unknown, so that it costs the same time
_DUMMY_HASH = _hasher.hash("anju-no-such-account")


class LoginFailed(DomainError):
    """``code``: wrong_credentials (a wrong password or an unknown user name, on
    purpose the same), account_locked / account_locked_long (``params['seconds']``
    to wait), account_disabled."""

    code = "login_failed"


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: str
    username: str
    display_name: str
    role: Role
    phone: str
    active: bool
    grid_ids: tuple[str, ...]


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _demo_database(session: Session) -> bool:
    from desktop.services.township import K_DEMO  # township imports this module

    row = session.get(Setting, K_DEMO)
    return row is not None and row.value == "1"


def check_password_rules(
    password: str, *, username: str = "", demo: bool = False, field: str = "password"
) -> None:
    """Refuse a new password that is too short or too easily guessed (see
    :mod:`desktop.domain.passwords`); ``demo``: a demo database's printed passwords."""
    problem = password_problem(password, username=username, check_common=not demo)
    if problem is not None:
        raise ValidationError(problem, field=field, min=MIN_PASSWORD_LENGTH)


def actor_for(user: User, *, via: str = "gui") -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        grid_ids=frozenset(g.id for g in user.grids if not g.deleted),
        via=via,
    )


def _locked(seconds: int) -> LoginFailed:
    """The lock's error: the wait in seconds up to two minutes, in minutes beyond."""
    if seconds <= 120:
        return LoginFailed("account_locked", seconds=seconds)
    return LoginFailed("account_locked_long", seconds=seconds, minutes=math.ceil(seconds / 60))


def _locked_for(user: User, now: datetime) -> int:
    if user.locked_until is not None and user.locked_until > now:
        return math.ceil((user.locked_until - now).total_seconds())
    return 0


def _check(
    session: Session, user: User, password: str, now: datetime, *, via: str, failed_action: str
) -> None:
    """Verify ``password`` against ``user``, counting a wrong one and locking after a run."""
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        lock = lockout_after(user.failed_logins)
        audit.record(
            session, None, failed_action, username=user.username, via=via, at=now,
            tries=user.failed_logins,
        )  # fmt: skip
        if lock is not None:
            user.locked_until = now + lock
            audit.record(
                session, None, audit.LOCKOUT, username=user.username, via=via, at=now,
                seconds=int(lock.total_seconds()),
            )  # fmt: skip
            raise _locked(int(lock.total_seconds())) from None
        raise LoginFailed("wrong_credentials") from None
    user.failed_logins = 0
    user.locked_until = None


def login(
    session: Session,
    username: str,
    password: str,
    *,
    clock: Clock = system_clock,
    via: str = "gui",
) -> Actor:
    """Check a password.  Every fifth wrong try in a row locks the account, longer each time.

    The caller commits even when this raises :class:`LoginFailed`, so that the
    failed-try counter and the audit entry are kept: use ``session_factory.begin()``
    and catch outside.
    """
    now = clock.now()
    name = username.strip()
    user = session.scalar(select(User).where(User.username == name, User.deleted.is_(False)))
    if user is None:
        with contextlib.suppress(VerificationError, InvalidHashError):
            _hasher.verify(_DUMMY_HASH, password + "\0")
        audit.record(session, None, audit.LOGIN_FAILED, username=name, via=via, at=now)
        raise LoginFailed("wrong_credentials")
    if not user.active:
        audit.record(
            session, None, audit.LOGIN_FAILED, username=name, via=via, at=now, reason="disabled"
        )
        raise LoginFailed("account_disabled")
    if seconds := _locked_for(user, now):
        audit.record(
            session, None, audit.LOGIN_FAILED, username=name, via=via, at=now, reason="locked"
        )
        raise _locked(seconds)
    _check(session, user, password, now, via=via, failed_action=audit.LOGIN_FAILED)
    user.last_login_at = now
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    actor = actor_for(user, via=via)
    audit.record(session, actor, audit.LOGIN, at=now)
    return actor


def unlock(
    session: Session, user_id: str, password: str, *, clock: Clock = system_clock
) -> LoginFailed | None:
    """Unlock an idle-locked window: the same user's password, counted like a login.

    Returns the failure rather than raising it, so that the caller's transaction
    (``UiContext.call``) commits the counter; None when the password is right.
    """
    now = clock.now()
    user = session.get(User, user_id)
    if user is None or user.deleted or not user.active:
        return LoginFailed("account_disabled")
    if seconds := _locked_for(user, now):
        return _locked(seconds)
    try:
        _check(session, user, password, now, via="gui", failed_action=audit.UNLOCK_FAILED)
    except LoginFailed as failure:
        # the user is known here: say "password", and that a run of them locks
        return (
            LoginFailed("unlock_wrong_password") if failure.code == "wrong_credentials" else failure
        )
    audit.record(session, actor_for(user), audit.UNLOCK, at=now)
    return None


def verify_password(session: Session, user_id: str, password: str) -> bool:
    """Whether ``password`` is the user's, counting a wrong one (see :func:`unlock`)."""
    return unlock(session, user_id, password) is None


def change_own_password(
    session: Session, actor: Actor, old_password: str, new_password: str
) -> None:
    """The logged-in user changes their own password: the old one proves it is them.

    Any role may (a read-only account too): it changes no township record.  A
    wrong old password is refused at its field and counts no failed login (the
    user is logged in already; the lock protects the login window).
    """
    user = session.get(User, actor.user_id)
    if user is None or user.deleted or not user.active:
        raise ValidationError("account_disabled", field="old_password")
    if not verify_password(session, user.id, old_password):
        raise ValidationError("old_password_wrong", field="old_password")
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("password_too_short", field="new_password", min=MIN_PASSWORD_LENGTH)
    if new_password == old_password:
        raise ValidationError("password_unchanged", field="new_password")
    user.password_hash = hash_password(new_password)
    user.updated_by = actor.user_id
    session.flush()


def create_user(
    session: Session,
    actor: Actor | None,
    *,
    username: str,
    display_name: str,
    password: str,
    role: Role,
    phone: str = "",
    grid_ids: tuple[str, ...] = (),
) -> UserInfo:
    """Create an account.  ``actor`` None only while setting up a new township."""
    if actor is not None:
        actor.require_admin()
    username = username.strip()
    if not username:
        raise ValidationError("required", field="username")
    if not display_name.strip():
        raise ValidationError("required", field="display_name")
    if session.scalar(select(func.count()).select_from(User).where(User.username == username)):
        raise ValidationError("username_taken", field="username")
    check_password_rules(password, username=username, demo=_demo_database(session))
    grids = list(session.scalars(select(Grid).where(Grid.id.in_(grid_ids)))) if grid_ids else []
    if len(grids) != len(set(grid_ids)):
        raise ValidationError("unknown_grid", field="grids")
    user = User(
        username=username,
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        role=role.value,
        phone=phone,
        created_by=actor.user_id if actor else None,
        updated_by=actor.user_id if actor else None,
    )
    session.add(user)
    session.flush()
    memberships.set_grids_of_user(
        session, user.id, [g.id for g in grids], by=actor.user_id if actor else None
    )
    session.flush()
    return user_info(user)


def user_info(user: User) -> UserInfo:
    return UserInfo(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        phone=user.phone,
        active=user.active,
        grid_ids=tuple(sorted(g.id for g in user.grids)),
    )


def list_users(session: Session) -> list[UserInfo]:
    users = session.scalars(select(User).where(User.deleted.is_(False)).order_by(User.username))
    return [user_info(u) for u in users]
