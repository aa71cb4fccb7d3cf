"""The application shell: start-up, main window, status bar, keyboard, idle lock, settings, tasks."""

from __future__ import annotations

import argparse
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop import app as app_module
from desktop.services import sync as sync_service
from desktop.services import township
from desktop.services.actor import Actor
from desktop.store.db import make_session_factory
from desktop.store.migrate import open_database
from desktop.store.models import Change, Household
from desktop.store.models_sync import SyncPeer
from desktop.ui import fonts, i18n
from desktop.ui.context import Changed, UiContext
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import PAGES, MainWindow
from desktop.ui.settings_page import SettingsPage
from desktop.ui.setup_wizard import SetupWizard
from desktop.ui.tasks import JobCancelled, Progress, ProgressDialog, TaskRunner
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import GRID_MEMBER_PASSWORD, GRID_MEMBER_USERNAME

NAV_ZH = ["工作台", "住户", "网格", "工单", "同步", "设置"]
CTRL = Qt.KeyboardModifier.ControlModifier
DIGITS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6]


def open_window(qtbot: QtBot, ctx: UiContext, **kwargs: Any) -> MainWindow:
    window = MainWindow(ctx, **kwargs)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    return window


# ------------------------------------------------------------------ main window


def test_the_navigation_lists_the_six_pages_in_chinese(qtbot: QtBot, ui_context: UiContext) -> None:
    window = open_window(qtbot, ui_context)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == NAV_ZH
    assert window.current_key() == "dashboard"


def test_ctrl_and_a_digit_switch_pages(qtbot: QtBot, ui_context: UiContext) -> None:
    window = open_window(qtbot, ui_context)
    for index in (2, 5, 1, 3, 4, 0):
        qtbot.keyClick(window, DIGITS[index], CTRL)
        assert window.nav.currentRow() == index
        assert window.stack.currentWidget() is window.pages[PAGES[index].key]
        assert window.stack.currentWidget().objectName() == f"page_{PAGES[index].key}"


def test_clicking_a_navigation_item_shows_its_page(qtbot: QtBot, ui_context: UiContext) -> None:
    window = open_window(qtbot, ui_context)
    settings_item = window.nav.item(5)
    qtbot.mouseClick(
        window.nav.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.nav.visualItemRect(settings_item).center(),
    )
    assert isinstance(window.stack.currentWidget(), SettingsPage)


def test_every_navigation_entry_opens_its_own_page(qtbot: QtBot, ui_context: UiContext) -> None:
    window = open_window(qtbot, ui_context)
    for entry in PAGES:
        page = window.page(entry.key)
        module_name, _, class_name = entry.target.partition(":")
        assert type(page).__name__ == class_name
        assert type(page).__module__ == module_name


def test_the_window_and_every_page_fit_a_1366_by_768_laptop(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    window = open_window(qtbot, ui_context)
    for index in range(len(PAGES)):
        window.go_to(index)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366, f"the window needs {hint.width()} px of width"
    assert hint.height() <= 768 - 30, f"the window needs {hint.height()} px of height"


# ------------------------------------------------------------------ status bar


def test_the_status_bar_shows_user_township_database_and_sync(
    qtbot: QtBot, ui_context: UiContext, db_path: Path
) -> None:
    window = open_window(qtbot, ui_context)
    assert window.user_label.text() == "用户：管理员（乡镇管理员）"
    assert window.township_label.text() == "永顺县 灵溪镇"
    assert window.database_label.text() == "数据库：township.db"
    assert window.database_label.toolTip() == str(db_path.resolve())
    assert window.sync_label.text() == "从未同步"
    with ui_context.session_factory.begin() as s:
        pending = sync_service.status(s, ui_context.actor).pending
        recorded = s.scalar(select(func.count()).select_from(Change))
    # the same words and number as the Sync page, which counts the set-up's rows that
    # no change has named yet (the first export sends them)
    assert window.pending_label.text() == f"待上报修改：{pending} 条"
    assert pending > (recorded or 0)


def test_the_status_bar_follows_changes(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session]
) -> None:
    window = open_window(qtbot, ui_context)
    with township_db.begin() as s:
        s.add(SyncPeer(peer_id="county", last_sync_at=datetime(2026, 11, 22, 6, 30, tzinfo=UTC)))
    ui_context.bus.data_changed.emit(Changed({"settings": frozenset()}))
    assert window.sync_label.text().startswith("上次同步：2026-11-22 ")


# ------------------------------------------------------------------ idle lock


