"""The county's reporting tables (``rpt_*``): typed copies of the synced records.

Decisions, and why:

- The JSON store (``county_records``) stays the truth of sync; these tables are a
  view of it for people and their tools: the workspace's overview is a few SQL
  queries over them, and a county's own BI tool can read them on PostgreSQL without
  knowing the JSON layout.  Nothing writes them but this module.
- Kept current row by row, not rebuilt: :meth:`server.county.County.locked` (the one
  transaction every import and county edit runs in) notes the log position when it
  starts and calls :func:`refresh_since` before it commits, so a package and the
  reporting rows it changes are one transaction.  The records touched are read from
  the log entries written since; a household is recomputed when it or one of its
  members changed, an order when it or one of its events changed.
- One live record, one row: a deleted record (tombstone) has no row.
- Derived values are computed here as every laptop computes them (they never travel
  in sync): the head's name, member, labourer and in-work counts with the
  definitions of :mod:`desktop.domain.coverage`; an order's deadlines and the stage
  it races with :func:`desktop.domain.work_order.order_clock`, under the township's
  rules (the profile it was enrolled with, the newest policy override the county
  published for it, the holiday tables published).  A new publication recomputes
  the orders of the townships it covers.
- :data:`VERSION` names the tables' definition: when it differs from the one stored
  in ``county_settings`` (a new column, a changed computation), every row is rebuilt
  from the JSON store by :func:`ensure_current`, which every command runs after the
  schema upgrade.
"""

from __future__ import annotations

import contextlib
import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from desktop.domain import coverage
from desktop.domain import work_order as wo
from desktop.domain.enums import OrderStatus, Relation
from desktop.domain.errors import ValidationError
from desktop.domain.holidays import WorkingCalendar, tables_from_dict
from desktop.domain.policy import PolicyProfile, available_profiles, load_profile
from desktop.services.township import policies_dir
from server.models import (
    CountyBase,
    CountyChange,
    CountyEnrolment,
    CountyRecord,
    CountySetting,
    RptArea,
    RptGrid,
    RptHousehold,
    RptOrderEvent,
    RptPerson,
    RptSite,
    RptVisit,
    RptWorkOrder,
)

VERSION = "1"
K_VERSION = "reporting_version"
CHUNK = 500
REPORTED = (
    "areas",
    "sites",
    "grids",
    "households",
    "persons",
    "visits",
    "work_orders",
    "work_order_events",
    "published_rules",
)
TABLES: tuple[type[CountyBase], ...] = (
    RptArea,
    RptSite,
    RptGrid,
    RptHousehold,
    RptPerson,
    RptVisit,
    RptWorkOrder,
    RptOrderEvent,
)


# ---------------------------------------------------------------- values


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    when = datetime.fromisoformat(str(value))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


# ---------------------------------------------------------------- the township's rules


@cache
def _profiles() -> dict[str, PolicyProfile]:
    return available_profiles(policies_dir())


@dataclass(frozen=True)
class TownshipRules:
    profile: PolicyProfile
    calendar: WorkingCalendar


def _published(session: Session) -> list[tuple[str, str | None, str, str]]:
    """Every publication, oldest first: (kind, township, content, published_at)."""
    rows = session.execute(
        select(CountyRecord.values).where(CountyRecord.table_name == "published_rules")
    ).scalars()
    out = [
        (
            str(v.get("kind")),
            v.get("township_code"),
            str(v.get("content") or ""),
            str(v.get("published_at") or ""),
        )
        for v in rows
        if not v.get("deleted")
    ]
    return sorted(out, key=lambda r: r[3])


def township_rules(session: Session, township: str) -> TownshipRules:
    """The rules a township's laptops run under, as far as the county knows them: the
    profile named at its enrolment with the newest override published for it merged
    over, and the holiday tables the county published."""
    profile_id = (
        session.scalar(
            select(CountyEnrolment.profile)
            .where(CountyEnrolment.township_code == township)
            .order_by(CountyEnrolment.created_at.desc())
            .limit(1)
        )
        or "default"
    )
    profiles = _profiles()
    profile = profiles.get(profile_id, profiles["default"])
    calendar = WorkingCalendar()
    override = None
    for kind, scope, content, _at in _published(session):
        if scope not in (None, township):
            continue
        if kind == "holiday_table":
            try:
                calendar = calendar.with_tables(tables_from_dict(json.loads(content)))
            except (ValueError, ValidationError):
                continue
        elif kind == "policy_override":
            override = content
    if override:
        # checked at publication; a rule this build cannot read is passed over, as laptops do
        with contextlib.suppress(ValidationError, tomllib.TOMLDecodeError):
            profile = load_profile(policies_dir() / f"{profile.id}.toml", override)
    return TownshipRules(profile, calendar)


