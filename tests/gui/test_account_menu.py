"""The 账户 menu of a shared township laptop: lock now, switch user, log out, change
one's own password, by shortcut and by the menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop import app as app_module
from desktop.domain.enums import Role
from desktop.domain.errors import DomainError
from desktop.services import auth
from desktop.services.actor import Actor
from desktop.ui.account_dialogs import ChangePasswordDialog
from desktop.ui.context import UiContext
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import GRID_MEMBER_PASSWORD, GRID_MEMBER_USERNAME, make_ui_context
from tests.gui.user import cancel_button, click, database_rows

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_window(qtbot: QtBot, ctx: UiContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    return window


def test_the_account_menu_lists_the_four_actions_in_chinese(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    window = open_window(qtbot, ui_context)
    [menu] = [m for m in window.menuBar().findChildren(QMenu) if m.objectName() == "account_menu"]
    assert menu.title().replace("&", "").startswith("账户")
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["立即锁定", "切换用户…", "注销", "修改我的密码…"]
    shortcuts = [a.shortcut().toString() for a in menu.actions() if not a.isSeparator()]
    assert shortcuts == ["Ctrl+L", "Ctrl+Shift+U", "Ctrl+Shift+Q", "Ctrl+Shift+P"]


def test_ctrl_l_locks_at_once_and_the_password_unlocks(qtbot: QtBot, ui_context: UiContext) -> None:
    window = open_window(qtbot, ui_context)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert window.locked
    screen = window.lock_screen
    assert screen.isVisible() and QApplication.activeModalWidget() is screen
    assert "已锁定" in screen.note.text() and "一段时间" not in screen.note.text()
    assert not window.content.isVisible()
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_P, CTRL_SHIFT)  # nothing while locked
    assert window.password_dialog is None
    qtbot.keyClicks(screen.password_edit, ADMIN_PASSWORD)
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    assert not window.locked and window.content.isVisible()


@pytest.mark.parametrize("key", [Qt.Key.Key_Q, Qt.Key.Key_U], ids=["注销", "切换用户"])
def test_log_out_and_switch_user_end_the_session(
    qtbot: QtBot, ui_context: UiContext, key: Qt.Key
) -> None:
    window = open_window(qtbot, ui_context)
    with qtbot.waitSignal(window.logged_out, timeout=2000):
        qtbot.keyClick(window, key, CTRL_SHIFT)


def test_log_out_from_the_menu_lets_the_next_person_log_in(
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
    assert first is not None
    first.account_actions["log_out"].trigger()  # 账户 → 注销
    qtbot.waitUntil(lambda: shell.window is not None and shell.window is not first, timeout=5000)
    second = shell.window
    assert second is not None and second.ctx.actor.username == GRID_MEMBER_USERNAME
    second.close()


def _open_password_dialog(qtbot: QtBot, window: MainWindow) -> ChangePasswordDialog:
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    dialog = window.password_dialog
    assert isinstance(dialog, ChangePasswordDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _type(qtbot: QtBot, dialog: ChangePasswordDialog, old: str, new: str, again: str) -> None:
    for edit, text in (
        (dialog.old_password, old),
        (dialog.new_password, new),
        (dialog.repeat, again),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)


def test_changing_my_password_asks_for_the_old_one(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session], db_path: Path
) -> None:
    window = open_window(qtbot, ui_context)
    before = database_rows(db_path)
    dialog = _open_password_dialog(qtbot, window)

    _type(qtbot, dialog, "not-my-password", "new-secret-1", "new-secret-1")
    assert dialog.isVisible()
    assert dialog.errors.text("old_password") == "当前密码不正确，请重新输入。"
    _type(qtbot, dialog, ADMIN_PASSWORD, "new-secret-1", "new-secret-2")
    assert dialog.errors.text("repeat") == "两次输入的新密码不一致，请重新输入。"
    assert dialog.errors.text("old_password") == ""  # the stale error went
    _type(qtbot, dialog, ADMIN_PASSWORD, "abc", "abc")
    assert "至少" in dialog.errors.text("new_password")
    assert database_rows(db_path) == before  # nothing written by a refusal

    qtbot.keyClicks(dialog.new_password, "x")  # typing again clears the field's error
    assert dialog.errors.text("new_password") == ""
    _type(qtbot, dialog, ADMIN_PASSWORD, "new-secret-1", "new-secret-1")
    assert not dialog.isVisible()
    with township_db.begin() as s:
        assert auth.login(s, "admin", "new-secret-1").username == "admin"
    with township_db.begin() as s, pytest.raises(DomainError):
        auth.login(s, "admin", ADMIN_PASSWORD)


def test_a_read_only_account_changes_its_own_password_too(
    qtbot: QtBot,
    township_db: sessionmaker[Session],
    db_path: Path,
    task_runner: TaskRunner,
) -> None:
    with township_db.begin() as s:
        auth.create_user(
            s,
            None,
            username="chakan",
            display_name="查看员",
            password="viewer-pass-1",
            role=Role.VIEWER,
        )
    with township_db.begin() as s:
        viewer = auth.login(s, "chakan", "viewer-pass-1")
    ctx = make_ui_context(township_db, viewer, db_path, tasks=task_runner)
    window = open_window(qtbot, ctx)
    dialog = _open_password_dialog(qtbot, window)
    _type(qtbot, dialog, "viewer-pass-1", "viewer-pass-2", "viewer-pass-2")
    assert not dialog.isVisible()
    with township_db.begin() as s:
        assert auth.login(s, "chakan", "viewer-pass-2").username == "chakan"
    dialog = _open_password_dialog(qtbot, window)
    click(qtbot, cancel_button(dialog))
    assert not dialog.isVisible()
