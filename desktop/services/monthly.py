"""Closing the month (一月一更新): the board's figures kept per township, site and grid.

A closed month is what the township reported; later edits do not change it,
so months can be compared and a trend drawn.  The month being closed is the
current one or the one just ended (closing in the first days of the next month
is the usual practice); its "visited" figure counts visits dated in that
month, the other figures are as they stand when the month is closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import coverage
from desktop.domain.errors import ValidationError
from desktop.services import board
from desktop.services.actor import SYSTEM, Actor
from desktop.services.board import FIGURE_NAMES, Figures, Level
from desktop.services.clock import Clock, system_clock
from desktop.store.models import Grid, Site
from desktop.store.models_grids import MonthlySnapshot

SCOPE_TOWNSHIP = "township"
SCOPE_SITE = "site"
SCOPE_GRID = "grid"
SCOPES = (SCOPE_TOWNSHIP, SCOPE_SITE, SCOPE_GRID)
SHARE = "visited_share"  # a trend may also follow the share of households seen


@dataclass(frozen=True, slots=True)
class CloseResult:
    month: str
    rows: int
    replaced: bool
    township: Figures


@dataclass(frozen=True, slots=True)
class SnapshotRow:
    month: str
    scope: str
    scope_id: str
    code: str
    name: str
    site_id: str
    figures: Figures
    closed_at: datetime


@dataclass(frozen=True, slots=True)
class Comparison:
    scope: str
    scope_id: str
    code: str
    name: str
    current: Figures | None
    previous: Figures | None

    def delta(self, figure: str) -> int | None:
        if self.current is None or self.previous is None:
            return None
        return int(getattr(self.current, figure)) - int(getattr(self.previous, figure))


@dataclass(frozen=True, slots=True)
class TrendPoint:
    month: str
    value: float | None  # None: the month was not closed


def _figures(row: MonthlySnapshot) -> Figures:
    return Figures(**{name: int(getattr(row, name)) for name in FIGURE_NAMES})


def _live(month: str | None = None) -> list[object]:
    where: list[object] = [MonthlySnapshot.deleted.is_(False)]
    if month is not None:
        where.append(MonthlySnapshot.month == month)
    return where


def _visible(actor: Actor) -> object:
    """Members see the rows of their own grids; staff every row."""
    if actor.sees_everything:
        return MonthlySnapshot.deleted.is_(False)
    return (MonthlySnapshot.scope == SCOPE_GRID) & actor.grid_filter(
        MonthlySnapshot.scope_id  # type: ignore[arg-type]
    )


def closed_months(session: Session, actor: Actor) -> list[str]:
    """Months with a snapshot, newest first."""
    rows = session.scalars(
        select(MonthlySnapshot.month)
        .where(*_live(), _visible(actor))  # type: ignore[arg-type]
        .distinct()
        .order_by(MonthlySnapshot.month.desc())
    )
    return list(rows)


def close_month(
    session: Session,
    actor: Actor,
    *,
    month: str | None = None,
    replace: bool = False,
    clock: Clock = system_clock,
) -> CloseResult:
    """Store this month's board for the township, each site and each grid.

    Closing a month already closed is refused unless ``replace`` (the user
    confirmed): the old figures are then overwritten in place.
    """
    actor.require_admin()
    today = coverage.local_today(clock.now())
    current = coverage.month_of(today)
    month = (month or current).strip()
    coverage.parse_month(month)
    if month not in (current, coverage.previous_month(current)):
        raise ValidationError("month_not_closable", field="month", month=month, current=current)
    existing = list(session.scalars(select(MonthlySnapshot).where(*_live(month))))  # type: ignore[arg-type]
    if existing and not replace:
        raise ValidationError("month_already_closed", field="month", month=month)

    # The whole township, whoever closes it: the figures are the township's, not a view.
    everyone = SYSTEM
    wanted: dict[tuple[str, str], tuple[str, str, str, Figures]] = {}
    total = board.figures_by(session, everyone, Level.TOTAL, clock=clock, month=month).get(
        "", Figures()
    )
    wanted[(SCOPE_TOWNSHIP, "")] = ("", "", "", total)
    by_site = board.figures_by(session, everyone, Level.SITE, clock=clock, month=month)
    for site_id, code, name in session.execute(
        select(Site.id, Site.code, Site.name).where(Site.deleted.is_(False))
    ):
        wanted[(SCOPE_SITE, site_id)] = (code, name, site_id, by_site.get(site_id, Figures()))
    by_grid = board.figures_by(session, everyone, Level.GRID, clock=clock, month=month)
    for grid_id, code, name, site_id in session.execute(
        select(Grid.id, Grid.code, Grid.name, Grid.site_id).where(Grid.deleted.is_(False))
    ):
        wanted[(SCOPE_GRID, grid_id)] = (code, name, site_id, by_grid.get(grid_id, Figures()))

    rows = {(r.scope, r.scope_id): r for r in existing}
    for key, (code, name, site_id, figures) in wanted.items():
        row = rows.pop(key, None)
        if row is None:
            row = MonthlySnapshot(
                month=month, scope=key[0], scope_id=key[1], created_by=actor.user_id
            )
            session.add(row)
        row.scope_code, row.scope_name, row.site_id = code, name, site_id
        for figure, value in figures.as_dict().items():
            setattr(row, figure, value)
        row.updated_by = actor.user_id
    for stale in rows.values():  # a grid merged away since the month was first closed
        stale.deleted = True
        stale.updated_by = actor.user_id
    session.flush()
    return CloseResult(month=month, rows=len(wanted), replaced=bool(existing), township=total)


def snapshots(session: Session, actor: Actor, month: str) -> list[SnapshotRow]:
    coverage.parse_month(month)
    query = (
        select(MonthlySnapshot)
        .where(*_live(month), _visible(actor))  # type: ignore[arg-type]
        .order_by(MonthlySnapshot.scope.desc(), MonthlySnapshot.scope_code)
    )
    return [
        SnapshotRow(
            month=r.month,
            scope=r.scope,
            scope_id=r.scope_id,
            code=r.scope_code,
            name=r.scope_name,
            site_id=r.site_id,
            figures=_figures(r),
            closed_at=r.updated_at,
        )
        for r in session.scalars(query)
    ]


def compare(
    session: Session, actor: Actor, month: str, previous: str | None = None
) -> list[Comparison]:
    """Each scope's figures in ``month`` beside ``previous`` (by default the month before)."""
    previous = previous or coverage.previous_month(month)
    now = {(r.scope, r.scope_id): r for r in snapshots(session, actor, month)}
    before = {(r.scope, r.scope_id): r for r in snapshots(session, actor, previous)}
    order = {scope: i for i, scope in enumerate(SCOPES)}
    keys = sorted(
        set(now) | set(before),
        key=lambda k: (order[k[0]], (now.get(k) or before[k]).code),
    )
    out = []
    for key in keys:
        a, b = now.get(key), before.get(key)
        ref = a or b
        assert ref is not None
        out.append(
            Comparison(
                scope=key[0],
                scope_id=key[1],
                code=ref.code,
                name=ref.name,
                current=a.figures if a else None,
                previous=b.figures if b else None,
            )
        )
    return out


def trend(
    session: Session,
    actor: Actor,
    *,
    scope: str = SCOPE_TOWNSHIP,
    scope_id: str = "",
    figure: str = SHARE,
    months: int = 12,
    last: str | None = None,
    clock: Clock = system_clock,
) -> list[TrendPoint]:
    """One figure over the last ``months`` months, oldest first; gaps where not closed."""
    if scope not in SCOPES:
        raise ValidationError("trend_choice_invalid", field="scope")
    if figure not in (*FIGURE_NAMES, SHARE):
        raise ValidationError("trend_choice_invalid", field="figure")
    last = last or coverage.month_of(coverage.local_today(clock.now()))
    wanted = coverage.month_range(last, months)
    rows = session.scalars(
        select(MonthlySnapshot).where(
            *_live(),  # type: ignore[arg-type]
            _visible(actor),  # type: ignore[arg-type]
            MonthlySnapshot.scope == scope,
            MonthlySnapshot.scope_id == scope_id,
            MonthlySnapshot.month.in_(wanted),
        )
    )
    values: dict[str, float] = {}
    for row in rows:
        f = _figures(row)
        values[row.month] = f.visited_share if figure == SHARE else float(getattr(f, figure))
    return [TrendPoint(m, values.get(m)) for m in wanted]
