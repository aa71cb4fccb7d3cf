"""Reading and writing many rows' field stamps at once (``sync_row_stamps``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select, tuple_
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from desktop.store.models_sync import SyncRowStamp

Key = tuple[str, str]  # (table, row id)
CHUNK = 400


def fetch_stamps(conn: Connection, keys: Iterable[Key]) -> dict[Key, dict[str, Any]]:
    wanted = list(dict.fromkeys(keys))
    found: dict[Key, dict[str, Any]] = {}
    for i in range(0, len(wanted), CHUNK):
        chunk = wanted[i : i + CHUNK]
        rows = conn.execute(
            select(SyncRowStamp.table_name, SyncRowStamp.row_id, SyncRowStamp.stamps).where(
                tuple_(SyncRowStamp.table_name, SyncRowStamp.row_id).in_(chunk)
            )
        )
        for table, row_id, stamps in rows:
            found[(table, row_id)] = dict(stamps or {})
    return found


def upsert_stamps(conn: Connection, stamps: Mapping[Key, dict[str, Any]]) -> None:
    """Write each row's whole stamp map (the caller merged it)."""
    if not stamps:
        return
    stmt = sqlite_insert(SyncRowStamp)
    stmt = stmt.on_conflict_do_update(
        index_elements=["table_name", "row_id"], set_={"stamps": stmt.excluded.stamps}
    )
    rows = [{"table_name": t, "row_id": r, "stamps": s} for (t, r), s in stamps.items()]
    for i in range(0, len(rows), 2000):
        conn.execute(stmt, rows[i : i + 2000])
