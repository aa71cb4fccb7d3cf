"""A day at the township laptop, per role, through the real windows: log in, find a
household, edit it, record a visit, take a request through its steps, print the cards,
export a ledger, sync by USB stick, log out.

The workstation is enrolled with a county (tests/sync/harness.py); every step is a
key press or a click on the window a user would see, with the results read back
where a user would look (the list, the PDF, the Excel file, the stick).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import app as app_module
from desktop.domain.enums import OrderStatus, Role
from desktop.domain.resident_id import build
from desktop.services import auth, survey
from desktop.store.models import Household, Visit, WorkOrder
from desktop.sync.usb import packages_in
from desktop.ui.households_page import HouseholdsPage
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.print_dialog import PrintCardsDialog
from desktop.ui.sync_page import SyncPage
from desktop.ui.tasks import TaskRunner
from desktop.ui.usb_drives import Drive
from desktop.ui.work_order_dialogs import StepDialog
from desktop.ui.work_orders_page import WorkOrdersPage
from tests.factories import make_building, make_grid, make_site
from tests.gui.user import click
from tests.reports.support import run_tool
from tests.sync.harness import Node, make_county, make_node

CTRL = Qt.KeyboardModifier.ControlModifier
PASSWORDS = {"admin": "anju-admin-1", "wangge": "grid-member-1", "chakan": "viewer-pass-1"}


@dataclass
class Town:
    node: Node
    household_id: str


@pytest.fixture
def town(tmp_path: Path) -> Iterator[Town]:
    county = make_county(f"sqlite+pysqlite:///{tmp_path / 'county.db'}")
    node = make_node(county, tmp_path, name="laptop")
    with node.session() as s:
        site = make_site(s, name="幸福家园安置区", code="S01")
        grid = make_grid(s, site, name="第一网格", code="G01")
        building = make_building(s, site, grid, name="3栋", code="B03")
        for username, name, role, grids in (
            ("wangge", "向网格", Role.GRID_MEMBER, (grid.id,)),
            ("chakan", "张查看", Role.VIEWER, ()),
        ):
            auth.create_user(
                s,
                None,
                username=username,
                display_name=name,
                password=PASSWORDS[username],
                role=role,
                grid_ids=grids,
            )
        admin = auth.login(s, "admin", PASSWORDS["admin"])
        saved = survey.save_household(
            s,
            admin,
            survey.HouseholdInput(
                site_id=site.id,
                building_id=building.id,
                unit="1",
                room="501",
                phone="13812345678",
                members=(
                    survey.MemberInput(
                        name="张三丰",
                        resident_id=build("433127", date(1970, 5, 1), 17),
                        relation="head",
                        labour="full",
                        employment="employed",
                        monthly_income=3000,
                        phone="13812345678",
                    ),
                ),
            ),
        )
    yield Town(node, saved.id)
    node.close()
    county.engine.dispose()


def log_in_when_asked(qtbot: QtBot, username: str) -> list[LoginDialog]:
    """Type the user name and password into the login window once it shows, and press Enter."""
    seen: list[LoginDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        dialog.username_edit.clear()
        qtbot.keyClicks(dialog.username_edit, username)
        dialog.password_edit.setFocus()
        qtbot.keyClicks(dialog.password_edit, PASSWORDS[username])
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    return seen


class Day:
    """The user at the keyboard of the main window."""

    def __init__(self, qtbot: QtBot, window: MainWindow, tmp_path: Path):
        self.qtbot = qtbot
        self.window = window
        self.tmp_path = tmp_path

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = CTRL) -> None:
        """A key where the focus is, in whichever of the program's windows is in front."""
        front = QApplication.activeModalWidget() or self.window
        front.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is front.window())
        target = QApplication.focusWidget() or front
        self.qtbot.keyClick(target, key, modifier)

    def go(self, digit: int) -> QWidget:
        self.window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window)
        self.qtbot.keyClick(self.window, getattr(Qt.Key, f"Key_{digit}"), CTRL)
        return self.window.pages[self.window.current_key()]

    def find(self, text: str) -> HouseholdsPage:
        page = self.go(2)
        assert isinstance(page, HouseholdsPage)
        page.search.setFocus()
        page.search.insert(text)  # a pinyin input method commits the name
        self.qtbot.keyClick(page.search, Qt.Key.Key_Return)  # one match: it opens
        self.qtbot.waitUntil(lambda: page.body.currentIndex() != 0 or page.detail.isVisible())
        return page


