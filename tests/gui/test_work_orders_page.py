"""The work orders page driven as a user would, on a real database, with a controllable clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import OrderStatus
from desktop.domain.sla import CHINA_TZ, Urgency
from desktop.services import work_orders as svc
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.ui.context import UiContext
from desktop.ui.tasks import TaskRunner
from desktop.ui.work_order_dialogs import StepDialog
from desktop.ui.work_order_table_model import (
    COL_COUNTDOWN,
    COL_URGENCY,
    URGENCY_COLOURS,
    WorkOrderTableModel,
)
from desktop.ui.work_orders_page import WorkOrdersPage
from tests.factories import make_building, make_grid, make_household, make_site, member
from tests.gui.conftest import make_ui_context

T0 = datetime(2026, 11, 20, 10, 0, tzinfo=CHINA_TZ)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def ctx(
    township_db: sessionmaker[Session],
    admin: Actor,
    db_path: Path,
    task_runner: TaskRunner,
    clock: FixedClock,
) -> UiContext:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园")
        grid = make_grid(s, site, name="第一网格")
        b = make_building(s, site, grid, name="3栋")
        make_household(
            s,
            building=b,
            room="501",
            phone="13812345678",
            members=[member("张三丰", phone="13812345678")],
        )
    return make_ui_context(township_db, admin, db_path, tasks=task_runner, clock=clock)


def page_for(qtbot: QtBot, ctx: UiContext) -> WorkOrdersPage:
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    return page


def ok(qtbot: QtBot, dialog: StepDialog | None) -> None:
    assert dialog is not None
    button = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_intake_respond_arrive_resolve_follow_up(
    qtbot: QtBot, ctx: UiContext, clock: FixedClock, tmp_path: Path
) -> None:
    page = page_for(qtbot, ctx)
    assert page.model.rowCount() == 0
    assert "Ctrl+N" in page.summary.text()  # the empty state says what to do

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.intake_form
    assert form is not None
    qtbot.waitUntil(lambda: form.focusWidget() is form.search)
    qtbot.keyClicks(form.search, "1381234")
    qtbot.waitUntil(lambda: form.matches.count() > 0)
    qtbot.keyClick(form.search, Qt.Key.Key_Down)
    qtbot.keyClick(form.matches, Qt.Key.Key_Return)
    assert "张三丰" in form.household_label.text()
    assert form.location.text() == "3栋1单元501"

    # nothing typed: the error appears under the field, in Chinese, and nothing is saved
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors.text("description") == "请填写诉求内容。"
    assert page.model.rowCount() == 0

    form.category.setCurrentIndex(form.category.findData("utilities"))
    form.description.insertPlainText("厨房水管漏水")  # what a pinyin input method commits
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    row = page.model.rows[0]
    assert row.status is OrderStatus.RECEIVED and row.received_at == T0
    assert page.urgency_of(row.id) is Urgency.ON_TIME

    rect = page.table.visualRect(page.model.index(0, 2))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # keyboard first: Enter opens the order
    detail = page.detail_dialog
    assert detail is not None
    assert detail.button("respond") is not None and detail.button("resolve") is None

    clock.advance(minutes=1)
    qtbot.mouseClick(detail.button("respond"), Qt.MouseButton.LeftButton)
    assert page.model.rows[0].status is OrderStatus.RESPONDED
    assert page.selected_id() == row.id  # the list reloaded and kept the user's place
    assert detail.button("respond") is None and detail.button("arrive") is not None

    clock.advance(hours=1)
    qtbot.mouseClick(detail.button("arrive"), Qt.MouseButton.LeftButton)
    picture = tmp_path / "leak.png"
    QImage(2400, 1800, QImage.Format.Format_RGB32).save(str(picture))
    assert detail.step_dialog is not None
    detail.step_dialog.set_photo(picture)  # what the file chooser returns
    ok(qtbot, detail.step_dialog)
    assert page.model.rows[0].status is OrderStatus.ON_SITE
    last = detail.timeline.item(detail.timeline.count() - 1)
    detail.timeline.itemActivated.emit(last)
    assert detail.photo_dialog is not None
    shown = detail.photo_dialog.findChild(QLabel, "photo_view")
    assert shown is not None and not shown.pixmap().isNull()
    assert shown.pixmap().width() <= 900
    detail.photo_dialog.reject()

    clock.advance(hours=2)
    qtbot.mouseClick(detail.button("resolve"), Qt.MouseButton.LeftButton)
    step = detail.step_dialog
    assert step is not None
    ok(qtbot, step)  # no resolution written: refused at the field, the dialog stays
    assert step.isVisible() and step.errors.text("resolution")
    assert isinstance(step.text, QPlainTextEdit)
    step.text.insertPlainText("更换了水管接头")
    ok(qtbot, step)
    assert not step.isVisible()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)  # no longer open

    clock.advance(days=1)
    qtbot.mouseClick(detail.button("follow_up"), Qt.MouseButton.LeftButton)
    step = detail.step_dialog
    assert step is not None and step.satisfaction is not None
    ok(qtbot, step)
    assert "满意" in step.errors.text("satisfaction")
    radio = step.findChild(type(step.satisfaction.buttons()[0]), "satisfaction_satisfied")
    # click on the round indicator: the wide button reacts only to its indicator and text
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()
    ok(qtbot, step)
    assert detail.detail is not None
    assert detail.detail.row.status is OrderStatus.FOLLOWED_UP
    assert detail.detail.actions == ("reraise",)
    kinds = [detail.timeline.item(i).text() for i in range(detail.timeline.count())]
    assert len(kinds) == 5 and "已回访：满意" in kinds[-1]

    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    assert page.model.rowCount() == 1
    assert page.model.rows[0].status is OrderStatus.FOLLOWED_UP


def test_overdue_colouring_and_notifications_follow_the_clock(
    qtbot: QtBot, ctx: UiContext, clock: FixedClock, admin: Actor
) -> None:
    with ctx.session_factory.begin() as s:
        order = svc.intake(
            s, admin, description="楼道灯坏了", category="repairs", source="hotline", clock=clock
        )
    page = page_for(qtbot, ctx)
    model = page.model

    def cell(col: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(0, col), role)

    def background() -> str:
        brush = cell(COL_URGENCY, Qt.ItemDataRole.BackgroundRole)
        return QColor(brush.color()).name() if brush is not None else ""  # type: ignore[attr-defined]

    assert cell(COL_URGENCY) == "按时"
    assert background() == URGENCY_COLOURS[Urgency.ON_TIME][0]
    assert cell(COL_COUNTDOWN) == "响应 剩 3 分 00 秒"

    with qtbot.waitSignal(page.notifier.alerted, timeout=5000) as near:
        clock.advance(minutes=2, seconds=30)
    assert near.args is not None and near.args[0] == "due_soon"
    assert order.row.code in near.args[1]
    qtbot.waitUntil(lambda: cell(COL_URGENCY) == "即将超时")
    assert background() == URGENCY_COLOURS[Urgency.DUE_SOON][0]

    with qtbot.waitSignal(page.notifier.alerted, timeout=5000) as passed:
        clock.advance(minutes=1)
    assert passed.args is not None and passed.args[0] == "overdue"
    qtbot.waitUntil(lambda: cell(COL_URGENCY) == "▲ 已超时")
    assert background() == URGENCY_COLOURS[Urgency.OVERDUE][0]
    assert cell(COL_COUNTDOWN) == "响应 超时 30 秒"
    assert order.row.code in page.notice.text()

    # the escalation sweep moves it onto the grid leader's supervision list
    page.run_escalations()  # on the database worker
    qtbot.waitUntil(lambda: "网格长" in page.notice.text())
    assert order.row.code in page.notice.text()
    assert page.supervision_model.rowCount() == 1
    assert "1" in page.tabs.tabText(1)


def test_table_model_passes_the_model_tester(
    qtmodeltester, ctx: UiContext, admin: Actor, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    with ctx.session_factory.begin() as s:
        for i in range(5):
            svc.intake(
                s, admin, description=f"诉求{i}", category="other", source="hotline", clock=clock
            )

    def load(offset: int, limit: int) -> svc.OrderPage:
        return ctx.call(svc.list_orders, svc.OrderQuery(offset=offset, limit=limit))

    model = WorkOrderTableModel(clock, load, page_size=2)
    model.reload()
    assert model.rowCount() == 2 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 4
    qtmodeltester.check(model)


def test_a_visit_problem_opens_the_intake_filled_in(
    qtbot: QtBot, ctx: UiContext, clock: FixedClock
) -> None:
    from sqlalchemy import select

    from desktop.store.models import Household
    from desktop.ui.work_order_form import intake_for_visit
    from tests.factories import make_visit

    with ctx.session_factory.begin() as s:
        household = s.scalar(select(Household).where(Household.head_name == "张三丰"))
        assert household is not None
        visit = make_visit(s, household)
        visit.problems = [{"category": "housing_quality", "description": "卫生间墙面渗水"}]
        visit_id = visit.id
    form = intake_for_visit(ctx, visit_id)
    qtbot.addWidget(form)
    assert form.description.toPlainText() == "卫生间墙面渗水"
    assert form.category.currentData() == "housing_quality"
    assert form.source.currentData() == "visit"
    assert "张三丰" in form.household_label.text()
    with qtbot.waitSignal(form.order_saved) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    detail = saved.args[0] if saved.args else None
    assert isinstance(detail, svc.OrderDetail)
    assert detail.row.head_name == "张三丰" and detail.row.received_at == T0


def test_the_dashboard_can_ask_for_the_overdue_orders(
    qtbot: QtBot, ctx: UiContext, clock: FixedClock, admin: Actor
) -> None:
    from datetime import timedelta

    with ctx.session_factory.begin() as s:
        late = svc.intake(
            s,
            admin,
            description="停水两天",
            category="utilities",
            source="hotline",
            received_at=T0 - timedelta(hours=1),
            clock=clock,
        )
        svc.intake(
            s,
            admin,
            description="咨询低保",
            category="social_security",
            source="walk_in",
            clock=clock,
        )
    page = page_for(qtbot, ctx)
    assert page.model.rowCount() == 2
    page.apply_filter({"overdue": True})
    assert [r.id for r in page.model.rows] == [late.row.id]
    assert page.status_filter.currentText() == "已超时"


def test_monthly_figures_and_a_holiday_table(
    qtbot: QtBot, ctx: UiContext, clock: FixedClock, admin: Actor, tmp_path: Path
) -> None:
    with ctx.session_factory.begin() as s:
        first = svc.intake(
            s, admin, description="停电", category="utilities", source="hotline", clock=clock
        )
        svc.intake(s, admin, description="找工作", category="jobs", source="walk_in", clock=clock)
        clock.advance(minutes=2)
        svc.respond(s, admin, first.row.id, clock=clock)
    page = page_for(qtbot, ctx)
    page.tabs.setCurrentIndex(2)
    model = page.stats_model
    assert page.month_filter.currentText() == "2026-11"
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names == ["未分网格", "全乡镇"]
    total = model.rowCount() - 1
    assert model.data(model.index(total, 1)) == "2"  # received
    assert model.data(model.index(total, 7)) == "100%"  # responded in time (1 of 1 due)
    page.group_filter.setCurrentIndex(page.group_filter.findData("category"))
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names == ["水电气", "就业", "全乡镇"]

    table = tmp_path / "2031.toml"
    table.write_text('holidays = ["2031-01-01"]\nworkdays = []\n', encoding="utf-8")
    page.load_holiday_table(table)
    assert "2031" in page.notice.text()


def test_a_call_typed_half_way_survives_a_crash_with_its_arrival_time(
    qtbot: QtBot, ctx: UiContext, clock: FixedClock
) -> None:
    from desktop.ui.work_order_form import IntakeForm

    form = IntakeForm(ctx)
    qtbot.addWidget(form)
    form.description.insertPlainText("电梯困人")
    form.category.setCurrentIndex(form.category.findData("repairs"))
    form.autosave_now()
    form.hide()  # the program dies here: no save, no cancel
    form.deleteLater()

    clock.advance(minutes=10)
    again = IntakeForm(ctx)
    qtbot.addWidget(again)
    assert again.banner.isVisibleTo(again)
    qtbot.mouseClick(again.continue_button, Qt.MouseButton.LeftButton)
    assert again.description.toPlainText() == "电梯困人"
    with qtbot.waitSignal(again.order_saved) as saved:
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    detail = saved.args[0] if saved.args else None
    assert isinstance(detail, svc.OrderDetail)
    assert detail.row.received_at == T0  # the clock started when the call came in
    third = IntakeForm(ctx)
    qtbot.addWidget(third)
    assert not third.banner.isVisibleTo(third)  # saved: the draft is gone


def test_a_deadline_in_a_year_without_a_holiday_table_says_provisional(
    qtbot: QtBot,
    township_db: sessionmaker[Session],
    admin: Actor,
    db_path: Path,
    task_runner: TaskRunner,
) -> None:
    from desktop.services.township import set_setting

    with township_db.begin() as s:
        set_setting(s, "policy_override", '[service]\nday_count = "working"\n')
    clock = FixedClock(datetime(2031, 5, 2, 10, tzinfo=CHINA_TZ))
    ctx = make_ui_context(township_db, admin, db_path, tasks=task_runner, clock=clock)
    with township_db.begin() as s:
        order = svc.intake(
            s,
            admin,
            description="咨询医保报销",
            category="medical",
            source="hotline",
            needs_site_visit=False,
            clock=clock,
        )
        svc.respond(s, admin, order.row.id, clock=clock)
    page = page_for(qtbot, ctx)
    text = page.model.data(page.model.index(0, COL_COUNTDOWN))
    assert text == "办结 剩 5 天 0 小时 （暂定）"
    tip = page.model.data(page.model.index(0, COL_COUNTDOWN), Qt.ItemDataRole.ToolTipRole)
    assert "暂定" in str(tip)
    page.open_detail(order.row.id)
    assert page.detail_dialog is not None
    assert "暂定" in page.detail_dialog.header.text()


def test_a_caller_without_a_household_is_given_to_a_grid(
    qtbot: QtBot, ctx: UiContext, clock: FixedClock
) -> None:
    page = page_for(qtbot, ctx)
    form = page.open_intake()
    qtbot.keyClicks(form.search, "13999999999")
    qtbot.keyClick(form.search, Qt.Key.Key_Return)  # nothing found: take the call without one
    assert form.household_id is None and form.grid.isEnabled()
    form.caller_phone.setText("13999999999")
    form.category.setCurrentIndex(form.category.findData("public_order"))
    form.description.insertPlainText("夜里楼下有人大声喧哗")
    form.grid.setCurrentIndex(form.grid.findText("第一网格"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.rows[0].grid_name == "第一网格"
    assert page.model.rows[0].caller_phone == "13999999999"
