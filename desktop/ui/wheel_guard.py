"""The mouse wheel scrolls the form; it never changes a field the user is not in.

Qt lets a closed drop-down (``QComboBox``), a spin box and a date field take
the wheel whenever the pointer passes over them, and gives them the focus on
the way (their focus policy is ``WheelFocus``).  A grid member scrolling a
long form with the wheel changed 户类别 from 建档立卡搬迁户 to 同步搬迁户
without noticing, and in the import wizard a column mapping.

:func:`install_wheel_guard` puts one filter on the application:

- such a field is given ``StrongFocus`` when it is polished (Tab and a click
  still reach it, the wheel no longer does), so the wheel cannot hand it the
  focus first;
- a wheel event over such a field without the focus goes to the scroll area
  the field sits in (the form scrolls) instead of changing the value.  Once the user has clicked or tabbed into the field the wheel works
  there as before, and an open drop-down list scrolls as always (the list is
  another widget).

Decisions, and why:

- One application-wide filter rather than a subclass of each field type, so
  that every field of every window, the import wizard's mapping included,
  behaves alike without anybody remembering to use the right class.
- The wheel is handed to the nearest scroll area explicitly rather than left
  to Qt's propagation to the parent: Qt propagates only wheel events that come
  from the device, and the same path for every event is one that tests can
  drive.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)


def takes_wheel(widget: QWidget) -> bool:
    """Whether ``widget`` may change its value by the wheel now: only when it has the focus."""
    return widget.hasFocus()


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if (
            kind == QEvent.Type.Wheel
            and isinstance(watched, GUARDED)
            and isinstance(event, QWheelEvent)
            and not takes_wheel(watched)
        ):
            scroll_by_wheel(watched, event)
            return True
        return False


def scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose page holds ``widget``."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        if parent.isWindow():
            return None
        parent = parent.parentWidget()
    return None


def scroll_by_wheel(widget: QWidget, event: QWheelEvent) -> None:
    """Give the wheel turned over ``widget`` to its scroll area, as if over the page itself."""
    area = scroll_area_of(widget)
    if area is None:
        event.ignore()
        return
    viewport = area.viewport()
    position = QPointF(viewport.mapFrom(widget, event.position().toPoint()))
    forwarded = QWheelEvent(
        position,
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )
    QApplication.sendEvent(viewport, forwarded)
    event.accept()


_guard: WheelGuard | None = None


def install_wheel_guard(app: QApplication) -> None:
    """Install the filter once on ``app`` (repeated calls do nothing)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard()
        app.installEventFilter(_guard)
