"""Reading and writing many rows' field stamps at once (``sync_row_stamps``).

Stored compactly: most fields of a row were set by the same change (an insert
sets them all), so the stamps are kept as ``{"_refs": [stamp, ...], "_fields":
{field: index}}`` and expanded to ``{field: stamp}`` when read.

Written through the driver's ``executemany`` with one upsert statement: an
import writes a stamp row for every row it writes, and building SQLAlchemy
parameters per row cost more than the write itself.  For the same reason the
JSON of a row whose fields share one stamp (every insert) is put together from
that stamp and the ``_fields`` text of its set of field names, made once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select, tuple_

from desktop.store.models_sync import SyncRowStamp

Key = tuple[str, str]  # (table, row id)
CHUNK = 400
WRITE_CHUNK = 2000


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


def compact_json(stamps: Mapping[str, Any]) -> str:
    """The JSON of ``compact(stamps)``, quicker when one stamp set every field."""
    values = list(stamps.values())
    if not values or values.count(values[0]) != len(values):
        return _dumps(compact(stamps))
    names = tuple(stamps)
    fields = _FIELDS_TEXT.get(names)
    if fields is None:
        if len(_FIELDS_TEXT) >= 256:
            _FIELDS_TEXT.clear()
        fields = _FIELDS_TEXT[names] = _dumps(dict.fromkeys(names, 0))
    return f'{{"_refs":[{_dumps(list(values[0]))}],"_fields":{fields}}}'


_dumps = json.JSONEncoder(check_circular=False, separators=(",", ":")).encode
_FIELDS_TEXT: dict[tuple[str, ...], str] = {}


def upsert_stamps(conn: Connection, stamps: Mapping[Key, dict[str, Any]]) -> None:
    """Write each row's whole stamp map (the caller merged it)."""
    if not stamps:
        return
    quote = conn.dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(SyncRowStamp.__tablename__)} (table_name, row_id, stamps) "
        "VALUES (?, ?, ?) ON CONFLICT (table_name, row_id) DO UPDATE SET stamps = excluded.stamps"
    )
    rows = [(t, r, compact_json(s)) for (t, r), s in stamps.items()]
    for i in range(0, len(rows), WRITE_CHUNK):
        conn.exec_driver_sql(sql, rows[i : i + WRITE_CHUNK])
