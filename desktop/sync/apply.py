"""Apply received changes to the township database, through the merge rules.

Works on the caller's session connection with Core statements, so the ORM
capture hook never sees (and never re-records) what was received.  The caller's
transaction holds the whole package, its sync position and its receipts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.store.base import utcnow
from desktop.store.models import Change
from desktop.store.models_sync import SyncConflict, SyncRowStamp
from desktop.sync.merge import (
    ChangeData,
    ConflictData,
    Outcome,
    RowState,
    audit_values,
    merge_change,
)
from desktop.sync.values import column_names, row_from_wire, synced_tables, to_wire


class LocalRowStore:
    """The merge's view of a township SQLite database."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def load(self, table: str, row_id: str) -> RowState | None:
        t = synced_tables()[table]
        row = self.conn.execute(select(t).where(t.c.id == row_id)).mappings().first()
        if row is None:
            return None
        stamps = self.conn.execute(
            select(SyncRowStamp.stamps).where(
                SyncRowStamp.table_name == table, SyncRowStamp.row_id == row_id
            )
        ).scalar()
        return RowState({k: to_wire(v) for k, v in row.items()}, dict(stamps or {}))

    def find_change(self, device_id: str, seq: int) -> ChangeData | None:
        row = self.conn.execute(
            select(
                Change.device_id,
                Change.seq,
                Change.hlc,
                Change.user_id,
                Change.table_name,
                Change.row_id,
                Change.op,
                Change.fields,
            ).where(Change.device_id == device_id, Change.seq == seq)
        ).first()
        return None if row is None else ChangeData(*row)

    def same_value_rows(self, table: str, column: str, value: Any, row_id: str) -> list[str]:
        t = synced_tables()[table]
        return list(
            self.conn.execute(
                select(t.c.id).where(t.c[column] == value, t.c.id != row_id, t.c.deleted.is_(False))
            ).scalars()
        )

    def write(self, change: ChangeData, outcome: Outcome) -> Outcome:
        """Put the outcome into the row and its stamps.  A unique clash on insert (two
        devices chose the same household code) becomes a rejected change whose values are
        kept in a duplicate record, never a failed package."""
        t = synced_tables()[change.table]
        values = row_from_wire(change.table, outcome.set_values)
        if outcome.insert:
            try:
                with self.conn.begin_nested():
                    self.conn.execute(insert(t).values(id=change.row_id, **values))
            except IntegrityError:
                return Outcome(
                    "rejected",
                    "duplicate_key",
                    conflicts=[_kept_rejection(change, outcome.set_values)],
                )
        elif values:
            # Columns with an ``onupdate`` (updated_at) keep the merged value, not this
            # node's clock: otherwise the nodes would never hold the same record.
            for column in t.columns:
                if column.onupdate is not None and column.name not in values:
                    values[column.name] = column
            self.conn.execute(update(t).where(t.c.id == change.row_id).values(**values))
        if outcome.set_stamps:
            key = and_(
                SyncRowStamp.table_name == change.table, SyncRowStamp.row_id == change.row_id
            )
            old = self.conn.execute(select(SyncRowStamp.stamps).where(key)).scalar()
            if old is None:
                self.conn.execute(
                    insert(SyncRowStamp).values(
                        table_name=change.table, row_id=change.row_id, stamps=outcome.set_stamps
                    )
                )
            else:
                self.conn.execute(
                    update(SyncRowStamp).where(key).values(stamps={**old, **outcome.set_stamps})
                )
        return outcome


def _kept_rejection(change: ChangeData, values: Mapping[str, Any]) -> ConflictData:
    from desktop.sync.merge import conflict_id

    return ConflictData(
        id=conflict_id(change.table, change.row_id, "*", [change.ref]),
        kind="duplicate",
        table=change.table,
        row_id=change.row_id,
        field="*",
        base=None,
        kept=None,
        kept_device="",
        kept_user=None,
        kept_hlc="",
        other=dict(values),
        other_device=change.device_id,
        other_user=change.user_id,
        other_hlc=change.hlc,
    )


@dataclass
class ApplyResult:
    counts: Counter[str] = field(default_factory=Counter)
    # per change (origin device, seq): status and reason, for receipts
    receipts: list[tuple[str, int, str, str]] = field(default_factory=list)


