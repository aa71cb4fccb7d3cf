"""Conflict review: what two people wrote without seeing each other, for a person to settle.

The Sync page and ``anju conflicts`` show the same :class:`ConflictView` rows.

Decisions, and why:

- Conflicts are found by the county, which sees every change in one order, and reach
  every workstation in its packages (``desktop.sync.merge.CONFLICT_OP``): every node
  holds the same conflicts under the same ids.  A decision is an edit of the record
  carrying the conflict's id (``_resolves``); it syncs like any edit, and every node
  records the same decision (of two, the later; two reviewers who chose differently
  get a new conflict of kind ``decision``).
- What stands is read from the record now, never from the conflict: a later edit may
  have changed it, and "keep" must never undo a correction made since.  The choices:
  ``current`` keeps what stands now, ``other`` takes the value that did not stand,
  ``custom`` a typed value; a person entered twice can have the second entry removed
  (``remove``).
- A typed value goes through the same checks as the form that owns the field: a
  household's or a member's field is saved through the household form's save
  (:func:`desktop.services.survey.save_household`), so a wrong ID check digit or a
  phone of the wrong length is refused in the form's words.  Fields no form types
  (a work order's status moves only by its steps, times, references) take no typed
  value: choose one of the two.
- Rows are grouped by record (the household, the member with their household, the
  work order), with Chinese field labels and the value before both edits.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desktop.domain import sla
from desktop.domain.errors import NotFound, ValidationError
from desktop.domain.validation import parse_amount, parse_iso_date
from desktop.reports.labels import ENUM_LABELS, FIELD_ENUMS, FIELD_LABELS, NO, TABLE_LABELS, YES
from desktop.services import derived as _derived  # noqa: F401  (registers them)
from desktop.services import survey
from desktop.services.actor import Actor
from desktop.store.models import Household, Person, User
from desktop.store.models_sync import SyncConflict
from desktop.sync import derive
from desktop.sync.capture import mark_resolution, resolution_pending
from desktop.sync.hlc import hlc_time
from desktop.sync.values import from_wire, model_for, synced_tables, to_wire

CHOICES = ("current", "other", "custom")  # and "remove" for a person entered twice
KIND_LABELS = {
    "field": "两处同时修改",
    "delete": "一处删除、一处修改",
    "duplicate": "疑似重复",
    "decision": "两位审核人决定不同",
    "head": "两人同被登记为户主",
}


@dataclass(frozen=True, slots=True)
class ConflictView:
    id: str
    kind: str
    kind_label: str
    table: str
    row_id: str
    field: str
    field_label: str
    record_label: str  # "户 433127-01-0025 张三", "成员 李四（户 …）"
    household_id: str | None  # the household page to open, when there is one
    base: Any
    current: Any  # what stands now, read from the record
    kept: Any
    kept_by: str
    kept_at: datetime | None
    other: Any
    other_by: str
    other_at: datetime | None
    other_row_id: str | None
    other_record_label: str
    status: str
    decided_by: str
    decided_at: datetime | None
    decision: Any
    choices: tuple[str, ...]

    def shown(self, value: Any) -> str:
        """A value as the review shows it: labels of enumerated values, 是/否, dates."""
        return display(self.table, self.field, value)


def display(table: str, field: str, value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, dict):
        return "；".join(
            f"{FIELD_LABELS.get((table, k), k)}：{display(table, k, v)}" for k, v in value.items()
        )
    if isinstance(value, bool):
        return YES if value else NO
    kind = FIELD_ENUMS.get((table, field))
    if kind is not None:
        return ENUM_LABELS.get(kind, {}).get(str(value), str(value))
    if isinstance(value, str) and len(value) > 19 and value[10:11] == "T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return sla.to_china(moment).strftime("%Y-%m-%d %H:%M")
    return str(value)


def _name(session: Session, user_id: str | None) -> str:
    if not user_id:
        return "系统"
    user = session.get(User, user_id)
    return user.display_name if user else user_id[:8]


def _record(session: Session, table: str, row_id: str | None) -> tuple[str, str | None]:
    """How a person recognises the record, and the household page that shows it."""
    if not row_id:
        return "", None
    try:
        obj = session.get(model_for(table), row_id)
    except KeyError:
        return row_id[:8], None
    if obj is None:
        return f"{TABLE_LABELS.get(table, table)}（已不在本机）", None
    if isinstance(obj, Household):
        return f"户 {obj.code} {obj.head_name}".strip(), obj.id
    if isinstance(obj, Person):
        household = session.get(Household, obj.household_id)
        where = f"（户 {household.code}）" if household else ""
        return f"成员 {obj.name}{where}", obj.household_id
    label = TABLE_LABELS.get(table, table)
    for attr in ("code", "name", "display_name", "username"):
        value = getattr(obj, attr, None)
        if value:
            return f"{label} {value}", getattr(obj, "household_id", None)
    return f"{label} {row_id[:8]}", getattr(obj, "household_id", None)


def _current(session: Session, c: SyncConflict) -> Any:
    try:
        obj = session.get(model_for(c.table_name), c.row_id)
    except KeyError:
        return None
    if obj is None or c.field not in synced_tables()[c.table_name].c:
        return None
    return to_wire(getattr(obj, c.field))


def _choices(c: SyncConflict) -> tuple[str, ...]:
    if c.kind == "duplicate":
        if c.table_name == "persons":
            # one person entered twice (the same newborn on two laptops): remove the
            # second entry, or type the right ID for it
            return ("current", "custom", "remove")
        return ("current", "custom") if _typed(c.table_name, c.field) else ("current",)
    if c.kind == "delete":
        return ("current", "other")
    if c.kind == "head":
        return ("current", "custom")  # "other" would name two heads again
    return CHOICES if _typed(c.table_name, c.field) else ("current", "other")


def _typed(table: str, field: str) -> bool:
    """Whether a typed value can be checked as its form checks it."""
    if table == "households":
        return field in _HOUSEHOLD_FIELDS
    if table == "persons":
        return field in _MEMBER_FIELDS
    return False


_HOUSEHOLD_FIELDS = frozenset(survey.HouseholdInput.__dataclass_fields__) - {
    "id",
    "site_id",
    "members",
    "building_id",
    "grid_id",
}
_MEMBER_FIELDS = frozenset(survey.MemberInput.__dataclass_fields__) - {"id"}


def view(session: Session, c: SyncConflict) -> ConflictView:
    record, household_id = _record(session, c.table_name, c.row_id)
    other_record, _ = _record(session, c.table_name, c.other_row_id)
    decision = c.decision or {}
    return ConflictView(
        id=c.id,
        kind=c.kind,
        kind_label=KIND_LABELS.get(c.kind, c.kind),
        table=c.table_name,
        row_id=c.row_id,
        field=c.field,
        field_label=FIELD_LABELS.get((c.table_name, c.field), c.field),
        record_label=record,
        household_id=household_id,
        base=c.base,
        current=_current(session, c),
        kept=c.kept,
        kept_by=_name(session, c.kept_user),
        kept_at=hlc_time(c.kept_hlc),
        other=c.other,
        other_by=_name(session, c.other_user),
        other_at=hlc_time(c.other_hlc),
        other_row_id=c.other_row_id,
        other_record_label=other_record,
        status=c.status,
        decided_by=_name(session, decision.get("by")) if decision else "",
        decided_at=hlc_time(decision.get("hlc")) if decision else None,
        decision=decision.get("value"),
        choices=_choices(c),
    )


def list_conflicts(session: Session, actor: Actor, *, open_only: bool = True) -> list[ConflictView]:
    """The conflicts, grouped by record (then field), oldest record first."""
    query = select(SyncConflict).order_by(SyncConflict.detected_at, SyncConflict.id)
    if open_only:
        query = query.where(SyncConflict.status == "open")
    rows = [view(session, c) for c in session.scalars(query)]
    first: dict[str, int] = {}
    for i, r in enumerate(rows):
        first.setdefault(r.record_label, i)
    return sorted(rows, key=lambda r: (first[r.record_label], r.field_label))


def resolve_conflict(
    session: Session, actor: Actor, conflict_id: str, *, choice: str, value: Any = None
) -> ConflictView:
    """Settle a conflict: keep what stands now (``current``), take the value that did not
    stand (``other``), or type a value (``custom``, checked as its form checks it)."""
    actor.require_admin()
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None:
        raise NotFound("conflict_not_found")
    if conflict.status != "open":
        raise ValidationError("conflict_already_resolved")
    if choice == "kept":  # the earlier name of "current"
        choice = "current"
    if choice not in _choices(conflict):
        raise ValidationError("conflict_choice_invalid", field="choice")
    table, row_id, name = conflict.table_name, conflict.row_id, conflict.field
    if choice == "remove":
        _remove_member(session, actor, conflict)
    elif conflict.kind == "delete":
        obj = _row(session, table, row_id)
        if choice == "other":
            obj.deleted = False  # type: ignore[attr-defined]
        obj.updated_by = actor.user_id  # type: ignore[attr-defined]
        mark_resolution(session, table, row_id, [conflict.id], ["deleted"])
    elif choice == "custom":
        mark_resolution(session, table, row_id, [conflict.id], [name])
        _save_typed(session, actor, table, row_id, name, value)
        if resolution_pending(session, table, row_id):
            # the typed value was what stood already: the decision still travels
            obj = _row(session, table, row_id)
            obj.updated_by = actor.user_id  # type: ignore[attr-defined]
            flag_modified(obj, "updated_by")
    else:
        obj = _row(session, table, row_id)
        if choice == "other":
            setattr(obj, name, from_wire(table, name, conflict.other))
        obj.updated_by = actor.user_id  # type: ignore[attr-defined]
        mark_resolution(session, table, row_id, [conflict.id], [name])
    conflict.status = "resolved"
    session.flush()
    # a member restored or a code changed: the counts and search keys follow at once
    derive.run(session, {table: {row_id}})
    session.refresh(conflict)
    return view(session, conflict)


def _remove_member(session: Session, actor: Actor, conflict: SyncConflict) -> None:
    """The second entry of a person entered twice leaves the household, through the
    household form (a member of another household is removed from that one)."""
    second = conflict.other_row_id or conflict.row_id
    person = _row(session, "persons", second)
    mark_resolution(session, "persons", second, [conflict.id], ["deleted"])
    form = survey.household_input(session, actor, person.household_id)
    members = tuple(m for m in form.members if m.id != second)
    survey.save_household(session, actor, dataclasses.replace(form, members=members))
    if resolution_pending(session, "persons", second):
        person.updated_by = actor.user_id
        flag_modified(person, "updated_by")


def _row(session: Session, table: str, row_id: str) -> Any:
    obj = session.get(model_for(table), row_id)
    if obj is None:
        raise NotFound("not_found")
    return obj


def _save_typed(
    session: Session, actor: Actor, table: str, row_id: str, name: str, text: Any
) -> None:
    """Save a typed value through the household form, which checks it as it checks typing."""
    if table == "households":
        form = survey.household_input(session, actor, row_id)
        value = _parse(form, name, text)
        survey.save_household(session, actor, dataclasses.replace(form, **{name: value}))
        return
    person = _row(session, "persons", row_id)
    form = survey.household_input(session, actor, person.household_id)
    members = []
    for m in form.members:
        if m.id == row_id:
            m = dataclasses.replace(m, **{name: _parse(m, name, text)})
        members.append(m)
    survey.save_household(session, actor, dataclasses.replace(form, members=tuple(members)))


def _parse(form: Any, name: str, text: Any) -> Any:
    """The typed text as the form's field holds it (the form's own words when it is not)."""
    current = getattr(form, name)
    raw = "" if text is None else str(text).strip()
    field_type = type(form).__dataclass_fields__[name].type
    if isinstance(current, bool) or field_type == "bool":
        if raw in (YES, "true", "1"):
            return True
        if raw in (NO, "false", "0", ""):
            return False
        raise ValidationError("invalid", field=name)
    if "date" in str(field_type):
        return parse_iso_date(raw, name) if raw else None
    if "int" in str(field_type):
        if not raw and "None" in str(field_type):
            return None
        return parse_amount(raw, name)
    kind = ENUM_LABELS.get(_FORM_ENUMS.get(name, ""), {})
    if kind:
        for stored, label in kind.items():
            if raw in (str(stored), label):
                return str(stored)
        raise ValidationError("invalid", field=name)
    return raw


_FORM_ENUMS = {
    "category": "category",
    "old_house_status": "old_house_status",
    "relation": "relation",
    "health": "health",
    "labour": "labour",
    "education": "education",
    "schooling": "schooling",
    "employment": "employment",
    "employment_place": "employment_place",
}

__all__ = ["CHOICES", "ConflictView", "display", "list_conflicts", "resolve_conflict", "view"]
