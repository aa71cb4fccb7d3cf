"""Moving a household to a site of another township (跨乡镇迁移), at the county.

The household goes with its members and its files (see
:data:`desktop.sync.scope.OWNED_BY`).  In one locked transaction the county:

1. clears references between the moving records and the old township's
   records: on the old township's records (a building whose leader moves, an
   order linked to a moving one) as an ordinary county edit relayed to it; on
   the moving records (the visitor's account on a visit, the old grid) as an
   edit relayed to nobody, since they travel whole in step 3;
2. puts the household on the new site (no building or grid yet: the new
   township assigns them);
3. hands the records to the new township and logs a ``snapshot`` of each for
   its devices, then an ``evict`` of each for the old township's devices, which
   remove them once their own edits to them are uploaded.

Refused, with nothing written: an unknown or deleted household or site, a site
of the same township, a household whose code the new township already uses,
and a household with open work orders (they are being
handled by the old township's people; finish or transfer them first).  Edits
the old township made before its devices heard of the move are still accepted
afterwards (:func:`server.county.township_of` and ``County._apply``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from desktop.domain import work_order as wo
from desktop.domain.errors import ValidationError
from desktop.store.base import new_id, utcnow
from desktop.sync.hlc import HybridClock
from desktop.sync.scope import EVICT, OWNED_BY, SNAPSHOT, referenced_table, references
from server.county import K_COUNTY_ID, County, _get
from server.models import CountyChange, CountyRecord

Key = tuple[str, str]
OPEN_ORDER_STATUSES = frozenset(s.value for s in wo.OPEN)
UNIQUE_CODES = frozenset({"households", "work_orders"})  # moving tables with a unique code


@dataclass(frozen=True)
class Relocation:
    household_id: str
    household_code: str
    from_township: str
    to_township: str
    records: int  # the household and what moved with it
    cleared: int  # references cleared on either side


def _find(session: Session, table: str, ref: str) -> CountyRecord | None:
    """A record by id, or by its code."""
    rec = session.get(CountyRecord, (table, ref))
    if rec is None:
        rec = session.scalars(
            select(CountyRecord).where(
                CountyRecord.table_name == table, CountyRecord.values["code"].as_string() == ref
            )
        ).first()
    if rec is None or rec.values.get("deleted"):
        return None
    return rec


def _owned(session: Session, parents: dict[str, list[str]]) -> list[CountyRecord]:
    """Records belonging to these, then what belongs to those, parents first."""
    out: list[CountyRecord] = []
    seen: set[Key] = set()
    frontier = parents
    while frontier:
        found: dict[str, list[str]] = {}
        for child, column in OWNED_BY:
            parent_table = referenced_table(child, column)
            ids = frontier.get(parent_table)
            if not ids:
                continue
            for rec in session.scalars(
                select(CountyRecord).where(
                    CountyRecord.table_name == child,
                    CountyRecord.values[column].as_string().in_(ids),
                )
            ):
                key = (rec.table_name, rec.row_id)
                if key not in seen:
                    seen.add(key)
                    out.append(rec)
                    found.setdefault(rec.table_name, []).append(rec.row_id)
        frontier = found
    return out


def _code_taken(session: Session, rec: CountyRecord, township: str | None) -> bool:
    return (
        session.scalar(
            select(CountyRecord.row_id).where(
                CountyRecord.table_name == rec.table_name,
                CountyRecord.township_code == township,
                CountyRecord.values["code"].as_string() == str(rec.values["code"]),
            )
        )
        is not None
    )


def relocate_household(
    county: County, household: str, site: str, *, user_id: str | None = None
) -> Relocation:
    with county.locked() as session:
        hh = _find(session, "households", household)
        if hh is None:
            raise ValidationError("relocate_unknown_household", field="household", ref=household)
        target = _find(session, "sites", site)
        if target is None:
            raise ValidationError("relocate_unknown_site", field="site", ref=site)
        old, new = hh.township_code, target.township_code
        if old == new:
            raise ValidationError("relocate_same_township", field="site", township=str(new))
        # tombstones too: they name the household, and travel like any record
        moving = [hh, *_owned(session, {"households": [hh.row_id]})]
        for rec in moving:  # codes are unique in a township's database
            code = rec.values.get("code")
            if rec.table_name in UNIQUE_CODES and code and _code_taken(session, rec, new):
                raise ValidationError("relocate_code_taken", field="household", taken=str(code))
        open_orders = [
            r.values.get("code", r.row_id)
            for r in moving
            if r.table_name == "work_orders"
            and not r.values.get("deleted")
            and r.values.get("status") in OPEN_ORDER_STATUSES
        ]
        if open_orders:
            raise ValidationError(
                "relocate_open_orders", field="household", orders="、".join(map(str, open_orders))
            )
        keys = {(r.table_name, r.row_id) for r in moving}
        cleared = 0
        # 1. references across the new border, both ways
        for table, column, ref_table in references():
            if (table, column) in OWNED_BY:
                continue
            moving_targets = [row for t, row in keys if t == ref_table]
            if moving_targets:
                for rec in session.scalars(
                    select(CountyRecord).where(
                        CountyRecord.table_name == table,
                        CountyRecord.township_code == old,
                        CountyRecord.values[column].as_string().in_(moving_targets),
                    )
                ):
                    if (rec.table_name, rec.row_id) not in keys:
                        _edit(county, session, rec, {column: None}, old, user_id)
                        cleared += 1
        for rec in moving:
            values: dict[str, Any] = {}
            for table, column, ref_table in references():
                value = rec.values.get(column)
                if table == rec.table_name and value and (ref_table, str(value)) not in keys:
                    values[column] = None
            if rec is hh:
                values.pop("site_id", None)
                cleared += len(values)
                values.update(site_id=target.row_id, grid_id=None, building_id=None)
            else:
                cleared += len(values)
            if values:
                # Relayed to nobody: the old township removes these records, and the
                # new one receives them whole, as they stand after this edit.
                _edit(county, session, rec, values, None, user_id)
        # 2. the records are the new township's now
        session.execute(
            update(CountyRecord)
            .where(tuple_(CountyRecord.table_name, CountyRecord.row_id).in_(list(keys)))
            .values(township_code=new)
        )
        session.flush()
        # 3. what each side's devices receive
        fresh = {
            (r.table_name, r.row_id): r
            for r in session.scalars(
                select(CountyRecord).where(
                    tuple_(CountyRecord.table_name, CountyRecord.row_id).in_(list(keys))
                )
            )
        }
        move_id = new_id()
        entries: list[tuple[str, str, str, dict[str, Any], str | None]] = []
        for rec in moving:
            current = fresh[(rec.table_name, rec.row_id)]
            fields: dict[str, list[Any]] = {k: [v, None] for k, v in current.values.items()}
            fields["_stamps"] = [dict(current.stamps), None]
            entries.append((rec.table_name, rec.row_id, SNAPSHOT, fields, new))
        for order, rec in enumerate(reversed(moving)):
            fields = {"_move": [move_id, None], "_order": [order, None]}
            entries.append((rec.table_name, rec.row_id, EVICT, fields, old))
        _log(session, entries, user_id)
        return Relocation(
            hh.row_id, str(hh.values.get("code", "")), str(old), str(new), len(moving), cleared
        )


def _edit(
    county: County,
    session: Session,
    rec: CountyRecord,
    values: dict[str, Any],
    township: str | None,
    user_id: str | None,
) -> None:
    county.originate(
        session,
        table=rec.table_name,
        row_id=rec.row_id,
        values=values,
        township_code=township,
        user_id=user_id,
    )
    session.expire(rec)


def _log(
    session: Session,
    entries: list[tuple[str, str, str, dict[str, Any], str | None]],
    user_id: str | None,
) -> None:
    me = str(_get(session, K_COUNTY_ID))
    seq = int(
        session.scalar(select(func.max(CountyChange.seq)).where(CountyChange.device_id == me)) or 0
    )
    pos = int(session.scalar(select(func.max(CountyChange.pos))) or 0)
    clock = HybridClock()
    clock.observe(session.scalar(select(func.max(CountyChange.hlc))))
    rows = []
    for table, row_id, op, fields, township in entries:
        seq += 1
        pos += 1
        rows.append(
            {
                "pos": pos,
                "device_id": me,
                "seq": seq,
                "hlc": clock.tick(),
                "user_id": user_id,
                "table_name": table,
                "row_id": row_id,
                "op": op,
                "fields": fields,
                "township_code": township,
                "status": "applied",
                "reason": "",
                "received_at": utcnow(),
            }
        )
    session.execute(insert(CountyChange), rows)
