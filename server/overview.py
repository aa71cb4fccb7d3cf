"""The county overview: figures per township, site or grid, counted in SQL over the
reporting tables (server.reporting).

The definitions are the township's (:mod:`desktop.domain.coverage` and the board of
``desktop.services.board``): a household is *visited* when it has a visit dated in the
month; *monitored* when its monitoring category is not "none"; *zero employment* when
it has labour and nobody in work; an old house is *late* by the township's own profile
(cut-offs per township); an order is *open* until resolved, answered, followed up,
merged or cancelled, and *overdue* when the deadline of the stage it now races has
passed.  On-time shares are those of the township's monthly work-order figures:
orders received in the month; a stage counts once reached or once its deadline has
passed, and is on time when reached by its deadline.
``tests/server/test_reporting.py`` holds the county's figures equal to a laptop's board.

Each figure is one aggregate query whatever the county's size: households (with their
month's visit), open orders by stage, the month's orders by stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, false, func, literal, or_, select, text
from sqlalchemy.orm import Session

from desktop.domain import coverage, sla
from desktop.domain.enums import MonitoringCategory, OldHouseStatus
from server.models import (
    CountyDevice,
    CountyEnrolment,
    RptArea,
    RptGrid,
    RptHousehold,
    RptSite,
    RptVisit,
    RptWorkOrder,
)
from server.reporting import township_rules

STAGES = ("respond", "arrive", "resolve")
MONITORED = tuple(m.value for m in MonitoringCategory if m is not MonitoringCategory.NONE)
LEVELS = ("township", "site", "grid")


@dataclass
class Figures:
    households: int = 0
    persons: int = 0
    visited: int = 0
    monitored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MONITORED, 0))
    zero_employment: int = 0
    old_house_overdue: int = 0
    open_orders: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    overdue_orders: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    counted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    on_time: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))

    @property
    def visited_share(self) -> float:
        return coverage.share(self.visited, self.households)

    @property
    def monitored_total(self) -> int:
        return sum(self.monitored.values())

    @property
    def open_total(self) -> int:
        return sum(self.open_orders.values())

    @property
    def overdue_total(self) -> int:
        return sum(self.overdue_orders.values())

    def on_time_share(self, stage: str) -> float | None:
        return self.on_time[stage] / self.counted[stage] if self.counted[stage] else None

    def add(self, other: Figures) -> None:
        for name in ("households", "persons", "visited", "zero_employment", "old_house_overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("monitored", "open_orders", "overdue_orders", "counted", "on_time"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v


@dataclass(frozen=True)
class Moment:
    now: datetime
    today: date
    month: str
    first: date
    after: date
    month_start: datetime
    month_end: datetime


def moment(now: datetime, month: str | None = None) -> Moment:
    today = coverage.local_today(now)
    month = month or coverage.month_of(today)
    first, after = coverage.parse_month(month)
    start, end = sla.china_month_bounds(first.year, first.month)
    return Moment(now, today, month, first, after, start, end)


def _old_house_late(session: Session, townships: Sequence[str], today: date) -> ColumnElement[bool]:
    """Old houses past their deadline, each township by its own profile: the rule of
    ``desktop.services.households.old_house_late`` over the reporting table."""
    h = RptHousehold
    per_township: list[ColumnElement[bool]] = []
    for township in townships:
        c = coverage.old_house_cutoffs(township_rules(session, township).profile.old_house, today)
        conds: list[ColumnElement[bool]] = []
        late = [
            and_(h.old_house_hazard.is_(hazard), h.move_in_date < before)
            for hazard, before in ((True, c.hazard_before), (False, c.standing_before))
            if before is not None
        ]
        if late:
            conds.append(
                and_(
                    h.old_house_status == OldHouseStatus.STANDING.value,
                    h.move_in_date.is_not(None),
                    or_(*late),
                )
            )
        if c.demolished_before is not None:
            start = h.move_in_date if c.reclaim_from_move_in else h.old_house_demolished_on
            conds.append(
                and_(
                    h.old_house_status == OldHouseStatus.DEMOLISHED.value,
                    h.old_house_demolished_on.is_not(None),
                    start.is_not(None),
                    start < c.demolished_before,
                )
            )
        if conds:
            per_township.append(and_(h.township_code == township, or_(*conds)))
    return or_(*per_township) if per_township else false()


def _keys(level: str) -> tuple[Any, Any]:
    if level == "township":
        return RptHousehold.township_code, RptWorkOrder.township_code
    if level == "site":
        return RptHousehold.site_id, RptWorkOrder.site_id
    if level == "grid":
        return RptHousehold.grid_id, RptWorkOrder.grid_id
    return literal(""), literal("")


def townships(session: Session) -> list[tuple[str, str]]:
    """Every township the county knows (enrolled or holding records): code and name."""
    codes = set(session.scalars(select(CountyEnrolment.township_code)))
    codes |= set(session.scalars(select(RptSite.township_code).distinct()))
    names = dict(
        session.execute(select(RptArea.code, RptArea.name).where(RptArea.code.in_(codes))).all()
    )
    enrolled = dict(
        session.execute(select(CountyEnrolment.township_code, CountyEnrolment.name)).all()
    )
    return sorted((c, names.get(c) or enrolled.get(c) or c) for c in codes)


def figures_by(
    session: Session,
    level: str,
    *,
    now: datetime,
    township: str | None = None,
    site_id: str | None = None,
    grid_id: str | None = None,
    month: str | None = None,
) -> dict[str | None, Figures]:
    """The overview's figures grouped by township, site or grid ("total": one row)."""
    m = moment(now, month)
    h, o = RptHousehold, RptWorkOrder
    h_where: list[ColumnElement[bool]] = []
    o_where: list[ColumnElement[bool]] = []
    if township is not None:
        h_where.append(h.township_code == township)
        o_where.append(o.township_code == township)
    if site_id is not None:
        h_where.append(h.site_id == site_id)
        o_where.append(o.site_id == site_id)
    if grid_id is not None:
        h_where.append(h.grid_id == grid_id)
        o_where.append(o.grid_id == grid_id)
    codes = [township] if township else [c for c, _ in townships(session)]
    h_key, o_key = _keys(level)
    seen = exists().where(
        RptVisit.household_id == h.id, RptVisit.visited_on >= m.first, RptVisit.visited_on < m.after
    )

    def count_if(cond: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    out: dict[str | None, Figures] = {}
    query = (
        select(
            h_key,
            func.count(),
            func.coalesce(func.sum(h.persons), 0),
            count_if(seen),
            count_if(h.zero_employment.is_(True)),
            count_if(_old_house_late(session, codes, m.today)),
            *(count_if(h.monitoring == c) for c in MONITORED),
        )
        .where(*h_where)
        .group_by(h_key)
    )
    for key, n, persons, visited, zero, old, *monitored in session.execute(query):
        f = out.setdefault(key, Figures())
        f.households, f.persons, f.visited = int(n), int(persons), int(visited)
        f.zero_employment, f.old_house_overdue = int(zero), int(old)
        f.monitored = {c: int(v) for c, v in zip(MONITORED, monitored, strict=True)}
    opened = (
        select(o_key, o.next_stage, func.count(), count_if(o.next_due < m.now))
        .where(*o_where, o.closed.is_(False), o.next_stage != "")
        .group_by(o_key, o.next_stage)
    )
    for key, stage, n, overdue in session.execute(opened):
        f = out.setdefault(key, Figures())
        f.open_orders[stage] = int(n)
        f.overdue_orders[stage] = int(overdue)
    stage_columns = (
        (o.respond_due, o.responded_at),
        (o.arrive_due, o.arrived_at),
        (o.resolve_due, o.resolved_at),
    )
    sums: list[Any] = []
    for due, done in stage_columns:
        sums.append(count_if(and_(due.is_not(None), or_(done.is_not(None), due < m.now))))
        sums.append(count_if(and_(due.is_not(None), done.is_not(None), done <= due)))
    month_orders = (
        select(o_key, *sums)
        .where(*o_where, o.received_at >= m.month_start, o.received_at < m.month_end)
        .group_by(o_key)
    )
    for key, *values in session.execute(month_orders):
        f = out.setdefault(key, Figures())
        for i, stage in enumerate(STAGES):
            f.counted[stage] = int(values[2 * i])
            f.on_time[stage] = int(values[2 * i + 1])
    return out


def total(rows: dict[str | None, Figures]) -> Figures:
    whole = Figures()
    for f in rows.values():
        whole.add(f)
    return whole


# ---------------------------------------------------------------- names and devices


def names(session: Session, level: str, township: str | None = None) -> dict[str, tuple[str, str]]:
    """Code and name of every township, site or grid (of one township)."""
    if level == "township":
        return {c: (c, n) for c, n in townships(session)}
    model: Any = RptSite if level == "site" else RptGrid
    query = select(model.id, model.code, model.name)
    if township is not None:
        query = query.where(model.township_code == township)
    return {i: (c, n) for i, c, n in session.execute(query)}


@dataclass(frozen=True)
class LastSync:
    township: str
    devices: int
    last_seen: datetime | None


def last_sync(session: Session) -> dict[str, LastSync]:
    """Per township: enrolled laptops (not revoked) and when one of them was last heard."""
    rows = session.execute(
        select(CountyDevice.township_code, func.count(), func.max(CountyDevice.last_seen_at))
        .where(CountyDevice.revoked.is_(False))
        .group_by(CountyDevice.township_code)
    )
    return {t: LastSync(t, int(n), seen) for t, n, seen in rows}


# ---------------------------------------------------------------- the monthly trend


@dataclass(frozen=True)
class TrendPoint:
    month: str
    visited: int  # households with a visit dated in the month
    received: int  # work orders received in the month
    resolve_on_time: int  # of those, resolved by the deadline


def _month(session: Session, column: Any, *, china_time: bool) -> Any:
    """``YYYY-MM`` of a date column, or of a UTC time column on the China wall clock
    (China keeps no daylight saving time: UTC+8 all year)."""
    if session.get_bind().dialect.name == "postgresql":
        value = column + text("interval '8 hours'") if china_time else column
        return func.to_char(value, "YYYY-MM")
    if china_time:
        return func.strftime("%Y-%m", column, "+8 hours")
    return func.strftime("%Y-%m", column)


def trend(
    session: Session, *, now: datetime, months: int = 12, township: str | None = None
) -> list[TrendPoint]:
    """The last ``months`` months: households visited, orders received and resolved on time."""
    m = moment(now)
    keys = coverage.month_range(m.month, months)
    first, _ = coverage.parse_month(keys[0])
    start, _ = sla.china_month_bounds(first.year, first.month)
    v, o = RptVisit, RptWorkOrder
    month = _month(session, v.visited_on, china_time=False)
    visits = select(month, func.count(func.distinct(v.household_id))).where(
        v.visited_on >= first, v.visited_on < m.after
    )
    order_month = _month(session, o.received_at, china_time=True)
    on_time = and_(
        o.resolved_at.is_not(None), o.resolve_due.is_not(None), o.resolved_at <= o.resolve_due
    )
    orders = select(
        order_month, func.count(), func.coalesce(func.sum(case((on_time, 1), else_=0)), 0)
    ).where(o.received_at >= start, o.received_at < m.month_end)
    if township is not None:
        visits = visits.where(v.township_code == township)
        orders = orders.where(o.township_code == township)
    seen: dict[str, int] = {k: int(n) for k, n in session.execute(visits.group_by(month))}
    received = {k: (n, t) for k, n, t in session.execute(orders.group_by(order_month))}
    return [
        TrendPoint(
            k, int(seen.get(k, 0)), int(received.get(k, (0, 0))[0]), int(received.get(k, (0, 0))[1])
        )
        for k in keys
    ]
