"""Accounts as the township administrator manages them.

Accounts are never deleted: a grid member who leaves is disabled, so every
visit, work order and change they recorded still shows their name.  Rights
come from grid bindings, and a binding is only ever to a grid of this
township (a package from the county may carry grids of others).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import Role
from desktop.domain.errors import NotFound, ValidationError
from desktop.services import auth, grids, memberships
from desktop.services.actor import Actor
from desktop.store.models import Grid, User


@dataclass(frozen=True, slots=True)
class AccountInfo:
    id: str
    username: str
    display_name: str
    role: Role
    phone: str
    active: bool
    grid_ids: tuple[str, ...]
    grid_names: tuple[str, ...]
    last_login_at: datetime | None


def _info(user: User) -> AccountInfo:
    live = sorted((g for g in user.grids if not g.deleted), key=lambda g: g.code)
    return AccountInfo(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        phone=user.phone,
        active=user.active,
        grid_ids=tuple(g.id for g in live),
        grid_names=tuple(g.name for g in live),
        last_login_at=user.last_login_at,
    )


def _user(session: Session, user_id: str) -> User:
    user = session.get(User, user_id)
    if user is None or user.deleted:
        raise NotFound("not_found", field="user")
    return user


def _role(role: str | Role) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError("role_invalid", field="role") from None


def _township_grids(session: Session, grid_ids: Sequence[str]) -> list[Grid]:
    wanted = list(dict.fromkeys(grid_ids))
    if not wanted:
        return []
    found = list(session.scalars(select(Grid).where(Grid.id.in_(wanted), Grid.deleted.is_(False))))
    if len(found) != len(wanted):
        raise ValidationError("unknown_grid", field="grids")
    areas = grids.township_area_ids(session)
    for grid in found:
        if not grids.grid_in_township(session, grid, areas):
            raise ValidationError("grid_other_township", field="grids", grid=grid.name)
    return found


def _check_password(session: Session, password: str, username: str) -> None:
    auth.check_password_rules(password, username=username, demo=auth._demo_database(session))


def _active_admins(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == Role.ADMIN.value, User.active.is_(True), User.deleted.is_(False))
        )
        or 0
    )


def list_accounts(session: Session, actor: Actor) -> list[AccountInfo]:
    """Every account for staff; a grid member sees only their own."""
    query = select(User).where(User.deleted.is_(False)).order_by(User.username)
    if not actor.sees_everything:
        query = query.where(User.id == actor.user_id)
    return [_info(u) for u in session.scalars(query)]


def create_account(
    session: Session,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    password: str,
    role: str | Role,
    phone: str = "",
    grid_ids: Sequence[str] = (),
) -> AccountInfo:
    """A grid member, administrator or viewer, bound to grids of this township."""
    actor.require_admin()
    chosen = _township_grids(session, grid_ids)
    info = auth.create_user(
        session,
        actor,
        username=username,
        display_name=display_name,
        password=password,
        role=_role(role),
        phone=phone.strip(),
        grid_ids=tuple(g.id for g in chosen),
    )
    return _info(_user(session, info.id))


def update_account(
    session: Session,
    actor: Actor,
    user_id: str,
    *,
    display_name: str,
    phone: str,
    role: str | Role,
) -> AccountInfo:
    actor.require_admin()
    user = _user(session, user_id)
    if not display_name.strip():
        raise ValidationError("required", field="display_name")
    new_role = _role(role)
    if (
        user.role == Role.ADMIN.value
        and new_role is not Role.ADMIN
        and user.active
        and _active_admins(session) <= 1
    ):
        raise ValidationError("last_admin", field="role")
    user.display_name = display_name.strip()
    user.phone = phone.strip()
    user.role = new_role.value
    user.updated_by = actor.user_id
    session.flush()
    return _info(user)


def bind_grids(
    session: Session, actor: Actor, user_id: str, grid_ids: Sequence[str]
) -> AccountInfo:
    """Set exactly which grids an account looks after."""
    actor.require_admin()
    user = _user(session, user_id)
    chosen = _township_grids(session, grid_ids)
    memberships.set_grids_of_user(session, user.id, [g.id for g in chosen], by=actor.user_id)
    session.flush()
    return _info(user)


def reset_password(session: Session, actor: Actor, user_id: str, new_password: str) -> AccountInfo:
    """A forgotten password: the administrator sets a new one and lifts any lock."""
    actor.require_admin()
    user = _user(session, user_id)
    _check_password(session, new_password, user.username)
    user.password_hash = auth.hash_password(new_password)
    user.failed_logins = 0
    user.locked_until = None
    user.updated_by = actor.user_id
    session.flush()
    return _info(user)


def set_active(session: Session, actor: Actor, user_id: str, active: bool) -> AccountInfo:
    """Disable (or enable again) an account.  Nothing it recorded changes."""
    actor.require_admin()
    user = _user(session, user_id)
    if not active:
        if user.id == actor.user_id:
            raise ValidationError("cannot_disable_self", field="user")
        if user.role == Role.ADMIN.value and user.active and _active_admins(session) <= 1:
            raise ValidationError("last_admin", field="user")
    user.active = active
    user.updated_by = actor.user_id
    session.flush()
    return _info(user)
