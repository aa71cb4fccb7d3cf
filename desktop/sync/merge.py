"""Field-by-field three-way merge of one received change into one row.

Pure rules over plain values; the device (:mod:`desktop.sync.apply`) and the
county server each give it a :class:`RowStore` over their own storage, so both
ends merge the same way and converge.

Per field, the incoming value ``new`` and the value its author replaced:

* ``new`` equals the current value: nothing to do;
* ``replaced`` equals the current value and the change is the later one: the
  author saw what stands, a plain update; it applies (a work order moved back by
  its steps, reopened after an unsatisfied follow-up, included);
* otherwise the two were written without seeing each other.  One stands,
  decided the same way on every node: later (HLC, device) wins, except a work
  order's status, where the later stage of the lifecycle wins.  The value that
  does not stand is kept in a conflict record with the base (the replaced
  value) and both authors and times, unless the standing value's author had
  seen and replaced it, or it is an earlier lifecycle stage.  Every node computes
  the same values; only the county keeps the conflict records (it sees every change
  in one order) and sends them to the devices, so all hold the same ones.

Packages travel through the county in order (each stream gap-free, the county's
log relayed in its order), so a change that depends on another always arrives
after it; that is what makes "replaced equals current" mean "had seen it".

An edit to a deleted row, or a delete of a row with edits its author had not
seen, is a ``delete`` conflict: the tombstone stands, the edit's values are kept
in the row and named in the record.  A resident ID on two persons is a
``duplicate`` record.  The audit (:func:`audit_values`) checks the invariant:
every value anyone wrote is current, knowingly replaced, or in a conflict record.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop.domain import work_order as wo
from desktop.domain.enums import OrderStatus
from desktop.sync.values import META_FIELDS

CONFLICT_NAMESPACE = uuid.UUID("5b0f3f36-0b5f-4d55-9c39-3b7f4f7d9a11")

# A work order's lifecycle (the domain's statuses): a later stage wins over an earlier one.
ORDER_STAGE: dict[str, int] = {
    OrderStatus.RECEIVED: 0,
    OrderStatus.RESPONDED: 1,
    OrderStatus.ON_SITE: 2,
    OrderStatus.RESOLVED: 3,
    OrderStatus.ANSWERED: 3,
    OrderStatus.FOLLOWED_UP: 4,
    OrderStatus.TRANSFERRED: 5,
    OrderStatus.MERGED: 5,
    OrderStatus.CANCELLED: 5,
}
# The matter got an outcome (the domain's DONE, and followed up after it) / the order
# ended without one: concurrent values of the two kinds are a conflict for a person.
_OUTCOME = frozenset({*wo.DONE, OrderStatus.FOLLOWED_UP})
_ENDED = frozenset({OrderStatus.CANCELLED, OrderStatus.MERGED, OrderStatus.TRANSFERRED})
LIFECYCLE_FIELDS = frozenset({("work_orders", "status")})
# Changes that create a row: a device's insert, and the county's snapshot of a record
# entering a township's scope (see desktop.sync.scope).
INSERTS = frozenset({"insert", "snapshot"})
# Values that name one thing: two rows holding one of them are a ``duplicate`` conflict
# for a person to settle (the same person entered twice, or two laptops that gave one
# code offline), found at the county.  One column per table.
DUPLICATE_FIELDS = frozenset(
    {
        ("persons", "resident_id"),
        ("households", "code"),
        ("sites", "code"),
        ("grids", "code"),
        ("buildings", "code"),
        ("work_orders", "code"),
        ("users", "username"),
    }
)
DUPLICATE_COLUMN = dict(DUPLICATE_FIELDS)
# A conflict the county found travels to the township's devices as an entry of the
# county's stream: table CONFLICT_TABLE, row the conflict's id, op CONFLICT_OP, and the
# record (ConflictData as a dict) in the field CONFLICT_FIELD.
CONFLICT_TABLE = "sync_conflicts"
CONFLICT_OP = "conflict"
CONFLICT_FIELD = "_conflict"
RESOLVES_FIELD = "_resolves"  # in a reviewer's decision: the conflict ids it settles


@dataclass(frozen=True, slots=True)
class ChangeData:
    """One change as it travels: origin device and sequence make it unique."""

    device_id: str
    seq: int
    hlc: str
    user_id: str | None
    table: str
    row_id: str
    op: str
    fields: Mapping[str, list[Any]]

    @property
    def key(self) -> tuple[str, str]:
        return (self.hlc, self.device_id)

    @property
    def ref(self) -> str:
        return f"{self.device_id}:{self.seq}"

    def data_fields(self) -> dict[str, list[Any]]:
        return {k: v for k, v in self.fields.items() if not k.startswith("_")}

    def to_wire(self) -> list[Any]:
        return [
            self.device_id,
            self.seq,
            self.hlc,
            self.user_id,
            self.table,
            self.row_id,
            self.op,
            dict(self.fields),
        ]

    @classmethod
    def from_wire(cls, item: list[Any]) -> ChangeData:
        device_id, seq, hlc, user_id, table, row_id, op, fields = item
        return cls(
            str(device_id), int(seq), str(hlc), user_id, str(table), str(row_id), str(op), fields
        )


@dataclass
class RowState:
    """A row in wire form, and per field the stamp ``[hlc, device, seq, user]`` that set it."""

    values: dict[str, Any]
    stamps: dict[str, list[Any]]


@dataclass(frozen=True, slots=True)
class ConflictData:
    id: str
    kind: str  # field / delete / duplicate
    table: str
    row_id: str
    field: str
    base: Any
    kept: Any
    kept_device: str
    kept_user: str | None
    kept_hlc: str
    other: Any
    other_device: str
    other_user: str | None
    other_hlc: str
    other_row_id: str | None = None


@dataclass
class Outcome:
    """What one change did: applied, skipped (nothing new), conflict or rejected."""

    status: str
    reason: str = ""
    insert: bool = False
    set_values: dict[str, Any] = field(default_factory=dict)
    set_stamps: dict[str, list[Any]] = field(default_factory=dict)
    conflicts: list[ConflictData] = field(default_factory=list)


class RowStore(Protocol):
    def load(self, table: str, row_id: str) -> RowState | None: ...

    def find_change(self, device_id: str, seq: int) -> ChangeData | None: ...

    def same_value_rows(self, table: str, column: str, value: Any, row_id: str) -> list[str]: ...


def conflict_id(table: str, row_id: str, name: str, refs: Iterable[str]) -> str:
    text = "/".join([table, row_id, name, *sorted(refs)])
    return str(uuid.uuid5(CONFLICT_NAMESPACE, text))


def stamp_of(change: ChangeData) -> list[Any]:
    return [change.hlc, change.device_id, change.seq, change.user_id]


def _stage(value: Any) -> int:
    return ORDER_STAGE.get(str(value), -1)


def _incoming_wins(
    change: ChangeData, stamp: list[Any], lifecycle: bool, cur: Any, new: Any
) -> bool:
    if lifecycle and _stage(new) != _stage(cur):
        return _stage(new) > _stage(cur)
    return (change.hlc, change.device_id) > (str(stamp[0]), str(stamp[1]))


def _lifecycle_conflict(a: Any, b: Any) -> bool:
    """Concurrent status values that a person must look at: ended against done, or one stage
    reached two ways (resolved and answered)."""
    if _stage(a) == _stage(b):
        return a != b
    return (a in _ENDED and b in _OUTCOME) or (a in _OUTCOME and b in _ENDED)


def merge_change(store: RowStore, change: ChangeData, columns: frozenset[str]) -> Outcome:
    """Decide what ``change`` does to its row.  Writes nothing: the caller applies the outcome."""
    row = store.load(change.table, change.row_id)
    stamp = stamp_of(change)
    # Column names never start with "_": filtering on them also leaves out the markers
    # (``_seen``, ``_resolves``, ...) that data_fields() would.
    if row is None:
        if change.op not in INSERTS:
            return Outcome("rejected", "unknown_row")
        values = {k: v[0] for k, v in change.fields.items() if k in columns and k != "id"}
        # A snapshot (a record entering this township's scope) keeps the county's stamps.
        kept: Mapping[str, Any] = {}
        if change.op == "snapshot":
            kept = change.fields.get("_stamps", [None])[0] or {}
        out = Outcome(
            "applied",
            insert=True,
            set_values=values,
            set_stamps=(
                {k: list(kept.get(k) or stamp) for k in values}
                if kept
                else dict.fromkeys(values, stamp)
            ),
        )
        out.conflicts.extend(_duplicates(store, change, values))
        return out

    fields = {k: v for k, v in change.fields.items() if k in columns and k != "id"}
    out = Outcome("applied")
    for name, pair in fields.items():
        new, replaced = pair[0], pair[1]
        cur = row.values.get(name)
        current_stamp = row.stamps.get(name)
        if name in META_FIELDS:
            if current_stamp is None or change.key > (current_stamp[0], current_stamp[1]):
                out.set_values[name] = new
                out.set_stamps[name] = stamp
            continue
        if new == cur:
            if current_stamp is None or change.key > (current_stamp[0], current_stamp[1]):
                out.set_stamps[name] = stamp
            continue
        lifecycle = (change.table, name) in LIFECYCLE_FIELDS
        saw_current = change.op not in INSERTS and replaced == cur
        later = current_stamp is None or change.key > (str(current_stamp[0]), str(current_stamp[1]))
        if current_stamp is None or (saw_current and later):
            # A plain update.  The later stamp must also be the incoming one: a value
            # can come back (a -> b -> a, or two laptops reaching one status), and
            # "replaced equals current" alone would then let an older edit stand on some
            # nodes only.  An author who saw the current value always writes a later
            # stamp (capture stamps an edit after every stamp of its row).
            out.set_values[name] = new
            out.set_stamps[name] = stamp
            continue
        standing = store.find_change(str(current_stamp[1]), int(current_stamp[2]))
        if _incoming_wins(change, current_stamp, lifecycle, cur, new):
            out.set_values[name] = new
            out.set_stamps[name] = stamp
            if saw_current or (lifecycle and not _lifecycle_conflict(new, cur)):
                continue
            out.conflicts.append(
                _field_conflict(
                    change,
                    name,
                    replaced,
                    kept=(new, stamp),
                    other=(cur, current_stamp),
                    standing=standing,
                )
            )
        else:
            if standing is not None and name in standing.fields and standing.fields[name][1] == new:
                continue  # the standing value's author had seen this one and replaced it
            if lifecycle and not _lifecycle_conflict(new, cur):
                continue
            out.conflicts.append(
                _field_conflict(
                    change,
                    name,
                    replaced,
                    kept=(cur, current_stamp),
                    other=(new, stamp),
                    standing=standing,
                )
            )
    out.conflicts.extend(_delete_conflicts(store, change, row, fields))
    dup = DUPLICATE_COLUMN.get(change.table)
    if dup is not None and (dup in out.set_values or "deleted" in out.set_values):
        merged = {**row.values, **out.set_values}
        out.conflicts.extend(_duplicates(store, change, merged))
    if out.conflicts:
        out.status = "conflict"
    elif not out.set_values and not out.set_stamps:
        out.status = "skipped"
    return out


def _field_conflict(
    change: ChangeData,
    name: str,
    base: Any,
    *,
    kept: tuple[Any, list[Any]],
    other: tuple[Any, list[Any]],
    standing: ChangeData | None,
) -> ConflictData:
    kept_value, kept_stamp = kept
    other_value, other_stamp = other
    refs = [f"{kept_stamp[1]}:{kept_stamp[2]}", f"{other_stamp[1]}:{other_stamp[2]}"]
    return ConflictData(
        id=conflict_id(change.table, change.row_id, name, refs),
        kind="field",
        table=change.table,
        row_id=change.row_id,
        field=name,
        base=base,
        kept=kept_value,
        kept_device=str(kept_stamp[1]),
        kept_user=kept_stamp[3] if len(kept_stamp) > 3 else None,
        kept_hlc=str(kept_stamp[0]),
        other=other_value,
        other_device=str(other_stamp[1]),
        other_user=other_stamp[3] if len(other_stamp) > 3 else None,
        other_hlc=str(other_stamp[0]),
    )


def _delete_conflicts(
    store: RowStore, change: ChangeData, row: RowState, fields: Mapping[str, list[Any]]
) -> list[ConflictData]:
    edited = [k for k in fields if k not in META_FIELDS and k != "deleted"]
    if change.op != "delete" and edited and row.values.get("deleted") is True:
        deleter = row.stamps.get("deleted")
        if deleter is None:
            return []
        return [
            ConflictData(
                id=conflict_id(
                    change.table,
                    change.row_id,
                    "deleted",
                    [f"{deleter[1]}:{deleter[2]}", change.ref],
                ),
                kind="delete",
                table=change.table,
                row_id=change.row_id,
                field="deleted",
                base=False,
                kept=True,
                kept_device=str(deleter[1]),
                kept_user=deleter[3] if len(deleter) > 3 else None,
                kept_hlc=str(deleter[0]),
                other={k: fields[k][0] for k in edited},
                other_device=change.device_id,
                other_user=change.user_id,
                other_hlc=change.hlc,
            )
        ]
    if change.op == "delete":
        seen = change.fields.get("_seen", [None])[0] or ""
        unseen = [
            s
            for k, s in row.stamps.items()
            if k not in META_FIELDS and k != "deleted" and str(s[0]) > seen
        ]
        if not unseen:
            return []
        newest = max(unseen, key=lambda s: (str(s[0]), str(s[1])))
        editor = store.find_change(str(newest[1]), int(newest[2]))
        other = editor.data_fields() if editor is not None else {}
        return [
            ConflictData(
                id=conflict_id(
                    change.table, change.row_id, "deleted", [change.ref, f"{newest[1]}:{newest[2]}"]
                ),
                kind="delete",
                table=change.table,
                row_id=change.row_id,
                field="deleted",
                base=False,
                kept=True,
                kept_device=change.device_id,
                kept_user=change.user_id,
                kept_hlc=change.hlc,
                other={k: v[0] for k, v in other.items() if k not in META_FIELDS},
                other_device=str(newest[1]),
                other_user=newest[3] if len(newest) > 3 else None,
                other_hlc=str(newest[0]),
            )
        ]
    return []


def _duplicates(
    store: RowStore, change: ChangeData, values: Mapping[str, Any]
) -> list[ConflictData]:
    out: list[ConflictData] = []
    column = DUPLICATE_COLUMN.get(change.table)
    if column is not None and values.get(column) and not values.get("deleted"):
        table = change.table
        for other_row in store.same_value_rows(table, column, values[column], change.row_id):
            a, b = sorted([change.row_id, other_row])
            out.append(
                ConflictData(
                    id=conflict_id(table, a, column, [b, str(values[column])]),
                    kind="duplicate",
                    table=table,
                    row_id=a,
                    field=column,
                    base=None,
                    kept=values[column],
                    kept_device=change.device_id,
                    kept_user=change.user_id,
                    kept_hlc=change.hlc,
                    other=values[column],
                    other_device="",
                    other_user=None,
                    other_hlc="",
                    other_row_id=b,
                )
            )
    return out


@dataclass(frozen=True, slots=True)
class LostValue:
    change: str
    table: str
    row_id: str
    field: str
    value: Any


def audit_values(
    changes: Iterable[ChangeData],
    current: Callable[[str, str], Mapping[str, Any] | None],
    kept_in_conflicts: Callable[[str, str, str], Iterable[Any]],
) -> list[LostValue]:
    """Every value anyone wrote: current, knowingly replaced, an earlier lifecycle stage,
    or kept in a conflict record.  Returns the ones that are none of these."""
    replaced: dict[tuple[str, str, str], list[Any]] = {}
    all_changes = list(changes)
    for ch in all_changes:
        for name, pair in ch.data_fields().items():
            if ch.op not in INSERTS:
                replaced.setdefault((ch.table, ch.row_id, name), []).append(pair[1])
    lost: list[LostValue] = []
    for ch in all_changes:
        row = current(ch.table, ch.row_id)
        for name, pair in ch.data_fields().items():
            if name in META_FIELDS or name == "id":
                continue
            value = pair[0]
            if row is not None and row.get(name) == value:
                continue
            if value in replaced.get((ch.table, ch.row_id, name), []):
                continue
            lifecycle = (ch.table, name) in LIFECYCLE_FIELDS
            if lifecycle and row is not None and _stage(value) < _stage(row.get(name)):
                continue
            kept = list(kept_in_conflicts(ch.table, ch.row_id, name))
            if value in kept or any(isinstance(k, dict) and k.get(name) == value for k in kept):
                continue
            lost.append(LostValue(ch.ref, ch.table, ch.row_id, name, value))
    return lost


def conflict_from_wire(data: Mapping[str, Any]) -> ConflictData:
    names = ConflictData.__dataclass_fields__
    return ConflictData(**{k: v for k, v in data.items() if k in names})


def decide(
    recorded: Mapping[str, Any] | None, change: ChangeData, field_name: str
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The decision a conflict keeps once ``change`` (a reviewer's decision) arrives, and
    the decision that did not stay when two reviewers chose different values (else None).

    Of two decisions the later (HLC, device) is kept, whatever order they arrive in, so
    every node records the same one; the county makes the clash a conflict of its own.
    """
    mine = {
        "ref": change.ref,
        "by": change.user_id,
        "hlc": change.hlc,
        "device": change.device_id,
        "value": change.fields[field_name][0] if field_name in change.fields else None,
    }
    if not recorded or recorded.get("ref") == mine["ref"]:
        return mine, None
    later = (change.hlc, change.device_id) > (
        str(recorded.get("hlc", "")),
        str(recorded.get("device", "")),
    )
    kept, other = (mine, dict(recorded)) if later else (dict(recorded), mine)
    return kept, (other if other.get("value") != kept.get("value") else None)


def decision_conflict(data: Mapping[str, Any], other: Mapping[str, Any]) -> ConflictData:
    """Two reviewers decided one conflict differently: the kept decision and the other."""
    kept = data["decision"]
    return ConflictData(
        id=conflict_id(
            str(data["table"]), str(data["row_id"]), str(data["field"]), [kept["ref"], other["ref"]]
        ),
        kind="decision",
        table=str(data["table"]),
        row_id=str(data["row_id"]),
        field=str(data["field"]),
        base=data.get("base"),
        kept=kept.get("value"),
        kept_device=str(kept.get("device", "")),
        kept_user=kept.get("by"),
        kept_hlc=str(kept.get("hlc", "")),
        other=other.get("value"),
        other_device=str(other.get("device", "")),
        other_user=other.get("by"),
        other_hlc=str(other.get("hlc", "")),
    )
