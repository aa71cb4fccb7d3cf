"""The grids page (网格): the coverage board, and for administrators the management
of grids, buildings, sites and accounts.

The board opens on one row per grid; a double-click drills into the grid's
buildings, then into a building's households ("Back" climbs up again).  Below
it, the month can be closed (一月一更新) and a small chart shows a figure over
the closed months.  A grid member sees the board of their own grids only and
none of the management tabs.

Every dialog opens with ``open()`` (not ``exec()``), so the page never blocks
and tests drive dialogs like users do; each dialog keeps the service's error
at its field and closes only when the service accepted the input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.coverage import FacilityItem
from desktop.domain.enums import Role, SiteKind
from desktop.domain.errors import DomainError
from desktop.services import board, grids, monthly, users
from desktop.services.board import Board, BoardRow, HouseholdRow
from desktop.services.grids import BuildingInfo, GridInfo, SiteInfo
from desktop.services.monthly import TrendPoint
from desktop.services.users import AccountInfo
from desktop.ui.board_table_model import (
    GREEN,
    GREY,
    ID_ROLE,
    RED,
    Column,
    RowsTableModel,
    board_columns,
    household_columns,
)
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import FieldErrors, error_text, show_error_box
from desktop.ui.labels import label

W = TypeVar("W", bound=QWidget)

WATCHED = ("households", "persons", "visits", "work_orders", "grids", "buildings", "sites", "users")


def _table(model: Any, *, multi: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    header.setMinimumSectionSize(36)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return view


def _resort(view: QTableView) -> None:
    header = view.horizontalHeader()
    if header.sortIndicatorSection() >= 0:
        view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())


def _selected_ids(view: QTableView) -> list[str]:
    model = view.model()
    return [
        model.data(index, ID_ROLE)
        for index in view.selectionModel().selectedRows()
        if model.data(index, ID_ROLE)
    ]


# ---------------------------------------------------------------- dialogs


class FormDialog(QDialog):
    """A small form whose OK runs ``submit``; a DomainError stays at its field."""

    def __init__(self, parent: QWidget, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.errors = FieldErrors(self)
        self.submit: Callable[[], object] = lambda: None
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.general = QLabel()
        self.general.setStyleSheet(f"color: {RED};")
        self.general.setWordWrap(True)
        self.general.hide()
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {}

    def add(self, label_text: str, widget: W, field: str) -> W:
        self.errors.add_row(self.form, label_text, widget, field)
        self.fields[field] = widget
        widget.setObjectName(f"field_{field}")
        return widget

    def show_error(self, error: DomainError) -> None:
        self.errors.clear()
        if error.field in self.errors.labels:
            self.errors.set_text(error.field, error_text(error))
            self.general.hide()
        else:
            self.general.setText("⚠ " + error_text(error))
            self.general.show()

    def error_shown(self) -> str:
        for field in self.errors.labels:
            text = self.errors.text(field)
            if text:
                return text
        return self.general.text().removeprefix("⚠ ") if not self.general.isHidden() else ""

    def _ok(self) -> None:
        try:
            self.submit()
        except DomainError as error:
            self.show_error(error)
            return
        self.accept()


def _checklist(items: Sequence[tuple[str, str, bool]]) -> QListWidget:
    """A list of (id, text, checked) items with check boxes."""
    widget = QListWidget()
    for item_id, text, checked in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMinimumHeight(160)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def check_items(widget: QListWidget, ids: Sequence[str]) -> None:
    """Tick exactly ``ids`` (tests and keyboard users alike)."""
    for i in range(widget.count()):
        item = widget.item(i)
        item.setCheckState(
            Qt.CheckState.Checked
            if item.data(Qt.ItemDataRole.UserRole) in ids
            else Qt.CheckState.Unchecked
        )


def _combo(pairs: Sequence[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    for text, data in pairs:
        combo.addItem(text, data)
    return combo


def select_data(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


# ---------------------------------------------------------------- trend chart


class TrendChart(QWidget):
    """A small bar chart of one figure over the closed months, painted by hand.

    Months not closed show as a short grey tick and the word "not closed" in the
    tooltip, so a gap is never mistaken for zero.
    """

    def __init__(self, parent: QWidget | None = None, *, can_close: bool = True):
        super().__init__(parent)
        self.can_close = can_close
        self.points: list[TrendPoint] = []
        self.percent = False
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_points(self, points: Sequence[TrendPoint], *, percent: bool) -> None:
        self.points = list(points)
        self.percent = percent
        tips = [
            f"{p.month}: "
            + (
                self.tr("not closed")
                if p.value is None
                else (f"{round(100 * p.value)}%" if percent else f"{p.value:g}")
            )
            for p in self.points
        ]
        self.setToolTip("\n".join(tips))
        self.update()

    def _value_text(self, value: float) -> str:
        return f"{round(100 * value)}%" if self.percent else f"{value:g}"

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        metrics = painter.fontMetrics()
        text_h = metrics.height()
        painter.setPen(QColor(GREY))
        if not self.points or all(p.value is None for p in self.points):
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignCenter,
                self.tr("No month closed yet: close this month to start the trend.")
                if self.can_close
                else self.tr("No month closed yet: the trend starts once the township closes one."),
            )
            return
        top = max((p.value or 0.0) for p in self.points) or 1.0
        if self.percent:
            top = max(top, 1.0)
        chart = rect.adjusted(0, text_h, 0, -text_h - 2)
        slot = chart.width() / len(self.points)
        bar_w = max(6.0, slot * 0.55)
        painter.setPen(QPen(QColor("#c7c7c7"), 1))
        painter.drawLine(
            QPointF(chart.left(), chart.bottom()), QPointF(chart.right(), chart.bottom())
        )
        for i, point in enumerate(self.points):
            x = chart.left() + i * slot + (slot - bar_w) / 2
            painter.setPen(QColor(GREY))
            painter.drawText(
                QRectF(chart.left() + i * slot, chart.bottom() + 2, slot, text_h),
                Qt.AlignmentFlag.AlignCenter,
                point.month[2:].replace("-", "."),
            )
            if point.value is None:
                painter.drawLine(
                    QPointF(x, chart.bottom() - 2), QPointF(x + bar_w, chart.bottom() - 2)
                )
                continue
            height = chart.height() * (point.value / top)
            bar = QRectF(x, chart.bottom() - height, bar_w, height)
            painter.fillRect(bar, QColor("#1a5fb4" if i == len(self.points) - 1 else "#7aa5d8"))
            painter.setPen(QColor("#202124"))
            painter.drawText(
                QRectF(chart.left() + i * slot, bar.top() - text_h, slot, text_h),
                Qt.AlignmentFlag.AlignCenter,
                self._value_text(point.value),
            )


# ---------------------------------------------------------------- the board tab


TREND_FIGURES: tuple[tuple[str, Any], ...] = (
    (monthly.SHARE, QT_TRANSLATE_NOOP("BoardTab", "Share seen this month")),
    ("visited", QT_TRANSLATE_NOOP("BoardTab", "Households seen")),
    ("zero_employment", QT_TRANSLATE_NOOP("BoardTab", "Zero-employment households")),
    ("employed", QT_TRANSLATE_NOOP("BoardTab", "Employed labourers")),
    ("monitored", QT_TRANSLATE_NOOP("BoardTab", "Monitored households")),
    ("overdue_orders", QT_TRANSLATE_NOOP("BoardTab", "Overdue work orders")),
    ("old_house_overdue", QT_TRANSLATE_NOOP("BoardTab", "Old houses past deadline")),
)


@dataclass
class _Level:
    kind: str  # "grid" / "building" / "household"
    grid_id: str | bool | None = False
    building_id: str | bool | None = False
    title: str = ""


class BoardTab(QWidget):
    household_opened = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.path: list[_Level] = [_Level("grid")]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)

        head = QHBoxLayout()
        self.back = QPushButton(self.tr("◀ Back"))
        self.back.setObjectName("board_back")
        self.back.clicked.connect(self.go_back)
        head.addWidget(self.back)
        self.crumbs = QLabel()
        self.crumbs.setObjectName("board_crumbs")
        self.crumbs.setStyleSheet("font-weight: bold;")
        head.addWidget(self.crumbs, 1)
        self.hint = QLabel(self.tr("Double-click a row to see what it is made of."))
        self.hint.setStyleSheet(f"color: {GREY};")
        head.addWidget(self.hint)
        layout.addLayout(head)

        self.board_model: RowsTableModel[BoardRow] = RowsTableModel(
            board_columns("grid"), lambda r: r.id, self
        )
        self.household_model: RowsTableModel[HouseholdRow] = RowsTableModel(
            household_columns(), lambda r: r.id, self
        )
        self.view = _table(self.board_model)
        self.view.setObjectName("board_table")
        self.view.doubleClicked.connect(self._drill)
        layout.addWidget(self.view, 1)
        self.total = QLabel()
        self.total.setObjectName("board_total")
        self.total.setWordWrap(True)
        layout.addWidget(self.total)

        month_row = QHBoxLayout()
        self.month_label = QLabel()
        self.month_label.setObjectName("month_state")
        month_row.addWidget(self.month_label, 1)
        month_row.addWidget(QLabel(self.tr("Trend:")))
        self.figure_combo = _combo([(self.tr(str(t)), key) for key, t in TREND_FIGURES])
        self.figure_combo.setObjectName("trend_figure")
        self.figure_combo.currentIndexChanged.connect(self.refresh_trend)
        month_row.addWidget(self.figure_combo)
        self.close_button = QPushButton(self.tr("Close the month…"))
        self.close_button.setObjectName("close_month")
        self.close_button.clicked.connect(self.close_month)
        self.close_button.setVisible(ctx.actor.is_admin)
        month_row.addWidget(self.close_button)
        layout.addLayout(month_row)
        self.compare_label = QLabel()
        self.compare_label.setObjectName("month_compare")
        self.compare_label.setWordWrap(True)
        layout.addWidget(self.compare_label)
        self.chart = TrendChart(can_close=ctx.actor.is_admin)
        self.chart.setObjectName("trend_chart")
        layout.addWidget(self.chart)
        self.dialog: QMessageBox | None = None

    # drill-down

    def refresh(self) -> None:
        level = self.path[-1]
        self.back.setEnabled(len(self.path) > 1)
        root = self.tr("All grids") if self.ctx.actor.sees_everything else self.tr("My grids")
        self.crumbs.setText(" ▸ ".join([root, *[p.title for p in self.path[1:]]]))
        if level.kind == "household":
            rows = self.ctx.call(
                board.household_rows,
                grid_id=level.grid_id,
                building_id=level.building_id,
                clock=self.ctx.clock,
            )
            self.household_model.set_rows(rows)
            if self.view.model() is not self.household_model:
                self.view.setModel(self.household_model)
            self.total.setText(self.tr("%1 households").replace("%1", str(len(rows))))
            _resort(self.view)
            self.refresh_month()
            return
        result: Board
        if level.kind == "grid":
            result = self.ctx.call(board.grid_board, clock=self.ctx.clock)
        else:
            grid_id = level.grid_id if isinstance(level.grid_id, str) else None
            result = self.ctx.call(board.building_board, grid_id, clock=self.ctx.clock)
        self.board_model.set_rows(result.rows, board_columns(level.kind))
        if self.view.model() is not self.board_model:
            self.view.setModel(self.board_model)
        _resort(self.view)
        f = result.total
        self.total.setText(
            self.tr(
                "Total: %1 households, %2 persons, %3 labourers (%4 in work), "
                "%5 zero-employment, %6 seen this month (%7%), %8 overdue orders"
            )
            .replace("%1", str(f.households))
            .replace("%2", str(f.persons))
            .replace("%3", str(f.labourers))
            .replace("%4", str(f.employed))
            .replace("%5", str(f.zero_employment))
            .replace("%6", str(f.visited))
            .replace("%7", str(round(100 * f.visited_share)))
            .replace("%8", str(f.overdue_orders))
        )
        if not result.rows:
            self.total.setText(
                self.tr(
                    "No grids yet — an administrator creates them on the Grids and buildings tab."
                )
            )
        self.refresh_month()

    def drill(self, row: int) -> None:
        level = self.path[-1]
        if level.kind == "household":
            return
        item = self.board_model.row_at(row)
        if level.kind == "grid":
            title = item.name or self.tr("Not in a grid")
            self.path.append(_Level("building", grid_id=item.id, title=title))
            if item.id is None:  # households without a grid have no building level
                self.path[-1] = _Level("household", grid_id=None, title=title)
        else:
            title = item.name or self.tr("No building")
            self.path.append(
                _Level("household", grid_id=level.grid_id, building_id=item.id, title=title)
            )
        self.refresh()

    def _drill(self, index: Any) -> None:
        """A double-click: open the household, or go one level down.

        The view's model is swapped only after the click has been handled
        (``QTimer.singleShot``): replacing a model inside its own view's signal
        leaves the view holding indexes of a model that was just reset.
        """
        if self.view.model() is self.household_model:
            household_id = self.household_model.data(index, ID_ROLE)
            if household_id:
                self.household_opened.emit(household_id)
            return
        row = index.row()
        QTimer.singleShot(0, lambda: self.drill(row))

    def go_back(self) -> None:
        if len(self.path) > 1:
            self.path.pop()
            self.refresh()

    # the month

    def refresh_month(self) -> None:
        closed = self.ctx.call(monthly.closed_months)
        today = self.ctx.clock.now()
        from desktop.domain.coverage import local_today, month_of

        current = month_of(local_today(today))
        if current in closed:
            self.month_label.setText("✓ " + self.tr("%1 is closed.").replace("%1", current))
            self.month_label.setStyleSheet(f"color: {GREEN};")
        else:
            self.month_label.setText("○ " + self.tr("%1 is not closed yet.").replace("%1", current))
            self.month_label.setStyleSheet(f"color: {GREY};")
        self.compare_label.setText(self._comparison(closed))
        self.refresh_trend()

    def _scope(self) -> tuple[str, str]:
        level = self.path[-1]
        if level.kind != "grid" and isinstance(level.grid_id, str):
            return monthly.SCOPE_GRID, level.grid_id
        if not self.ctx.actor.sees_everything and len(self.ctx.actor.grid_ids) == 1:
            return monthly.SCOPE_GRID, next(iter(self.ctx.actor.grid_ids))
        return monthly.SCOPE_TOWNSHIP, ""

    def _comparison(self, closed: list[str]) -> str:
        if len(closed) < 2:
            return ""
        scope, scope_id = self._scope()
        rows = self.ctx.call(monthly.compare, closed[0], closed[1])
        row = next((r for r in rows if (r.scope, r.scope_id) == (scope, scope_id)), None)
        if row is None or row.current is None or row.previous is None:
            return ""
        parts = []
        for figure, text in (
            ("visited", self.tr("seen")),
            ("zero_employment", self.tr("zero-employment")),
            ("overdue_orders", self.tr("overdue orders")),
        ):
            delta = row.delta(figure) or 0
            parts.append(f"{text} {delta:+d}")
        return self.tr("%1 against %2: ").replace("%1", closed[0]).replace(
            "%2", closed[1]
        ) + "，".join(parts)

    def refresh_trend(self) -> None:
        scope, scope_id = self._scope()
        figure = self.figure_combo.currentData()
        points = self.ctx.call(
            monthly.trend,
            scope=scope,
            scope_id=scope_id,
            figure=figure,
            months=12,
            clock=self.ctx.clock,
        )
        self.chart.set_points(points, percent=figure == monthly.SHARE)

    def close_month(self, replace: bool = False) -> None:
        try:
            result = self.ctx.call(monthly.close_month, replace=replace, clock=self.ctx.clock)
        except DomainError as error:
            if error.code == "month_already_closed" and not replace:
                box = QMessageBox(
                    QMessageBox.Icon.Question,
                    self.tr("Close the month again?"),
                    error_text(error),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    self,
                )
                box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Close again"))
                box.accepted.connect(lambda: self.close_month(replace=True))
                self.dialog = box
                box.open()
                return
            show_error_box(self, error)
            return
        self.ctx.bus.data_changed.emit(Changed({"monthly_snapshots": frozenset()}))
        self.refresh_month()
        self.month_label.setText(
            "✓ "
            + self.tr("%1 closed: %2 households, %3 seen.")
            .replace("%1", result.month)
            .replace("%2", str(result.township.households))
            .replace("%3", str(result.township.visited))
        )


# ---------------------------------------------------------------- grids and buildings


def grid_columns() -> list[Column[GridInfo]]:
    return [
        Column(QT_TRANSLATE_NOOP("BoardTable", "Code"), lambda g: g.code),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Grid"), lambda g: g.name),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Households"),
            lambda g: str(g.households),
            lambda g: g.households,
            numeric=True,
        ),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Members"), lambda g: "、".join(g.member_names)),
    ]


def building_columns() -> list[Column[BuildingInfo]]:
    return [
        Column(QT_TRANSLATE_NOOP("BoardTable", "Code"), lambda b: b.code),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Building"), lambda b: b.name),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Households"),
            lambda b: str(b.households),
            lambda b: b.households,
            numeric=True,
        ),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Leader"), lambda b: b.leader_name),
    ]


class ManageTab(QWidget):
    """Grids of a site, their buildings and households; every change through a service."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: FormDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)

        left = QVBoxLayout()
        site_row = QHBoxLayout()
        site_row.addWidget(QLabel(self.tr("Site:")))
        self.site_combo = QComboBox()
        self.site_combo.setObjectName("manage_site")
        self.site_combo.currentIndexChanged.connect(self.refresh_grids)
        site_row.addWidget(self.site_combo, 1)
        left.addLayout(site_row)
        self.grid_model: RowsTableModel[GridInfo] = RowsTableModel(
            grid_columns(), lambda g: g.id, self
        )
        self.grid_view = _table(self.grid_model)
        self.grid_view.setObjectName("grid_table")
        self.grid_view.selectionModel().selectionChanged.connect(self.refresh_grid)
        left.addWidget(self.grid_view, 1)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("new_grid", self.tr("New"), self.new_grid),
            ("rename_grid", self.tr("Rename"), self.rename_grid),
            ("merge_grid", self.tr("Merge…"), self.merge_grid),
            ("split_grid", self.tr("Split…"), self.split_grid),
        ):
            buttons.addWidget(self._button(name, text, slot))
        left.addLayout(buttons)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("hand_over", self.tr("Hand over…"), self.hand_over),
            ("delete_grid", self.tr("Retire"), self.delete_grid),
        ):
            buttons.addWidget(self._button(name, text, slot))
        left.addLayout(buttons)
        layout.addLayout(left, 2)

        right = QVBoxLayout()
        self.grid_title = QLabel()
        self.grid_title.setStyleSheet("font-weight: bold;")
        right.addWidget(self.grid_title)
        self.building_model: RowsTableModel[BuildingInfo] = RowsTableModel(
            building_columns(), lambda b: b.id, self
        )
        self.building_view = _table(self.building_model)
        self.building_view.setObjectName("building_table")
        self.building_view.setMaximumHeight(180)
        right.addWidget(self.building_view)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("assign_buildings", self.tr("Assign buildings…"), self.assign_buildings),
            ("new_building", self.tr("New building…"), self.new_building),
            ("building_leader", self.tr("Building leader…"), self.building_leader),
        ):
            buttons.addWidget(self._button(name, text, slot))
        right.addLayout(buttons)
        self.household_model: RowsTableModel[HouseholdRow] = RowsTableModel(
            [household_columns()[i] for i in (0, 1, 3, 4, 6)], lambda h: h.id, self
        )
        self.household_view = _table(self.household_model, multi=True)
        self.household_view.setObjectName("grid_households")
        right.addWidget(self.household_view, 1)
        move_row = QHBoxLayout()
        self.selection_label = QLabel()
        move_row.addWidget(self.selection_label, 1)
        move_row.addWidget(
            self._button("move_households", self.tr("Move selected…"), self.move_households)
        )
        right.addLayout(move_row)
        self.household_view.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addLayout(right, 3)

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    # data

    def refresh(self) -> None:
        current = self.site_combo.currentData()
        sites = self.ctx.call(grids.list_sites)
        self.site_combo.blockSignals(True)
        self.site_combo.clear()
        for site in sites:
            self.site_combo.addItem(site.name, site.id)
        self.site_combo.blockSignals(False)
        if current is not None:
            select_data(self.site_combo, current)
        self.refresh_grids()

    def site_id(self) -> str | None:
        return self.site_combo.currentData()

    def grid_id(self) -> str | None:
        ids = _selected_ids(self.grid_view)
        return ids[0] if ids else None

    def select_grid(self, grid_id: str) -> None:
        for row in range(self.grid_model.rowCount()):
            if self.grid_model.row_at(row).id == grid_id:
                self.grid_view.selectRow(row)
                return

    def refresh_grids(self) -> None:
        keep = self.grid_id()
        site = self.site_id()
        rows = self.ctx.call(grids.list_grids, site) if site else []
        self.grid_model.set_rows(rows)
        _resort(self.grid_view)
        if keep and any(g.id == keep for g in rows):
            self.select_grid(keep)
        elif rows:
            self.grid_view.selectRow(0)
        self.refresh_grid()

    def refresh_grid(self) -> None:
        grid_id = self.grid_id()
        if grid_id is None:
            if self.grid_model.rowCount():
                text = self.tr("Select a grid on the left to see its buildings and households.")
            elif self.site_id():
                text = self.tr("No grid in this site yet — click New to create one.")
            else:
                text = self.tr("No site yet — create one on the Sites tab.")
            self.grid_title.setText(text)
            self.building_model.set_rows([])
            self.household_model.set_rows([])
            self._selection_changed()
            return
        info = next(g for g in self.grid_model.rows if g.id == grid_id)
        self.grid_title.setText(
            self.tr("%1: %2 buildings, %3 households")
            .replace("%1", info.name)
            .replace("%2", str(info.buildings))
            .replace("%3", str(info.households))
        )
        self.building_model.set_rows(self.ctx.call(grids.list_buildings, grid_id=grid_id))
        self.household_model.set_rows(
            self.ctx.call(board.household_rows, grid_id=grid_id, clock=self.ctx.clock)
        )
        _resort(self.building_view)
        _resort(self.household_view)
        self._selection_changed()

    def _selection_changed(self, *_: Any) -> None:
        count = len(self.household_view.selectionModel().selectedRows())
        self.selection_label.setText(
            self.tr("%1 households selected").replace("%1", str(count))
            if count
            else self.tr("Select households (Ctrl/Shift for many) to move them.")
        )

    def _changed(self, **tables: Sequence[str] | frozenset[str]) -> None:
        self.ctx.bus.data_changed.emit(Changed({k: frozenset(v) for k, v in tables.items()}))

    def _open(self, dialog: FormDialog, on_done: Callable[[], object]) -> FormDialog:
        self.dialog = dialog
        dialog.accepted.connect(on_done)
        dialog.open()
        return dialog

    def _after(self, refresh: Callable[[], None], **tables: Sequence[str]) -> Callable[[], None]:
        """What to do once a dialog's change was accepted: tell every page, then redraw."""

        def done() -> None:
            self._changed(**tables)
            refresh()

        return done

    def _need_grid(self) -> str | None:
        grid_id = self.grid_id()
        if grid_id is None:
            show_error_box(self, self.tr("Select a grid first."))
        return grid_id

    # grid actions

    def new_grid(self) -> FormDialog | None:
        site = self.site_id()
        if site is None:
            show_error_box(self, self.tr("Create a site first, on the Sites tab."))
            return None
        d = FormDialog(self, self.tr("New grid"))
        code = d.add(self.tr("Code"), QLineEdit(), "code")
        name = d.add(self.tr("Name"), QLineEdit(), "name")
        created: list[str] = []

        def submit() -> None:
            info = self.ctx.call(
                grids.create_grid, site_id=site, code=code.text(), name=name.text()
            )
            created.append(info.id)

        d.submit = submit

        def done() -> None:
            self._changed(grids=created)
            self.refresh_grids()
            self.select_grid(created[0])

        return self._open(d, done)

    def rename_grid(self) -> FormDialog | None:
        grid_id = self._need_grid()
        if grid_id is None:
            return None
        info = next(g for g in self.grid_model.rows if g.id == grid_id)
        d = FormDialog(self, self.tr("Rename grid"))
        code = d.add(self.tr("Code"), QLineEdit(info.code), "code")
        name = d.add(self.tr("Name"), QLineEdit(info.name), "name")
        d.submit = lambda: self.ctx.call(
            grids.rename_grid, grid_id, name=name.text(), code=code.text()
        )
        return self._open(d, self._after(self.refresh_grids, grids=[grid_id]))

    def merge_grid(self) -> FormDialog | None:
        grid_id = self._need_grid()
        if grid_id is None:
            return None
        d = FormDialog(self, self.tr("Merge grids into this one"))
        others = [
            (g.id, f"{g.code} {g.name}（{g.households}）", False)
            for g in self.grid_model.rows
            if g.id != grid_id
        ]
        sources = d.add(self.tr("Merge in"), _checklist(others), "sources")
        d.submit = lambda: self.ctx.call(grids.merge_grids, grid_id, _checked(sources))
        return self._open(d, self._after(self.refresh_grids, grids=[grid_id], households=[]))

    def split_grid(self) -> FormDialog | None:
        grid_id = self._need_grid()
        if grid_id is None:
            return None
        d = FormDialog(self, self.tr("Split off a new grid"))
        code = d.add(self.tr("New code"), QLineEdit(), "code")
        name = d.add(self.tr("New name"), QLineEdit(), "name")
        buildings = [(b.id, f"{b.name}（{b.households}）", False) for b in self.building_model.rows]
        chosen = d.add(self.tr("Buildings"), _checklist(buildings), "buildings")
        d.submit = lambda: self.ctx.call(
            grids.split_grid,
            grid_id,
            code=code.text(),
            name=name.text(),
            building_ids=_checked(chosen),
        )
        return self._open(d, self._after(self.refresh_grids, grids=[grid_id], households=[]))

    def delete_grid(self) -> None:
        grid_id = self._need_grid()
        if grid_id is None:
            return
        try:
            self.ctx.call(grids.delete_grid, grid_id)
        except DomainError as error:
            show_error_box(self, error)
            return
        self._changed(grids=[grid_id])
        self.refresh_grids()

    def hand_over(self) -> FormDialog | None:
        grid_id = self._need_grid()
        if grid_id is None:
            return None
        info = next(g for g in self.grid_model.rows if g.id == grid_id)
        accounts = [a for a in self.ctx.call(users.list_accounts) if a.active]
        d = FormDialog(self, self.tr("Hand over %1").replace("%1", info.name))
        old = d.add(
            self.tr("From"),
            _combo([(a.display_name, a.id) for a in accounts if a.id in info.member_ids]),
            "from_user",
        )
        new = d.add(
            self.tr("To"),
            _combo([(a.display_name, a.id) for a in accounts if a.role is Role.GRID_MEMBER]),
            "to_user",
        )
        d.form.addRow(
            QLabel(
                self.tr(
                    "Households, open work orders and drafts pass to the new member; "
                    "the old member loses this grid."
                )
            )
        )
        d.submit = lambda: self.ctx.call(
            grids.hand_over_grid,
            grid_id,
            from_user_id=old.currentData(),
            to_user_id=new.currentData(),
        )
        return self._open(
            d, self._after(self.refresh_grids, grids=[grid_id], users=[], work_orders=[])
        )

    # buildings and households

    def assign_buildings(self) -> FormDialog | None:
        grid_id = self._need_grid()
        if grid_id is None:
            return None
        site = self.site_id()
        names = {g.id: g.name for g in self.grid_model.rows}
        now_in = self.tr("now in %1")
        unassigned = self.tr("not assigned")
        choices = [
            (
                b.id,
                f"{b.name}（{now_in.replace('%1', names.get(b.grid_id, b.grid_name))}）"
                if b.grid_id
                else f"{b.name}（{unassigned}）",
                False,
            )
            for b in self.ctx.call(grids.list_buildings, site_id=site)
            if b.grid_id != grid_id
        ]
        d = FormDialog(self, self.tr("Assign buildings to this grid"))
        chosen = d.add(self.tr("Buildings"), _checklist(choices), "buildings")
        move = d.add(
            self.tr("Move"),
            QCheckBox(self.tr("Also move buildings now in another grid")),
            "reassign",
        )
        d.submit = lambda: self.ctx.call(
            grids.assign_buildings,
            grid_id,
            _checked(chosen),
            reassign=move.isChecked(),
        )
        return self._open(d, self._after(self.refresh_grids, buildings=[], households=[]))

    def new_building(self) -> FormDialog | None:
        site = self.site_id()
        if site is None:
            return None
        grid_id = self.grid_id()
        d = FormDialog(self, self.tr("New building"))
        code = d.add(self.tr("Code"), QLineEdit(), "code")
        name = d.add(self.tr("Name"), QLineEdit(), "name")
        units = QSpinBox()
        units.setRange(1, 50)
        units.setValue(2)
        d.add(self.tr("Units"), units, "units")
        floors = QSpinBox()
        floors.setRange(1, 60)
        floors.setValue(6)
        d.add(self.tr("Floors"), floors, "floors")
        d.submit = lambda: self.ctx.call(
            grids.create_building,
            site_id=site,
            code=code.text(),
            name=name.text(),
            units=units.value(),
            floors=floors.value(),
            grid_id=grid_id,
        )
        return self._open(d, self._after(self.refresh_grids, buildings=[]))

    def building_leader(self) -> FormDialog | None:
        ids = _selected_ids(self.building_view)
        if not ids:
            show_error_box(self, self.tr("Select a building first."))
            return None
        building_id = ids[0]
        residents = self.ctx.call(grids.building_residents, building_id)
        d = FormDialog(self, self.tr("Building leader"))
        combo = _combo(
            [(self.tr("(nobody)"), None)]
            + [(f"{p.name}  {p.flat}  {p.household_code}", p.id) for p in residents]
        )
        d.add(self.tr("Leader"), combo, "leader")
        d.submit = lambda: self.ctx.call(
            grids.set_building_leader, building_id, combo.currentData()
        )
        return self._open(d, self._after(self.refresh_grid, buildings=[building_id]))

    def move_households(self) -> FormDialog | None:
        ids = _selected_ids(self.household_view)
        if not ids:
            show_error_box(self, self.tr("Select the households to move first."))
            return None
        site = self.site_id()
        current = self.grid_id()
        d = FormDialog(self, self.tr("Move %1 households").replace("%1", str(len(ids))))
        grid_combo = _combo(
            [(self.tr("(keep their grid)"), None)]
            + [(g.name, g.id) for g in self.grid_model.rows if g.id != current]
        )
        d.add(self.tr("To grid"), grid_combo, "grid")
        unassigned = self.tr("not assigned")
        building_combo = _combo(
            [(self.tr("(keep their building)"), None)]
            + [
                (f"{b.name}（{b.grid_name or unassigned}）", b.id)
                for b in self.ctx.call(grids.list_buildings, site_id=site)
            ]
        )
        d.add(self.tr("To building"), building_combo, "building")
        moved: list[str] = []

        def submit() -> None:
            result = self.ctx.call(
                grids.move_households,
                ids,
                grid_id=grid_combo.currentData(),
                building_id=building_combo.currentData(),
            )
            moved.extend(result.household_ids)

        d.submit = submit
        return self._open(d, self._after(self.refresh_grids, households=moved))


