"""The import's own writing path stores what SQLAlchemy would have stored.

Received rows, their stamps and the change log are written through the driver
with parameters converted straight from the wire form; these tests hold that
path to SQLAlchemy's: the same stored text for every column type, Python-side
defaults for columns a change leaves out, a code taken twice, replays
found by range, and the collector and page cache left as they were found.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert, select
from sqlalchemy.dialects import sqlite

from desktop.store.base import new_id
from desktop.store.models import Change, Household, Site
from desktop.store.models_sync import SyncConflict
from desktop.sync import apply as apply_module
from desktop.sync.apply import _Writer, apply_changes, known_changes, paused_gc
from desktop.sync.merge import ChangeData
from desktop.sync.stamps import compact, compact_json, expand
from desktop.sync.values import from_wire, param_converter, row_from_wire, synced_tables, to_wire
from tests.sync.harness import Node, add_household, get

DIALECT = sqlite.dialect()
OTHER = "d0000000-0000-4000-8000-000000000001"  # a device that is not the node


def _processed(table: str, column: str, wire: Any) -> Any:
    """What SQLAlchemy binds for a wire value: from_wire, then the type's processor."""
    col = synced_tables()[table].c[column]
    proc = col.type.dialect_impl(DIALECT).bind_processor(DIALECT)
    value = from_wire(table, column, wire)
    return proc(value) if proc else value


offsets = st.builds(
    lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-14 * 60, 14 * 60)
)
aware = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=offsets
)


@given(aware)
def test_a_time_is_bound_as_sqlalchemy_binds_it(moment: datetime) -> None:
    for wire in (to_wire(moment), to_wire(moment.astimezone(UTC))):
        conv = param_converter(synced_tables()["households"].c.created_at, DIALECT)
        assert conv is not None
        assert conv(wire) == _processed("households", "created_at", wire)


@given(st.dates())
def test_a_date_is_bound_as_sqlalchemy_binds_it(day: date) -> None:
    conv = param_converter(synced_tables()["households"].c.move_in_date, DIALECT)
    assert conv is not None
    assert conv(day.isoformat()) == _processed("households", "move_in_date", day.isoformat())


@pytest.mark.parametrize(
    "wire", ["2026-13-01T00:00:00.000000+00:00", "not a time", "2026-02-30T01:02:03.000004+00:00"]
)
def test_a_bad_time_is_refused_as_before(wire: str) -> None:
    conv = param_converter(synced_tables()["households"].c.created_at, DIALECT)
    assert conv is not None
    with pytest.raises(ValueError):
        from_wire("households", "created_at", wire)
    with pytest.raises(ValueError):
        conv(wire)


def test_every_synced_column_binds_none_and_its_values_as_sqlalchemy_does() -> None:
    samples: dict[str, list[Any]] = {
        "UTCDateTime": ["2026-01-02T03:04:05+00:00", "2026-01-02T11:04:05.000001+08:00"],
        "Date": ["2026-01-02"],
        "Boolean": [True, False],
        "Integer": [0, 7],
        "JSON": [{"a": [1, "二"]}, [], {}],
    }
    for table, t in synced_tables().items():
        for column in t.columns:
            conv = param_converter(column, DIALECT)
            kind = type(column.type).__name__
            for wire in [None, *samples.get(kind, ["文本"])]:
                expected = _processed(table, column.name, wire)
                assert (wire if conv is None else conv(wire)) == expected, (table, column.name)


def _stored(path: Any, code: str) -> dict[str, Any]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    row = con.execute("SELECT * FROM households WHERE code = ?", (code,)).fetchone()
    con.close()
    return {k: row[k] for k in row.keys() if k not in ("id", "code")}  # noqa: SIM118


def test_a_row_written_by_the_import_is_stored_as_sqlalchemy_stores_it(
    node_factory: Callable[..., Node],
) -> None:
    node = node_factory()
    add_household(node, "SITE")
    with node.session() as s:
        site_id = s.scalar(select(Site.id))
    table = synced_tables()["households"]
    defaults = {
        c.name: to_wire(c.default.arg)
        for c in table.columns
        if c.default is not None and c.default.is_scalar
    }
    wire = {
        **defaults,
        "site_id": site_id,
        "unit": "2",
        "room": "",
        "move_in_date": "2020-02-29",
        "category": "filed",
        "phone": "13800000000",
        "monitoring": "none",
        "monitoring_since": None,
        "old_house_hazard": True,
        "property_certificate": False,
        "member_count": 3,
        "head_name": "张三",
        "created_at": "2026-05-06T07:08:09+00:00",  # no microseconds
        "updated_at": "2026-05-06T15:08:09.123456+08:00",  # not UTC
        "created_by": None,
        "deleted": False,
    }
    with node.session() as s:
        conn = s.connection()
        writer = _Writer(conn)
        fast = {"id": new_id(), "code": "FAST", **wire}
        assert writer.covers_defaults("households", fast)
        writer.insert_rows("households", tuple(fast), [list(fast.values())])
        core = {"id": new_id(), "code": "CORE", **wire}
        conn.execute(insert(Household.__table__), [row_from_wire("households", core)])
    assert _stored(node.path, "FAST") == _stored(node.path, "CORE")


