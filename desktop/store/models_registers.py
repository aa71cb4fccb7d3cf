"""Registers the documents ask for beside the households: the job menu
(就业岗位菜单), the site assets (商铺、车库、农贸市场… 资产台账) and the follow-up
projects and workshops (后续扶持项目、帮扶车间) with the jobs they provide.

All three travel in sync (the county keeps them in its 一县一库).  Each row has
a code people write on paper and in ledgers; a ledger imported again finds its
rows by that code.  No unique constraint on it: two laptops may give one code
offline, and a package must never be refused for that (the service keeps one
live row per code).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced


class JobVacancy(Synced, Base):
    """One job on the site's job menu (就业岗位菜单)."""

    __tablename__ = "job_vacancies"
    __table_args__ = (Index("ix_job_vacancies_code", "code"),)
    code: Mapped[str] = mapped_column(String(30))
    site_id: Mapped[str | None] = mapped_column(ForeignKey("sites.id"))
    employer: Mapped[str] = mapped_column(String(100))
    position: Mapped[str] = mapped_column(String(100))
    openings: Mapped[int] = mapped_column(Integer, default=1)
    monthly_wage: Mapped[int] = mapped_column(Integer, default=0)  # whole yuan
    place: Mapped[str] = mapped_column(String(100), default="")
    contact: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    posted_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class SiteAsset(Synced, Base):
    """A fixed asset of a site: a shop front, a garage, a market stall, a workshop building."""

    __tablename__ = "site_assets"
    __table_args__ = (Index("ix_site_assets_code", "code"),)
    code: Mapped[str] = mapped_column(String(30))
    site_id: Mapped[str | None] = mapped_column(ForeignKey("sites.id"))
    kind: Mapped[str] = mapped_column(String(20))  # desktop.domain.enums.AssetKind
    name: Mapped[str] = mapped_column(String(100))
    area: Mapped[int] = mapped_column(Integer, default=0)  # square metres
    in_use: Mapped[bool] = mapped_column(Boolean, default=False)  # 已盘活 (let or used)
    user: Mapped[str] = mapped_column(String(100), default="")  # who uses or rents it
    yearly_income: Mapped[int] = mapped_column(Integer, default=0)  # whole yuan
    note: Mapped[str] = mapped_column(Text, default="")


class SupportProject(Synced, Base):
    """A follow-up industry project, a help workshop (帮扶车间) or base, with its jobs."""

    __tablename__ = "support_projects"
    __table_args__ = (Index("ix_support_projects_code", "code"),)
    code: Mapped[str] = mapped_column(String(30))
    site_id: Mapped[str | None] = mapped_column(ForeignKey("sites.id"))
    kind: Mapped[str] = mapped_column(String(20))  # desktop.domain.enums.ProjectKind
    name: Mapped[str] = mapped_column(String(100))
    operator: Mapped[str] = mapped_column(String(100), default="")
    started_on: Mapped[date | None] = mapped_column(Date)
    investment: Mapped[int] = mapped_column(Integer, default=0)  # whole yuan
    jobs: Mapped[int] = mapped_column(Integer, default=0)  # jobs it provides
    relocated_jobs: Mapped[int] = mapped_column(Integer, default=0)  # held by relocated people
    note: Mapped[str] = mapped_column(Text, default="")