# ---------------------------------------------------------------- sites


def site_columns() -> list[Column[SiteInfo]]:
    return [
        Column(QT_TRANSLATE_NOOP("BoardTable", "Code"), lambda s: s.code),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Site"), lambda s: s.name),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Kind"), lambda s: label(s.kind)),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Persons"),
            lambda s: str(s.persons),
            lambda s: s.persons,
            numeric=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "Facilities"),
            lambda s: f"{s.facilities_met}/{s.facilities_total}",
            lambda s: s.facilities_met,
            numeric=True,
        ),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Chief"), lambda s: s.chief_name),
    ]


def facility_columns() -> list[Column[FacilityItem]]:
    return [
        Column(QT_TRANSLATE_NOOP("BoardTable", "Item"), lambda f: f.name),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "State"),
            lambda f: (
                ("✓ " + QCoreApplication.translate("BoardTable", "Met"))
                if f.met
                else ("✗ " + QCoreApplication.translate("BoardTable", "Not met"))
            ),
            lambda f: f.met,
            colour=lambda f: GREEN if f.met else RED,
        ),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Note"), lambda f: f.note),
    ]


class SitesTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: FormDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        left = QVBoxLayout()
        self.model: RowsTableModel[SiteInfo] = RowsTableModel(site_columns(), lambda s: s.id, self)
        self.view = _table(self.model)
        self.view.setObjectName("site_table")
        self.view.selectionModel().selectionChanged.connect(self.refresh_site)
        left.addWidget(self.view, 1)
        self.scale = QLabel()
        self.scale.setObjectName("site_scale")
        self.scale.setWordWrap(True)
        left.addWidget(self.scale)
        row = QHBoxLayout()
        for name, text, slot in (
            ("new_site", self.tr("New site…"), self.new_site),
            ("edit_site", self.tr("Edit site…"), self.edit_site),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
        left.addLayout(row)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        self.standard = QLabel()
        self.standard.setStyleSheet("font-weight: bold;")
        right.addWidget(self.standard)
        self.facility_model: RowsTableModel[FacilityItem] = RowsTableModel(
            facility_columns(), lambda f: f.name, self
        )
        self.facility_view = _table(self.facility_model)
        self.facility_view.setObjectName("facility_table")
        self.facility_view.setSortingEnabled(False)
        self.facility_view.doubleClicked.connect(self._facility_clicked)
        right.addWidget(self.facility_view, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(self.tr("Double-click an item to mark it met or not met.")), 1)
        self.note_button = QPushButton(self.tr("Note…"))
        self.note_button.setObjectName("facility_note")
        self.note_button.clicked.connect(lambda _=False: self.edit_note())
        note_row.addWidget(self.note_button)
        right.addLayout(note_row)
        layout.addLayout(right, 2)

    def refresh(self) -> None:
        keep = self.site_id()
        self.model.set_rows(self.ctx.call(grids.list_sites))
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == keep:
                self.view.selectRow(row)
                break
        else:
            if self.model.rowCount():
                self.view.selectRow(0)
        self.refresh_site()

    def site_id(self) -> str | None:
        ids = _selected_ids(self.view)
        return ids[0] if ids else None

    def refresh_site(self, *_: Any) -> None:
        site_id = self.site_id()
        self.standard.setText(self.ctx.policy.site.facilities_standard)
        if site_id is None:
            self.scale.setText(self.tr("No site yet — click New site to add one."))
            self.facility_model.set_rows([])
            return
        info = next(s for s in self.model.rows if s.id == site_id)
        duties = []
        if info.scale.county_level_chief_required:
            duties.append(self.tr("a county-level leader as site chief"))
        if info.scale.collective_economy_required:
            duties.append(self.tr("at least one collective economic organisation"))
        self.scale.setText(
            self.tr("%1 persons in %2 households. ")
            .replace("%1", str(info.persons))
            .replace("%2", str(info.households))
            + (
                self.tr("Large site: requires %1.").replace("%1", "、".join(duties))
                if duties
                else self.tr("Ordinary site under the policy profile.")
            )
        )
        self.facility_model.set_rows(self.ctx.call(grids.site_facilities, site_id))

    def edit_note(self) -> FormDialog | None:
        """Write what is missing or planned for the selected checklist item."""
        site_id = self.site_id()
        rows = self.facility_view.selectionModel().selectedRows()
        if site_id is None or not rows:
            show_error_box(self, self.tr("Select an item of the checklist first."))
            return None
        item = self.facility_model.row_at(rows[0].row())
        d = FormDialog(self, item.name)
        met = d.add(self.tr("Met"), QCheckBox(), "met")
        met.setChecked(item.met)
        note = d.add(self.tr("Note"), QLineEdit(item.note), "note")
        d.submit = lambda: self.ctx.call(
            grids.set_facility, site_id, item.name, met=met.isChecked(), note=note.text()
        )
        return self._open(d)

    def _facility_clicked(self, index: Any) -> None:
        # toggled after the click is handled: toggling resets the model under the view
        row = index.row()
        QTimer.singleShot(0, lambda: self.toggle_facility(row))

    def toggle_facility(self, row: int) -> None:
        site_id = self.site_id()
        if site_id is None or not self.ctx.actor.is_admin:
            return
        item = self.facility_model.row_at(row)
        try:
            self.ctx.call(grids.set_facility, site_id, item.name, met=not item.met, note=item.note)
        except DomainError as error:
            show_error_box(self, error)
            return
        self.ctx.bus.data_changed.emit(Changed({"sites": frozenset({site_id})}))
        self.refresh()

    def _form(self, title: str, info: SiteInfo | None) -> tuple[FormDialog, dict[str, Any]]:
        d = FormDialog(self, title)
        w: dict[str, Any] = {
            "code": d.add(self.tr("Code"), QLineEdit(info.code if info else ""), "code"),
            "name": d.add(self.tr("Name"), QLineEdit(info.name if info else ""), "name"),
            "kind": d.add(self.tr("Kind"), _combo([(label(k), k) for k in SiteKind]), "kind"),
            "address": d.add(
                self.tr("Address"), QLineEdit(info.address if info else ""), "address"
            ),
            "chief_name": d.add(
                self.tr("Site chief"), QLineEdit(info.chief_name if info else ""), "chief_name"
            ),
            "chief_phone": d.add(
                self.tr("Chief's phone"), QLineEdit(info.chief_phone if info else ""), "chief_phone"
            ),
        }
        if info:
            select_data(w["kind"], info.kind)
            w["code"].setEnabled(False)
        return d, w

    def new_site(self) -> FormDialog:
        d, w = self._form(self.tr("New site"), None)
        d.submit = lambda: self.ctx.call(
            grids.create_site,
            code=w["code"].text(),
            name=w["name"].text(),
            kind=w["kind"].currentData(),
            address=w["address"].text(),
            chief_name=w["chief_name"].text(),
            chief_phone=w["chief_phone"].text(),
        )
        return self._open(d)

    def edit_site(self) -> FormDialog | None:
        site_id = self.site_id()
        if site_id is None:
            return None
        info = next(s for s in self.model.rows if s.id == site_id)
        d, w = self._form(self.tr("Edit site"), info)
        d.submit = lambda: self.ctx.call(
            grids.update_site,
            site_id,
            name=w["name"].text(),
            kind=w["kind"].currentData(),
            address=w["address"].text(),
            chief_name=w["chief_name"].text(),
            chief_phone=w["chief_phone"].text(),
        )
        return self._open(d)

    def _open(self, d: FormDialog) -> FormDialog:
        self.dialog = d

        def done() -> None:
            self.ctx.bus.data_changed.emit(Changed({"sites": frozenset()}))
            self.refresh()

        d.accepted.connect(done)
        d.open()
        return d


# ---------------------------------------------------------------- users


def account_columns() -> list[Column[AccountInfo]]:
    return [
        Column(QT_TRANSLATE_NOOP("BoardTable", "User name"), lambda a: a.username),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Name"), lambda a: a.display_name),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Role"), lambda a: label(a.role)),
        Column(
            QT_TRANSLATE_NOOP("BoardTable", "State"),
            lambda a: (
                ("✓ " + QCoreApplication.translate("BoardTable", "Active"))
                if a.active
                else ("✗ " + QCoreApplication.translate("BoardTable", "Disabled"))
            ),
            lambda a: a.active,
            colour=lambda a: GREEN if a.active else RED,
        ),
        Column(QT_TRANSLATE_NOOP("BoardTable", "Grids"), lambda a: "、".join(a.grid_names)),
    ]


class UsersTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: FormDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.model: RowsTableModel[AccountInfo] = RowsTableModel(
            account_columns(), lambda a: a.id, self
        )
        self.view = _table(self.model)
        self.view.setObjectName("user_table")
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        for name, text, slot in (
            ("new_user", self.tr("New account…"), self.new_user),
            ("bind_grids", self.tr("Grids…"), self.bind),
            ("reset_password", self.tr("Reset password…"), self.reset_password),
            ("toggle_active", self.tr("Disable / enable"), self.toggle_active),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def refresh(self) -> None:
        self.model.set_rows(self.ctx.call(users.list_accounts))
        _resort(self.view)

    def user_id(self) -> str | None:
        ids = _selected_ids(self.view)
        if not ids:
            show_error_box(self, self.tr("Select an account first."))
        return ids[0] if ids else None

    def _grid_list(self, chosen: Sequence[str]) -> QListWidget:
        return _checklist(
            [
                (g.id, f"{g.site_name} · {g.name}", g.id in chosen)
                for g in self.ctx.call(grids.list_grids)
            ]
        )

    def _open(self, d: FormDialog) -> FormDialog:
        self.dialog = d

        def done() -> None:
            self.ctx.bus.data_changed.emit(Changed({"users": frozenset()}))
            self.refresh()

        d.accepted.connect(done)
        d.open()
        return d

    def new_user(self) -> FormDialog:
        d = FormDialog(self, self.tr("New account"))
        username = d.add(self.tr("User name"), QLineEdit(), "username")
        name = d.add(self.tr("Name"), QLineEdit(), "display_name")
        password = QLineEdit()
        password.setEchoMode(QLineEdit.EchoMode.Password)
        d.add(self.tr("Password"), password, "password")
        role = d.add(self.tr("Role"), _combo([(label(r), r) for r in Role]), "role")
        phone = d.add(self.tr("Phone"), QLineEdit(), "phone")
        grid_list = d.add(self.tr("Grids"), self._grid_list([]), "grids")
        d.submit = lambda: self.ctx.call(
            users.create_account,
            username=username.text(),
            display_name=name.text(),
            password=password.text(),
            role=role.currentData(),
            phone=phone.text(),
            grid_ids=_checked(grid_list),
        )
        return self._open(d)

    def bind(self) -> FormDialog | None:
        user_id = self.user_id()
        if user_id is None:
            return None
        info = next(a for a in self.model.rows if a.id == user_id)
        d = FormDialog(self, self.tr("Grids of %1").replace("%1", info.display_name))
        grid_list = d.add(self.tr("Grids"), self._grid_list(info.grid_ids), "grids")
        d.submit = lambda: self.ctx.call(users.bind_grids, user_id, _checked(grid_list))
        return self._open(d)

    def reset_password(self) -> FormDialog | None:
        user_id = self.user_id()
        if user_id is None:
            return None
        d = FormDialog(self, self.tr("Reset password"))
        password = QLineEdit()
        password.setEchoMode(QLineEdit.EchoMode.Password)
        d.add(self.tr("New password"), password, "password")
        d.submit = lambda: self.ctx.call(users.reset_password, user_id, password.text())
        return self._open(d)

    def toggle_active(self) -> None:
        user_id = self.user_id()
        if user_id is None:
            return
        info = next(a for a in self.model.rows if a.id == user_id)
        try:
            self.ctx.call(users.set_active, user_id, not info.active)
        except DomainError as error:
            show_error_box(self, error)
            return
        self.ctx.bus.data_changed.emit(Changed({"users": frozenset({user_id})}))
        self.refresh()


# ---------------------------------------------------------------- the page


class GridsPage(QWidget):
    """Board for everyone; grids, sites and accounts for administrators."""

    household_opened = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("grids_tabs")
        self.board = BoardTab(ctx)
        self.tabs.addTab(self.board, self.tr("Coverage board"))
        self.manage: ManageTab | None = None
        self.sites: SitesTab | None = None
        self.users: UsersTab | None = None
        if ctx.actor.is_admin:
            self.manage = ManageTab(ctx)
            self.sites = SitesTab(ctx)
            self.users = UsersTab(ctx)
            self.tabs.addTab(self.manage, self.tr("Grids and buildings"))
            self.tabs.addTab(self.sites, self.tr("Sites"))
            self.tabs.addTab(self.users, self.tr("Accounts"))
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.board.household_opened.connect(self.household_opened)
        ctx.bus.data_changed.connect(self._on_data_changed)
        self._stale: set[int] = set()
        self.board.refresh()

    def _tab_changed(self, index: int) -> None:
        self._refresh_tab(index)

    def _refresh_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        refresh = getattr(widget, "refresh", None)
        if refresh is not None:
            refresh()
        self._stale.discard(index)

    def _on_data_changed(self, changed: Changed) -> None:
        if not any(changed.touches(t) for t in (*WATCHED, "monthly_snapshots")):
            return
        self._stale = set(range(self.tabs.count()))
        self._refresh_tab(self.tabs.currentIndex())
