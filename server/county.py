"""The county's end of sync: init, enrolment, import of device packages, export back.

One device package is applied in one transaction together with the device's
stream position, its receipts (a status per change in the log) and the log
positions of what it brought.  Imports are serialised (a lock in the process,
and on PostgreSQL a transaction-level advisory lock across processes), so the
county's log positions are handed out in commit order and an export never skips
a change committed later with a smaller position.

Scope: a device may send only its own changes, and only to records of its
township; anything else is refused in the receipt (``out_of_scope``,
``not_own_change``) and never relayed.  A device receives only its township's
records, never its own changes back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import secrets
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, and_, bindparam, func, insert, or_, select, text, tuple_, update
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain import sla
from desktop.domain.enums import OrderCategory
from desktop.domain.errors import ValidationError
from desktop.domain.validation import check_phone
from desktop.store.base import new_id, utcnow
from desktop.sync import package as pkg
from desktop.sync import photos
from desktop.sync.crypto import KeyPair, PeerKey, read_header
from desktop.sync.device import Enrolment
from desktop.sync.errors import EnrolmentError, PackageRejected
from desktop.sync.hlc import HybridClock
from desktop.sync.merge import (
    CONFLICT_FIELD,
    CONFLICT_OP,
    CONFLICT_TABLE,
    DUPLICATE_COLUMN,
    INSERTS,
    RESOLVES_FIELD,
    ChangeData,
    ConflictData,
    Outcome,
    RowState,
    conflict_id,
    decide,
    decision_conflict,
    merge_change,
)
from desktop.sync.scope import EVICT, OWNED_BY, referenced_table, references
from desktop.sync.values import synced_columns, synced_tables, to_wire
from server import reporting
from server.migrate import upgrade
from server.models import (
    CountyBlob,
    CountyChange,
    CountyConflict,
    CountyDevice,
    CountyEnrolment,
    CountyHeld,
    CountyHotline,
    CountyParked,
    CountyRecord,
    CountySetting,
)

K_COUNTY_ID = "county_id"
K_COUNTY_CODE = "county_code"
K_KEYS = "keys"
K_SERVER_URL = "server_url"
IMPORT_LOCK_KEY = 727_001  # PostgreSQL advisory lock id for imports
BATCH = 500  # changes merged in memory between writes
# Records with no township that every township of the county receives.
COUNTY_WIDE_TABLES = ("areas", "published_rules")

_PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "sites": (("area_id", "areas"),),
    "grids": (("site_id", "sites"),),
    "buildings": (("site_id", "sites"),),
    "households": (("site_id", "sites"),),
    "persons": (("household_id", "households"),),
    "visits": (("household_id", "households"),),
    "work_orders": (("household_id", "households"), ("grid_id", "grids")),
    "work_order_events": (("order_id", "work_orders"),),
    "user_grids": (("grid_id", "grids"),),
}


def create_schema(engine: Engine) -> None:
    """Bring the county database to the schema head (server.migrate) and its reporting
    tables to the current definition (server.reporting)."""
    upgrade(engine)
    with sessionmaker(engine).begin() as session:
        reporting.ensure_current(session)


def _get(session: Session, key: str) -> str | None:
    row = session.get(CountySetting, key)
    return row.value if row else None


def _set(session: Session, key: str, value: str) -> None:
    row = session.get(CountySetting, key)
    if row is None:
        session.add(CountySetting(key=key, value=value))
    else:
        row.value = value


@dataclass(frozen=True)
class CountyInfo:
    county_id: str
    county_code: str
    sign_public: str
    box_public: str


def init_county(session: Session, county_code: str, server_url: str = "") -> CountyInfo:
    """Make the county's id and keys once; running it again changes nothing."""
    if _get(session, K_COUNTY_ID) is None:
        keys = KeyPair.generate()
        _set(session, K_COUNTY_ID, new_id())
        _set(session, K_COUNTY_CODE, county_code)
        _set(session, K_KEYS, json.dumps(keys.private_dict()))
    if server_url:
        _set(session, K_SERVER_URL, server_url)
    session.flush()
    return county_info(session)


def county_keys(session: Session) -> KeyPair:
    raw = _get(session, K_KEYS)
    if raw is None:
        raise EnrolmentError("county_not_initialised")
    return KeyPair.from_private_dict(json.loads(raw))


def county_info(session: Session) -> CountyInfo:
    keys = county_keys(session)
    return CountyInfo(
        str(_get(session, K_COUNTY_ID)),
        str(_get(session, K_COUNTY_CODE)),
        keys.sign_public,
        keys.box_public,
    )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_enrolment(
    session: Session, *, township_code: str, name: str, profile: str = "default"
) -> Enrolment:
    info = county_info(session)
    if not township_code.startswith(info.county_code) or len(township_code) != 9:
        raise EnrolmentError("enrolment_wrong_township", township=township_code)
    token = secrets.token_urlsafe(24)
    laptop_no = 1 + int(
        session.scalar(
            select(func.max(CountyEnrolment.laptop_no)).where(
                CountyEnrolment.township_code == township_code
            )
        )
        or 0
    )
    session.add(
        CountyEnrolment(
            token_hash=_token_hash(token),
            township_code=township_code,
            name=name,
            laptop_no=laptop_no,
            profile=profile,
        )
    )
    session.flush()
    return Enrolment(
        county_id=info.county_id,
        county_code=info.county_code,
        county_sign_public=info.sign_public,
        county_box_public=info.box_public,
        server_url=_get(session, K_SERVER_URL) or "",
        township_code=township_code,
        township_name=name,
        name=name,
        token=token,
        profile=profile,
        laptop_no=laptop_no,
    )


