"""The county's tables: records as JSON per township, the change log, devices.

The county keeps records generically (one row per synced record, its values as
JSON) rather than in the township schema: townships each have an ``admin``
account and their own household codes, so the township tables' unique keys do
not hold county-wide, and the county needs no migration when a township's
schema gains a column.  That JSON store stays the truth of sync.

Beside it, for people and their tools: typed reporting tables (``rpt_*``, see
:mod:`server.reporting`) kept current by every import and county edit, the
county's web accounts and their sessions, and the hotline requests the 12345
desk handed down.  The schema is Alembic's (``server/migrations``), upgraded by
every ``anju-county`` command (:mod:`server.migrate`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desktop.store.base import NAMING_CONVENTION, UTCDateTime, utcnow


class CountyBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - read by SQLAlchemy
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class CountySetting(CountyBase):
    """County id and code, and the county's private keys (the server's own storage)."""

    __tablename__ = "county_settings"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CountyDevice(CountyBase):
    """An enrolled township workstation and where its two streams stand."""

    __tablename__ = "county_devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    township_code: Mapped[str] = mapped_column(String(12), index=True)
    sign_public_key: Mapped[str] = mapped_column(Text)
    box_public_key: Mapped[str] = mapped_column(Text)
    revoked: Mapped[bool] = mapped_column(default=False)
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)
    received_upto: Mapped[int] = mapped_column(Integer, default=0)  # its changes applied here
    acked_upto: Mapped[int] = mapped_column(BigInteger, default=0)  # our log it has applied
    receipts_upto: Mapped[int] = mapped_column(Integer, default=0)
    last_seen_at: Mapped[datetime | None]
    # how far its last package was dated after the county received it, in seconds (a
    # clock running ahead by at least that much); told back in the county's packages
    clock_ahead_s: Mapped[float | None]
    clock_note_of: Mapped[int] = mapped_column(Integer, default=0)  # that package's last seq
    # a lost or stolen laptop: when, why and by whom it was revoked (its packages are
    # refused from then on)
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    revoked_by: Mapped[str] = mapped_column(String(50), default="", server_default="")


class CountyEnrolment(CountyBase):
    """A single-use enrolment for one township (only the token's hash is kept)."""

    __tablename__ = "county_enrolments"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    township_code: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100))
    # The laptop's number in its township (1, 2, ...): the codes it gives offline carry
    # it, so two laptops never give one code (desktop.services.township.code_block).
    laptop_no: Mapped[int] = mapped_column(Integer, default=0)
    # the policy profile the township was set up with (the county's figures use it)
    profile: Mapped[str] = mapped_column(String(50), default="default", server_default="default")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]
    device_id: Mapped[str | None] = mapped_column(String(36))


class CountyChange(CountyBase):
    """The full change history; ``pos`` orders the county's stream to the devices."""

    __tablename__ = "county_changes"
    __table_args__ = (
        UniqueConstraint("device_id", "seq"),
        Index("ix_county_changes_township_pos", "township_code", "pos"),
    )
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    pos: Mapped[int] = mapped_column(BigInteger, unique=True)
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[str | None] = mapped_column(String(36))
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))
    fields: Mapped[dict[str, Any]]
    township_code: Mapped[str | None] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(10))  # applied / conflict / rejected
    reason: Mapped[str] = mapped_column(String(100), default="")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class CountyRecord(CountyBase):
    """One synced record, its values and per-field stamps, and its township."""

    __tablename__ = "county_records"
    table_name: Mapped[str] = mapped_column(String(50), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    township_code: Mapped[str | None] = mapped_column(String(12), index=True)
    values: Mapped[dict[str, Any]]
    stamps: Mapped[dict[str, Any]]
    dup_key: Mapped[str | None] = mapped_column(String(80), index=True)
    # the household a member, visit or order belongs to: the county checks a household's
    # members together (one head each)
    owner_id: Mapped[str | None] = mapped_column(String(36), index=True)


class CountyConflict(CountyBase):
    """The same conflict records the devices keep (see desktop.store.models_sync)."""

    __tablename__ = "county_conflicts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(50))
    township_code: Mapped[str | None] = mapped_column(String(12))
    data: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(10), default="open")
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)


