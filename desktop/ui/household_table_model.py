"""The household list as a Qt table model that pages its rows from SQL.

The model never sees a session: it is given two callables (count and page,
usually ``ctx.call`` around the households service) and asks for blocks of
:data:`BLOCK_SIZE` rows as the view scrolls (``canFetchMore``/``fetchMore``),
so a township of 12 000 households opens as fast as one of 200.  Sorting and
filtering re-query in SQL; ``data()`` only reads what is already loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain.enums import HouseholdCategory, MonitoringCategory
from desktop.domain.monitoring import Risk
from desktop.services.households import HouseholdFilter, HouseholdRow, ListPage, SortKey
from desktop.ui.labels import label

CountFn = Callable[[HouseholdFilter], int]
PageFn = Callable[[HouseholdFilter, SortKey, bool, int, int], list[HouseholdRow]]
Index = QModelIndex | QPersistentModelIndex

BLOCK_SIZE = 200

COL_CODE = 0
COL_HEAD = 1
COL_MEMBERS = 2
COL_SITE = 3
COL_GRID = 4
COL_FLAT = 5
COL_PHONE = 6
COL_CATEGORY = 7
COL_MONITORING = 8
COL_RISK = 9
COL_MOVE_IN = 10
COLUMN_COUNT = 11

SORT_KEYS: dict[int, SortKey] = {
    COL_CODE: SortKey.CODE,
    COL_HEAD: SortKey.HEAD,
    COL_MEMBERS: SortKey.MEMBERS,
    COL_SITE: SortKey.SITE,
    COL_GRID: SortKey.GRID,
    COL_FLAT: SortKey.FLAT,
    COL_PHONE: SortKey.PHONE,
    COL_CATEGORY: SortKey.CATEGORY,
    COL_MONITORING: SortKey.MONITORING,
    COL_MOVE_IN: SortKey.MOVE_IN,
}

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, ID_ROLE)``: the household's id."""

# Monitored households stand out by colour AND by their category's name.
MONITORING_COLOURS = {
    MonitoringCategory.UNSTABLE.value: "#b25f00",  # amber
    MonitoringCategory.MARGINAL.value: "#b25f00",
    MonitoringCategory.SUDDEN_HARDSHIP.value: "#b3261e",  # red
}
NOT_MONITORED_COLOUR = "#6b6b6b"  # grey, so the monitored rows stand out
# The risk level in words (红/黄/绿) and in colour, never colour alone.
RISK_COLOURS = {
    Risk.RED.value: "#b3261e",
    Risk.AMBER.value: "#8a5a00",
    Risk.GREEN.value: "#1b6e20",
}

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_ROLES = frozenset((_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _FONT, ID_ROLE))
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


def enum_label(enum: type[StrEnum], value: str) -> str:
    """The translated label of a stored enum value; the value itself if unknown."""
    try:
        return label(enum(value))
    except ValueError:
        return value


def format_date(day: date | None) -> str:
    """Dates in tables the Chinese way: 2026-11-22."""
    return day.isoformat() if day else ""