class CountyRowStore:
    """The merge's view of the county's JSON records, a chunk of changes at a time
    (read in a few queries, merged in memory, written with ``executemany``)."""

    def __init__(self, session: Session):
        self.session = session
        self.records: dict[tuple[str, str], dict[str, Any] | None] = {}
        self.new: set[tuple[str, str]] = set()
        self.dirty: set[tuple[str, str]] = set()
        self.batch: dict[tuple[str, int], ChangeData] = {}
        self.scope: str | None = None  # the township of the change being merged
        self.households: set[str] = set()  # households whose members were written

    def prefetch(self, changes: Sequence[ChangeData]) -> None:
        """Read the records these changes name and the records they refer to."""
        wanted: dict[tuple[str, str], None] = {}
        for c in changes:
            wanted[(c.table, c.row_id)] = None
            for column, target in _REFERENCES.get(c.table, ()):
                parent = c.fields.get(column, [None])[0]
                if parent:
                    wanted[(target, str(parent))] = None
        keys = list(wanted)
        keys = [k for k in keys if k not in self.records]
        for i in range(0, len(keys), 400):
            chunk = keys[i : i + 400]
            rows = self.session.execute(
                select(
                    CountyRecord.table_name,
                    CountyRecord.row_id,
                    CountyRecord.township_code,
                    CountyRecord.values,
                    CountyRecord.stamps,
                ).where(tuple_(CountyRecord.table_name, CountyRecord.row_id).in_(chunk))
            )
            found = {(t, r): (town, v, st) for t, r, town, v, st in rows}
            for key in chunk:
                hit = found.get(key)
                self.records[key] = (
                    None
                    if hit is None
                    else {"township": hit[0], "values": dict(hit[1]), "stamps": dict(hit[2])}
                )

    def record(self, table: str, row_id: str) -> dict[str, Any] | None:
        key = (table, row_id)
        if key not in self.records:
            self.prefetch([ChangeData("", 0, "", None, table, row_id, "", {})])
        return self.records[key]

    def load(self, table: str, row_id: str) -> RowState | None:
        rec = self.record(table, row_id)
        return None if rec is None else RowState(dict(rec["values"]), dict(rec["stamps"]))

    def find_change(self, device_id: str, seq: int) -> ChangeData | None:
        if (device_id, seq) in self.batch:
            return self.batch[(device_id, seq)]
        row = self.session.execute(
            select(
                CountyChange.device_id,
                CountyChange.seq,
                CountyChange.hlc,
                CountyChange.user_id,
                CountyChange.table_name,
                CountyChange.row_id,
                CountyChange.op,
                CountyChange.fields,
            ).where(CountyChange.device_id == device_id, CountyChange.seq == seq)
        ).first()
        return None if row is None else ChangeData(*row)

    def same_value_rows(self, table: str, column: str, value: Any, row_id: str) -> list[str]:
        """Live records of the township being written (:attr:`scope`) holding ``value``:
        those written here but not yet flushed, read from memory, and the others."""
        key = _dup_key(self.scope, table, column, value)
        found = {
            r
            for r, values in self.session.execute(
                select(CountyRecord.row_id, CountyRecord.values).where(
                    CountyRecord.dup_key == key, CountyRecord.row_id != row_id
                )
            ).all()
            if (table, r) not in self.new | self.dirty and not values.get("deleted")
        }
        for t, r in self.new | self.dirty:
            rec = self.records.get((t, r))
            if (
                t == table
                and r != row_id
                and rec is not None
                and rec["township"] == self.scope
                and rec["values"].get(column) == value
                and not rec["values"].get("deleted")
            ):
                found.add(r)
        return sorted(found)

    def write(self, change: ChangeData, outcome: Outcome, township: str | None) -> None:
        if change.table == "households":
            self.households.add(change.row_id)
        elif change.table == "persons":
            for value in change.fields.get("household_id", [])[:2]:
                if value:
                    self.households.add(str(value))
            rec = self.records.get((change.table, change.row_id))
            if rec is not None and rec["values"].get("household_id"):
                self.households.add(str(rec["values"]["household_id"]))
        key = (change.table, change.row_id)
        self.batch[(change.device_id, change.seq)] = change
        rec = self.records.get(key)
        if rec is None:
            self.records[key] = {
                "township": township,
                "values": dict(outcome.set_values),
                "stamps": dict(outcome.set_stamps),
            }
            self.new.add(key)
        else:
            rec["values"].update(outcome.set_values)
            rec["stamps"].update(outcome.set_stamps)
            if key not in self.new:
                self.dirty.add(key)

    def _params(self, key: tuple[str, str]) -> dict[str, Any]:
        rec = self.records[key]
        assert rec is not None
        column = DUPLICATE_COLUMN.get(key[0])
        value = rec["values"].get(column) if column else None
        return {
            "table_name": key[0],
            "row_id": key[1],
            "township_code": rec["township"],
            "values": rec["values"],
            "stamps": rec["stamps"],
            "dup_key": _dup_key(rec["township"], key[0], str(column), value) if value else None,
            "owner_id": rec["values"].get("household_id") if key[0] != "households" else None,
        }

    def flush(self) -> None:
        if self.new:
            self.session.execute(insert(CountyRecord), [self._params(k) for k in self.new])
        if self.dirty:
            params = [{f"k_{k}": v for k, v in self._params(key).items()} for key in self.dirty]
            stmt = (
                update(CountyRecord)
                .where(
                    CountyRecord.table_name == bindparam("k_table_name"),
                    CountyRecord.row_id == bindparam("k_row_id"),
                )
                .values(
                    values=bindparam("k_values"),
                    stamps=bindparam("k_stamps"),
                    dup_key=bindparam("k_dup_key"),
                    owner_id=bindparam("k_owner_id"),
                )
            )
            self.session.connection().execute(stmt, params)
        self.new.clear()
        self.dirty.clear()


