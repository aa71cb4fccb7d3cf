"""Printing explanation cards: preview inside Anju, the system printer, or a PDF file.

The cards are always made as a PDF first, on a background thread with
progress and a Cancel button; the preview and the printer then show that very
PDF page by page, so what is previewed, printed and saved is the same.
"""

from __future__ import annotations

import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import sla
from desktop.domain.errors import DomainError
from desktop.reports.cards import Layout
from desktop.reports.pdf_pages import PdfPages
from desktop.services import printing
from desktop.services.printing import PrintResult, Selection
from desktop.ui.context import UiContext
from desktop.ui.errors import ERROR_STYLE, error_text
from desktop.ui.tasks import Pool

MIN_PREVIEW_DPI = 50
MAX_PREVIEW_DPI = 200
MAX_PRINT_DPI = 300


class PrintCardsDialog(QDialog):
    """Cards for a selection of households (one, a building, a grid, a site, all)."""

    pdf_ready = Signal(str)  # path of the PDF just made
    failed = Signal(str)  # the message shown

    def __init__(
        self, ctx: UiContext, selection: Selection, scope: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.selection = selection
        self.setWindowTitle(self.tr("Print explanation cards"))
        self._tmp = tempfile.TemporaryDirectory(prefix="anju-cards-")
        self._task: Any = None
        self._preview: PdfPages | None = None
        self._preview_layout: Layout | None = None
        self._page = 0
        self.busy = False
        self.last_error = ""

        count = ctx.call(printing.count_selected, selection)
        self.scope_label = QLabel(
            self.tr("%1: %2 households, one card each")
            .replace("%1", scope)
            .replace("%2", str(count))
        )
        self.scope_label.setWordWrap(True)
        self.a5_radio = QRadioButton(self.tr("One card per A5 page"))
        self.a4_radio = QRadioButton(self.tr("Two cards per A4 sheet (cut in the middle)"))
        self.a5_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.a5_radio)
        group.addButton(self.a4_radio)
        group.buttonToggled.connect(lambda *_: self._forget_preview())

        # The hotline printed on every card: a township setting administrators keep here.
        self.hotline_edit = QLineEdit(ctx.call(lambda s, _a: printing.service_hotline(s)))
        self.hotline_edit.setObjectName("service_hotline")
        self.hotline_edit.setReadOnly(not ctx.actor.is_admin)
        self.hotline_save = QPushButton(self.tr("Save"))
        self.hotline_save.setVisible(ctx.actor.is_admin)
        self.hotline_save.clicked.connect(self.save_hotline)
        self.hotline_error = QLabel()
        self.hotline_error.setStyleSheet(ERROR_STYLE)
        self.hotline_error.setWordWrap(True)
        self.hotline_error.hide()
        hotline_row = QHBoxLayout()
        hotline_row.addWidget(self.hotline_edit, 1)
        hotline_row.addWidget(self.hotline_save)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.preview_button.clicked.connect(self.show_preview)
        self.print_button.clicked.connect(self._print_clicked)
        self.save_button.clicked.connect(self._save_clicked)
        self.print_button.setEnabled(count > 0)
        self.save_button.setEnabled(count > 0)
        self.preview_button.setEnabled(count > 0)

        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m cards"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("print_status")
        self.missing_phones = QLabel()
        self.missing_phones.setWordWrap(True)
        self.missing_phones.setObjectName("missing_phones")
        self.missing_phones.setStyleSheet("color: #8a5a00;")
        self.missing_phones.hide()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self._set_busy(False)

        # -- the preview: one page at a time, rendered when shown
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_image = QLabel(self.tr("Press Preview to see the cards before printing."))
        self.page_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_image.setMinimumSize(420, 480)
        self.page_scroll = scroll = QScrollArea()
        scroll.setWidget(self.page_image)
        scroll.setWidgetResizable(True)
        self.prev_button = QPushButton(self.tr("Previous page"))
        self.next_button = QPushButton(self.tr("Next page"))
        self.prev_button.clicked.connect(lambda: self.show_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self._page + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_label, 1)
        nav.addWidget(self.next_button)
        self._update_nav()

        left = QVBoxLayout()
        left.addWidget(self.scope_label)
        left.addSpacing(8)
        left.addWidget(QLabel(self.tr("Paper:")))
        left.addWidget(self.a5_radio)
        left.addWidget(self.a4_radio)
        left.addSpacing(8)
        left.addWidget(QLabel(self.tr("Service hotline on the cards:")))
        left.addLayout(hotline_row)
        left.addWidget(self.hotline_error)
        left.addSpacing(8)
        for b in (self.preview_button, self.print_button, self.save_button):
            left.addWidget(b)
        left.addStretch(1)
        left.addLayout(progress_row)
        left.addWidget(self.status)
        left.addWidget(self.missing_phones)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        left.addWidget(close)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addLayout(nav)
        body = QHBoxLayout(self)
        body.addLayout(left, 0)
        body.addLayout(right, 1)
        self.resize(980, 680)

    def save_hotline(self) -> None:
        try:
            number = self.ctx.call(printing.set_service_hotline, self.hotline_edit.text())
        except DomainError as exc:
            self.hotline_error.setText("⚠ " + error_text(exc))
            self.hotline_error.show()
            self.hotline_edit.setFocus()
            return
        self.hotline_error.hide()
        self.hotline_edit.setText(number)
        self._forget_preview()  # the preview shows the old number
        self.status.setText(self.tr("Hotline saved: %1").replace("%1", number))

    # ------------------------------------------------------------ state

    @property
    def layout_choice(self) -> Layout:
        return Layout.A4_TWO if self.a4_radio.isChecked() else Layout.A5

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        for b in (self.preview_button, self.print_button, self.save_button):
            b.setEnabled(not busy)
        self.a5_radio.setEnabled(not busy)
        self.a4_radio.setEnabled(not busy)

    def _forget_preview(self) -> None:
        if self._preview is not None:
            self._preview.close()
        self._preview = None
        self._preview_layout = None
        self.page_image.setPixmap(QPixmap())
        self.page_image.setText(self.tr("Press Preview to see the cards before printing."))
        self._update_nav()

    def _today(self) -> date:
        return sla.to_china(self.ctx.clock.now()).date()

    # ------------------------------------------------------------ making the PDF

    def make_pdf(self, out: Path, then: Any) -> None:
        """Make the cards as ``out`` off the GUI thread; ``then(result)`` on success."""
        ctx, selection, layout, today = self.ctx, self.selection, self.layout_choice, self._today()

        def job(cancel: threading.Event, progress: Any) -> PrintResult:
            with ctx.session_factory.begin() as s:
                return printing.print_cards(
                    s,
                    ctx.actor,
                    selection,
                    out,
                    today=today,
                    layout=layout,
                    cancel=cancel,
                    progress=progress,
                )

        def done(result: PrintResult) -> None:
            self._set_busy(False)
            self.pdf_ready.emit(result.path)
            then(result)
            self._warn_missing_phones(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            text = error_text(error) if isinstance(error, DomainError) else str(error)
            self.last_error = text
            self.status.setText(text)
            self.failed.emit(text)

        def cancelled() -> None:
            self._set_busy(False)
            self.status.setText(self.tr("Cancelled; no file was written."))

        self._set_busy(True)
        self.status.setText(self.tr("Making the cards…"))
        self.progress.setRange(0, 0)
        self._task = ctx.tasks.submit(
            job,
            pool=Pool.DATABASE,
            on_result=done,
            on_error=failed,
            on_progress=self._on_progress,
            on_cancelled=cancelled,
            owner=self,
        )

    def _warn_missing_phones(self, result: PrintResult) -> None:
        """Say, after what was made, which contacts are printed without a number."""
        self.missing_phones.setVisible(bool(result.missing_phones))
        if not result.missing_phones:
            return
        roles = {
            "grid": self.tr("grid member"),
            "building": self.tr("building leader"),
            "cadre": self.tr("household cadre"),
            "chief": self.tr("site chief"),
            "hotline": self.tr("hotline"),
        }
        shown = result.missing_phones[:8]
        lines = [f"{m.household_code} {roles.get(m.role, m.role)} {m.name}".rstrip() for m in shown]
        if len(result.missing_phones) > len(shown):
            lines.append(
                self.tr("and %1 more").replace("%1", str(len(result.missing_phones) - len(shown)))
            )
        self.missing_phones.setText(
            "⚠ "
            + self.tr("%1 contacts have no phone number; the cards say so. Record them:").replace(
                "%1", str(len(result.missing_phones))
            )
            + "\n"
            + "\n".join(lines)
        )

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _preview_path(self) -> Path:
        return Path(self._tmp.name) / f"cards-{self.layout_choice.value}.pdf"

    def show_preview(self) -> None:
        if self._preview is not None and self._preview_layout is self.layout_choice:
            self.show_page(self._page)
            return

        def loaded(result: PrintResult) -> None:
            self._forget_preview()
            self._preview = PdfPages(Path(result.path))
            self._preview_layout = self.layout_choice
            self.status.setText(
                self.tr("%1 cards on %2 pages.")
                .replace("%1", str(result.cards))
                .replace("%2", str(result.pages))
            )
            self.show_page(0)

        self.make_pdf(self._preview_path(), loaded)

    def show_page(self, index: int) -> None:
        if self._preview is None or not len(self._preview):
            return
        self._page = max(0, min(index, len(self._preview) - 1))
        # The whole page fits the preview area, so a card is seen at a glance.
        w_pt, h_pt = self._preview.size_points(self._page)
        area = self.page_scroll.viewport().size()
        fit = min((area.width() - 8) / w_pt, (area.height() - 8) / h_pt) * 72.0
        px = self._preview.render(self._page, max(MIN_PREVIEW_DPI, min(fit, MAX_PREVIEW_DPI)))
        image = QImage(px.rgba, px.width, px.height, px.stride, QImage.Format.Format_RGBA8888)
        self.page_image.setPixmap(QPixmap.fromImage(image.copy()))
        self._update_nav()

    def _update_nav(self) -> None:
        total = len(self._preview) if self._preview is not None else 0
        self.page_label.setText(
            self.tr("Page %1 of %2").replace("%1", str(self._page + 1)).replace("%2", str(total))
            if total
            else ""
        )
        self.prev_button.setEnabled(total > 0 and self._page > 0)
        self.next_button.setEnabled(total > 0 and self._page < total - 1)

    # ------------------------------------------------------------ save and print

    def _save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the cards as PDF"),
            str(Path.home() / self.tr("explanation-cards.pdf")),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")

        def saved(result: PrintResult) -> None:
            self.status.setText(
                self.tr("Saved %1 cards to %2.")
                .replace("%1", str(result.cards))
                .replace("%2", result.path)
            )

        self.make_pdf(path, saved)

    def new_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.layout_choice is Layout.A5:
            size, orientation = QPageSize.PageSizeId.A5, QPageLayout.Orientation.Portrait
        else:
            size, orientation = QPageSize.PageSizeId.A4, QPageLayout.Orientation.Landscape
        printer.setPageLayout(QPageLayout(QPageSize(size), orientation, QMarginsF(0, 0, 0, 0)))
        printer.setFullPage(True)
        return printer

    def _print_clicked(self) -> None:
        printer = self.new_printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Make the PDF (unless the preview already holds it), then send its pages."""
        if self._preview is not None and self._preview_layout is self.layout_choice:
            self._send(printer, self._preview_path())
        else:
            self.make_pdf(self._preview_path(), lambda r: self._send(printer, Path(r.path)))

    def _send(self, printer: QPrinter, pdf: Path) -> None:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        with PdfPages(pdf) as pages:
            total = len(pages)
            progress = QProgressDialog(
                self.tr("Sending the cards to the printer…"), self.tr("Cancel"), 0, total, self
            )
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(300)
            painter = QPainter()
            if not painter.begin(printer):
                self.status.setText(self.tr("The printer could not be opened."))
                return
            try:
                for i in range(total):
                    if progress.wasCanceled():
                        printer.abort()
                        self.status.setText(self.tr("Printing cancelled."))
                        return
                    if i:
                        printer.newPage()
                    px = pages.render(i, dpi)
                    image = QImage(
                        px.rgba, px.width, px.height, px.stride, QImage.Format.Format_RGBA8888
                    )
                    target = QRectF(painter.viewport())
                    painter.drawImage(target, image)
                    progress.setValue(i + 1)
                    QCoreApplication.processEvents()
            finally:
                painter.end()
                progress.close()
        self.status.setText(self.tr("%1 pages sent to the printer.").replace("%1", str(total)))

    def done(self, result: int) -> None:
        self.cancel()
        if self._preview is not None:
            self._preview.close()
            self._preview = None
        super().done(result)
