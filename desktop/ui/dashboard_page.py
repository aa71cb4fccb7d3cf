"""The home page (工作台): the township's key figures and what needs attention today.

Each "needs attention" item is a button: clicking it lists the households
behind its number right here, and ``open_households`` (or, for overdue work
orders, ``open_work_orders``) asks the main window to open the full list with
the same filter.  The figures come from the coverage board service, so the
dashboard, the board and the monthly snapshot never disagree.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import board
from desktop.services.board import Attention, DashboardSummary, HouseholdRow
from desktop.ui.board_table_model import (
    GREEN,
    GREY,
    ID_ROLE,
    RED,
    RowsTableModel,
    household_columns,
)
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import show_error_box
from desktop.ui.fonts import scale_font

LIST_LIMIT = 500  # rows listed under an attention item; the full list is one click away

WATCHED_TABLES = ("households", "persons", "visits", "work_orders", "grids", "buildings")


def _card_style(colour: str) -> str:
    return (
        f"QPushButton, QFrame#figure {{ text-align: left; padding: 8px 12px;"
        f" border: 1px solid #c7c7c7; border-left: 6px solid {colour};"
        f" border-radius: 4px; background: #ffffff; }}"
        f" QPushButton:checked {{ background: #e8f0fe; border-color: {colour}; }}"
        f" QPushButton:focus {{ border-color: #1a5fb4; }}"
    )


class DashboardPage(QWidget):
    """Key figures, attention items and the list behind the chosen item."""

    open_households = Signal(dict)  # {"attention": "<Attention value>"}
    open_work_orders = Signal(dict)  # {"overdue": True}
    household_opened = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.summary: DashboardSummary | None = None
        self.current: Attention | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)

        self.title = QLabel()
        self.title.setObjectName("dashboard_title")
        scale_font(self.title, 1.3, bold=True)
        layout.addWidget(self.title)

        self.figures_box = QGridLayout()
        self.figures_box.setSpacing(8)
        self.figure_labels: dict[str, QLabel] = {}
        for i, key in enumerate(
            ("households", "persons", "labour", "monitored", "visited", "orders")
        ):
            frame = QFrame()
            frame.setObjectName("figure")
            frame.setStyleSheet(_card_style("#1a5fb4"))
            box = QVBoxLayout(frame)
            box.setContentsMargins(4, 2, 4, 2)
            value = QLabel()
            value.setObjectName(f"figure_{key}")
            scale_font(value, 1.25, bold=True)
            value.setWordWrap(True)
            box.addWidget(value)
            self.figure_labels[key] = value
            self.figures_box.addWidget(frame, 0, i)
        layout.addLayout(self.figures_box)

        heading = QLabel(self.tr("Needs attention today"))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.buttons: dict[Attention, QPushButton] = {}
        for kind in (
            Attention.NOT_VISITED,
            Attention.ZERO_EMPLOYMENT,
            Attention.OVERDUE_ORDERS,
            Attention.OLD_HOUSE_OVERDUE,
        ):
            button = QPushButton()
            button.setObjectName(f"attention_{kind.value}")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _=False, k=kind: self.show_attention(k))
            row.addWidget(button)
            self.buttons[kind] = button
        layout.addLayout(row)

        self.behind = QLabel()
        self.behind.setObjectName("behind_grids")
        self.behind.setWordWrap(True)
        layout.addWidget(self.behind)

        list_head = QHBoxLayout()
        self.list_title = QLabel()
        self.list_title.setObjectName("list_title")
        self.list_title.setStyleSheet("font-weight: bold;")
        list_head.addWidget(self.list_title, 1)
        self.open_full = QPushButton(self.tr("Open in the full list"))
        self.open_full.setObjectName("open_full_list")
        self.open_full.clicked.connect(self._open_full_list)
        self.open_full.setEnabled(False)
        list_head.addWidget(self.open_full)
        layout.addLayout(list_head)

        self.model: RowsTableModel[HouseholdRow] = RowsTableModel(
            household_columns(), lambda r: r.id, self
        )
        self.table = QTableView()
        self.table.setObjectName("attention_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_row)
        layout.addWidget(self.table, 1)

        self.empty = QLabel()
        self.empty.setObjectName("empty_hint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)

        ctx.bus.data_changed.connect(self._on_data_changed)
        self.refresh()

    # ---------------------------------------------------------------- data

    def refresh(self) -> None:
        """Count again.  With a task runner the counting (a few tenths of a second on a
        county-sized township) runs on the database worker, so the window is usable
        at once at start-up; the figures appear when it returns."""
        if self.ctx.tasks is None:
            self._show(self.ctx.call(board.dashboard, clock=self.ctx.clock))
            return
        ctx = self.ctx

        def job(cancel: threading.Event, _progress: object) -> DashboardSummary:
            return ctx.call(board.dashboard, clock=ctx.clock)

        self.ctx.tasks.submit(job, on_result=self._show, on_error=self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        show_error_box(self, str(error))

    def _show(self, summary: DashboardSummary) -> None:
        self.summary = summary
        f = summary.figures
        year, month = summary.month.split("-")
        self.title.setText(
            self.tr("%1 — %2, figures for %3-%4")
            .replace("%1", self.ctx.township.township_name)
            .replace("%2", summary.today.isoformat())
            .replace("%3", year)
            .replace("%4", month)
        )
        self.figure_labels["households"].setText(
            self.tr("%1 households\nin %2 grids of %3 sites")
            .replace("%1", str(f.households))
            .replace("%2", str(summary.grids))
            .replace("%3", str(summary.sites))
        )
        self.figure_labels["persons"].setText(self.tr("%1 persons").replace("%1", str(f.persons)))
        self.figure_labels["labour"].setText(
            self.tr("%1 labourers\n%2 in work")
            .replace("%1", str(f.labourers))
            .replace("%2", str(f.employed))
        )
        self.figure_labels["monitored"].setText(
            self.tr("%1 monitored\nhouseholds").replace("%1", str(f.monitored))
        )
        share = round(100 * f.visited_share)
        self.figure_labels["visited"].setText(
            self.tr("%1 seen this month\n(%2%)")
            .replace("%1", str(f.visited))
            .replace("%2", str(share))
        )
        self.figure_labels["orders"].setText(
            self.tr("%1 open work orders").replace("%1", str(f.open_orders))
        )
        for item in summary.attention:
            self._set_button(item.kind, item.count)
        if summary.behind_grids:
            self.behind.setText(
                "⚠ "
                + self.tr("Behind on this month's visits: %1").replace(
                    "%1", "、".join(summary.behind_grids)
                )
            )
            self.behind.setStyleSheet(f"color: {RED};")
        else:
            self.behind.setText("✓ " + self.tr("Every grid keeps pace with this month's visits."))
            self.behind.setStyleSheet(f"color: {GREEN};")
        if f.households == 0:
            self.empty.setText(
                self.tr(
                    "No households yet — import a ledger or add households, "
                    "and set up grids on the Grids page."
                )
            )
            self.empty.show()
        else:
            self.empty.hide()
        if self.current is not None:
            self.show_attention(self.current)
        else:
            self.list_title.setText(self.tr("Click an item above to list its households."))

    def _set_button(self, kind: Attention, count: int) -> None:
        titles = {
            Attention.NOT_VISITED: self.tr("Not seen this month"),
            Attention.ZERO_EMPLOYMENT: self.tr("Zero-employment households"),
            Attention.OVERDUE_ORDERS: self.tr("Overdue work orders"),
            Attention.OLD_HOUSE_OVERDUE: self.tr("Old houses past deadline"),
        }
        unit = self.tr("orders") if kind is Attention.OVERDUE_ORDERS else self.tr("households")
        state = "⚠ " + self.tr("needs action") if count else "✓ " + self.tr("cleared")
        button = self.buttons[kind]
        button.setText(f"{titles[kind]}\n{count} {unit}   {state}")
        button.setStyleSheet(_card_style(RED if count else GREEN))
        button.setToolTip(self.tr("Click to list them"))
        button.setProperty("count", count)

    def show_attention(self, kind: Attention) -> None:
        """List the households behind an attention item below the buttons."""
        self.current = kind
        for k, button in self.buttons.items():
            button.setChecked(k is kind)
        rows = self.ctx.call(
            board.household_rows, attention=kind, clock=self.ctx.clock, limit=LIST_LIMIT
        )
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        names = {
            Attention.NOT_VISITED: self.tr("Households not seen this month"),
            Attention.ZERO_EMPLOYMENT: self.tr("Zero-employment households"),
            Attention.OVERDUE_ORDERS: self.tr("Households with overdue work orders"),
            Attention.OLD_HOUSE_OVERDUE: self.tr("Households whose old house is past its deadline"),
        }
        total = int(self.buttons[kind].property("count") or 0)
        title = self.tr("%1 (%2)").replace("%1", names[kind]).replace("%2", str(total))
        if kind is Attention.OVERDUE_ORDERS:
            title = names[kind]
        if len(rows) >= LIST_LIMIT:
            title += "  " + self.tr("— the first %1 shown; open the full list for all.").replace(
                "%1", str(LIST_LIMIT)
            )
        self.list_title.setText(title)
        self.open_full.setEnabled(True)
        self.table.setStyleSheet("" if rows else f"color: {GREY};")

    def _open_full_list(self) -> None:
        if self.current is Attention.OVERDUE_ORDERS:
            self.open_work_orders.emit({"overdue": True})
        elif self.current is not None:
            self.open_households.emit({"attention": self.current.value})

    def _open_row(self, index: object) -> None:
        household_id = self.model.data(index, ID_ROLE)  # type: ignore[arg-type]
        if household_id:
            self.household_opened.emit(household_id)

    def _on_data_changed(self, changed: Changed) -> None:
        if any(changed.touches(t) for t in WATCHED_TABLES) and self.isVisible():
            self.refresh()
        elif any(changed.touches(t) for t in WATCHED_TABLES):
            self._stale = True

    def showEvent(self, event: object) -> None:
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]
