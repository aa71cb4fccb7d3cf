"""The township's records, as typed SQLAlchemy 2.0 models.

Synced tables (everything a county must see) carry UUID keys, created/updated
by/at and a ``deleted`` tombstone (:class:`~desktop.store.base.Synced`).  They
have no unique constraint but their key: codes, user names and resident IDs are
kept unique by the services that write them, and two laptops that chose the same
one offline meet at the county as a ``duplicate`` conflict for a person to settle
(``desktop.sync.merge.DUPLICATE_FIELDS``), never as a package that cannot apply.  Local
tables (``settings``, ``changes``, ``drafts``, ``sync_*``) stay on the device.
Enumerated columns hold the values of ``desktop.domain.enums``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.store.base import DERIVED, Base, Synced, utcnow

# ---------------------------------------------------------------- local tables


class Setting(Base):
    """Key/value facts about this database: township, policy profile, device."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Change(Base):
    """The sync outbox and history: one recorded edit of one row.

    ``fields`` maps each changed column to ``[new, replaced]``.  ``seq`` is
    gap-free per device; ``hlc`` is the hybrid logical clock time.
    """

    __tablename__ = "changes"
    __table_args__ = (
        UniqueConstraint("device_id", "seq"),
        Index("ix_changes_row", "table_name", "row_id"),
        Index("ix_changes_hlc", "hlc"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[str | None] = mapped_column(String(36))
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))  # insert / update / delete
    fields: Mapped[dict[str, Any]]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class Draft(Base):
    """A half-filled form, autosaved so that a crash loses nothing."""

    __tablename__ = "drafts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(36))
    form: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str | None] = mapped_column(String(36))
    data: Mapped[dict[str, Any]]
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("user_id", "form", "record_id"),)


# ---------------------------------------------------------------- places


AREA_NAMESPACE = uuid.UUID("0f6a2c55-8b0e-4d8f-a3f1-5c2e9b7d4a13")


class Area(Synced, Base):
    """County, township or village/community, with its GB/T 2260 code.

    The key is made from the code (:meth:`key`): each township's set-up makes
    the county's area too, and every workstation must make the same record, or
    the townships' copies would clash on the code when the county relays them.
    """

    __tablename__ = "areas"
    code: Mapped[str] = mapped_column(String(12), index=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("areas.id"))

    @staticmethod
    def key(code: str) -> str:
        return str(uuid.uuid5(AREA_NAMESPACE, code))


class Site(Synced, Base):
    """A resettlement site (安置点/安置区)."""

    __tablename__ = "sites"
    area_id: Mapped[str] = mapped_column(ForeignKey("areas.id"))
    code: Mapped[str] = mapped_column(String(30), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200), default="")
    chief_name: Mapped[str] = mapped_column(String(50), default="")
    chief_phone: Mapped[str] = mapped_column(String(20), default="")
    facilities: Mapped[dict[str, Any]] = mapped_column(default=dict)

    grids: Mapped[list[Grid]] = relationship(back_populates="site")


MEMBERSHIP_NAMESPACE = uuid.UUID("8d3c1f0e-2a57-4f4e-9a3b-6e1d2c7b5a90")


class UserGrid(Synced, Base):
    """A user's right to a grid (网格成员): who looks after which grid.

    Synced, so every workstation of the township knows who may edit what.  The
    key is made from the pair, so the same grant made on two devices is one row;
    a revoked grant is a tombstone and a grant again clears it.
    """

    __tablename__ = "user_grids"
    __table_args__ = (Index("ix_user_grids_pair", "user_id", "grid_id"),)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    grid_id: Mapped[str] = mapped_column(ForeignKey("grids.id"), index=True)

    @staticmethod
    def key(user_id: str, grid_id: str) -> str:
        return str(uuid.uuid5(MEMBERSHIP_NAMESPACE, f"{user_id}/{grid_id}"))


# The table, for Core queries: filter on ``user_grids.c.deleted`` (revoked grants stay).
user_grids = cast(Table, UserGrid.__table__)


class Grid(Synced, Base):
    """The unit of care inside a site (网格)."""

    __tablename__ = "grids"
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id"))
    code: Mapped[str] = mapped_column(String(30), index=True)
    name: Mapped[str] = mapped_column(String(100))
    leader_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))

    site: Mapped[Site] = relationship(back_populates="grids")
    # Read only: grants are written through desktop.services.memberships.
    members: Mapped[list[User]] = relationship(
        secondary="user_grids",
        primaryjoin="and_(Grid.id == UserGrid.grid_id, UserGrid.deleted.is_(False))",
        secondaryjoin="User.id == UserGrid.user_id",
        viewonly=True,
    )


