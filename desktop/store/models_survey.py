"""Survey records beside the household: employment services ("311"), the
history of monitored categories with their risk types, and the assistance
measures taken while monitored.

Both travel in sync packages (the county keeps the 一县一库 ledger), so they are
:class:`~desktop.store.base.Synced`.  The household row keeps only the current
monitored category; this history keeps every entry and exit with dates and
reasons, which the monitoring ledger asks for.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced


class EmploymentService(Synced, Base):
    """One employment service given to a labourer: a job offer, career guidance
    or free-training information (Chenzhou's "311")."""

    __tablename__ = "employment_services"
    __table_args__ = (Index("ix_employment_services_person_day", "person_id", "service_date"),)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"))
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # desktop.domain.five_ones.ServiceKind
    service_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class MonitoringPeriod(Synced, Base):
    """A stretch of time a household spent in one monitored category."""

    __tablename__ = "monitoring_periods"
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    category: Mapped[str] = mapped_column(String(20))  # MonitoringCategory
    entered_on: Mapped[date] = mapped_column(Date)
    entry_reason: Mapped[str] = mapped_column(String(200))
    exited_on: Mapped[date | None] = mapped_column(Date)
    exit_reason: Mapped[str] = mapped_column(String(200), default="")
    # RiskType values (风险类型), and the income per head (元/年) measured when it entered
    risk_types: Mapped[list[Any]] = mapped_column(default=list)
    income_per_head: Mapped[int | None] = mapped_column(Integer)


class MonitoringMeasure(Synced, Base):
    """One assistance measure taken for a monitored household (帮扶措施), with its date."""

    __tablename__ = "monitoring_measures"
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    period_id: Mapped[str | None] = mapped_column(ForeignKey("monitoring_periods.id"))
    kind: Mapped[str] = mapped_column(String(30))  # MeasureKind
    taken_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
