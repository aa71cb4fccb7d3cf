"""Apply received changes to the township database, through the merge rules.

Works on the caller's session connection, so the ORM capture hook never sees
(and never re-records) what was received.  The caller's transaction holds the
whole package, its sync position and its receipts.

Speed (``tests/bench/bench_sync.py``).  Merging stays one
:func:`.merge.merge_change` per change, a chunk of :data:`BATCH` at a time; what
is written is written with one SQL text per table and set of columns through
the driver's ``executemany`` (:class:`_Writer`), parameters converted straight
from the wire form (:func:`.values.param_converter`): SQLAlchemy's compiling and
per-row parameter processing had cost more than SQLite's writing.  Where a
change leaves out a column with a Python-side default, that group goes through
``insert(table)`` so SQLAlchemy fills the default in, as before.  Which rows
exist is asked by id first; only those are read whole, with their stamps.  The
change log's fields are serialised once, compactly.  SQLite's page cache is
raised to :data:`IMPORT_CACHE_KIB` while an import writes, and put back after:
the rows' indexes, their stamps and the log are written side by side, and the
default 2 MB evicted them from one another (about a second of 100 000 changes).
The cycle collector is held off meanwhile, and while the package is read
(:func:`paused_gc`).
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.store.base import utcnow
from desktop.store.models import Change
from desktop.store.models_sync import SyncConflict
from desktop.sync import derive
from desktop.sync.hlc import hlc_time
from desktop.sync.merge import (
    CONFLICT_FIELD,
    CONFLICT_OP,
    RESOLVES_FIELD,
    ChangeData,
    ConflictData,
    Outcome,
    RowState,
    conflict_from_wire,
    decide,
    merge_change,
)
from desktop.sync.stamps import Key, fetch_stamps, upsert_stamps
from desktop.sync.values import (
    Param,
    column_names,
    derived_defaults,
    param_converter,
    row_from_wire,
    synced_columns,
    synced_tables,
    to_wire,
)

BATCH = 500  # changes merged in memory between writes
CHUNK = 500  # ids per IN (...) query: a whole batch at once
IMPORT_CACHE_KIB = 32 * 1024  # SQLite page cache while an import writes (default 2 MB)
_CHANGE_COLUMNS = (
    "device_id",
    "seq",
    "hlc",
    "user_id",
    "table_name",
    "row_id",
    "op",
    "fields",
    "recorded_at",
)


# The change log's fields: plain JSON values read from a package, so no cycle check;
# compact, as the package carried them.
_FIELDS_JSON = json.JSONEncoder(check_circular=False, separators=(",", ":")).encode


class _Writer:
    """SQL texts and parameter converters for the hot writes, made once per table and
    column set on this connection's dialect."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.dialect = conn.dialect
        if self.dialect.paramstyle != "qmark":  # the SQL texts below use "?"
            raise NotImplementedError(f"paramstyle {self.dialect.paramstyle}")
        self._quote = self.dialect.identifier_preparer.quote
        self._inserts: dict[
            tuple[str, tuple[str, ...]], tuple[str, list[tuple[int, Param, bool]]]
        ] = {}
        self._updates: dict[
            tuple[str, tuple[str, ...]], tuple[str, list[tuple[int, Param, bool]]]
        ] = {}
        self._exists: dict[tuple[str, int], str] = {}
        self._converters: dict[tuple[str, str], Param | None] = {}
        self._python_defaults: dict[str, frozenset[str]] = {}
        change_table = Change.__table__
        self._change_sql = self._insert_sql("changes", _CHANGE_COLUMNS)
        self._recorded_at = self._bind(change_table.c.recorded_at)

    def _bind(self, column: ColumnElement[Any]) -> Param:
        proc = column.type.dialect_impl(self.dialect).bind_processor(self.dialect)
        return proc or (lambda v: v)

    def _insert_sql(self, table: str, columns: Sequence[str]) -> str:
        names = ", ".join(self._quote(c) for c in columns)
        marks = ", ".join("?" for _ in columns)
        return f"INSERT INTO {self._quote(table)} ({names}) VALUES ({marks})"

    def _convert(self, table: str, columns: Sequence[str]) -> list[tuple[int, Param, bool]]:
        """Per column that needs it: its index, its converter, and whether the converter
        gives None for None (then None is left as it is)."""
        out: list[tuple[int, Param, bool]] = []
        t = synced_tables()[table]
        for i, name in enumerate(columns):
            key = (table, name)
            if key not in self._converters:
                self._converters[key] = param_converter(t.c[name], self.dialect)
            conv = self._converters[key]
            if conv is not None:
                out.append((i, conv, conv(None) is None))
        return out

    def covers_defaults(self, table: str, columns: Iterable[str]) -> bool:
        """Whether a row of these columns leaves no Python-side default for SQLAlchemy to
        fill in: only then does a plain INSERT store what ``insert(t)`` would."""
        if table not in self._python_defaults:
            t = synced_tables()[table]
            self._python_defaults[table] = frozenset(
                c.name for c in t.columns if c.default is not None
            )
        return self._python_defaults[table].issubset(columns)

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
        """Insert wire-form rows (lists in ``columns`` order, converted in place)."""
        key = (table, columns)
        if key not in self._inserts:
            self._inserts[key] = (self._insert_sql(table, columns), self._convert(table, columns))
        sql, converters = self._inserts[key]
        _convert_rows(rows, converters)
        self.conn.exec_driver_sql(sql, [tuple(r) for r in rows])

    def update_rows(self, table: str, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
        """Set ``columns`` of rows given as wire-form lists of those values then the id."""
        key = (table, columns)
        if key not in self._updates:
            sets = ", ".join(f"{self._quote(c)} = ?" for c in columns)
            sql = f"UPDATE {self._quote(table)} SET {sets} WHERE id = ?"
            self._updates[key] = (sql, self._convert(table, columns))
        sql, converters = self._updates[key]
        _convert_rows(rows, converters)
        self.conn.exec_driver_sql(sql, [tuple(r) for r in rows])

    def existing_ids(self, table: str, ids: Sequence[str]) -> set[str]:
        key = (table, len(ids))
        if key not in self._exists:
            marks = ", ".join("?" for _ in ids)
            self._exists[key] = f"SELECT id FROM {self._quote(table)} WHERE id IN ({marks})"
        return {r[0] for r in self.conn.exec_driver_sql(self._exists[key], tuple(ids))}

    def insert_changes(self, changes: Sequence[ChangeData]) -> None:
        """The received changes into the log, under their origin device."""
        if not changes:
            return
        to_json = _FIELDS_JSON
        recorded_at = self._recorded_at(utcnow())
        rows = [
            (
                c.device_id,
                c.seq,
                c.hlc,
                c.user_id,
                c.table,
                c.row_id,
                c.op,
                to_json(c.fields if type(c.fields) is dict else dict(c.fields)),
                recorded_at,
            )
            for c in changes
        ]
        self.conn.exec_driver_sql(self._change_sql, rows)


def _convert_rows(rows: list[list[Any]], converters: list[tuple[int, Param, bool]]) -> None:
    for row in rows:
        for i, conv, keeps_none in converters:
            value = row[i]
            if value is not None or not keeps_none:
                row[i] = conv(value)


def select_changes() -> Select[tuple[str, int, str, str | None, str, str, str, Any]]:
    """The change log's rows in the order :class:`ChangeData` takes them."""
    return select(
        Change.device_id,
        Change.seq,
        Change.hlc,
        Change.user_id,
        Change.table_name,
        Change.row_id,
        Change.op,
        Change.fields,
    )


class LocalRowStore:
    """The merge's view of a township SQLite database, a chunk of changes at a time.

    Rows and stamps of a chunk are read in a few queries, merged in memory and
    written back with ``executemany``: per-row round trips made an import tens of
    times slower than writing the same rows directly.
    """

    def __init__(self, conn: Connection, writer: _Writer | None = None):
        self.conn = conn
        self.writer = writer or _Writer(conn)
        self.rows: dict[Key, RowState | None] = {}
        self.batch: dict[tuple[str, int], ChangeData] = {}
        self.inserts: dict[Key, ChangeData] = {}
        self.updates: dict[Key, set[str]] = {}
        self.stamps: dict[Key, dict[str, Any]] = {}

    # ---------------------------------------------------------------- reading
    def prefetch(self, changes: Sequence[ChangeData]) -> None:
        """Read the chunk's rows that exist, with their stamps; note the others as absent.

        Which ids exist is asked first (an import of new records reads nothing more)."""
        tables = synced_tables()
        by_table: dict[str, dict[str, None]] = {}
        for c in changes:
            if c.table in tables and (c.table, c.row_id) not in self.rows:
                by_table.setdefault(c.table, {})[c.row_id] = None
        keys: list[Key] = []
        for table, ids in by_table.items():
            t = tables[table]
            unique = list(ids)
            for i in range(0, len(unique), CHUNK):
                chunk = unique[i : i + CHUNK]
                present = self.writer.existing_ids(table, chunk)
                for row_id in chunk:
                    if row_id not in present:
                        self.rows[(table, row_id)] = None
                if not present:
                    continue
                for row in self.conn.execute(
                    select(t).where(t.c.id.in_(sorted(present)))
                ).mappings():
                    key = (table, row["id"])
                    self.rows[key] = RowState({k: to_wire(v) for k, v in row.items()}, {})
                    keys.append(key)
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
            select_changes().where(Change.device_id == device_id, Change.seq == seq)
        ).first()
        return None if row is None else ChangeData(*row)

    def same_value_rows(self, table: str, column: str, value: Any, row_id: str) -> list[str]:
        """None here: duplicates are the county's to find (it sees every change in one
        order and sends its record of them), so an import never stops to look."""
        return []

    # ---------------------------------------------------------------- writing
    def take(self, change: ChangeData, outcome: Outcome) -> None:
        """Put the outcome into the in-memory row; :meth:`flush` writes it."""
        key = (change.table, change.row_id)
        self.batch[(change.device_id, change.seq)] = change
        state = self.rows.get(key)
        if outcome.insert or state is None:
            # the outcome is this change's alone and not read again: its dicts are kept
            state = RowState(outcome.set_values, outcome.set_stamps)
            state.values["id"] = change.row_id
            for name, value in derived_defaults(change.table).items():
                state.values.setdefault(name, value)  # computed after the import
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
        # executemany needs one set of columns: group the rows by theirs
        by_shape: dict[tuple[str, tuple[str, ...]], tuple[list[Key], list[list[Any]]]] = {}
        for key in self.inserts:
            row = self._row(key)
            group = by_shape.get((key[0], tuple(row)))
            if group is None:
                group = by_shape[(key[0], tuple(row))] = ([], [])
            group[0].append(key)
            group[1].append(list(row.values()))
        for (table, shape), (keys, values) in by_shape.items():
            try:
                with self.conn.begin_nested():
                    if self.writer.covers_defaults(table, shape):
                        self.writer.insert_rows(table, shape, values)
                    else:  # SQLAlchemy fills in the Python-side defaults
                        rows = [row_from_wire(table, self._row(k)) for k in keys]
                        self.conn.execute(insert(synced_tables()[table]), rows)
            except IntegrityError:
                refused.extend(self._insert_one_by_one(table, keys))
        groups: dict[tuple[str, tuple[str, ...]], list[list[Any]]] = {}
        for key, columns in self.updates.items():
            state = self.rows.get(key)
            if state is None:
                continue
            table = key[0]
            cols = tuple(sorted(columns))
            groups.setdefault((table, cols), []).append(
                [state.values.get(c) for c in cols] + [key[1]]
            )
        for (table, cols), params in groups.items():
            self.writer.update_rows(table, cols, params)
        upsert_stamps(self.conn, self.stamps)
        self.inserts.clear()
        self.updates.clear()
        self.stamps.clear()
        return refused

    def _insert_one_by_one(
        self, table: str, keys: list[Key]
    ) -> list[tuple[ChangeData, ConflictData]]:
        """Insert row by row, each in a savepoint; returns the inserts a unique key refused."""
        t = synced_tables()[table]
        refused: list[tuple[ChangeData, ConflictData]] = []
        for key in keys:
            try:
                with self.conn.begin_nested():
                    self.conn.execute(insert(t).values(**row_from_wire(table, self._row(key))))
            except IntegrityError:
                change = self.inserts[key]
                refused.append((change, _kept_rejection(change, self._row(key))))
                self.rows[key] = None
                self.stamps.pop(key, None)
        return refused

    def _row(self, key: Key) -> Mapping[str, Any]:
        """The row's values for its table's columns (read only)."""
        state = self.rows[key]
        assert state is not None
        columns = column_names(key[0])
        if columns.issuperset(state.values):
            return state.values
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
    # rows the changes wrote and the rows they refer to: their derived columns are due
    touched: derive.Touched = field(default_factory=dict)


