"""Exporting a ledger: choose the kind, the month where it applies, and the file.

The export runs off the GUI thread with progress and Cancel; the file appears
only when complete.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import sla
from desktop.domain.errors import DomainError
from desktop.services import ledgers
from desktop.services.ledgers import ExportResult, LedgerKind
from desktop.services.printing import Selection
from desktop.ui.context import UiContext
from desktop.ui.errors import error_text
from desktop.ui.tasks import Pool

MONTHLY = (LedgerKind.WORK_ORDERS, LedgerKind.MONITORING, LedgerKind.VISITS)


class LedgerExportDialog(QDialog):
    exported = Signal(object)  # ExportResult
    failed = Signal(str)

    def __init__(
        self, ctx: UiContext, selection: Selection, scope: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.selection = selection
        self._task: Any = None
        self.busy = False
        self.setWindowTitle(self.tr("Export a ledger"))

        self.kind_combo = QComboBox()
        for kind, text in (
            (LedgerKind.PERSONS, self.tr("Relocated persons ledger (one row per person)")),
            (LedgerKind.HOUSEHOLDS, self.tr("Relocated households ledger (one row per household)")),
            (LedgerKind.EMPLOYMENT, self.tr("Employment ledger (one sheet per site)")),
            (LedgerKind.WORK_ORDERS, self.tr("Work orders with their three-three figures")),
            (LedgerKind.MONITORING, self.tr("Monthly return-to-poverty monitoring report")),
            (LedgerKind.BOARD, self.tr("Grid coverage board")),
            (LedgerKind.VISITS, self.tr("Visits ledger")),
            (LedgerKind.OLD_HOUSES, self.tr("Old houses: demolition and reclamation")),
            (LedgerKind.SPECIAL_GROUPS, self.tr("Special groups ledger")),
            (LedgerKind.RETURNING_LABOUR, self.tr("Returning migrant workers ledger")),
            (LedgerKind.FACILITIES, self.tr("Site facilities ledger")),
            (LedgerKind.JOBS, self.tr("Job menu")),
            (LedgerKind.ASSETS, self.tr("Site assets and the share in use")),
            (LedgerKind.PROJECTS, self.tr("Projects and help workshops with their jobs")),
        ):
            self.kind_combo.addItem(text, kind.value)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.month_edit = QDateEdit()
        self.month_edit.setDisplayFormat("yyyy-MM")
        today = sla.to_china(ctx.clock.now()).date()
        self.month_edit.setDate(QDate(today.year, today.month, 1))
        self.scope_label = QLabel(scope)
        self.scope_label.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Where to save the .xlsx file"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Ledger:"), self.kind_combo)
        form.addRow(self.tr("Households:"), self.scope_label)
        self.month_label = QLabel(self.tr("Month:"))
        form.addRow(self.month_label, self.month_edit)
        form.addRow(self.tr("File:"), path_row)

        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m rows"))
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, 280)
        self._kind_changed()

    @property
    def kind(self) -> LedgerKind:
        return LedgerKind(self.kind_combo.currentData())

    def set_kind(self, kind: LedgerKind) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))

    def _kind_changed(self) -> None:
        monthly = self.kind in MONTHLY
        self.month_edit.setVisible(monthly)
        self.month_label.setVisible(monthly)
        names = {
            LedgerKind.PERSONS: self.tr("persons-ledger"),
            LedgerKind.HOUSEHOLDS: self.tr("households-ledger"),
            LedgerKind.EMPLOYMENT: self.tr("employment-ledger"),
            LedgerKind.WORK_ORDERS: self.tr("work-orders-ledger"),
            LedgerKind.MONITORING: self.tr("monitoring-report"),
            LedgerKind.BOARD: self.tr("coverage-board"),
            LedgerKind.VISITS: self.tr("visits-ledger"),
            LedgerKind.OLD_HOUSES: self.tr("old-houses-ledger"),
            LedgerKind.SPECIAL_GROUPS: self.tr("special-groups-ledger"),
            LedgerKind.RETURNING_LABOUR: self.tr("returning-labour-ledger"),
            LedgerKind.FACILITIES: self.tr("site-facilities-ledger"),
            LedgerKind.JOBS: self.tr("job-menu"),
            LedgerKind.ASSETS: self.tr("site-assets-ledger"),
            LedgerKind.PROJECTS: self.tr("projects-and-workshops-ledger"),
        }
        current = Path(self.path_edit.text()) if self.path_edit.text() else Path.home() / "x.xlsx"
        self.path_edit.setText(str(current.with_name(f"{names[self.kind]}.xlsx")))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the ledger"), self.path_edit.text(), self.tr("Excel files (*.xlsx)")
        )
        if path:
            self.path_edit.setText(path)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.export_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self.kind_combo.setEnabled(not busy)

    def export(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.status.setText(self.tr("Choose where to save the file."))
            return
        path = Path(text)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        ctx, kind, selection = self.ctx, self.kind, self.selection
        month = self.month_edit.date().toString("yyyy-MM") if kind in MONTHLY else None

        def job(cancel: threading.Event, progress: Any) -> ExportResult:
            with ctx.session_factory.begin() as s:
                return ledgers.export_ledger(
                    s,
                    ctx.actor,
                    kind,
                    path,
                    selection=selection,
                    month=month,
                    clock=ctx.clock,
                    cancel=cancel,
                    progress=progress,
                )

        def done(result: ExportResult) -> None:
            self._set_busy(False)
            self.status.setText(
                self.tr("Exported %1 rows to %2.")
                .replace("%1", str(result.rows))
                .replace("%2", result.path)
            )
            self.exported.emit(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            msg = error_text(error) if isinstance(error, DomainError) else str(error)
            self.status.setText(msg)
            self.failed.emit(msg)

        def cancelled() -> None:
            self._set_busy(False)
            self.status.setText(self.tr("Cancelled; no file was written."))

        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Exporting…"))
        self._task = ctx.tasks.submit(
            job,
            pool=Pool.DATABASE,
            on_result=done,
            on_error=failed,
            on_progress=self._progress,
            on_cancelled=cancelled,
            owner=self,
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
