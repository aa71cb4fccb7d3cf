"""The household page's files tab (一户一档): the list, add a file, open one, print the index.

Adding runs the service in one call (the file is re-encoded or checked and
stored under its hash, then recorded); errors show in the dialog at their
field.  Opening hands the stored file to the desktop's viewer.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import AttachmentKind
from desktop.domain.validation import parse_iso_date
from desktop.services import attachments as svc
from desktop.services.work_orders import photo_dir_for
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import show_error_box
from desktop.ui.household_page_rows import Cell, RowsModel, rows_table
from desktop.ui.labels import label
from desktop.ui.survey_fields import enum_combo
from desktop.ui.survey_widgets import SmallFormDialog


class AttachmentDialog(SmallFormDialog):
    """Kind, date, title and the file itself."""

    def __init__(
        self, ctx: UiContext, household_id: str, today: date, parent: QWidget | None = None
    ):
        super().__init__(self.tr("Add a file to the household's record"), parent)
        self.ctx, self.household_id, self.today = ctx, household_id, today
        self.kind = enum_combo(AttachmentKind)
        self.kind.setObjectName("attachment_kind")
        self.add(self.tr("Kind"), "kind", self.kind)
        self.day = QLineEdit(today.isoformat())
        self.day.setObjectName("attachment_date")
        self.add(self.tr("Date (taken, signed or issued)"), "dated", self.day)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("attachment_title")
        self.add(self.tr("Title"), "title", self.title_edit)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.file_label = QLabel(self.tr("No file chosen"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose)
        row.addWidget(self.file_label, 1)
        row.addWidget(choose)
        self.add(self.tr("File"), "file", box)
        self.path: Path | None = None

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a photo or a PDF scan"),
            "",
            self.tr("Photos and scans (*.jpg *.jpeg *.png *.pdf)"),
        )
        if name:
            self.set_file(Path(name))

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(path.name)

    def run(self) -> None:
        day = parse_iso_date(self.day.text(), "dated") or self.today
        self.ctx.call(
            svc.add_attachment,
            self.household_id,
            kind=str(self.kind.currentData()),
            dated=day,
            title=self.title_edit.text(),
            data=self.path.read_bytes() if self.path else b"",
            folder=photo_dir_for(self.ctx.db_path),
            today=self.today,
        )


class AttachmentsTab(QWidget):
    """The files of one household."""

    count_changed = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.household_id: str | None = None
        self.items: tuple[svc.AttachmentInfo, ...] = ()
        self.model = RowsModel(
            [self.tr("Kind"), self.tr("Date"), self.tr("Title"), self.tr("File")], self
        )
        self.view = rows_table(self.model, 2)
        self.view.setObjectName("attachments_view")
        self.view.doubleClicked.connect(lambda index: self.open_file(index.row()))
        self.add_button = QPushButton(self.tr("Add a file…"))
        self.add_button.setObjectName("add_attachment")
        self.add_button.clicked.connect(self.add_file)
        self.add_button.setEnabled(ctx.actor.can_write)
        self.index_button = QPushButton(self.tr("Print the index…"))
        self.index_button.setObjectName("print_attachment_index")
        self.index_button.clicked.connect(self._print_index_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.index_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.dialog: AttachmentDialog | None = None

    def today(self) -> date:
        return self.ctx.clock.now().astimezone().date()

    def set_household(self, household_id: str) -> None:
        self.household_id = household_id
        self.refresh()

    def refresh(self) -> None:
        if self.household_id is None:
            return
        self.items = self.ctx.call(svc.attachments, self.household_id)
        self.model.set_rows(
            [
                [
                    Cell(label(AttachmentKind(a.kind))),
                    Cell(a.dated.isoformat()),
                    Cell(a.title),
                    Cell(a.file_name[:12] + "…", a.file_name),
                ]
                for a in self.items
            ]
        )
        self.count_changed.emit(len(self.items))

    def add_file(self) -> AttachmentDialog | None:
        if self.household_id is None:
            return None
        self.dialog = AttachmentDialog(self.ctx, self.household_id, self.today(), self)
        self.dialog.accepted.connect(self._added)
        self.dialog.open()
        return self.dialog

    def _added(self) -> None:
        self.refresh()
        if self.household_id is not None:
            self.ctx.bus.data_changed.emit(Changed({"attachments": frozenset()}))

    def open_file(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        path = photo_dir_for(self.ctx.db_path) / self.items[row].file_name
        if not path.exists():
            from desktop.domain.errors import NotFound

            show_error_box(self, NotFound("attachment_missing", field="file"))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _print_index_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the index as PDF"), "", self.tr("PDF files (*.pdf)")
        )
        if name:
            self.print_index(Path(name))

    def print_index(self, out: Path) -> int:
        if self.household_id is None:
            return 0
        return self.ctx.call(svc.print_index, (self.household_id,), out, today=self.today())