def test_idle_lock_hides_the_data_and_wants_the_same_password(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    window = open_window(qtbot, ui_context, idle_timeout_ms=300)
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    screen = window.lock_screen
    assert screen.isVisible() and screen.isWindow()
    assert QApplication.activeModalWidget() is screen
    assert window.root.currentWidget() is window.blank
    assert not window.content.isVisible()
    assert not window.statusBar().isVisible()

    qtbot.keyClick(window, DIGITS[5], CTRL)  # shortcuts do nothing while locked
    assert window.nav.currentRow() == 0

    qtbot.keyClicks(screen.password_edit, "wrong-password")
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    assert window.locked and screen.isVisible()
    assert screen.error() == "密码不正确。请重新输入，或退出登录；连续输错5次账号将被锁定。"

    qtbot.keyClicks(screen.password_edit, ADMIN_PASSWORD)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.locked
    assert not screen.isVisible()
    assert window.root.currentWidget() is window.content
    assert window.statusBar().isVisible()


def test_the_lock_covers_an_open_dialog_and_keeps_what_was_typed(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    window = open_window(qtbot, ui_context)
    dialog = QDialog(window)
    field = QLineEdit(dialog)
    field.setText("彭小军 433127198001011234")
    dialog.show()
    window.lock()
    screen = window.lock_screen
    assert QApplication.activeModalWidget() is screen
    assert screen.geometry().contains(dialog.geometry())
    qtbot.keyClicks(screen.password_edit, ADMIN_PASSWORD)
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    assert not window.locked
    assert dialog.isVisible() and field.text() == "彭小军 433127198001011234"


def test_input_keeps_the_window_unlocked(qtbot: QtBot, ui_context: UiContext) -> None:
    window = open_window(qtbot, ui_context, idle_timeout_ms=60_000)
    assert window.idle.timeout_ms == 60_000
    assert not window.locked


def test_another_user_can_log_out_from_the_lock_screen(qtbot: QtBot, ui_context: UiContext) -> None:
    window = open_window(qtbot, ui_context)
    window.lock()
    with qtbot.waitSignal(window.logged_out):
        qtbot.mouseClick(window.lock_screen.logout_button, Qt.MouseButton.LeftButton)


# ------------------------------------------------------------------ settings


def test_font_size_applies_at_once_and_is_kept(qtbot: QtBot, ui_context: UiContext) -> None:
    window = open_window(qtbot, ui_context)
    window.go_to(5)
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    assert page.font_size.value() == fonts.DEFAULT_POINT_SIZE == 11
    heading = page.findChild(fonts.Heading)
    assert heading is not None
    heading_before = heading.font().pointSizeF()
    item_before = window.nav.item(0).sizeHint().height()
    with qtbot.waitSignal(ui_context.bus.font_size_changed) as signal:
        page.font_size.setValue(20)
    assert signal.args == [20]
    assert QApplication.font().pointSize() == 20
    assert fonts.saved_point_size() == 20
    qtbot.waitUntil(lambda: window.nav.font().pointSize() == 20)  # Qt posts the change
    qtbot.waitUntil(lambda: heading.font().pointSizeF() > heading_before)  # titles grow along
    assert window.nav.item(0).sizeHint().height() > item_before
    metrics = QFontMetrics(window.nav.font())
    for index in range(window.nav.count()):
        text = window.nav.item(index).text()
        assert metrics.horizontalAdvance(text) + 22 < window.nav.width(), text


def test_language_applies_on_restart_and_says_so(qtbot: QtBot, ui_context: UiContext) -> None:
    page = SettingsPage(ui_context)
    qtbot.addWidget(page)
    page.language.setCurrentIndex(page.language.findData(i18n.LANG_EN))
    assert i18n.saved_language() == i18n.LANG_EN
    assert page.language_note.text() == "新的界面语言将在下次启动安居时生效。"
    assert i18n.current_language() == i18n.LANG_ZH  # nothing half-translated now


def test_settings_show_the_database_and_its_version(
    qtbot: QtBot, ui_context: UiContext, db_path: Path
) -> None:
    page = SettingsPage(ui_context)
    qtbot.addWidget(page)
    path_label = page.findChild(type(page.schema_label), "database_path")
    assert path_label is not None and path_label.text() == str(db_path.resolve())
    assert page.schema_label.text() not in ("", "—")
    assert ui_context.policy.name in [
        label.text() for label in page.findChildren(type(page.schema_label))
    ]


# ------------------------------------------------------------------ start-up


def gui_args(db: Path, *, no_demo: bool = True) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), lang=None, no_demo=no_demo, command=None)


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """QMessageBox.critical/warning record instead of blocking."""
    shown: list[tuple[str, str]] = []

    def record(_parent: object, title: str, text: str, *_args: object) -> int:
        shown.append((title, text))
        return 0

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(record))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(record))
    return shown


