"""The dashboard and the grids page, driven as a user would, on the hand-counted township."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop.services.actor import Actor
from desktop.services.board import Attention, BoardRow
from desktop.ui.board_table_model import ID_ROLE, RowsTableModel, board_columns
from desktop.ui.context import UiContext
from desktop.ui.dashboard_page import DashboardPage
from desktop.ui.grids_page import GridsPage, check_items, select_data
from desktop.ui.tasks import TaskRunner
from tests import grid_factories
from tests.grid_factories import Township
from tests.gui.conftest import make_ui_context

SHOTS = Path(os.environ.get("ANJU_SHOTS", "/tmp/shots"))
SCREEN = (1366 - 150, 768 - 90)  # the page's room in the main window at 1366×768


@pytest.fixture
def town(township_db: sessionmaker[Session]) -> Township:
    return grid_factories.build(township_db)


@pytest.fixture
def admin_ctx(
    township_db: sessionmaker[Session], admin: Actor, db_path: Path, town: Township
) -> UiContext:
    return make_ui_context(township_db, admin, db_path, clock=town.clock)


@pytest.fixture
def member_ctx(township_db: sessionmaker[Session], db_path: Path, town: Township) -> UiContext:
    return make_ui_context(township_db, town.member1, db_path, clock=town.clock)


def _shoot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def _fits(widget: QWidget) -> None:
    """Nothing wider than the page's room: no horizontal scrolling at 1366×768."""
    assert widget.minimumSizeHint().width() <= SCREEN[0]


def test_dashboard_shows_attention_and_the_list_behind_each(
    qtbot: QtBot, admin_ctx: UiContext
) -> None:
    page = DashboardPage(admin_ctx)
    qtbot.addWidget(page)
    page.resize(*SCREEN)
    page.show()
    qtbot.waitExposed(page)
    _fits(page)
    qtbot.mouseClick(page.buttons[Attention.NOT_VISITED], Qt.MouseButton.LeftButton)
    _shoot(page, "dashboard")
    assert page.buttons[Attention.NOT_VISITED].property("count") == 4
    assert "4" in page.buttons[Attention.NOT_VISITED].text()
    assert "需" in page.buttons[Attention.NOT_VISITED].text()  # words, not colour alone
    assert page.buttons[Attention.OLD_HOUSE_OVERDUE].property("count") == 3
    qtbot.mouseClick(page.buttons[Attention.ZERO_EMPLOYMENT], Qt.MouseButton.LeftButton)
    codes = {page.model.row_at(i).code for i in range(page.model.rowCount())}
    assert codes == {"H2", "H7", "H9"}
    with qtbot.waitSignal(page.open_households) as sent:
        qtbot.mouseClick(page.open_full, Qt.MouseButton.LeftButton)
    assert sent.args == [{"attention": "zero_employment"}]
    qtbot.mouseClick(page.buttons[Attention.OVERDUE_ORDERS], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.open_work_orders) as sent:
        qtbot.mouseClick(page.open_full, Qt.MouseButton.LeftButton)
    assert sent.args == [{"overdue": True}]
    qtbot.mouseClick(page.buttons[Attention.NOT_VISITED], Qt.MouseButton.LeftButton)


def test_dashboard_of_a_grid_member_counts_only_their_grid(
    qtbot: QtBot, member_ctx: UiContext
) -> None:
    page = DashboardPage(member_ctx)
    qtbot.addWidget(page)
    assert page.buttons[Attention.NOT_VISITED].property("count") == 2  # h2, h4
    assert "5" in page.figure_labels["households"].text()


# ---------------------------------------------------------------- the grids page


def _page(qtbot: QtBot, ctx: UiContext) -> GridsPage:
    page = GridsPage(ctx)
    qtbot.addWidget(page)
    page.resize(*SCREEN)
    page.show()
    qtbot.waitExposed(page)
    return page


def _row_of(model: object, text: str, column: int = 0) -> int:
    for row in range(model.rowCount()):  # type: ignore[attr-defined]
        if model.index(row, column).data() == text:  # type: ignore[attr-defined]
            return row
    raise AssertionError(f"{text} not in the table")


