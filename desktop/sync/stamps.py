"""Reading and writing many rows' field stamps at once (``sync_row_stamps``).

Stored compactly: most fields of a row were set by the same change (an insert
sets them all), so the stamps are kept as ``{"_refs": [stamp, ...], "_fields":
{field: index}}`` and expanded to ``{field: stamp}`` when read.
"""

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
            found[(table, row_id)] = expand(stamps or {})
    return found


def expand(stored: Mapping[str, Any]) -> dict[str, Any]:
    if "_fields" not in stored:
        return dict(stored)
    refs = stored["_refs"]
    return {name: refs[i] for name, i in stored["_fields"].items()}


def compact(stamps: Mapping[str, Any]) -> dict[str, Any]:
    refs: list[Any] = []
    index: dict[tuple[Any, ...], int] = {}
    fields: dict[str, int] = {}
    for name, stamp in stamps.items():
        key = tuple(stamp)
        if key not in index:
            index[key] = len(refs)
            refs.append(list(stamp))
        fields[name] = index[key]
    return {"_refs": refs, "_fields": fields}


def upsert_stamps(conn: Connection, stamps: Mapping[Key, dict[str, Any]]) -> None:
    """Write each row's whole stamp map (the caller merged it)."""
    if not stamps:
        return
    stmt = sqlite_insert(SyncRowStamp)
    stmt = stmt.on_conflict_do_update(
        index_elements=["table_name", "row_id"], set_={"stamps": stmt.excluded.stamps}
    )
    rows = [{"table_name": t, "row_id": r, "stamps": compact(s)} for (t, r), s in stamps.items()]
    for i in range(0, len(rows), 2000):
        conn.execute(stmt, rows[i : i + 2000])
