"""The main window: navigation on the left, the current page on the right, a status bar.

The 账户 menu holds what a shared township laptop needs: 锁定 (Ctrl+L),
切换用户 (Ctrl+Shift+U), 注销 (Ctrl+Shift+Q) and 修改密码 (Ctrl+Shift+P),
reachable from an open form too.

Pages come from :data:`PAGES`, a registry of ``(key, title, icon, "module:Class")``
loaded with importlib the first time a page is shown, so start-up stays quick.
Every page
class takes ``(ctx, parent=None)``.  The window holds no business logic: pages
are controllers of their own.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.services import auth, status
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import error_text
from desktop.ui.idle_lock import DEFAULT_IDLE_MS, IdleWatcher, LockScreen
from desktop.ui.labels import label
from desktop.ui.notices import NoticeBar

log = logging.getLogger(__name__)

SP = QStyle.StandardPixmap
CONTEXT = "MainWindow"


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str  # English source, translated in the "MainWindow" context
    icon: QStyle.StandardPixmap
    target: str  # "package.module:ClassName"


PAGES: tuple[PageEntry, ...] = (
    PageEntry(
        "dashboard",
        str(QT_TRANSLATE_NOOP("MainWindow", "Dashboard")),
        SP.SP_ComputerIcon,
        "desktop.ui.dashboard_page:DashboardPage",
    ),
    PageEntry(
        "households",
        str(QT_TRANSLATE_NOOP("MainWindow", "Households")),
        SP.SP_DirHomeIcon,
        "desktop.ui.households_page:HouseholdsPage",
    ),
    PageEntry(
        "grids",
        str(QT_TRANSLATE_NOOP("MainWindow", "Grids")),
        SP.SP_FileDialogListView,
        "desktop.ui.grids_page:GridsPage",
    ),
    PageEntry(
        "work_orders",
        str(QT_TRANSLATE_NOOP("MainWindow", "Work orders")),
        SP.SP_FileDialogDetailedView,
        "desktop.ui.work_orders_page:WorkOrdersPage",
    ),
    PageEntry(
        "sync",
        str(QT_TRANSLATE_NOOP("MainWindow", "Sync")),
        SP.SP_BrowserReload,
        "desktop.ui.sync_page:SyncPage",
    ),
    PageEntry(
        "settings",
        str(QT_TRANSLATE_NOOP("MainWindow", "Settings")),
        SP.SP_FileDialogInfoView,
        "desktop.ui.settings_page:SettingsPage",
    ),
)

NAV_MIN_WIDTH = 150
WATCH_DEADLINES_AFTER_MS = 3000
ICON_SIZE = 22


def page_title(entry: PageEntry) -> str:
    return QCoreApplication.translate(CONTEXT, entry.title)


PageFactory = Callable[[UiContext, QWidget | None], QWidget]


def load_page_class(target: str) -> PageFactory:
    """The page class named by ``target`` (``"module:Class"``)."""
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    if not (isinstance(cls, type) and issubclass(cls, QWidget)):
        raise TypeError(f"{target} is not a page")
    return cast(PageFactory, cls)


def format_sync_time(value: str | None) -> str | None:
    """An ISO timestamp as local ``2026-11-22 14:05``; None when never synced."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


