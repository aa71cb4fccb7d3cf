"""Keyboard-first input widgets shared by the household and visit forms.

Grid members type fast and seldom reach for the mouse: Enter moves to the next
field (a button under the focus is pressed instead), every field has its own
error line right below it, and what a field holds can be read and written as
plain text, so a whole form can be kept as a draft and restored.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.errors import on_edit
from desktop.ui.labels import choices

ERROR_STYLE = "color: #b3261e;"
CHANGED_STYLE = "background-color: #fff4c2;"
TOP = Qt.AlignmentFlag.AlignTop


def field_label(text: str, buddy: QWidget) -> QLabel:
    """A label level with its field's first line, whatever error shows under the field."""
    label = QLabel(text)
    label.setBuddy(buddy)
    label.setFixedHeight(buddy.sizeHint().height())
    label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
    return label


class EnterMovesOn(QObject):
    """Event filter: Enter/Return in a field moves the focus on, like Tab.

    ``on_focus`` is told of every field that takes the focus (to scroll it into
    view).  The filter is a child of the form, so it goes away with it; an
    application-wide focus signal would outlive a closed form.
    """

    def __init__(
        self, parent: QObject | None = None, on_focus: Callable[[QWidget], None] | None = None
    ):
        super().__init__(parent)
        self.on_focus = on_focus

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and self.on_focus and isinstance(watched, QWidget):
            self.on_focus(watched)
            return False
        if not (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)):
            return False
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            return False
        if isinstance(watched, QAbstractButton) and not isinstance(watched, QCheckBox):
            watched.click()
            return True
        if isinstance(watched, QComboBox) and watched.view().isVisible():
            return False
        if isinstance(watched, QWidget):
            watched.focusNextChild()
            return True
        return False


def enum_combo(enum: type[StrEnum], *, blank: str | None = None) -> QComboBox:
    """A combo box of an enum's translated labels; item data is the stored value."""
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, "")
    for text, member in choices(enum):
        box.addItem(text, member.value)
    return box


def set_combo_value(box: QComboBox, value: str | None) -> None:
    index = box.findData(value if value is not None else "")
    if index < 0 and box.isEditable() and value:
        box.setEditText(value)
        return
    box.setCurrentIndex(max(index, 0))


def combo_value(box: QComboBox) -> str:
    if box.isEditable():
        text = box.currentText().strip()
        index = box.findText(text)
        data = box.itemData(index) if index >= 0 else None
        return str(data) if data else text
    data = box.currentData()
    return "" if data is None else str(data)


def widget_text(widget: QWidget) -> str | bool:
    """What a field holds, as a draft keeps it."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return combo_value(widget)
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    raise TypeError(type(widget))


def set_widget_text(widget: QWidget, value: object) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
    elif isinstance(widget, QComboBox):
        set_combo_value(widget, None if value is None else str(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))


class FieldBox(QWidget):
    """A field with its error line underneath; the error may carry a link."""

    link_activated = Signal(str)

    def __init__(self, widget: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.widget = widget
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextFormat(Qt.TextFormat.RichText)
        self.error.linkActivated.connect(self.link_activated)
        self.error.hide()
        self._plain = ""
        layout.addWidget(self.error)
        # the warning goes once the field is changed (a form may show a new one after)
        on_edit(widget, self.clear_error)

    def show_error(self, text: str, link: tuple[str, str] | None = None) -> None:
        self._plain = text
        html = "⚠ " + _escape(text)
        if link is not None:
            html += f' <a href="{link[0]}">{_escape(link[1])}</a>'
        self.error.setText(html)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def error_text(self) -> str:
        """The error the user reads ("" when none shows)."""
        if self.error.isHidden():
            return ""
        return self._plain


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