def test_board_drills_down_from_grids_to_buildings_to_households(
    qtbot: QtBot, admin_ctx: UiContext, qtmodeltester: object
) -> None:
    page = _page(qtbot, admin_ctx)
    _fits(page)
    tab = page.board
    # the model class checked on the page's rows, in a model the page does not own (the
    # tester must outlive it: the page and its models are deleted before the tester)
    checked_board: RowsTableModel[BoardRow] = RowsTableModel(board_columns("grid"), lambda r: r.id)
    checked_board.set_rows(tab.board_model.rows)
    qtmodeltester.check(checked_board, force_py=True)  # type: ignore[attr-defined]
    names = [tab.board_model.index(r, 0).data() for r in range(tab.board_model.rowCount())]
    assert names == ["一网格", "二网格", "三网格", "未划入网格"]
    g1 = _row_of(tab.board_model, "一网格")
    progress_col = [c.title for c in tab.board_model.columns].index("Progress")
    assert tab.board_model.index(g1, progress_col).data() == "滞后"  # words as well as red
    _shoot(page, "grids_board")
    tab.view.doubleClicked.emit(tab.board_model.index(g1, 0))
    qtbot.waitUntil(lambda: "一网格" in tab.crumbs.text())
    assert [tab.board_model.index(r, 0).data() for r in range(3)] == ["1栋", "2栋", "无楼栋"]
    tab.view.doubleClicked.emit(tab.board_model.index(0, 0))
    qtbot.waitUntil(lambda: tab.view.model() is tab.household_model)
    assert {tab.household_model.row_at(r).code for r in range(2)} == {"H1", "H2"}
    first = tab.household_model.data(tab.household_model.index(0, 0), ID_ROLE)
    with qtbot.waitSignal(page.household_opened) as opened:
        tab.view.doubleClicked.emit(tab.household_model.index(0, 0))
    assert opened.args == [first]
    qtbot.mouseClick(tab.back, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.back, Qt.MouseButton.LeftButton)
    assert tab.view.model() is tab.board_model and tab.board_model.rowCount() == 4


def test_assign_a_building_then_move_households(
    qtbot: QtBot, admin_ctx: UiContext, town: Township
) -> None:
    page = _page(qtbot, admin_ctx)
    page.tabs.setCurrentWidget(page.manage)
    manage = page.manage
    assert manage is not None
    manage.select_grid(town.g2)
    assert manage.grid_id() == town.g2
    # 1栋 already belongs to 一网格: refused at the field, nothing changes
    dialog = manage.assign_buildings()
    assert dialog is not None
    check_items(dialog.fields["buildings"], [town.b1])  # type: ignore[arg-type]
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert "一个楼栋只能属于一个网格" in dialog.error_shown()
    # asked for explicitly, it moves with its households
    dialog.fields["reassign"].setChecked(True)  # type: ignore[attr-defined]
    with qtbot.waitSignal(admin_ctx.bus.data_changed):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert not dialog.isVisible()
    assert {b.name for b in manage.building_model.rows} == {"1栋", "3栋"}
    assert {h.code for h in manage.household_model.rows} == {"H1", "H2", "H6", "H7"}
    _shoot(page, "grids_manage")

    # select two households and move them back to 一网格, into 2栋
    view = manage.household_view
    view.clearSelection()
    for code in ("H1", "H6"):
        row = next(i for i, h in enumerate(manage.household_model.rows) if h.code == code)
        view.selectionModel().select(
            manage.household_model.index(row, 0),
            view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
        )
    assert "2" in manage.selection_label.text()
    dialog = manage.move_households()
    assert dialog is not None
    select_data(dialog.fields["building"], town.b2)  # type: ignore[arg-type]
    with qtbot.waitSignal(admin_ctx.bus.data_changed) as changed:
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert changed.args[0].tables["households"] == {town.h["h1"], town.h["h6"]}
    assert {h.code for h in manage.household_model.rows} == {"H2", "H7"}
    page.tabs.setCurrentWidget(page.board)
    g1 = _row_of(page.board.board_model, "一网格")
    assert (
        page.board.board_model.row_at(g1).figures.households == 5 - 2 + 2
    )  # h1, h2 left; h1, h6 came


def test_bad_input_stays_in_the_dialog(qtbot: QtBot, admin_ctx: UiContext, town: Township) -> None:
    page = _page(qtbot, admin_ctx)
    page.tabs.setCurrentWidget(page.manage)
    manage = page.manage
    assert manage is not None
    dialog = manage.new_grid()
    assert dialog is not None
    dialog.fields["code"].setText("G1")  # type: ignore[attr-defined]
    dialog.fields["name"].setText("重复网格")  # type: ignore[attr-defined]
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert "已被使用" in dialog.error_shown()
    assert dialog.isVisible()
    dialog.reject()
    manage.select_grid(town.g3)


