"""The work orders page (工单): the list with its countdowns, supervision, intake.

Decisions:

- One timer ticks every second.  It repaints the countdown columns from the
  rows already loaded (no query) and checks the open orders' running deadlines,
  loaded once per refresh (a few thousand small tuples), for the moments a
  deadline becomes near or passes: each crossing is notified once.  Orders
  already overdue when the page opens are not announced again: the list shows
  them at the top in red with the words 已超时.
- Every minute the timer also runs the escalation sweep (a short write, on the
  database worker so a busy database never freezes the list), says which
  orders climbed and to whom, and refreshes.
- After a request is taken the page says its number in large, selectable
  type ("已受理，工单编号 GD20261204-001，请向来电人复述") and selects its row:
  the caller is still on the line and asks for the number.
- Notifications stay on screen until seen: the page says ``notice_posted``
  and the main window shows it in its alert bar above every page, with 查看
  to open the order (desktop/ui/notices.py); the page's own line repeats the
  latest.  The system tray shows it too when the desktop has one.  A status
  bar line alone was missed: the three-minute window was gone unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import sla
from desktop.domain.enums import OrderCategory, OrderStatus
from desktop.domain.errors import DomainError
from desktop.domain.sla import Urgency
from desktop.services import work_orders as svc
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import error_text, show_error_box
from desktop.ui.fonts import scale_font
from desktop.ui.labels import choices, label
from desktop.ui.table_fit import FillColumn
from desktop.ui.work_order_dialogs import WorkOrderDetailDialog, ladder_label
from desktop.ui.work_order_form import IntakeForm
from desktop.ui.work_order_table_model import (
    COL_CODE,
    COL_DESCRIPTION,
    ROW_ROLE,
    URGENCY_ROLE,
    UrgencyDelegate,
    WorkOrderStatsModel,
    WorkOrderTableModel,
    stage_word,
)

TICK_MS = 1000
DESCRIPTION_MIN_CHARS = 12
ESCALATE_EVERY_TICKS = 60


class DeadlineNotifier(QObject):
    """Says once when an open order's running deadline becomes near, and once when it passes."""

    alerted = Signal(str, str)  # kind ("due_soon" / "overdue"), message

    def __init__(self, show: Callable[[str, str, str], None], parent: QObject | None = None):
        super().__init__(parent)
        self.show = show
        self.deadlines: list[svc.DeadlineInfo] = []
        self.last_check: datetime | None = None
        self.sent: set[tuple[str, str, str]] = set()

    def set_deadlines(self, deadlines: list[svc.DeadlineInfo], now: datetime) -> None:
        self.deadlines = deadlines
        if self.last_check is None:
            self.last_check = now

    def check(self, now: datetime) -> list[str]:
        since = self.last_check or now
        self.last_check = now
        if now <= since:
            return []
        messages = []
        for d in self.deadlines:
            if since < d.next_due <= now:
                kind = "overdue"
                text = self.tr("%1: the %2 deadline has passed")
            elif d.next_warn_at is not None and since < d.next_warn_at <= now:
                kind = "due_soon"
                text = self.tr("%1: the %2 deadline is near")
            else:
                continue
            key = (d.id, d.next_stage.value, kind)
            if key in self.sent:
                continue
            self.sent.add(key)
            text = text.replace("%1", d.code).replace("%2", stage_word(d.next_stage))
            messages.append(text)
            self.show(kind, text, d.id)
            self.alerted.emit(kind, text)
        return messages