def save_conflicts(conn: Connection, conflicts: Iterable[ConflictData]) -> None:
    for c in conflicts:
        exists = conn.execute(select(SyncConflict.id).where(SyncConflict.id == c.id)).first()
        if exists:
            continue
        conn.execute(
            insert(SyncConflict).values(
                id=c.id,
                kind=c.kind,
                table_name=c.table,
                row_id=c.row_id,
                field=c.field,
                base=c.base,
                kept=c.kept,
                kept_device=c.kept_device,
                kept_user=c.kept_user,
                kept_hlc=c.kept_hlc,
                other=c.other,
                other_device=c.other_device,
                other_user=c.other_user,
                other_hlc=c.other_hlc,
                other_row_id=c.other_row_id,
                status="open",
                detected_at=utcnow(),
            )
        )


def known_changes(conn: Connection, changes: Sequence[ChangeData]) -> set[tuple[str, int]]:
    """Which of these (device, seq) pairs are already here: replays are skipped."""
    keys = [(c.device_id, c.seq) for c in changes]
    found: set[tuple[str, int]] = set()
    for i in range(0, len(keys), 400):
        chunk = keys[i : i + 400]
        found.update(
            (d, s)
            for d, s in conn.execute(
                select(Change.device_id, Change.seq).where(
                    tuple_(Change.device_id, Change.seq).in_(chunk)
                )
            )
        )
    return found


def apply_changes(session: Session, changes: Sequence[ChangeData]) -> ApplyResult:
    """Merge and store received changes, in order, inside the caller's transaction.

    Foreign keys are checked at commit (a building may name its leader before the
    person arrives in the same package).
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    store = LocalRowStore(conn)
    result = ApplyResult()
    known = known_changes(conn, changes)
    rows: list[dict[str, Any]] = []
    tables = synced_tables()
    for change in changes:
        if (change.device_id, change.seq) in known:
            result.counts["skipped"] += 1
            continue
        known.add((change.device_id, change.seq))
        if change.table not in tables:
            outcome = Outcome("rejected", "unknown_table")
        else:
            outcome = merge_change(store, change, column_names(change.table))
            if outcome.status in ("applied", "conflict"):
                outcome = store.write(change, outcome)
        save_conflicts(conn, outcome.conflicts)
        settled = change.fields.get("_resolves", [None])[0]
        if settled:
            conn.execute(
                update(SyncConflict)
                .where(SyncConflict.id.in_(list(settled)), SyncConflict.status == "open")
                .values(status="resolved", resolved_by=change.user_id, resolved_at=utcnow())
            )
        status = outcome.status if outcome.status != "skipped" else "applied"
        result.counts[outcome.status] += 1
        result.receipts.append((change.device_id, change.seq, status, outcome.reason))
        rows.append(
            {
                "device_id": change.device_id,
                "seq": change.seq,
                "hlc": change.hlc,
                "user_id": change.user_id,
                "table_name": change.table,
                "row_id": change.row_id,
                "op": change.op,
                "fields": dict(change.fields),
            }
        )
    if rows:
        conn.execute(insert(Change), rows)
    return result


def audit(session: Session) -> list[Any]:
    """The no-lost-value audit over this database (see :func:`audit_values`)."""
    conn = session.connection()
    changes = [
        ChangeData(*r)
        for r in conn.execute(
            select(
                Change.device_id,
                Change.seq,
                Change.hlc,
                Change.user_id,
                Change.table_name,
                Change.row_id,
                Change.op,
                Change.fields,
            ).order_by(Change.id)
        )
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
    for c in conn.execute(query):
        table, row_id, name, kept, other = c
        bucket = conflicts.setdefault((table, row_id, name), [])
        bucket.extend([kept, other])
        if name in ("deleted", "*") and isinstance(other, dict):
            for k, v in other.items():
                conflicts.setdefault((table, row_id, k), []).append(v)

    def current(table: str, row_id: str) -> Mapping[str, Any] | None:
        if table not in synced_tables():
            return None
        row = store.load(table, row_id)
        return None if row is None else row.values

    return audit_values(changes, current, lambda t, r, f: conflicts.get((t, r, f), []))
