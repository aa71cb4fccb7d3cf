"""Sync use cases the Sync page and the ``anju sync`` commands share.

Each takes the caller's session (one transaction) except :func:`sync_now`, which
spans two transactions with the network call between them, so the database is
never locked while waiting for the county.  The device's private keys live in
the key file beside the database (``desktop.sync.keys``), passed in by path.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import ValidationError
from desktop.domain.holidays import tables_from_dict
from desktop.services import derived as _derived  # noqa: F401  (registers the derived columns)
from desktop.services import township
from desktop.services.actor import Actor
from desktop.services.clock import Clock, system_clock
from desktop.services.sync_files import package_file_name
from desktop.services.work_orders import apply_holiday_tables, photo_dir_for
from desktop.store.models import User
from desktop.store.models_published import KIND_HOLIDAYS, PublishedRule
from desktop.store.models_sync import (
    SyncConflict,
    SyncEviction,
    SyncHeldPackage,
    SyncPackage,
    SyncPeer,
)
from desktop.sync import device as dv
from desktop.sync import skew, usb
from desktop.sync.capture import ensure_device_id
from desktop.sync.crypto import read_header
from desktop.sync.errors import EnrolmentError, PackageRejected, TransferError
from desktop.sync.http_client import exchange_timed
from desktop.sync.keys import keys_path, load_keys, load_or_create_keys
from desktop.sync.package import SUFFIX

# settings keys
K_CLOCK_OFFSET = skew.K_CLOCK_OFFSET  # this computer's clock minus the county's
K_RULES_APPLIED_AT = "published_rules_applied_at"  # newest publication put into force
CLOCK_TOLERANCE = timedelta(minutes=5)
# An HTTP exchange tells the offset to within its round trip: corrections below this
# are noise (and a three-minute deadline needs no finer clock).
HTTP_CLOCK_SLACK_S = 30


@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    device_id: str
    server_url: str
    pending: int
    last_sync_at: datetime | None
    open_conflicts: int
    missing: tuple[tuple[int, int], ...]  # ranges of the county's stream still awaited
    # minutes this computer's clock was off the county's at the last HTTP sync, when
    # more than CLOCK_TOLERANCE (positive: ahead); None when in step or never measured
    clock_off_minutes: int | None = None
    # households the county moved to another township: still here until this
    # workstation's edits to them are uploaded / removed from here so far
    moving_out: int = 0
    moved_out: int = 0


@dataclass(frozen=True, slots=True)
class PackageInfo:
    direction: str
    file_name: str
    first: int
    last: int
    change_count: int
    status: str
    applied: int
    skipped: int
    conflicts: int
    rejected: int
    at: datetime


@dataclass(frozen=True, slots=True)
class ExportInfo:
    path: Path
    device_id: str
    first: int
    last: int
    count: int


@dataclass(frozen=True, slots=True)
class ImportInfo:
    file: str
    status: str
    sender: str
    first: int
    last: int
    counts: dict[str, int]
    missing: tuple[int, int] | None
    released: int
    clock_off_minutes: int | None = None  # as in SyncStatus, measured by this sync
    rules_applied: int = 0  # county publications (policy, holidays) that came with it


log = logging.getLogger(__name__)
_F = TypeVar("_F", bound=Callable[..., Any])


def _storage_errors(fn: _F) -> _F:
    """A database error during a sync (a locked or full disk, a damaged file) reaches the
    user as one Chinese sentence; the details go to the log, never a raw SQL text with
    names and ID numbers in its parameters."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SQLAlchemyError as exc:
            log.error("sync failed in the database: %s", type(exc).__name__, exc_info=True)
            raise TransferError("sync_storage_error") from None

    return cast(_F, wrapper)


def _keys(keys_file: Path) -> Any:
    keys = load_keys(keys_file)
    if keys is None:
        raise EnrolmentError("not_enrolled")
    return keys