def _insert(row_id: str, seq: int, fields: dict[str, Any], hlc: str = "") -> ChangeData:
    return ChangeData(
        OTHER,
        seq,
        hlc or f"1795370070205-{seq:05d}",
        None,
        "households",
        row_id,
        "insert",
        {k: [v, None] for k, v in fields.items()},
    )


def test_a_change_that_leaves_columns_out_gets_their_python_defaults(
    node_factory: Callable[..., Node],
) -> None:
    node = node_factory()
    add_household(node, "SITE")
    with node.session() as s:
        site_id = s.scalar(select(Site.id))
    row_id = new_id()
    with node.session() as s:
        result = apply_changes(
            s, [_insert(row_id, 1, {"code": "H-OLD", "site_id": site_id, "category": "filed"})]
        )
    assert result.counts["applied"] == 1
    assert get(node, Household, row_id, "unit") == ""
    assert get(node, Household, row_id, "monitoring") == "none"
    assert get(node, Household, row_id, "deleted") is False


def test_a_code_taken_here_still_applies_and_the_rest_with_it(
    node_factory: Callable[..., Node],
) -> None:
    """Two laptops that gave one code offline: the row still lands (the county records
    the duplicate for a person to settle); nothing in the package is held back."""
    node = node_factory()
    add_household(node, "H-TAKEN")
    with node.session() as s:
        site_id = s.scalar(select(Site.id))
    taken, fresh = new_id(), new_id()
    base = {"site_id": site_id, "category": "filed"}
    with node.session() as s:
        result = apply_changes(
            s,
            [
                _insert(taken, 1, {"code": "H-TAKEN", **base}),
                _insert(fresh, 2, {"code": "H-FRESH", **base}),
            ],
        )
    assert result.counts == {"applied": 2}
    assert get(node, Household, taken, "code") == "H-TAKEN"
    assert get(node, Household, fresh, "code") == "H-FRESH"
    with node.session() as s:
        assert s.scalars(select(SyncConflict)).all() == []  # the county's to find


def test_the_change_log_keeps_the_fields_as_received(node_factory: Callable[..., Node]) -> None:
    node = node_factory()
    add_household(node, "SITE")
    with node.session() as s:
        site_id = s.scalar(select(Site.id))
    change = _insert(new_id(), 1, {"code": "H-1", "site_id": site_id, "category": "filed"})
    with node.session() as s:
        apply_changes(s, [change])
    with node.session() as s:
        stored = s.execute(
            select(Change.hlc, Change.fields, Change.recorded_at).where(Change.device_id == OTHER)
        ).one()
    assert stored.hlc == change.hlc and stored.fields == change.fields
    assert stored.recorded_at.tzinfo is not None


def test_replays_are_found_in_dense_and_sparse_ranges(node_factory: Callable[..., Node]) -> None:
    node = node_factory()
    add_household(node, "SITE")
    with node.session() as s:
        site_id = s.scalar(select(Site.id))
    here = [1, 2, 3, 50, 900]
    with node.session() as s:
        apply_changes(
            s,
            [
                _insert(new_id(), n, {"code": f"H-{n}", "site_id": site_id, "category": "filed"})
                for n in here
            ],
        )
    asked = [_insert(new_id(), n, {}) for n in [2, 3, 4, 50, 51, 900, 5000]]
    with node.session() as s:
        assert known_changes(s.connection(), asked) == {
            (OTHER, 2),
            (OTHER, 3),
            (OTHER, 50),
            (OTHER, 900),
        }
        assert known_changes(s.connection(), asked[:3]) == {(OTHER, 2), (OTHER, 3)}


stamp = st.tuples(
    st.text(max_size=5), st.text(max_size=5), st.integers(0, 10**6), st.none() | st.text(max_size=5)
).map(list)


@given(st.dictionaries(st.text(min_size=1, max_size=8), stamp, max_size=6), stamp)
def test_stamps_json_reads_back_as_the_stamps(mixed: dict[str, list[Any]], one: list[Any]) -> None:
    for stamps in (mixed, dict.fromkeys(mixed, one), {k: list(one) for k in mixed}):
        stored = json.loads(compact_json(stamps))
        assert stored == json.loads(json.dumps(compact(stamps)))
        assert expand(stored) == stamps


def test_the_collector_and_page_cache_are_left_as_found(
    pair: tuple[Node, Node], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    add_household(a, "H-1")
    a.up()
    with b.session() as s:
        before = s.connection().exec_driver_sql("PRAGMA cache_size").scalar()
    assert gc.isenabled()
    b.down()
    assert gc.isenabled()
    with b.session() as s:
        assert s.connection().exec_driver_sql("PRAGMA cache_size").scalar() == before

    def boom(*_args: object) -> None:
        raise RuntimeError("merge failed")

    add_household(a, "H-2")
    a.up()
    monkeypatch.setattr(apply_module, "merge_change", boom)
    with pytest.raises(RuntimeError):
        b.down()
    assert gc.isenabled()
    with b.session() as s:
        assert s.connection().exec_driver_sql("PRAGMA cache_size").scalar() == before
        assert s.scalar(select(Household.id).where(Household.code == "H-2")) is None
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()
    gc.enable()