def _dup_key(township: str | None, table: str, column: str, value: Any) -> str:
    """What two records that name one thing share: within a township (every township
    has its own "admin")."""
    return f"{township or ''}:{table}:{column}:{value}"


def township_of(store: CountyRowStore, change: ChangeData, sender_township: str) -> str | None:
    """The township a record belongs to: its own if known, else from its parent."""
    rec = store.record(change.table, change.row_id)
    if rec is not None:
        return rec["township"]
    values = {k: v[0] for k, v in change.fields.items()}
    if change.table == "areas":
        code = str(values.get("code") or "")
        return code[:9] if len(code) >= 9 else None
    if change.table == "devices":
        return str(values.get("township_code") or sender_township)
    for column, parent_table in _PARENTS.get(change.table, ()):
        parent_id = values.get(column)
        if parent_id:
            parent = store.record(parent_table, str(parent_id))
            if parent is not None:
                return parent["township"]
    return sender_township


def _left_township(session: Session, change: ChangeData, township: str) -> bool:
    """Whether the record (or the one it belongs to) was moved out of ``township``: its
    devices' edits made before they heard of the move still count (desktop.sync.scope)."""
    keys = [(change.table, change.row_id)]
    for table, column in OWNED_BY:
        parent = change.fields.get(column, [None])[0] if table == change.table else None
        if parent:
            keys.append((referenced_table(table, column), str(parent)))
    return (
        session.scalar(
            select(CountyChange.pos)
            .where(
                CountyChange.op == EVICT,
                CountyChange.township_code == township,
                tuple_(CountyChange.table_name, CountyChange.row_id).in_(keys),
            )
            .limit(1)
        )
        is not None
    )


class _Log:
    """The county's log as an import (or a county edit) writes it.

    Positions follow commit order.  A conflict the county finds is an entry of its
    own, under the county's id and next sequence number, placed right after the
    change that caused it: every device of the township receives it, so every node
    holds the same conflicts with the same ids (the county is the one place that
    sees every change in one order; devices find none themselves)."""

    def __init__(self, session: Session):
        self.session = session
        self.pos = int(session.scalar(select(func.max(CountyChange.pos))) or 0)
        self.me = str(_get(session, K_COUNTY_ID))
        self.seq = int(
            session.scalar(
                select(func.max(CountyChange.seq)).where(CountyChange.device_id == self.me)
            )
            or 0
        )
        self.clock = HybridClock()
        self.clock.observe(session.scalar(select(func.max(CountyChange.hlc))))
        self.rows: list[dict[str, Any]] = []

    def next_own(self, after: str | None = None) -> tuple[int, str]:
        """The county's next sequence number and clock stamp for an entry of its own,
        stamped after ``after`` (the newest stamp of the record it edits: an edit always
        wins over what it saw, however fast the clock that wrote that was)."""
        self.seq += 1
        return self.seq, self.clock.tick_after(after)

    def change(self, change: ChangeData, township: str | None, outcome: Outcome) -> None:
        self.clock.observe(change.hlc)
        self.pos += 1
        self.rows.append(
            {
                "pos": self.pos,
                "device_id": change.device_id,
                "seq": change.seq,
                "hlc": change.hlc,
                "user_id": change.user_id,
                "table_name": change.table,
                "row_id": change.row_id,
                "op": change.op,
                "fields": dict(change.fields),
                "township_code": township,
                "status": "applied" if outcome.status == "skipped" else outcome.status,
                "reason": outcome.reason,
                "received_at": utcnow(),
            }
        )

    def conflict(self, conflict: ConflictData, township: str | None) -> None:
        seq, hlc = self.next_own()
        entry = ChangeData(
            self.me,
            seq,
            hlc,
            None,
            CONFLICT_TABLE,
            conflict.id,
            CONFLICT_OP,
            {CONFLICT_FIELD: [dataclasses.asdict(conflict), None]},
        )
        self.change(entry, township, Outcome("applied"))

    def full(self) -> bool:
        return len(self.rows) >= BATCH

    def flush(self) -> None:
        if self.rows:
            self.session.execute(insert(CountyChange), self.rows)
            self.rows = []