class MainWindow(QMainWindow):
    """Emits :attr:`logged_out` when the user logs out from the lock screen."""

    logged_out = Signal()

    def __init__(
        self,
        ctx: UiContext,
        *,
        pages: tuple[PageEntry, ...] = PAGES,
        idle_timeout_ms: int = DEFAULT_IDLE_MS,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.entries = pages
        self.pages: dict[str, QWidget] = {}
        self.locked = False
        place = f"{ctx.township.county_name} {ctx.township.township_name}".strip()
        self.setWindowTitle(self.tr("Anju — %1").replace("%1", place))

        # while locked, the window shows a blank page instead of its content
        self.root = QStackedWidget()
        self.content = QWidget()
        row = QHBoxLayout(self.content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        self.notices = NoticeBar()
        self.notices.open_requested.connect(self.open_work_order)
        for index, entry in enumerate(pages):
            item = QListWidgetItem(self.style().standardIcon(entry.icon), page_title(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(f"{page_title(entry)} (Ctrl+{index + 1})")
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # the real page is made when first shown
        self._size_navigation()
        row.addWidget(self.nav)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.notices)
        right.addWidget(self.stack, 1)
        row.addLayout(right, 1)
        self.nav.currentRowChanged.connect(self.show_page_at)
        for index in range(min(len(pages), 9)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self.content)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda i=index: self.go_to(i))

        self.lock_screen = LockScreen(
            self.tr("%1 (%2)")
            .replace("%1", ctx.actor.display_name)
            .replace("%2", label(ctx.actor.role)),
            self._verify_password,
            self,
        )
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.logout_requested.connect(self.log_out)
        self.blank = QWidget()
        self.root.addWidget(self.content)
        self.root.addWidget(self.blank)
        self.setCentralWidget(self.root)

        self._build_status_bar()
        self._build_account_menu()
        ctx.bus.data_changed.connect(self._on_data_changed)
        self.idle = IdleWatcher(idle_timeout_ms, self)
        self.idle.idle.connect(self.lock)
        self.idle.start()
        self.nav.setCurrentRow(0)
        # the work orders page watches deadlines and notifies; make it soon after start-up
        # even if the user never opens it (not at once: the first screen comes first)
        if any(e.key == "work_orders" for e in pages):
            QTimer.singleShot(WATCH_DEADLINES_AFTER_MS, self, self._watch_deadlines)

    def _size_navigation(self) -> None:
        """Room for the longest title at the current font size (adjustable in Settings)."""
        metrics = QFontMetrics(QApplication.font())
        widest = max(metrics.horizontalAdvance(page_title(e)) for e in self.entries)
        width = max(NAV_MIN_WIDTH, widest + ICON_SIZE + 40)
        height = max(44, metrics.height() * 2)
        self.nav.setFixedWidth(width)
        for index in range(self.nav.count()):
            item = self.nav.item(index)
            if item is not None:
                item.setSizeHint(QSize(width - 8, height))

    def event(self, event: QEvent) -> bool:
        # delivered to event(), not changeEvent()
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._size_navigation()
        return super().event(event)

    # pages

    def current_key(self) -> str:
        return self.entries[self.stack.currentIndex()].key

    def page(self, key: str) -> QWidget:
        """The page for ``key``, made now if it was not shown before."""
        index = next(i for i, e in enumerate(self.entries) if e.key == key)
        if key not in self.pages:
            entry = self.entries[index]
            widget = load_page_class(entry.target)(self.ctx, None)
            widget.setObjectName(f"page_{key}")
            old = self.stack.widget(index)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self.stack.insertWidget(index, widget)
            self.pages[key] = widget
            self._follow_links(key, widget)
        return self.pages[key]

    @Slot()
    def _watch_deadlines(self) -> None:
        self.page("work_orders")

    # links between pages: a page asks for another page's list; the window takes it there

    def _follow_links(self, key: str, widget: QWidget) -> None:
        for signal_name, target, slot in (
            ("open_households", "households", self.open_households),
            ("open_work_orders", "work_orders", self.open_work_orders),
            ("household_opened", "households", self.open_household),
        ):
            if key == target:
                continue  # a page's own signals about itself are not links
            signal = getattr(widget, signal_name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(slot)
        posted = getattr(widget, "notice_posted", None)
        if posted is not None:
            posted.connect(self.notices.post)

    def _show(self, key: str) -> QWidget:
        index = next(i for i, e in enumerate(self.entries) if e.key == key)
        page = self.page(key)
        self.go_to(index)
        return page

    @Slot(dict)
    def open_households(self, request: dict[str, object]) -> None:
        """The household list filtered as ``request`` says (e.g. ``{"attention": "not_visited"}``)."""
        page = self._show("households")
        handler = getattr(page, "open_request", None)
        if handler is not None:
            handler(request)

    @Slot(dict)
    def open_work_orders(self, request: dict[str, object]) -> None:
        page = self._show("work_orders")
        handler = getattr(page, "apply_filter", None)
        if handler is not None:
            handler(request)

    @Slot(str)
    def open_work_order(self, order_id: str) -> None:
        page = self._show("work_orders")
        handler = getattr(page, "open_detail", None)
        if handler is not None:
            handler(order_id)

    @Slot(str)
    def open_household(self, household_id: str) -> None:
        page = self._show("households")
        handler = getattr(page, "open_household", None)
        if handler is not None:
            handler(household_id)

    @Slot(int)
    def show_page_at(self, index: int) -> None:
        if index < 0:
            return
        self.page(self.entries[index].key)
        self.stack.setCurrentIndex(index)

    def go_to(self, index: int) -> None:
        if not self.locked and 0 <= index < len(self.entries):
            self.nav.setCurrentRow(index)

    # status bar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        actor = self.ctx.actor
        self.user_label = QLabel(
            self.tr("User: %1 (%2)")
            .replace("%1", actor.display_name)
            .replace("%2", label(actor.role))
        )
        town = self.ctx.township
        self.township_label = QLabel(
            f"{town.county_name} {town.township_name}".strip()
            + (self.tr(" (demo)") if town.demo else "")
        )
        self.database_label = QLabel(self.tr("Database: %1").replace("%1", self.ctx.db_path.name))
        self.database_label.setToolTip(str(self.ctx.db_path.resolve()))
        self.sync_label = QLabel()
        self.pending_label = QLabel()
        for widget in (
            self.user_label,
            self.township_label,
            self.database_label,
            self.sync_label,
            self.pending_label,
        ):
            widget.setContentsMargins(6, 0, 6, 0)
            bar.addWidget(widget)
        self.refresh_status()

    def refresh_status(self) -> None:
        info = self.ctx.call(status.sync_status)
        when = format_sync_time(info.last_sync_at)
        self.sync_label.setText(
            self.tr("Last sync: %1").replace("%1", when) if when else self.tr("Never synced")
        )
        self.pending_label.setText(
            self.tr("Changes to sync: %1").replace("%1", str(info.pending_changes))
        )

    @Slot(object)
    def _on_data_changed(self, _changed: Changed) -> None:
        self.refresh_status()

    # the account menu: a shared township laptop changes hands several times a day

    def _build_account_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Account"))
        menu.setObjectName("account_menu")
        self.account_actions: dict[str, QAction] = {}
        for key, text, keys, slot in (
            ("lock", self.tr("Lock now"), "Ctrl+L", self.lock_now),
            ("switch_user", self.tr("Switch user…"), "Ctrl+Shift+U", self._menu_log_out),
            ("log_out", self.tr("Log out"), "Ctrl+Shift+Q", self._menu_log_out),
            ("password", self.tr("Change my password…"), "Ctrl+Shift+P", self.change_password),
        ):
            action = QAction(text, self)
            action.setObjectName(f"action_{key}")
            action.setShortcut(QKeySequence(keys))
            # from an open form too (a dialog is a window of its own)
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.account_actions[key] = action
            if key == "switch_user":
                menu.addSeparator()
        self.password_dialog: QDialog | None = None

    @Slot()
    def _menu_log_out(self) -> None:
        if not self.locked:  # while locked, only the lock screen's own button logs out
            self.log_out()

    @Slot()
    def change_password(self) -> None:
        if self.locked:
            return
        from desktop.ui.account_dialogs import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.ctx, self)
        self.password_dialog = dialog
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(self.tr("Your password is changed."), 10000)
        )
        dialog.open()

    # locking

    def _verify_password(self, password: str) -> str:
        """ "" when ``password`` unlocks; otherwise what to tell the user (counted like a login)."""
        failure = self.ctx.call(
            lambda s, a, pw: auth.unlock(s, a.user_id, pw, clock=self.ctx.clock), password
        )
        return "" if failure is None else error_text(failure)

    @Slot()
    def lock_now(self) -> None:
        """锁定 (Ctrl+L): the user steps away from the laptop."""
        self.lock(by_hand=True)

    @Slot()
    def lock(self, by_hand: bool = False) -> None:
        """Hide the data and cover the screen, open dialogs included, until the password."""
        if self.locked:
            return
        self.locked = True
        self.idle.stop()
        self.statusBar().hide()
        self.menuBar().setEnabled(False)
        self.root.setCurrentWidget(self.blank)
        self.lock_screen.cover(
            self.screen().geometry().united(self.frameGeometry()), by_hand=by_hand
        )

    @Slot()
    def unlock(self) -> None:
        self.locked = False
        self.menuBar().setEnabled(True)
        self.lock_screen.hide()
        self.root.setCurrentWidget(self.content)
        self.statusBar().show()
        self.idle.start()

    @Slot()
    def log_out(self) -> None:
        """注销 / 切换用户: open dialogs end as cancelled, then the login window comes.

        Both menu entries do the same: the login window is where the next person
        starts, and users look for either word.
        """
        self.idle.stop()
        self.lock_screen.hide()
        # dialogs left open by the previous user end as if cancelled
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self.logged_out.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.stop()
        super().closeEvent(event)
