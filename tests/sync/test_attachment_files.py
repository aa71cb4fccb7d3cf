"""A household's files (一户一档) travel like arrival photos: a PDF scan named by its
record's file_name reaches the other device once, intact."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from desktop.services.attachments import _store_pdf
from desktop.store.models import Attachment
from desktop.sync import device as dv
from desktop.sync import photos
from tests.sync.harness import Node, add_household, settle

SCAN = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_scanned_agreement_reaches_the_other_device_once(
    pair: tuple[Node, Node], tmp_path: Path
) -> None:
    a, b = pair
    a_files, b_files = tmp_path / "a-files", tmp_path / "b-files"
    name, size = _store_pdf(SCAN, a_files)
    assert name == hashlib.sha256(SCAN).hexdigest() + ".pdf" and size == len(SCAN)
    hid = add_household(a, "H-7")
    with a.session() as s:
        s.add(
            Attachment(
                household_id=hid,
                kind="double_agreement",
                dated=date(2026, 3, 1),
                title="搬迁安置与拆除复垦双签协议",
                file_name=name,
                size=size,
            )
        )
    with a.session() as s:
        exported = dv.export_package(s, a.keys, photo_dir=a_files)
    a.county.import_package(exported.data)
    data, package = a.county.export_for(b.device_id)
    assert set(package.blobs) == {name}
    with b.session() as s:
        dv.import_package(s, b.keys, data, photo_dir=b_files)
    assert (b_files / name).read_bytes() == SCAN
    settle([a, b])
    _, again = a.county.export_for(b.device_id)
    assert again.blobs == {}


def test_file_names_are_checked_against_their_bytes_whatever_the_kind(tmp_path: Path) -> None:
    pdf = hashlib.sha256(SCAN).hexdigest() + ".pdf"
    assert photos.matches(pdf, SCAN)
    assert not photos.matches(pdf.replace(".pdf", ".jpg"), SCAN)
    assert not photos.matches(hashlib.sha256(SCAN).hexdigest() + ".exe", SCAN)
    assert photos.store(tmp_path, {pdf: SCAN}) == 1
    assert photos.store(tmp_path, {"0" * 64 + ".pdf": SCAN}) == 0
