"""What a user does to a window, as Qt receives it: keys, clicks, the close button, the wheel.

GUI tests drive windows through these, never through the methods a button
happens to call, so a window that ignores Esc or its close button fails here
as it fails for the user.  ``database_rows`` reads every row of the database
file with a second connection, so "nothing was written" is checked on what is
on disk.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QCloseEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

CANCEL_TEXTS = ("取消", "关闭")


def press_escape(qtbot: QtBot, window: QWidget) -> None:
    """Esc, typed wherever the focus is in ``window`` (or at the window)."""
    focus = QApplication.focusWidget()
    target = focus if focus is not None and window.isAncestorOf(focus) else window
    qtbot.keyClick(target, Qt.Key.Key_Escape)


def click_close_button(window: QWidget) -> None:
    """The title bar's ✕: the window manager sends the window a close event."""
    QApplication.sendEvent(window, QCloseEvent())


def cancel_button(window: QWidget) -> QAbstractButton:
    """The button that leaves without doing anything: a wizard's 取消, a button box's
    reject button, else the visible button labelled 取消 (or 关闭)."""
    from PySide6.QtWidgets import QDialogButtonBox, QWizard

    if isinstance(window, QWizard):
        button = window.button(QWizard.WizardButton.CancelButton)
        assert button is not None and button.isVisible()
        return button
    for box in window.findChildren(QDialogButtonBox):
        for b in box.buttons():
            if box.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole and b.isVisibleTo(
                window
            ):
                return b
    buttons = [
        b
        for b in window.findChildren(QAbstractButton)
        if b.isVisibleTo(window) and b.text().replace("&", "").startswith(CANCEL_TEXTS)
    ]
    assert buttons, f"no 取消 button in {type(window).__name__}"
    return buttons[0]


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wheel(widget: QWidget, notches: int = -1) -> None:
    """Turn the mouse wheel over ``widget`` (negative: towards the user, scrolling down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def database_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the database file, read by a second connection."""
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: sorted(db.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}


def answer_next_box(qtbot: QtBot, button_text: str) -> list[str]:
    """Click ``button_text`` in the next message box that opens; returns its text once shown.

    A message box runs its own event loop, so the answer is given from a timer
    while the box waits, as a user would click it.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "").startswith(button_text):
                button.click()
                return
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, answer)
    return seen
