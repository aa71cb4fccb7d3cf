"""Stands in for a page whose module has not been written yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.ui.context import UiContext
from desktop.ui.fonts import Heading


class PlaceholderPage(QWidget):
    def __init__(self, ctx: UiContext | None, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        heading = Heading(title)
        layout.addWidget(heading)
        note = QLabel(self.tr("This feature will come in a later version."))
        note.setObjectName("placeholder_note")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(note, 1)