class Building(Synced, Base):
    """A block of flats (楼栋) with its leader (楼栋长), usually a resident."""

    __tablename__ = "buildings"
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id"))
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grids.id"), index=True)
    code: Mapped[str] = mapped_column(String(30), index=True)
    name: Mapped[str] = mapped_column(String(50))
    units: Mapped[int] = mapped_column(Integer, default=1)
    floors: Mapped[int] = mapped_column(Integer, default=6)
    leader_person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id", use_alter=True))


# ---------------------------------------------------------------- people


class Household(Synced, Base):
    """A relocated household (搬迁户)."""

    __tablename__ = "households"
    __table_args__ = (
        # Lets the list count and search (LIKE over search_text) read this narrow
        # index instead of the wide rows; grid members' lists seek by grid.  grid_id
        # leads so that "deleted = 0" alone never steers a sorted page away from the
        # index of its sort column.
        Index("ix_households_list", "grid_id", "deleted", "search_text"),
    )
    code: Mapped[str] = mapped_column(String(30), index=True)
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id"), index=True)
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grids.id"), index=True)
    building_id: Mapped[str | None] = mapped_column(ForeignKey("buildings.id"), index=True)
    unit: Mapped[str] = mapped_column(String(10), default="")
    room: Mapped[str] = mapped_column(String(10), default="")
    origin_village: Mapped[str] = mapped_column(String(100), default="")
    move_in_date: Mapped[date | None] = mapped_column(Date, index=True)
    # the day the keys of the new flat were handed over (Shanxi: 拿到钥匙超过半年未搬迁)
    keys_handed_on: Mapped[date | None] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(20), index=True)
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    monitoring: Mapped[str] = mapped_column(String(20), default="none", index=True)
    monitoring_since: Mapped[date | None] = mapped_column(Date)
    monitoring_reason: Mapped[str] = mapped_column(String(200), default="")
    monitoring_exit_date: Mapped[date | None] = mapped_column(Date)
    monitoring_exit_reason: Mapped[str] = mapped_column(String(200), default="")
    old_house_status: Mapped[str] = mapped_column(String(20), default="standing")
    old_house_hazard: Mapped[bool] = mapped_column(Boolean, default=False)
    old_house_demolished_on: Mapped[date | None] = mapped_column(Date)
    old_house_reclaimed_on: Mapped[date | None] = mapped_column(Date)
    old_house_note: Mapped[str] = mapped_column(String(200), default="")
    property_certificate: Mapped[bool] = mapped_column(Boolean, default=False)
    vegetable_plot: Mapped[bool] = mapped_column(Boolean, default=False)
    income_industry: Mapped[str] = mapped_column(String(100), default="")
    cadre_name: Mapped[str] = mapped_column(String(50), default="")
    cadre_phone: Mapped[str] = mapped_column(String(20), default="")
    # Denormalised for the list: the head's name and its pinyin keys, member count.
    head_name: Mapped[str] = mapped_column(String(50), default="", index=True, info=DERIVED)
    head_pinyin: Mapped[str] = mapped_column(String(200), default="", index=True, info=DERIVED)
    member_count: Mapped[int] = mapped_column(Integer, default=0, index=True, info=DERIVED)
    # Names, pinyin, IDs, phones and flat of all members: see desktop/domain/search.py.
    search_text: Mapped[str] = mapped_column(Text, default="", info=DERIVED)

    members: Mapped[list[Person]] = relationship(
        back_populates="household", order_by="Person.sort_order"
    )


