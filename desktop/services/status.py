"""What the status bar and the settings page show about the database itself."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.services import township
from desktop.services.actor import Actor


@dataclass(frozen=True, slots=True)
class SyncStatus:
    last_sync_at: str | None
    pending_changes: int


def pending_changes(session: Session) -> int:
    """This device's recorded changes the county has not acknowledged yet."""
    # imported here: the sync package brings cryptography, which start-up does not need
    from desktop.sync import device as sync_device

    return sync_device.pending_count(session)


def sync_status(session: Session, actor: Actor) -> SyncStatus:
    info = township.township_info(session)
    return SyncStatus(
        last_sync_at=info.last_sync_at if info is not None else None,
        pending_changes=pending_changes(session),
    )


def schema_version(session: Session, actor: Actor) -> str | None:
    """The Alembic revision of this file, what support staff ask for."""
    return session.execute(text("SELECT version_num FROM alembic_version")).scalar()