class CountyHeld(CountyBase):
    """A verified package that came after a gap in its device's stream."""

    __tablename__ = "county_held"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class CountyParked(CountyBase):
    """A device's change that names a record the county does not hold (yet): kept out of
    the log, so no device ever receives a row whose parent it cannot have, and applied
    (and relayed) once the record it waits for arrives."""

    __tablename__ = "county_parked"
    __table_args__ = (UniqueConstraint("device_id", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    township_code: Mapped[str] = mapped_column(String(12), index=True)
    row_key: Mapped[str] = mapped_column(String(100), index=True)  # its own "table:row id"
    change: Mapped[list[Any]]
    waiting_for: Mapped[str] = mapped_column(String(100))  # "table:row id"
    parked_at: Mapped[datetime] = mapped_column(default=utcnow)


class CountyBlob(CountyBase):
    """A photo, by the SHA-256 name of its bytes: kept once however often it is named."""

    __tablename__ = "county_blobs"
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


# ---------------------------------------------------------------- the web workspace


class CountyAccount(CountyBase):
    """A county staff account for the web workspace (server.accounts): Argon2id, lockout."""

    __tablename__ = "county_accounts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(20))  # admin / viewer / desk
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CountyWebSession(CountyBase):
    """A signed-in browser (Django's session data, kept here so a restart or a second
    server process keeps it and signing out ends it everywhere)."""

    __tablename__ = "county_web_sessions"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    expire_at: Mapped[datetime] = mapped_column(index=True)


class CountyHotline(CountyBase):
    """A 12345 request the desk handed to a township: the work order it became (carried
    by sync like any county edit) and who took it, with the hotline's own number."""

    __tablename__ = "county_hotline"
    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    township_code: Mapped[str] = mapped_column(String(12), index=True)
    ticket: Mapped[str] = mapped_column(String(40), default="")
    taken_by: Mapped[str] = mapped_column(String(50), default="")
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)


# ---------------------------------------------------------------- reporting tables
#
# Typed copies of the synced records, one row per live record, rebuilt row by row from
# county_records after every import and county edit (server.reporting).  Derived values
# (a household's head and member counts, an order's deadlines) are computed here with
# the township's rules, as each laptop computes them.  A county's own BI tool may read
# these tables; nothing writes them but server.reporting.


class RptArea(CountyBase):
    __tablename__ = "rpt_areas"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(12), index=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))


class RptSite(CountyBase):
    __tablename__ = "rpt_sites"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    township_code: Mapped[str] = mapped_column(String(12), index=True)
    code: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))


class RptGrid(CountyBase):
    __tablename__ = "rpt_grids"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    township_code: Mapped[str] = mapped_column(String(12), index=True)
    site_id: Mapped[str] = mapped_column(String(36), index=True)
    code: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(100))


class RptHousehold(CountyBase):
    __tablename__ = "rpt_households"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    township_code: Mapped[str] = mapped_column(String(12), index=True)
    site_id: Mapped[str] = mapped_column(String(36), index=True)
    grid_id: Mapped[str | None] = mapped_column(String(36), index=True)
    code: Mapped[str] = mapped_column(String(30))
    head_name: Mapped[str] = mapped_column(String(50), default="")
    unit: Mapped[str] = mapped_column(String(10), default="")
    room: Mapped[str] = mapped_column(String(10), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    category: Mapped[str] = mapped_column(String(20), default="")
    move_in_date: Mapped[date | None] = mapped_column(Date)
    monitoring: Mapped[str] = mapped_column(String(20), default="none")
    old_house_status: Mapped[str] = mapped_column(String(20), default="standing")
    old_house_hazard: Mapped[bool] = mapped_column(Boolean, default=False)
    old_house_demolished_on: Mapped[date | None] = mapped_column(Date)
    persons: Mapped[int] = mapped_column(Integer, default=0)
    labourers: Mapped[int] = mapped_column(Integer, default=0)
    employed: Mapped[int] = mapped_column(Integer, default=0)  # labourers in work
    in_work: Mapped[int] = mapped_column(Integer, default=0)  # members in work
    zero_employment: Mapped[bool] = mapped_column(Boolean, default=False)


class RptPerson(CountyBase):
    __tablename__ = "rpt_persons"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    township_code: Mapped[str] = mapped_column(String(12), index=True)
    household_id: Mapped[str] = mapped_column(String(36), index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(50))
    resident_id: Mapped[str] = mapped_column(String(18))
    relation: Mapped[str] = mapped_column(String(20))
    labour: Mapped[str] = mapped_column(String(20), default="none")
    employment: Mapped[str] = mapped_column(String(20), default="")
    monthly_income: Mapped[int] = mapped_column(Integer, default=0)


class RptVisit(CountyBase):
    __tablename__ = "rpt_visits"
    __table_args__ = (Index("ix_rpt_visits_household_day", "household_id", "visited_on"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    township_code: Mapped[str] = mapped_column(String(12), index=True)
    household_id: Mapped[str] = mapped_column(String(36))
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20), default="")


class RptWorkOrder(CountyBase):
    __tablename__ = "rpt_work_orders"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    township_code: Mapped[str] = mapped_column(String(12), index=True)
    site_id: Mapped[str | None] = mapped_column(String(36), index=True)
    grid_id: Mapped[str | None] = mapped_column(String(36), index=True)
    household_id: Mapped[str | None] = mapped_column(String(36), index=True)
    code: Mapped[str] = mapped_column(String(30))
    category: Mapped[str] = mapped_column(String(30))
    source: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    caller_name: Mapped[str] = mapped_column(String(50), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_site_visit: Mapped[bool] = mapped_column(Boolean, default=True)
    received_at: Mapped[datetime] = mapped_column(index=True)
    respond_due: Mapped[datetime | None]
    arrive_due: Mapped[datetime | None]
    resolve_due: Mapped[datetime | None]
    responded_at: Mapped[datetime | None]
    arrived_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    next_stage: Mapped[str] = mapped_column(String(20), default="")
    next_due: Mapped[datetime | None] = mapped_column(index=True)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


class RptOrderEvent(CountyBase):
    """An order's timeline, what its clock reads (extensions, escalations)."""

    __tablename__ = "rpt_order_events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime]
    data: Mapped[dict[str, Any]]
