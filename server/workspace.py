"""What the county workspace and ``anju-county devices`` list: laptops, publications, conflicts
and the 12345 desk's requests.  Plain queries returning small frozen dataclasses; no web
framework here, so the command line shows the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from server.county import COUNTY_WIDE_TABLES
from server.models import (
    CountyChange,
    CountyConflict,
    CountyDevice,
    CountyEnrolment,
    CountyHeld,
    CountyHotline,
    CountyRecord,
    RptHousehold,
    RptWorkOrder,
)

# ---------------------------------------------------------------- devices


@dataclass(frozen=True)
class DeviceRow:
    id: str
    name: str
    township_code: str
    laptop_no: int
    enrolled_at: datetime
    last_seen_at: datetime | None
    received_upto: int  # the last change of its stream the county applied
    pending: int  # county changes for its township it has not acknowledged
    held: int  # its packages waiting for a gap to be filled
    revoked: bool
    revoked_at: datetime | None
    revoked_reason: str
    revoked_by: str


def devices(session: Session) -> list[DeviceRow]:
    last = int(session.scalar(select(func.max(CountyChange.pos))) or 0)
    numbers = dict(
        session.execute(
            select(CountyEnrolment.device_id, CountyEnrolment.laptop_no).where(
                CountyEnrolment.device_id.is_not(None)
            )
        ).all()
    )
    held = dict(
        session.execute(
            select(CountyHeld.device_id, func.count()).group_by(CountyHeld.device_id)
        ).all()
    )
    out = []
    for d in session.scalars(
        select(CountyDevice).order_by(CountyDevice.township_code, CountyDevice.enrolled_at)
    ):
        pending = 0
        if not d.revoked and d.acked_upto < last:
            pending = int(
                session.scalar(
                    select(func.count())
                    .select_from(CountyChange)
                    .where(
                        or_(
                            CountyChange.township_code == d.township_code,
                            and_(
                                CountyChange.township_code.is_(None),
                                CountyChange.table_name.in_(COUNTY_WIDE_TABLES),
                            ),
                        ),
                        CountyChange.pos > d.acked_upto,
                        CountyChange.device_id != d.id,
                        CountyChange.status != "rejected",
                    )
                )
                or 0
            )
        out.append(
            DeviceRow(
                id=d.id,
                name=d.name,
                township_code=d.township_code,
                laptop_no=int(numbers.get(d.id) or 0),
                enrolled_at=d.enrolled_at,
                last_seen_at=d.last_seen_at,
                received_upto=d.received_upto,
                pending=pending,
                held=int(held.get(d.id, 0)),
                revoked=d.revoked,
                revoked_at=d.revoked_at,
                revoked_reason=d.revoked_reason,
                revoked_by=d.revoked_by,
            )
        )
    return out


# ---------------------------------------------------------------- publications


@dataclass(frozen=True)
class Publication:
    id: str
    kind: str
    township_code: str | None
    published_at: str
    content: str
    # per township: laptops that acknowledged the package carrying it / laptops in use
    applied: dict[str, tuple[int, int]]


def publications(session: Session) -> list[Publication]:
    """Every publication, newest first, and per township how many of its laptops have
    received it (acknowledged the county's log past it: a laptop applies a package whole,
    so a received rule is an applied one)."""
    rows = session.execute(
        select(CountyRecord.row_id, CountyRecord.values).where(
            CountyRecord.table_name == "published_rules"
        )
    ).all()
    positions = dict(
        session.execute(
            select(CountyChange.row_id, func.min(CountyChange.pos))
            .where(CountyChange.table_name == "published_rules")
            .group_by(CountyChange.row_id)
        ).all()
    )
    laptops = session.execute(
        select(CountyDevice.township_code, CountyDevice.acked_upto).where(
            CountyDevice.revoked.is_(False)
        )
    ).all()
    out = []
    for row_id, v in rows:
        scope = v.get("township_code")
        pos = int(positions.get(row_id) or 0)
        applied: dict[str, list[int]] = {}
        for township, acked in laptops:
            if scope is not None and township != scope:
                continue
            counts = applied.setdefault(township, [0, 0])
            counts[1] += 1
            if acked >= pos:
                counts[0] += 1
        out.append(
            Publication(
                id=row_id,
                kind=str(v.get("kind")),
                township_code=scope,
                published_at=str(v.get("published_at") or ""),
                content=str(v.get("content") or ""),
                applied={t: (a, n) for t, (a, n) in sorted(applied.items())},
            )
        )
    return sorted(out, key=lambda p: p.published_at, reverse=True)


# ---------------------------------------------------------------- conflicts


@dataclass(frozen=True)
class ConflictRow:
    id: str
    township_code: str | None
    kind: str
    table_name: str
    row_id: str
    field: str
    record: str  # what the record is, in words (a household's code and head...)
    data: dict[str, Any]
    detected_at: datetime


def _describe(session: Session, table: str, row_id: str) -> str:
    record = session.get(CountyRecord, (table, row_id))
    if record is None:
        return row_id[:8]
    v = record.values
    for key in ("code", "name", "username", "resident_id"):
        if v.get(key):
            return str(v[key])
    return row_id[:8]


def open_conflicts(session: Session, township: str | None = None) -> list[ConflictRow]:
    query = select(CountyConflict).where(CountyConflict.status == "open")
    if township is not None:
        query = query.where(CountyConflict.township_code == township)
    return [
        ConflictRow(
            c.id,
            c.township_code,
            c.kind,
            c.table_name,
            c.row_id,
            c.field,
            _describe(session, c.table_name, c.row_id),
            dict(c.data or {}),
            c.detected_at,
        )
        for c in session.scalars(
            query.order_by(CountyConflict.township_code, CountyConflict.detected_at)
        )
    ]


# ---------------------------------------------------------------- the 12345 desk


@dataclass(frozen=True)
class HotlineRow:
    order_id: str
    code: str
    township_code: str
    ticket: str
    taken_by: str
    taken_at: datetime
    category: str
    description: str
    status: str
    household_code: str
    next_stage: str
    next_due: datetime | None
    respond_due: datetime | None
    arrive_due: datetime | None
    resolve_due: datetime | None
    closed: bool

    def overdue(self, now: datetime) -> bool:
        return not self.closed and self.next_due is not None and self.next_due < now


def hotline_requests(session: Session, *, overdue_at: datetime | None = None) -> list[HotlineRow]:
    """The requests the desk handed down, newest first, with their state as the township
    works it (from the reporting tables); ``overdue_at``: only those overdue then."""
    o = RptWorkOrder
    query = (
        select(CountyHotline, o, RptHousehold.code)
        .join(o, o.id == CountyHotline.order_id)
        .outerjoin(RptHousehold, RptHousehold.id == o.household_id)
        .order_by(CountyHotline.taken_at.desc())
    )
    if overdue_at is not None:
        query = query.where(o.closed.is_(False), o.next_due < overdue_at)
    return [
        HotlineRow(
            order_id=h.order_id,
            code=w.code,
            township_code=h.township_code,
            ticket=h.ticket,
            taken_by=h.taken_by,
            taken_at=h.taken_at,
            category=w.category,
            description=w.description,
            status=w.status,
            household_code=code or "",
            next_stage=w.next_stage,
            next_due=w.next_due,
            respond_due=w.respond_due,
            arrive_due=w.arrive_due,
            resolve_due=w.resolve_due,
            closed=w.closed,
        )
        for h, w, code in session.execute(query)
    ]
