"""Table models of the grids page and the dashboard: the coverage board and short lists.

Rows are the services' frozen dataclasses, set whole by the page after a
service call; ``data()`` only reads them.  Columns are declared once (title,
how to show a row, how to sort it), so the board, its drill-downs and the
management lists share one model class and its tests.

States are shown by colour and by words: the visit progress column says
"all seen" / "on track" / "behind" as well as being green, blue or red.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.domain.coverage import VisitProgress
from desktop.services.board import BoardRow, HouseholdRow

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, ID_ROLE)``: the id of the row's record (None for "not assigned")."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

CONTEXT = "BoardTable"

GREEN = "#1b6e2a"
AMBER = "#8a5300"
RED = "#b3261e"
GREY = "#5f6368"

PROGRESS: dict[VisitProgress, tuple[Any, str]] = {
    VisitProgress.DONE: (QT_TRANSLATE_NOOP("BoardTable", "All seen"), GREEN),
    VisitProgress.ON_TRACK: (QT_TRANSLATE_NOOP("BoardTable", "On track"), "#1a5fb4"),
    VisitProgress.BEHIND: (QT_TRANSLATE_NOOP("BoardTable", "Behind"), RED),
    VisitProgress.EMPTY: (QT_TRANSLATE_NOOP("BoardTable", "No households"), GREY),
}


def tr(text: object) -> str:
    """Translate a source string marked with ``QT_TRANSLATE_NOOP("BoardTable", ...)``."""
    return QCoreApplication.translate(CONTEXT, str(text))


@dataclass(frozen=True)
class Column(Generic[T]):
    title: Any  # English source (QT_TRANSLATE_NOOP), translated in the "BoardTable" context
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    colour: Callable[[T], str | None] | None = None
    tooltip: Any = ""  # English source (QT_TRANSLATE_NOOP)
    numeric: bool = False


class RowsTableModel(QAbstractTableModel, Generic[T]):
    """Rows of one dataclass type under declared columns; ``row_id`` gives ID_ROLE."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        row_id: Callable[[T], str | None],
        parent: Any = None,
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self.row_id = row_id
        self.rows: list[T] = []

    def set_rows(self, rows: Sequence[T], columns: Sequence[Column[T]] | None = None) -> None:
        """Replace the rows (and the columns, when given) in one reset."""
        self.beginResetModel()
        self.rows = list(rows)
        if columns is not None:
            self.columns = list(columns)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.text(row) or None
        if role == ID_ROLE:
            return self.row_id(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(column.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr(column.tooltip or column.title)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]
        key = spec.sort or spec.text
        # A reset rather than layoutAboutToBeChanged/layoutChanged: emitting those from
        # Python releases a reference to True it never took (PySide6 6.12), and the
        # interpreter aborts at exit once enough tables have been sorted.
        self.beginResetModel()
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.endResetModel()


def _count_colour(value: int) -> str | None:
    return RED if value else None


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def board_columns(level: str) -> list[Column[BoardRow]]:
    """Columns of the board at ``level`` ("grid" or "building")."""

    def name(r: BoardRow) -> str:
        if r.id is None:
            return (
                QCoreApplication.translate("BoardTable", "Not in a grid")
                if level == "grid"
                else QCoreApplication.translate("BoardTable", "No building")
            )
        return r.name

    columns: list[Column[BoardRow]] = [
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Grid") if level == "grid" else "Building",
            name,
            sort=lambda r: (r.id is None, r.code),
        ),
    ]
    if level == "grid":
        columns += [
            Column(QT_TRANSLATE_NOOP("BoardTable", "Site"), lambda r: r.site_name),
            Column(
                QT_TRANSLATE_NOOP("BoardTable", "Members"),
                lambda r: (
                    "、".join(r.members)
                    or (QCoreApplication.translate("BoardTable", "none") if r.id else "")
                ),
            ),
        ]
    columns += [
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Households"),
            lambda r: str(r.figures.households),
            lambda r: r.figures.households,
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Persons"),
            lambda r: str(r.figures.persons),
            lambda r: r.figures.persons,
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Labour"),
            lambda r: str(r.figures.labourers),
            lambda r: r.figures.labourers,
            tooltip=QT_TRANSLATE_NOOP("BoardTable", "Labourers (full, skilled or partial labour)"),
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Employed"),
            lambda r: str(r.figures.employed),
            lambda r: r.figures.employed,
            tooltip=QT_TRANSLATE_NOOP(
                "BoardTable", "Labourers in work (wage work, self-employed, public welfare post)"
            ),
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Zero emp."),
            lambda r: str(r.figures.zero_employment),
            lambda r: r.figures.zero_employment,
            colour=lambda r: _count_colour(r.figures.zero_employment),
            tooltip=QT_TRANSLATE_NOOP("BoardTable", "Households with labour and nobody in work"),
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Monitored"),
            lambda r: str(r.figures.monitored),
            lambda r: r.figures.monitored,
            tooltip=QT_TRANSLATE_NOOP(
                "BoardTable", "Households under return-to-poverty monitoring"
            ),
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Seen"),
            lambda r: f"{r.figures.visited} ({_percent(r.figures.visited, r.figures.households)})",
            lambda r: r.figures.visited_share,
            tooltip=QT_TRANSLATE_NOOP("BoardTable", "Households visited this month (share)"),
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Progress"),
            lambda r: tr(PROGRESS[r.progress][0]),
            lambda r: r.progress.value,
            colour=lambda r: PROGRESS[r.progress][1],
            tooltip=QT_TRANSLATE_NOOP("BoardTable", "This month's round against the days gone by"),
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Open"),
            lambda r: str(r.figures.open_orders),
            lambda r: r.figures.open_orders,
            tooltip=QT_TRANSLATE_NOOP("BoardTable", "Open work orders"),
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Overdue"),
            lambda r: str(r.figures.overdue_orders),
            lambda r: r.figures.overdue_orders,
            colour=lambda r: _count_colour(r.figures.overdue_orders),
            tooltip=QT_TRANSLATE_NOOP("BoardTable", "Work orders past their deadline"),
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Old house"),
            lambda r: str(r.figures.old_house_overdue),
            lambda r: r.figures.old_house_overdue,
            colour=lambda r: _count_colour(r.figures.old_house_overdue),
            tooltip=QT_TRANSLATE_NOOP(
                "BoardTable", "Old houses past the demolition or reclamation deadline"
            ),
            numeric=True,
        ),
    ]
    return columns


