"""Accounts: passwords (argon2), lockout after wrong tries, user management."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import Role
from desktop.domain.errors import DomainError, ValidationError
from desktop.services import memberships
from desktop.services.actor import Actor
from desktop.services.clock import Clock, system_clock
from desktop.store.models import Grid, User

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=1)
MIN_PASSWORD_LENGTH = 6

_hasher = PasswordHasher()


class LoginFailed(DomainError):
    """``code``: wrong_password (``params['remaining']`` tries left), account_locked
    (``params['seconds']`` to wait), account_disabled, unknown_user."""

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


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("password_too_short", field="password", min=MIN_PASSWORD_LENGTH)


def actor_for(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        grid_ids=frozenset(g.id for g in user.grids if not g.deleted),
    )


def login(session: Session, username: str, password: str, *, clock: Clock = system_clock) -> Actor:
    """Check a password.  Five wrong tries lock the account for a minute.

    The caller commits even when this raises :class:`LoginFailed`, so that the
    failed-try counter is kept: use ``session_factory.begin()`` and catch outside.
    """
    now = clock.now()
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None or user.deleted:
        raise LoginFailed("unknown_user")
    if not user.active:
        raise LoginFailed("account_disabled")
    if user.locked_until is not None and user.locked_until > now:
        raise LoginFailed(
            "account_locked", seconds=math.ceil((user.locked_until - now).total_seconds())
        )
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.failed_logins = 0
            user.locked_until = now + LOCKOUT
            raise LoginFailed("account_locked", seconds=int(LOCKOUT.total_seconds())) from None
        raise LoginFailed(
            "wrong_password", remaining=MAX_FAILED_LOGINS - user.failed_logins
        ) from None
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return actor_for(user)


def verify_password(session: Session, user_id: str, password: str) -> bool:
    """For unlocking an idle-locked window: the same user's password, no counter change."""
    user = session.get(User, user_id)
    if user is None:
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


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
    check_password_rules(password)
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