def save_conflicts(conn: Connection, conflicts: Iterable[ConflictData], detected: str) -> None:
    """Keep conflicts the county found (``detected``: the stamp of the entry that brought
    them); one already here is left as it is."""
    at = hlc_time(detected) or utcnow()
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
                detected_at=at,
            )
        )


def settle(conn: Connection, change: ChangeData) -> None:
    """A reviewer's decision (here or received) closes the conflicts it names, with the
    decision every node records (:func:`desktop.sync.merge.decide`)."""
    settled = change.fields.get(RESOLVES_FIELD, [None])[0]
    if not settled:
        return
    rows = conn.execute(
        select(SyncConflict.id, SyncConflict.field, SyncConflict.decision).where(
            SyncConflict.id.in_([str(i) for i in settled])
        )
    ).all()
    for conflict_id, name, recorded in rows:
        decision, _clash = decide(recorded, change, name)
        conn.execute(
            update(SyncConflict)
            .where(SyncConflict.id == conflict_id)
            .values(
                status="resolved",
                decision=decision,
                resolved_by=decision["by"],
                resolved_at=hlc_time(decision["hlc"]),
            )
        )


def known_changes(conn: Connection, changes: Sequence[ChangeData]) -> set[tuple[str, int]]:
    """Which of these (device, seq) pairs are already here: replays are skipped.

    A stream's changes come in runs of consecutive numbers, so each origin device's
    range is asked for at once; a sparse range is asked for by its numbers."""
    wanted: dict[str, set[int]] = {}
    for c in changes:
        wanted.setdefault(c.device_id, set()).add(c.seq)
    found: set[tuple[str, int]] = set()
    for device_id, seqs in wanted.items():
        low, high = min(seqs), max(seqs)
        if high - low < 4 * len(seqs):
            query = select(Change.seq).where(
                Change.device_id == device_id, Change.seq.between(low, high)
            )
            found.update((device_id, s) for s in conn.execute(query).scalars() if s in seqs)
            continue
        ordered = sorted(seqs)
        for i in range(0, len(ordered), CHUNK):
            query = select(Change.seq).where(
                Change.device_id == device_id, Change.seq.in_(ordered[i : i + CHUNK])
            )
            found.update((device_id, s) for s in conn.execute(query).scalars())
    return found


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off the cycle collector for a while (reference counting still frees memory).

    On the way out, what was made meanwhile is counted as old at once (``gc.freeze``
    then ``gc.unfreeze`` move every tracked object to the oldest generation, without
    walking them): left young, a package's millions of objects would be walked twice
    more, by the first young and middle collections, only to be promoted.  Not done
    when something else keeps objects frozen, which unfreezing would undo.  Nested or
    concurrent uses leave the collector as the outermost found it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


