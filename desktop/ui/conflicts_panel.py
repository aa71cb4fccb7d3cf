"""The Sync page's conflict review: what two people wrote without seeing each other.

One row per conflict, grouped by record (the household, the member with their
household, the work order): the field in words, the value before both edits, what
stands now (read from the record), and each side with who wrote it and when.  The
buttons are the choices the service offers for the selected conflict
(``ConflictView.choices``): keep what stands, take the other value, type a value
(checked by the household form; an enumerated field offers its choices), remove
the second entry of a person entered twice.  打开该户 (or a double click) opens the
household the conflict is about.  Deciding is for the township administrator.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import DomainError
from desktop.domain.sla import to_china
from desktop.reports.labels import ENUM_LABELS, FIELD_ENUMS
from desktop.services import conflicts as conflict_service
from desktop.services.conflicts import ConflictView
from desktop.ui.board_table_model import Column, RowsTableModel
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import show_error_box

CONTEXT = "ConflictsPanel"
MAX_COLUMN_PX = 280


def _t(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


def _side(c: ConflictView, value: Any, who: str, when: Any) -> str:
    stamp = to_china(when).strftime("%m-%d %H:%M") if when else ""
    return (
        _t(QT_TRANSLATE_NOOP("ConflictsPanel", "%1 (%2, %3)"))
        .replace("%1", c.shown(value))
        .replace("%2", who or "—")
        .replace("%3", stamp or "—")
    )


def _what(c: ConflictView) -> str:
    return c.field_label if c.kind == "field" else f"{c.field_label}（{c.kind_label}）"


def _one_side(c: ConflictView) -> str:
    if c.kind == "duplicate":
        return c.other_record_label or c.shown(c.kept)
    return _side(c, c.kept, c.kept_by, c.kept_at)


def _other_side(c: ConflictView) -> str:
    if c.kind == "duplicate":
        return _t(QT_TRANSLATE_NOOP("ConflictsPanel", "the same value"))
    return _side(c, c.other, c.other_by, c.other_at)


COLUMNS: tuple[Column[ConflictView], ...] = (
    Column(QT_TRANSLATE_NOOP("BoardTable", "Record"), lambda c: c.record_label),
    Column(QT_TRANSLATE_NOOP("BoardTable", "Field"), _what),
    Column(QT_TRANSLATE_NOOP("BoardTable", "Before both edits"), lambda c: c.shown(c.base)),
    Column(QT_TRANSLATE_NOOP("BoardTable", "Value that stands"), lambda c: c.shown(c.current)),
    Column(QT_TRANSLATE_NOOP("BoardTable", "One side"), _one_side),
    Column(QT_TRANSLATE_NOOP("BoardTable", "Other side"), _other_side),
)


class ConflictsPanel(QGroupBox):
    household_opened = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Conflicts to review"))
        self.ctx = ctx
        self.busy = False
        layout = QVBoxLayout(self)
        self.model: RowsTableModel[ConflictView] = RowsTableModel(COLUMNS, lambda c: c.id, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(False)
        self.empty = QLabel(
            self.tr("No conflicts to review: every value written on two sides was merged.")
        )
        self.empty.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setObjectName("conflict_detail")
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        buttons = QHBoxLayout()
        self.keep_button = QPushButton(self.tr("Keep the value that stands"))
        self.other_button = QPushButton(self.tr("Take the other value"))
        self.third_button = QPushButton(self.tr("Type the right value…"))
        self.remove_button = QPushButton(self.tr("Remove the second entry"))
        self.open_button = QPushButton(self.tr("Open the household"))
        self.buttons = {
            "current": self.keep_button,
            "other": self.other_button,
            "custom": self.third_button,
            "remove": self.remove_button,
        }
        for button in (*self.buttons.values(), self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.keep_button.clicked.connect(lambda: self.resolve("current"))
        self.other_button.clicked.connect(lambda: self.resolve("other"))
        self.third_button.clicked.connect(self.resolve_typed)
        self.remove_button.clicked.connect(lambda: self.resolve("remove"))
        self.open_button.clicked.connect(self.open_selected)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(self.update_buttons)

    # ------------------------------------------------------------ reading
    def refresh(self) -> None:
        rows = self.ctx.call(conflict_service.list_conflicts)
        selected = self.selected()
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount() - 1):  # long values: the tooltip
            header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_PX))
        self.empty.setVisible(not rows)
        self.view.setVisible(bool(rows))
        if selected is not None:
            for i, row in enumerate(rows):
                if row.id == selected.id:
                    self.view.selectRow(i)
        self.update_buttons()

    def selected(self) -> ConflictView | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[rows[0].row()]

    def update_buttons(self, *_: object) -> None:
        c = self.selected()
        admin = self.ctx.actor.is_admin
        why = "" if admin else self.tr("Only the township administrator reviews conflicts.")
        for choice, button in self.buttons.items():
            button.setVisible(c is None or choice in c.choices)
            button.setEnabled(c is not None and admin and not self.busy and choice in c.choices)
            button.setToolTip(why)
        self.open_button.setEnabled(c is not None and c.household_id is not None)
        self.detail.setText(self._explain(c) if c is not None else "")

    def _explain(self, c: ConflictView) -> str:
        if c.kind == "duplicate":
            return (
                self.tr("%1 and %2 hold the same %3 (%4): the same person or thing entered twice?")
                .replace("%1", c.record_label)
                .replace("%2", c.other_record_label or "—")
                .replace("%3", c.field_label)
                .replace("%4", c.shown(c.kept))
            )
        if c.kind == "head":
            return self.tr(
                "Two laptops named different heads of this household; the one named last "
                "stays head and this member's relation was set to %1. Confirm, or type the "
                "right relation."
            ).replace("%1", c.shown(c.current))
        return (
            self.tr("%1 of %2 was %3; %4 wrote %5 at %6 and %7 wrote %8 at %9; %10 stands now.")
            .replace("%10", c.shown(c.current))
            .replace("%1", c.field_label)
            .replace("%2", c.record_label)
            .replace("%3", c.shown(c.base))
            .replace("%4", c.kept_by or "—")
            .replace("%5", c.shown(c.kept))
            .replace("%6", to_china(c.kept_at).strftime("%m-%d %H:%M") if c.kept_at else "—")
            .replace("%7", c.other_by or "—")
            .replace("%8", c.shown(c.other))
            .replace("%9", to_china(c.other_at).strftime("%m-%d %H:%M") if c.other_at else "—")
        )

    # ------------------------------------------------------------ deciding
    def resolve(self, choice: str, value: Any = None) -> None:
        c = self.selected()
        if c is None:
            return
        try:
            self.ctx.call(conflict_service.resolve_conflict, c.id, choice=choice, value=value)
        except DomainError as exc:
            show_error_box(self, exc)
            return
        self.ctx.bus.data_changed.emit(Changed({c.table: frozenset({c.row_id})}))
        self.refresh()

    def resolve_typed(self) -> None:
        c = self.selected()
        if c is None:
            return
        title = self.tr("The right value")
        prompt = self.tr("%1 of %2:").replace("%1", c.field_label).replace("%2", c.record_label)
        kind = FIELD_ENUMS.get((c.table, c.field))
        if kind is not None:
            labels = [label for label in ENUM_LABELS[kind].values() if label]
            current = c.shown(c.current)
            start = labels.index(current) if current in labels else 0
            text, ok = QInputDialog.getItem(self, title, prompt, labels, start, False)
        else:
            shown = "" if c.current is None else str(c.current)
            text, ok = QInputDialog.getText(self, title, prompt, text=shown)
        if ok:
            self.resolve("custom", text)

    def open_selected(self) -> None:
        c = self.selected()
        if c is not None and c.household_id is not None:
            self.household_opened.emit(c.household_id)
