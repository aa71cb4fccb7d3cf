"""Locking the window after a spell without input, so an unattended laptop shows no data.

:class:`IdleWatcher` watches every key and mouse event of the application and
fires after ``timeout_ms`` without any.  :class:`LockScreen` then covers the
whole screen as the topmost modal window, so a form dialog left open is hidden
too (and keeps what was typed): only the same user's password brings the data
back; anyone else can log out instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.errors import FieldErrors
from desktop.ui.fonts import Heading

IDLE_MINUTES = 15
DEFAULT_IDLE_MS = IDLE_MINUTES * 60 * 1000

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Emits :attr:`idle` once after ``timeout_ms`` without user input, until restarted."""

    idle = Signal()

    def __init__(self, timeout_ms: int = DEFAULT_IDLE_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        self._watching = False

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
            self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()  # restart the countdown
        return False


class LockScreen(QWidget):
    """What the window shows while locked: nothing of the township's data."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(
        self,
        user_display: str,
        verify: Callable[[str], str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAutoFillBackground(True)
        self.setObjectName("lock_screen")
        self._verify = verify
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        panel = QWidget()
        panel.setMinimumWidth(520)
        panel.setMaximumWidth(640)
        column = QVBoxLayout(panel)
        heading = Heading(self.tr("Anju is locked"), 1.5)
        column.addWidget(heading)
        self._user_display = user_display
        self.note = QLabel()
        self.note.setObjectName("lock_note")
        self.note.setWordWrap(True)
        column.addWidget(self.note)
        form = QFormLayout()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("unlock_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.try_unlock)
        self.errors = FieldErrors(self)
        self.errors.add_row(form, self.tr("Password"), self.password_edit, "password")
        column.addLayout(form)
        buttons = QHBoxLayout()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.logout_button = QPushButton(self.tr("Log out (another user)"))
        self.logout_button.clicked.connect(self.logout_requested)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        buttons.addWidget(self.logout_button)
        column.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def cover(self, area: QRect, *, by_hand: bool = False) -> None:
        """Show over ``area`` (the screen), above every other window of the application.

        ``by_hand``: the user chose 锁定 (Ctrl+L), rather than the idle timer.
        """
        if by_hand:
            text = self.tr("Anju is locked. %1, enter your password to go on.")
        else:
            text = self.tr(
                "Anju locked itself after a while without use, to keep residents' data "
                "private. %1, enter your password to go on."
            )
        self.note.setText(text.replace("%1", self._user_display))
        self.reset()
        self.setGeometry(area)
        self.show()
        self.raise_()
        self.activateWindow()
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        self.password_edit.clear()
        self.errors.clear()
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def error(self) -> str:
        return self.errors.text("password")

    @Slot()
    def try_unlock(self) -> None:
        password = self.password_edit.text()
        self.password_edit.clear()
        if not password:
            self.errors.set_text("password", self.tr("Wrong password. Try again, or log out."))
            return
        # the same count as the login window: a run of wrong passwords locks the account
        problem = self._verify(password)
        if problem:
            self.errors.set_text("password", problem)
        else:
            self.errors.clear()
            self.unlocked.emit()
