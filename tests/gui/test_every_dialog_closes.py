"""Every dialog of the program closes by Esc, by 取消 (or 关闭) and by the window's close
button, and writes nothing.

The dialogs are those found by looking for QDialog subclasses in desktop/ui (forms,
small forms, wizards, the work-order windows, login, set-up, account, USB); each is
opened the way the program opens it, then left the way a user leaves it.  The
database file is read before opening and after closing by a second connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop.services import status, township
from desktop.services import work_orders as svc
from desktop.services.actor import Actor
from desktop.services.printing import Selection
from desktop.store.db import make_session_factory
from desktop.store.migrate import open_database
from desktop.ui.context import UiContext
from desktop.ui.grids_page import GridsPage
from desktop.ui.household_page import HouseholdPage
from desktop.ui.households_page import HouseholdsPage
from desktop.ui.ledger_export_dialog import LedgerExportDialog
from desktop.ui.ledger_import_wizard import LedgerImportWizard
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.print_dialog import PrintCardsDialog
from desktop.ui.setup_wizard import SetupWizard
from desktop.ui.usb_export_dialog import UsbExportDialog
from desktop.ui.work_orders_page import WorkOrdersPage
from tests.factories import make_building, make_grid, make_household, make_site, make_user, member
from tests.gui.user import cancel_button, click, click_close_button, database_rows, press_escape


@dataclass
class Env:
    qtbot: QtBot
    ctx: UiContext
    db: sessionmaker[Session]
    db_path: Path
    tmp_path: Path
    household_id: str
    order_id: str
    grid_id: str
    keep: list[QWidget]  # pages the dialogs belong to, alive until the test ends

    def page(self, widget: QWidget) -> QWidget:
        self.qtbot.addWidget(widget)
        widget.resize(1280, 720)
        widget.show()
        self.keep.append(widget)
        return widget


@pytest.fixture
def env(
    qtbot: QtBot,
    ui_context: UiContext,
    township_db: sessionmaker[Session],
    admin: Actor,
    db_path: Path,
    tmp_path: Path,
) -> Env:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园安置区", code="S01")
        member_user = make_user(s, display_name="李网格")
        grid = make_grid(s, site, name="第一网格", code="G01")
        from desktop.services import memberships

        memberships.set_members_of_grid(s, grid.id, [member_user.user_id], by=None)
        building = make_building(s, site, grid, name="1栋", code="B01")
        household = make_household(
            s, building=building, members=[member("张三丰", labour="full", employment="unemployed")]
        )
        order = svc.intake(
            s,
            admin,
            household_id=household.id,
            description="楼道灯坏了",
            category="repairs",
            source="hotline",
        )
        ids = household.id, order.row.id, grid.id
    # what the main window's status bar does once at start (it gives this workstation
    # its device id), done before anything is watched
    ui_context.call(status.sync_status)
    return Env(qtbot, ui_context, township_db, db_path, tmp_path, *ids, keep=[])


def _household_page(env: Env) -> HouseholdPage:
    page = HouseholdPage(env.ctx)
    env.page(page)
    assert page.show_household(env.household_id)
    return page


def open_edit(env: Env) -> QDialog:
    page = _household_page(env)
    click(env.qtbot, page.survey_buttons.edit_button)
    assert page.survey_buttons.dialog is not None
    return page.survey_buttons.dialog


def open_visit(env: Env) -> QDialog:
    page = _household_page(env)
    click(env.qtbot, page.survey_buttons.visit_button)
    assert page.survey_buttons.dialog is not None
    return page.survey_buttons.dialog


def open_new_household(env: Env) -> QDialog:
    page = HouseholdsPage(env.ctx)
    env.page(page)
    button = page.findChild(QPushButton, "new_household")
    assert button is not None
    click(env.qtbot, button)
    return button.dialog  # type: ignore[attr-defined,no-any-return]


def _child_dialog(parent: QWidget) -> QDialog:
    [dialog] = [d for d in parent.findChildren(QDialog) if d.isVisible()]
    return dialog


def open_monitoring(env: Env) -> QDialog:
    page = _household_page(env)
    click(env.qtbot, page.survey_panel.monitor_button)
    return _child_dialog(page.survey_panel)


def open_service(env: Env) -> QDialog:
    """记录就业服务 (Chenzhou's "311"; this township's profile shows no button, so the
    panel is asked directly, as its button would)."""
    from sqlalchemy import select

    from desktop.store.models import Person

    page = _household_page(env)
    with env.db.begin() as s:
        person_id = s.scalar(select(Person.id).where(Person.household_id == env.household_id))
    assert person_id is not None
    page.survey_panel.record_service(person_id)
    return _child_dialog(page.survey_panel)


def _grids(env: Env) -> GridsPage:
    page = GridsPage(env.ctx)
    env.page(page)
    return page


def open_new_grid(env: Env) -> QDialog:
    page = _grids(env)
    assert page.manage is not None
    page.tabs.setCurrentWidget(page.manage)
    page.manage.select_grid(env.grid_id)
    dialog = page.manage.new_grid()
    assert dialog is not None
    return dialog


def open_hand_over(env: Env) -> QDialog:
    page = _grids(env)
    assert page.manage is not None
    page.tabs.setCurrentWidget(page.manage)
    page.manage.select_grid(env.grid_id)
    dialog = page.manage.hand_over()
    assert dialog is not None
    return dialog


def open_new_account(env: Env) -> QDialog:
    page = _grids(env)
    assert page.users is not None
    page.tabs.setCurrentWidget(page.users)
    return page.users.new_user()


def open_export(env: Env) -> QDialog:
    dialog = LedgerExportDialog(env.ctx, Selection(), "全部住户")
    env.qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def open_import(env: Env) -> QDialog:
    wizard = LedgerImportWizard(env.ctx)
    env.qtbot.addWidget(wizard)
    wizard.open()
    return wizard


def open_print(env: Env) -> QDialog:
    dialog = PrintCardsDialog(env.ctx, Selection(), "全部住户")
    env.qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def _orders(env: Env) -> WorkOrdersPage:
    page = WorkOrdersPage(env.ctx)
    env.page(page)
    return page


def open_intake(env: Env) -> QDialog:
    page = _orders(env)
    click(env.qtbot, page.new_button)
    assert page.intake_form is not None
    return page.intake_form


def open_order(env: Env) -> QDialog:
    return _orders(env).open_detail(env.order_id)


def open_step(env: Env) -> QDialog:
    detail = _orders(env).open_detail(env.order_id)
    env.keep.append(detail)
    click(env.qtbot, detail.button("cancel"))  # type: ignore[arg-type]
    assert detail.step_dialog is not None
    return detail.step_dialog


def open_login(env: Env) -> QDialog:
    with env.db.begin() as s:
        info = township.township_info(s)
    assert info is not None
    dialog = LoginDialog(env.db, info)
    env.qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def open_password(env: Env) -> QDialog:
    window = MainWindow(env.ctx)
    env.page(window)
    window.activateWindow()
    window.account_actions["password"].trigger()  # 账户 → 修改我的密码
    assert window.password_dialog is not None
    return window.password_dialog


def open_usb(env: Env) -> QDialog:
    dialog = UsbExportDialog(None, drives=lambda: [])
    env.qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def open_setup(env: Env) -> QDialog:
    """The set-up wizard of a new database (its own file: that is the one watched)."""
    fresh = env.tmp_path / "new.db"
    opened = open_database(fresh)
    env.keep.append(QWidget())
    wizard = SetupWizard(make_session_factory(opened.engine), db_path=fresh)
    env.qtbot.addWidget(wizard)
    env.db_path = fresh
    wizard.open()
    return wizard


OPENERS: dict[str, Callable[[Env], QDialog]] = {
    "住户编辑": open_edit,
    "新增住户": open_new_household,
    "走访": open_visit,
    "监测": open_monitoring,
    "就业服务": open_service,
    "新建网格": open_new_grid,
    "移交网格": open_hand_over,
    "新建账号": open_new_account,
    "导出台账": open_export,
    "导入台账": open_import,
    "打印明白卡": open_print,
    "受理工单": open_intake,
    "工单详情": open_order,
    "工单步骤": open_step,
    "登录": open_login,
    "修改密码": open_password,
    "U盘导出": open_usb,
    "设置向导": open_setup,
}


def leave_by_escape(qtbot: QtBot, dialog: QDialog) -> None:
    press_escape(qtbot, dialog)


def leave_by_cancel(qtbot: QtBot, dialog: QDialog) -> None:
    click(qtbot, cancel_button(dialog))


def leave_by_close_button(qtbot: QtBot, dialog: QDialog) -> None:
    click_close_button(dialog)


WAYS: dict[str, Callable[[QtBot, QDialog], None]] = {
    "Esc": leave_by_escape,
    "取消": leave_by_cancel,
    "关闭按钮": leave_by_close_button,
}


@pytest.mark.parametrize("way", list(WAYS))
@pytest.mark.parametrize("which", list(OPENERS))
def test_every_dialog_closes_and_writes_nothing(env: Env, which: str, way: str) -> None:
    qtbot = env.qtbot
    watched = env.tmp_path / "new.db" if which == "设置向导" else env.db_path
    before = database_rows(watched) if watched.exists() else None
    dialog = OPENERS[which](env)
    qtbot.waitExposed(dialog)
    if before is None:
        before = database_rows(watched)
    with qtbot.waitSignal(dialog.finished, timeout=3000):
        WAYS[way](qtbot, dialog)
    assert not dialog.isVisible(), f"{which} is still open after {way}"
    assert dialog.result() == QDialog.DialogCode.Rejected.value
    assert database_rows(watched) == before, f"{which} wrote to the database"