class Person(Synced, Base):
    """A household member (家庭成员), one card per person (一人一卡)."""

    __tablename__ = "persons"
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(50))
    name_pinyin: Mapped[str] = mapped_column(String(200), default="", index=True, info=DERIVED)
    name_initials: Mapped[str] = mapped_column(String(50), default="", index=True, info=DERIVED)
    # Data, not a key: duplicates are possible across devices and go to review.
    resident_id: Mapped[str] = mapped_column(String(18), index=True)
    relation: Mapped[str] = mapped_column(String(20))
    ethnicity: Mapped[str] = mapped_column(String(20), default="汉族")
    education: Mapped[str] = mapped_column(String(20), default="")
    health: Mapped[str] = mapped_column(String(20), default="healthy")
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    labour: Mapped[str] = mapped_column(String(20), default="none")
    schooling: Mapped[str] = mapped_column(String(20), default="not_in_school")
    employment: Mapped[str] = mapped_column(String(20), default="not_applicable")
    employment_place: Mapped[str] = mapped_column(String(20), default="")
    employer: Mapped[str] = mapped_column(String(100), default="")
    monthly_income: Mapped[int] = mapped_column(Integer, default=0)  # whole yuan
    employed_since: Mapped[date | None] = mapped_column(Date)
    skills: Mapped[str] = mapped_column(String(200), default="")
    training_wish: Mapped[str] = mapped_column(String(200), default="")
    medical_insurance: Mapped[bool] = mapped_column(Boolean, default=True)
    pension_insurance: Mapped[bool] = mapped_column(Boolean, default=False)
    dibao: Mapped[bool] = mapped_column(Boolean, default=False)
    tekun: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    # SpecialGroup values recorded by hand (返乡劳动力, 高校毕业生...); the groups that
    # follow from other columns are computed: desktop/domain/special_groups.py
    special_groups: Mapped[list[Any]] = mapped_column(default=list)

    household: Mapped[Household] = relationship(back_populates="members")


# ---------------------------------------------------------------- accounts


class User(Synced, Base):
    """A local account.  Grid members see only their grids."""

    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(50), index=True)
    display_name: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str] = mapped_column(String(20), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]

    # Read only: grants are written through desktop.services.memberships.
    grids: Mapped[list[Grid]] = relationship(
        secondary="user_grids",
        primaryjoin="and_(User.id == UserGrid.user_id, UserGrid.deleted.is_(False))",
        secondaryjoin="Grid.id == UserGrid.grid_id",
        viewonly=True,
    )


class Device(Synced, Base):
    """An enrolled workstation, its public keys and township scope."""

    __tablename__ = "devices"
    name: Mapped[str] = mapped_column(String(100))
    township_code: Mapped[str] = mapped_column(String(12))
    sign_public_key: Mapped[str] = mapped_column(Text, default="")
    box_public_key: Mapped[str] = mapped_column(Text, default="")
    enrolled_at: Mapped[datetime | None]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


# ---------------------------------------------------------------- care


class Visit(Synced, Base):
    """A dated contact with a household (走访)."""

    __tablename__ = "visits"
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    # 两不愁三保障 + 饮水安全: item -> {"ok": bool, "note": str}
    checklist: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # income by source for the year, whole yuan: wages, business, property, transfers
    income: Mapped[dict[str, Any]] = mapped_column(default=dict)
    income_per_head: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[list[Any]] = mapped_column(default=list)
    # what changed since the last visit: [{"person_id", "field", "before", "after"}]
    changes: Mapped[list[Any]] = mapped_column(default=list)
    # swings flagged for a second look: [{"code": "income_drop" | "job_lost", ...}]
    alerts: Mapped[list[Any]] = mapped_column(default=list)


class WorkOrder(Synced, Base):
    """A resident's request (诉求工单) under the three-three rule."""

    __tablename__ = "work_orders"
    code: Mapped[str] = mapped_column(String(30), index=True)
    household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"), index=True)
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grids.id"), index=True)
    caller_name: Mapped[str] = mapped_column(String(50), default="")
    caller_phone: Mapped[str] = mapped_column(String(20), default="")
    category: Mapped[str] = mapped_column(String(30), index=True)
    source: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(String(100), default="")
    needs_site_visit: Mapped[bool] = mapped_column(Boolean, default=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), index=True)
    handler_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    received_at: Mapped[datetime] = mapped_column(index=True)
    respond_due: Mapped[datetime | None] = mapped_column(info=DERIVED)
    arrive_due: Mapped[datetime | None] = mapped_column(info=DERIVED)
    resolve_due: Mapped[datetime | None] = mapped_column(info=DERIVED)
    responded_at: Mapped[datetime | None]
    arrived_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str] = mapped_column(Text, default="")
    followed_up_at: Mapped[datetime | None]
    satisfaction: Mapped[str] = mapped_column(String(20), default="")
    escalation_level: Mapped[int] = mapped_column(Integer, default=0, info=DERIVED)
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    linked_order_id: Mapped[str | None] = mapped_column(ForeignKey("work_orders.id"))
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"))
    # resolved / answered, kept after the follow-up so figures count them apart
    outcome: Mapped[str] = mapped_column(String(20), default="")
    # received_at, or the reopening time after an unsatisfied follow-up
    clock_start: Mapped[datetime | None]
    last_step_at: Mapped[datetime | None] = mapped_column(info=DERIVED)
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    # the deadline the order now races, so the list sorts by urgency in SQL
    next_stage: Mapped[str] = mapped_column(String(20), default="", info=DERIVED)
    next_due: Mapped[datetime | None] = mapped_column(index=True, info=DERIVED)
    next_warn_at: Mapped[datetime | None] = mapped_column(info=DERIVED)
    deadline_provisional: Mapped[bool] = mapped_column(Boolean, default=False, info=DERIVED)
    escalated_at: Mapped[datetime | None] = mapped_column(info=DERIVED)
    department: Mapped[str] = mapped_column(String(100), default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("work_orders.id"))
    extension_state: Mapped[str] = mapped_column(String(20), default="")
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    extension_reason: Mapped[str] = mapped_column(Text, default="")


