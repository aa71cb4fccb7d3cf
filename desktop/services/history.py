"""A household's change history: who changed what and when (一户一档's 变更记录).

The change log (``changes``) already holds every edit of every synced row:
table, row, ``{column: [new, replaced]}``, author and hybrid-clock time.  The
history of a household is the log's entries for its own row and for the rows
that belong to it (members, visits, monitoring periods and measures,
employment services, files, work orders), newest first, whether they were
made here or came by sync from another workstation.

Decisions, and why:

- The time shown is the hybrid clock's wall time (when the edit was made, on
  whichever device), not when it arrived here.
- Columns that no person typed (search keys, pinyin, counts, timestamps, the
  author stamps themselves) are left out: they change with every edit and say
  nothing to a reader.  An entry left with no field is dropped.
- The author is the account's display name; an account this workstation does
  not know is shown by its id's first characters rather than hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from desktop.services import township
from desktop.services.actor import Actor
from desktop.store.models import (
    Attachment,
    Building,
    Change,
    Grid,
    Person,
    Site,
    User,
    Visit,
    WorkOrder,
)
from desktop.store.models_survey import EmploymentService, MonitoringMeasure, MonitoringPeriod
from desktop.sync.hlc import parse_hlc

# Computed or bookkeeping columns: never shown as something a person changed.
HIDDEN_FIELDS = frozenset(
    {
        "id",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "search_text",
        "head_name",
        "head_pinyin",
        "member_count",
        "name_pinyin",
        "name_initials",
        "sort_order",
        "household_id",
        "next_stage",
        "next_due",
        "next_warn_at",
        "clock_start",
        "last_step_at",
        "escalation_level",
        "escalated_at",
    }
)
_CHILDREN: tuple[type[Any], ...] = (
    Person,
    Visit,
    MonitoringPeriod,
    MonitoringMeasure,
    EmploymentService,
    Attachment,
    WorkOrder,
)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    new: Any
    old: Any


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    table: str
    row_id: str
    row_label: str  # the member's name, the visit's date, the order's code...
    op: str  # insert / update / delete
    user: str
    by_sync: bool  # made on another workstation and received in a package
    fields: tuple[FieldChange, ...]


def _label(table: str, row: Any) -> str:
    if row is None:
        return ""
    if table == "persons":
        return str(row.name)
    if table == "visits":
        return row.visited_on.isoformat()
    if table == "work_orders":
        return str(row.code)
    if table == "monitoring_periods":
        return row.entered_on.isoformat()
    if table == "monitoring_measures":
        return row.taken_on.isoformat()
    if table == "employment_services":
        return row.service_date.isoformat()
    if table == "attachments":
        return str(row.title or row.file_name)
    return ""


def household_history(
    session: Session, actor: Actor, household_id: str, *, limit: int = 2000
) -> tuple[HistoryEntry, ...]:
    """The household's change history, newest first (read-only: anyone who may see it)."""
    from desktop.services.households import visible_household

    h = visible_household(session, actor, household_id)
    rows: dict[tuple[str, str], Any] = {("households", h.id): h}
    for model in _CHILDREN:
        for row in session.scalars(select(model).where(model.household_id == h.id)):
            rows[(model.__tablename__, row.id)] = row
    by_table: dict[str, list[str]] = {}
    for table, row_id in rows:
        by_table.setdefault(table, []).append(row_id)
    conds = [
        and_(Change.table_name == table, Change.row_id.in_(ids)) for table, ids in by_table.items()
    ]
    here = township.get_setting(session, township.K_DEVICE_ID) or ""
    changes = session.scalars(
        select(Change).where(or_(*conds)).order_by(Change.hlc.desc(), Change.id.desc()).limit(limit)
    ).all()
    names = _user_names(session, {c.user_id for c in changes if c.user_id})
    places = _place_names(session)

    def shown(field: str, value: Any) -> Any:
        """A reference as the name it points to (the site, grid, building, account)."""
        if isinstance(value, str) and field in _REFERENCES:
            return places.get(value) or names.get(value) or value
        return value

    out: list[HistoryEntry] = []
    for c in changes:
        fields = tuple(
            FieldChange(name, shown(name, pair[0]), shown(name, pair[1] if len(pair) > 1 else None))
            for name, pair in sorted((c.fields or {}).items())
            if name not in HIDDEN_FIELDS and not name.startswith("_") and isinstance(pair, list)
        )
        if c.op == "update" and not fields:
            continue
        if c.op == "insert":
            fields = tuple(f for f in fields if f.new not in (None, "", [], {}, False, 0))
        out.append(
            HistoryEntry(
                at=_when(c),
                table=c.table_name,
                row_id=c.row_id,
                row_label=_label(c.table_name, rows.get((c.table_name, c.row_id))),
                op=c.op,
                user=names.get(c.user_id or "", (c.user_id or "")[:8]),
                by_sync=bool(here) and c.device_id != here,
                fields=fields,
            )
        )
    return tuple(out)


def _when(change: Change) -> datetime:
    try:
        millis, _ = parse_hlc(change.hlc)
    except (ValueError, TypeError):
        return change.recorded_at
    return datetime.fromtimestamp(millis / 1000, tz=UTC)


_REFERENCES = frozenset({"site_id", "grid_id", "building_id", "handler_id", "user_id"})


def _place_names(session: Session) -> dict[str, str]:
    out: dict[str, str] = {}
    for model in (Site, Grid, Building):
        out.update(dict(session.execute(select(model.id, model.name)).all()))
    return out


def _user_names(session: Session, ids: Iterable[str]) -> dict[str, str]:
    ids = sorted(ids)
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())
