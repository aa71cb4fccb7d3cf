"""The household page's files tab, driven as a user would: add a scan, see it listed."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.models import Household
from desktop.ui.context import UiContext
from desktop.ui.household_page import HouseholdPage
from tests.reports.test_attachments import SCAN, photo


def test_adding_a_scan_and_a_photo_lists_them_and_the_tab_counts_them(
    qtbot: QtBot,
    ui_context: UiContext,
    township_db: sessionmaker[Session],
    codes: list[str],
    tmp_path: Path,
) -> None:
    with township_db.begin() as s:
        hid = s.scalar(select(Household.id).where(Household.code == codes[0]))
    assert hid is not None
    page = HouseholdPage(ui_context)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    assert page.show_household(hid)
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(4).center())
    tab = page.attachments_tab
    assert page.tabs.currentWidget() is tab and page.tabs.tabText(4) == "档案材料（0）"

    scan = tmp_path / "双签协议.pdf"
    scan.write_bytes(SCAN)
    picture = tmp_path / "拆除.png"
    picture.write_bytes(photo(size=(800, 600)))
    for path, kind, title, day in (
        (scan, "double_agreement", "搬迁安置与拆除复垦双签协议", "2025-02-20"),
        (picture, "demolition_photo", "旧房拆除后现场", "2025-06-01"),
    ):
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        dialog = tab.dialog
        assert dialog is not None
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.day.clear()
        qtbot.keyClicks(dialog.day, day)
        qtbot.keyClicks(dialog.title_edit, "x")
        dialog.title_edit.setText(title)  # Chinese arrives whole, as an input method commits it
        dialog.set_file(path)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
    model = tab.model
    rows = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    assert [r[:3] for r in rows] == [
        ["双签协议", "2025-02-20", "搬迁安置与拆除复垦双签协议"],
        ["旧房拆除照片", "2025-06-01", "旧房拆除后现场"],
    ]
    assert page.tabs.tabText(4) == "档案材料（2）"
    assert page.tabs.currentWidget() is tab  # the page refreshed without leaving the tab
    out = tmp_path / "index.pdf"
    assert tab.print_index(out) == 2 and out.stat().st_size > 0
    if os.environ.get("ANJU_KEEP_SHOTS"):
        page.grab().save(str(Path(os.environ["ANJU_KEEP_SHOTS"]) / "attachments_tab.png"))


def test_a_file_that_is_not_a_picture_is_refused_in_the_dialog(
    qtbot: QtBot,
    ui_context: UiContext,
    township_db: sessionmaker[Session],
    codes: list[str],
    tmp_path: Path,
) -> None:
    with township_db.begin() as s:
        hid = s.scalar(select(Household.id).where(Household.code == codes[0]))
    assert hid is not None
    page = HouseholdPage(ui_context)
    qtbot.addWidget(page)
    assert page.show_household(hid)
    dialog = page.attachments_tab.add_file()
    assert dialog is not None
    bad = tmp_path / "virus.exe"
    bad.write_bytes(b"MZ\x90\x00")
    dialog.set_file(bad)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "无法识别该文件" in dialog.boxes["file"].error_text()
    assert page.attachments_tab.model.rowCount() == 0
