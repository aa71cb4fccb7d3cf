"""Declarative base, naming convention and shared column types."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from sqlalchemy import JSON, Boolean, DateTime, MetaData, String, TypeDecorator, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


# How far this computer's clock runs ahead of the county's (negative: behind), as last
# measured by a sync (desktop.sync.skew): every time this program writes is read from
# the computer's clock corrected by it, so a laptop whose clock is two days slow neither
# dates its steps before the orders it answers nor makes new orders look two days
# overdue.  Zero until a sync has measured it.  One value for the process (a laptop runs
# one program); a thread may stand for another computer (:func:`as_computer`), which is
# how tests run several laptops and a county in one process.
def _computer_clock() -> datetime:
    return datetime.now(UTC)


_clock_offset = timedelta(0)
_system_clock: Callable[[], datetime] = _computer_clock
_thread = threading.local()


def set_clock_offset(seconds: float) -> None:
    global _clock_offset
    if getattr(_thread, "offset", None) is not None:
        _thread.offset = timedelta(seconds=seconds)
    else:
        _clock_offset = timedelta(seconds=seconds)


def clock_offset() -> timedelta:
    local = getattr(_thread, "offset", None)
    return _clock_offset if local is None else local


def set_system_clock(read: Callable[[], datetime] | None) -> None:
    """Read "the computer's clock" from ``read`` (None: the real one), for the process."""
    global _system_clock
    _system_clock = read or _computer_clock


@contextmanager
def as_computer(read: Callable[[], datetime], offset: float = 0.0) -> Iterator[None]:
    """This thread stands for another computer: its clock is ``read`` and its offset from
    the county's ``offset``, until the block ends (nested blocks restore the outer one)."""
    before = (getattr(_thread, "clock", None), getattr(_thread, "offset", None))
    _thread.clock, _thread.offset = read, timedelta(seconds=offset)
    try:
        yield
    finally:
        _thread.clock, _thread.offset = before


def process_now() -> datetime:
    """The process's computer clock, whatever computer this thread stands for."""
    return _system_clock()


def system_now() -> datetime:
    """The computer's own clock, uncorrected."""
    local = getattr(_thread, "clock", None)
    return (local or _system_clock)()


def utcnow() -> datetime:
    """Now, in UTC, by this computer's clock corrected to the county's."""
    return system_now() - clock_offset()


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


# ``mapped_column(..., info=DERIVED)``: a column computed from other records on every node
# (search keys, counts, head names, deadlines, escalation levels).  Capture never records it,
# a received change never sets it, and after every import the node computes it again
# (:mod:`desktop.sync.derive`); so it never travels and is never offered for review.
DERIVED: dict[str, object] = {"derived": True}


def is_derived(column: object) -> bool:
    return bool(getattr(column, "info", {}).get("derived"))


UUIDKey = Annotated[str, mapped_column(String(36), primary_key=True, default=new_id)]
Timestamp = Annotated[datetime, mapped_column(UTCDateTime())]
Str20 = Annotated[str, mapped_column(String(20))]
Str50 = Annotated[str, mapped_column(String(50))]
Str200 = Annotated[str, mapped_column(String(200))]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads it as a class attribute
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class Synced:
    """Columns of every table that travels in sync packages.

    UUID key made on the device, who and when created and last updated it, and a
    tombstone: synced rows are never deleted, only marked, so a delete can travel.
    """

    id: Mapped[UUIDKey]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(36))
    # Set by :func:`_stamp_updates` when a flush changes what people or services wrote;
    # a change of derived columns alone leaves it (and the row's version) as it was.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(36))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


META_COLUMNS = frozenset({"created_at", "created_by", "updated_at", "updated_by"})


@event.listens_for(Session, "before_flush")
def _stamp_updates(session: Session, _context: object, _instances: object) -> None:
    """``updated_at`` moves when a flush changes a synced row's data, not its derived
    columns: every node computes those for itself, so a recomputation must not make the
    row look edited on one node only."""
    for obj in session.dirty:
        if not isinstance(obj, Synced):
            continue
        state = inspect(obj)
        attrs = state.attrs
        if attrs.updated_at.history.has_changes():
            continue  # set on purpose (a received value, a test)
        for attr in state.mapper.column_attrs:
            if attr.key in META_COLUMNS or is_derived(attr.columns[0]):
                continue
            if attrs[attr.key].history.has_changes():
                obj.updated_at = utcnow()
                break