def _save_conflict(session: Session, conflict: ConflictData, township: str | None) -> bool:
    """Keep a conflict the county found; False when it was known already."""
    if session.get(CountyConflict, conflict.id) is not None:
        return False
    session.add(
        CountyConflict(
            id=conflict.id,
            kind=conflict.kind,
            table_name=conflict.table,
            row_id=conflict.row_id,
            field=conflict.field,
            township_code=township,
            data=dataclasses.asdict(conflict),
        )
    )
    session.flush()
    return True


def _settle(session: Session, change: ChangeData) -> list[ConflictData]:
    """A reviewer's decision closes the conflicts it names.  A second decision on the
    same conflict that chose otherwise is a conflict of its own (kind ``decision``);
    of the two, the later is recorded on every node (:func:`desktop.sync.merge.decide`)."""
    settled = change.fields.get(RESOLVES_FIELD, [None])[0]
    if not settled:
        return []
    found: list[ConflictData] = []
    for conflict_ref in settled:
        row = session.get(CountyConflict, str(conflict_ref))
        if row is None:
            continue
        data = dict(row.data or {})
        recorded, clash = decide(data.get("decision"), change, row.field)
        data["decision"] = recorded
        row.data = data
        row.status = "resolved"
        if clash is not None:
            found.append(decision_conflict(data, clash))
    return found


def _waiting_for(
    session: Session, store: CountyRowStore, change: ChangeData, *, skip: int | None = None
) -> str | None:
    """The record (``table:id``) this change needs and the county lacks: one it cannot
    exist without, or its own row when that row's first change is parked.  None: it can
    apply."""
    for column, target in _REFERENCES.get(change.table, ()):
        parent = change.fields.get(column, [None])[0]
        if parent and store.record(target, str(parent)) is None:
            return f"{target}:{parent}"
    if change.op not in INSERTS and store.record(change.table, change.row_id) is None:
        key = f"{change.table}:{change.row_id}"
        query = select(CountyParked.id).where(CountyParked.row_key == key)
        if skip is not None:
            query = query.where(CountyParked.id != skip)
        if session.scalar(query.limit(1)) is not None:
            return key
    return None


def _park(session: Session, change: ChangeData, township: str, waiting: str) -> None:
    exists = session.scalar(
        select(CountyParked.id).where(
            CountyParked.device_id == change.device_id, CountyParked.seq == change.seq
        )
    )
    if exists is None:
        session.add(
            CountyParked(
                device_id=change.device_id,
                seq=change.seq,
                township_code=township,
                row_key=f"{change.table}:{change.row_id}",
                change=change.to_wire(),
                waiting_for=waiting,
            )
        )
        session.flush()


# The references a record cannot exist without (NOT NULL foreign keys): a change naming a
# missing one waits.  Optional references (a building's leader, a household's building)
# may point ahead: records refer to each other in rings, and a device applies a package
# in one transaction that checks references at its end.
_REFERENCES: dict[str, list[tuple[str, str]]] = {}
for _table, _column, _target in references():
    if not synced_tables()[_table].c[_column].nullable:
        _REFERENCES.setdefault(_table, []).append((_column, _target))


@dataclass(frozen=True)
class TransferredOrder:
    id: str
    code: str
    township_code: str
    grid_id: str | None


def _find(session: Session, table: str, township: str, key: str) -> CountyRecord | None:
    """A live record of ``township`` by its id or its code."""
    record = session.get(CountyRecord, (table, key))
    if record is None:
        column = DUPLICATE_COLUMN.get(table, "code")
        record = session.scalar(
            select(CountyRecord).where(
                CountyRecord.table_name == table,
                CountyRecord.dup_key == _dup_key(township, table, column, key),
            )
        )
    if record is None or record.township_code != township or record.values.get("deleted"):
        return None
    return record


@dataclass
class CountyImport:
    status: str  # applied / held / replayed
    device_id: str
    first: int
    last: int
    counts: dict[str, int] = field(default_factory=dict)
    missing: tuple[int, int] | None = None
    enrolled: bool = False