def enroll(
    session: Session, actor: Actor | None, *, enrolment_file: Path, keys_file: Path
) -> dv.EnrolResult:
    """Enrol this database with the county.  ``actor`` None only on a database with no
    accounts yet (a fresh workstation: its accounts arrive from the county)."""
    if actor is not None:
        actor.require_admin()
    elif session.scalar(select(func.count()).select_from(User)):
        raise ValidationError("admin_only")
    enrolment = dv.read_enrolment(enrolment_file)
    keys = load_or_create_keys(keys_file)
    return dv.enroll(session, keys, enrolment)


def status(session: Session, actor: Actor) -> SyncStatus:
    peer = session.scalar(select(SyncPeer))
    held = session.execute(select(SyncHeldPackage.first).order_by(SyncHeldPackage.first)).scalars()
    start = (peer.received_upto if peer else 0) + 1
    missing = tuple((start, first - 1) for first in held if first > start)
    return SyncStatus(
        enrolled=peer is not None,
        device_id=ensure_device_id(session),
        server_url=peer.server_url if peer else "",
        pending=dv.pending_count(session),
        last_sync_at=peer.last_sync_at if peer else None,
        open_conflicts=int(
            session.scalar(
                select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")
            )
            or 0
        ),
        missing=missing[:1],
        clock_off_minutes=clock_off_minutes(session),
        moving_out=_moves(session, "held"),
        moved_out=_moves(session, "removed"),
    )


def _moves(session: Session, state: str) -> int:
    return int(
        session.scalar(
            select(func.count(SyncEviction.move_id.distinct())).where(
                SyncEviction.state == state, SyncEviction.table_name == "households"
            )
        )
        or 0
    )


def list_packages(session: Session, actor: Actor, *, limit: int = 100) -> list[PackageInfo]:
    rows = session.scalars(select(SyncPackage).order_by(SyncPackage.id.desc()).limit(limit))
    return [
        PackageInfo(
            p.direction,
            p.file_name,
            p.first,
            p.last,
            p.change_count,
            p.status,
            p.applied,
            p.skipped,
            p.conflicts,
            p.rejected,
            p.at,
        )
        for p in rows
    ]


@_storage_errors
def export_to(
    session: Session,
    actor: Actor,
    *,
    keys_file: Path,
    folder: Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    photo_dir: Path | None = None,
) -> ExportInfo:
    """Write the next package to a folder (a USB stick), verified.  If writing fails the
    transaction rolls back, so the next export carries the same changes."""
    actor.require_write()
    name = package_file_name(session)
    result = dv.export_package(session, _keys(keys_file), file_name=name, photo_dir=photo_dir)
    path = usb.write_package(folder, result.data, name=name, progress=progress, cancel=cancel)
    return ExportInfo(path, result.device_id, result.first, result.last, result.count)


