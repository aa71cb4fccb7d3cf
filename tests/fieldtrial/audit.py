"""The field trial's audit, written apart from the sync code.

It reads every laptop's file with the plain ``sqlite3`` module and the county's
tables with plain selects, turns values into one form by the column's declared type
(not by the sync's own ``to_wire``), and checks what a township would check:

- every node holds the same records (derived columns aside: each node computes them);
- every value a user typed (:attr:`World.writes`) is current, was replaced by someone
  who saw it, or is kept in a conflict record;
- every node holds the same conflicts with the same decisions;
- one head per household, member counts and head names that match the members, and
  no resident ID on two live persons unless recorded as a duplicate;
- ``anju check`` passes on every laptop.
"""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, Integer, select

from desktop import cli
from desktop.store.base import UTCDateTime, is_derived
from desktop.store.models import SYNCED_MODELS
from server.models import CountyConflict, CountyRecord
from tests.fieldtrial.world import World

Key = tuple[str, str]


def _kinds() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for model in SYNCED_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        cols: dict[str, str] = {}
        for c in table.columns:
            if c.name == "id" or is_derived(c):
                continue
            t = c.type
            kind = (
                "datetime"
                if isinstance(t, UTCDateTime)
                else "date"
                if isinstance(t, Date)
                else "bool"
                if isinstance(t, Boolean)
                else "int"
                if isinstance(t, Integer)
                else "json"
                if t.__class__.__name__ == "JSON"
                else "text"
            )
            cols[c.name] = kind
        out[table.name] = cols
    return out


KINDS = _kinds()


