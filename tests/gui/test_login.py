"""Logging in: the right password opens Anju, wrong ones say plainly what happens next."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.app import demo_accounts
from desktop.demo.accounts import DEMO_ACCOUNTS
from desktop.domain.enums import Role
from desktop.services import township
from desktop.services.clock import FixedClock
from desktop.store.models import User
from desktop.ui.login_dialog import DemoAccount, LoginDialog
from tests.conftest import ADMIN_PASSWORD

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC))


def make_dialog(
    qtbot: QtBot, session_factory: sessionmaker[Session], clock: FixedClock, **kwargs: object
) -> LoginDialog:
    with session_factory.begin() as s:
        info = township.township_info(s)
    assert info is not None
    if kwargs.pop("demo", False):
        info = dataclasses.replace(info, demo=True)
    dialog = LoginDialog(session_factory, info, clock=clock, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_and_log_in(qtbot: QtBot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username_edit.clear()
    qtbot.keyClicks(dialog.username_edit, username)
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.login_button, LEFT)


def test_the_administrator_logs_in(
    qtbot: QtBot, township_db: sessionmaker[Session], clock: FixedClock
) -> None:
    dialog = make_dialog(qtbot, township_db, clock)
    assert "灵溪镇" in dialog.place_label.text()
    with qtbot.waitSignal(dialog.accepted):
        type_and_log_in(qtbot, dialog, "admin", ADMIN_PASSWORD)
    assert dialog.actor is not None
    assert dialog.actor.username == "admin"
    assert dialog.actor.role is Role.ADMIN


def test_enter_in_the_password_field_logs_in(
    qtbot: QtBot, township_db: sessionmaker[Session], clock: FixedClock
) -> None:
    dialog = make_dialog(qtbot, township_db, clock)
    qtbot.keyClicks(dialog.username_edit, "admin")
    qtbot.keyClicks(dialog.password_edit, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.actor is not None


WRONG = "用户名或密码不正确。连续输错5次账号将被锁定，且锁定时间逐次加长。"


def test_a_wrong_password_says_so_and_warns_of_the_lock(
    qtbot: QtBot, township_db: sessionmaker[Session], clock: FixedClock
) -> None:
    dialog = make_dialog(qtbot, township_db, clock)
    type_and_log_in(qtbot, dialog, "admin", "not-the-password")
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.error() == WRONG
    assert dialog.password_edit.text() == ""


def test_an_unknown_user_gets_the_same_message_as_a_wrong_password(
    qtbot: QtBot, township_db: sessionmaker[Session], clock: FixedClock
) -> None:
    dialog = make_dialog(qtbot, township_db, clock)
    type_and_log_in(qtbot, dialog, "nobody", "whatever")
    assert dialog.error() == WRONG


def test_five_wrong_tries_lock_the_account_for_a_minute(
    qtbot: QtBot, township_db: sessionmaker[Session], clock: FixedClock
) -> None:
    dialog = make_dialog(qtbot, township_db, clock)
    for _ in range(5):
        type_and_log_in(qtbot, dialog, "admin", "wrong-password")
    assert dialog.error().startswith("密码连续输错次数过多，账号已锁定，请60秒后再试")

    # the lock was committed: a fresh dialog (a new transaction) still refuses
    clock.advance(seconds=30)
    again = make_dialog(qtbot, township_db, clock)
    type_and_log_in(qtbot, again, "admin", ADMIN_PASSWORD)
    assert again.actor is None
    assert again.error().startswith("密码连续输错次数过多，账号已锁定，请30秒后再试")

    clock.advance(seconds=31)
    with qtbot.waitSignal(again.accepted):
        type_and_log_in(qtbot, again, "admin", ADMIN_PASSWORD)
    assert again.actor is not None


def test_the_failed_try_counter_is_kept_between_dialogs(
    qtbot: QtBot, township_db: sessionmaker[Session], clock: FixedClock
) -> None:
    first = make_dialog(qtbot, township_db, clock)
    type_and_log_in(qtbot, first, "admin", "wrong-1")
    first.close()
    second = make_dialog(qtbot, township_db, clock)
    for n in range(2, 5):
        type_and_log_in(qtbot, second, "admin", f"wrong-{n}")
        assert second.error() == WRONG
    type_and_log_in(qtbot, second, "admin", "wrong-5")  # the fifth in a row, over two dialogs
    assert "账号已锁定" in second.error()


def test_a_disabled_account_is_told_whom_to_ask(
    qtbot: QtBot, township_db: sessionmaker[Session], clock: FixedClock
) -> None:
    with township_db.begin() as s:
        user = s.scalar(select(User).where(User.username == "admin"))
        assert user is not None
        user.active = False
    dialog = make_dialog(qtbot, township_db, clock)
    type_and_log_in(qtbot, dialog, "admin", ADMIN_PASSWORD)
    assert dialog.actor is None
    assert dialog.error() == "该账号已停用，请联系乡镇管理员。"


def test_an_empty_user_name_is_asked_for(
    qtbot: QtBot, township_db: sessionmaker[Session], clock: FixedClock
) -> None:
    dialog = make_dialog(qtbot, township_db, clock)
    type_and_log_in(qtbot, dialog, "", "x")
    assert dialog.error() == "请填写用户名。"


def test_a_demo_township_lists_its_accounts_and_a_click_fills_the_fields(
    qtbot: QtBot, township_db: sessionmaker[Session], clock: FixedClock
) -> None:
    accounts = [
        DemoAccount("wgy", "向网格", Role.GRID_MEMBER, "demo-1234"),
        DemoAccount("admin", "管理员", Role.ADMIN, ADMIN_PASSWORD),
    ]
    dialog = make_dialog(qtbot, township_db, clock, demo=True, accounts=accounts)
    assert "演示乡镇" in dialog.place_label.text()
    view = dialog.accounts_view
    assert view is not None
    rows = [
        [view.topLevelItem(i).text(c) for c in range(4)]  # type: ignore[union-attr]
        for i in range(view.topLevelItemCount())
    ]
    assert rows[0] == ["向网格", "网格员", "wgy", "demo-1234"]
    assert rows[1][1] == "乡镇管理员"

    item = view.topLevelItem(1)
    assert item is not None
    rect = view.visualItemRect(item)
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())
    assert dialog.username_edit.text() == "admin"
    assert dialog.password_edit.text() == ADMIN_PASSWORD
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.login_button, LEFT)
    assert dialog.actor is not None and dialog.actor.username == "admin"


def test_a_real_township_lists_no_accounts(
    qtbot: QtBot, township_db: sessionmaker[Session], clock: FixedClock
) -> None:
    dialog = make_dialog(qtbot, township_db, clock)
    assert dialog.accounts_view is None


def test_a_demo_township_lists_the_demo_accounts_and_a_real_one_none(
    township_db: sessionmaker[Session],
) -> None:
    with township_db.begin() as session:
        info = township.township_info(session)
    assert info is not None and not info.demo
    assert demo_accounts(info) == []
    listed = demo_accounts(dataclasses.replace(info, demo=True))
    assert {a.username for a in listed} == {a.username for a in DEMO_ACCOUNTS}
    assert {a.role for a in listed} >= {Role.ADMIN, Role.GRID_MEMBER}
