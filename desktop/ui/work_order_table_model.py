"""The work order list as a Qt table model: pages from SQL, countdowns from the clock.

Rows come from :func:`desktop.services.work_orders.list_orders` a page at a
time (``fetchMore``), already sorted by urgency in SQL.  Each row carries its
running deadline, so :meth:`WorkOrderTableModel.tick` (once a second) only
repaints the urgency and countdown columns: no query, no reset.  Urgency shows
in colour *and* in words (按时 / 即将超时 / 已超时).

Decisions, and why:

- Time left reads as words, never like a clock: "办结 剩 18 小时 08 分",
  "响应 剩 2 分 30 秒", "到场 超时 1 小时 05 分".  "办结 18:08:29" was read as
  the time of day the order was due.  Seconds are shown only under an hour,
  where the three-minute response window needs them.
- A selected row keeps its urgency colours (:class:`UrgencyDelegate`); the
  selection shows as a frame around the cell instead of the system's blue,
  which hid the red of an overdue order just when the user looked at it.
- A step done after its deadline is said in the status column ("已响应 ·
  响应超时") for as long as the order lives: the order's next stage may be on
  time, the late response stays late.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.domain.sla import CHINA_TZ, Stage, Urgency
from desktop.services.clock import Clock
from desktop.services.work_orders import OrderPage, OrderRow, StatsRow
from desktop.ui.labels import label

CONTEXT = "WorkOrderTableModel"
Loader = Callable[[int, int], OrderPage]
AnyIndex = QModelIndex | QPersistentModelIndex

COL_URGENCY = 0
COL_COUNTDOWN = 1
COL_CODE = 2
COL_STATUS = 3
COL_CATEGORY = 4
COL_DESCRIPTION = 5
COL_CALLER = 6
COL_GRID = 7
COL_RECEIVED = 8

HEADERS = (
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Urgency"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Next deadline"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Code"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Status"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Category"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Request"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Resident"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Grid"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Received"),
)

URGENCY_WORDS = {
    Urgency.ON_TIME: QT_TRANSLATE_NOOP("WorkOrderTableModel", "On time"),
    Urgency.DUE_SOON: QT_TRANSLATE_NOOP("WorkOrderTableModel", "Due soon"),
    Urgency.OVERDUE: QT_TRANSLATE_NOOP("WorkOrderTableModel", "Overdue"),
}
STAGE_WORDS = {
    Stage.RESPOND: QT_TRANSLATE_NOOP("WorkOrderTableModel", "Respond"),
    Stage.ARRIVE: QT_TRANSLATE_NOOP("WorkOrderTableModel", "On site"),
    Stage.RESOLVE: QT_TRANSLATE_NOOP("WorkOrderTableModel", "Resolve"),
}
# (background, text): green / amber / red, readable on white and in print
URGENCY_COLOURS = {
    Urgency.ON_TIME: ("#e3f2e6", "#1b5e20"),
    Urgency.DUE_SOON: ("#fff1d6", "#7a4b00"),
    Urgency.OVERDUE: ("#fde3e1", "#a1160a"),
}
TEXT_DUE_AT = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "Due at %1"))
TEXT_PROVISIONAL_TIP = str(
    QT_TRANSLATE_NOOP(
        "WorkOrderTableModel", "Provisional: the holiday calendar of that year is not known yet."
    )
)
TEXT_LATE_BY = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "late by %1"))
TEXT_PROVISIONAL = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "(provisional)"))
TEXT_SUPERVISED = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "supervised L%1"))
TEXT_EXTENDED = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "extended"))
TEXT_URGENT = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "urgent"))
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole


@lru_cache(maxsize=512)
def tr(text: object) -> str:
    """Translated once per run: the language is chosen at start-up and kept."""
    return QCoreApplication.translate(CONTEXT, str(text))


def urgency_word(value: Urgency) -> str:
    return tr(URGENCY_WORDS[value])


def stage_word(value: Stage) -> str:
    return tr(STAGE_WORDS[value])


TEXT_SPAN_DAYS = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "%1 d %2 h"))
TEXT_SPAN_HOURS = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "%1 h %2 min"))
TEXT_SPAN_MINUTES = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "%1 min %2 s"))
TEXT_SPAN_SECONDS = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "%1 s"))
TEXT_LEFT = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "%1 left"))
TEXT_STAGE_LATE = str(QT_TRANSLATE_NOOP("WorkOrderTableModel", "%1 late"))


def format_duration(seconds: float) -> str:
    """A length of time in words: ``3 天 2 小时``, ``18 小时 08 分``, ``2 分 05 秒``, ``40 秒``."""
    total = int(abs(seconds))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return tr(TEXT_SPAN_DAYS).replace("%1", str(days)).replace("%2", str(hours))
    if hours:
        return tr(TEXT_SPAN_HOURS).replace("%1", str(hours)).replace("%2", f"{minutes:02d}")
    if minutes:
        return tr(TEXT_SPAN_MINUTES).replace("%1", str(minutes)).replace("%2", f"{secs:02d}")
    return tr(TEXT_SPAN_SECONDS).replace("%1", str(secs))


def late_word(stage: Stage) -> str:
    """``响应超时``: a step done after its deadline."""
    return tr(TEXT_STAGE_LATE).replace("%1", stage_word(stage))


def china_time(value: datetime) -> str:
    return value.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def countdown_text(row: OrderRow, now: datetime) -> str:
    """``办结 剩 18 小时 08 分`` or ``响应 超时 1 分 05 秒``: the running deadline in words."""
    if row.next_due is None or row.next_stage is None:
        return ""
    left = (row.next_due - now).total_seconds()
    if left < 0:
        span = tr(TEXT_LATE_BY).replace("%1", format_duration(-left))
    else:
        span = tr(TEXT_LEFT).replace("%1", format_duration(left))
    text = f"{stage_word(row.next_stage)} {span}"
    if row.provisional and row.next_stage is Stage.RESOLVE:
        text += " " + tr(TEXT_PROVISIONAL)
    return text


class WorkOrderTableModel(QAbstractTableModel):
    def __init__(
        self,
        clock: Clock,
        loader: Loader,
        *,
        page_size: int = 200,
        countdowns: bool = True,
        parent: Any = None,
    ):
        super().__init__(parent)
        self.clock = clock
        self.loader = loader
        self.page_size = page_size
        self.countdowns = countdowns
        self.rows: list[OrderRow] = []
        self.total = 0
        self._now = clock.now()
        self._words: dict[tuple[type, Any], str] = {}
        self._brushes = {
            (u, background): QBrush(QColor(colours[0] if background else colours[1]))
            for u, colours in URGENCY_COLOURS.items()
            for background in (True, False)
        }

    # -- loading

    def reload(self) -> None:
        self.beginResetModel()
        page = self.loader(0, self.page_size)
        self.rows = list(page.rows)
        self.total = page.total
        self._now = self.clock.now()
        self.endResetModel()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or len(self.rows) >= self.total:
            return
        page = self.loader(len(self.rows), self.page_size)
        if not page.rows:
            self.total = len(self.rows)
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self.rows.extend(page.rows)
        self.endInsertRows()

    def tick(self) -> None:
        """Advance the countdowns to the clock's now: repaint two columns, nothing else."""
        self._now = self.clock.now()
        if self.rows and self.countdowns:
            self.dataChanged.emit(
                self.index(0, COL_URGENCY),
                self.index(len(self.rows) - 1, COL_COUNTDOWN),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.ForegroundRole,
                ],
            )

    def row_at(self, row: int) -> OrderRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, order_id: str) -> int:
        for i, r in enumerate(self.rows):
            if r.id == order_id:
                return i
        return -1

    # -- Qt model interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return tr(HEADERS[section])
        return None

    def _word(self, value: Any) -> str:
        """Translated labels, looked up once: data() runs for every visible cell and role."""
        key = (type(value), value)
        text = self._words.get(key)
        if text is None:
            if isinstance(value, Urgency):
                text = urgency_word(value)
            elif isinstance(value, Stage):
                text = stage_word(value)
            elif isinstance(value, str) and not isinstance(value, StrEnum):
                text = tr(value)
            else:
                text = label(value)
            self._words[key] = text
        return text

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if col > COL_COUNTDOWN or not self.countdowns:
                return None
            urgency = row.urgency(self._now)
            if urgency is None:
                return None
            return self._brushes[(urgency, role == Qt.ItemDataRole.BackgroundRole)]
        if role == ROW_ROLE:
            return row
        if role == URGENCY_ROLE:
            return row.urgency(self._now) if self.countdowns else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        return None

    def _tooltip(self, row: OrderRow, col: int) -> str | None:
        if col == COL_DESCRIPTION:
            return row.description
        if col == COL_COUNTDOWN and row.next_due is not None:
            tip = self._word(TEXT_DUE_AT).replace("%1", china_time(row.next_due))
            if row.provisional:
                tip += "\n" + self._word(TEXT_PROVISIONAL_TIP)
            return tip
        if col == COL_CALLER:
            return f"{row.caller_name} {row.caller_phone}".strip()
        if col == COL_STATUS and row.late_stages:
            return "、".join(late_word(stage) for stage in row.late_stages)
        return None

    def _countdown(self, row: OrderRow) -> str:
        return countdown_text(row, self._now)

    def _display(self, row: OrderRow, col: int) -> Any:
        if col == COL_URGENCY:
            urgency = row.urgency(self._now) if self.countdowns else None
            flag = "⚑ " + self._word(TEXT_URGENT) + " · " if row.urgent else ""
            if urgency is None:
                return flag.removesuffix(" · ")
            return flag + ("▲ " if urgency is Urgency.OVERDUE else "") + self._word(urgency)
        if col == COL_COUNTDOWN:
            return self._countdown(row) if self.countdowns else ""
        if col == COL_CODE:
            return row.code  # the number alone: it is read out and copied
        if col == COL_STATUS:
            text = self._word(row.status)
            if row.escalation_level:
                text += " · " + self._word(TEXT_SUPERVISED).replace("%1", str(row.escalation_level))
            if row.extended:
                text += " · " + self._word(TEXT_EXTENDED)
            for stage in row.late_stages:
                text += " · " + late_word(stage)
            return text
        if col == COL_CATEGORY:
            return self._word(row.category)
        if col == COL_DESCRIPTION:
            first = row.description.splitlines()[0] if row.description else ""
            return first if len(first) <= 40 else first[:39] + "…"
        if col == COL_CALLER:
            return row.head_name or row.caller_name or row.caller_phone
        if col == COL_GRID:
            return row.grid_name
        if col == COL_RECEIVED:
            return china_time(row.received_at)
        return None