def test_a_file_that_is_not_a_database_is_refused_untouched(
    qtbot: QtBot, tmp_path: Path, message_boxes: list[tuple[str, str]]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("买菜：白菜、豆腐\n", encoding="utf-8")
    before = notes.read_bytes()
    assert app_module.run_gui(gui_args(notes)) == 1
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    [(title, text)] = message_boxes
    assert title == "安居无法打开数据库"
    assert "不是安居数据库" in text and str(notes) in text


def test_start_up_logs_in_and_opens_the_main_window(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    township_db: sessionmaker[Session],
    db_path: Path,
) -> None:
    class AutoLogin(LoginDialog):
        def exec(self) -> int:
            self.username_edit.setText("admin")
            self.password_edit.setText(ADMIN_PASSWORD)
            self.try_login()
            return int(self.result())

    windows: list[MainWindow] = []

    def event_loop(app: QApplication) -> int:
        windows.extend(
            w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(app_module, "LoginDialog", AutoLogin)
    monkeypatch.setattr(app_module, "event_loop", event_loop)
    assert app_module.run_gui(gui_args(db_path)) == 0
    [window] = windows
    assert window.ctx.actor.username == "admin"
    assert window.ctx.tasks is not None
    assert window.township_label.text() == "永顺县 灵溪镇"
    window.deleteLater()


def test_logging_out_from_the_lock_lets_another_user_in(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    township_db: sessionmaker[Session],
    grid_member: Actor,
    db_path: Path,
) -> None:
    who = iter([("admin", ADMIN_PASSWORD), (GRID_MEMBER_USERNAME, GRID_MEMBER_PASSWORD)])

    class AutoLogin(LoginDialog):
        def exec(self) -> int:
            username, password = next(who)
            self.username_edit.setText(username)
            self.password_edit.setText(password)
            self.try_login()
            return int(self.result())

    monkeypatch.setattr(app_module, "LoginDialog", AutoLogin)
    shell = app_module.Shell(township_db, db_path, TaskRunner())
    assert shell.log_in()
    first = shell.window
    assert first is not None and first.ctx.actor.username == "admin"
    first.lock()
    qtbot.mouseClick(first.lock_screen.logout_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=5000)
    second = shell.window
    assert second is not None and second is not first
    assert second.ctx.actor.username == GRID_MEMBER_USERNAME
    assert second.user_label.text() == "用户：向网格（网格员）"
    second.close()


def test_a_new_database_without_demo_opens_the_wizard(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[SetupWizard] = []

    def cancel_wizard(self: SetupWizard) -> int:
        opened.append(self)
        return 0

    monkeypatch.setattr(SetupWizard, "exec", cancel_wizard)
    assert app_module.run_gui(gui_args(tmp_path / "new.db", no_demo=True)) == 0
    assert len(opened) == 1


def test_first_run_builds_the_demo_township_off_the_gui_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, task_runner: TaskRunner
) -> None:
    demo = pytest.importorskip("desktop.demo.builder")
    monkeypatch.setattr(demo, "FIRST_RUN_HOUSEHOLDS", 3)
    threads: list[threading.Thread] = []
    real_build = demo.build_demo

    def build(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real_build(*args, **kwargs)

    monkeypatch.setattr(demo, "build_demo", build)
    result = open_database(tmp_path / "demo.db")
    try:
        factory = make_session_factory(result.engine)
        info, _ = app_module.first_run(factory, task_runner, no_demo=False)
        assert info is not None and info.demo
        assert threads and threads[0] is not threading.main_thread()
    finally:
        result.engine.dispose()


# ------------------------------------------------------------------ task runner


def test_a_job_reports_progress_and_its_result_on_the_gui_thread(
    qtbot: QtBot, task_runner: TaskRunner
) -> None:
    seen: list[tuple[str, object, bool]] = []
    on_gui = threading.main_thread

    def job(cancel: threading.Event, progress: Progress) -> str:
        for step in range(1, 4):
            progress(step, 3)
        return "done in " + threading.current_thread().name

    task = task_runner.submit(
        job,
        on_result=lambda r: seen.append(("result", r, threading.current_thread() is on_gui())),
        on_progress=lambda d, t: seen.append(("progress", (d, t), True)),
    )
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    kind, value, in_gui = seen[-1]
    assert kind == "result" and in_gui
    assert "MainThread" not in str(value)
    assert ("progress", (3, 3), True) in seen


def test_a_failing_job_reports_its_error(qtbot: QtBot, task_runner: TaskRunner) -> None:
    def job(cancel: threading.Event, progress: Progress) -> None:
        raise ValueError("broken")

    errors: list[BaseException] = []
    task = task_runner.submit(job, on_error=errors.append)
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert isinstance(errors[0], ValueError)


def test_cancel_reaches_the_job_and_is_reported(qtbot: QtBot, task_runner: TaskRunner) -> None:
    started = threading.Event()

    def job(cancel: threading.Event, progress: Progress) -> str:
        started.set()
        if not cancel.wait(timeout=10):
            return "never cancelled"
        raise RuntimeError("stopped")

    cancelled: list[bool] = []
    task = task_runner.submit(job, on_cancelled=lambda: cancelled.append(True))
    qtbot.waitUntil(started.is_set, timeout=5000)
    with qtbot.waitSignal(task.done, timeout=5000):
        task.cancel()
    assert cancelled == [True]
    assert task.result is None


def test_run_with_progress_returns_the_result_or_raises_cancelled(
    qtbot: QtBot, task_runner: TaskRunner
) -> None:
    assert task_runner.run_with_progress(lambda c, p: 42, "计算中") == 42

    def cancelled_job(cancel: threading.Event, progress: Progress) -> None:
        cancel.set()  # as if the user pressed Cancel

    with pytest.raises(JobCancelled):
        task_runner.run_with_progress(cancelled_job, "计算中")


def test_cancelling_the_demo_leaves_nothing_and_offers_the_wizard(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    task_runner: TaskRunner,
    message_boxes: list[tuple[str, str]],
) -> None:
    demo = pytest.importorskip("desktop.demo.builder")
    monkeypatch.setattr(demo, "FIRST_RUN_HOUSEHOLDS", 50)
    real_build = demo.build_demo

    def build_until_cancelled(
        session: Session,
        *,
        households: int,
        seed: int,
        today: date,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Any:
        assert cancel is not None
        # the township is written...
        result = real_build(session, households=households, seed=seed, today=today)
        cancel.wait(timeout=10)  # ...then the user presses Cancel
        return result

    monkeypatch.setattr(demo, "build_demo", build_until_cancelled)

    def press_cancel() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressDialog)]
        visible = [d for d in dialogs if d.isVisible()]
        if visible:
            button = visible[0].findChild(QPushButton)
            assert button is not None and button.text() == "取消"
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(20, press_cancel)

    wizards: list[SetupWizard] = []
    monkeypatch.setattr(SetupWizard, "exec", lambda self: wizards.append(self) or 0)
    result = open_database(tmp_path / "cancelled.db")
    try:
        factory = make_session_factory(result.engine)
        QTimer.singleShot(20, press_cancel)
        assert app_module.first_run(factory, task_runner, no_demo=False) == (None, "")
        assert message_boxes == []
        assert len(wizards) == 1
        with factory.begin() as s:
            assert township.township_info(s) is None
            assert s.scalar(select(func.count()).select_from(Household)) == 0
    finally:
        result.engine.dispose()


def test_the_interface_font_is_the_bundled_cjk_font(qapp: QApplication) -> None:
    font = QApplication.font()
    assert QFontInfo(font).family() == fonts.register_cjk_font()
    assert font.pointSize() == fonts.DEFAULT_POINT_SIZE
    metrics = QFontMetrics(font)
    for char in "安居灵溪镇㐀":  # 㐀 (U+3400): rare characters in village names
        assert metrics.inFontUcs4(ord(char)), char


# ------------------------------------------------------------------ links between pages


def test_the_dashboard_links_to_the_lists_behind_its_figures(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    window = open_window(qtbot, ui_context)
    dashboard = window.page("dashboard")
    dashboard.open_work_orders.emit({"overdue": True})  # type: ignore[attr-defined]
    assert window.current_key() == "work_orders"
    assert window.nav.currentRow() == [e.key for e in PAGES].index("work_orders")
    dashboard.open_households.emit({"attention": "not_visited"})  # type: ignore[attr-defined]
    assert window.current_key() == "households"
    survey = window.page("households").current_survey_filter()  # type: ignore[attr-defined]
    assert survey is not None and survey.not_visited_this_month


def test_a_task_whose_page_was_closed_calls_nothing_back(qtbot: QtBot) -> None:
    runner = TaskRunner()
    owner = QLineEdit()
    release = threading.Event()
    seen: list[object] = []

    def job(cancel: threading.Event, progress: Progress) -> str:
        release.wait(5)
        return "late"

    task = runner.submit(job, on_result=seen.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: task.was_cancelled)
    release.set()
    runner.wait_for_all()
    QApplication.processEvents()
    assert seen == []