def norm(kind: str, value: Any) -> Any:
    """One form for a value however it was stored: SQLite text, JSON, Python."""
    if value is None:
        return None
    if kind == "datetime":
        if isinstance(value, datetime):
            moment = value
        else:
            moment = datetime.fromisoformat(str(value).replace(" ", "T"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    if kind == "date":
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if kind == "bool":
        return bool(value)
    if kind == "int":
        return int(value)
    if kind == "json":
        return json.loads(value) if isinstance(value, str) else value
    return value


def laptop_records(path: Path) -> dict[Key, dict[str, Any]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out: dict[Key, dict[str, Any]] = {}
        for table, cols in KINDS.items():
            names = list(cols)
            query = f'SELECT id, {", ".join(chr(34) + n + chr(34) for n in names)} FROM "{table}"'
            for row in con.execute(query):
                out[(table, row[0])] = {
                    n: norm(cols[n], v) for n, v in zip(names, row[1:], strict=True)
                }
        return out
    finally:
        con.close()


def county_records(world: World, township: str) -> dict[Key, dict[str, Any]]:
    out: dict[Key, dict[str, Any]] = {}
    with world.county.sessions.begin() as s:
        for rec in s.scalars(select(CountyRecord).where(CountyRecord.township_code == township)):
            cols = KINDS.get(rec.table_name, {})
            out[(rec.table_name, rec.row_id)] = {
                k: norm(cols[k], v) for k, v in rec.values.items() if k in cols
            }
    return out


def laptop_conflicts(path: Path) -> dict[str, tuple[str, str | None]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            cid: (status, (json.loads(decision) or {}).get("ref") if decision else None)
            for cid, status, decision in con.execute(
                "SELECT id, status, decision FROM sync_conflicts"
            )
        }
    finally:
        con.close()


def county_conflicts(world: World, township: str) -> dict[str, tuple[str, str | None]]:
    with world.county.sessions.begin() as s:
        return {
            c.id: (c.status, (c.data.get("decision") or {}).get("ref"))
            for c in s.scalars(
                select(CountyConflict).where(CountyConflict.township_code == township)
            )
        }


def kept_values(path: Path) -> dict[tuple[str, str, str], list[Any]]:
    """What the conflict records keep, per (table, row, field)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: dict[tuple[str, str, str], list[Any]] = {}
    try:
        for table, row, name, kept, other in con.execute(
            "SELECT table_name, row_id, field, kept, other FROM sync_conflicts"
        ):
            for text in (kept, other):
                # a JSON column has numeric affinity in SQLite: "5" comes back as 5
                value = json.loads(text) if isinstance(text, str) else text
                out.setdefault((table, row, name), []).append(value)
                if isinstance(value, dict):
                    for k, v in value.items():
                        out.setdefault((table, row, k), []).append(v)
    finally:
        con.close()
    return out


def invariants(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    bad: list[str] = []
    try:
        for code, heads in con.execute(
            "SELECT h.code, SUM(p.relation = 'head') FROM households h "
            "JOIN persons p ON p.household_id = h.id AND p.deleted = 0 "
            "WHERE h.deleted = 0 GROUP BY h.id HAVING SUM(p.relation = 'head') != 1"
        ):
            bad.append(f"{path.stem}: household {code} has {heads} heads")
        for code, count, live in con.execute(
            "SELECT h.code, h.member_count, COUNT(p.id) FROM households h "
            "LEFT JOIN persons p ON p.household_id = h.id AND p.deleted = 0 "
            "WHERE h.deleted = 0 GROUP BY h.id HAVING h.member_count != COUNT(p.id)"
        ):
            bad.append(f"{path.stem}: household {code} counts {count}, has {live}")
        for code, head_name, name in con.execute(
            "SELECT h.code, h.head_name, p.name FROM households h "
            "JOIN persons p ON p.household_id = h.id AND p.deleted = 0 AND p.relation = 'head' "
            "WHERE h.deleted = 0 AND h.head_name != p.name AND h.id IN ("
            " SELECT household_id FROM persons WHERE deleted = 0 AND relation = 'head'"
            " GROUP BY household_id HAVING COUNT(*) = 1)"
        ):
            bad.append(f"{path.stem}: household {code} shows head {head_name}, is {name}")
        recorded = {
            frozenset((a, b))
            for a, b in con.execute(
                "SELECT row_id, other_row_id FROM sync_conflicts WHERE kind = 'duplicate' "
                "AND table_name = 'persons'"
            )
        }
        groups: dict[str, list[str]] = {}
        for pid, number in con.execute(
            "SELECT id, resident_id FROM persons WHERE deleted = 0 AND resident_id IN ("
            " SELECT resident_id FROM persons WHERE deleted = 0 GROUP BY resident_id"
            " HAVING COUNT(*) > 1)"
        ):
            groups.setdefault(number, []).append(pid)
        for number, ids in groups.items():
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    if frozenset((a, b)) not in recorded:
                        bad.append(f"{path.stem}: resident ID {number} twice, not recorded")
    finally:
        con.close()
    return bad


@dataclass
class Report:
    records_compared: int = 0
    nodes: int = 0
    nodes_that_differ: list[str] = field(default_factory=list)
    values_written: int = 0
    values_lost: list[str] = field(default_factory=list)
    conflicts: int = 0
    conflicts_on_derived: int = 0
    conflict_sets_differ: list[str] = field(default_factory=list)
    invariants: list[str] = field(default_factory=list)
    checks_failed: list[str] = field(default_factory=list)
    stalled: list[str] = field(default_factory=list)
    edits: int = 0
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def conflicts_per_1000_edits(self) -> float:
        return 1000 * self.conflicts / self.edits if self.edits else 0.0

    def ok(self) -> bool:
        return not (
            self.nodes_that_differ
            or self.values_lost
            or self.conflicts_on_derived
            or self.conflict_sets_differ
            or self.invariants
            or self.checks_failed
            or self.stalled
        )

    def lines(self) -> list[str]:
        return [
            f"records compared:        {self.records_compared} ({self.nodes} nodes)",
            f"values written by users: {self.values_written}",
            f"values lost:             {len(self.values_lost)}",
            f"nodes that differ:       {len(self.nodes_that_differ)}",
            f"stalled imports:         {len(self.stalled)}",
            f"conflicts:               {self.conflicts} "
            f"({self.conflicts_per_1000_edits:.1f} per 1000 edits; by kind {dict(self.kinds)})",
            f"conflicts on computed:   {self.conflicts_on_derived}",
            f"conflict sets differ:    {len(self.conflict_sets_differ)}",
            f"invariants broken:       {len(self.invariants)}",
            f"anju check failed on:    {len(self.checks_failed)}",
        ]


def audit(world: World, township: str = "433127100") -> Report:
    report = Report(stalled=list(world.figures.stalled))
    paths = [laptop.node.path for laptop in world.laptops]
    reference = laptop_records(paths[0])
    report.nodes = len(paths) + 1
    for path in paths[1:]:
        other = laptop_records(path)
        report.records_compared += len(other)
        if other != reference:
            keys = {k for k in reference.keys() | other.keys() if reference.get(k) != other.get(k)}
            report.nodes_that_differ.append(
                f"{path.stem}: {len(keys)} records, e.g. {sorted(keys)[:3]}"
            )
    report.records_compared += len(reference)
    county = county_records(world, township)
    report.records_compared += len(county)
    differ = [
        k
        for k, values in county.items()
        if k in reference and any(reference[k].get(n) != v for n, v in values.items())
    ] + [k for k in reference if k not in county and k[0] != "areas"]
    if differ:
        report.nodes_that_differ.append(f"county: {len(differ)} records, e.g. {differ[:3]}")

    kept = kept_values(paths[0])
    writes = world.writes
    report.values_written = len(writes)
    report.edits = sum(
        n for what, n in world.figures.actions.items() if what not in ("sweep", "decide")
    )
    replaced: set[tuple[str, str, str, str]] = set()
    for w in writes:
        kind = KINDS[w.table].get(w.field, "text")
        replaced.add((w.table, w.row_id, w.field, repr(norm(kind, w.seen))))
    for w in writes:
        kind = KINDS[w.table].get(w.field, "text")
        value = norm(kind, w.value)
        row = reference.get((w.table, w.row_id))
        if row is not None and row.get(w.field) == value:
            continue
        if (w.table, w.row_id, w.field, repr(value)) in replaced:
            continue
        if any(norm(kind, k) == value for k in kept.get((w.table, w.row_id, w.field), [])):
            continue
        report.values_lost.append(f"{w.laptop} day {w.day}: {w.table}.{w.field}={w.value!r}")

    sets = [laptop_conflicts(p) for p in paths]
    at_county = county_conflicts(world, township)
    report.conflicts = len(at_county)
    for path, found in zip(paths, sets, strict=True):
        if found != at_county:
            diff = set(found.items()) ^ set(at_county.items())
            report.conflict_sets_differ.append(f"{path.stem}: {len(diff)} differ")
    con = sqlite3.connect(f"file:{paths[0]}?mode=ro", uri=True)
    try:
        for table, name, kind in con.execute("SELECT table_name, field, kind FROM sync_conflicts"):
            report.kinds[kind] += 1
            if table in KINDS and name not in KINDS[table] and name not in ("*", "id"):
                report.conflicts_on_derived += 1
    finally:
        con.close()
    for path in paths:
        report.invariants.extend(invariants(path))
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = cli.main(["--db", str(path), "check", "--json"])
        if code != 0:
            failed = [
                c["id"]
                for c in json.loads(out.getvalue() or "{}").get("checks", [])
                if not c.get("ok")
            ]
            report.checks_failed.append(f"{path.stem}: {failed}")
    return report