class WorkOrdersPage(QWidget):
    notice_posted = Signal(str, str, str)  # kind, message, order id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail_dialog: WorkOrderDetailDialog | None = None
        self.intake_form: IntakeForm | None = None
        self._tray: QSystemTrayIcon | None = None
        self._ticks = 0

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        self.new_button = QPushButton(self.tr("New work order (Ctrl+N)"))
        self.new_button.setObjectName("new_order")
        self.new_button.clicked.connect(lambda: self.open_intake())
        self.new_button.setEnabled(ctx.actor.can_write)
        bar.addWidget(self.new_button)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search code, caller, phone or request"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.refresh)
        bar.addWidget(self.search, 1)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem(self.tr("Open"), "open")
        self.status_filter.addItem(self.tr("Overdue"), "overdue")
        self.status_filter.addItem(self.tr("All"), "all")
        self.status_filter.addItem(self.tr("Closed"), "closed")
        for text, status in choices(OrderStatus):
            self.status_filter.addItem(text, status.value)
        bar.addWidget(self.status_filter)
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("category_filter")
        self.category_filter.addItem(self.tr("All categories"), "")
        for text, category in choices(OrderCategory):
            self.category_filter.addItem(text, category.value)
        bar.addWidget(self.category_filter)
        self.grid_filter = QComboBox()
        self.grid_filter.setObjectName("grid_filter")
        self.grid_filter.addItem(self.tr("All grids"), "")
        for grid in ctx.call(svc.grid_choices):
            self.grid_filter.addItem(grid.name, grid.id)
        bar.addWidget(self.grid_filter)
        for combo in (self.status_filter, self.category_filter, self.grid_filter):
            combo.currentIndexChanged.connect(self.refresh)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.model = WorkOrderTableModel(ctx.clock, self._load_page, parent=self)
        self.table = self._make_table(self.model)
        self.tabs.addTab(self.table, self.tr("Work orders"))

        supervision = QWidget()
        column = QVBoxLayout(supervision)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Level reached")))
        self.level_filter = QComboBox()
        self.level_filter.setObjectName("level_filter")
        ladder = ctx.policy.service.escalation
        for level in range(1, len(ladder)):
            self.level_filter.addItem(ladder_label(ladder[level]), level)
        self.level_filter.currentIndexChanged.connect(self.refresh_supervision)
        row.addWidget(self.level_filter)
        row.addStretch(1)
        column.addLayout(row)
        self.supervision_model = WorkOrderTableModel(ctx.clock, self._load_supervision, parent=self)
        self.supervision_table = self._make_table(self.supervision_model)
        column.addWidget(self.supervision_table, 1)
        self.tabs.addTab(supervision, self.tr("Supervision"))
        self.tabs.addTab(self._make_stats_tab(), self.tr("Monthly figures"))
        self.tabs.currentChanged.connect(self._tab_changed)

        self.taken_label = QLabel()
        self.taken_label.setObjectName("order_taken")
        self.taken_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.taken_label.setStyleSheet(
            "#order_taken { background: #e3f2e6; color: #1b5e20; border: 1px solid #1b5e20;"
            " padding: 4px 8px; }"
        )
        scale_font(self.taken_label, 1.3, bold=True)
        self.taken_label.hide()
        layout.insertWidget(1, self.taken_label)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        layout.addWidget(self.summary)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)

        self.notifier = DeadlineNotifier(self._notify, self)
        QShortcut(QKeySequence("Ctrl+N"), self, lambda: self.open_intake())
        ctx.bus.data_changed.connect(self._on_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.refresh()
        self.timer.start()

    # -- building

    def _make_table(self, model: WorkOrderTableModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setItemDelegate(UrgencyDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the request keeps at least a dozen characters, whatever the font size
        FillColumn(table, COL_DESCRIPTION, DESCRIPTION_MIN_CHARS)
        # activated: Enter on a row, or a double click (a single click where the desktop says so)
        table.activated.connect(lambda index: self.open_detail_at(model, index))
        return table

    def _make_stats_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Month")))
        self.month_filter = QComboBox()
        self.month_filter.setObjectName("month_filter")
        today = sla.to_china(self.ctx.clock.now())
        year, month = today.year, today.month
        for _ in range(24):
            self.month_filter.addItem(f"{year}-{month:02d}", (year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        row.addWidget(self.month_filter)
        self.group_filter = QComboBox()
        self.group_filter.setObjectName("group_filter")
        self.group_filter.addItem(self.tr("By grid"), "grid")
        self.group_filter.addItem(self.tr("By category"), "category")
        row.addWidget(self.group_filter)
        row.addStretch(1)
        if self.ctx.actor.is_admin:
            holidays = QPushButton(self.tr("Load a holiday table…"))
            holidays.setObjectName("load_holidays")
            holidays.setToolTip(
                self.tr(
                    "The State Council's holidays and adjusted working days for a new year, "
                    "as a JSON or TOML file"
                )
            )
            holidays.clicked.connect(self.choose_holiday_table)
            row.addWidget(holidays)
        column.addLayout(row)
        self.stats_model = WorkOrderStatsModel(self)
        self.stats_table = QTableView()
        self.stats_table.setModel(self.stats_model)
        self.stats_table.verticalHeader().hide()
        self.stats_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        column.addWidget(self.stats_table, 1)
        for combo in (self.month_filter, self.group_filter):
            combo.currentIndexChanged.connect(self.refresh_stats)
        return tab

    def _tab_changed(self, index: int) -> None:
        if index == 2:
            self.refresh_stats()

    def refresh_stats(self) -> None:
        year, month = self.month_filter.currentData()
        stats = self.ctx.call(svc.monthly_statistics, year, month, clock=self.ctx.clock)
        rows: list[tuple[str, svc.StatsRow]] = []
        if self.group_filter.currentData() == "grid":
            rows = [(r.name or self.tr("No grid"), r) for r in stats.by_grid]
        else:
            rows = [(label(OrderCategory(r.key)), r) for r in stats.by_category]
        rows.append((self.tr("Whole township"), stats.total))
        self.stats_model.set_rows(rows)

    def choose_holiday_table(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Holiday table"), "", self.tr("Holiday tables (*.json *.toml)")
        )
        if name:
            self.load_holiday_table(Path(name))

    def load_holiday_table(self, path: Path) -> None:
        try:
            loaded = self.ctx.call(svc.load_holidays, path, clock=self.ctx.clock)
        except DomainError as error:
            show_error_box(self, error)
            return
        except OSError as error:
            show_error_box(self, str(error))
            return
        self.notice.setText(
            self.tr("Holiday table loaded for %1; %2 provisional deadlines recalculated.")
            .replace("%1", "、".join(str(y) for y in loaded.years))
            .replace("%2", str(loaded.orders_updated))
        )
        if loaded.orders_updated:
            self.ctx.bus.data_changed.emit(Changed({"work_orders": frozenset()}))

    # -- data

    def apply_filter(self, filters: dict[str, object]) -> None:
        """Show what another page asked for, e.g. the dashboard's ``{"overdue": True}``."""
        combos = (
            (self.status_filter, "overdue" if filters.get("overdue") else filters.get("status")),
            (self.grid_filter, filters.get("grid_id")),
            (self.category_filter, filters.get("category")),
        )
        for combo, value in combos:
            if value is not None:
                combo.setCurrentIndex(max(0, combo.findData(value)))
        self.tabs.setCurrentIndex(0)

    def query(self, offset: int = 0, limit: int = 200) -> svc.OrderQuery:
        status = str(self.status_filter.currentData() or "open")
        overdue = status == "overdue"
        return svc.OrderQuery(
            status="open" if overdue else status,
            overdue_at=self.ctx.clock.now() if overdue else None,
            category=str(self.category_filter.currentData() or "") or None,
            grid_id=str(self.grid_filter.currentData() or "") or None,
            text=self.search.text(),
            offset=offset,
            limit=limit,
        )

    def _load_page(self, offset: int, limit: int) -> svc.OrderPage:
        return self.ctx.call(svc.list_orders, self.query(offset, limit))

    def _load_supervision(self, offset: int, limit: int) -> svc.OrderPage:
        level = self.level_filter.currentData()
        if level is None:
            return svc.OrderPage((), 0)
        return self.ctx.call(svc.supervision_list, int(level), offset=offset, limit=limit)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.id if row else None

    def refresh(self) -> None:
        """Reload the list, keeping the order the user had selected (and its column)."""
        keep = self.selected_id()
        column = max(0, self.table.currentIndex().column())
        self.model.reload()
        if keep is not None:
            row = self.model.row_of(keep)
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, column))
        self.refresh_supervision()
        now = self.ctx.clock.now()
        self.notifier.set_deadlines(self.ctx.call(svc.open_deadlines), now)
        self._update_summary()

    def refresh_supervision(self) -> None:
        self.supervision_model.reload()
        counts = self.ctx.call(svc.supervision_counts)
        total = sum(counts.values())
        self.tabs.setTabText(1, self.tr("Supervision (%1)").replace("%1", str(total)))

    def _update_summary(self) -> None:
        now = self.ctx.clock.now()
        overdue = sum(1 for d in self.notifier.deadlines if d.next_due < now)
        if self.model.total == 0:
            text = self.tr("No work orders here. Take a request with “New work order” (Ctrl+N).")
        else:
            text = (
                self.tr("%1 orders; %2 open orders overdue")
                .replace("%1", str(self.model.total))
                .replace("%2", str(overdue))
            )
        self.summary.setText(text)

    def _on_changed(self, changed: Changed) -> None:
        if changed.touches("work_orders"):
            self.refresh()

    # -- the clock

    def tick(self) -> None:
        now = self.ctx.clock.now()
        self.model.tick()
        self.supervision_model.tick()
        alerts = self.notifier.check(now)
        self._ticks += 1
        if self._ticks % ESCALATE_EVERY_TICKS == 0:
            self.run_escalations()
        elif alerts:
            self._update_summary()

    def run_escalations(self) -> None:
        """The escalation sweep: a short write, on the database worker when there is one."""
        if not self.ctx.actor.can_write:
            return
        ctx = self.ctx

        def job(_cancel: object, _progress: object) -> list[svc.EscalationResult]:
            with ctx.session_factory.begin() as session:
                return svc.run_escalations(session, ctx.actor, clock=ctx.clock)

        if ctx.tasks is None:
            self._escalated(job(None, None))
        else:
            ctx.tasks.submit(
                job, on_result=self._escalated, on_error=self._escalation_failed, owner=self
            )

    def _escalation_failed(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            self.notice.setText(error_text(error))

    def _escalated(self, steps: list[svc.EscalationResult]) -> None:
        if not steps:
            return
        top: dict[str, svc.EscalationResult] = {}
        for step in steps:
            top[step.order_id] = step  # the highest level each order reached
        for step in top.values():
            self._notify(
                "escalated",
                self.tr("%1 is overdue and now supervised by the %2")
                .replace("%1", step.code)
                .replace("%2", ladder_label(step.role)),
                step.order_id,
            )
        self.ctx.bus.data_changed.emit(Changed({"work_orders": frozenset(top)}))

    def _notify(self, kind: str, text: str, order_id: str = "") -> None:
        title = {
            "overdue": self.tr("Deadline passed"),
            "escalated": self.tr("Escalated for supervision"),
        }.get(kind, self.tr("Deadline near"))
        self.notice.setText(text)
        self.notice_posted.emit(kind, text, order_id)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                self._tray = QSystemTrayIcon(icon, self)
                self._tray.show()
            if self._tray.supportsMessages():
                level = (
                    QSystemTrayIcon.MessageIcon.Warning
                    if kind == "due_soon"
                    else QSystemTrayIcon.MessageIcon.Critical
                )
                self._tray.showMessage(title, text, level, 10000)

    # -- opening things

    def open_intake(self, draft: svc.IntakeDraft | None = None) -> IntakeForm:
        form = IntakeForm(self.ctx, draft, self)
        self.intake_form = form
        form.order_saved.connect(self.order_taken)
        form.open()
        return form

    def order_taken(self, detail: svc.OrderDetail) -> None:
        """Say the new order's number to read back to the caller, and select its row."""
        self.taken_label.setText(
            self.tr("Taken: work order %1. Read the number back to the caller.").replace(
                "%1", detail.row.code
            )
        )
        self.taken_label.show()
        if self.status_filter.currentData() not in ("open", "all", "received"):
            self.status_filter.setCurrentIndex(self.status_filter.findData("open"))
        self.refresh()
        row = self.model.row_of(detail.row.id)
        if row >= 0:
            self.tabs.setCurrentIndex(0)
            self.table.setCurrentIndex(self.model.index(row, COL_CODE))
            self.table.scrollTo(self.model.index(row, COL_CODE))

    def open_detail(self, order_id: str) -> WorkOrderDetailDialog:
        dialog = WorkOrderDetailDialog(self.ctx, order_id, self)
        self.detail_dialog = dialog
        dialog.open()
        return dialog

    def open_detail_at(self, model: WorkOrderTableModel, index: QModelIndex) -> None:
        row = model.data(index, ROW_ROLE)
        if isinstance(row, svc.OrderRow):
            self.open_detail(row.id)

    def urgency_of(self, order_id: str) -> Urgency | None:
        """The urgency the list shows for an order (for tests and the dashboard)."""
        row = self.model.row_of(order_id)
        if row < 0:
            return None
        value = self.model.data(self.model.index(row, 0), URGENCY_ROLE)
        return value if isinstance(value, Urgency) else None

    def show_error(self, error: DomainError) -> None:
        show_error_box(self, error)
