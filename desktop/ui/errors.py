"""Showing a service's :class:`DomainError` where the user will look for it.

An error that names a field appears right under that field, in words with a
warning sign (not in colour alone), and the field takes the focus; any other
error opens a message box.  The sentence comes from ``desktop.messages`` in the
interface language, so the CLI and the GUI say the same thing.

An error goes away as soon as the user changes its field (:func:`on_edit`):
a warning still showing after the mistake was put right ("请从列表中选择"
under a relation already chosen, "同一人" under a hand-over already changed)
reads as if the program had not noticed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import DomainError
from desktop.messages import error_message
from desktop.ui.i18n import message_language

ERROR_STYLE = "color: #b3261e;"


def on_edit(widget: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever what ``widget`` holds changes (typing, an input method's
    commit, a choice, a tick), and for a container, when any field inside it does."""
    fields = [widget, *widget.findChildren(QWidget)]
    for field in fields:
        if isinstance(field, QLineEdit):
            field.textChanged.connect(lambda _t: slot())
        elif isinstance(field, QPlainTextEdit):
            field.textChanged.connect(slot)
        elif isinstance(field, QComboBox):
            field.currentIndexChanged.connect(lambda _i: slot())
        elif isinstance(field, QAbstractButton) and field.isCheckable():
            field.toggled.connect(lambda _c: slot())
        elif isinstance(field, QSpinBox):
            field.valueChanged.connect(lambda _v: slot())
        elif isinstance(field, QDateTimeEdit):
            field.dateTimeChanged.connect(lambda _d: slot())
        elif isinstance(field, QListWidget):
            field.itemChanged.connect(lambda _i: slot())


def error_text(error: DomainError) -> str:
    return error_message(error, message_language())


def show_error_box(parent: QWidget | None, error: DomainError | str) -> None:
    text = error if isinstance(error, str) else error_text(error)
    QMessageBox.warning(parent, QCoreApplication.translate("Errors", "Cannot continue"), text)


class FieldErrors:
    """The error labels of one form, by the field names services use.

    ``add_row(form, label, widget, "county_code")`` puts ``widget`` in the form
    with a hidden error line under it; ``show(error)`` fills the line of
    ``error.field`` or, for an error of no known field, opens a message box.
    """

    def __init__(self, owner: QWidget):
        self.owner = owner
        self.inputs: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}

    def add_row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> QLabel:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = self.add_label(field, widget)
        column.addWidget(error)
        form.addRow(label, box)
        return error

    def add_label(self, field: str, widget: QWidget) -> QLabel:
        """An error line for ``field`` to place yourself (outside a QFormLayout)."""
        error = QLabel()
        error.setObjectName(f"error_{field}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        error.hide()
        self.inputs[field] = widget
        self.labels[field] = error
        on_edit(widget, lambda f=field: self.clear_field(f))  # type: ignore[misc]
        return error

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()

    def clear_field(self, field: str) -> None:
        """Take one field's error away (the user is correcting it)."""
        label = self.labels.get(field)
        if label is not None:
            label.clear()
            label.hide()

    def set_text(self, field: str, text: str) -> None:
        label = self.labels[field]
        label.setText("⚠ " + text)
        label.show()
        self.inputs[field].setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self, field: str) -> str:
        """What the user reads under ``field`` ("" when no error shows)."""
        label = self.labels[field]
        return label.text().removeprefix("⚠ ") if not label.isHidden() else ""

    def show(self, error: DomainError) -> None:
        self.clear()
        if error.field in self.labels:
            self.set_text(error.field, error_text(error))
        else:
            show_error_box(self.owner, error)