# ---------------------------------------------------------------- refresh


def log_position(session: Session) -> int:
    return int(session.scalar(select(func.max(CountyChange.pos))) or 0)


def refresh_since(session: Session, since: int) -> None:
    """Bring the reporting rows of every record the log changed after ``since`` up to date."""
    keys = session.execute(
        select(CountyChange.table_name, CountyChange.row_id)
        .where(
            CountyChange.pos > since,
            CountyChange.status != "rejected",
            CountyChange.table_name.in_(REPORTED),
        )
        .distinct()
    ).all()
    if keys:
        refresh(session, [(str(t), str(r)) for t, r in keys])


def _records(session: Session, table: str, ids: Sequence[str]) -> dict[str, CountyRecordRow]:
    out: dict[str, CountyRecordRow] = {}
    for i in range(0, len(ids), CHUNK):
        for row_id, township, values in session.execute(
            select(CountyRecord.row_id, CountyRecord.township_code, CountyRecord.values).where(
                CountyRecord.table_name == table, CountyRecord.row_id.in_(ids[i : i + CHUNK])
            )
        ):
            out[row_id] = CountyRecordRow(row_id, township or "", values or {})
    return out


@dataclass(frozen=True)
class CountyRecordRow:
    id: str
    township: str
    values: Mapping[str, Any]

    @property
    def live(self) -> bool:
        return not self.values.get("deleted")


def _replace(
    session: Session, model: type[CountyBase], ids: Sequence[str], rows: list[dict[str, Any]]
) -> None:
    table = cast(Table, model.__table__)
    for i in range(0, len(ids), CHUNK):
        session.execute(delete(table).where(table.c.id.in_(ids[i : i + CHUNK])))
    if rows:
        session.execute(insert(table), rows)


def refresh(session: Session, keys: Iterable[tuple[str, str]]) -> None:
    """Rewrite the reporting rows of these records (and of what derives from them)."""
    touched: dict[str, set[str]] = {}
    for table, row_id in keys:
        touched.setdefault(table, set()).add(row_id)
    _areas(session, sorted(touched.get("areas", ())))
    _sites(session, sorted(touched.get("sites", ())))
    _grids(session, sorted(touched.get("grids", ())))
    households = set(touched.get("households", ()))
    households |= _persons(session, sorted(touched.get("persons", ())))
    _households(session, sorted(households))
    _visits(session, sorted(touched.get("visits", ())))
    orders = set(touched.get("work_orders", ()))
    orders |= _events(session, sorted(touched.get("work_order_events", ())))
    if touched.get("published_rules"):
        scopes = {
            r.values.get("township_code")
            for r in _records(
                session, "published_rules", sorted(touched["published_rules"])
            ).values()
        }
        query = select(RptWorkOrder.id)
        if None not in scopes:
            query = query.where(RptWorkOrder.township_code.in_(sorted(str(s) for s in scopes)))
        orders |= set(session.scalars(query))
    _orders(session, sorted(orders))


def _areas(session: Session, ids: Sequence[str]) -> None:
    if not ids:
        return
    rows = [
        {
            "id": r.id,
            "code": _text(r.values.get("code")),
            "name": _text(r.values.get("name")),
            "level": _text(r.values.get("level")),
        }
        for r in _records(session, "areas", ids).values()
        if r.live
    ]
    _replace(session, RptArea, ids, rows)


def _sites(session: Session, ids: Sequence[str]) -> None:
    if not ids:
        return
    rows = [
        {
            "id": r.id,
            "township_code": r.township,
            "code": _text(r.values.get("code")),
            "name": _text(r.values.get("name")),
            "kind": _text(r.values.get("kind")),
        }
        for r in _records(session, "sites", ids).values()
        if r.live
    ]
    _replace(session, RptSite, ids, rows)


def _grids(session: Session, ids: Sequence[str]) -> None:
    if not ids:
        return
    rows = [
        {
            "id": r.id,
            "township_code": r.township,
            "site_id": _text(r.values.get("site_id")),
            "code": _text(r.values.get("code")),
            "name": _text(r.values.get("name")),
        }
        for r in _records(session, "grids", ids).values()
        if r.live
    ]
    _replace(session, RptGrid, ids, rows)


