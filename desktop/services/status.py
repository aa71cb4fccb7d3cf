"""What the status bar and the settings page show about the database itself."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.services import township
from desktop.services.actor import Actor
from desktop.store.models import Change


@dataclass(frozen=True, slots=True)
class SyncStatus:
    last_sync_at: str | None
    pending_changes: int


def pending_changes(session: Session) -> int:
    """Rows in the outbox.

    Until the sync engine marks what the county has acknowledged, every
    recorded change counts as pending; the sync area narrows this when it lands.
    """
    return session.scalar(select(func.count()).select_from(Change)) or 0


def sync_status(session: Session, actor: Actor) -> SyncStatus:
    return SyncStatus(
        last_sync_at=township.get_setting(session, township.K_LAST_SYNC),
        pending_changes=pending_changes(session),
    )


def schema_version(session: Session, actor: Actor) -> str | None:
    """The Alembic revision of this file, what support staff ask for."""
    return session.execute(text("SELECT version_num FROM alembic_version")).scalar()
