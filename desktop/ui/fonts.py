"""The bundled CJK font and the user's font size.

WenQuanYi Zen Hei ships in ``resources/fonts`` so Chinese (rare characters in
village names included) renders on a machine without CJK fonts.  The default
size is generous: many township workers are over fifty.  A change in Settings
applies to every open window at once through ``QApplication.setFont``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.resources import cjk_font_path
from desktop.ui.i18n import preferences

KEY_FONT_SIZE = "ui/font_size"
DEFAULT_POINT_SIZE = 11
MIN_POINT_SIZE = 9
MAX_POINT_SIZE = 20
FALLBACK_FAMILY = "WenQuanYi Zen Hei"

_family: str | None = None


def register_cjk_font() -> str:
    """Register the bundled font once; the family name to use."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        # The collection also holds the Mono and Sharp variants; the plain one reads best.
        plain = [f for f in families if "Mono" not in f and "Sharp" not in f]
        _family = (plain or families or [FALLBACK_FAMILY])[0]
    return _family


def saved_point_size() -> int:
    try:
        size = int(str(preferences().value(KEY_FONT_SIZE, DEFAULT_POINT_SIZE)))
    except ValueError:
        return DEFAULT_POINT_SIZE
    return min(max(size, MIN_POINT_SIZE), MAX_POINT_SIZE)


def save_point_size(size: int) -> None:
    prefs = preferences()
    prefs.setValue(KEY_FONT_SIZE, int(size))
    prefs.sync()


def app_font(point_size: int) -> QFont:
    font = QFont(register_cjk_font())
    font.setPointSize(point_size)
    return font


class _FontNotifier(QObject):
    changed = Signal()


_notifier: _FontNotifier | None = None


def font_notifier() -> _FontNotifier:
    """Emits ``changed`` after :func:`apply_font_size`.

    Qt tells only top-level windows about a new application font
    (``ApplicationFontChange``); widgets with a font of their own, such as
    :class:`Heading`, listen here instead.
    """
    global _notifier
    if _notifier is None:
        _notifier = _FontNotifier()
    return _notifier


def apply_font_size(point_size: int) -> None:
    """Use ``point_size`` for the whole application, now."""
    QApplication.setFont(app_font(point_size))
    font_notifier().changed.emit()


class _FontFollower(QObject):
    """Keeps its parent widget's font ``scale`` times the application font.

    A child of the widget, so Qt disconnects it from the notifier when the
    widget goes: no call ever reaches a deleted widget.
    """

    def __init__(self, widget: QWidget, scale: float, bold: bool):
        super().__init__(widget)
        self._widget = widget
        self._scale = scale
        self._bold = bold
        self.apply()
        font_notifier().changed.connect(self.apply)

    @Slot()
    def apply(self) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(self._bold)
        self._widget.setFont(font)


def scale_font(widget: QWidget, scale: float, *, bold: bool = False) -> None:
    """Give ``widget`` a font ``scale`` times the application font, now and after every
    change of the size in Settings (a widget's own font no longer follows the
    application's by itself)."""
    _FontFollower(widget, scale, bold)


class _WidthForText(QObject):
    """Keeps its parent field wide enough for ``sample`` at the current font size."""

    def __init__(self, widget: QWidget, sample: str):
        super().__init__(widget)
        self._widget = widget
        self._sample = sample
        self.apply()
        font_notifier().changed.connect(self.apply)

    @Slot()
    def apply(self) -> None:
        metrics = QFontMetrics(QApplication.font())
        self._widget.setMinimumWidth(metrics.horizontalAdvance(self._sample) + 16)


def room_for(widget: QWidget, sample: str) -> None:
    """A field never narrower than ``sample`` (an 18-digit resident ID) at any font size."""
    _WidthForText(widget, sample)


class Heading(QLabel):
    """A bold title that stays ``scale`` times the application font when the user resizes it.

    A label given a font of its own no longer follows ``QApplication.setFont``;
    this one recomputes its font whenever the application font changes.
    """

    def __init__(self, text: str = "", scale: float = 1.4, parent: QWidget | None = None):
        super().__init__(text, parent)
        self._scale = scale
        self._follow_app_font()
        font_notifier().changed.connect(self._follow_app_font)

    @Slot()
    def _follow_app_font(self) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(True)
        self.setFont(font)
