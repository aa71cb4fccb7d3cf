"""Grid management records: the monthly snapshot of the coverage board."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced


class MonthlySnapshot(Synced, Base):
    """The board's figures for one month, per township, site or grid (一月一更新).

    Kept as figures, not recomputed: a household moved or a visit entered late
    must not rewrite what the township reported for a closed month.  Synced, so
    the county sees every township's months.  One live row per (month, scope,
    scope_id) is kept by the service rather than a unique constraint, so that a
    month closed again on another device merges as an edit instead of failing.
    """

    __tablename__ = "monthly_snapshots"
    __table_args__ = (Index("ix_monthly_snapshots_month_scope", "month", "scope", "scope_id"),)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    scope: Mapped[str] = mapped_column(String(10))  # township / site / grid
    scope_id: Mapped[str] = mapped_column(String(36), default="")  # "" for the township
    scope_code: Mapped[str] = mapped_column(String(30), default="")
    scope_name: Mapped[str] = mapped_column(String(100), default="")
    site_id: Mapped[str] = mapped_column(String(36), default="")
    households: Mapped[int] = mapped_column(Integer, default=0)
    persons: Mapped[int] = mapped_column(Integer, default=0)
    labourers: Mapped[int] = mapped_column(Integer, default=0)
    employed: Mapped[int] = mapped_column(Integer, default=0)
    zero_employment: Mapped[int] = mapped_column(Integer, default=0)
    monitored: Mapped[int] = mapped_column(Integer, default=0)
    visited: Mapped[int] = mapped_column(Integer, default=0)
    open_orders: Mapped[int] = mapped_column(Integer, default=0)
    overdue_orders: Mapped[int] = mapped_column(Integer, default=0)
    old_house_overdue: Mapped[int] = mapped_column(Integer, default=0)


# Covering indexes for the coverage board's aggregates: each lets SQLite count from
# the index alone instead of visiting 50 000 person rows (about 4x faster on a
# county-sized township, see tests/bench/bench_board.py).
from desktop.store.models import Person, Visit, WorkOrder  # noqa: E402

Index("ix_persons_coverage", Person.household_id, Person.deleted, Person.labour, Person.employment)
Index("ix_visits_coverage", Visit.household_id, Visit.deleted, Visit.visited_on)
Index(
    "ix_work_orders_coverage",
    WorkOrder.status,
    WorkOrder.deleted,
    WorkOrder.grid_id,
    WorkOrder.household_id,
    WorkOrder.resolve_due,
)
