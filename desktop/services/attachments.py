"""The household's files (一户一档): photos of the demolition and of the reclaimed
land, scans of the 双签协议 and of the property certificate, typed and dated.

Decisions, and why:

- Files are kept beside the arrival photos of work orders, under the SHA-256
  of their bytes, so the same scan added twice is stored once and sync carries
  each file once (:mod:`desktop.sync.photos`).  The record names the file.
- Pictures are re-encoded as bounded JPEGs (as arrival photos are: a phone's
  12-megapixel photo would make every package heavy); a PDF scan is kept as it
  is, after checking it is a PDF.  Anything else is refused with a reason.
- A file is never deleted from disk when its record is removed (another
  record, or another device's package, may name the same bytes); the record
  is tombstoned and syncs like any removal.
- The printed index lists every file of the selection's households, by kind
  and date, so the paper cabinet (一乡一柜) and the database match.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import AttachmentKind
from desktop.domain.errors import NotFound, ValidationError
from desktop.domain.validation import ErrorCollector, check_choice, check_not_future
from desktop.services.actor import Actor
from desktop.services.households import visible_household
from desktop.services.work_orders import store_photo
from desktop.store.models import Attachment, Household

MAX_BYTES = 30 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    id: str
    kind: str
    dated: date
    title: str
    file_name: str
    size: int


def _store_pdf(data: bytes, directory: Path) -> tuple[str, int]:
    name = hashlib.sha256(data).hexdigest() + ".pdf"
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    if not target.exists():
        tmp = directory / (name + ".tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    return name, len(data)


def add_attachment(
    session: Session,
    actor: Actor,
    household_id: str,
    *,
    kind: str,
    dated: date,
    title: str,
    data: bytes,
    folder: Path,
    today: date,
) -> AttachmentInfo:
    """Keep a file in the household's record; one transaction, the file written first."""
    h = visible_household(session, actor, household_id)
    actor.require_grid(h.grid_id)
    errors = ErrorCollector()
    with errors.check():
        check_choice(kind, tuple(k.value for k in AttachmentKind), "kind")
    with errors.check():
        check_not_future(dated, today, "dated")
    if not data:
        errors.add("attachment_empty", "file")
    elif len(data) > MAX_BYTES:
        errors.add("attachment_too_big", "file", limit=MAX_BYTES // (1024 * 1024))
    errors.raise_if_any()
    if data.startswith(PDF_MAGIC):
        name, size = _store_pdf(data, folder)
    else:
        try:
            name, size = store_photo(data, folder)
        except ValidationError:
            raise ValidationError("attachment_unreadable", field="file") from None
    row = Attachment(
        household_id=h.id,
        kind=kind,
        dated=dated,
        title=title.strip(),
        file_name=name,
        size=size,
        created_by=actor.user_id,
        updated_by=actor.user_id,
    )
    session.add(row)
    session.flush()
    return AttachmentInfo(row.id, kind, dated, row.title, name, size)


def attachments(session: Session, actor: Actor, household_id: str) -> tuple[AttachmentInfo, ...]:
    """The household's files, by date then kind."""
    h = visible_household(session, actor, household_id)
    rows = session.scalars(
        select(Attachment)
        .where(Attachment.household_id == h.id, Attachment.deleted.is_(False))
        .order_by(Attachment.dated, Attachment.kind, Attachment.created_at)
    )
    return tuple(AttachmentInfo(r.id, r.kind, r.dated, r.title, r.file_name, r.size) for r in rows)


def remove_attachment(session: Session, actor: Actor, attachment_id: str) -> None:
    row = session.get(Attachment, attachment_id)
    if row is None or row.deleted:
        raise NotFound("not_found", field="attachment_id")
    h = session.get(Household, row.household_id)
    actor.require_grid(h.grid_id if h else None)
    row.deleted = True
    row.updated_by = actor.user_id
    session.flush()


@dataclass(frozen=True, slots=True)
class IndexRow:
    household_code: str
    head_name: str
    kind: str
    dated: date
    title: str
    file_name: str


def attachment_index(
    session: Session, actor: Actor, household_ids: tuple[str, ...]
) -> tuple[IndexRow, ...]:
    """Every file of these households (those the actor may see), for the printed index."""
    rows = session.execute(
        select(
            Household.code,
            Household.head_name,
            Attachment.kind,
            Attachment.dated,
            Attachment.title,
            Attachment.file_name,
        )
        .join(Household, Household.id == Attachment.household_id)
        .where(
            Attachment.household_id.in_(household_ids),
            Attachment.deleted.is_(False),
            Household.deleted.is_(False),
            actor.grid_filter(Household.grid_id),
        )
        .order_by(Household.code, Attachment.dated, Attachment.kind)
    )
    return tuple(IndexRow(*r) for r in rows)


def print_index(
    session: Session, actor: Actor, household_ids: tuple[str, ...], out: Path, *, today: date
) -> int:
    """Write the printed index of the households' files (一户一档目录) as a PDF; rows written."""
    from desktop.reports.attachment_index import write_index
    from desktop.resources import cjk_font_path
    from desktop.services import township

    rows = attachment_index(session, actor, household_ids)
    info = township.township_info(session)
    unit = f"{info.county_name}{info.township_name}" if info else ""
    write_index(out, rows, unit=unit, today=today, font_path=cjk_font_path())
    return len(rows)
