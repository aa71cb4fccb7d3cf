"""Change capture: every ORM insert, update and tombstone of a synced row is
recorded in the ``changes`` outbox inside the same transaction.

Install it on a session factory (or the ``Session`` class) with
:func:`install_capture`; it is never installed at import, so code that does not
ask for it is untouched.  Rows written with Core statements (``session.execute(
insert(Model), rows)``) bypass ORM events: they are covered by
:func:`capture_baseline`, which the export calls first and which records an
insert change for every synced row that has none yet.  Core ``UPDATE`` or
``DELETE`` of synced tables is not captured and must not be used.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.base import Synced, new_id
from desktop.store.models import Change, Setting
from desktop.sync import skew
from desktop.sync.apply import settle
from desktop.sync.hlc import HybridClock
from desktop.sync.merge import RESOLVES_FIELD, ChangeData
from desktop.sync.stamps import fetch_stamps, upsert_stamps
from desktop.sync.values import KEY_FIELD, derived_columns, synced_tables, to_wire

DEVICE_SETTING = "device_id"
SEEN_FIELD = "_seen"  # in a delete change: the newest stamp the deleter had seen
RESOLVES_INFO = "sync_resolves"  # session.info key: (table, row) -> {"ids", "fields"}
SHOWN_INFO = "sync_shown"  # session.info key: (table, row) -> {field: value the form showed}


def mark_resolution(
    session: Session, table: str, row_id: str, conflict_ids: Iterable[str], fields: Iterable[str]
) -> None:
    """Tell capture that the next flush of this row carries a reviewer's decision."""
    entry = session.info.setdefault(RESOLVES_INFO, {}).setdefault(
        (table, row_id), {"ids": set(), "fields": set()}
    )
    entry["ids"].update(conflict_ids)
    entry["fields"].update(fields)


def resolution_pending(session: Session, table: str, row_id: str) -> bool:
    """Whether a decision marked for this row still waits for a flush that carries it."""
    return (table, row_id) in session.info.get(RESOLVES_INFO, {})


def mark_shown(session: Session, table: str, row_id: str, shown: Mapping[str, Any]) -> None:
    """Tell capture which value a form showed for fields that changed since it opened.

    The next flush of this row records each such field as replacing the value the
    user saw (not the one that stands now), so every node sees the two edits as
    concurrent; here, where no merge runs, capture keeps the value it overwrites
    in a conflict record, with the same id the merge gives it elsewhere.
    """
    entry = session.info.setdefault(SHOWN_INFO, {}).setdefault((table, row_id), {})
    entry.update({k: to_wire(v) for k, v in shown.items()})


@dataclass(frozen=True, slots=True)
class PendingChange:
    table: str
    row_id: str
    op: str
    user_id: str | None
    fields: dict[str, list[Any]]
    # the whole row as an insert would carry it: read when no change named the row yet
    full: Callable[[], dict[str, list[Any]]] | None = None


def ensure_device_id(session: Session) -> str:
    """This database's device id, made once (before enrolment too)."""
    row = session.get(Setting, DEVICE_SETTING)
    if row is None:
        row = Setting(key=DEVICE_SETTING, value=new_id())
        session.add(row)
        session.flush()
    return row.value


def newest_hlc(session: Session) -> str | None:
    return session.execute(select(func.max(Change.hlc))).scalar()


def next_seq(session: Session, device_id: str) -> int:
    """Gap-free: the next number after the largest, read inside the writing transaction."""
    current = session.execute(
        select(func.max(Change.seq)).where(Change.device_id == device_id)
    ).scalar()
    return (current or 0) + 1


def _insert_fields(obj: Any) -> dict[str, list[Any]]:
    table = obj.__tablename__
    skip = derived_columns(table)
    return {
        attr.key: [to_wire(getattr(obj, attr.key)), None]
        for attr in inspect(obj).mapper.column_attrs
        if attr.key != KEY_FIELD and attr.key not in skip
    }