def start_the_day(
    qtbot: QtBot, town: Town, username: str, tmp_path: Path
) -> tuple[app_module.Shell, Day]:
    shell = app_module.Shell(town.node.sf, town.node.path, TaskRunner())
    log_in_when_asked(qtbot, username)
    assert shell.log_in()
    window = shell.window
    assert window is not None and window.ctx.actor.username == username
    qtbot.waitExposed(window)  # the shell owns it: a log-out deletes it
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return shell, Day(qtbot, window, tmp_path)


def edit_and_visit(day: Day, town: Town) -> None:
    page = day.find("张三丰")
    assert page.detail.isVisible()
    buttons = page.detail.survey_buttons
    day.press(Qt.Key.Key_E)  # 编辑 (Ctrl+E); a button's shortcut clicks it a moment later
    day.qtbot.waitUntil(lambda: buttons.dialog is not None)
    form = buttons.dialog
    assert form is not None
    day.qtbot.waitExposed(form)
    room = form.form.field_widget("room")  # type: ignore[attr-defined]
    assert isinstance(room, QLineEdit)
    room.setFocus()
    room.selectAll()
    day.qtbot.keyClicks(room, "502")
    with day.qtbot.waitSignal(form.accepted):
        day.press(Qt.Key.Key_S)
    day.press(Qt.Key.Key_R)  # 走访 (Ctrl+R)
    day.qtbot.waitUntil(lambda: buttons.dialog is not form)
    visit = buttons.dialog
    assert visit is not None and visit is not form
    day.qtbot.waitExposed(visit)
    with day.qtbot.waitSignal(visit.accepted):
        day.press(Qt.Key.Key_S)
    with town.node.session() as s:
        assert s.scalar(select(Household.room).where(Household.id == town.household_id)) == "502"
        assert s.scalar(select(Visit.household_id)) == town.household_id


def ok(day: Day, step: StepDialog | None) -> None:
    assert step is not None
    click(day.qtbot, step.buttons.button(step.buttons.StandardButton.Ok))


def take_an_order_through(day: Day, town: Town) -> None:
    page = day.go(4)
    assert isinstance(page, WorkOrdersPage)
    day.press(Qt.Key.Key_N)  # 受理诉求 (Ctrl+N)
    intake = page.intake_form
    assert intake is not None
    day.qtbot.waitExposed(intake)
    day.qtbot.keyClicks(intake.search, "13812345678")
    day.qtbot.keyClick(intake.search, Qt.Key.Key_Return)  # one household: chosen
    assert "张三丰" in intake.household_label.text()
    intake.category.setCurrentIndex(intake.category.findData("utilities"))
    intake.description.insertPlainText("厨房水管漏水")
    with day.qtbot.waitSignal(intake.order_saved) as saved:
        click(day.qtbot, intake.save_button)
    code = saved.args[0].row.code
    assert code in page.taken_label.text()  # read back to the caller
    day.qtbot.keyClick(page.table, Qt.Key.Key_Return)  # the new order is selected: open it
    detail = page.detail_dialog
    assert detail is not None
    click(day.qtbot, detail.button("respond"))  # type: ignore[arg-type]
    click(day.qtbot, detail.button("arrive"))  # type: ignore[arg-type]
    ok(day, detail.step_dialog)
    click(day.qtbot, detail.button("resolve"))  # type: ignore[arg-type]
    step = detail.step_dialog
    assert step is not None and step.text is not None
    step.text.insertPlainText("更换了水管接头")  # type: ignore[union-attr]
    ok(day, step)
    click(day.qtbot, detail.button("follow_up"))  # type: ignore[arg-type]
    step = detail.step_dialog
    assert step is not None and step.satisfaction is not None
    radio = next(b for b in step.satisfaction.buttons() if b.property("value") == "satisfied")
    day.qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    ok(day, step)
    assert detail.detail is not None and detail.detail.row.status is OrderStatus.FOLLOWED_UP
    detail.reject()
    with town.node.session() as s:
        assert s.scalar(select(WorkOrder.status).where(WorkOrder.code == code)) == "followed_up"


