"""Alerts that stay on screen until the user has seen them (a deadline passed, an order escalated).

A status-bar line disappears after a few seconds and is easily missed; the
three-minute response window is gone by the time anyone looks down.  The main
window therefore shows each alert in a coloured bar above the page, in words
and with a mark (never by colour alone), with 查看 to open the order and ✕ to
dismiss it, and asks the desktop to draw attention to the window (the task
bar entry flashes).  The system tray shows the same alert where the desktop
has one.

Decisions, and why: the newest alert comes first and only the last
:data:`MAX_NOTICES` stay (a burst of escalations must not push the page off a
768-pixel screen); an alert about an order already shown replaces the older
line instead of stacking.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MAX_NOTICES = 3
STYLES = {
    "due_soon": ("⏰", "#fff1d6", "#7a4b00"),
    "overdue": ("⚠", "#fde3e1", "#a1160a"),
    "escalated": ("⚠", "#fde3e1", "#a1160a"),
}


class Notice(QFrame):
    dismissed = Signal(object)
    open_requested = Signal(str)

    def __init__(self, kind: str, text: str, order_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.order_id = order_id
        mark, background, colour = STYLES.get(kind, STYLES["overdue"])
        self.setObjectName("notice")
        self.setStyleSheet(
            f"#notice {{ background: {background}; border: 1px solid {colour};"
            f" border-radius: 3px; }} QLabel {{ color: {colour}; font-weight: bold; }}"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 4, 2)
        self.label = QLabel(f"{mark} {text}")
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        if order_id:
            show = QPushButton(self.tr("Show"))
            show.setObjectName("notice_show")
            show.clicked.connect(lambda: self.open_requested.emit(self.order_id))
            row.addWidget(show)
        close = QPushButton("✕")
        close.setObjectName("notice_close")
        close.setToolTip(self.tr("Dismiss"))
        close.setFlat(True)
        close.clicked.connect(lambda: self.dismissed.emit(self))
        row.addWidget(close)

    def text(self) -> str:
        return self.label.text()


class NoticeBar(QWidget):
    """Holds the alerts; ``open_requested`` asks to open an order."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(6, 4, 6, 0)
        self.column.setSpacing(2)
        self.notices: list[Notice] = []
        self.hide()

    def post(self, kind: str, text: str, order_id: str = "") -> Notice:
        for old in [n for n in self.notices if order_id and n.order_id == order_id]:
            self._remove(old)
        notice = Notice(kind, text, order_id)
        notice.dismissed.connect(self._remove)
        notice.open_requested.connect(self.open_requested)
        self.notices.insert(0, notice)
        self.column.insertWidget(0, notice)
        while len(self.notices) > MAX_NOTICES:
            self._remove(self.notices[-1])
        self.show()
        window = self.window()
        if window is not None:
            QApplication.alert(window)
        return notice

    def texts(self) -> list[str]:
        return [n.text() for n in self.notices]

    def _remove(self, notice: Notice) -> None:
        if notice in self.notices:
            self.notices.remove(notice)
        self.column.removeWidget(notice)
        notice.hide()
        notice.deleteLater()
        if not self.notices:
            self.hide()


__all__ = ["MAX_NOTICES", "Notice", "NoticeBar"]