def _update_fields(obj: Any) -> dict[str, list[Any]]:
    state = inspect(obj)
    skip = derived_columns(obj.__tablename__)
    fields: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in skip:
            continue
        history = state.attrs[attr.key].history
        if not history.added and not history.deleted:
            continue
        new = history.added[0] if history.added else None
        old = history.deleted[0] if history.deleted else None
        if to_wire(new) == to_wire(old):
            continue
        fields[attr.key] = [to_wire(new), to_wire(old)]
    return fields


def _whole_tombstone(obj: Any) -> dict[str, list[Any]]:
    return {**_insert_fields(obj), "deleted": [True, None]}


def _pending(session: Session) -> list[PendingChange]:
    tables = synced_tables()
    resolves: dict[tuple[str, str], dict[str, Any]] = session.info.get(RESOLVES_INFO, {})
    shown: dict[tuple[str, str], dict[str, Any]] = session.info.get(SHOWN_INFO, {})
    out: list[PendingChange] = []
    for obj in session.new:
        if isinstance(obj, Synced) and obj.__tablename__ in tables:  # type: ignore[attr-defined]
            out.append(
                PendingChange(
                    obj.__tablename__,  # type: ignore[attr-defined]
                    obj.id,
                    "insert",
                    obj.updated_by or obj.created_by,
                    _insert_fields(obj),
                )
            )
    for obj in session.dirty:
        if not isinstance(obj, Synced) or obj.__tablename__ not in tables:  # type: ignore[attr-defined]
            continue
        fields = _update_fields(obj)
        decision = resolves.pop((obj.__tablename__, obj.id), None)  # type: ignore[attr-defined]
        if decision is not None:
            # A reviewer's decision travels even when the chosen value already stands.
            for name in decision["fields"]:
                if name not in fields:
                    value = to_wire(getattr(obj, name))
                    fields[name] = [value, value]
            fields[RESOLVES_FIELD] = [sorted(decision["ids"]), None]
        if not any(k not in ("updated_at",) for k in fields):
            continue
        if "updated_at" not in fields:
            fields["updated_at"] = [to_wire(obj.updated_at), None]
        for name, value in shown.get((obj.__tablename__, obj.id), {}).items():  # type: ignore[attr-defined]
            if name in fields and fields[name][1] != value:
                # written as replacing what the form showed: the county sees two edits
                # made without seeing each other and keeps the other in a conflict
                fields[name] = [fields[name][0], value]
        op = "delete" if fields.get("deleted", [False])[0] is True else "update"
        out.append(
            PendingChange(
                obj.__tablename__,  # type: ignore[attr-defined]
                obj.id,
                op,
                obj.updated_by,
                fields,
                functools.partial(_insert_fields, obj),
            )
        )
    for obj in session.deleted:
        # A hard delete of a synced row travels as a tombstone: the others keep the row.
        if isinstance(obj, Synced) and obj.__tablename__ in tables:  # type: ignore[attr-defined]
            out.append(
                PendingChange(
                    obj.__tablename__,  # type: ignore[attr-defined]
                    obj.id,
                    "delete",
                    obj.updated_by,
                    {"deleted": [True, False]},
                    functools.partial(_whole_tombstone, obj),
                )
            )
    return out