@_storage_errors
def import_file(
    session: Session,
    actor: Actor,
    *,
    keys_file: Path,
    path: Path,
    photo_dir: Path | None = None,
    clock: Clock = system_clock,
) -> ImportInfo:
    actor.require_write()
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PackageRejected("package_not_a_package") from exc
    result = dv.import_package(
        session, _keys(keys_file), data, file_name=path.name, photo_dir=photo_dir
    )
    rules = apply_published(session, actor, clock=clock)
    # a package carried by hand bounds this clock's offset too (desktop.sync.skew)
    return _info(path.name, result, rules=rules, clock_off=clock_off_minutes(session))


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What became of one file of a batch: imported (``info``), or skipped and why
    (``skipped`` is a message code of desktop.messages)."""

    path: Path
    info: ImportInfo | None = None
    skipped: str = ""
    params: dict[str, Any] = field(default_factory=dict)


def _candidates(paths: Sequence[Path]) -> list[Path]:
    """The files named, and the package files in the folders named (a whole USB stick's
    folder), each once."""
    out: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob(f"*{SUFFIX}")):
                if found.is_file():
                    out[found] = None
        else:
            out[path] = None
    return list(out)


@_storage_errors
def import_files(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    keys_file: Path,
    paths: Sequence[Path],
    photo_dir: Path | None = None,
    clock: Clock = system_clock,
) -> list[FileOutcome]:
    """Import every package for this workstation among ``paths`` (files or folders), in
    the order of the county's stream, each in its own transaction; the others are
    skipped with the reason: this workstation's own outgoing packages (they go to the
    county), packages for another workstation, files that are no package, and ones
    refused (a damaged file) without stopping the rest."""
    actor.require_write()
    with session_factory.begin() as session:
        me = ensure_device_id(session)
    mine: list[tuple[int, Path]] = []
    outcomes: list[FileOutcome] = []
    for path in _candidates(paths):
        try:
            header, _ = read_header(path.read_bytes())
        except OSError:
            outcomes.append(FileOutcome(path, skipped="package_unreadable"))
            continue
        except PackageRejected as exc:
            outcomes.append(FileOutcome(path, skipped=exc.code))
            continue
        if header.get("sender") == me:
            outcomes.append(FileOutcome(path, skipped="package_own_outgoing"))
        elif header.get("recipient") != me:
            outcomes.append(FileOutcome(path, skipped="package_for_another_device"))
        else:
            mine.append((int(header.get("first") or 0), path))
    for _first, path in sorted(mine, key=lambda item: (item[0], str(item[1]))):
        try:
            with session_factory.begin() as session:
                info = import_file(
                    session,
                    actor,
                    keys_file=keys_file,
                    path=path,
                    photo_dir=photo_dir,
                    clock=clock,
                )
        except PackageRejected as exc:
            outcomes.append(FileOutcome(path, skipped=exc.code, params=dict(exc.params)))
            continue
        outcomes.append(FileOutcome(path, info=info))
    order = {p: i for i, p in enumerate(_candidates(paths))}
    return sorted(outcomes, key=lambda o: order.get(o.path, 0))


def _info(
    name: str, r: dv.ImportResult, *, rules: int = 0, clock_off: int | None = None
) -> ImportInfo:
    return ImportInfo(
        name,
        r.status,
        r.sender,
        r.first,
        r.last,
        dict(r.counts),
        r.missing,
        r.released,
        clock_off,
        rules,
    )


def apply_published(session: Session, actor: Actor, *, clock: Clock = system_clock) -> int:
    """Put into force the holiday tables the county published since the last import:
    merged into the work orders' calendar, open orders' provisional deadlines
    recomputed, as a manual load does.  The policy override needs nothing here:
    :func:`desktop.services.township.policy` reads the newest publication itself.
    Returns how many publications arrived (policy ones included)."""
    done = township.get_setting(session, K_RULES_APPLIED_AT)
    since = datetime.fromisoformat(done) if done else datetime(1970, 1, 1, tzinfo=UTC)
    rows = session.execute(
        select(
            PublishedRule.id, PublishedRule.kind, PublishedRule.content, PublishedRule.published_at
        )
        .where(PublishedRule.deleted.is_(False), PublishedRule.published_at > since)
        .order_by(PublishedRule.published_at)
    ).all()
    for rule_id, kind, content, at in rows:
        if kind == KIND_HOLIDAYS:
            apply_holiday_tables(
                session,
                actor,
                tables_from_dict(json.loads(content)),
                clock=clock,
                published=(rule_id, at),
            )
    if rows:
        township.set_setting(session, K_RULES_APPLIED_AT, rows[-1][3].isoformat())
    return len(rows)


def clock_off_minutes(session: Session) -> int | None:
    """How far this computer's clock is off the county's (positive: ahead), in whole
    minutes, when beyond :data:`CLOCK_TOLERANCE`; otherwise None.  The program already
    writes times corrected by it (:func:`desktop.store.base.utcnow`); the user is told so
    the computer's clock gets set right."""
    raw = township.get_setting(session, K_CLOCK_OFFSET)
    if raw is None:
        return None
    seconds = float(raw)
    if abs(seconds) <= CLOCK_TOLERANCE.total_seconds():
        return None
    return round(seconds / 60)


