"""Importing an Excel ledger: file, column matching, check, import.

Columns are matched by their Chinese headers and the user can correct every
match.  The check is a full import rolled back, so what it lists as rejected
is exactly what the import would refuse; the user then imports all valid rows,
or nothing unless every row is valid.  A report of the rows not taken is kept
beside the ledger.  Reading, checking and importing run off the GUI thread.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain.errors import DomainError
from desktop.messages import message
from desktop.reports.ledger_columns import FIELDS_BY_KEY
from desktop.reports.ledger_import import (
    HouseholdLine,
    ParsedLedger,
    ReportLine,
    read_ledger,
    write_import_report,
)
from desktop.services import ledgers
from desktop.services.ledgers import ImportMode, ImportResult
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import error_text
from desktop.ui.i18n import message_language
from desktop.ui.tasks import Pool

PREVIEW_ROWS = 50
Mapping = dict[str, dict[int, tuple[str, str] | None]]


def _table(model: QStandardItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.strftime("%Y-%m-%d")
            if value.time() == datetime.min.time()
            else f"{value:%Y-%m-%d %H:%M}"
        )
    return str(value)


class LedgerImportWizard(QWizard):
    """Emits :attr:`imported` with the result once the rows are in."""

    imported = Signal(object)  # ImportResult

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.parsed: ParsedLedger | None = None
        self.check_result: ImportResult | None = None
        self.import_result: ImportResult | None = None
        self.report_path: Path | None = None
        self.task: Any = None
        self.setWindowTitle(self.tr("Import a ledger"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.done_page):
            self.addPage(page)
        self.resize(960, 640)

    def run(self, job: Any, on_result: Any, on_error: Any, bar: QProgressBar | None = None) -> None:
        """Run ``job`` on the database worker; ``bar`` shows its progress meanwhile."""

        def progress(done: int, total: int) -> None:
            if bar is not None:
                bar.setRange(0, max(total, 1))
                bar.setValue(done)

        def finish(callback: Any) -> Any:
            def call(value: Any) -> None:
                if bar is not None:
                    bar.hide()
                callback(value)

            return call

        if bar is not None:
            bar.setRange(0, 0)
            bar.show()
        self.task = self.ctx.tasks.submit(
            job,
            pool=Pool.DATABASE,
            on_result=finish(on_result),
            on_error=finish(on_error),
            on_progress=progress,
            owner=self,
        )

    def reason(self, code: str, params: dict[str, Any]) -> str:
        return message(code, message_language(), **params)

    def report_lines(self, result: ImportResult) -> list[ReportLine]:
        """The rows not taken: those at fault, and the good rows of a household held back."""
        rows = sorted((*result.rejected, *result.held_rows), key=lambda r: (r.sheet, r.row))
        return [ReportLine(r.sheet, r.row, r.column, self.reason(r.code, r.params)) for r in rows]

    def household_lines(self, result: ImportResult) -> list[HouseholdLine]:
        """Every household of the file: created, updated, unchanged or held back, and why."""
        out = []
        for h in result.households:
            code, params = h.reason()
            out.append(
                HouseholdLine(
                    h.code,
                    self.reason(f"ledger_state_{h.state.value}", {}),
                    "、".join(str(n) for n in h.rows),
                    self.reason(code, params) if code else "",
                )
            )
        return out

    def summary(self, result: ImportResult) -> str:
        return (
            self.tr(
                "%1 rows: %2 new households (%3 persons), %4 updated, %5 unchanged, "
                "%6 held back; %7 rows cannot be taken."
            )
            .replace("%1", str(result.rows))
            .replace("%2", str(result.created))
            .replace("%3", str(result.persons_created))
            .replace("%4", str(result.updated))
            .replace("%5", str(result.unchanged))
            .replace("%6", str(result.held))
            .replace("%7", str(len(result.rejected)))
        )

    def mappings(self) -> Mapping:
        return self.mapping_page.mappings()

    def mode(self) -> ImportMode:
        return self.check_page.mode()

    def done(self, result: int) -> None:  # Qt override
        if self.task is not None and not self.task.finished:
            self.task.cancel()
        super().done(result)


class FilePage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose the ledger"))
        self.setSubTitle(
            self.tr(
                "An .xlsx workbook with a header row (户编号, 姓名, 身份证号码…). "
                "Save an old .xls as .xlsx first."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Path of the .xlsx file"))
        self.path_edit.textChanged.connect(lambda: self.completeChanged.emit())
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("import_file_status")
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.reading = False

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a ledger"), str(Path.home()), self.tr("Excel files (*.xlsx)")
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and not self.reading

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip())
        if self.w.parsed is not None and self.w.parsed.path == str(path):
            return True
        self.reading = True
        self.completeChanged.emit()
        self.status.setText(self.tr("Reading the workbook…"))

        def job(cancel: threading.Event, progress: Any) -> ParsedLedger:
            return read_ledger(path)

        def done(parsed: ParsedLedger) -> None:
            self.reading = False
            self.w.parsed = parsed
            self.status.setText(self.tr("%1 rows found.").replace("%1", str(parsed.row_count)))
            self.completeChanged.emit()
            self.w.next()

        def failed(error: BaseException) -> None:
            self.reading = False
            self.status.setText(error_text(error) if isinstance(error, DomainError) else str(error))
            self.completeChanged.emit()

        self.w.run(job, done, failed)
        return False


class MappingPage(QWizardPage):
    """One combo box per column: what Anju recognised, which the user may change."""

    def __init__(self, wizard: LedgerImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr("Anju matched the columns by their headers. Correct any match that is wrong.")
        )
        self.tabs = QTabWidget()
        self.combos: dict[str, dict[int, QComboBox]] = {}
        # combo index -> field: "(do not import)", then every field
        self.choices: list[tuple[str, str] | None] = [None, *FIELDS_BY_KEY]
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def initializePage(self) -> None:
        parsed = self.w.parsed
        assert parsed is not None
        self.tabs.clear()
        self.combos = {}
        for sheet in parsed.sheets:
            grid = QGridLayout()
            grid.addWidget(QLabel(self.tr("<b>Column in the file</b>")), 0, 0)
            grid.addWidget(QLabel(self.tr("<b>First value</b>")), 0, 1)
            grid.addWidget(QLabel(self.tr("<b>Anju field</b>")), 0, 2)
            first = sheet.rows[0][1] if sheet.rows else ()
            combos: dict[int, QComboBox] = {}
            for r, col in enumerate(sheet.columns, start=1):
                combo = QComboBox()
                combo.addItem(self.tr("(do not import)"))
                for match, f in FIELDS_BY_KEY.items():
                    combo.addItem(self._field_text(match, f.column.header))
                if col.match in self.choices:
                    combo.setCurrentIndex(self.choices.index(col.match))
                sample = first[col.index] if col.index < len(first) else None
                grid.addWidget(QLabel(col.header), r, 0)
                grid.addWidget(QLabel(_cell_text(sample)[:30]), r, 1)
                grid.addWidget(combo, r, 2)
                combos[col.index] = combo
            grid.setColumnStretch(2, 1)
            grid.setRowStretch(len(sheet.columns) + 1, 1)  # rows packed at the top
            holder = QWidget()
            holder.setLayout(grid)
            scroll = QScrollArea()
            scroll.setWidget(holder)
            scroll.setWidgetResizable(True)
            self.tabs.addTab(scroll, sheet.name)
            self.combos[sheet.name] = combos

    def _field_text(self, match: tuple[str, str], header: str) -> str:
        scope = {
            "household": self.tr("household"),
            "person": self.tr("member"),
            "head": self.tr("household head"),
        }[match[0]]
        return f"{header}（{scope}）"

    def mappings(self) -> Mapping:
        return {
            sheet: {i: self.choices[combo.currentIndex()] for i, combo in combos.items()}
            for sheet, combos in self.combos.items()
        }


class CheckPage(QWizardPage):
    """The rows as read and every row that cannot be taken, before anything is written."""

    def __init__(self, wizard: LedgerImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Check the rows"))
        self.setSubTitle(self.tr("Nothing has been written yet."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("import_check_summary")
        self.rejected_model = QStandardItemModel(0, 4, self)
        self.rejected_model.setHorizontalHeaderLabels(
            [self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Reason")]
        )
        self.households_model = QStandardItemModel(0, 4, self)
        self.households_model.setHorizontalHeaderLabels(
            [self.tr("Household code"), self.tr("Result"), self.tr("Rows"), self.tr("Why")]
        )
        self.preview_model = QStandardItemModel(self)
        tabs = QTabWidget()
        self.rejected_view = _table(self.rejected_model)
        tabs.addTab(self.rejected_view, self.tr("Rows that cannot be taken"))
        self.households_view = _table(self.households_model)
        tabs.addTab(self.households_view, self.tr("Each household"))
        tabs.addTab(_table(self.preview_model), self.tr("First rows of the file"))
        self.tabs = tabs
        self.valid_radio = QRadioButton(self.tr("Import every valid row and list the others"))
        self.all_radio = QRadioButton(self.tr("Import nothing unless every row is valid"))
        self.valid_radio.setChecked(True)
        self.report_edit = QLineEdit()
        report_row = QHBoxLayout()
        report_row.addWidget(QLabel(self.tr("Keep the report in:")))
        report_row.addWidget(self.report_edit, 1)
        self.bar = QProgressBar()
        self.bar.setFormat(self.tr("%v of %m households"))
        self.bar.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.valid_radio)
        layout.addWidget(self.all_radio)
        layout.addLayout(report_row)
        self.checked = False

    def mode(self) -> ImportMode:
        return ImportMode.ALL_OR_NOTHING if self.all_radio.isChecked() else ImportMode.VALID_ROWS

    def isComplete(self) -> bool:
        return self.checked

    def initializePage(self) -> None:
        parsed = self.w.parsed
        assert parsed is not None
        source = Path(parsed.path)
        self.report_edit.setText(
            str(source.with_name(source.stem + self.tr("-import-report") + ".xlsx"))
        )
        self._fill_preview(parsed)
        self.checked = False
        self.completeChanged.emit()
        self.summary.setText(self.tr("Checking every row…"))
        self.rejected_model.removeRows(0, self.rejected_model.rowCount())
        self.households_model.removeRows(0, self.households_model.rowCount())
        ctx, mappings = self.w.ctx, self.w.mappings()

        def job(cancel: threading.Event, progress: Any) -> ImportResult:
            with ctx.session_factory() as s:
                try:
                    return ledgers.import_ledger(
                        s, ctx.actor, parsed, mappings=mappings, cancel=cancel, progress=progress
                    )
                finally:
                    s.rollback()

        def done(result: ImportResult) -> None:
            self.w.check_result = result
            self.summary.setText(self.w.summary(result))
            for line in self.w.report_lines(result):
                self.rejected_model.appendRow(
                    [
                        QStandardItem(line.sheet),
                        QStandardItem(str(line.row)),
                        QStandardItem(line.column),
                        QStandardItem(line.reason),
                    ]
                )
            self.rejected_view.resizeColumnsToContents()
            for h in self.w.household_lines(result):
                cells = (h.code, h.result, h.rows, h.reason)
                self.households_model.appendRow([QStandardItem(text) for text in cells])
            self.households_view.resizeColumnsToContents()
            # the rows at fault first; with none, what became of each household
            self.tabs.setCurrentIndex(0 if result.rejected else 1)
            self.checked = True
            self.completeChanged.emit()

        def failed(error: BaseException) -> None:
            self.summary.setText(
                error_text(error) if isinstance(error, DomainError) else str(error)
            )

        self.w.run(job, done, failed, self.bar)

    def _fill_preview(self, parsed: ParsedLedger) -> None:
        sheet = parsed.sheets[0]
        self.preview_model.clear()
        self.preview_model.setHorizontalHeaderLabels(
            [self.tr("Row"), *(c.header for c in sheet.columns)]
        )
        for number, values in sheet.rows[:PREVIEW_ROWS]:
            items = [QStandardItem(str(number))]
            for c in sheet.columns:
                items.append(
                    QStandardItem(_cell_text(values[c.index] if c.index < len(values) else None))
                )
            self.preview_model.appendRow(items)


class DonePage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Import"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("import_done_summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setFormat(self.tr("%v of %m households"))
        self.bar.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        self.finished_import = False

    def isComplete(self) -> bool:
        return self.finished_import

    def initializePage(self) -> None:
        parsed = self.w.parsed
        assert parsed is not None
        self.finished_import = False
        self.completeChanged.emit()
        self.summary.setText(self.tr("Importing…"))
        ctx, mappings, mode = self.w.ctx, self.w.mappings(), self.w.mode()
        report = (
            Path(self.w.check_page.report_edit.text().strip())
            if self.w.check_page.report_edit.text().strip()
            else None
        )

        def job(cancel: threading.Event, progress: Any) -> ImportResult:
            with ctx.session_factory.begin() as s:
                return ledgers.import_ledger(
                    s,
                    ctx.actor,
                    parsed,
                    mappings=mappings,
                    mode=mode,
                    cancel=cancel,
                    progress=progress,
                )

        def done(result: ImportResult) -> None:
            self.w.import_result = result
            text = self.w.summary(result)
            if not result.applied:
                text = (
                    self.tr("Nothing was imported, because some rows cannot be taken.")
                    + "\n"
                    + text
                )
            if report is not None:
                try:
                    write_import_report(
                        report,
                        self.tr("Ledger import report: %1").replace("%1", Path(parsed.path).name),
                        text,
                        self.w.report_lines(result),
                        self.w.household_lines(result),
                    )
                    self.w.report_path = report
                    text += "\n" + self.tr("Report kept in %1").replace("%1", str(report))
                except DomainError as exc:
                    text += "\n" + error_text(exc)
            self.summary.setText(text)
            self.finished_import = True
            self.completeChanged.emit()
            if result.applied and (result.created or result.updated):
                ctx.bus.data_changed.emit(
                    Changed({"households": frozenset(), "persons": frozenset()})
                )
            self.w.imported.emit(result)

        def failed(error: BaseException) -> None:
            self.summary.setText(
                error_text(error) if isinstance(error, DomainError) else str(error)
            )

        self.w.run(job, done, failed, self.bar)