def household_columns() -> list[Column[HouseholdRow]]:
    def yes(flag: bool, text: object) -> str:
        return tr(text) if flag else ""

    return [
        Column(QT_TRANSLATE_NOOP("BoardTable", "Code"), lambda r: r.code),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Head"), lambda r: r.head_name),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Grid"),
            lambda r: r.grid_name or QCoreApplication.translate("BoardTable", "Not in a grid"),
        ),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Flat"), lambda r: r.flat),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Persons"),
            lambda r: str(r.persons),
            lambda r: r.persons,
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Employed"),
            lambda r: f"{r.employed}/{r.labourers}",
            lambda r: r.employed,
            tooltip=QT_TRANSLATE_NOOP("BoardTable", "Employed labourers / labourers"),
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Seen"),
            lambda r: (
                QCoreApplication.translate("BoardTable", "Seen")
                if r.visited
                else QCoreApplication.translate("BoardTable", "Not seen")
            ),
            lambda r: r.visited,
            colour=lambda r: GREEN if r.visited else RED,
            tooltip=QT_TRANSLATE_NOOP("BoardTable", "Visited this month"),
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Last visit"),
            lambda r: (
                r.last_visit.isoformat()
                if r.last_visit
                else QCoreApplication.translate("BoardTable", "never")
            ),
            lambda r: r.last_visit.isoformat() if r.last_visit else "",
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Needs"),
            lambda r: "、".join(
                t
                for t in (
                    yes(r.zero_employment, QT_TRANSLATE_NOOP("BoardTable", "Zero employment")),
                    yes(r.overdue_orders > 0, QT_TRANSLATE_NOOP("BoardTable", "Overdue order")),
                    yes(r.old_house_overdue, QT_TRANSLATE_NOOP("BoardTable", "Old house overdue")),
                    yes(r.monitoring != "none", QT_TRANSLATE_NOOP("BoardTable", "Monitored")),
                )
                if t
            ),
            colour=lambda r: (
                RED if (r.zero_employment or r.overdue_orders or r.old_house_overdue) else AMBER
            ),
        ),
    ]