def record_changes(
    session: Session, device_id: str, clock: HybridClock, pending: Iterable[PendingChange]
) -> int:
    """Write the changes and move each row's field stamps, through the session's connection.

    Used by the flush hook and by :func:`capture_baseline`; the caller's
    transaction holds both the edit and its change.
    """
    pending = list(pending)
    if not pending:
        return 0
    conn = session.connection()
    seq = next_seq(session, device_id)
    clock.observe(newest_hlc(session))
    known = fetch_stamps(conn, ((item.table, item.row_id) for item in pending))
    touched: dict[tuple[str, str], dict[str, Any]] = {}
    rows: list[dict[str, Any]] = []
    for item in pending:
        key = (item.table, item.row_id)
        row_stamps = touched.get(key) or known.get(key) or {}
        hlc = clock.tick_after(max((str(s[0]) for s in row_stamps.values()), default=None))
        op, fields = item.op, dict(item.fields)
        if op != "insert" and key not in known and key not in touched and item.full:
            # A row no change has named yet (written by a bulk insert, a ledger import
            # or the demo before capture saw it): its first change carries all of it.
            op, fields = "insert", {**item.full(), **fields}
            fields = {k: [v[0], None] for k, v in fields.items() if not k.startswith("_")}
            if RESOLVES_FIELD in item.fields:
                fields[RESOLVES_FIELD] = item.fields[RESOLVES_FIELD]
        stamps = touched.get(key) or dict(known.get(key, {}))
        if op == "delete":
            seen = max((s[0] for s in stamps.values()), default=None)
            fields[SEEN_FIELD] = [seen, None]
        for name in fields:
            if not name.startswith("_"):
                stamps[name] = [hlc, device_id, seq, item.user_id]
        touched[key] = stamps
        rows.append(
            {
                "device_id": device_id,
                "seq": seq,
                "hlc": hlc,
                "user_id": item.user_id,
                "table_name": item.table,
                "row_id": item.row_id,
                "op": op,
                "fields": fields,
            }
        )
        seq += 1
    upsert_stamps(conn, touched)
    conn.execute(insert(Change), rows)
    for row in rows:
        if RESOLVES_FIELD in row["fields"]:
            settle(conn, ChangeData(**{_CHANGE_ARGS.get(k, k): v for k, v in row.items()}))
    return len(rows)


_CHANGE_ARGS = {"table_name": "table"}


@dataclass
class CaptureHandle:
    target: Any
    listener: Callable[..., None]
    device_id: str
    clock: HybridClock

    def remove(self) -> None:
        event.remove(self.target, "after_flush", self.listener)


def install_capture(
    target: sessionmaker[Session] | type[Session] | Session,
    *,
    device_id: str,
    clock: HybridClock | None = None,
) -> CaptureHandle:
    """Record every flushed change of a synced row made through ``target``'s sessions.

    Sessions made with ``session.info["sync_apply"] = True`` (the importer) are
    skipped: received changes are stored as received, never re-recorded.
    """
    clock = clock or HybridClock()

    def after_flush(session: Session, _context: Any) -> None:
        if session.info.get("sync_apply"):
            return
        record_changes(session, device_id, clock, _pending(session))
        # a decision is carried by the flush that writes its row (taken off then); what
        # the forms showed holds for one save
        session.info.pop(SHOWN_INFO, None)

    event.listen(target, "after_flush", after_flush)
    return CaptureHandle(target, after_flush, device_id, clock)


def enable_capture(
    session_factory: sessionmaker[Session], clock: HybridClock | None = None
) -> CaptureHandle:
    """What the app and every command that writes call once after opening the database:
    make the device id if there is none, put the clock offset last measured against the
    county into force, then record every change made through ``session_factory``."""
    with session_factory.begin() as session:
        device_id = ensure_device_id(session)
        skew.load_clock_offset(session)
    return install_capture(session_factory, device_id=device_id, clock=clock)


def capture_baseline(session: Session, device_id: str, clock: HybridClock | None = None) -> int:
    """Record an insert change for every synced row that has no change yet.

    Covers rows made before capture was installed or by Core bulk inserts (the
    demo generator, ledger imports).  Returns how many were recorded.
    """
    clock = clock or HybridClock()
    conn = session.connection()
    pending: list[PendingChange] = []
    for name, table in synced_tables().items():
        known = select(Change.row_id).where(Change.table_name == name)
        result = conn.execute(select(table).where(table.c.id.not_in(known)))
        for row in result.mappings():
            skip = derived_columns(name)
            fields = {
                k: [to_wire(v), None] for k, v in row.items() if k != KEY_FIELD and k not in skip
            }
            user = row.get("updated_by") or row.get("created_by")
            pending.append(PendingChange(name, row["id"], "insert", user, fields))
    record_changes(session, device_id, clock, pending)
    return len(pending)