def _measure_clock(
    session: Session, sent: datetime, got: datetime, county_time: datetime | None
) -> int | None:
    """Compare this computer's corrected clock (the middle of the exchange) with the
    county's, and correct by what is left beyond half a minute."""
    if county_time is None:
        return None
    middle = sent + (got - sent) / 2
    residual = (middle - county_time).total_seconds()
    if abs(residual) > HTTP_CLOCK_SLACK_S:
        skew.adjust_clock(session, residual)
    return clock_off_minutes(session)


@_storage_errors
def sync_now(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    keys_file: Path,
    server_url: str | None = None,
    timeout: float = 60.0,
    photo_dir: Path | None = None,
    clock: Clock = system_clock,
) -> ImportInfo:
    """Send the next package over HTTP and apply the county's answer.  Two transactions;
    if the network fails in between nothing is lost: the next export repeats.  The
    county's answer carries its clock; the offset from ours is kept (``clock_offset``)
    and reported when beyond five minutes (deadlines and event times are ours)."""
    actor.require_write()
    keys = _keys(keys_file)
    with session_factory.begin() as session:
        peer = dv.county_peer(session)
        url = server_url or peer.server_url
        exported = dv.export_package(session, keys, file_name="(http)", photo_dir=photo_dir)
    if not url:
        raise EnrolmentError("not_enrolled")
    sent = clock.now()
    answer, county_time = exchange_timed(url, exported.data, timeout=timeout)
    got = clock.now()
    with session_factory.begin() as session:
        result = dv.import_package(
            session, keys, answer, file_name="(http)", photo_dir=photo_dir, clock_bounds=False
        )
        rules = apply_published(session, actor, clock=clock)
        off = _measure_clock(session, sent, got, county_time)
        return _info("(http)", result, rules=rules, clock_off=off)


def keys_file(db_path: Path) -> Path:
    """Where this database's device keys live (see ``desktop.sync.keys``)."""
    return keys_path(db_path)


Job = Callable[[threading.Event, Callable[[int, int], None]], Any]


def export_job(
    session_factory: sessionmaker[Session], actor: Actor, *, db_path: Path, folder: Path
) -> Job:
    """The Sync page's "Export to USB" as a background job (``job(cancel, progress)``):
    it opens its own transaction on the worker thread."""

    def job(cancel: threading.Event, progress: Callable[[int, int], None]) -> ExportInfo:
        with session_factory.begin() as session:
            return export_to(
                session,
                actor,
                keys_file=keys_path(db_path),
                folder=folder,
                progress=progress,
                cancel=cancel.is_set,
                photo_dir=photo_dir_for(db_path),
            )

    return job


def import_job(
    session_factory: sessionmaker[Session], actor: Actor, *, db_path: Path, path: Path
) -> Job:
    def job(cancel: threading.Event, progress: Callable[[int, int], None]) -> ImportInfo:
        progress(0, 0)
        with session_factory.begin() as session:
            return import_file(
                session,
                actor,
                keys_file=keys_path(db_path),
                path=path,
                photo_dir=photo_dir_for(db_path),
            )

    return job


def import_files_job(
    session_factory: sessionmaker[Session], actor: Actor, *, db_path: Path, paths: Sequence[Path]
) -> Job:
    """The Sync page's 导入同步包: several files, or a whole stick's folder."""

    def job(cancel: threading.Event, progress: Callable[[int, int], None]) -> list[FileOutcome]:
        progress(0, 0)
        return import_files(
            session_factory,
            actor,
            keys_file=keys_path(db_path),
            paths=paths,
            photo_dir=photo_dir_for(db_path),
        )

    return job


def sync_job(session_factory: sessionmaker[Session], actor: Actor, *, db_path: Path) -> Job:
    def job(cancel: threading.Event, progress: Callable[[int, int], None]) -> ImportInfo:
        progress(0, 0)
        return sync_now(
            session_factory,
            actor,
            keys_file=keys_path(db_path),
            photo_dir=photo_dir_for(db_path),
        )

    return job


def enroll_file(
    session: Session, actor: Actor, *, db_path: Path, enrolment_file: Path
) -> dv.EnrolResult:
    """Enrol from the GUI (an administrator, on a database already set up)."""
    return enroll(session, actor, enrolment_file=enrolment_file, keys_file=keys_path(db_path))
