"""The audit log: every login, failed login, lockout, export, print, import, enrolment
and sync, with its author.

Decisions, and why:

- **Kept in the database, synced to the county.**  A laptop can be lost or
  wiped; the county's copy is the one an inspection reads.  Each entry is an
  :class:`~desktop.store.models.AuditEvent` row, a synced table like any other,
  so it travels in the next package without a code path of its own.
- **Written in the same transaction as what it records**, so an export that
  failed leaves no entry claiming it happened, and an entry cannot be lost
  while the action stays.  A failed login is written by the transaction that
  keeps the failed-try counter (the caller commits it even when the login
  raises).
- **Kept at least six months** (网络安全法 art. 21 asks network operators to keep
  logs of their network's operation for no less than six months).  Anju never
  edits or deletes an entry; :data:`KEEP_DAYS` is what :func:`retention_ok`
  checks against.
- **What, not whose.**  ``detail`` holds kinds, counts and file names; never a
  resident's name, ID or phone (the log is read by more people than the data).
- **Syncs are logged by the sync itself.**  Every package written or applied
  is a row of ``sync_packages``, made in the package's own transaction (so a
  killed import leaves neither the import nor its record); :func:`list_events`
  shows those rows as ``sync_export`` / ``sync_import`` entries beside the
  others instead of writing a second record that would itself wait to be sent.
- **Read by the township administrator** only (:func:`list_events`), with
  ``anju audit``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.actor import Actor
from desktop.store.base import utcnow
from desktop.store.models import AuditEvent
from desktop.store.models_sync import SyncPackage

KEEP_DAYS = 183  # six months and a little more

# action codes (the words shown are in desktop/messages.py: "audit_<code>")
LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOCKOUT = "lockout"
UNLOCK = "unlock"
UNLOCK_FAILED = "unlock_failed"
EXPORT = "export"
PRINT = "print"
IMPORT = "import"
ENROL = "enrol"
SYNC_EXPORT = "sync_export"
SYNC_IMPORT = "sync_import"
SYNC_NOW = "sync_now"
SETTING = "setting"
ERASE = "erase"
PASSWORD = "password"

ACTIONS = (
    LOGIN,
    LOGIN_FAILED,
    LOCKOUT,
    UNLOCK,
    UNLOCK_FAILED,
    EXPORT,
    PRINT,
    IMPORT,
    ENROL,
    SYNC_EXPORT,
    SYNC_IMPORT,
    SYNC_NOW,
    SETTING,
    ERASE,
    PASSWORD,
)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    action: str
    username: str
    via: str
    detail: dict[str, Any]


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    *,
    username: str = "",
    via: str | None = None,
    at: datetime | None = None,
    **detail: Any,
) -> None:
    """Add one entry in the caller's transaction.  ``actor`` None: nobody logged in
    (a failed login names the user name typed; a first enrolment names no one)."""
    assert action in ACTIONS, action
    user_id = actor.user_id if actor is not None and actor.user_id != "system" else None
    session.add(
        AuditEvent(
            at=at or utcnow(),
            action=action,
            user_id=user_id,
            username=(actor.username if actor is not None else username)[:50],
            via=via or (actor.via if actor is not None else "gui"),
            detail={k: v for k, v in detail.items() if v is not None},
            created_by=user_id,
            updated_by=user_id,
        )
    )
    session.flush()


def list_events(
    session: Session,
    actor: Actor,
    *,
    since: datetime | None = None,
    action: str | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """The newest entries first (administrators only), this workstation's packages included."""
    actor.require_admin()
    query = select(AuditEvent).where(AuditEvent.deleted.is_(False))
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    rows = session.scalars(query.order_by(AuditEvent.at.desc()).limit(limit))
    entries = [AuditEntry(r.at, r.action, r.username, r.via, dict(r.detail or {})) for r in rows]
    if action in (None, SYNC_EXPORT, SYNC_IMPORT):
        packages = select(SyncPackage)
        if since is not None:
            packages = packages.where(SyncPackage.at >= since)
        for p in session.scalars(packages.order_by(SyncPackage.at.desc()).limit(limit)):
            kind = SYNC_EXPORT if p.direction == "out" else SYNC_IMPORT
            if action in (None, kind):
                detail = {"file": p.file_name, "changes": p.change_count, "status": p.status}
                entries.append(AuditEntry(p.at, kind, "", "", detail))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]


def retention_ok(session: Session, *, now: datetime | None = None) -> bool:
    """Whether every entry younger than :data:`KEEP_DAYS` is still here (none deleted)."""
    cutoff = (now or utcnow()) - timedelta(days=KEEP_DAYS)
    gone = session.scalar(
        select(AuditEvent.id).where(AuditEvent.deleted.is_(True), AuditEvent.at >= cutoff)
    )
    return gone is None