def print_and_export(day: Day) -> None:
    page = day.go(2)
    assert isinstance(page, HouseholdsPage)
    if page.detail.isVisible():
        day.qtbot.keyClick(page.detail.back_button, Qt.Key.Key_Escape)
    click(day.qtbot, page.print_button)
    dialog = page.print_button.dialog
    assert isinstance(dialog, PrintCardsDialog)
    pdf = day.tmp_path / "cards.pdf"
    with day.qtbot.waitSignal(dialog.pdf_ready, timeout=30_000):
        dialog.save_pdf(pdf)  # what the file chooser returns
    assert "张三丰" in run_tool("pdftotext", pdf, "-")
    dialog.reject()

    buttons = page.findChild(QWidget, "export_ledger_button")
    assert buttons is not None
    click(day.qtbot, buttons)  # type: ignore[arg-type]
    export = next(
        w
        for w in QApplication.topLevelWidgets()
        if type(w).__name__ == "LedgerExportDialog" and w.isVisible()
    )
    out = day.tmp_path / "人口台账.xlsx"
    export.path_edit.setText(str(out.with_suffix("")))  # type: ignore[attr-defined]
    with day.qtbot.waitSignal(export.exported, timeout=30_000):  # type: ignore[attr-defined]
        click(day.qtbot, export.export_button)  # type: ignore[attr-defined]
    names = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert "张三丰" in names
    export.close()


def sync_by_stick(day: Day, *, allowed: bool) -> None:
    page = day.go(5)
    assert isinstance(page, SyncPage)
    if not allowed:
        assert not page.export_button.isEnabled()
        assert "只读账号不能同步" in page.reasons_label.text()
        return
    stick = day.tmp_path / "KINGSTON"
    stick.mkdir()
    page.drives = lambda: [Drive(stick, "KINGSTON", 8 * 1024**3)]
    click(day.qtbot, page.export_button)
    assert page.usb_dialog is not None
    click(day.qtbot, page.usb_dialog.write_button)
    day.qtbot.waitUntil(lambda: "可以安全拔出U盘" in page.result_label.text(), timeout=30_000)
    assert len(packages_in(stick)) == 1


def log_out(day: Day, shell: app_module.Shell, next_user: str) -> None:
    """注销 (Ctrl+Shift+Q): the login window comes back; the next person logs in."""
    old = day.window
    log_in_when_asked(day.qtbot, next_user)
    day.press(Qt.Key.Key_Q, CTRL | Qt.KeyboardModifier.ShiftModifier)
    day.qtbot.waitUntil(
        lambda: shell.window is not None and shell.window is not old, timeout=10_000
    )
    assert shell.window is not None and shell.window.ctx.actor.username == next_user
    shell.window.close()
    shell.window.deleteLater()


def test_a_grid_members_day(qtbot: QtBot, town: Town, tmp_path: Path) -> None:
    shell, day = start_the_day(qtbot, town, "wangge", tmp_path)
    edit_and_visit(day, town)
    take_an_order_through(day, town)
    print_and_export(day)
    sync_by_stick(day, allowed=True)
    log_out(day, shell, "admin")


def test_a_township_administrators_day(qtbot: QtBot, town: Town, tmp_path: Path) -> None:
    shell, day = start_the_day(qtbot, town, "admin", tmp_path)
    edit_and_visit(day, town)
    take_an_order_through(day, town)
    print_and_export(day)
    sync_by_stick(day, allowed=True)
    log_out(day, shell, "wangge")


def test_a_read_only_day(qtbot: QtBot, town: Town, tmp_path: Path) -> None:
    shell, day = start_the_day(qtbot, town, "chakan", tmp_path)
    page = day.find("张三丰")
    buttons = page.detail.survey_buttons
    assert not buttons.edit_button.isEnabled() and not buttons.visit_button.isEnabled()
    orders = day.go(4)
    assert isinstance(orders, WorkOrdersPage)
    assert not orders.new_button.isEnabled()
    print_and_export(day)
    sync_by_stick(day, allowed=False)
    log_out(day, shell, "admin")
