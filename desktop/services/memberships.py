"""Writing grid membership: who looks after which grid (``user_grids``).

A grant is a synced row keyed by the (user, grid) pair, so the same grant made
on two workstations is one record, and a revoked grant is a tombstone that a
later grant clears.  ``User.grids`` and ``Grid.members`` are read-only views of
the live grants; every write goes through here, in the caller's transaction,
and the change capture records it for sync like any other edit.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from desktop.store.models import Grid, User, UserGrid


def grant(session: Session, user_id: str, grid_id: str, *, by: str | None) -> None:
    row = session.get(UserGrid, UserGrid.key(user_id, grid_id))
    if row is None:
        session.add(
            UserGrid(
                id=UserGrid.key(user_id, grid_id),
                user_id=user_id,
                grid_id=grid_id,
                created_by=by,
                updated_by=by,
            )
        )
    elif row.deleted:
        row.deleted = False
        row.updated_by = by
    _refresh(session, {user_id}, {grid_id})


def revoke(session: Session, user_id: str, grid_id: str, *, by: str | None) -> None:
    row = session.get(UserGrid, UserGrid.key(user_id, grid_id))
    if row is not None and not row.deleted:
        row.deleted = True
        row.updated_by = by
    _refresh(session, {user_id}, {grid_id})


def _live(session: Session, condition: ColumnElement[bool]) -> list[UserGrid]:
    return list(session.scalars(select(UserGrid).where(UserGrid.deleted.is_(False), condition)))


def set_grids_of_user(
    session: Session, user_id: str, grid_ids: Iterable[str], *, by: str | None
) -> None:
    """Exactly these grids for this user: grant the missing, revoke the rest."""
    wanted = set(grid_ids)
    for row in _live(session, UserGrid.user_id == user_id):
        if row.grid_id not in wanted:
            revoke(session, user_id, row.grid_id, by=by)
    for grid_id in sorted(wanted):
        grant(session, user_id, grid_id, by=by)


def set_members_of_grid(
    session: Session, grid_id: str, user_ids: Iterable[str], *, by: str | None
) -> None:
    """Exactly these users for this grid."""
    wanted = set(user_ids)
    for row in _live(session, UserGrid.grid_id == grid_id):
        if row.user_id not in wanted:
            revoke(session, row.user_id, grid_id, by=by)
    for user_id in sorted(wanted):
        grant(session, user_id, grid_id, by=by)


def _refresh(session: Session, user_ids: set[str], grid_ids: set[str]) -> None:
    """Loaded ``User.grids`` / ``Grid.members`` views read the grants again when next used."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, User) and obj.id in user_ids:
            session.expire(obj, ["grids"])
        elif isinstance(obj, Grid) and obj.id in grid_ids:
            session.expire(obj, ["members"])
