"""The coverage board: where the gaps are this month, per grid, building and household.

Figures are counted by a few aggregate SQL queries (persons per household,
the month's visits, work orders), grouped by whatever the screen shows, never
by looping over households in Python: a county-sized township has 12 000
households and the board is the first thing an administrator opens.  The
definitions (who is a labourer, what counts as employed, when an old house is
late) come from :mod:`desktop.domain.coverage` and the policy profile.

Every figure respects the actor's grids: a grid member's board holds only
their own grids and their households.

Decisions, and why (one definition per figure, DESIGN.md):

- Work orders are counted as the work-order page lists them: the orders the
  actor may see (``work_orders.visible_orders``: their grids' orders and those
  handed to them by name), open, and *overdue* when the deadline the order is
  racing now has passed (``next_due``; desktop.domain.sla.is_overdue).  The
  board once counted only a missed resolve deadline and the page any missed
  deadline, so a grid member read 超期工单 1 件 on the dashboard and 2 条已超时
  on the page.
- "In work" and zero-employment households use the profile's definition
  (desktop.domain.coverage.working_statuses), the same one the monitoring
  flag 零就业家庭 and the household list's filter use.
- A board's total row is counted as one total, not added up from its rows:
  it is the dashboard's figure, and it includes the orders handed to a grid
  member from outside their grids, which no grid row of theirs holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    not_,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from desktop.domain import coverage
from desktop.domain.errors import NotFound
from desktop.services import township
from desktop.services.actor import Actor
from desktop.services.clock import Clock, system_clock
from desktop.services.work_orders import visible_orders
from desktop.store.models import (
    Building,
    Grid,
    Household,
    Person,
    Site,
    User,
    Visit,
    WorkOrder,
    user_grids,
)


@dataclass(frozen=True, slots=True)
class Figures:
    """One row of the board.  Add a field here and it appears in snapshots too."""

    households: int = 0
    persons: int = 0
    labourers: int = 0
    employed: int = 0  # labourers in work
    zero_employment: int = 0  # households with labour and nobody in work
    monitored: int = 0
    visited: int = 0  # households seen at least once this month
    open_orders: int = 0
    overdue_orders: int = 0
    old_house_overdue: int = 0

    @property
    def visited_share(self) -> float:
        return coverage.share(self.visited, self.households)

    @property
    def not_visited(self) -> int:
        return self.households - self.visited

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Figures)}
        )

    def as_dict(self) -> dict[str, int]:
        return {f.name: int(getattr(self, f.name)) for f in fields(Figures)}


FIGURE_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Figures))


@dataclass(frozen=True, slots=True)
class BoardRow:
    """A grid or building.  ``id`` None: households without one ("not assigned")."""

    id: str | None
    code: str
    name: str
    site_name: str
    members: tuple[str, ...]
    figures: Figures
    progress: coverage.VisitProgress


@dataclass(frozen=True, slots=True)
class Board:
    month: str
    today: date
    rows: tuple[BoardRow, ...]
    total: Figures


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    id: str
    code: str
    head_name: str
    grid_name: str
    building_name: str
    flat: str
    persons: int
    labourers: int
    employed: int
    zero_employment: bool
    monitoring: str
    visited: bool
    last_visit: date | None
    open_orders: int
    overdue_orders: int
    old_house_overdue: bool


class Attention(StrEnum):
    """What the dashboard asks to look at today; also a filter for household lists."""

    NOT_VISITED = "not_visited"  # not seen this month
    ZERO_EMPLOYMENT = "zero_employment"
    OVERDUE_ORDERS = "overdue_orders"
    OLD_HOUSE_OVERDUE = "old_house_overdue"
    MONITORED = "monitored"


@dataclass(frozen=True, slots=True)
class AttentionItem:
    kind: Attention
    count: int


@dataclass(frozen=True, slots=True)
class DashboardSummary:
    month: str
    today: date
    sites: int
    grids: int
    figures: Figures
    attention: tuple[AttentionItem, ...]
    behind_grids: tuple[str, ...]  # names of grids behind on this month's round


class Level(StrEnum):
    TOTAL = "total"
    SITE = "site"
    GRID = "grid"
    BUILDING = "building"
    HOUSEHOLD = "household"


# ---------------------------------------------------------------- the conditions


@dataclass(frozen=True, slots=True)
class _Moment:
    now: datetime
    today: date
    month: str
    first: date
    after: date
    cutoffs: coverage.OldHouseCutoffs
    working: frozenset[str]  # employment counted as work under the profile


def _moment(session: Session, clock: Clock, month: str | None = None) -> _Moment:
    policy = township.policy(session)
    now = clock.now()
    today = coverage.local_today(now)
    month = month or coverage.month_of(today)
    first, after = coverage.parse_month(month)
    return _Moment(
        now,
        today,
        month,
        first,
        after,
        coverage.old_house_cutoffs(policy.old_house, today),
        coverage.working_statuses(policy.employment),
    )


def _old_house_overdue(c: coverage.OldHouseCutoffs) -> ColumnElement[bool]:
    from desktop.services.households import old_house_late

    return old_house_late(c)


def _labour() -> ColumnElement[bool]:
    return Person.labour.in_(sorted(coverage.LABOUR_CAPACITIES))


def _in_work(working: frozenset[str]) -> ColumnElement[bool]:
    return Person.employment.in_(sorted(working))


def _overdue(now: datetime) -> ColumnElement[bool]:
    """An open order whose running deadline has passed (desktop.domain.sla.is_overdue)."""
    return and_(WorkOrder.next_due.is_not(None), WorkOrder.next_due < now)


def _open_order() -> ColumnElement[bool]:
    return and_(
        WorkOrder.deleted.is_(False),
        WorkOrder.status.not_in(sorted(coverage.CLOSED_ORDER_STATUSES)),
    )


def _order_grid() -> ColumnElement[Any]:
    """An order's grid: its own, or its household's when it was filed without one."""
    return func.coalesce(WorkOrder.grid_id, Household.grid_id)


def attention_condition(
    session: Session, kind: Attention | str, *, clock: Clock = system_clock
) -> ColumnElement[bool]:
    """An SQL condition on ``households`` selecting the households behind a dashboard item.

    For any household list: ``select(Household).where(attention_condition(s, kind))``
    shows the same households the dashboard counted.
    """
    kind = Attention(kind)
    m = _moment(session, clock)
    # Aliases, so the condition stays correlated to ``households`` alone even inside
    # a query that already reads persons, visits or work orders (the board's own).
    if kind is Attention.NOT_VISITED:
        visit = aliased(Visit)
        return not_(
            exists().where(
                visit.household_id == Household.id,
                visit.deleted.is_(False),
                visit.visited_on >= m.first,
                visit.visited_on < m.after,
            )
        )
    if kind is Attention.ZERO_EMPLOYMENT:
        worker, employed = aliased(Person), aliased(Person)
        return and_(
            exists().where(
                worker.household_id == Household.id,
                worker.deleted.is_(False),
                worker.labour.in_(sorted(coverage.LABOUR_CAPACITIES)),
            ),
            not_(
                exists().where(
                    employed.household_id == Household.id,
                    employed.deleted.is_(False),
                    employed.employment.in_(sorted(m.working)),
                )
            ),
        )
    if kind is Attention.OVERDUE_ORDERS:
        order = aliased(WorkOrder)
        return exists().where(
            order.household_id == Household.id,
            order.deleted.is_(False),
            order.status.not_in(sorted(coverage.CLOSED_ORDER_STATUSES)),
            order.next_due.is_not(None),
            order.next_due < m.now,
        )
    if kind is Attention.OLD_HOUSE_OVERDUE:
        return _old_house_overdue(m.cutoffs)
    return Household.monitoring != coverage.NOT_MONITORED


# ---------------------------------------------------------------- the aggregate


def _scope(
    actor: Actor, grid_id: str | bool | None, site_id: str | None
) -> tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]]:
    """Conditions on households and on work orders for the actor and the drill-down.

    ``grid_id`` False: every grid; None: households without a grid; else that grid.
    """
    h_where: list[ColumnElement[bool]] = [
        Household.deleted.is_(False),
        actor.grid_filter(Household.grid_id),
    ]
    order_grid = _order_grid()
    o_where: list[ColumnElement[bool]] = [_open_order(), visible_orders(actor)]
    if grid_id is None:
        h_where.append(Household.grid_id.is_(None))
        o_where.append(order_grid.is_(None))
    elif grid_id is not False:
        h_where.append(Household.grid_id == grid_id)
        o_where.append(order_grid == grid_id)
    if site_id is not None:
        h_where.append(Household.site_id == site_id)
        o_where.append(
            or_(
                Household.site_id == site_id,
                and_(
                    Household.id.is_(None),
                    WorkOrder.grid_id.in_(select(Grid.id).where(Grid.site_id == site_id)),
                ),
            )
        )
    return h_where, o_where


def _household_query(
    key: ColumnElement[Any], h_where: Sequence[ColumnElement[bool]], m: _Moment
) -> Select[Any]:
    """Households with their persons' and visits' aggregates, grouped by ``key``.

    The inner query makes one row per household (its persons counted from a
    covering index, this month's visit looked up by household); the outer one
    adds them up.  About twice as fast on SQLite as joining a materialised
    per-household aggregate of all persons.
    """
    seen = exists().where(
        Visit.household_id == Household.id,
        Visit.deleted.is_(False),
        Visit.visited_on >= m.first,
        Visit.visited_on < m.after,
    )

    def count_if(condition: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    per_household = (
        select(
            key.label("key"),
            func.count(Person.household_id).label("persons"),
            count_if(_labour()).label("labourers"),
            count_if(and_(_labour(), _in_work(m.working))).label("employed"),
            count_if(_in_work(m.working)).label("in_work"),
            case((Household.monitoring != coverage.NOT_MONITORED, 1), else_=0).label("monitored"),
            case((seen, 1), else_=0).label("seen"),
            case((_old_house_overdue(m.cutoffs), 1), else_=0).label("old_house"),
        )
        .select_from(Household)
        .outerjoin(Person, and_(Person.household_id == Household.id, Person.deleted.is_(False)))
        .where(*h_where)
        .group_by(Household.id)
        .subquery("per_household")
    )
    c = per_household.c
    return select(
        c.key,
        func.count(),
        func.sum(c.persons),
        func.sum(c.labourers),
        func.sum(c.employed),
        func.sum(case((and_(c.labourers > 0, c.in_work == 0), 1), else_=0)),
        func.sum(c.monitored),
        func.sum(c.seen),
        func.sum(c.old_house),
    ).group_by(c.key)


def _order_household(level: Level) -> ColumnElement[bool]:
    """How work orders meet their household.

    Counting by grid (or site, or in total) needs the household only for an
    order filed without a grid, so the others skip the lookup.  An open order
    is counted even if its household was since deleted: someone still owes an answer.
    """
    joined = Household.id == WorkOrder.household_id
    if level in (Level.BUILDING, Level.HOUSEHOLD):
        return joined
    return and_(joined, WorkOrder.grid_id.is_(None))


def _keys(level: Level) -> tuple[Any, Any]:
    """Group-by expressions for households and for work orders at ``level``."""
    if level is Level.TOTAL:
        return literal(""), literal("")
    if level is Level.GRID:
        return Household.grid_id, _order_grid()
    if level is Level.BUILDING:
        return Household.building_id, Household.building_id
    if level is Level.HOUSEHOLD:
        return Household.id, WorkOrder.household_id
    order_site = func.coalesce(
        Household.site_id,
        select(Grid.site_id).where(Grid.id == WorkOrder.grid_id).scalar_subquery(),
    )
    return Household.site_id, order_site


def figures_by(
    session: Session,
    actor: Actor,
    level: Level | str,
    *,
    grid_id: str | bool | None = False,
    site_id: str | None = None,
    clock: Clock = system_clock,
    month: str | None = None,
    households: Sequence[ColumnElement[bool]] = (),
) -> dict[str | None, Figures]:
    """The board's figures grouped by site, grid, building or household (or one total).

    Three queries whatever the size of the township: households with their
    persons and this month's visits, then open and overdue work orders.
    ``households``: further conditions on the households counted (at the
    building and household levels, where every order has its household).
    """
    level = Level(level)
    m = _moment(session, clock, month)
    h_where, o_where = _scope(actor, grid_id, site_id)
    if households:
        if level not in (Level.BUILDING, Level.HOUSEHOLD):
            raise ValueError("household conditions need the building or household level")
        h_where += households
        o_where += households
    h_key, o_key = _keys(level)
    out: dict[str | None, list[int]] = {}
    for key, *values in session.execute(_household_query(h_key, h_where, m)):
        counts = [int(v) for v in values]
        # the query's columns are the figures' order without the two order counts
        out[key] = [*counts[:-1], 0, 0, counts[-1]]
    orders = (
        select(
            o_key.label("key"),
            func.count(),
            func.coalesce(func.sum(case((_overdue(m.now), 1), else_=0)), 0),
        )
        .select_from(WorkOrder)
        .outerjoin(Household, _order_household(level))
        .where(*o_where)
        .group_by(o_key)
    )
    for key, open_count, overdue in session.execute(orders):
        row = out.setdefault(key, [0] * len(FIGURE_NAMES))
        row[FIGURE_NAMES.index("open_orders")] = int(open_count)
        row[FIGURE_NAMES.index("overdue_orders")] = int(overdue)
    return {key: Figures(*values) for key, values in out.items()}


# ---------------------------------------------------------------- the board


def _member_names(session: Session, grid_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    names: dict[str, list[str]] = {}
    if not grid_ids:
        return {}
    rows = session.execute(
        select(user_grids.c.grid_id, User.display_name, User.active)
        .join(User, User.id == user_grids.c.user_id)
        .where(
            user_grids.c.grid_id.in_(grid_ids),
            user_grids.c.deleted.is_(False),
            User.deleted.is_(False),
        )
        .order_by(User.username)
    )
    for grid_id, name, active in rows:
        names.setdefault(grid_id, []).append(name if active else f"{name}（停用）")
    return {k: tuple(v) for k, v in names.items()}


def _row(
    key: str | None,
    code: str,
    name: str,
    site_name: str,
    members: tuple[str, ...],
    figures: Figures,
    today: date,
) -> BoardRow:
    return BoardRow(
        id=key,
        code=code,
        name=name,
        site_name=site_name,
        members=members,
        figures=figures,
        progress=coverage.visit_progress(figures.visited, figures.households, today),
    )


def _total(rows: Sequence[BoardRow]) -> Figures:
    total = Figures()
    for row in rows:
        total = total + row.figures
    return total


def grid_board(
    session: Session,
    actor: Actor,
    *,
    site_id: str | None = None,
    clock: Clock = system_clock,
) -> Board:
    """One row per grid the actor may see, empty grids included, then "not assigned"."""
    m = _moment(session, clock)
    figures = figures_by(session, actor, Level.GRID, site_id=site_id, clock=clock)
    query = (
        select(Grid.id, Grid.code, Grid.name, Site.name)
        .join(Site, Site.id == Grid.site_id)
        .where(Grid.deleted.is_(False), actor.grid_filter(Grid.id))
        .order_by(Site.code, Grid.code)
    )
    if site_id is not None:
        query = query.where(Grid.site_id == site_id)
    grids = [tuple(row) for row in session.execute(query)]
    members = _member_names(session, [g[0] for g in grids])
    rows = [
        _row(gid, code, name, site, members.get(gid, ()), figures.get(gid, Figures()), m.today)
        for gid, code, name, site in grids
    ]
    if actor.sees_everything and None in figures:
        rows.append(_row(None, "", "", "", (), figures[None], m.today))
    total = figures_by(session, actor, Level.TOTAL, site_id=site_id, clock=clock)
    return Board(month=m.month, today=m.today, rows=tuple(rows), total=total.get("", Figures()))


def building_board(
    session: Session, actor: Actor, grid_id: str | None, *, clock: Clock = system_clock
) -> Board:
    """One row per building of a grid (and one for its households without a building)."""
    if grid_id is not None:
        grid = session.get(Grid, grid_id)
        if grid is None or grid.deleted or not actor.may_see_grid(grid_id):
            raise NotFound("not_found", field="grid")
    elif not actor.sees_everything:
        raise NotFound("not_found", field="grid")
    m = _moment(session, clock)
    figures = figures_by(session, actor, Level.BUILDING, grid_id=grid_id, clock=clock)
    ids = [k for k in figures if k is not None]
    query = select(Building.id, Building.code, Building.name).where(
        Building.deleted.is_(False),
        or_(Building.id.in_(ids), Building.grid_id == grid_id if grid_id else false()),
    )
    buildings = sorted((tuple(row) for row in session.execute(query)), key=lambda b: b[1])
    rows = [
        _row(bid, code, name, "", (), figures.get(bid, Figures()), m.today)
        for bid, code, name in buildings
    ]
    if None in figures:
        rows.append(_row(None, "", "", "", (), figures[None], m.today))
    return Board(month=m.month, today=m.today, rows=tuple(rows), total=_total(rows))


def household_rows(
    session: Session,
    actor: Actor,
    *,
    grid_id: str | bool | None = False,
    building_id: str | bool | None = False,
    attention: Attention | str | None = None,
    clock: Clock = system_clock,
    limit: int | None = None,
) -> list[HouseholdRow]:
    """The households behind a board cell or a dashboard item, with their figures.

    ``grid_id``/``building_id`` False: any; None: those without one.
    """
    m = _moment(session, clock)
    narrow: list[ColumnElement[bool]] = []
    if building_id is None:
        narrow.append(Household.building_id.is_(None))
    elif building_id is not False:
        narrow.append(Household.building_id == building_id)
    if attention is not None:
        narrow.append(attention_condition(session, attention, clock=clock))
    figures = figures_by(
        session, actor, Level.HOUSEHOLD, grid_id=grid_id, clock=clock, households=narrow
    )
    last_visit = (
        select(func.max(Visit.visited_on))
        .where(Visit.household_id == Household.id, Visit.deleted.is_(False))
        .scalar_subquery()
    )
    query = (
        select(
            Household.id,
            Household.code,
            Household.head_name,
            Grid.name,
            Building.name,
            Household.unit,
            Household.room,
            Household.monitoring,
            last_visit,
            _old_house_overdue(m.cutoffs),
        )
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .outerjoin(Building, Building.id == Household.building_id)
        .where(*_scope(actor, grid_id, None)[0])
        .order_by(Building.code, Household.unit, Household.room, Household.code)
    )
    query = query.where(*narrow)
    if limit is not None:
        query = query.limit(limit)
    out = []
    for hid, code, head, grid_name, building, unit, room, monitoring, last, old in session.execute(
        query
    ):
        f = figures.get(hid, Figures())
        flat = f"{building or ''}{unit}单元{room}" if unit else f"{building or ''}{room}"
        out.append(
            HouseholdRow(
                id=hid,
                code=code,
                head_name=head,
                grid_name=grid_name or "",
                building_name=building or "",
                flat=flat,
                persons=f.persons,
                labourers=f.labourers,
                employed=f.employed,
                zero_employment=bool(f.zero_employment),
                monitoring=monitoring,
                visited=bool(f.visited),
                last_visit=last,
                open_orders=f.open_orders,
                overdue_orders=f.overdue_orders,
                old_house_overdue=bool(old),
            )
        )
    return out


def township_figures(session: Session, actor: Actor, *, clock: Clock = system_clock) -> Figures:
    """Everything the actor may see, as one row."""
    return figures_by(session, actor, Level.TOTAL, clock=clock).get("", Figures())


def dashboard(session: Session, actor: Actor, *, clock: Clock = system_clock) -> DashboardSummary:
    """The home page: key figures and what needs attention today."""
    board = grid_board(session, actor, clock=clock)
    total = board.total
    sites = int(
        session.scalar(
            select(func.count(func.distinct(Grid.site_id))).where(
                Grid.deleted.is_(False), actor.grid_filter(Grid.id)
            )
        )
        or 0
    )
    if actor.sees_everything:
        sites = int(
            session.scalar(select(func.count()).select_from(Site).where(Site.deleted.is_(False)))
            or 0
        )
    return DashboardSummary(
        month=board.month,
        today=board.today,
        sites=sites,
        grids=sum(1 for r in board.rows if r.id is not None),
        figures=total,
        attention=(
            AttentionItem(Attention.NOT_VISITED, total.not_visited),
            AttentionItem(Attention.ZERO_EMPLOYMENT, total.zero_employment),
            AttentionItem(Attention.OVERDUE_ORDERS, total.overdue_orders),
            AttentionItem(Attention.OLD_HOUSE_OVERDUE, total.old_house_overdue),
        ),
        behind_grids=tuple(
            r.name
            for r in board.rows
            if r.id is not None and r.progress is coverage.VisitProgress.BEHIND
        ),
    )


__all__ = [
    "FIGURE_NAMES",
    "Attention",
    "Board",
    "BoardRow",
    "Figures",
    "HouseholdRow",
    "Level",
    "attention_condition",
    "building_board",
    "dashboard",
    "figures_by",
    "grid_board",
    "household_rows",
    "township_figures",
]
