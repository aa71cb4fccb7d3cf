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

from sqlalchemy import Connection, bindparam, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.store.base import utcnow
from desktop.store.models import Change
from desktop.store.models_sync import SyncConflict
from desktop.sync.merge import (
    ChangeData,
    ConflictData,
    Outcome,
    RowState,
    audit_values,
    merge_change,
)
from desktop.sync.stamps import Key, fetch_stamps, upsert_stamps
from desktop.sync.values import column_names, row_from_wire, synced_tables, to_wire

BATCH = 500  # changes merged in memory between writes
CHUNK = 400  # ids per IN (...) query


class LocalRowStore:
    """The merge's view of a township SQLite database, a chunk of changes at a time.

    Rows and stamps of a chunk are read in a few queries, merged in memory and
    written back with ``executemany``: per-row round trips made an import tens of
    times slower than writing the same rows directly.
    """

    def __init__(self, conn: Connection):
        self.conn = conn
        self.rows: dict[Key, RowState | None] = {}
        self.batch: dict[tuple[str, int], ChangeData] = {}
        self.inserts: dict[Key, ChangeData] = {}
        self.updates: dict[Key, set[str]] = {}
        self.stamps: dict[Key, dict[str, Any]] = {}

    # ---------------------------------------------------------------- reading
    def prefetch(self, changes: Sequence[ChangeData]) -> None:
        by_table: dict[str, list[str]] = {}
        for c in changes:
            if (c.table, c.row_id) not in self.rows and c.table in synced_tables():
                by_table.setdefault(c.table, []).append(c.row_id)
        keys: list[Key] = []
        for table, ids in by_table.items():
            t = synced_tables()[table]
            unique = list(dict.fromkeys(ids))
            for i in range(0, len(unique), CHUNK):
                chunk = unique[i : i + CHUNK]
                found = {
                    r["id"]: r
                    for r in self.conn.execute(select(t).where(t.c.id.in_(chunk))).mappings()
                }
                for row_id in chunk:
                    row = found.get(row_id)
                    self.rows[(table, row_id)] = (
                        None
                        if row is None
                        else RowState({k: to_wire(v) for k, v in row.items()}, {})
                    )
                    if row is not None:
                        keys.append((table, row_id))
        for key, stamps in fetch_stamps(self.conn, keys).items():
            state = self.rows[key]
            if state is not None:
                state.stamps = stamps

    def load(self, table: str, row_id: str) -> RowState | None:
        key = (table, row_id)
        if key not in self.rows:
            t = synced_tables()[table]
            row = self.conn.execute(select(t).where(t.c.id == row_id)).mappings().first()
            stamps = fetch_stamps(self.conn, [key]).get(key, {})
            self.rows[key] = (
                None if row is None else RowState({k: to_wire(v) for k, v in row.items()}, stamps)
            )
        state = self.rows[key]
        return None if state is None else RowState(dict(state.values), dict(state.stamps))

    def find_change(self, device_id: str, seq: int) -> ChangeData | None:
        if (device_id, seq) in self.batch:
            return self.batch[(device_id, seq)]
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
        self.flush()  # rows inserted earlier in this chunk count too
        t = synced_tables()[table]
        return list(
            self.conn.execute(
                select(t.c.id).where(t.c[column] == value, t.c.id != row_id, t.c.deleted.is_(False))
            ).scalars()
        )

    # ---------------------------------------------------------------- writing
    def take(self, change: ChangeData, outcome: Outcome) -> None:
        """Put the outcome into the in-memory row; :meth:`flush` writes it."""
        key = (change.table, change.row_id)
        self.batch[(change.device_id, change.seq)] = change
        state = self.rows.get(key)
        if outcome.insert or state is None:
            state = RowState(dict(outcome.set_values), dict(outcome.set_stamps))
            state.values["id"] = change.row_id
            self.rows[key] = state
            self.inserts[key] = change
        else:
            state.values.update(outcome.set_values)
            state.stamps.update(outcome.set_stamps)
            if outcome.set_values and key not in self.inserts:
                self.updates.setdefault(key, set()).update(outcome.set_values)
        if outcome.set_stamps:
            self.stamps[key] = state.stamps

    def flush(self) -> list[tuple[ChangeData, ConflictData]]:
        """Write what :meth:`take` gathered.  Returns inserts refused by a unique key
        (two devices chose the same household code), with the record that keeps them."""
        refused: list[tuple[ChangeData, ConflictData]] = []
        by_table: dict[tuple[str, frozenset[str]], list[Key]] = {}
        for key in self.inserts:
            shape = frozenset(self._row(key))  # executemany needs one set of columns
            by_table.setdefault((key[0], shape), []).append(key)
        for (table, _shape), keys in by_table.items():
            t = synced_tables()[table]
            rows = [row_from_wire(table, self._row(key)) for key in keys]
            try:
                with self.conn.begin_nested():
                    self.conn.execute(insert(t), rows)
            except IntegrityError:
                for key, row in zip(keys, rows, strict=True):
                    try:
                        with self.conn.begin_nested():
                            self.conn.execute(insert(t).values(**row))
                    except IntegrityError:
                        change = self.inserts[key]
                        refused.append((change, _kept_rejection(change, self._row(key))))
                        self.rows[key] = None
                        self.stamps.pop(key, None)
        groups: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = {}
        for key, columns in self.updates.items():
            state = self.rows.get(key)
            if state is None:
                continue
            table = key[0]
            t = synced_tables()[table]
            # Columns with an ``onupdate`` (updated_at) keep the merged value, not this
            # node's clock: otherwise the nodes would never hold the same record.
            cols = set(columns) | {c.name for c in t.columns if c.onupdate is not None}
            values = row_from_wire(table, {c: state.values.get(c) for c in cols})
            groups.setdefault((table, frozenset(cols)), []).append({"_key": key[1], **values})
        for (table, shape), params in groups.items():
            t = synced_tables()[table]
            stmt = (
                update(t)
                .where(t.c.id == bindparam("_key"))
                .values({c: bindparam(c) for c in shape})
            )
            self.conn.execute(stmt, params)
        upsert_stamps(self.conn, self.stamps)
        self.inserts.clear()
        self.updates.clear()
        self.stamps.clear()
        return refused

    def _row(self, key: Key) -> dict[str, Any]:
        state = self.rows[key]
        assert state is not None
        columns = column_names(key[0])
        return {k: v for k, v in state.values.items() if k in columns}


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
    result = ApplyResult()
    known = known_changes(conn, changes)
    tables = synced_tables()
    for start in range(0, len(changes), BATCH):
        chunk = changes[start : start + BATCH]
        store = LocalRowStore(conn)
        store.prefetch(chunk)
        outcomes: list[tuple[ChangeData, Outcome]] = []
        for change in chunk:
            if (change.device_id, change.seq) in known:
                result.counts["skipped"] += 1
                continue
            known.add((change.device_id, change.seq))
            if change.table not in tables:
                outcome = Outcome("rejected", "unknown_table")
            else:
                outcome = merge_change(store, change, column_names(change.table))
                if outcome.status in ("applied", "conflict"):
                    store.take(change, outcome)
            outcomes.append((change, outcome))
        refused = {(c.device_id, c.seq): kept for c, kept in store.flush()}
        rows: list[dict[str, Any]] = []
        for change, outcome in outcomes:
            kept = refused.get((change.device_id, change.seq))
            if kept is not None:
                outcome = Outcome("rejected", "duplicate_key", conflicts=[kept])
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