class County:
    """One county database, shared by the CLI and the HTTP app."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self._lock = threading.Lock()

    # ------------------------------------------------------------ import
    def import_package(self, data: bytes) -> CountyImport:
        with self.locked() as session:
            result = self._import(session, data)
            if result.status == "applied":
                self._release_held(session, result.device_id)
            return result

    def _import(self, session: Session, data: bytes) -> CountyImport:
        header, _ = read_header(data)
        keys = county_keys(session)
        me = str(_get(session, K_COUNTY_ID))
        sender_id = str(header.get("sender"))
        device = session.get(CountyDevice, sender_id)
        enrolment: CountyEnrolment | None = None
        if device is None:
            enrolment = self._usable_enrolment(session, header.get("enrol"))

        def sender_key(node_id: str) -> PeerKey | None:
            if device is not None:
                return PeerKey(
                    device.id, device.sign_public_key, device.box_public_key, device.revoked
                )
            if enrolment is not None:
                enrol = header["enrol"]
                return PeerKey(node_id, str(enrol["sign_public"]), str(enrol["box_public"]))
            return None

        package = pkg.parse(data, my_id=me, my_keys=keys, sender_key=sender_key)
        self._store_blobs(session, package.blobs)
        enrolled = False
        if device is None:
            assert enrolment is not None and package.enrol is not None
            device = CountyDevice(
                id=package.sender,
                name=str(package.enrol.get("name") or enrolment.name),
                township_code=enrolment.township_code,
                sign_public_key=str(package.enrol["sign_public"]),
                box_public_key=str(package.enrol["box_public"]),
                received_upto=0,
                acked_upto=0,
                receipts_upto=0,
            )
            session.add(device)
            enrolment.used_at = utcnow()
            enrolment.device_id = package.sender
            session.flush()
            enrolled = True
        device.last_seen_at = utcnow()
        if package.created is not None:
            device.clock_ahead_s = (package.created - device.last_seen_at).total_seconds()
            device.clock_note_of = package.last
        device.acked_upto = max(device.acked_upto, package.ack)
        device.receipts_upto = max(device.receipts_upto, package.receipts_upto)
        position = device.received_upto
        if package.first > position + 1:
            held = session.scalar(
                select(CountyHeld.id).where(
                    CountyHeld.device_id == device.id,
                    CountyHeld.first == package.first,
                    CountyHeld.last == package.last,
                )
            )
            if held is None:
                session.add(
                    CountyHeld(
                        device_id=device.id, first=package.first, last=package.last, data=data
                    )
                )
            return CountyImport(
                "held",
                device.id,
                package.first,
                package.last,
                {"held": len(package.entries)},
                (position + 1, package.first - 1),
                enrolled,
            )
        if package.last <= position:
            return CountyImport(
                "replayed",
                device.id,
                package.first,
                package.last,
                {"skipped": len(package.entries)},
                None,
                enrolled,
            )
        fresh = pkg.entries_after(package.entries, position)
        counts = self._apply(session, device, fresh)
        counts["skipped"] += len(package.entries) - len(fresh)
        device.received_upto = package.last
        return CountyImport(
            "applied", device.id, package.first, package.last, dict(counts), None, enrolled
        )

    def _store_blobs(self, session: Session, blobs: dict[str, bytes]) -> None:
        for name, data in blobs.items():
            if photos.matches(name, data) and session.get(CountyBlob, name) is None:
                session.add(CountyBlob(name=name, data=data))
        session.flush()

    def _usable_enrolment(self, session: Session, enrol: Any) -> CountyEnrolment | None:
        if not isinstance(enrol, dict) or "token" not in enrol:
            raise PackageRejected("package_unknown_sender")
        row = session.get(CountyEnrolment, _token_hash(str(enrol["token"])))
        if row is None:
            raise PackageRejected("package_unknown_sender")
        if row.used_at is not None:
            raise EnrolmentError("enrolment_used")
        if str(enrol.get("township")) != row.township_code:
            raise EnrolmentError("enrolment_wrong_township", township=row.township_code)
        return row

    def _apply(
        self, session: Session, device: CountyDevice, changes: Sequence[ChangeData]
    ) -> Counter[str]:
        store = CountyRowStore(session)
        counts: Counter[str] = Counter()
        log = _Log(session)
        seqs = [c.seq for c in changes]
        known = (
            set(
                session.execute(
                    select(CountyChange.seq).where(
                        CountyChange.device_id == device.id,
                        CountyChange.seq.between(min(seqs), max(seqs)),
                    )
                ).scalars()
            )
            if changes
            else set()
        )
        for index, change in enumerate(changes):
            if index % BATCH == 0:
                store.flush()
                store.prefetch(changes[index : index + BATCH])
            if change.device_id != device.id:
                log.change(change, None, Outcome("rejected", "not_own_change"))
                counts["rejected"] += 1
            elif change.seq in known:
                counts["skipped"] += 1
                continue
            else:
                counts[self._apply_one(session, store, log, device.township_code, change)] += 1
            known.add(change.seq)
            if log.full():
                store.flush()
                log.flush()
        store.flush()
        log.flush()
        if counts.get("parked", 0) < len(changes):
            counts.update(self._release_parked(session, store, log, device.township_code))
        counts["repaired"] += self._one_head_each(session, store)
        return counts

    def _one_head_each(self, session: Session, store: CountyRowStore) -> int:
        """A household whose members name two heads (two laptops each changed who heads
        it): the head last named stays; the others become 其他 by a change of the
        county's, with a ``head`` conflict for a person to confirm.  Every device gets
        both in its next package.  Returns how many members were changed."""
        store.flush()
        changed = 0
        households = sorted(store.households)
        by_household: dict[str, list[Any]] = {}
        for start in range(0, len(households), 500):  # a whole township comes at once
            for m in session.execute(
                select(
                    CountyRecord.row_id,
                    CountyRecord.township_code,
                    CountyRecord.values,
                    CountyRecord.stamps,
                    CountyRecord.owner_id,
                ).where(
                    CountyRecord.table_name == "persons",
                    CountyRecord.owner_id.in_(households[start : start + 500]),
                )
            ):
                by_household.setdefault(m.owner_id, []).append(m)
        for household_id in households:
            members = by_household.get(household_id, [])
            live = [m for m in members if not m.values.get("deleted")]
            heads = [m for m in live if m.values.get("relation") == "head"]
            if not heads and live:
                changed += self._name_a_head(session, live)
                continue
            if len(heads) < 2:
                continue
            stamp = {m.row_id: (m.stamps or {}).get("relation") or ["", "", 0, None] for m in heads}
            winner = max(
                heads, key=lambda m: (str(stamp[m.row_id][0]), str(stamp[m.row_id][1]), m.row_id)
            )
            for m in heads:
                if m.row_id == winner.row_id:
                    continue
                demoted = self.originate(
                    session,
                    table="persons",
                    row_id=m.row_id,
                    values={"relation": "other"},
                    township_code=m.township_code,
                )
                was = stamp[m.row_id]
                conflict = ConflictData(
                    id=conflict_id("persons", m.row_id, "relation", [f"{was[1]}:{was[2]}", "head"]),
                    kind="head",
                    table="persons",
                    row_id=m.row_id,
                    field="relation",
                    base="head",
                    kept="other",
                    kept_device=demoted.device_id,
                    kept_user=None,
                    kept_hlc=demoted.hlc,
                    other="head",
                    other_device=str(was[1]),
                    other_user=was[3] if len(was) > 3 else None,
                    other_hlc=str(was[0]),
                    other_row_id=winner.row_id,
                )
                if _save_conflict(session, conflict, m.township_code):
                    log = _Log(session)
                    log.conflict(conflict, m.township_code)
                    log.flush()
                changed += 1
        store.households.clear()
        return changed

    def _name_a_head(self, session: Session, live: Sequence[Any]) -> int:
        """No live member is the head (the head was removed on one laptop while another
        named someone else): the member who was head most recently, by the county's log
        (else the first member), is named head for now, with a ``head`` conflict asking
        a person to confirm."""
        ids = [m.row_id for m in live]
        last = session.execute(
            select(CountyChange.row_id, CountyChange.fields)
            .where(CountyChange.table_name == "persons", CountyChange.row_id.in_(ids))
            .order_by(CountyChange.pos.desc())
        ).all()
        chosen = next(
            (rid for rid, fields in last if (fields.get("relation") or [None])[0] == "head"),
            None,
        )
        member = next(
            (m for m in live if m.row_id == chosen),
            min(live, key=lambda m: (int(m.values.get("sort_order") or 0), m.row_id)),
        )
        was = member.values.get("relation")
        named = self.originate(
            session,
            table="persons",
            row_id=member.row_id,
            values={"relation": "head"},
            township_code=member.township_code,
        )
        conflict = ConflictData(
            id=conflict_id("persons", member.row_id, "relation", [named.ref, "no_head"]),
            kind="head",
            table="persons",
            row_id=member.row_id,
            field="relation",
            base=was,
            kept="head",
            kept_device=named.device_id,
            kept_user=None,
            kept_hlc=named.hlc,
            other=was,
            other_device="",
            other_user=None,
            other_hlc="",
        )
        if _save_conflict(session, conflict, member.township_code):
            log = _Log(session)
            log.conflict(conflict, member.township_code)
            log.flush()
        return 1

    def _apply_one(
        self,
        session: Session,
        store: CountyRowStore,
        log: _Log,
        sender_township: str,
        change: ChangeData,
    ) -> str:
        """Merge one device change into the county's records and log it, or park it."""
        found: list[ConflictData] = []
        if change.table not in synced_tables():
            outcome, township = Outcome("rejected", "unknown_table"), None
        else:
            township = township_of(store, change, sender_township)
            if (
                township != sender_township
                and not (township is None and change.op == "insert" and change.table == "areas")
                and not _left_township(session, change, sender_township)
            ):
                outcome = Outcome("rejected", "out_of_scope")
            else:
                waiting = _waiting_for(session, store, change)
                if waiting is not None:
                    _park(session, change, sender_township, waiting)
                    return "parked"
                store.scope = township
                outcome = merge_change(store, change, synced_columns(change.table))
                if outcome.status in ("applied", "conflict"):
                    store.write(change, outcome, township)
                found = [*outcome.conflicts, *_settle(session, change)]
        log.change(change, township, outcome)
        for conflict in found:
            if _save_conflict(session, conflict, township):
                log.conflict(conflict, township)
        return outcome.status

    def _release_parked(
        self, session: Session, store: CountyRowStore, log: _Log, township: str
    ) -> Counter[str]:
        """Apply the parked changes of a township whose record has arrived, in the order
        they were parked, until none can go."""
        counts: Counter[str] = Counter()
        while True:
            parked = session.scalars(
                select(CountyParked)
                .where(CountyParked.township_code == township)
                .order_by(CountyParked.id)
            ).all()
            progress = False
            for item in parked:
                change = ChangeData.from_wire(item.change)
                store.flush()
                if _waiting_for(session, store, change, skip=item.id) is not None:
                    continue
                session.delete(item)
                session.flush()
                status = self._apply_one(session, store, log, township, change)
                counts[status] += 1
                counts["released"] += 1
                progress = True
            store.flush()
            log.flush()
            if not progress:
                return counts

    def _release_held(self, session: Session, device_id: str) -> None:
        while True:
            device = session.get(CountyDevice, device_id)
            assert device is not None
            held = session.scalars(
                select(CountyHeld)
                .where(
                    CountyHeld.device_id == device_id, CountyHeld.first <= device.received_upto + 1
                )
                .order_by(CountyHeld.first)
            ).all()
            if not held:
                return
            for item in held:
                data = item.data
                session.delete(item)
                session.flush()
                self._import(session, data)

    # ------------------------------------------------------------ county edits
    def originate(
        self,
        session: Session,
        *,
        table: str,
        row_id: str,
        values: dict[str, Any],
        township_code: str | None,
        user_id: str | None = None,
    ) -> ChangeData:
        """A change made at the county (a transferred hotline request, ...): recorded in
        the log under the county's own id and sequence, merged like any other, and
        carried to the township's devices in their next package.  Call it inside
        :meth:`locked`."""
        log = _Log(session)
        store = CountyRowStore(session)
        current = store.load(table, row_id)
        newest = (
            max((str(st[0]) for st in current.stamps.values()), default=None) if current else None
        )
        seq, hlc = log.next_own(newest)
        now = utcnow().isoformat()
        wire = {k: to_wire(v) for k, v in values.items()}
        if current is None:
            wire = {"created_at": now, "created_by": user_id, "deleted": False, **wire}
            wire.update(updated_at=now, updated_by=user_id)
            fields = {k: [v, None] for k, v in wire.items()}
            op = "insert"
        else:
            wire.update(updated_at=now, updated_by=user_id)
            fields = {k: [v, current.values.get(k)] for k, v in wire.items()}
            op = "update"
        change = ChangeData(log.me, seq, hlc, user_id, table, row_id, op, fields)
        store.scope = township_code
        outcome = merge_change(store, change, synced_columns(table))
        store.write(change, outcome, township_code)
        store.flush()
        log.change(change, township_code, outcome)
        for conflict in outcome.conflicts:
            if _save_conflict(session, conflict, township_code):
                log.conflict(conflict, township_code)
        log.flush()
        return change

    @contextmanager
    def locked(self) -> Iterator[Session]:
        """One transaction holding the import lock (county edits use it too).  What it
        changed reaches the reporting tables in the same transaction (server.reporting)."""
        with self._lock, self.sessions.begin() as session:
            if self.engine.dialect.name == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": IMPORT_LOCK_KEY})
            since = reporting.log_position(session)
            yield session
            reporting.refresh_since(session, since)

    def transfer_work_order(
        self,
        *,
        township_code: str,
        description: str,
        category: str = "other",
        household_id: str | None = None,
        grid_id: str | None = None,
        caller_name: str = "",
        caller_phone: str = "",
        location: str = "",
        urgent: bool = False,
        ticket: str = "",
        taken_by: str = "",
    ) -> TransferredOrder:
        """A hotline (12345) request handed to a township as a work order (县级转办).

        It enters the three-three clock at once: received now by the county's clock,
        the township's workstations compute its deadlines on arrival (derived columns)
        and escalate it like any order.  ``household_id`` and ``grid_id`` take a code or
        an id of that township; a household brings its grid, so the order lands in
        that grid's list; without either it waits for the township's administrator to
        assign it.  Bad input is refused in Chinese with nothing written.  ``ticket``
        (the hotline's own number) and ``taken_by`` (the desk's account) are kept at
        the county beside the order (``county_hotline``)."""
        description = description.strip()
        if not description:
            raise ValidationError("description_empty", field="description")
        if category not in OrderCategory._value2member_map_:
            raise ValidationError("unknown_category", field="category")
        caller_phone = check_phone(caller_phone, "caller_phone") if caller_phone.strip() else ""
        order_id = new_id()
        with self.locked() as session:
            known = session.scalar(
                select(CountyEnrolment.township_code)
                .where(CountyEnrolment.township_code == township_code)
                .limit(1)
            )
            if known is None:
                raise ValidationError("transfer_unknown_township", field="township")
            household = None
            if household_id:
                household = _find(session, "households", township_code, household_id)
                if household is None:
                    raise ValidationError("order_household_not_found", field="household")
                grid_id = grid_id or household.values.get("grid_id")
                caller_name = caller_name or str(household.values.get("head_name") or "")
                caller_phone = caller_phone or str(household.values.get("phone") or "")
            if grid_id:
                grid = _find(session, "grids", township_code, grid_id)
                if grid is None:
                    raise ValidationError("unknown_grid", field="grid")
                grid_id = grid.row_id
            received = utcnow()
            day = sla.to_china(received).strftime("%Y%m%d")
            prefix = f"ZB{day}-"
            taken = session.scalars(
                select(CountyRecord.values).where(
                    CountyRecord.table_name == "work_orders",
                    CountyRecord.township_code == township_code,
                    CountyRecord.dup_key.like(f"%:work_orders:code:{prefix}%"),
                )
            ).all()
            code = f"{prefix}{len(taken) + 1:03d}"
            self.originate(
                session,
                table="work_orders",
                row_id=order_id,
                township_code=township_code,
                values={
                    "code": code,
                    "household_id": household.row_id if household is not None else None,
                    "grid_id": grid_id,
                    "caller_name": caller_name.strip(),
                    "caller_phone": caller_phone,
                    "category": category,
                    "source": "county",
                    "description": description,
                    "location": location.strip(),
                    "needs_site_visit": True,
                    "urgent": urgent,
                    "status": "received",
                    "received_at": received,
                    "clock_start": received,
                },
            )
            session.add(
                CountyHotline(
                    order_id=order_id,
                    township_code=township_code,
                    ticket=ticket.strip()[:40],
                    taken_by=taken_by,
                    taken_at=received,
                )
            )
        return TransferredOrder(order_id, code, township_code, grid_id)

    def publish_rule(self, *, kind: str, content: str, township_code: str | None) -> str:
        """Publish a policy override or holiday table (already validated) for one
        township or, with ``township_code`` None, the whole county: a new
        ``published_rules`` record that reaches the townships in their next package."""
        rule_id = new_id()
        with self.locked() as session:
            self.originate(
                session,
                table="published_rules",
                row_id=rule_id,
                township_code=township_code,
                values={
                    "kind": kind,
                    "township_code": township_code,
                    "content": content,
                    "published_at": utcnow(),
                },
            )
        return rule_id

    # ------------------------------------------------------------ export
    def export_for(self, device_id: str) -> tuple[bytes, pkg.Package]:
        """The package back to a device: receipts, and its township's changes it lacks."""
        with self.sessions.begin() as session:
            device = session.get(CountyDevice, device_id)
            if device is None or device.revoked:
                raise EnrolmentError("not_enrolled")
            keys = county_keys(session)
            last = int(session.scalar(select(func.max(CountyChange.pos))) or 0)
            last = max(last, device.acked_upto)
            rows = session.execute(
                select(
                    CountyChange.pos,
                    CountyChange.device_id,
                    CountyChange.seq,
                    CountyChange.hlc,
                    CountyChange.user_id,
                    CountyChange.table_name,
                    CountyChange.row_id,
                    CountyChange.op,
                    CountyChange.fields,
                )
                .where(
                    or_(
                        CountyChange.township_code == device.township_code,
                        and_(
                            CountyChange.township_code.is_(None),
                            CountyChange.table_name.in_(COUNTY_WIDE_TABLES),
                        ),
                    ),
                    CountyChange.pos > device.acked_upto,
                    CountyChange.pos <= last,
                    CountyChange.device_id != device.id,
                    CountyChange.status != "rejected",
                )
                .order_by(CountyChange.pos)
            ).all()
            receipts = session.execute(
                select(CountyChange.seq, CountyChange.status, CountyChange.reason)
                .where(
                    CountyChange.device_id == device.id,
                    CountyChange.seq > device.receipts_upto,
                )
                .order_by(CountyChange.seq)
            ).all()
            entries = tuple(pkg.Entry(int(r[0]), ChangeData(*r[1:])) for r in rows)
            names = sorted(photos.referenced(e.change for e in entries))
            blobs = (
                {
                    b.name: b.data
                    for b in session.scalars(select(CountyBlob).where(CountyBlob.name.in_(names)))
                }
                if names
                else {}
            )
            package = pkg.Package(
                sender=str(_get(session, K_COUNTY_ID)),
                recipient=device.id,
                first=device.acked_upto + 1,
                last=last,
                ack=device.received_upto,
                entries=entries,
                receipts=tuple((int(s), str(st), str(rs)) for s, st, rs in receipts),
                blobs=blobs,
                clock=(
                    None
                    if device.clock_ahead_s is None
                    else {"ahead": device.clock_ahead_s, "of": device.clock_note_of}
                ),
            )
            return pkg.build(keys, device.box_public_key, package), package

    # ------------------------------------------------------------ queries
    def record_values(self, township: str | None = None) -> dict[tuple[str, str], dict[str, Any]]:
        with self.sessions.begin() as session:
            query = select(CountyRecord)
            if township is not None:
                query = query.where(CountyRecord.township_code == township)
            return {(r.table_name, r.row_id): dict(r.values) for r in session.scalars(query)}

    def revoke(self, device_id: str, *, reason: str = "", by: str = "") -> CountyDevice:
        """Revoke a lost or stolen laptop: its packages are refused from then on (and
        nothing more is sent to it), and the county records when, why and by whom.  The
        township is told: the laptop's ``devices`` record, marked revoked, reaches its
        other laptops in their next package.  Revoking again changes nothing."""
        with self.locked() as session:
            device = session.get(CountyDevice, device_id)
            if device is None:
                raise ValidationError("device_not_found", field="device")
            if device.revoked:
                return device
            device.revoked = True
            device.revoked_at = utcnow()
            device.revoked_reason = reason.strip()[:200]
            device.revoked_by = by
            self.originate(
                session,
                table="devices",
                row_id=device.id,
                township_code=device.township_code,
                values={
                    "name": device.name,
                    "township_code": device.township_code,
                    "sign_public_key": device.sign_public_key,
                    "box_public_key": device.box_public_key,
                    "enrolled_at": device.enrolled_at,
                    "revoked": True,
                },
            )
            return device