class WorkOrderEvent(Synced, Base):
    """One step in a work order's life, with who, when and the device's clock."""

    __tablename__ = "work_order_events"
    order_id: Mapped[str] = mapped_column(ForeignKey("work_orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime]
    device_time: Mapped[datetime]
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Attachment(Synced, Base):
    """A file of the household's record (一户一档): a photo of the demolition or the
    reclaimed land, a scan of the 双签协议 or of the property certificate.

    The file is stored under the SHA-256 of its bytes (``<hash>.jpg`` or
    ``<hash>.pdf``, beside the work orders' photos) and named in ``file_name``,
    so sync carries it like an arrival photo and never twice.
    """

    __tablename__ = "attachments"
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # desktop.domain.enums.AttachmentKind
    dated: Mapped[date] = mapped_column(Date)  # the day it shows (taken, signed, issued)
    title: Mapped[str] = mapped_column(String(200), default="")
    file_name: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(Integer, default=0)


class AuditEvent(Synced, Base):
    """One entry of the audit log: who logged in (or failed to), exported, printed,
    imported, enrolled or synced, when, from where (the GUI or the command line).

    Synced, so the county holds every workstation's log (网络安全法 art. 21: at
    least six months); never edited and never deleted by Anju
    (:mod:`desktop.services.audit`).  ``detail`` says what was done in numbers and
    kinds (a ledger's kind and row count, a file's name), never whose data.
    """

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_at", "at"),)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(30))
    # no foreign key: a failed login may name no account at all
    user_id: Mapped[str | None] = mapped_column(String(36))
    username: Mapped[str] = mapped_column(String(50), default="")
    via: Mapped[str] = mapped_column(String(10), default="gui")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


SYNCED_MODELS: tuple[type[Base], ...] = (
    Area,
    Site,
    Grid,
    Building,
    Household,
    Person,
    User,
    Device,
    UserGrid,
    Visit,
    WorkOrder,
    WorkOrderEvent,
    Attachment,
    AuditEvent,
)

# Sync bookkeeping (row clocks, peers, packages, conflicts, receipts): local tables;
# survey records: employment services ("311"), monitoring history (synced).
from desktop.store import models_survey as models_survey  # noqa: E402
from desktop.store import models_sync as models_sync  # noqa: E402

SYNCED_MODELS = (
    *SYNCED_MODELS,
    models_survey.EmploymentService,
    models_survey.MonitoringPeriod,
    models_survey.MonitoringMeasure,
)

# Grid management: the monthly snapshot of the coverage board.
from desktop.store import models_grids as models_grids  # noqa: E402

SYNCED_MODELS = (*SYNCED_MODELS, models_grids.MonthlySnapshot)

# Rules the county publishes (policy override, holiday tables), carried down by sync.
from desktop.store import models_published as models_published  # noqa: E402

SYNCED_MODELS = (*SYNCED_MODELS, models_published.PublishedRule)

# Registers beside the households: the job menu, site assets, projects and workshops.
from desktop.store import models_registers as models_registers  # noqa: E402

SYNCED_MODELS = (
    *SYNCED_MODELS,
    models_registers.JobVacancy,
    models_registers.SiteAsset,
    models_registers.SupportProject,
)
