"""Work orders (诉求工单) under the three-three rule: intake, steps, clock, figures.

One function per user action; each writes the order and its
:class:`~desktop.store.models.WorkOrderEvent` in the caller's transaction and
returns a small frozen dataclass.  Legality of each step lives in
:mod:`desktop.domain.work_order`, the deadlines in :mod:`desktop.domain.sla`;
this module loads, checks permissions, writes and reads.

Decisions:

- Every event records ``at`` (when the step happened, as the user said, never
  in the future) and ``device_time`` (this laptop's clock when it was typed), so
  sync can later compare device clocks with the county's.
- The order keeps the deadline it now races (``next_stage``, ``next_due``,
  ``next_warn_at``) in columns, so the list sorts by urgency and pages in SQL
  and the UI counts down without asking the database every second.
- Who may act: administrators on every order; grid members on orders of their
  grids and on orders they handle; viewers read only.  Deciding an extension
  is for administrators.
- Arrival photos are re-encoded as JPEG (longest side 1600 px, quality 80) with
  Pillow and written beside the database under ``photos/<sha256>.jpg``; the
  event keeps the name.  The file is written before the transaction commits, so
  a failed save can leave an unused file behind, never a missing one.  Photos do
  not travel in sync packages yet.
- A holiday table loaded from a file is kept in the ``settings`` table
  (``holiday_tables``, JSON) and applies to deadlines computed afterwards; the
  open orders whose resolve deadline was provisional (not extended) are
  recomputed at once, each with a ``deadline_updated`` event.  A table the
  county publishes takes the same path after the sync import that brings it
  (:func:`apply_holiday_tables`).
- Escalation runs by sweep (:func:`run_escalations`), started by the UI timer;
  the steps it writes are timed when they fell due (see :mod:`desktop.domain.sla`).
- Monthly statistics count the orders *received* in the month (China time).  An
  on-time share per stage counts the orders that reached the stage in time
  among those that reached it or whose deadline has passed; merged and
  cancelled orders are left out of shares and medians.  Medians are from the
  received time.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import statistics
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, true, update
from sqlalchemy.orm import Session, aliased

from desktop.domain import sla
from desktop.domain import work_order as wo
from desktop.domain.enums import OrderCategory, OrderSource, OrderStatus
from desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from desktop.domain.holidays import (
    WorkingCalendar,
    YearTable,
    load_holiday_table,
    table_to_dict,
    tables_from_dict,
)
from desktop.domain.policy import ServiceRule
from desktop.domain.search import normalise_query
from desktop.domain.work_order import Action, Satisfaction
from desktop.services import township
from desktop.services.actor import Actor
from desktop.services.clock import Clock, system_clock
from desktop.store.db import expire_rows
from desktop.store.models import Building, Grid, Household, User, Visit, WorkOrder, WorkOrderEvent

K_HOLIDAY_TABLES = "holiday_tables"
PUBLISHED_EVENT_NAMESPACE = uuid.UUID("3c9e7b21-5d4a-4f0b-8e62-9a1f0d7c4b58")
ESCALATION_EVENT_NAMESPACE = uuid.UUID("b7d0c4e2-91a6-4c3f-8f5d-2e7a6b1c9d04")
PHOTO_DIR_NAME = "photos"
PHOTO_MAX_SIDE = 1600
PHOTO_QUALITY = 80
MAX_EXTENSION_DAYS = 30
PHONE_RE = re.compile(r"^[0-9+\-]{5,20}$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
OPEN_STATUSES = tuple(sorted(s.value for s in wo.OPEN))
CLOSED_STATUSES = tuple(sorted(s.value for s in wo.CLOSED))


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class HouseholdHit:
    id: str
    code: str
    head_name: str
    phone: str
    flat: str
    grid_id: str | None
    grid_name: str


@dataclass(frozen=True, slots=True)
class OrderRow:
    """One line of the list: enough to draw it and count down, nothing more."""

    id: str
    code: str
    status: OrderStatus
    category: OrderCategory
    source: OrderSource
    description: str
    caller_name: str
    caller_phone: str
    head_name: str
    household_code: str
    grid_id: str | None
    grid_name: str
    handler_name: str
    received_at: datetime
    next_stage: sla.Stage | None
    next_due: datetime | None
    next_warn_at: datetime | None
    escalation_level: int
    extended: bool
    provisional: bool
    urgent: bool
    outcome: str
    # steps done after their deadline (desktop.domain.sla.step_timing): late stays late
    late_stages: tuple[sla.Stage, ...] = ()

    def urgency(self, now: datetime) -> sla.Urgency | None:
        if self.next_due is None:
            return None
        if now > self.next_due:
            return sla.Urgency.OVERDUE
        if self.next_warn_at is not None and now >= self.next_warn_at:
            return sla.Urgency.DUE_SOON
        return sla.Urgency.ON_TIME


@dataclass(frozen=True, slots=True)
class OrderPage:
    rows: tuple[OrderRow, ...]
    total: int


@dataclass(frozen=True, slots=True)
class EventInfo:
    kind: str
    at: datetime
    device_time: datetime
    user_name: str
    note: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class OrderDetail:
    row: OrderRow
    household_id: str | None
    location: str
    needs_site_visit: bool
    respond_due: datetime | None
    arrive_due: datetime | None
    resolve_due: datetime | None
    responded_at: datetime | None
    arrived_at: datetime | None
    resolved_at: datetime | None
    followed_up_at: datetime | None
    resolution: str
    satisfaction: str
    department: str
    cancel_reason: str
    extension_state: str
    extension_days: int
    extension_reason: str
    linked_code: str
    merged_into_code: str
    reopened: int
    actions: tuple[str, ...]  # Action values the actor may take now, plus "reraise"
    events: tuple[EventInfo, ...]


@dataclass(frozen=True, slots=True)
class IntakeDraft:
    """What the intake form opens with when a visit found a problem."""

    household_id: str | None
    household_label: str
    caller_name: str
    caller_phone: str
    location: str
    description: str
    category: OrderCategory
    source: OrderSource
    visit_id: str | None


@dataclass(frozen=True, slots=True)
class DeadlineInfo:
    id: str
    code: str
    next_stage: sla.Stage
    next_due: datetime
    next_warn_at: datetime | None


@dataclass(frozen=True, slots=True)
class EscalationResult:
    order_id: str
    code: str
    level: int
    role: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class OrderQuery:
    """``status``: "open", "all", "closed" or one status value."""

    status: str = "open"
    category: str | None = None
    grid_id: str | None = None
    text: str = ""
    escalation_level: int | None = None  # the supervision list of that level
    overdue_at: datetime | None = None  # only orders whose running deadline passed before this
    offset: int = 0
    limit: int = 200


# ---------------------------------------------------------------- helpers


def photo_dir_for(db_path: Path) -> Path:
    return db_path.parent / PHOTO_DIR_NAME


def working_calendar(session: Session) -> WorkingCalendar:
    raw = township.get_setting(session, K_HOLIDAY_TABLES)
    if not raw:
        return WorkingCalendar()
    return WorkingCalendar().with_tables(tables_from_dict(json.loads(raw)))


@dataclass(frozen=True, slots=True)
class HolidaysLoaded:
    years: tuple[int, ...]
    orders_updated: int  # open orders whose provisional resolve deadline was recomputed


def load_holidays(
    session: Session, actor: Actor, path: Path, *, clock: Clock = system_clock
) -> HolidaysLoaded:
    """Load a year's holiday table from a JSON or TOML file.

    Open orders whose resolve deadline was provisional (and not moved by an
    extension) get it recomputed with the table, each with an event saying from
    what to what: that is what "provisional" promised the user.
    """
    actor.require_admin()
    return apply_holiday_tables(session, actor, load_holiday_table(path), clock=clock)


def apply_holiday_tables(
    session: Session,
    actor: Actor,
    tables: Sequence[YearTable],
    *,
    clock: Clock = system_clock,
    published: tuple[str, datetime] | None = None,
) -> HolidaysLoaded:
    """Keep the years' tables (replacing those years' earlier ones) and recompute the open
    orders' provisional deadlines: shared by a manual load and a table the county
    published (applied after the sync import that brought it).

    ``published`` (the publication's id and time): every workstation of the township
    applies the same publication, so the ``deadline_updated`` events it makes are
    made alike everywhere (key from the order and the publication, the time of the
    publication or of the order's receipt if later, no user) and meet as one
    record, not one per workstation."""
    current = {t.year: t for t in working_calendar(session).tables.values()}
    for t in tables:
        current[t.year] = t
    township.set_setting(session, K_HOLIDAY_TABLES, json.dumps(table_to_dict(current.values())))
    calendar = WorkingCalendar().with_tables(current.values())
    now = clock.now()
    updated = 0
    stmt = select(WorkOrder).where(
        WorkOrder.deleted.is_(False),
        WorkOrder.status.in_(OPEN_STATUSES),
        WorkOrder.deadline_provisional.is_(True),
        WorkOrder.extended.is_(False),
    )
    orders = list(session.scalars(stmt))
    before = {o.id: o.resolve_due for o in orders}
    session.flush()
    refresh_order_clocks(session, before, calendar=calendar)
    for order in orders:
        due, was = order.resolve_due, before[order.id]
        if was == due:
            continue
        updated += 1
        change = {
            "previous": was.isoformat() if was else None,
            "to": due.isoformat() if due else None,
        }
        if published is None:
            _event(
                session,
                actor,
                order,
                "deadline_updated",
                now,
                now,
                previous=change["previous"],
                to=change["to"],
            )
        else:
            rule_id, published_at = published
            # never before the order itself, and the same on every workstation
            at = max(published_at, order.received_at)
            session.add(
                WorkOrderEvent(
                    id=str(uuid.uuid5(PUBLISHED_EVENT_NAMESPACE, f"{order.id}/{rule_id}")),
                    order_id=order.id,
                    kind="deadline_updated",
                    at=at,
                    device_time=at,
                    user_id=None,
                    note="",
                    data=change,
                )
            )
    session.flush()
    return HolidaysLoaded(tuple(t.year for t in tables), updated)


def _rule(session: Session) -> ServiceRule:
    return township.policy(session).service


def _visible(actor: Actor) -> ColumnElement[bool]:
    """The orders ``actor`` may see and act on: rights go with the grid.

    A grid member holds the orders of their grids and those handed to them by
    name.  Whoever took a request keeps it only while it has no grid (a caller
    from outside): once a grid changes hands, its orders go with it, and the
    member who took them there sees them no more.
    """
    if actor.sees_everything:
        return true()
    return or_(
        WorkOrder.grid_id.in_(sorted(actor.grid_ids)),
        WorkOrder.handler_id == actor.user_id,
        and_(WorkOrder.grid_id.is_(None), WorkOrder.created_by == actor.user_id),
    )


def _may_see(actor: Actor, order: WorkOrder) -> bool:
    """:func:`_visible` for one order already loaded."""
    return (
        actor.sees_everything
        or (order.grid_id is not None and order.grid_id in actor.grid_ids)
        or order.handler_id == actor.user_id
        or (order.grid_id is None and order.created_by == actor.user_id)
    )


def visible_orders(actor: Actor) -> ColumnElement[bool]:
    """The SQL condition of the orders ``actor`` sees, for counts made elsewhere (the board)."""
    return _visible(actor)


def _load(session: Session, actor: Actor, order_id: str, *, write: bool = True) -> WorkOrder:
    order = session.get(WorkOrder, order_id)
    if order is None or order.deleted:
        raise NotFound("order_not_found", field="order")
    if not _may_see(actor, order):
        raise PermissionDenied("order_not_yours")
    if write:
        actor.require_write()
    return order


def _state(order: WorkOrder) -> wo.OrderState:
    return wo.OrderState(
        status=OrderStatus(order.status),
        needs_site_visit=order.needs_site_visit,
        received_at=order.received_at,
        clock_start=order.clock_start or order.received_at,
        responded_at=order.responded_at,
        arrived_at=order.arrived_at,
        resolved_at=order.resolved_at,
        outcome=wo.Outcome(order.outcome),
        followed_up_at=order.followed_up_at,
        satisfaction=order.satisfaction,
        extension=wo.ExtensionState(order.extension_state),
        last_step_at=order.last_step_at or order.received_at,
        reopened=order.reopened,
        with_department=bool(order.department),
    )


def _store(order: WorkOrder, state: wo.OrderState) -> None:
    """Write a step's state; the clock columns follow from the records (:func:`_clock`)."""
    order.status = state.status.value
    order.clock_start = state.clock_start
    order.responded_at = state.responded_at
    order.arrived_at = state.arrived_at
    order.resolved_at = state.resolved_at
    order.outcome = state.outcome.value
    order.followed_up_at = state.followed_up_at
    order.satisfaction = state.satisfaction
    order.extension_state = state.extension.value
    order.reopened = state.reopened


def _clock(session: Session, order: WorkOrder) -> None:
    """Flush, then compute the order's derived columns from its record and events."""
    session.flush()
    refresh_order_clocks(session, [order.id])


def refresh_order_clocks(
    session: Session, order_ids: Iterable[str], *, calendar: WorkingCalendar | None = None
) -> int:
    """Compute the derived columns of orders (deadlines, the stage raced, last step,
    escalation) from their records and events with :func:`desktop.domain.work_order.
    order_clock`: after every step here, and after a sync import for the orders it
    touched (``desktop.services.derived``).  Written with ``executemany`` where a value
    differs; returns how many orders changed."""
    ids = sorted(set(order_ids))
    if not ids:
        return 0
    rule = _rule(session)
    calendar = calendar or working_calendar(session)
    changed = 0
    columns = (
        "respond_due",
        "arrive_due",
        "resolve_due",
        "deadline_provisional",
        "next_stage",
        "next_due",
        "next_warn_at",
        "last_step_at",
        "escalation_level",
        "escalated_at",
    )
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        orders = session.execute(
            select(
                WorkOrder.id,
                WorkOrder.status,
                WorkOrder.needs_site_visit,
                WorkOrder.received_at,
                WorkOrder.clock_start,
                *(getattr(WorkOrder, c) for c in columns),
            ).where(WorkOrder.id.in_(chunk))
        ).all()
        events: dict[str, list[wo.OrderEvent]] = {}
        for order_id, kind, at, data in session.execute(
            select(
                WorkOrderEvent.order_id, WorkOrderEvent.kind, WorkOrderEvent.at, WorkOrderEvent.data
            ).where(WorkOrderEvent.order_id.in_(chunk), WorkOrderEvent.deleted.is_(False))
        ):
            events.setdefault(order_id, []).append(wo.OrderEvent(kind, at, data or {}))
        rows: list[dict[str, Any]] = []
        for o in orders:
            try:
                status = OrderStatus(o.status)
            except ValueError:
                continue  # a value no form can make: left for the check to report
            c = wo.order_clock(
                status=status,
                needs_site_visit=o.needs_site_visit,
                received_at=o.received_at,
                clock_start=o.clock_start,
                events=events.get(o.id, []),
                rule=rule,
                calendar=calendar,
            )
            values = {
                "respond_due": c.respond_due,
                "arrive_due": c.arrive_due,
                "resolve_due": c.resolve_due,
                "deadline_provisional": c.provisional,
                "next_stage": c.next_stage.value if c.next_stage else "",
                "next_due": c.next_due,
                "next_warn_at": c.next_warn_at,
                "last_step_at": c.last_step_at,
                "escalation_level": c.escalation_level,
                "escalated_at": c.escalated_at,
            }
            if tuple(values.values()) != tuple(getattr(o, k) for k in columns):
                rows.append({"id": o.id, **values})
        if rows:
            session.execute(update(WorkOrder), rows)
            expire_rows(session, WorkOrder, (r["id"] for r in rows))
        changed += len(rows)
    return changed


def _event(
    session: Session,
    actor: Actor,
    order: WorkOrder,
    kind: str,
    at: datetime,
    now: datetime,
    note: str = "",
    **data: Any,
) -> None:
    session.add(
        WorkOrderEvent(
            order_id=order.id,
            kind=kind,
            at=at,
            device_time=now,
            user_id=_user_id(actor),
            note=note,
            data=data,
            created_by=_user_id(actor),
            updated_by=_user_id(actor),
        )
    )


def _user_id(actor: Actor) -> str | None:
    return None if actor.user_id == "system" else actor.user_id


def _touch(order: WorkOrder, actor: Actor) -> None:
    order.updated_by = _user_id(actor)


def _flat(building: str | None, unit: str, room: str) -> str:
    if not building:
        return room
    return f"{building}{unit}单元{room}" if unit else f"{building}{room}"


def _next_code(session: Session, received: datetime) -> str:
    """``GD<day>-<n>`` on the day received, in this laptop's block (township.code_block):
    ``GD20261204-007``, or ``GD20261204-3-007`` on laptop 3."""
    day = sla.to_china(received).strftime("%Y%m%d")
    prefix = f"GD{day}{township.code_block(session)}-"
    taken = session.scalars(
        select(WorkOrder.code).where(WorkOrder.code >= prefix, WorkOrder.code < prefix + "\uffff")
    ).all()
    numbers = [int(c[len(prefix) :]) for c in taken if c[len(prefix) :].isdigit()]
    n = max(numbers, default=0) + 1
    while session.scalar(select(func.count()).where(WorkOrder.code == f"{prefix}{n:03d}")):
        n += 1
    return f"{prefix}{n:03d}"


def _at(at: datetime | None, now: datetime) -> datetime:
    if at is None:
        return now
    if at.tzinfo is None:
        raise ValidationError("order_time_naive", field="at")
    return at


# ---------------------------------------------------------------- households


def find_households(
    session: Session, actor: Actor, text: str, limit: int = 20
) -> list[HouseholdHit]:
    """Households whose name, pinyin, phone, ID or flat contains ``text``: the caller lookup."""
    q = normalise_query(text)
    if not q:
        return []
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    stmt = (
        select(Household, Building.name, Grid.name)
        .outerjoin(Building, Building.id == Household.building_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .where(
            Household.deleted.is_(False),
            Household.search_text.like(f"%{escaped}%", escape="\\"),
            actor.grid_filter(Household.grid_id),
        )
        .order_by(Household.head_pinyin, Household.code)
        .limit(limit)
    )
    return [
        HouseholdHit(
            id=h.id,
            code=h.code,
            head_name=h.head_name,
            phone=h.phone,
            flat=_flat(b, h.unit, h.room),
            grid_id=h.grid_id,
            grid_name=g or "",
        )
        for h, b, g in session.execute(stmt)
    ]


def grid_choices(session: Session, actor: Actor) -> list[Choice]:
    stmt = (
        select(Grid.id, Grid.name)
        .where(Grid.deleted.is_(False), actor.grid_filter(Grid.id))
        .order_by(Grid.code)
    )
    return [Choice(i, n) for i, n in session.execute(stmt)]


def handler_choices(session: Session, actor: Actor) -> list[Choice]:
    stmt = (
        select(User.id, User.display_name)
        .where(User.deleted.is_(False), User.active.is_(True), User.role != "viewer")
        .order_by(User.display_name)
    )
    return [Choice(i, n) for i, n in session.execute(stmt)]


def draft_from_visit(
    session: Session, actor: Actor, visit_id: str, problem_index: int = 0
) -> IntakeDraft:
    """The intake form's contents for a problem found on a visit."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted:
        raise NotFound("order_visit_not_found", field="visit")
    household = session.get(Household, visit.household_id)
    if household is None:
        raise NotFound("order_household_not_found", field="household")
    if not actor.may_see_grid(household.grid_id):
        raise PermissionDenied("outside_your_grids")
    problems = list(visit.problems or [])
    problem: Any = problems[problem_index] if 0 <= problem_index < len(problems) else ""
    if isinstance(problem, dict):
        description = str(problem.get("description") or problem.get("text") or "")
        raw_category = str(problem.get("category") or "")
    else:
        description, raw_category = str(problem), ""
    category = (
        OrderCategory(raw_category)
        if raw_category in OrderCategory._value2member_map_
        else OrderCategory.OTHER
    )
    building = session.get(Building, household.building_id) if household.building_id else None
    flat = _flat(building.name if building else None, household.unit, household.room)
    return IntakeDraft(
        household_id=household.id,
        household_label=f"{household.head_name}（{flat}）" if flat else household.head_name,
        caller_name=household.head_name,
        caller_phone=household.phone,
        location=flat,
        description=description or visit.notes,
        category=category,
        source=OrderSource.VISIT,
        visit_id=visit.id,
    )


# ---------------------------------------------------------------- intake


def intake(
    session: Session,
    actor: Actor,
    *,
    description: str,
    category: OrderCategory | str,
    source: OrderSource | str,
    received_at: datetime | None = None,
    household_id: str | None = None,
    caller_name: str = "",
    caller_phone: str = "",
    location: str = "",
    needs_site_visit: bool = True,
    urgent: bool = False,
    grid_id: str | None = None,
    visit_id: str | None = None,
    linked_order_id: str | None = None,
    clock: Clock = system_clock,
) -> OrderDetail:
    """Take a request: the clock starts at ``received_at`` (now by default, never later)."""
    actor.require_write()
    now = clock.now()
    received = _at(received_at, now)
    if received > now:
        raise ValidationError("received_in_future", field="received_at")
    description = description.strip()
    if not description:
        raise ValidationError("description_empty", field="description")
    if str(category) not in OrderCategory._value2member_map_:
        raise ValidationError("unknown_category", field="category")
    if str(source) not in OrderSource._value2member_map_:
        raise ValidationError("unknown_source", field="source")
    caller_phone = caller_phone.strip()
    if caller_phone and not PHONE_RE.match(caller_phone):
        raise ValidationError("order_phone_format", field="caller_phone")
    household = None
    if household_id:
        household = session.get(Household, household_id)
        if household is None or household.deleted:
            raise NotFound("order_household_not_found", field="household")
        grid_id = household.grid_id
    if grid_id is not None:
        if session.get(Grid, grid_id) is None:
            raise ValidationError("unknown_grid", field="grid")
        if not actor.is_admin and grid_id not in actor.grid_ids:
            raise PermissionDenied("outside_your_grids")
    if visit_id is not None and session.get(Visit, visit_id) is None:
        raise NotFound("order_visit_not_found", field="visit")
    if household is not None and not location.strip():
        building = session.get(Building, household.building_id) if household.building_id else None
        location = _flat(building.name if building else None, household.unit, household.room)
    order = WorkOrder(
        code=_next_code(session, received),
        household_id=household.id if household else None,
        grid_id=grid_id,
        caller_name=caller_name.strip() or (household.head_name if household else ""),
        caller_phone=caller_phone or (household.phone if household else ""),
        category=str(category),
        source=str(source),
        description=description,
        location=location.strip(),
        needs_site_visit=needs_site_visit,
        urgent=urgent,
        status=OrderStatus.RECEIVED.value,
        handler_id=_user_id(actor),
        received_at=received,
        extended=False,
        linked_order_id=linked_order_id,
        visit_id=visit_id,
        outcome="",
        reopened=0,
        extension_state="",
        extension_days=0,
        created_by=_user_id(actor),
        updated_by=_user_id(actor),
    )
    session.add(order)
    _store(order, wo.new_order(received, needs_site_visit=needs_site_visit))
    session.flush()
    data: dict[str, Any] = {}
    if linked_order_id:
        data["linked_order_id"] = linked_order_id
    _event(session, actor, order, "received", received, now, **data)
    _clock(session, order)
    return _detail(session, actor, order)


def reraise(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    description: str = "",
    received_at: datetime | None = None,
    source: OrderSource | str | None = None,
    clock: Clock = system_clock,
) -> OrderDetail:
    """The same matter raised again after its order closed: a new order linked to the old."""
    old = _load(session, actor, order_id)
    if OrderStatus(old.status) not in (OrderStatus.FOLLOWED_UP, OrderStatus.CANCELLED):
        raise ValidationError("reraise_open_order", field="status")
    return intake(
        session,
        actor,
        description=description.strip() or old.description,
        category=old.category,
        source=source or old.source,
        received_at=received_at,
        household_id=old.household_id,
        caller_name=old.caller_name,
        caller_phone=old.caller_phone,
        location=old.location,
        needs_site_visit=old.needs_site_visit,
        urgent=old.urgent,
        grid_id=None if old.household_id else old.grid_id,
        linked_order_id=old.id,
        clock=clock,
    )


# ---------------------------------------------------------------- steps


def _step(
    session: Session,
    actor: Actor,
    order_id: str,
    action: Action,
    at: datetime | None,
    clock: Clock,
    *,
    note: str = "",
    satisfaction: Satisfaction | None = None,
    before_write: Any = None,
    **data: Any,
) -> OrderDetail:
    order = _load(session, actor, order_id)
    now = device_now = clock.now()
    when = _at(at, now)
    state = _state(order)
    if at is None and action not in wo.ADMINISTRATIVE:
        # "now" on this laptop is before the order's receipt or its last step: the order
        # came from a laptop whose clock ran ahead.  The step surely came after them, so
        # it is timed at the later of the two rather than refused (typed times are
        # still checked); device_time keeps this laptop's clock.
        when = max(when, state.received_at, state.last_step_at or state.received_at)
        now = max(now, when)
    elif at is None:
        when = max(when, state.received_at)
        now = max(now, when)
    state = wo.apply(state, action, when, now=now, satisfaction=satisfaction)
    if before_write is not None:
        extra = before_write(order, when)
        if extra:
            data.update(extra)
    if action is Action.FOLLOW_UP and satisfaction is Satisfaction.UNSATISFIED:
        data["reopened"] = True  # the arrive and resolve clocks restart (wo.order_clock)
    _store(order, state)
    _touch(order, actor)
    _event(session, actor, order, action.value, when, device_now, note.strip(), **data)
    _clock(session, order)
    return _detail(session, actor, order)


def respond(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    at: datetime | None = None,
    note: str = "",
    clock: Clock = system_clock,
) -> OrderDetail:
    return _step(session, actor, order_id, Action.RESPOND, at, clock, note=note)


def arrive(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    at: datetime | None = None,
    note: str = "",
    photo: bytes | None = None,
    photo_dir: Path | None = None,
    clock: Clock = system_clock,
) -> OrderDetail:
    """Someone is on site; ``photo`` (any image Pillow reads) is stored as a JPEG."""

    def save_photo(order: WorkOrder, when: datetime) -> dict[str, Any]:
        if photo is None:
            return {}
        if photo_dir is None:
            raise ValidationError("photo_no_place", field="photo")
        name, size = store_photo(photo, photo_dir)
        return {"photo": name, "photo_bytes": size}

    return _step(
        session, actor, order_id, Action.ARRIVE, at, clock, note=note, before_write=save_photo
    )


def _finish(
    session: Session,
    actor: Actor,
    order_id: str,
    action: Action,
    resolution: str,
    at: datetime | None,
    clock: Clock,
) -> OrderDetail:
    text = resolution.strip()
    if not text:
        raise ValidationError("resolution_empty", field="resolution")

    def keep(order: WorkOrder, when: datetime) -> None:
        order.resolution = text

    return _step(session, actor, order_id, action, at, clock, note=text, before_write=keep)


def resolve(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    resolution: str,
    at: datetime | None = None,
    clock: Clock = system_clock,
) -> OrderDetail:
    """The problem was fixed (已解决)."""
    return _finish(session, actor, order_id, Action.RESOLVE, resolution, at, clock)


def answer(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    resolution: str,
    at: datetime | None = None,
    clock: Clock = system_clock,
) -> OrderDetail:
    """The resident got a definite answer instead of a fix (已答复)."""
    return _finish(session, actor, order_id, Action.ANSWER, resolution, at, clock)


def follow_up(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    satisfaction: Satisfaction | str,
    note: str = "",
    at: datetime | None = None,
    clock: Clock = system_clock,
) -> OrderDetail:
    """The follow-up call (回访); "unsatisfied" reopens the order."""
    if str(satisfaction) not in Satisfaction._value2member_map_:
        raise ValidationError("satisfaction_required", field="satisfaction")
    return _step(
        session,
        actor,
        order_id,
        Action.FOLLOW_UP,
        at,
        clock,
        note=note,
        satisfaction=Satisfaction(str(satisfaction)),
        satisfaction_value=str(satisfaction),
    )


def transfer_to_handler(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    user_id: str,
    note: str = "",
    clock: Clock = system_clock,
) -> OrderDetail:
    user = session.get(User, user_id)
    if user is None or user.deleted or not user.active or user.role == "viewer":
        raise ValidationError("unknown_handler", field="handler")

    def move(order: WorkOrder, when: datetime) -> dict[str, Any]:
        if order.handler_id == user_id:
            raise ValidationError("same_handler", field="handler")
        before = order.handler_id
        order.handler_id = user_id
        return {"from_user": before, "to_user": user_id, "to_name": user.display_name}

    return _step(
        session, actor, order_id, Action.TRANSFER_HANDLER, None, clock, note=note, before_write=move
    )


def transfer_to_department(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    department: str,
    note: str = "",
    clock: Clock = system_clock,
) -> OrderDetail:
    name = department.strip()
    if not name:
        raise ValidationError("department_required", field="department")

    def move(order: WorkOrder, when: datetime) -> dict[str, Any]:
        order.department = name
        return {"department": name}

    return _step(
        session,
        actor,
        order_id,
        Action.TRANSFER_DEPARTMENT,
        None,
        clock,
        note=note,
        before_write=move,
    )


def merge(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    into_code: str,
    note: str = "",
    clock: Clock = system_clock,
) -> OrderDetail:
    """Close ``order_id`` as a duplicate of the order coded ``into_code``."""
    target = session.scalar(
        select(WorkOrder).where(WorkOrder.code == into_code.strip(), WorkOrder.deleted.is_(False))
    )
    if target is None:
        raise ValidationError("merge_target_not_found", field="into_code")
    if target.id == order_id:
        raise ValidationError("merge_into_itself", field="into_code")
    if OrderStatus(target.status) in (OrderStatus.MERGED, OrderStatus.CANCELLED):
        raise ValidationError("merge_target_closed", field="into_code")

    def link(order: WorkOrder, when: datetime) -> dict[str, Any]:
        order.merged_into_id = target.id
        return {"into": target.id, "into_code": target.code}

    return _step(session, actor, order_id, Action.MERGE, None, clock, note=note, before_write=link)


def cancel(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    reason: str,
    clock: Clock = system_clock,
) -> OrderDetail:
    text = reason.strip()
    if not text:
        raise ValidationError("cancel_reason_required", field="reason")

    def keep(order: WorkOrder, when: datetime) -> None:
        order.cancel_reason = text

    return _step(session, actor, order_id, Action.CANCEL, None, clock, note=text, before_write=keep)


def request_extension(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    days: int,
    reason: str,
    clock: Clock = system_clock,
) -> OrderDetail:
    text = reason.strip()
    if not text:
        raise ValidationError("extension_reason_required", field="reason")
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationError("extension_days", field="days", max=MAX_EXTENSION_DAYS)

    def keep(order: WorkOrder, when: datetime) -> dict[str, Any]:
        order.extension_days = days
        order.extension_reason = text
        return {"days": days}

    return _step(
        session,
        actor,
        order_id,
        Action.REQUEST_EXTENSION,
        None,
        clock,
        note=text,
        before_write=keep,
    )


def decide_extension(
    session: Session,
    actor: Actor,
    order_id: str,
    *,
    approve: bool,
    note: str = "",
    clock: Clock = system_clock,
) -> OrderDetail:
    """An administrator approves (the resolve deadline moves) or refuses an extension."""
    actor.require_admin()
    action = Action.APPROVE_EXTENSION if approve else Action.REFUSE_EXTENSION

    def move(order: WorkOrder, when: datetime) -> dict[str, Any]:
        if not approve:
            return {"days": order.extension_days}
        assert order.resolve_due is not None
        before = order.resolve_due
        due, _provisional = sla.extend_deadline(
            before, order.extension_days, _rule(session), working_calendar(session)
        )
        order.extended = True  # the event's days move the deadline (wo.order_clock)
        return {
            "days": order.extension_days,
            "from": before.isoformat(),
            "to": due.isoformat(),
        }

    return _step(session, actor, order_id, action, None, clock, note=note, before_write=move)


# ---------------------------------------------------------------- photos


def store_photo(data: bytes, directory: Path) -> tuple[str, int]:
    """Re-encode an image as a bounded JPEG under its content hash; (file name, bytes)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            picture = img.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError("photo_unreadable", field="photo") from None
    picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=PHOTO_QUALITY, optimize=True)
    encoded = out.getvalue()
    name = hashlib.sha256(encoded).hexdigest() + ".jpg"
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    if not target.exists():
        tmp = directory / (name + ".tmp")
        with open(tmp, "wb") as fh:
            fh.write(encoded)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    return name, len(encoded)


# ---------------------------------------------------------------- escalation


def run_escalations(
    session: Session, actor: Actor, now: datetime | None = None, *, clock: Clock = system_clock
) -> list[EscalationResult]:
    """Move every overdue open order up the ladder to where it should be by ``now``.

    Every workstation of the township runs this sweep.  A step is a system event with
    one identity wherever it is made: its key comes from the order, the stage, the
    deadline and the level, its time is when it fell due, and it has no author; so
    three laptops sweeping write one event between them, and the order's level is
    computed from the events (:func:`desktop.domain.work_order.order_clock`), never
    merged."""
    now = now or clock.now()
    rule = _rule(session)
    top = len(rule.escalation) - 1
    if top < 1:
        return []
    stmt = select(WorkOrder).where(
        WorkOrder.deleted.is_(False),
        WorkOrder.status.in_(OPEN_STATUSES),
        WorkOrder.next_due < now,
        WorkOrder.escalation_level < top,
        _visible(actor),
    )
    results = []
    swept = []
    for order in session.scalars(stmt):
        assert order.next_due is not None
        steps = sla.escalation_steps(order.escalation_level, order.next_due, now, rule)
        for step in steps:
            key = f"{order.id}/{order.next_stage}/{to_utc_text(order.next_due)}/{step.level}"
            event_id = str(uuid.uuid5(ESCALATION_EVENT_NAMESPACE, key))
            if session.get(WorkOrderEvent, event_id) is None:
                session.add(
                    WorkOrderEvent(
                        id=event_id,
                        order_id=order.id,
                        kind="escalated",
                        at=step.at,
                        device_time=step.at,
                        user_id=None,
                        note="",
                        data={"level": step.level, "role": step.role, "stage": order.next_stage},
                    )
                )
            results.append(EscalationResult(order.id, order.code, step.level, step.role, step.at))
        if steps:
            swept.append(order.id)
    session.flush()
    refresh_order_clocks(session, swept)
    return results


def to_utc_text(when: datetime) -> str:
    return when.astimezone(UTC).isoformat()


# ---------------------------------------------------------------- reading


def _row_query() -> Any:
    handler = aliased(User)
    return (
        select(
            WorkOrder,
            Household.head_name,
            Household.code,
            Grid.name,
            handler.display_name,
        )
        .outerjoin(Household, Household.id == WorkOrder.household_id)
        .outerjoin(Grid, Grid.id == WorkOrder.grid_id)
        .outerjoin(handler, handler.id == WorkOrder.handler_id)
    )


def _row(
    o: WorkOrder, head: str | None, hcode: str | None, grid: str | None, handler: str | None
) -> OrderRow:
    return OrderRow(
        id=o.id,
        code=o.code,
        status=OrderStatus(o.status),
        category=OrderCategory(o.category),
        source=OrderSource(o.source),
        description=o.description,
        caller_name=o.caller_name,
        caller_phone=o.caller_phone,
        head_name=head or "",
        household_code=hcode or "",
        grid_id=o.grid_id,
        grid_name=grid or "",
        handler_name=handler or "",
        received_at=o.received_at,
        next_stage=sla.Stage(o.next_stage) if o.next_stage else None,
        next_due=o.next_due,
        next_warn_at=o.next_warn_at,
        escalation_level=o.escalation_level,
        extended=o.extended,
        provisional=o.deadline_provisional,
        urgent=o.urgent,
        outcome=o.outcome,
        late_stages=order_late_stages(o),
    )


def order_late_stages(o: WorkOrder) -> tuple[sla.Stage, ...]:
    """The order's steps done after their deadline, as every screen reports them."""
    return sla.late_stages(
        (
            (sla.Stage.RESPOND, o.responded_at, o.respond_due),
            (sla.Stage.ARRIVE, o.arrived_at, o.arrive_due),
            (sla.Stage.RESOLVE, o.resolved_at, o.resolve_due),
        )
    )


def _conditions(actor: Actor, q: OrderQuery) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [WorkOrder.deleted.is_(False), _visible(actor)]
    if q.status == "open":
        conds.append(WorkOrder.status.in_(OPEN_STATUSES))
    elif q.status == "closed":
        conds.append(WorkOrder.status.in_(CLOSED_STATUSES))
    elif q.status != "all":
        conds.append(WorkOrder.status == q.status)
    if q.category:
        conds.append(WorkOrder.category == q.category)
    if q.grid_id:
        conds.append(WorkOrder.grid_id == q.grid_id)
    if q.escalation_level is not None:
        conds.append(WorkOrder.escalation_level == q.escalation_level)
    if q.overdue_at is not None:
        conds.append(WorkOrder.next_due < q.overdue_at)
    text = normalise_query(q.text)
    if text:
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append(
            or_(
                WorkOrder.code.like(like, escape="\\"),
                WorkOrder.caller_name.like(like, escape="\\"),
                WorkOrder.caller_phone.like(like, escape="\\"),
                WorkOrder.description.like(like, escape="\\"),
            )
        )
    return conds


def list_orders(session: Session, actor: Actor, query: OrderQuery = OrderQuery()) -> OrderPage:
    """A page of orders, most urgent first (earliest running deadline), then newest.

    Two index walks instead of one sort of every row: the orders with a running
    deadline (the open ones, a few thousand) by that deadline, then the rest
    (up to 100 000 closed ones) newest first.  Only the page's ids are sorted
    and limited; names are joined for those ids alone.
    """
    conds = _conditions(actor, query)
    count = select(func.count()).select_from(WorkOrder)
    total = int(session.scalar(count.where(*conds)) or 0)
    # a range, not IS NOT NULL, so SQLite counts from the next_due index
    has_due = WorkOrder.next_due > _EPOCH
    timed = int(session.scalar(count.where(*conds, has_due)) or 0)
    ids: list[str] = []
    if query.offset < timed:
        ids += session.scalars(
            select(WorkOrder.id)
            .where(*conds, has_due)
            .order_by(
                WorkOrder.next_due,
                WorkOrder.urgent.desc(),
                WorkOrder.received_at.desc(),
                WorkOrder.code,
            )
            .offset(query.offset)
            .limit(query.limit)
        )
    if len(ids) < query.limit and total > timed:
        ids += session.scalars(
            select(WorkOrder.id)
            .with_hint(WorkOrder, "INDEXED BY ix_work_orders_received_at", "sqlite")
            .where(*conds, WorkOrder.next_due.is_(None))
            .order_by(WorkOrder.received_at.desc())
            .offset(max(0, query.offset - timed))
            .limit(query.limit - len(ids))
        )
    found = {r[0].id: r for r in session.execute(_row_query().where(WorkOrder.id.in_(ids)))}
    return OrderPage(tuple(_row(*found[i]) for i in ids if i in found), total)


def supervision_list(
    session: Session, actor: Actor, level: int, *, offset: int = 0, limit: int = 200
) -> OrderPage:
    """Open orders that reached ``level`` of the escalation ladder (督办)."""
    return list_orders(
        session,
        actor,
        OrderQuery(status="open", escalation_level=level, offset=offset, limit=limit),
    )


def supervision_counts(session: Session, actor: Actor) -> dict[int, int]:
    stmt = (
        select(WorkOrder.escalation_level, func.count())
        .where(
            WorkOrder.deleted.is_(False),
            WorkOrder.status.in_(OPEN_STATUSES),
            WorkOrder.escalation_level > 0,
            _visible(actor),
        )
        .group_by(WorkOrder.escalation_level)
    )
    return {int(level): int(n) for level, n in session.execute(stmt)}


def escalation_ladder(session: Session, actor: Actor) -> tuple[str, ...]:
    return _rule(session).escalation


def open_deadlines(session: Session, actor: Actor) -> list[DeadlineInfo]:
    """Every open order's running deadline: what the notifier watches."""
    stmt = select(
        WorkOrder.id,
        WorkOrder.code,
        WorkOrder.next_stage,
        WorkOrder.next_due,
        WorkOrder.next_warn_at,
    ).where(
        WorkOrder.deleted.is_(False),
        WorkOrder.status.in_(OPEN_STATUSES),
        WorkOrder.next_due.is_not(None),
        _visible(actor),
    )
    return [
        DeadlineInfo(i, c, sla.Stage(s), d, w)
        for i, c, s, d, w in session.execute(stmt)
        if s and d is not None
    ]


def _detail(session: Session, actor: Actor, order: WorkOrder) -> OrderDetail:
    r = session.execute(_row_query().where(WorkOrder.id == order.id)).one()
    users = aliased(User)
    events = [
        EventInfo(e.kind, e.at, e.device_time, name or "", e.note, dict(e.data or {}))
        for e, name in session.execute(
            select(WorkOrderEvent, users.display_name)
            .outerjoin(users, users.id == WorkOrderEvent.user_id)
            .where(WorkOrderEvent.order_id == order.id)
            .order_by(WorkOrderEvent.at, WorkOrderEvent.device_time)
        )
    ]
    actions: list[str] = []
    if actor.can_write and _may_see(actor, order):
        for a in wo.legal_actions(_state(order)):
            if a in (Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION) and not actor.is_admin:
                continue
            actions.append(a.value)
        if OrderStatus(order.status) in (OrderStatus.FOLLOWED_UP, OrderStatus.CANCELLED):
            actions.append("reraise")

    def code_of(oid: str | None) -> str:
        if not oid:
            return ""
        return session.scalar(select(WorkOrder.code).where(WorkOrder.id == oid)) or ""

    return OrderDetail(
        row=_row(*r),
        household_id=order.household_id,
        location=order.location,
        needs_site_visit=order.needs_site_visit,
        respond_due=order.respond_due,
        arrive_due=order.arrive_due,
        resolve_due=order.resolve_due,
        responded_at=order.responded_at,
        arrived_at=order.arrived_at,
        resolved_at=order.resolved_at,
        followed_up_at=order.followed_up_at,
        resolution=order.resolution,
        satisfaction=order.satisfaction,
        department=order.department,
        cancel_reason=order.cancel_reason,
        extension_state=order.extension_state,
        extension_days=order.extension_days,
        extension_reason=order.extension_reason,
        linked_code=code_of(order.linked_order_id),
        merged_into_code=code_of(order.merged_into_id),
        reopened=order.reopened,
        actions=tuple(actions),
        events=tuple(events),
    )


def order_detail(session: Session, actor: Actor, order_id: str) -> OrderDetail:
    return _detail(session, actor, _load(session, actor, order_id, write=False))


# ---------------------------------------------------------------- statistics


@dataclass(frozen=True, slots=True)
class StatsRow:
    key: str  # grid id / category value / "" for the whole township
    name: str
    received: int
    open: int
    resolved: int
    answered: int
    cancelled: int
    merged: int
    extended: int
    escalated: int
    respond_on_time: float | None  # share 0..1 of those counted
    arrive_on_time: float | None
    resolve_on_time: float | None
    median_respond_minutes: float | None
    median_arrive_minutes: float | None
    median_resolve_hours: float | None
    satisfied: int
    basically_satisfied: int
    unsatisfied: int

    @property
    def satisfaction_rate(self) -> float | None:
        """(satisfied + basically satisfied) / followed up."""
        n = self.satisfied + self.basically_satisfied + self.unsatisfied
        return None if n == 0 else (self.satisfied + self.basically_satisfied) / n


@dataclass(frozen=True, slots=True)
class MonthlyStats:
    year: int
    month: int
    total: StatsRow
    by_grid: tuple[StatsRow, ...]
    by_category: tuple[StatsRow, ...]


_STAGE_COLUMNS = (
    (WorkOrder.respond_due, WorkOrder.responded_at),
    (WorkOrder.arrive_due, WorkOrder.arrived_at),
    (WorkOrder.resolve_due, WorkOrder.resolved_at),
)


def _minutes_between(session: Session, later: Any, earlier: Any) -> Any:
    """Minutes from ``earlier`` to ``later`` computed by the database, not row by row."""
    if session.get_bind().dialect.name == "sqlite":
        # julianday is a double in days: round to the second, or 2 minutes read 1.9999998
        return func.round((func.julianday(later) - func.julianday(earlier)) * 86400.0) / 60.0
    return func.extract("epoch", later - earlier) / 60.0


def _stat_columns(session: Session, now: datetime) -> list[Any]:
    """Per order: grouping keys, then per stage (counted, on time, minutes taken).

    A stage counts when it was reached or its deadline has passed; the times
    are compared in SQL so no timestamp has to be parsed in Python.
    """
    columns: list[Any] = [
        WorkOrder.grid_id,
        WorkOrder.category,
        WorkOrder.status,
        WorkOrder.outcome,
        WorkOrder.satisfaction,
        WorkOrder.extended,
        WorkOrder.escalation_level,
    ]
    for due, done in _STAGE_COLUMNS:
        counted = and_(due.is_not(None), or_(done.is_not(None), due < now))
        on_time = and_(due.is_not(None), done.is_not(None), done <= due)
        columns += [
            case((counted, 1), else_=0),
            case((on_time, 1), else_=0),
            case((counted, _minutes_between(session, done, WorkOrder.received_at)), else_=None),
        ]
    return columns


class _Tally:
    """Running sums for one group of the monthly figures (one pass over the rows)."""

    __slots__ = (
        "answered",
        "basic",
        "cancelled",
        "counted",
        "escalated",
        "extended",
        "merged",
        "on_time",
        "open",
        "received",
        "resolved",
        "satisfied",
        "times",
        "unsatisfied",
    )

    def __init__(self) -> None:
        self.received = self.open = self.resolved = self.answered = 0
        self.cancelled = self.merged = self.extended = self.escalated = 0
        self.satisfied = self.basic = self.unsatisfied = 0
        self.counted = [0, 0, 0]  # respond, arrive, resolve
        self.on_time = [0, 0, 0]
        self.times: tuple[list[float], list[float], list[float]] = ([], [], [])

    def stats(self, key: str, name: str) -> StatsRow:
        def share(i: int) -> float | None:
            return self.on_time[i] / self.counted[i] if self.counted[i] else None

        def median(i: int, scale: float = 1.0) -> float | None:
            values = self.times[i]
            return statistics.median(values) / scale if values else None

        return StatsRow(
            key=key,
            name=name,
            received=self.received,
            open=self.open,
            resolved=self.resolved,
            answered=self.answered,
            cancelled=self.cancelled,
            merged=self.merged,
            extended=self.extended,
            escalated=self.escalated,
            respond_on_time=share(0),
            arrive_on_time=share(1),
            resolve_on_time=share(2),
            median_respond_minutes=median(0),
            median_arrive_minutes=median(1),
            median_resolve_hours=median(2, 60.0),
            satisfied=self.satisfied,
            basically_satisfied=self.basic,
            unsatisfied=self.unsatisfied,
        )


_OPEN_SET = frozenset(OPEN_STATUSES)
_LEFT_OUT = frozenset({OrderStatus.MERGED.value, OrderStatus.CANCELLED.value})


def monthly_statistics(
    session: Session,
    actor: Actor,
    year: int,
    month: int,
    *,
    clock: Clock = system_clock,
) -> MonthlyStats:
    """Figures for the orders received in a month, by grid and by category."""
    if not 1 <= month <= 12:
        raise ValidationError("invalid", field="month")
    start, end = sla.china_month_bounds(year, month)
    now = clock.now()
    rows = session.execute(
        select(*_stat_columns(session, now)).where(
            WorkOrder.deleted.is_(False),
            WorkOrder.received_at >= start,
            WorkOrder.received_at < end,
            _visible(actor),
        )
    ).all()
    total = _Tally()
    by_grid: dict[str, _Tally] = {}
    by_cat: dict[str, _Tally] = {}
    for grid_id, category, status, outcome, satisfaction, extended, level, *stages in rows:
        grid_t = by_grid.get(grid_id or "")
        if grid_t is None:
            grid_t = by_grid[grid_id or ""] = _Tally()
        cat_t = by_cat.get(category)
        if cat_t is None:
            cat_t = by_cat[category] = _Tally()
        live = status not in _LEFT_OUT
        for t in (total, grid_t, cat_t):
            t.received += 1
            t.open += status in _OPEN_SET
            t.resolved += outcome == "resolved"
            t.answered += outcome == "answered"
            t.cancelled += status == "cancelled"
            t.merged += status == "merged"
            t.extended += bool(extended)
            t.escalated += level > 0
            t.satisfied += satisfaction == "satisfied"
            t.basic += satisfaction == "basically_satisfied"
            t.unsatisfied += satisfaction == "unsatisfied"
            if not live:
                continue
            for i in range(3):
                if stages[3 * i]:
                    t.counted[i] += 1
                    t.on_time[i] += stages[3 * i + 1]
                    minutes = stages[3 * i + 2]
                    if minutes is not None:
                        t.times[i].append(minutes)
    grid_names = {i: n for i, n in session.execute(select(Grid.id, Grid.name))}
    return MonthlyStats(
        year=year,
        month=month,
        total=total.stats("", ""),
        by_grid=tuple(
            t.stats(k, grid_names.get(k, ""))
            for k, t in sorted(by_grid.items(), key=lambda kv: grid_names.get(kv[0], "~"))
        ),
        by_category=tuple(
            by_cat[c.value].stats(c.value, c.value) for c in OrderCategory if c.value in by_cat
        ),
    )


def monthly_counts_sql(session: Session, actor: Actor, year: int, month: int) -> list[Any]:
    """One aggregate query (counts and on-time responses by grid): the benchmark's yardstick."""
    start, end = sla.china_month_bounds(year, month)
    stmt = (
        select(
            WorkOrder.grid_id,
            func.count(),
            func.sum(case((WorkOrder.outcome == "resolved", 1), else_=0)),
            func.sum(case((WorkOrder.outcome == "answered", 1), else_=0)),
            func.sum(
                case(
                    (
                        and_(
                            WorkOrder.responded_at.is_not(None),
                            WorkOrder.responded_at <= WorkOrder.respond_due,
                        ),
                        1,
                    ),
                    else_=0,
                )
            ),
        )
        .where(
            WorkOrder.deleted.is_(False),
            WorkOrder.received_at >= start,
            WorkOrder.received_at < end,
            _visible(actor),
        )
        .group_by(WorkOrder.grid_id)
    )
    return list(session.execute(stmt))
