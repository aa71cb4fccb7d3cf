"""The print dialog, the ledger export dialog and the import wizard, driven as a user would."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.services.ledgers import LedgerKind
from desktop.services.printing import Selection
from desktop.store.models import Household
from desktop.ui.context import UiContext
from desktop.ui.ledger_export_dialog import LedgerExportDialog
from desktop.ui.ledger_import_wizard import LedgerImportWizard
from desktop.ui.print_dialog import PrintCardsDialog
from tests.gui.user import wheel
from tests.reports.support import Places, run_tool
from tests.reports.test_ledger_import import _bad_rows

TIMEOUT = 20000


def test_preview_save_and_print(
    qtbot: QtBot, ui_context: UiContext, codes: list[str], tmp_path: Path
) -> None:
    dialog = PrintCardsDialog(ui_context, Selection(), "全部住户")
    qtbot.addWidget(dialog)
    assert "3" in dialog.scope_label.text()
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.page_label.text() != "", timeout=TIMEOUT)
    assert not dialog.page_image.pixmap().isNull()
    assert "1" in dialog.page_label.text() and "3" in dialog.page_label.text()
    dialog.next_button.click()
    assert dialog.prev_button.isEnabled()

    out = tmp_path / "cards.pdf"
    with qtbot.waitSignal(dialog.pdf_ready, timeout=TIMEOUT):
        dialog.save_pdf(out)
    assert "田㐀福" in run_tool("pdftotext", out, "-")

    printed = tmp_path / "printed.pdf"
    printer = dialog.new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    dialog.print_to(printer)
    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 0, timeout=TIMEOUT)
    assert "Pages:" in run_tool("pdfinfo", printed)
    pages = [ln for ln in run_tool("pdfinfo", printed).splitlines() if ln.startswith("Pages:")]
    assert pages[0].split()[-1] == "3"
    dialog.done(0)


def test_print_dialog_warns_of_contacts_without_a_number(
    qtbot: QtBot,
    ui_context: UiContext,
    codes: list[str],
    places: Places,
    township_db: sessionmaker[Session],
) -> None:
    from desktop.store.models import Site

    with township_db.begin() as s:
        site = s.get(Site, places.site_id)
        assert site is not None
        site.chief_phone = ""
    dialog = PrintCardsDialog(ui_context, Selection(), "全部住户")
    qtbot.addWidget(dialog)
    assert not dialog.missing_phones.isVisibleTo(dialog)
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.missing_phones.isVisibleTo(dialog), timeout=TIMEOUT)
    text = dialog.missing_phones.text()
    assert "有3处联系人没有登记电话" in text
    assert f"{codes[0]} 安置点点长 王点长" in text
    dialog.done(0)


def test_unwritable_pdf_destination_says_so_in_chinese(
    qtbot: QtBot, ui_context: UiContext, codes: list[str], tmp_path: Path
) -> None:
    dialog = PrintCardsDialog(ui_context, Selection(), "全部住户")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as blocker:
        dialog.save_pdf(tmp_path / "no-such-folder" / "cards.pdf")
    assert "无法写入" in blocker.args[0]
    assert not (tmp_path / "no-such-folder").exists()
    assert dialog.save_button.isEnabled()


def test_export_dialog_writes_the_chosen_ledger(
    qtbot: QtBot, ui_context: UiContext, codes: list[str], tmp_path: Path
) -> None:
    dialog = LedgerExportDialog(ui_context, Selection(), "全部住户")
    qtbot.addWidget(dialog)
    dialog.set_kind(LedgerKind.EMPLOYMENT)
    assert not dialog.month_edit.isVisibleTo(dialog)
    dialog.set_kind(LedgerKind.MONITORING)
    assert dialog.month_edit.isVisibleTo(dialog)
    dialog.set_kind(LedgerKind.PERSONS)
    dialog.path_edit.setText(str(tmp_path / "人口台账"))
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as blocker:
        dialog.export_button.click()
    assert blocker.args[0].rows == 5
    wb = openpyxl.load_workbook(tmp_path / "人口台账.xlsx")
    assert wb.active["A1"].value == "易地扶贫搬迁人口信息台账"


def test_import_wizard_lists_bad_rows_then_imports_the_valid_ones(
    qtbot: QtBot,
    ui_context: UiContext,
    places: Places,
    township_db: sessionmaker[Session],
    tmp_path: Path,
) -> None:
    path = _bad_rows(tmp_path)
    wizard = LedgerImportWizard(ui_context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=TIMEOUT)
    sheet = wizard.parsed.sheets[0].name  # type: ignore[union-attr]
    assert wizard.mappings()[sheet][1] == ("household", "code")
    assert wizard.mapping_page.combos[sheet][1].currentText().startswith("户编号")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.checked, timeout=TIMEOUT)
    rows = wizard.check_page.rejected_model
    assert rows.rowCount() == 4
    assert {rows.item(i, 1).text() for i in range(4)} == {"5", "6", "7", "8"}
    assert any("校验位" in rows.item(i, 3).text() for i in range(4))
    # every household of the file, with what became of it
    households = wizard.check_page.households_model
    results = {households.item(i, 0).text(): households.item(i, 1).text() for i in range(5)}
    assert results == {
        "A-001": "新增",  # its repeated person (row 5) left out
        "A-002": "暂缓导入",
        "A-003": "暂缓导入",
        "A-004": "暂缓导入",
        "A-005": "新增",
    }
    with township_db.begin() as s:
        assert s.scalar(select(Household.id)) is None  # the check wrote nothing
    wizard.next()
    qtbot.waitUntil(lambda: wizard.done_page.finished_import, timeout=TIMEOUT)
    with township_db.begin() as s:
        assert sorted(s.scalars(select(Household.code))) == ["A-001", "A-005"]
    assert wizard.report_path is not None and wizard.report_path.exists()
    report = openpyxl.load_workbook(wizard.report_path).active
    assert report.max_row == 3 + 4


def test_import_wizard_refuses_a_file_that_is_not_excel(
    qtbot: QtBot, ui_context: UiContext, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.xlsx"
    path.write_text("户编号,姓名\n", encoding="utf-8")
    wizard = LedgerImportWizard(ui_context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.file_page.reading, timeout=TIMEOUT)
    assert wizard.currentPage() is wizard.file_page
    assert "不是 Excel" in wizard.file_page.status.text()


def test_administrator_sets_the_hotline_in_the_print_dialog(
    qtbot: QtBot, ui_context: UiContext, codes: list[str], tmp_path: Path
) -> None:
    dialog = PrintCardsDialog(ui_context, Selection(), "全部住户")
    qtbot.addWidget(dialog)
    assert dialog.hotline_edit.text() == "12345"
    dialog.hotline_edit.setText("12a")
    dialog.save_hotline()
    assert dialog.hotline_error.isVisibleTo(dialog) and "电话" in dialog.hotline_error.text()
    dialog.hotline_edit.setText("0743-5221234")
    dialog.save_hotline()
    assert not dialog.hotline_error.isVisibleTo(dialog)
    out = tmp_path / "cards.pdf"
    with qtbot.waitSignal(dialog.pdf_ready, timeout=TIMEOUT):
        dialog.save_pdf(out)
    assert "0743-5221234" in run_tool("pdftotext", out, "-")


def test_household_list_prints_what_it_shows(
    qtbot: QtBot, ui_context: UiContext, places: Places, codes: list[str]
) -> None:
    from desktop.ui.households_page import HouseholdsPage

    page = HouseholdsPage(ui_context)
    qtbot.addWidget(page)
    page.search.setText("覃春")
    scope, text = page.report_scope()
    assert "覃春" in text and scope.text == "覃春"
    dialog = page.print_button.open_dialog()
    assert dialog is not None  # a child of the page: closed with it
    assert "共 1 户" in dialog.scope_label.text()
    assert page.ledger_buttons.import_button.isVisibleTo(page.ledger_buttons)
    dialog.done(0)


def test_scrolling_the_column_matches_changes_none(
    qtbot: QtBot, ui_context: UiContext, places: Places, tmp_path: Path
) -> None:
    wizard = LedgerImportWizard(ui_context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(_bad_rows(tmp_path)))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=TIMEOUT)
    before = wizard.mappings()
    sheet = wizard.parsed.sheets[0].name  # type: ignore[union-attr]
    for combo in wizard.mapping_page.combos[sheet].values():
        wheel(combo, -1)
        wheel(combo, 1)
    assert wizard.mappings() == before
