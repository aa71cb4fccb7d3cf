"""Values as they travel: JSON scalars, with dates and times as ISO text.

Every node compares values in this form, so a date read from SQLite and the
same date read from a package are equal.

:func:`param_converter` goes straight from this form to the parameter the
database driver receives, the value SQLAlchemy would bind after
:func:`from_wire`: an import writes its rows through the driver's
``executemany`` without building a dict of Python values per row first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Column, Date, Table
from sqlalchemy.engine import Dialect

from desktop.store.base import Base, UTCDateTime, is_derived
from desktop.store.models import SYNCED_MODELS

# Columns every synced row has that say who and when, not what: merged
# last-writer-wins without conflicts (a conflict on "updated_at" helps nobody).
META_FIELDS = frozenset({"created_at", "created_by", "updated_at", "updated_by"})
KEY_FIELD = "id"


def to_wire(value: Any) -> Any:
    if isinstance(value, datetime):
        # in UTC, as the database gives it back: a time a service set in China time
        # and the same time read from SQLite must be one value, or the merge would
        # see an edit where there is none
        if value.tzinfo is not None and value.utcoffset():
            value = value.astimezone(UTC)
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
        kind = _kind(column)
        if kind is not None:
            kinds[column.name] = kind
    return kinds


@cache
def column_names(table_name: str) -> frozenset[str]:
    return frozenset(c.name for c in synced_tables()[table_name].columns)


@cache
def derived_columns(table_name: str) -> frozenset[str]:
    """Columns each node computes for itself (``info=DERIVED``): never sent, never merged."""
    return frozenset(c.name for c in synced_tables()[table_name].columns if is_derived(c))


@cache
def derived_defaults(table_name: str) -> dict[str, Any]:
    """What a derived column holds before the node computes it (its scalar default)."""
    out: dict[str, Any] = {}
    for c in synced_tables()[table_name].columns:
        if is_derived(c):
            default: Any = c.default
            out[c.name] = (
                to_wire(default.arg) if default is not None and default.is_scalar else None
            )
    return out


@cache
def synced_columns(table_name: str) -> frozenset[str]:
    """The columns that travel: what people and services write."""
    return column_names(table_name) - derived_columns(table_name)


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


Param = Callable[[Any], Any]

# A UTC time as to_wire writes it, and as SQLite's DATETIME stores it: the one can be
# cut out of the other once the text is known to be a valid time.
_WIRE_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")
_SAMPLE = datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=UTC)
_SAMPLE_SQLITE = "2001-02-03 04:05:06.000007"


def param_converter(column: Column[Any], dialect: Dialect) -> Param | None:
    """The function from ``column``'s wire value to its DBAPI parameter on ``dialect``:
    :func:`from_wire`, then the column type's bind processor.  None when the value
    passes unchanged (text, numbers).  The function takes None too."""
    proc = column.type.dialect_impl(dialect).bind_processor(dialect)
    kind = _kind(column)
    if kind == "datetime":
        bind = proc or (lambda v: v)
        if bind(_SAMPLE) == _SAMPLE_SQLITE:

            def utc_text(value: Any) -> Any:
                if value is None:
                    return bind(None)
                parsed = datetime.fromisoformat(value)  # refuses what from_wire refuses
                if _WIRE_UTC.fullmatch(value):
                    return f"{value[:10]} {value[11:26]}"
                return bind(parsed)

            return utc_text
        return lambda v: bind(None if v is None else datetime.fromisoformat(v))
    if kind == "date":
        bind = proc or (lambda v: v)
        return lambda v: bind(None if v is None else date.fromisoformat(v))
    if proc is not None and isinstance(column.type, Boolean) and proc(True) == 1:
        # The driver binds True as 1 too: only other values need the type's checks.
        return lambda v: v if v is True or v is False else proc(v)
    return proc


def _kind(column: Column[Any]) -> str | None:
    if isinstance(column.type, UTCDateTime):
        return "datetime"
    if isinstance(column.type, Date):
        return "date"
    return None


def model_for(table_name: str) -> type[Base]:
    for model in SYNCED_MODELS:
        if model.__tablename__ == table_name:
            return model
    raise KeyError(table_name)
