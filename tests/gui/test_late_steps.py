"""A step done after its deadline is late everywhere it is shown, and a deadline that
runs out is announced on screen, not only in the status bar.

A response at 10:03:30 to a request received at 10:00 (three minutes allowed)
is late by 30 seconds: the order's window, its timeline, the work-order list,
the household's page and the ledger all say so, and none shows ✓.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.sla import CHINA_TZ, Urgency
from desktop.services import ledgers
from desktop.services import work_orders as svc
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.ui.context import UiContext
from desktop.ui.household_page import HouseholdPage
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from desktop.ui.work_order_table_model import COL_CODE, COL_STATUS, COL_URGENCY, URGENCY_COLOURS
from desktop.ui.work_orders_page import WorkOrdersPage
from tests.factories import make_building, make_grid, make_household, make_site, member
from tests.gui.conftest import make_ui_context
from tests.gui.user import click

T0 = datetime(2026, 12, 4, 22, 1, tzinfo=CHINA_TZ)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def household_id(township_db: sessionmaker[Session]) -> str:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园")
        grid = make_grid(s, site, name="第一网格")
        b = make_building(s, site, grid, name="3栋")
        return make_household(s, building=b, room="501", members=[member("张三丰")]).id


@pytest.fixture
def ctx(
    township_db: sessionmaker[Session],
    admin: Actor,
    db_path: Path,
    task_runner: TaskRunner,
    clock: FixedClock,
) -> UiContext:
    return make_ui_context(township_db, admin, db_path, tasks=task_runner, clock=clock)


def take_request(ctx: UiContext, admin: Actor, clock: FixedClock, household_id: str) -> str:
    with ctx.session_factory.begin() as s:
        order = svc.intake(
            s,
            admin,
            household_id=household_id,
            description="楼上漏水到我家厨房",
            category="repairs",
            source="hotline",
            clock=clock,
        )
    return order.row.id


def test_a_late_response_is_late_in_every_place(
    qtbot: QtBot,
    ctx: UiContext,
    admin: Actor,
    clock: FixedClock,
    household_id: str,
    tmp_path: Path,
) -> None:
    order_id = take_request(ctx, admin, clock, household_id)
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    detail = page.open_detail(order_id)
    assert "… 响应 2026-12-04 22:04" in detail.header.text()

    clock.advance(minutes=3, seconds=30)  # 22:04:30 against 22:04:00
    click(qtbot, detail.button("respond"))  # type: ignore[arg-type]

    header = detail.header.text()
    assert "✓ 响应" not in header
    assert "✗ 响应 2026-12-04 22:04（超时 30 秒）" in header
    lines = [detail.timeline.item(i).text() for i in range(detail.timeline.count())]
    responded = next(line for line in lines if "已响应" in line)
    assert "超时 30 秒" in responded
    received = next(line for line in lines if "受理" in line)
    assert "超时" not in received

    # the list: the order now races its arrival, on time; the late response stays said
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    row = page.model.row_of(order_id)
    status = page.model.data(page.model.index(row, COL_STATUS))
    assert status == "已响应 · 响应超时"
    assert page.model.data(page.model.index(row, COL_URGENCY)) == "按时"

    # the household's page
    household = HouseholdPage(ctx)
    qtbot.addWidget(household)
    household.show_household(household_id)
    model = household.orders_model
    assert model.data(model.index(0, 2)) == "已响应 · 响应超时"

    # the ledger
    out = tmp_path / "工单台账.xlsx"
    with ctx.session_factory.begin() as s:
        ledgers.export_ledger(s, admin, "work_orders", out, clock=clock)
    sheet = openpyxl.load_workbook(out).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    header_row = next(r for r in values if "是否按时" in r)
    code = ctx.call(svc.order_detail, order_id).row.code
    data_row = next(r for r in values if code in r)
    assert data_row[header_row.index("是否按时")] == "超时"  # the first 是否按时: the response


def test_the_response_window_running_out_is_announced_in_the_window(
    qtbot: QtBot, ctx: UiContext, admin: Actor, clock: FixedClock, household_id: str
) -> None:
    order_id = take_request(ctx, admin, clock, household_id)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # back to 工作台
    assert "work_orders" in window.pages and window.current_key() == "dashboard"
    assert not window.notices.isVisible()

    clock.advance(minutes=3, seconds=1)
    qtbot.waitUntil(lambda: window.notices.isVisible(), timeout=5000)
    code = ctx.call(svc.order_detail, order_id).row.code
    assert any(code in text and "响应" in text for text in window.notices.texts())

    # 查看 opens the order; ✕ puts the alert away
    notice = window.notices.notices[0]
    click(qtbot, notice.findChild(QPushButton, "notice_show"))
    page = window.pages["work_orders"]
    assert isinstance(page, WorkOrdersPage)
    assert page.detail_dialog is not None and page.detail_dialog.order_id == order_id
    page.detail_dialog.reject()
    click(qtbot, notice.findChild(QPushButton, "notice_close"))
    qtbot.waitUntil(lambda: not window.notices.isVisible())


def test_the_order_window_counts_down(
    qtbot: QtBot, ctx: UiContext, admin: Actor, clock: FixedClock, household_id: str
) -> None:
    order_id = take_request(ctx, admin, clock, household_id)
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    detail = page.open_detail(order_id)
    assert "剩 3 分 00 秒" in detail.header.text()
    clock.advance(seconds=10)
    qtbot.waitUntil(lambda: "剩 2 分 50 秒" in detail.header.text(), timeout=3000)


def test_a_selected_row_keeps_its_urgency_colour(
    qtbot: QtBot, ctx: UiContext, admin: Actor, clock: FixedClock, household_id: str
) -> None:
    take_request(ctx, admin, clock, household_id)
    clock.advance(minutes=4)
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitExposed(page)
    index = page.model.index(0, COL_URGENCY)
    rect = page.table.visualRect(index)
    click_at = rect.center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=click_at)
    assert page.table.selectionModel().isRowSelected(0)
    image = page.table.viewport().grab().toImage()
    # a point inside the cell, away from its text and from the selection frame
    sample = QColor(image.pixel(rect.right() - 4, rect.center().y()))
    assert sample.name() == URGENCY_COLOURS[Urgency.OVERDUE][0]


def test_the_new_orders_number_is_shown_to_read_back_and_selected(
    qtbot: QtBot, ctx: UiContext, household_id: str
) -> None:
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    click(qtbot, page.new_button)
    form = page.intake_form
    assert form is not None
    form.category.setCurrentIndex(form.category.findData("repairs"))
    form.urgent.setChecked(True)
    form.description.insertPlainText("楼道灯坏了")
    with qtbot.waitSignal(form.order_saved) as saved:
        click(qtbot, form.save_button)
    code = saved.args[0].row.code
    assert page.taken_label.isVisible()
    assert page.taken_label.text() == f"已受理，工单编号 {code}，请向来电人复述。"
    assert page.selected_id() == saved.args[0].row.id
    index = page.table.currentIndex()
    assert page.model.data(page.model.index(index.row(), COL_CODE)) == code  # nothing after it
    assert page.model.data(page.model.index(index.row(), COL_URGENCY)).startswith("⚑ 加急")
