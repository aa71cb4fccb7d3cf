"""The household's files (一户一档): typed and dated, stored once by content, listed
in a printed index read back with pdftotext; bad files refused with a reason."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import PermissionDenied, ValidationError
from desktop.domain.validation import ValidationErrors
from desktop.services import attachments
from desktop.services.actor import Actor
from desktop.store.models import Attachment, Household
from tests.reports.support import TODAY, Places, run_tool

SCAN = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def photo(
    colour: tuple[int, int, int] = (120, 90, 60), size: tuple[int, int] = (3000, 2000)
) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def _hid(factory: sessionmaker[Session], code: str) -> str:
    with factory.begin() as s:
        hid = s.scalar(select(Household.id).where(Household.code == code))
        assert hid is not None
        return hid


def test_photos_and_scans_are_kept_typed_dated_and_indexed(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    hid = _hid(township_db, codes[0])
    with township_db.begin() as s:
        demolition = attachments.add_attachment(
            s, admin, hid, kind="demolition_photo", dated=date(2025, 6, 1),
            title="旧房拆除后现场", data=photo(), folder=folder, today=TODAY,
        )  # fmt: skip
        agreement = attachments.add_attachment(
            s, admin, hid, kind="double_agreement", dated=date(2025, 2, 20),
            title="搬迁安置与拆除复垦双签协议", data=SCAN, folder=folder, today=TODAY,
        )  # fmt: skip
    assert demolition.file_name.endswith(".jpg") and agreement.file_name.endswith(".pdf")
    with Image.open(folder / demolition.file_name) as img:
        assert max(img.size) <= 1600  # a phone's photo is made small enough to travel
    assert (folder / agreement.file_name).read_bytes() == SCAN
    with township_db.begin() as s:
        listed = attachments.attachments(s, admin, hid)
    assert [a.kind for a in listed] == ["double_agreement", "demolition_photo"]

    out = tmp_path / "index.pdf"
    with township_db.begin() as s:
        assert attachments.print_index(s, admin, (hid,), out, today=TODAY) == 2
    text = "".join(run_tool("pdftotext", "-layout", out, "-").split())
    assert "一户一档材料目录" in text and "共2份" in text
    assert "双签协议" in text and "2025年2月20日" in text and "搬迁安置与拆除复垦双签协议" in text
    assert "旧房拆除照片" in text and "旧房拆除后现场" in text
    assert codes[0] in text and "田㐀福" in text


@pytest.mark.parametrize(
    ("data", "dated", "kind", "field", "code"),
    [
        (b"", date(2026, 1, 1), "other", "file", "attachment_empty"),
        (b"MZ\x90\x00 not a picture", date(2026, 1, 1), "other", "file", "attachment_unreadable"),
        (SCAN, date(2026, 12, 1), "other", "dated", "date_in_future"),
        (SCAN, date(2026, 1, 1), "selfie", "kind", "bad_choice"),
    ],
)
def test_bad_files_are_refused_at_their_field_and_nothing_is_written(
    township_db: sessionmaker[Session],
    admin: Actor,
    codes: list[str],
    tmp_path: Path,
    data: bytes,
    dated: date,
    kind: str,
    field: str,
    code: str,
) -> None:
    hid = _hid(township_db, codes[0])
    with township_db.begin() as s, pytest.raises((ValidationErrors, ValidationError)) as err:
        attachments.add_attachment(
            s, admin, hid, kind=kind, dated=dated, title="", data=data,
            folder=tmp_path / "photos", today=TODAY,
        )  # fmt: skip
    found = err.value.errors if isinstance(err.value, ValidationErrors) else (err.value,)
    assert (field, code) in {(e.field, e.code) for e in found}
    with township_db.begin() as s:
        assert s.scalar(select(Attachment.id)) is None


def test_grid_member_files_only_their_own_households(
    township_db: sessionmaker[Session], places: Places, codes: list[str], tmp_path: Path
) -> None:
    other_grid = _hid(township_db, codes[2])
    with township_db.begin() as s, pytest.raises(PermissionDenied):
        attachments.add_attachment(
            s, places.grid_member, other_grid, kind="other", dated=TODAY, title="",
            data=SCAN, folder=tmp_path, today=TODAY,
        )  # fmt: skip
