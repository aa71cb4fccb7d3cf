"""Records that leave a township's scope, and records that enter another's.

The county moves a household to a site of another township (跨乡镇迁移) with its
members and its files: visits, "311" services, monitoring periods, work
orders and their events (:data:`OWNED_BY`).  Two kinds of entry in the county's
log carry the move:

* ``snapshot`` (to the new township): the record as the county holds it, with
  the county's field stamps in ``_stamps``, so later edits merge the same way
  there as at the county (:func:`desktop.sync.merge.merge_change` inserts it);
* ``evict`` (to the old township): ``_move`` names the move and ``_order`` the
  removal order within it, children first.

A device keeps the records of a move until none of them (nor any local record
that belongs to them) has an edit of its own that the county has not yet
acknowledged, or a form's draft (what is being typed is never thrown away: once
saved it is an edit like any other).  Those edits are uploaded first, and the
county accepts them from the township the record left (they were made while
it was in scope).  Then the move's rows are deleted for good, with their
stamps and open conflicts;
:class:`~desktop.store.models_sync.SyncEviction` remembers what was removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, delete, select, tuple_, update
from sqlalchemy.orm import Session

from desktop.store.base import utcnow
from desktop.store.models import Change, Draft
from desktop.store.models_sync import SyncConflict, SyncEviction, SyncRowStamp
from desktop.sync.merge import ChangeData
from desktop.sync.values import synced_tables

EVICT = "evict"
SNAPSHOT = "snapshot"
# (table, column): a row of ``table`` belongs to the row its ``column`` names, and
# moves (or is removed) with it.  Every other reference to a moving row is cleared.
OWNED_BY: tuple[tuple[str, str], ...] = (
    ("persons", "household_id"),
    ("visits", "household_id"),
    ("employment_services", "household_id"),
    ("employment_services", "person_id"),
    ("monitoring_periods", "household_id"),
    ("work_orders", "household_id"),
    ("work_order_events", "order_id"),
)

Key = tuple[str, str]


def references() -> list[tuple[str, str, str]]:
    """Every foreign key between synced tables: (table, column, referenced table)."""
    tables = synced_tables()
    out: list[tuple[str, str, str]] = []
    for name, table in tables.items():
        for column in table.columns:
            for fk in column.foreign_keys:
                if fk.column.table.name in tables:
                    out.append((name, column.name, fk.column.table.name))
    return out


def split(changes: Sequence[ChangeData]) -> tuple[list[ChangeData], list[ChangeData]]:
    """The changes to merge, and the evictions."""
    rest = [c for c in changes if c.op != EVICT]
    return rest, [c for c in changes if c.op == EVICT]


def take(session: Session, evictions: Iterable[ChangeData]) -> int:
    """Remember the evictions a package brought (a replayed one is ignored)."""
    count = 0
    for change in evictions:
        move_id = str(change.fields["_move"][0])
        exists = session.scalar(
            select(SyncEviction.id).where(
                SyncEviction.move_id == move_id,
                SyncEviction.table_name == change.table,
                SyncEviction.row_id == change.row_id,
            )
        )
        if exists is None:
            session.add(
                SyncEviction(
                    move_id=move_id,
                    ordinal=int(change.fields["_order"][0]),
                    table_name=change.table,
                    row_id=change.row_id,
                )
            )
            count += 1
    session.flush()
    return count


def settle(session: Session, device_id: str, acked_upto: int) -> int:
    """Remove the held moves none of whose rows waits for an upload.  Returns rows removed."""
    conn = session.connection()
    moves = list(
        session.scalars(select(SyncEviction.move_id).where(SyncEviction.state == "held").distinct())
    )
    removed = 0
    for move_id in moves:
        rows = list(
            session.scalars(
                select(SyncEviction)
                .where(SyncEviction.move_id == move_id)
                .order_by(SyncEviction.ordinal)
            )
        )
        keys = [(r.table_name, r.row_id) for r in rows]
        extra = _belonging(conn, keys)
        everything = [*extra, *keys]
        if _waiting_upload(conn, device_id, acked_upto, everything):
            continue
        _remove(session, conn, everything)
        now = utcnow()
        for r in rows:
            r.state, r.removed_at = "removed", now
        for order, (table, row_id) in enumerate(extra, start=-len(extra)):
            session.add(
                SyncEviction(
                    move_id=move_id,
                    ordinal=order,
                    table_name=table,
                    row_id=row_id,
                    state="removed",
                    removed_at=now,
                )
            )
        removed += len(everything)
    session.flush()
    return removed


def removed_rows(session: Session) -> set[Key]:
    """Rows removed here because they left the township (the audit skips them)."""
    return {
        (t, r)
        for t, r in session.execute(
            select(SyncEviction.table_name, SyncEviction.row_id).where(
                SyncEviction.state == "removed"
            )
        )
    }


def _belonging(conn: Connection, keys: Sequence[Key]) -> list[Key]:
    """Local rows the county did not name that belong to the moved ones (a visit made
    here after the move left the county), deepest first."""
    known = set(keys)
    frontier = list(keys)
    levels: list[list[Key]] = []
    tables = synced_tables()
    while frontier:
        found: list[Key] = []
        by_table: dict[str, list[str]] = {}
        for table, row_id in frontier:
            by_table.setdefault(table, []).append(row_id)
        for child, column in OWNED_BY:
            parent = referenced_table(child, column)
            ids = by_table.get(parent)
            if not ids:
                continue
            t = tables[child]
            for i in range(0, len(ids), 400):
                for (row_id,) in conn.execute(
                    select(t.c.id).where(t.c[column].in_(ids[i : i + 400]))
                ):
                    key = (child, row_id)
                    if key not in known:
                        known.add(key)
                        found.append(key)
        if found:
            levels.append(found)
        frontier = found
    return [key for level in reversed(levels) for key in level]


def referenced_table(table: str, column: str) -> str:
    """The table ``table.column`` refers to."""
    for fk in synced_tables()[table].c[column].foreign_keys:
        return str(fk.column.table.name)
    raise KeyError((table, column))


def _waiting_upload(conn: Connection, device_id: str, acked_upto: int, keys: Sequence[Key]) -> bool:
    """Whether any of these rows has an edit of ours the county has not acknowledged,
    or a form's draft (typing not saved yet, perhaps in a form open now)."""
    for i in range(0, len(keys), 400):
        chunk = list(keys[i : i + 400])
        hit = conn.execute(
            select(Change.id)
            .where(
                Change.device_id == device_id,
                Change.seq > acked_upto,
                tuple_(Change.table_name, Change.row_id).in_(chunk),
            )
            .limit(1)
        ).first()
        if hit is not None:
            return True
        drafted = conn.execute(
            select(Draft.id).where(Draft.record_id.in_([row_id for _, row_id in chunk])).limit(1)
        ).first()
        if drafted is not None:
            return True
    return False


def _remove(session: Session, conn: Connection, keys: Sequence[Key]) -> None:
    tables = synced_tables()
    gone: dict[str, list[str]] = {}
    for table, row_id in keys:
        gone.setdefault(table, []).append(row_id)
    # References from rows that stay: cleared here (the county clears its own copies).
    for table, column, target in references():
        ids = gone.get(target)
        if not ids or (table, column) in OWNED_BY:
            continue
        t = tables[table]
        staying = t.c.id.not_in(gone.get(table, []))
        conn.execute(update(t).where(t.c[column].in_(ids), staying).values({column: None}))
    for table, row_id in keys:
        t = tables[table]
        conn.execute(delete(t).where(t.c.id == row_id))
    flat: list[Any] = [row_id for _, row_id in keys]
    conn.execute(
        delete(SyncRowStamp).where(tuple_(SyncRowStamp.table_name, SyncRowStamp.row_id).in_(keys))
    )
    conn.execute(
        delete(SyncConflict).where(SyncConflict.row_id.in_(flat), SyncConflict.status == "open")
    )
    session.expire_all()