def _persons(session: Session, ids: Sequence[str]) -> set[str]:
    """Rewrite these persons; returns the households whose figures follow (old and new)."""
    if not ids:
        return set()
    households: set[str] = set()
    for i in range(0, len(ids), CHUNK):
        households.update(
            session.scalars(
                select(RptPerson.household_id).where(RptPerson.id.in_(ids[i : i + CHUNK]))
            )
        )
    rows = []
    for r in _records(session, "persons", ids).values():
        household = _text(r.values.get("household_id"))
        if household:
            households.add(household)
        if not r.live:
            continue
        rows.append(
            {
                "id": r.id,
                "township_code": r.township,
                "household_id": household,
                "sort_order": int(r.values.get("sort_order") or 0),
                "name": _text(r.values.get("name")),
                "resident_id": _text(r.values.get("resident_id")),
                "relation": _text(r.values.get("relation")),
                "labour": _text(r.values.get("labour") or "none"),
                "employment": _text(r.values.get("employment")),
                "monthly_income": int(r.values.get("monthly_income") or 0),
            }
        )
    _replace(session, RptPerson, ids, rows)
    return households


def _households(session: Session, ids: Sequence[str]) -> None:
    if not ids:
        return
    members: dict[str, list[Any]] = {}
    for i in range(0, len(ids), CHUNK):
        for m in session.execute(
            select(
                RptPerson.household_id,
                RptPerson.name,
                RptPerson.relation,
                RptPerson.labour,
                RptPerson.employment,
                RptPerson.sort_order,
            ).where(RptPerson.household_id.in_(ids[i : i + CHUNK]))
        ):
            members.setdefault(m.household_id, []).append(m)
    rows = []
    for r in _records(session, "households", ids).values():
        if not r.live:
            continue
        v = r.values
        people = sorted(members.get(r.id, []), key=lambda m: (m.sort_order, m.name))
        heads = [m.name for m in people if m.relation == Relation.HEAD.value]
        labourers = [m for m in people if coverage.is_labourer(m.labour)]
        employed = sum(1 for m in labourers if coverage.is_employed(m.employment))
        in_work = sum(1 for m in people if coverage.is_employed(m.employment))
        rows.append(
            {
                "id": r.id,
                "township_code": r.township,
                "site_id": _text(v.get("site_id")),
                "grid_id": v.get("grid_id") or None,
                "code": _text(v.get("code")),
                "head_name": heads[0] if heads else "",
                "unit": _text(v.get("unit")),
                "room": _text(v.get("room")),
                "phone": _text(v.get("phone")),
                "category": _text(v.get("category")),
                "move_in_date": _date(v.get("move_in_date")),
                "monitoring": _text(v.get("monitoring") or coverage.NOT_MONITORED),
                "old_house_status": _text(v.get("old_house_status") or "standing"),
                "old_house_hazard": bool(v.get("old_house_hazard")),
                "old_house_demolished_on": _date(v.get("old_house_demolished_on")),
                "persons": len(people),
                "labourers": len(labourers),
                "employed": employed,
                "in_work": in_work,
                "zero_employment": coverage.is_zero_employment(len(labourers), in_work),
            }
        )
    _replace(session, RptHousehold, ids, rows)


def _visits(session: Session, ids: Sequence[str]) -> None:
    if not ids:
        return
    rows = [
        {
            "id": r.id,
            "township_code": r.township,
            "household_id": _text(r.values.get("household_id")),
            "visited_on": _date(r.values.get("visited_on")),
            "kind": _text(r.values.get("kind")),
        }
        for r in _records(session, "visits", ids).values()
        if r.live and r.values.get("visited_on")
    ]
    _replace(session, RptVisit, ids, rows)


def _events(session: Session, ids: Sequence[str]) -> set[str]:
    """Rewrite these order events; returns their orders."""
    if not ids:
        return set()
    orders: set[str] = set()
    for i in range(0, len(ids), CHUNK):
        orders.update(
            session.scalars(
                select(RptOrderEvent.order_id).where(RptOrderEvent.id.in_(ids[i : i + CHUNK]))
            )
        )
    rows = []
    for r in _records(session, "work_order_events", ids).values():
        order = _text(r.values.get("order_id"))
        if order:
            orders.add(order)
        at = _time(r.values.get("at"))
        if r.live and order and at is not None:
            rows.append(
                {
                    "id": r.id,
                    "order_id": order,
                    "kind": _text(r.values.get("kind")),
                    "at": at,
                    "data": r.values.get("data") or {},
                }
            )
    _replace(session, RptOrderEvent, ids, rows)
    return orders