STATS_HEADERS = (
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Grid or category"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Orders received"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Resolved"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Answered"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Open"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Extended"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Supervised"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Responded in time"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "On site in time"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Resolved in time"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Median response (min)"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Median arrival (h)"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Median resolution (h)"),
    QT_TRANSLATE_NOOP("WorkOrderTableModel", "Satisfied"),
)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


class WorkOrderStatsModel(QAbstractTableModel):
    """A month's figures, one row per grid or category and a total row last."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[tuple[str, StatsRow]] = []

    def set_rows(self, rows: list[tuple[str, StatsRow]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(STATS_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(STATS_HEADERS)
        ):
            return tr(STATS_HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        name, r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values: tuple[str, ...] = (
            name,
            str(r.received),
            str(r.resolved),
            str(r.answered),
            str(r.open),
            str(r.extended),
            str(r.escalated),
            _percent(r.respond_on_time),
            _percent(r.arrive_on_time),
            _percent(r.resolve_on_time),
            _number(r.median_respond_minutes),
            _number(None if r.median_arrive_minutes is None else r.median_arrive_minutes / 60),
            _number(r.median_resolve_hours),
            _percent(r.satisfaction_rate),
        )
        return values[col] if 0 <= col < len(values) else None


class UrgencyDelegate(QStyledItemDelegate):
    """Paints the urgency cells of a selected row in their urgency colours, framed."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if option.state & QStyle.StateFlag.State_Selected and isinstance(background, QBrush):
            option.state &= ~QStyle.StateFlag.State_Selected
            option.backgroundBrush = background
            if isinstance(foreground, QBrush):
                option.palette.setBrush(QPalette.ColorRole.Text, foreground)
            option.font.setBold(True)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        super().paint(painter, option, index)
        if selected and isinstance(index.data(Qt.ItemDataRole.BackgroundRole), QBrush):
            painter.save()
            widget = option.widget
            colour = (widget.palette() if isinstance(widget, QWidget) else option.palette).color(
                QPalette.ColorRole.Highlight
            )
            painter.setPen(QPen(colour, 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()
