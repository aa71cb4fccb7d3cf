"""住户: every household the user may see, searched as they type, filtered, sorted.

Keyboard first: the search box has the focus; Down moves into the table, Up
from its first row back to the search; Enter (or a double-click) opens the
household, Esc comes back with the search, filters and place kept.  The search
runs 150 ms after the last keystroke, on the database worker (``ctx.tasks``):
one indexed query of a few milliseconds on an idle laptop, but more than 30 ms
on a busy one (see ``tests/bench/bench_households.py``), and typing must never
stutter.  A newer keystroke discards an older answer.  Without a task runner
(tools, some tests) the query runs in place.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import coverage
from desktop.domain.enums import HouseholdCategory, MonitoringCategory
from desktop.domain.errors import DomainError
from desktop.domain.monitoring import Flag, Risk
from desktop.services.households import (
    MONITORED_ANY,
    OLD_HOUSE_LATE,
    FilterOptions,
    HouseholdFilter,
    HouseholdRow,
    ListPage,
    SortKey,
    count_households,
    filter_options,
    first_page,
    list_households,
    resolve_filter,
)
from desktop.services.survey import SurveyFilter
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import show_error_box
from desktop.ui.fonts import font_notifier, scale_font
from desktop.ui.household_table_model import (
    BLOCK_SIZE,
    COL_CATEGORY,
    COL_CODE,
    COL_FLAT,
    COL_GRID,
    COL_HEAD,
    COL_MEMBERS,
    COL_MONITORING,
    COL_MOVE_IN,
    COL_PHONE,
    COL_RISK,
    COL_SITE,
    SORT_KEYS,
    HouseholdTableModel,
)
from desktop.ui.labels import choices
from desktop.ui.report_buttons import LedgerButtons, PrintCardsButton
from desktop.ui.survey_widgets import NewHouseholdButton
from desktop.ui.table_fit import FillColumn
from desktop.ui.tasks import Task

if TYPE_CHECKING:
    from desktop.services.printing import Selection
    from desktop.ui.household_page import HouseholdPage

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
SITE_MIN_CHARS = 5  # the site column: elided beyond this, the table scrolls sideways
REFRESH_TABLES = ("households", "persons", "visits")  # visits: the risk and status filters
OPTION_TABLES = ("sites", "grids", "buildings", "user_grids", "users")

# Column widths as sample texts, measured in the current font: at the default size
# the table fits 1366 pixels, the site column taking what is left; at a larger size
# the columns keep their text and the table scrolls sideways.
WIDTH_SAMPLES = {
    COL_CODE: "433127100-01-00001",
    COL_HEAD: "欧阳小明",
    COL_MEMBERS: "人数",
    COL_GRID: "城北第十网格",
    COL_FLAT: "12栋2单元1201",
    COL_PHONE: "13800000000",
    COL_CATEGORY: "建档立卡搬迁户",
    COL_MONITORING: "● 突发严重困难户",
    COL_RISK: "● 红",
    COL_MOVE_IN: "2026-11-22",
}


class HouseholdsPage(QWidget):
    """The household list and, once one is opened, that household's page.

    Emits :attr:`household_opened` with the id of the household shown.
    """

    household_opened = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._options = FilterOptions((), (), ())

        # -- search and count
        self.search = QLineEdit()
        self.search.setObjectName("household_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search: name, pinyin initials (zsf), resident ID, phone, flat or code")
        )
        self.search.setToolTip(self.tr("Type to search; Down arrow to the list, Enter to open"))
        self.count_label = QLabel()
        self.count_label.setObjectName("household_count")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        self.new_button = NewHouseholdButton(ctx)
        self.new_button.created.connect(self.open_household)
        top.addWidget(self.new_button)
        # cards and ledgers for the households the filters show
        self.print_button = PrintCardsButton(ctx, self.report_scope)
        self.ledger_buttons = LedgerButtons(ctx, self.report_scope)
        top.addWidget(self.print_button)
        top.addWidget(self.ledger_buttons)

        # -- filters
        self.site_combo = self._combo("filter_site", self.tr("Site"))
        self.grid_combo = self._combo("filter_grid", self.tr("Grid"))
        self.building_combo = self._combo("filter_building", self.tr("Building"))
        self.category_combo = self._combo("filter_category", self.tr("Household category"))
        self.monitoring_combo = self._combo("filter_monitoring", self.tr("Monitoring status"))
        self.category_combo.addItem(self.tr("All categories"), None)
        for text, category in choices(HouseholdCategory):
            self.category_combo.addItem(text, category.value)
        self.monitoring_combo.addItem(self.tr("Any monitoring status"), None)
        self.monitoring_combo.addItem(self.tr("Monitored (any category)"), MONITORED_ANY)
        for text, status in choices(MonitoringCategory):
            self.monitoring_combo.addItem(text, status.value)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("clear_filters")
        self.clear_button.clicked.connect(self.clear_filters)
        filters = QHBoxLayout()
        for combo in (
            self.site_combo,
            self.grid_combo,
            self.building_combo,
            self.category_combo,
            self.monitoring_combo,
        ):
            filters.addWidget(combo, 1)
        filters.addWidget(self.clear_button)

        # -- filters on the computed status, on a second row so 1366 pixels hold both
        self.risk_combo = self._combo("filter_risk", self.tr("Risk level"))
        self.risk_combo.addItem(self.tr("Any risk level"), None)
        for text, risk in (
            (self.tr("Risk: red"), Risk.RED),
            (self.tr("Risk: amber"), Risk.AMBER),
            (self.tr("Risk: green"), Risk.GREEN),
        ):
            self.risk_combo.addItem(text, risk.value)
        self.flag_combo = self._combo("filter_flag", self.tr("Monitoring alert"))
        self.flag_combo.addItem(self.tr("Any monitoring alert"), None)
        for text, flag in (
            (self.tr("Income per head under the line"), Flag.LOW_INCOME.value),
            (self.tr("Zero-employment household"), Flag.ZERO_EMPLOYMENT.value),
            (self.tr("Serious illness or disability without 低保"), Flag.ILLNESS_WITHOUT_DIBAO),
            (self.tr("Old house past its deadline (demolition or reclamation)"), OLD_HOUSE_LATE),
            (self.tr("Old house not demolished in time"), Flag.OLD_HOUSE_OVERDUE.value),
            (self.tr("Land not reclaimed in time"), Flag.RECLAIM_OVERDUE.value),
            (self.tr("Income per head down sharply"), Flag.INCOME_DROP.value),
            (self.tr("Someone lost a job"), Flag.JOB_LOST.value),
            (self.tr("Keys handed over, not moved in"), Flag.NOT_MOVED_IN.value),
            (self.tr("Two assurances, three guarantees: a problem"), Flag.ASSURANCE_GAP.value),
        ):
            self.flag_combo.addItem(text, str(flag))
        self.five_ones_check = QCheckBox(self.tr("Five-ones not met"))
        self.five_ones_check.setObjectName("filter_five_ones")
        self.five_ones_check.setToolTip(self.tr("Households missing one of the five-ones"))
        self.not_visited_check = QCheckBox(self.tr("Not visited this month"))
        self.not_visited_check.setObjectName("filter_not_visited")
        self.not_visited_check.setToolTip(self.tr("Households with no visit this calendar month"))
        status_row = QHBoxLayout()
        status_row.addWidget(self.risk_combo, 1)
        status_row.addWidget(self.flag_combo, 2)
        status_row.addSpacing(12)
        status_row.addWidget(self.five_ones_check)
        status_row.addSpacing(12)
        status_row.addWidget(self.not_visited_check)
        status_row.addStretch(2)

        # -- the table
        self.model = HouseholdTableModel(self._count, self._page, self)
        self.table = QTableView()
        self.table.setObjectName("household_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSortIndicator(COL_CODE, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.doubleClicked.connect(self._open_index)
        self.table.installEventFilter(self)
        self.search.installEventFilter(self)

        # -- what shows when nothing matches
        self.empty_label = QLabel()
        self.empty_label.setObjectName("household_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        scale_font(self.empty_label, 1.2)
        self.empty_clear = QPushButton(self.tr("Clear search and filters"))
        self.empty_clear.clicked.connect(self.clear_filters)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.empty_clear, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(empty)

        self.list_page = list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addLayout(filters)
        list_layout.addLayout(status_row)
        list_layout.addWidget(self.body, 1)

        # the household's own page is made when the first household is opened
        self._detail: HouseholdPage | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(list_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self._wanted: HouseholdFilter | None = self.model.current_filter
        self._generation = 0
        self._search_task: Task | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.site_combo.currentIndexChanged.connect(self._site_changed)
        self.grid_combo.currentIndexChanged.connect(self._grid_changed)
        for combo in (
            self.building_combo,
            self.category_combo,
            self.monitoring_combo,
            self.risk_combo,
            self.flag_combo,
        ):
            combo.currentIndexChanged.connect(self.apply_filter)
        for check in (self.five_ones_check, self.not_visited_check):
            check.toggled.connect(self.apply_filter)
        self.model.total_changed.connect(self._show_total)
        focus = QShortcut(QKeySequence.StandardKey.Find, self)
        focus.activated.connect(self.focus_search)
        ctx.bus.data_changed.connect(self._on_data_changed)
        self._site_fill: FillColumn | None = None
        font_notifier().changed.connect(self._size_columns)

        self._load_options()
        # The first query: enabling sorting sorts by the indicator's column.
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._keep_sort_indicator)
        self.table.setCurrentIndex(self.model.index(0, 0))
        self._size_columns()
        self.setFocusProxy(self.search)

    # -- services, for the model (which never sees a session)

    def _today(self) -> date:
        """Today in the township (Beijing time), as the dashboard counts "this month"."""
        return coverage.local_today(self.ctx.clock.now())

    def _count(self, flt: HouseholdFilter) -> int:
        return self.ctx.call(count_households, flt, today=self._today())

    def _page(
        self, flt: HouseholdFilter, sort: SortKey, descending: bool, offset: int, limit: int
    ) -> list[HouseholdRow]:
        return self.ctx.call(
            list_households, flt, sort, descending, offset, limit, today=self._today()
        )

    # -- filters

    def _combo(self, name: str, tooltip: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setToolTip(tooltip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        return combo

    def report_scope(self) -> tuple[Selection, str]:
        """What the list shows, for cards and ledgers: its place and its other filters."""
        from desktop.services.printing import Selection

        flt = self.current_filter()
        scope = Selection(category=flt.category, monitoring=flt.monitoring, text=flt.text)
        if flt.building_id:
            scope, text = replace(scope, building_ids=(flt.building_id,)), self.building_combo
        elif flt.grid_id:
            scope, text = replace(scope, grid_ids=(flt.grid_id,)), self.grid_combo
        elif flt.site_id:
            scope, text = replace(scope, site_ids=(flt.site_id,)), self.site_combo
        else:
            text = None
        parts = [text.currentText() if text is not None else self.tr("All households")]
        parts += [
            combo.currentText()
            for combo in (self.category_combo, self.monitoring_combo)
            if combo.currentData()
        ]
        if flt.text:
            parts.append(f"“{flt.text}”")
        return scope, "，".join(parts)

    def current_filter(self) -> HouseholdFilter:
        return HouseholdFilter(
            site_id=self.site_combo.currentData(),
            grid_id=self.grid_combo.currentData(),
            building_id=self.building_combo.currentData(),
            category=self.category_combo.currentData(),
            monitoring=self.monitoring_combo.currentData(),
            text=self.search.text() or None,
            survey=self.current_survey_filter(),
        )

    def current_survey_filter(self) -> SurveyFilter | None:
        """What the status filters ask for; None when they ask for nothing."""
        survey = SurveyFilter(
            risk=self.risk_combo.currentData(),
            flag=self.flag_combo.currentData(),
            five_ones_incomplete=self.five_ones_check.isChecked(),
            not_visited_this_month=self.not_visited_check.isChecked(),
        )
        return None if survey == SurveyFilter() else survey

    def show_filtered(self, survey: SurveyFilter, *, monitored: bool = False) -> None:
        """Show the list of households whose computed status matches ``survey``
        (``monitored``: in a monitored category too), every other filter cleared.

        For pages that point at a list, such as the dashboard's attention items.
        """
        self._set_filters(survey, monitored=monitored)
        self.show_list()
        self.apply_filter()

    def open_request(self, request: dict[str, object]) -> bool:
        """Honour a list request of another page; False if it is not for this list.

        The dashboard's ``open_households`` sends ``{"attention": value}``
        (desktop.services.board.Attention values).
        """
        attention = request.get("attention")
        requests = {
            "not_visited": SurveyFilter(not_visited_this_month=True),
            # one definition of zero employment (desktop.domain.coverage.working_statuses)
            "zero_employment": SurveyFilter(flag=Flag.ZERO_EMPLOYMENT.value),
            "old_house_overdue": SurveyFilter(flag=OLD_HOUSE_LATE),
            "monitored": SurveyFilter(),
        }
        survey = requests.get(str(attention))
        if survey is None:
            return False
        self.show_filtered(survey, monitored=attention == "monitored")
        return True

    def _set_filters(self, survey: SurveyFilter, *, monitored: bool) -> None:
        widgets: tuple[QWidget, ...] = (*self._combos(), *self._checks(), self.search)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for combo in self._combos():
                combo.setCurrentIndex(0)
            self.search.clear()
            if monitored:
                self.monitoring_combo.setCurrentIndex(
                    max(self.monitoring_combo.findData(MONITORED_ANY), 0)
                )
            self.risk_combo.setCurrentIndex(max(self.risk_combo.findData(survey.risk), 0))
            self.flag_combo.setCurrentIndex(max(self.flag_combo.findData(survey.flag), 0))
            self.five_ones_check.setChecked(survey.five_ones_incomplete)
            self.not_visited_check.setChecked(survey.not_visited_this_month)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._fill_grids()
        self._fill_buildings()

    def _combos(self) -> tuple[QComboBox, ...]:
        return (
            self.site_combo,
            self.grid_combo,
            self.building_combo,
            self.category_combo,
            self.monitoring_combo,
            self.risk_combo,
            self.flag_combo,
        )

    def _checks(self) -> tuple[QCheckBox, ...]:
        return (self.five_ones_check, self.not_visited_check)

    def apply_filter(self, *, wait: bool = False) -> None:
        """Query again with what the search box and the combos say now.

        With a task runner the query runs on the database worker and the table
        changes when it returns (a newer keystroke discards an older answer);
        ``wait`` queries at once, for keys that act on the result (Down, Enter).
        """
        self._search_timer.stop()
        flt = self.current_filter()
        if flt == self._wanted and not (wait and self._search_task is not None):
            return
        self._wanted = flt
        self._generation += 1
        if self._search_task is not None:
            self._search_task.cancel()
            self._search_task = None
        today = self._today()
        if wait or self.ctx.tasks is None:
            if flt != self.model.current_filter.unresolved:
                self.model.set_filter(self.ctx.call(resolve_filter, flt, today=today))
            self._after_query()
            return
        generation = self._generation
        ctx, sort, descending = self.ctx, self.model.sort_key, self.model.descending

        def job(cancel: threading.Event, _progress: object) -> ListPage | None:
            # status filters run rules over every household (about a second on
            # 12 000), which is why the query never runs on the GUI thread
            if cancel.is_set():
                return None
            return ctx.call(first_page, flt, sort, descending, BLOCK_SIZE, today=today)

        def done(page: ListPage | None) -> None:
            if generation != self._generation or page is None:
                return
            self._search_task = None
            resolved = page.filter or flt
            if (sort, descending) != (self.model.sort_key, self.model.descending):
                self.model.set_filter(resolved)  # re-sorted meanwhile: query in the new order
            else:
                self.model.show_page(resolved, sort, descending, page)
            self._after_query()

        self._search_task = ctx.tasks.submit(
            job, on_result=done, on_error=self._search_failed, owner=self
        )

    def _search_failed(self, error: BaseException) -> None:
        self._search_task = None
        self._wanted = None
        if isinstance(error, DomainError):
            show_error_box(self, error)
        else:
            log.error("household search failed", exc_info=error)

    @property
    def searching(self) -> bool:
        """True while a search runs in the background."""
        return self._search_task is not None

    def _after_query(self) -> None:
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def clear_filters(self) -> None:
        self._set_filters(SurveyFilter(), monitored=False)
        self.apply_filter()
        self.focus_search()

    def _load_options(self) -> None:
        self._options = self.ctx.call(filter_options)
        keep = self.site_combo.currentData()
        self.site_combo.blockSignals(True)
        self.site_combo.clear()
        self.site_combo.addItem(self.tr("All sites"), None)
        for site in self._options.sites:
            self.site_combo.addItem(site.name, site.id)
            self.site_combo.setItemData(
                self.site_combo.count() - 1, site.name, Qt.ItemDataRole.ToolTipRole
            )
        self.site_combo.setCurrentIndex(max(self.site_combo.findData(keep), 0))
        self.site_combo.blockSignals(False)
        self._fill_grids()
        self._fill_buildings()

    def _fill_grids(self) -> None:
        site_id = self.site_combo.currentData()
        keep = self.grid_combo.currentData()
        self.grid_combo.blockSignals(True)
        self.grid_combo.clear()
        self.grid_combo.addItem(self.tr("All grids"), None)
        for grid in self._options.grids:
            if site_id is None or grid.site_id == site_id:
                self.grid_combo.addItem(grid.name, grid.id)
        self.grid_combo.setCurrentIndex(max(self.grid_combo.findData(keep), 0))
        self.grid_combo.blockSignals(False)

    def _fill_buildings(self) -> None:
        site_id = self.site_combo.currentData()
        grid_id = self.grid_combo.currentData()
        site_names = {s.id: s.name for s in self._options.sites}
        keep = self.building_combo.currentData()
        self.building_combo.blockSignals(True)
        self.building_combo.clear()
        self.building_combo.addItem(self.tr("All buildings"), None)
        for b in self._options.buildings:
            if (site_id and b.site_id != site_id) or (grid_id and b.grid_id != grid_id):
                continue
            # Building names repeat across sites (1栋 everywhere): name the site too.
            text = b.name if site_id else f"{site_names.get(b.site_id, '')} {b.name}".strip()
            self.building_combo.addItem(text, b.id)
        self.building_combo.setCurrentIndex(max(self.building_combo.findData(keep), 0))
        self.building_combo.blockSignals(False)

    def _site_changed(self) -> None:
        self._fill_grids()
        self._fill_buildings()
        self.apply_filter()

    def _grid_changed(self) -> None:
        grid_id = self.grid_combo.currentData()
        grid = next((g for g in self._options.grids if g.id == grid_id), None)
        if grid is not None and self.site_combo.currentData() != grid.site_id:
            self.site_combo.blockSignals(True)
            self.site_combo.setCurrentIndex(max(self.site_combo.findData(grid.site_id), 0))
            self.site_combo.blockSignals(False)
            self._fill_grids()
        self._fill_buildings()
        self.apply_filter()

    def _keep_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        """The risk is computed per page, not in SQL, so the list cannot be sorted by
        it: put the indicator back on the column the list is sorted by."""
        if column in SORT_KEYS:
            return
        sorted_by = next(c for c, key in SORT_KEYS.items() if key is self.model.sort_key)
        order = (
            Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
        )
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(sorted_by, order)
        header.blockSignals(False)

    # -- count and empty state

    def _show_total(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 households").replace("%1", f"{total:,}"))
        if total:
            self.body.setCurrentIndex(0)
            return
        if self.model.current_filter.unresolved.is_empty:
            if self.ctx.actor.sees_everything:
                text = self.tr("There are no households yet — import a ledger or add a household")
            else:
                text = self.tr(
                    "There are no households in your grids yet — import a ledger or add a household"
                )
            self.empty_clear.hide()
        else:
            text = self.tr(
                "No household matches — check the spelling, or clear the search and filters"
            )
            self.empty_clear.show()
        self.empty_label.setText(text)
        self.body.setCurrentIndex(1)

    def _size_columns(self) -> None:
        """Each column as wide as its longest usual value at the current font size; the
        site's name takes what is left (and is elided, with a tooltip, when short of room)."""
        metrics = QFontMetrics(QApplication.font())
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(metrics.horizontalAdvance("人数") + 16)
        padding = metrics.horizontalAdvance("M") + 4
        for column, sample in WIDTH_SAMPLES.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width + padding)
        if self._site_fill is None:
            self._site_fill = FillColumn(self.table, COL_SITE, SITE_MIN_CHARS)
        self._site_fill.schedule()

    # -- moving around

    def focus_search(self) -> None:
        self.show_list()
        self.search.setFocus()
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
                if self._search_timer.isActive() or self.searching:
                    self.apply_filter(wait=True)
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.model.index(0, 0))
                self.table.selectRow(self.table.currentIndex().row())
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.apply_filter(wait=True)
                if self.model.rowCount() == 1:
                    self.open_row(0)
                elif self.model.rowCount():
                    self.table.setFocus()
                    self.table.selectRow(max(self.table.currentIndex().row(), 0))
                return True
        elif watched is self.table:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_index(self.table.currentIndex())
                return True
            if key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                self.search.setFocus()
                return True
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, row: int) -> None:
        household_id = self.model.household_id(row)
        if household_id is not None:
            self.open_household(household_id)

    @property
    def detail(self) -> HouseholdPage:
        """The page of the household opened (made on first use: the list comes up without it)."""
        if self._detail is None:
            from desktop.ui.household_page import HouseholdPage

            self._detail = HouseholdPage(self.ctx)
            self._detail.back_requested.connect(self.show_list)
            self.pages.addWidget(self._detail)
        return self._detail

    def open_household(self, household_id: str) -> bool:
        if not self.detail.show_household(household_id):
            return False
        self.pages.setCurrentWidget(self.detail)
        self.detail.back_button.setFocus()
        self.household_opened.emit(household_id)
        return True

    def show_list(self) -> None:
        if self.pages.currentWidget() is self.list_page:
            return
        self.pages.setCurrentIndex(0)
        self.table.setFocus()

    # -- other pages' changes

    def _on_data_changed(self, changed: Changed) -> None:
        if any(changed.touches(t) for t in OPTION_TABLES):
            self._load_options()
        if any(changed.touches(t) for t in (*REFRESH_TABLES, *OPTION_TABLES)):
            current = self.model.household_id(self.table.currentIndex().row())
            flt = self.current_filter()
            if self.model.current_filter.matched is not None and self.ctx.tasks is not None:
                # the status rules must run again, away from the GUI thread
                self._wanted = None
                self.apply_filter()
                return
            if flt != self.model.current_filter.unresolved:  # a chosen grid or site went away
                self.apply_filter(wait=True)
            else:
                self.model.reload(keep_loaded=True)
            row = self.model.row_of(current) if current else -1
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, 0))