def _orders(session: Session, ids: Sequence[str]) -> None:
    if not ids:
        return
    records = _records(session, "work_orders", ids)
    events: dict[str, list[wo.OrderEvent]] = {}
    for i in range(0, len(ids), CHUNK):
        for order_id, kind, at, data in session.execute(
            select(
                RptOrderEvent.order_id, RptOrderEvent.kind, RptOrderEvent.at, RptOrderEvent.data
            ).where(RptOrderEvent.order_id.in_(ids[i : i + CHUNK]))
        ):
            events.setdefault(order_id, []).append(wo.OrderEvent(kind, at, data or {}))
    grids = {
        g: s
        for g, s in session.execute(
            select(RptGrid.id, RptGrid.site_id).where(
                RptGrid.id.in_(
                    sorted(
                        {
                            str(r.values.get("grid_id"))
                            for r in records.values()
                            if r.values.get("grid_id")
                        }
                    )
                )
            )
        )
    }
    homes = {
        h: (s, g)
        for h, s, g in session.execute(
            select(RptHousehold.id, RptHousehold.site_id, RptHousehold.grid_id).where(
                RptHousehold.id.in_(
                    sorted(
                        {
                            str(r.values.get("household_id"))
                            for r in records.values()
                            if r.values.get("household_id")
                        }
                    )
                )
            )
        )
    }
    rules: dict[str, TownshipRules] = {}
    rows = []
    for r in records.values():
        v = r.values
        received = _time(v.get("received_at"))
        if not r.live or received is None:
            continue
        if r.township not in rules:
            rules[r.township] = township_rules(session, r.township)
        rule = rules[r.township]
        needs_visit = bool(v.get("needs_site_visit", True))
        status_text = _text(v.get("status"))
        respond = arrive = resolve = next_due = None
        stage = ""
        try:
            clock = wo.order_clock(
                status=OrderStatus(status_text),
                needs_site_visit=needs_visit,
                received_at=received,
                clock_start=_time(v.get("clock_start")),
                events=events.get(r.id, []),
                rule=rule.profile.service,
                calendar=rule.calendar,
            )
            respond, arrive, resolve = clock.respond_due, clock.arrive_due, clock.resolve_due
            next_due = clock.next_due
            stage = clock.next_stage.value if clock.next_stage else ""
        except ValueError:
            pass  # a status no form makes: listed without deadlines
        household = _text(v.get("household_id")) or None
        grid = v.get("grid_id") or (homes.get(household, (None, None))[1] if household else None)
        site = grids.get(str(grid)) if grid else None
        if site is None and household:
            site = homes.get(household, (None, None))[0]
        rows.append(
            {
                "id": r.id,
                "township_code": r.township,
                "site_id": site,
                "grid_id": grid,
                "household_id": household,
                "code": _text(v.get("code")),
                "category": _text(v.get("category")),
                "source": _text(v.get("source")),
                "status": status_text,
                "caller_name": _text(v.get("caller_name")),
                "description": _text(v.get("description")),
                "urgent": bool(v.get("urgent")),
                "needs_site_visit": needs_visit,
                "received_at": received,
                "respond_due": respond,
                "arrive_due": arrive,
                "resolve_due": resolve,
                "responded_at": _time(v.get("responded_at")),
                "arrived_at": _time(v.get("arrived_at")),
                "resolved_at": _time(v.get("resolved_at")),
                "next_stage": stage,
                "next_due": next_due,
                "closed": status_text in coverage.CLOSED_ORDER_STATUSES,
            }
        )
    _replace(session, RptWorkOrder, ids, rows)


# ---------------------------------------------------------------- rebuild


def rebuild(session: Session) -> None:
    """Every reporting row again from the JSON store (after a definition change)."""
    for model in reversed(TABLES):
        session.execute(delete(cast(Table, model.__table__)))
    for table in REPORTED:
        ids = list(
            session.scalars(select(CountyRecord.row_id).where(CountyRecord.table_name == table))
        )
        for i in range(0, len(ids), 20 * CHUNK):
            refresh(session, [(table, r) for r in ids[i : i + 20 * CHUNK]])
    row = session.get(CountySetting, K_VERSION)
    if row is None:
        session.add(CountySetting(key=K_VERSION, value=VERSION))
    else:
        row.value = VERSION


def ensure_current(session: Session) -> bool:
    """Rebuild when the stored definition is not this one; True when it did."""
    row = session.get(CountySetting, K_VERSION)
    if row is not None and row.value == VERSION:
        return False
    rebuild(session)
    return True