class HouseholdTableModel(QAbstractTableModel):
    """Rows of the household list, fetched block by block in the chosen order.

    Emits :attr:`total_changed` with the number of matching households after
    every re-query (the page shows it and switches to its empty state on 0).
    """

    total_changed = Signal(int)

    def __init__(
        self,
        count: CountFn,
        page: PageFn,
        parent: QObject | None = None,
        *,
        block_size: int = BLOCK_SIZE,
    ):
        super().__init__(parent)
        self._count = count
        self._page = page
        self._block = block_size
        self._rows: list[HouseholdRow] = []
        self._texts: list[tuple[str, ...] | None] = []  # display texts, made on first paint
        self._total = 0
        self._filter = HouseholdFilter()
        self._sort = SortKey.CODE
        self._descending = False
        self._busy = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {value: QBrush(QColor(c)) for value, c in MONITORING_COLOURS.items()}
        self._grey = QBrush(QColor(NOT_MONITORED_COLOUR))
        self._risk_brushes = {value: QBrush(QColor(c)) for value, c in RISK_COLOURS.items()}

    # -- what the page drives

    @property
    def total(self) -> int:
        return self._total

    @property
    def current_filter(self) -> HouseholdFilter:
        return self._filter

    @property
    def sort_key(self) -> SortKey:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, flt: HouseholdFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Query again from the first row; with ``keep_loaded``, as many rows as before
        (after an edit elsewhere, so the user's place in a long list is kept)."""
        limit = max(self._block, len(self._rows)) if keep_loaded else self._block
        # Listeners of modelReset/rowsInserted (views, the model tester) may ask for
        # more rows while a change is still being announced; they get them afterwards.
        self._busy = True
        try:
            self.beginResetModel()
            self._rows = self._page(self._filter, self._sort, self._descending, 0, limit)
            # A short first page is the whole list: no need to count (most searches).
            short = len(self._rows) < limit
            self._total = len(self._rows) if short else self._count(self._filter)
            self._texts = [None] * len(self._rows)
            self.endResetModel()
        finally:
            self._busy = False
        self.total_changed.emit(self._total)

    def show_page(
        self, flt: HouseholdFilter, sort: SortKey, descending: bool, page: ListPage
    ) -> None:
        """Show a first page fetched elsewhere (by a background search); more rows
        are fetched as usual when the view scrolls."""
        self._busy = True
        try:
            self.beginResetModel()
            self._filter, self._sort, self._descending = flt, sort, descending
            self._rows = list(page.rows)
            self._texts = [None] * len(self._rows)
            self._total = page.total
            self.endResetModel()
        finally:
            self._busy = False
        self.total_changed.emit(self._total)

    def household_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def household_row(self, row: int) -> HouseholdRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, household_id: str) -> int:
        """The row of a loaded household, -1 when it is not loaded (or not listed)."""
        for i, r in enumerate(self._rows):
            if r.id == household_id:
                return i
        return -1

    # -- Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def canFetchMore(self, parent: Index) -> bool:
        return not (parent.isValid() or self._busy) and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._busy:
            return
        more = self._page(self._filter, self._sort, self._descending, len(self._rows), self._block)
        if not more:
            # The list shrank since it was counted (an edit elsewhere): stop asking.
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self._busy = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self._texts.extend([None] * len(more))
            self.endInsertRows()
        finally:
            self._busy = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Click to sort by this column; click again to reverse")
        return None

    def _headers(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Head"),
            self.tr("Members"),
            self.tr("Site"),
            self.tr("Grid"),
            self.tr("Building / flat"),
            self.tr("Phone"),
            self.tr("Category"),
            self.tr("Monitoring"),
            self.tr("Risk"),
            self.tr("Moved in"),
        ]

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for ~8 roles of each visible cell at every repaint: answer
        # the common "nothing" fast and format each row's texts once.
        if role not in _ROLES:
            return None
        r = index.row()
        if not 0 <= r < len(self._rows):
            return None
        col = index.column()
        if role == _DISPLAY:
            texts = self._texts[r]
            if texts is None:
                texts = self._texts[r] = self._format(self._rows[r])
            return texts[col] if 0 <= col < COLUMN_COUNT else None
        row = self._rows[r]
        if role == _TOOLTIP:
            return self._tooltip(row, col)
        if role == ID_ROLE:
            return row.id
        if role == _ALIGNMENT:
            return _CENTRE if col in (COL_MEMBERS, COL_RISK) else None
        if col == COL_RISK:
            if role == _FOREGROUND:
                return self._risk_brushes.get(row.risk)
            if role == _FONT and row.risk == Risk.RED.value:
                return self._bold
            return None
        if col != COL_MONITORING:
            return None
        if role == _FOREGROUND:
            return self._brushes.get(row.monitoring, self._grey)
        if role == _FONT and row.monitoring in MONITORING_COLOURS:
            return self._bold
        return None

    def _format(self, row: HouseholdRow) -> tuple[str, ...]:
        return tuple(self._text(row, col) for col in range(COLUMN_COUNT))

    def flat_text(self, row: HouseholdRow) -> str:
        if not (row.building_name or row.room):
            return ""
        if not row.unit:
            return self.tr("%1 room %2").replace("%1", row.building_name).replace("%2", row.room)
        return (
            self.tr("%1 unit %2 room %3")
            .replace("%1", row.building_name)
            .replace("%2", row.unit)
            .replace("%3", row.room)
        )

    def _text(self, row: HouseholdRow, col: int) -> str:
        if col == COL_CODE:
            return row.code
        if col == COL_HEAD:
            if row.matched is not None:
                return self._matched_text(row)
            return row.head_name
        if col == COL_MEMBERS:
            return str(row.member_count)
        if col == COL_SITE:
            return row.site_name
        if col == COL_GRID:
            return row.grid_name
        if col == COL_FLAT:
            return self.flat_text(row)
        if col == COL_PHONE:
            return row.phone
        if col == COL_CATEGORY:
            return enum_label(HouseholdCategory, row.category)
        if col == COL_MONITORING:
            text = enum_label(MonitoringCategory, row.monitoring)
            return f"● {text}" if row.monitoring in MONITORING_COLOURS else text
        if col == COL_RISK:
            return self.risk_text(row.risk)
        if col == COL_MOVE_IN:
            return format_date(row.move_in_date)
        return ""

    def risk_text(self, risk: str) -> str:
        """红 / 黄 / 绿 after a coloured dot; empty when the level was not computed."""
        words = {
            Risk.RED.value: self.tr("Red"),
            Risk.AMBER.value: self.tr("Amber"),
            Risk.GREEN.value: self.tr("Green"),
        }
        return f"● {words[risk]}" if risk in words else ""

    def _match_label(self, row: HouseholdRow) -> str:
        """``成员：李翠花``, ``李翠花的身份证号``: what the search found the household by."""
        match = row.matched
        assert match is not None
        label = {
            "name": self.tr("member: %1"),
            "resident_id": self.tr("ID of %1"),
            "phone": self.tr("phone of %1"),
        }.get(match.kind, "%1")
        return label.replace("%1", match.name)

    def _matched_text(self, row: HouseholdRow) -> str:
        """``张三丰（成员：李翠花）``: the search found the household by a member, not its head."""
        return f"{row.head_name}（{self._match_label(row)}）"

    def _tooltip(self, row: HouseholdRow, col: int) -> str:
        """Full texts, since a narrow column may cut a long name."""
        if col == COL_HEAD:
            text = self.tr("%1, %n member(s)", "", row.member_count).replace("%1", row.head_name)
            if row.matched is not None:
                text += "\n" + self.tr("Found by %1").replace("%1", self._match_label(row))
            return text
        if col == COL_FLAT:
            return f"{row.site_name} {self.flat_text(row)}".strip()
        if col == COL_MONITORING:
            return enum_label(MonitoringCategory, row.monitoring)
        if col == COL_RISK:
            tips = {
                Risk.RED.value: self.tr("Red: high risk, visit soon"),
                Risk.AMBER.value: self.tr("Amber: watch"),
                Risk.GREEN.value: self.tr("Green: stable"),
            }
            return tips.get(row.risk, "")
        return self._text(row, col)
