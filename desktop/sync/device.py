"""The township device's end of sync: enrol, write the next package, read one back.

Every function works inside the caller's transaction.  Reading a package
applies it, its receipts, the new sync position and the package log together,
or nothing (a held package is stored, verified, for later).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from desktop.store.base import utcnow
from desktop.store.models import Change, Setting
from desktop.store.models_sync import (
    SyncConflict,
    SyncHeldPackage,
    SyncPackage,
    SyncPeer,
    SyncReceipt,
    SyncRowStamp,
)
from desktop.sync import derive, photos, scope, skew
from desktop.sync import package as pkg
from desktop.sync.apply import apply_changes, select_changes
from desktop.sync.capture import capture_baseline, ensure_device_id
from desktop.sync.crypto import KeyPair, PeerKey
from desktop.sync.errors import EnrolmentError, PackageRejected
from desktop.sync.hlc import HybridClock
from desktop.sync.merge import ChangeData
from desktop.sync.values import synced_tables

ENROLMENT_KIND = "anju-enrolment"
K_ENROL_TOKEN = "enrol_token"  # kept until the county has acknowledged a package
K_COUNTY_CODE = "county_code"
K_TOWNSHIP_CODE = "township_code"
K_PROFILE = "policy_profile"
K_LAST_SYNC = "last_sync_at"
K_LAPTOP_NO = "laptop_no"


@dataclass(frozen=True)
class Enrolment:
    county_id: str
    county_code: str
    county_sign_public: str
    county_box_public: str
    server_url: str
    township_code: str
    township_name: str
    name: str
    token: str
    profile: str
    laptop_no: int = 0  # this laptop's number in its township (codes made offline)

    @classmethod
    def from_bytes(cls, data: bytes) -> Enrolment:
        try:
            raw = json.loads(data)
            if raw.get("kind") != ENROLMENT_KIND:
                raise ValueError
            text = {k: str(raw[k]) for k in cls.__dataclass_fields__ if k != "laptop_no"}
            laptop_no = int(raw.get("laptop_no", 0))
            if not 0 <= laptop_no <= 99:
                raise ValueError
            return cls(**text, laptop_no=laptop_no)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise EnrolmentError("enrolment_invalid") from None

    def to_bytes(self) -> bytes:
        data = {"kind": ENROLMENT_KIND, "version": 1, **self.__dict__}
        return json.dumps(data, ensure_ascii=False, indent=2).encode()


@dataclass(frozen=True)
class EnrolResult:
    device_id: str
    county_id: str
    township_code: str
    created_township: bool


@dataclass(frozen=True)
class ExportResult:
    data: bytes
    device_id: str
    first: int
    last: int
    count: int
    baseline: int


@dataclass(frozen=True)
class ImportResult:
    status: str  # applied / held / replayed
    sender: str
    first: int
    last: int
    counts: dict[str, int] = field(default_factory=dict)
    missing: tuple[int, int] | None = None
    released: int = 0  # held packages applied after this one filled the gap


def _setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else None


def _set(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def county_peer(session: Session) -> SyncPeer:
    peer = session.scalar(select(SyncPeer))
    if peer is None:
        raise EnrolmentError("not_enrolled")
    return peer


def enroll(session: Session, keys: KeyPair, enrolment: Enrolment) -> EnrolResult:
    """Take the county's keys and scope.  A database set up for another township refuses;
    a database not set up yet becomes this township's (its records come in the county's
    first package)."""
    township = _setting(session, K_TOWNSHIP_CODE)
    if township is not None and township != enrolment.township_code:
        raise EnrolmentError("enrolment_wrong_township", township=enrolment.township_code)
    existing = session.scalar(select(SyncPeer))
    if existing is not None and existing.peer_id != enrolment.county_id:
        raise EnrolmentError("enrolment_other_county")
    created = township is None
    if created:
        _set(session, K_COUNTY_CODE, enrolment.county_code)
        _set(session, K_TOWNSHIP_CODE, enrolment.township_code)
        _set(session, K_PROFILE, enrolment.profile or "default")
    device_id = ensure_device_id(session)
    if enrolment.laptop_no:
        _set(session, K_LAPTOP_NO, str(enrolment.laptop_no))
    if existing is None:
        session.add(
            SyncPeer(
                peer_id=enrolment.county_id,
                name=enrolment.county_code,
                sign_public_key=enrolment.county_sign_public,
                box_public_key=enrolment.county_box_public,
                server_url=enrolment.server_url,
                received_upto=0,
                acked_upto=0,
            )
        )
    else:
        existing.server_url = enrolment.server_url
    _set(
        session,
        K_ENROL_TOKEN,
        json.dumps(
            {
                "token": enrolment.token,
                "township": enrolment.township_code,
                "name": enrolment.name,
                "sign_public": keys.sign_public,
                "box_public": keys.box_public,
            }
        ),
    )
    session.flush()
    return EnrolResult(device_id, enrolment.county_id, enrolment.township_code, created)


def pending_count(session: Session) -> int:
    """Changes of ours the county has not acknowledged, counting the rows no change has
    named yet (a demo or bulk write): the next export records one for each
    (:func:`~desktop.sync.capture.capture_baseline`), so the number shown before an
    export is the number it sends."""
    device_id = ensure_device_id(session)
    peer = session.scalar(select(SyncPeer))
    acked = peer.acked_upto if peer else 0
    recorded = int(
        session.scalar(
            select(func.count())
            .select_from(Change)
            .where(Change.device_id == device_id, Change.seq > acked)
        )
        or 0
    )
    return recorded + untracked_rows(session)


def untracked_rows(session: Session) -> int:
    """Synced rows no change has named and no package brought (they have no field
    stamps): two counts per table."""
    stamped = dict(
        session.execute(
            select(SyncRowStamp.table_name, func.count()).group_by(SyncRowStamp.table_name)
        ).all()
    )
    total = 0
    for name, table in synced_tables().items():
        rows = int(session.scalar(select(func.count()).select_from(table)) or 0)
        total += max(0, rows - int(stamped.get(name, 0)))
    return total


def _own_changes(session: Session, device_id: str, after: int) -> list[ChangeData]:
    rows = session.execute(
        select_changes()
        .where(Change.device_id == device_id, Change.seq > after)
        .order_by(Change.seq)
    ).all()
    return [ChangeData(*r) for r in rows]


def export_package(
    session: Session,
    keys: KeyPair,
    *,
    clock: HybridClock | None = None,
    file_name: str = "",
    photo_dir: Path | None = None,
) -> ExportResult:
    """The next package to the county: every change of ours it has not acknowledged."""
    peer = county_peer(session)
    device_id = ensure_device_id(session)
    baseline = capture_baseline(session, device_id, clock)
    changes = _own_changes(session, device_id, peer.acked_upto)
    last = changes[-1].seq if changes else peer.acked_upto
    receipts_upto = session.scalar(select(func.max(SyncReceipt.seq))) or 0
    enrol_raw = _setting(session, K_ENROL_TOKEN)
    package = pkg.Package(
        sender=device_id,
        recipient=peer.peer_id,
        first=peer.acked_upto + 1,
        last=last,
        ack=peer.received_upto,
        entries=tuple(pkg.Entry(c.seq, c) for c in changes),
        receipts_upto=receipts_upto,
        enrol=json.loads(enrol_raw) if enrol_raw else None,
        blobs=photos.collect(photo_dir, photos.referenced(changes)),
    )
    data = pkg.build(keys, peer.box_public_key, package)
    session.add(
        SyncPackage(
            direction="out",
            peer_id=peer.peer_id,
            file_name=file_name,
            first=package.first,
            last=last,
            change_count=len(changes),
            status="written",
        )
    )
    session.flush()
    return ExportResult(data, device_id, package.first, last, len(changes), baseline)


def _peer_key(session: Session) -> Any:
    def lookup(node_id: str) -> PeerKey | None:
        peer = session.get(SyncPeer, node_id)
        if peer is None:
            return None
        return PeerKey(peer.peer_id, peer.sign_public_key, peer.box_public_key)

    return lookup


def import_package(
    session: Session,
    keys: KeyPair,
    data: bytes,
    *,
    file_name: str = "",
    photo_dir: Path | None = None,
    clock_bounds: bool = True,
) -> ImportResult:
    """Verify, decrypt, and apply a package from the county (or hold it after a gap).

    ``clock_bounds``: learn what the package says of this computer's clock
    (:func:`desktop.sync.skew.from_package`); off for an HTTP answer, whose exchange
    measures the clock exactly.

    Photos are written before the transaction commits: a failure can leave an
    unused photo behind, never a change naming a missing one."""
    device_id = ensure_device_id(session)
    package = pkg.parse(data, my_id=device_id, my_keys=keys, sender_key=_peer_key(session))
    photos.store(photo_dir, package.blobs)
    if clock_bounds:
        skew.from_package(session, package)
    touched: derive.Touched = {}
    result = _apply_or_hold(session, package, data, file_name, touched)
    released = 0
    if result.status == "applied":
        released = _release_held(session, keys, device_id, touched)
    derive.run(session, touched)
    # Records that left the township go once our own edits to them are acknowledged.
    removed = scope.settle(session, device_id, county_peer(session).acked_upto)
    if removed:
        result.counts["removed"] = removed
    if released:
        result = ImportResult(
            result.status, result.sender, result.first, result.last, result.counts, None, released
        )
    return result


def _apply_or_hold(
    session: Session, package: pkg.Package, data: bytes, file_name: str, touched: derive.Touched
) -> ImportResult:
    peer = session.get(SyncPeer, package.sender)
    assert peer is not None  # parse() checked the sender
    position = peer.received_upto
    _take_receipts(session, package)
    if package.ack > peer.acked_upto:
        peer.acked_upto = package.ack
        if _setting(session, K_ENROL_TOKEN) is not None:
            session.execute(delete(Setting).where(Setting.key == K_ENROL_TOKEN))
    if package.first > position + 1:
        same = session.scalar(
            select(SyncHeldPackage.id).where(
                SyncHeldPackage.peer_id == package.sender,
                SyncHeldPackage.first == package.first,
                SyncHeldPackage.last == package.last,
            )
        )
        if same is None:
            session.add(
                SyncHeldPackage(
                    peer_id=package.sender, first=package.first, last=package.last, data=data
                )
            )
        _log(session, package, file_name, "held", Counter())
        return ImportResult(
            "held",
            package.sender,
            package.first,
            package.last,
            {"held": len(package.entries)},
            (position + 1, package.first - 1),
        )
    if package.last <= position:
        _log(session, package, file_name, "replayed", Counter({"skipped": len(package.entries)}))
        return ImportResult(
            "replayed",
            package.sender,
            package.first,
            package.last,
            {"skipped": len(package.entries)},
        )
    fresh, evictions = scope.split(pkg.entries_after(package.entries, position))
    applied = apply_changes(session, fresh)
    for table, rows in applied.touched.items():
        touched.setdefault(table, set()).update(rows)
    counts = applied.counts
    counts["skipped"] += len(package.entries) - len(fresh) - len(evictions)
    if evictions:
        counts["evicted"] += scope.take(session, evictions)
    peer.received_upto = package.last
    peer.last_sync_at = utcnow()
    _set(session, K_LAST_SYNC, utcnow().isoformat(timespec="seconds"))
    _log(session, package, file_name, "applied", counts)
    session.flush()
    return ImportResult("applied", package.sender, package.first, package.last, dict(counts))


def _take_receipts(session: Session, package: pkg.Package) -> None:
    """The county's word on each of our changes, kept once (a repeated package adds
    nothing).  One statement run for every receipt: a township's first package brings
    tens of thousands."""
    if not package.receipts:
        return
    at = utcnow()
    stmt = sqlite_insert(SyncReceipt).on_conflict_do_nothing(index_elements=["seq"])
    rows = [
        {"seq": seq, "status": status, "reason": reason, "received_at": at}
        for seq, status, reason in package.receipts
    ]
    session.execute(stmt, rows)


def _release_held(session: Session, keys: KeyPair, device_id: str, touched: derive.Touched) -> int:
    released = 0
    while True:
        peer = county_peer(session)
        held = session.scalars(
            select(SyncHeldPackage)
            .where(SyncHeldPackage.first <= peer.received_upto + 1)
            .order_by(SyncHeldPackage.first)
        ).all()
        if not held:
            return released
        for item in held:
            data = item.data
            session.delete(item)
            session.flush()
            package = pkg.parse(data, my_id=device_id, my_keys=keys, sender_key=_peer_key(session))
            _apply_or_hold(session, package, data, "", touched)
            released += 1


def _log(
    session: Session, package: pkg.Package, file_name: str, status: str, counts: Counter[str]
) -> None:
    session.add(
        SyncPackage(
            direction="in",
            peer_id=package.sender,
            file_name=file_name,
            first=package.first,
            last=package.last,
            change_count=len(package.entries),
            status=status,
            applied=counts.get("applied", 0),
            skipped=counts.get("skipped", 0),
            conflicts=counts.get("conflict", 0),
            rejected=counts.get("rejected", 0),
        )
    )


def open_conflicts(session: Session) -> list[SyncConflict]:
    return list(
        session.scalars(
            select(SyncConflict)
            .where(SyncConflict.status == "open")
            .order_by(SyncConflict.detected_at)
        )
    )


def read_enrolment(path: Path) -> Enrolment:
    try:
        return Enrolment.from_bytes(path.read_bytes())
    except OSError:
        raise EnrolmentError("enrolment_invalid") from None


def last_sync(session: Session) -> datetime | None:
    peer = session.scalar(select(SyncPeer))
    return peer.last_sync_at if peer else None


__all__ = [
    "EnrolResult",
    "Enrolment",
    "ExportResult",
    "ImportResult",
    "PackageRejected",
    "enroll",
    "export_package",
    "import_package",
]
