"""Values as they travel: JSON scalars, with dates and times as ISO text.

Every node compares values in this form, so a date read from SQLite and the
same date read from a package are equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Date, Table

from desktop.store.base import Base, UTCDateTime
from desktop.store.models import SYNCED_MODELS

# Columns every synced row has that say who and when, not what: merged
# last-writer-wins without conflicts (a conflict on "updated_at" helps nobody).
META_FIELDS = frozenset({"created_at", "created_by", "updated_at", "updated_by"})
KEY_FIELD = "id"


def to_wire(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def synced_tables() -> dict[str, Table]:
    return {m.__tablename__: m.__table__ for m in SYNCED_MODELS}  # type: ignore[misc]


@cache
def _decoders(table_name: str) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for column in synced_tables()[table_name].columns:
        if isinstance(column.type, UTCDateTime):
            kinds[column.name] = "datetime"
        elif isinstance(column.type, Date):
            kinds[column.name] = "date"
    return kinds


@cache
def column_names(table_name: str) -> frozenset[str]:
    return frozenset(c.name for c in synced_tables()[table_name].columns)


def from_wire(table_name: str, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = _decoders(table_name).get(column)
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    return value


def row_from_wire(table_name: str, values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: from_wire(table_name, k, v) for k, v in values.items()}


def model_for(table_name: str) -> type[Base]:
    for model in SYNCED_MODELS:
        if model.__tablename__ == table_name:
            return model
    raise KeyError(table_name)