def test_a_grid_member_sees_only_their_grid_and_no_management(
    qtbot: QtBot, member_ctx: UiContext
) -> None:
    page = _page(qtbot, member_ctx)
    assert page.tabs.count() == 1
    assert page.manage is None
    model = page.board.board_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["一网格"]
    assert not page.board.close_button.isVisible()
    _shoot(page, "grids_member")


def test_close_the_month_and_see_the_trend(
    qtbot: QtBot, admin_ctx: UiContext, town: Township
) -> None:
    page = _page(qtbot, admin_ctx)
    tab = page.board
    assert "未结转" in tab.month_label.text()
    with qtbot.waitSignal(admin_ctx.bus.data_changed):
        qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    assert "2026-11" in tab.month_label.text()
    assert tab.chart.points[-1].value == pytest.approx(5 / 9)
    # closing again asks first
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    assert tab.dialog is not None and tab.dialog.isVisible()
    tab.dialog.reject()
    _shoot(page, "grids_month_closed")


def test_sites_tab_marks_facilities_and_names_the_chief(
    qtbot: QtBot, admin_ctx: UiContext, town: Township
) -> None:
    page = _page(qtbot, admin_ctx)
    sites = page.sites
    assert sites is not None
    page.tabs.setCurrentWidget(sites)
    assert sites.standard.text() == "五通、五化、七有一落实"
    assert sites.facility_model.rowCount() == 18
    state = sites.facility_model.index(0, 1)
    assert state.data() == "✗ 未达标"
    sites.facility_view.doubleClicked.emit(state)
    qtbot.waitUntil(lambda: sites.facility_model.index(0, 1).data() == "✓ 已达标")
    sites.facility_view.selectRow(1)
    note = sites.edit_note()
    assert note is not None
    note.fields["note"].setText("2027年6月前通电")  # type: ignore[attr-defined]
    qtbot.mouseClick(note.buttons.button(note.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert sites.facility_model.index(1, 2).data() == "2027年6月前通电"
    dialog = sites.edit_site()
    assert dialog is not None
    dialog.fields["chief_name"].setText("田点长")  # type: ignore[attr-defined]
    with qtbot.waitSignal(admin_ctx.bus.data_changed):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    row = _row_of(sites.model, "S-A")
    assert sites.model.row_at(row).chief_name == "田点长"
    assert sites.scale.text().startswith("共8户13人")
    _shoot(page, "grids_sites")


def test_accounts_tab_creates_binds_and_disables(
    qtbot: QtBot, admin_ctx: UiContext, town: Township
) -> None:
    page = _page(qtbot, admin_ctx)
    accounts = page.users
    assert accounts is not None
    page.tabs.setCurrentWidget(accounts)
    dialog = accounts.new_user()
    dialog.fields["username"].setText("qian3")  # type: ignore[attr-defined]
    dialog.fields["display_name"].setText("钱三")  # type: ignore[attr-defined]
    dialog.fields["password"].setText("123")  # type: ignore[attr-defined]
    check_items(dialog.fields["grids"], [town.g3])  # type: ignore[arg-type]
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "密码至少需要8位" in dialog.error_shown()
    dialog.fields["password"].setText("secret-3")  # type: ignore[attr-defined]
    with qtbot.waitSignal(admin_ctx.bus.data_changed):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    row = _row_of(accounts.model, "qian3")
    assert accounts.model.row_at(row).grid_names == ("三网格",)
    accounts.view.selectRow(_row_of(accounts.model, "wang1"))
    accounts.toggle_active()
    row = _row_of(accounts.model, "wang1")
    assert accounts.model.index(row, 3).data() == "✗ 已停用"
    _shoot(page, "grids_accounts")


def test_with_a_task_runner_the_dashboard_counts_off_the_gui_thread(
    qtbot: QtBot,
    township_db: sessionmaker[Session],
    admin: Actor,
    db_path: Path,
    town: Township,
    task_runner: TaskRunner,
) -> None:
    ctx = make_ui_context(township_db, admin, db_path, clock=town.clock, tasks=task_runner)
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    assert page.summary is None  # the page is there before the counting is done
    qtbot.waitUntil(lambda: page.summary is not None, timeout=10_000)
    assert page.buttons[Attention.NOT_VISITED].property("count") == 4
    assert page.buttons[Attention.OLD_HOUSE_OVERDUE].property("count") == 3