@contextmanager
def _import_cache(conn: Connection) -> Iterator[None]:
    """A larger SQLite page cache while an import writes, the connection's own after."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or 0)}")


def apply_changes(session: Session, changes: Sequence[ChangeData]) -> ApplyResult:
    """Merge and store received changes, in order, inside the caller's transaction.

    Foreign keys are checked at commit (a building may name its leader before the
    person arrives in the same package).
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    result = ApplyResult()
    counts, receipts = result.counts, result.receipts
    with paused_gc(), _import_cache(conn):
        known = known_changes(conn, changes)
        tables = synced_tables()
        writer = _Writer(conn)
        for start in range(0, len(changes), BATCH):
            chunk = changes[start : start + BATCH]
            store = LocalRowStore(conn, writer)
            store.prefetch(chunk)
            outcomes: list[tuple[ChangeData, Outcome]] = []
            for change in chunk:
                ref = (change.device_id, change.seq)
                if ref in known:
                    counts["skipped"] += 1
                    continue
                known.add(ref)
                if change.op == CONFLICT_OP:
                    # found by the county: kept here as it was found there
                    found = conflict_from_wire(change.fields[CONFLICT_FIELD][0])
                    outcome = Outcome("applied", conflicts=[found])
                elif change.table not in tables:
                    outcome = Outcome("rejected", "unknown_table")
                else:
                    outcome = merge_change(store, change, synced_columns(change.table))
                    if outcome.status in _TAKEN:
                        store.take(change, outcome)
                outcomes.append((change, outcome))
            refused = {(c.device_id, c.seq) for c, _kept in store.flush()}
            for change, outcome in outcomes:
                if (change.device_id, change.seq) in refused:
                    outcome = Outcome("rejected", "duplicate_key")
                elif change.op == CONFLICT_OP:
                    save_conflicts(conn, outcome.conflicts, change.hlc)
                    outcome = Outcome("conflict")  # counted as a conflict received
                elif outcome.status == "conflict":
                    # a value that did not stand here: the county finds the same, in the
                    # one order every node shares, and sends its record of it
                    outcome = Outcome("applied")
                if RESOLVES_FIELD in change.fields:
                    settle(conn, change)
                status = outcome.status
                if status == "applied":
                    derive.note(result.touched, (change,))
                counts[status] += 1
                receipts.append(
                    (
                        change.device_id,
                        change.seq,
                        "applied" if status == "skipped" else status,
                        outcome.reason,
                    )
                )
            writer.insert_changes([change for change, _ in outcomes])
    return result


_TAKEN = frozenset({"applied", "conflict"})
