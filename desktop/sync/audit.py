"""The no-lost-value audit of a township database (see :func:`desktop.sync.merge.audit_values`).

Every value anyone wrote is current, knowingly replaced, an earlier lifecycle
stage, or kept in a conflict record.  Rows removed because they left the
township (:mod:`desktop.sync.scope`) are the new township's to account for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import Change
from desktop.store.models_sync import SyncConflict
from desktop.sync.apply import LocalRowStore, select_changes
from desktop.sync.merge import ChangeData, LostValue, audit_values
from desktop.sync.scope import removed_rows
from desktop.sync.values import synced_tables


def audit(session: Session) -> list[LostValue]:
    conn = session.connection()
    gone = removed_rows(session)
    changes = [
        change
        for change in (ChangeData(*r) for r in conn.execute(select_changes().order_by(Change.id)))
        if (change.table, change.row_id) not in gone
    ]
    store = LocalRowStore(conn)
    conflicts: dict[tuple[str, str, str], list[Any]] = {}
    query = select(
        SyncConflict.table_name,
        SyncConflict.row_id,
        SyncConflict.field,
        SyncConflict.kept,
        SyncConflict.other,
    )
    for table, row_id, name, kept, other in conn.execute(query):
        conflicts.setdefault((table, row_id, name), []).extend([kept, other])
        if name in ("deleted", "*") and isinstance(other, dict):
            for k, v in other.items():
                conflicts.setdefault((table, row_id, k), []).append(v)

    def current(table: str, row_id: str) -> Mapping[str, Any] | None:
        if table not in synced_tables():
            return None
        row = store.load(table, row_id)
        return None if row is None else row.values

    return audit_values(changes, current, lambda t, r, f: conflicts.get((t, r, f), []))
