"""The household list's status filters and risk column, the dashboard's links to
the list behind an item, and what each visit recorded on the household page."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import MonitoringCategory
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.store.models import Household, Person
from desktop.ui.context import Changed, UiContext
from desktop.ui.dashboard_page import DashboardPage
from desktop.ui.household_table_model import COL_CODE, COL_HEAD, COL_RISK
from desktop.ui.households_page import HouseholdsPage
from desktop.ui.main_window import NAV_MIN_WIDTH
from desktop.ui.tasks import TaskRunner
from tests.factories import make_building, make_grid, make_household, make_site, make_visit, member
from tests.gui.conftest import make_ui_context

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)  # 10:00 in Beijing
WORKER = {"labour": "full", "employment": "employed"}


@pytest.fixture
def ctx(
    township_db: sessionmaker[Session], admin: Actor, db_path: Path, task_runner: TaskRunner
) -> UiContext:
    return make_ui_context(township_db, admin, db_path, tasks=task_runner, clock=FixedClock(NOW))


@pytest.fixture
def town(township_db: sessionmaker[Session]) -> None:
    """张三 visited this month and fine; 李四 nobody works, seen last month;
    王五 income under the line; 赵六 monitored, visited this month."""
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园")
        grid = make_grid(s, site, name="第一网格")
        b = make_building(s, site, grid, name="1栋")
        plain = {"old_house_status": "none"}
        zhang = make_household(s, building=b, members=[member("张三", **WORKER)], **plain)
        make_visit(s, zhang, visited_on=date(2026, 11, 3), income_per_head=12000)
        li = make_household(
            s,
            building=b,
            members=[member("李四", labour="full", employment="unemployed")],
            **plain,
        )
        make_visit(s, li, visited_on=date(2026, 10, 20), income_per_head=12000)
        wang = make_household(s, building=b, members=[member("王五", **WORKER)], **plain)
        make_visit(s, wang, visited_on=date(2026, 11, 5), income_per_head=3000)
        zhao = make_household(
            s,
            building=b,
            members=[member("赵六", **WORKER)],
            monitoring=MonitoringCategory.MARGINAL,
            **plain,
        )
        make_visit(s, zhao, visited_on=date(2026, 11, 6), income_per_head=12000)


def _page(qtbot, ctx: UiContext) -> HouseholdsPage:
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366 - NAV_MIN_WIDTH, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _heads(page: HouseholdsPage) -> list[str]:
    m = page.model
    return sorted(m.data(m.index(r, COL_HEAD)) for r in range(m.rowCount()))


def _wait_heads(qtbot, page: HouseholdsPage, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: not page.searching and _heads(page) == sorted(expected))


def test_choosing_a_status_filter_narrows_the_list(qtbot, ctx, town):
    page = _page(qtbot, ctx)
    _wait_heads(qtbot, page, ["张三", "李四", "王五", "赵六"])

    page.not_visited_check.click()
    _wait_heads(qtbot, page, ["李四"])
    assert page.count_label.text() == "共 1 户"

    page.not_visited_check.click()
    page.risk_combo.setCurrentIndex(page.risk_combo.findText("风险：红"))
    _wait_heads(qtbot, page, ["王五"])

    page.flag_combo.setCurrentIndex(page.flag_combo.findText("零就业家庭"))
    _wait_heads(qtbot, page, [])  # red and zero-employment: nobody
    assert "没有" in page.empty_label.text()

    page.risk_combo.setCurrentIndex(0)
    _wait_heads(qtbot, page, ["李四"])

    page.clear_button.click()
    _wait_heads(qtbot, page, ["张三", "李四", "王五", "赵六"])
    assert page.flag_combo.currentIndex() == 0 and not page.not_visited_check.isChecked()


def test_the_risk_column_says_the_level_in_words_and_colour(qtbot, ctx, town):
    page = _page(qtbot, ctx)
    _wait_heads(qtbot, page, ["张三", "李四", "王五", "赵六"])
    m = page.model
    risk = {m.data(m.index(r, COL_HEAD)): m.data(m.index(r, COL_RISK)) for r in range(m.rowCount())}
    assert risk == {"张三": "● 绿", "李四": "● 黄", "王五": "● 红", "赵六": "● 黄"}
    row = [m.data(m.index(r, COL_HEAD)) for r in range(m.rowCount())].index("王五")
    brush = m.data(m.index(row, COL_RISK), Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == "#b3261e"
    assert m.headerData(COL_RISK, Qt.Orientation.Horizontal) == "风险"


def test_the_filters_fit_a_1366_pixel_screen(qtbot, ctx, town):
    page = _page(qtbot, ctx)
    assert page.list_page.minimumSizeHint().width() <= 1366 - NAV_MIN_WIDTH
    table = page.table
    assert not table.horizontalScrollBar().isVisible()


@pytest.mark.parametrize(
    ("attention", "heads"), [("not_visited", ["李四"]), ("zero_employment", ["李四"])]
)
def test_the_dashboard_opens_the_list_behind_an_item(qtbot, ctx, town, attention, heads):
    page = _page(qtbot, ctx)
    dashboard = DashboardPage(ctx)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.summary is not None)  # counted off the GUI thread
    # what the main window is to do with the dashboard's request
    dashboard.open_households.connect(page.open_request)
    page.search.insert("张")
    button = next(b for k, b in dashboard.buttons.items() if k.value == attention)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.property("count") == len(heads)
    qtbot.mouseClick(dashboard.open_full, Qt.MouseButton.LeftButton)
    _wait_heads(qtbot, page, heads)
    assert page.search.text() == ""
    if attention == "not_visited":
        assert page.not_visited_check.isChecked()
    else:
        assert page.flag_combo.currentText() == "零就业家庭"


def test_a_request_for_monitored_households_and_one_for_another_page(qtbot, ctx, town):
    page = _page(qtbot, ctx)
    assert page.open_request({"attention": "monitored"})
    _wait_heads(qtbot, page, ["赵六"])
    assert not page.open_request({"overdue": True})


def test_show_filtered_leaves_an_open_household_for_the_list(qtbot, ctx, town):
    from desktop.services.survey import SurveyFilter

    page = _page(qtbot, ctx)
    _wait_heads(qtbot, page, ["张三", "李四", "王五", "赵六"])
    page.open_row(0)
    assert page.pages.currentWidget() is page.detail
    page.show_filtered(SurveyFilter(risk="red"))
    assert page.pages.currentWidget() is page.list_page
    _wait_heads(qtbot, page, ["王五"])
    assert page.risk_combo.currentText() == "风险：红"


def test_the_visits_tab_says_what_each_visit_recorded(qtbot, ctx, town, township_db):
    with township_db.begin() as s:
        li = s.scalars(select(Household).where(Household.head_name == "李四")).one()
        person_id = s.scalars(select(Person.id).where(Person.household_id == li.id)).one()
        visit = make_visit(s, li, visited_on=date(2026, 11, 21), income_per_head=4000)
        visit.alerts = [{"code": "income_drop", "before": 12000, "after": 4000}]
        visit.changes = [
            {"person_id": None, "field": "income_per_head", "before": 12000, "after": 4000},
            {
                "person_id": person_id,
                "field": "employment",
                "before": "employed",
                "after": "unemployed",
            },
        ]
        li_id = li.id
    page = _page(qtbot, ctx)
    assert page.open_household(li_id)
    visits = page.detail.visits_model
    text = visits.data(visits.index(0, 4))
    assert text.startswith("⚠")  # the swing first, flagged
    assert "12,000" in text and "4,000" in text
    assert "李四" in text and "未就业" in text
    tip = visits.data(visits.index(0, 4), Qt.ItemDataRole.ToolTipRole)
    assert tip.count("\n") == 2
    older = visits.data(visits.index(1, 4))
    assert older == "无变化"


def test_a_visit_recorded_elsewhere_updates_the_filtered_list(qtbot, ctx, town, township_db):
    page = _page(qtbot, ctx)
    page.not_visited_check.click()
    _wait_heads(qtbot, page, ["李四"])
    page.not_visited_check.click()
    page.risk_combo.setCurrentIndex(page.risk_combo.findText("风险：红"))
    _wait_heads(qtbot, page, ["王五"])
    with township_db.begin() as s:
        wang = s.scalars(select(Household).where(Household.head_name == "王五")).one()
        make_visit(s, wang, visited_on=date(2026, 11, 21), income_per_head=9000)
    ctx.bus.data_changed.emit(Changed({"visits": frozenset()}))
    _wait_heads(qtbot, page, [])  # income back over the line: no longer red


def test_clicking_the_risk_header_keeps_the_sort(qtbot, ctx, town):
    page = _page(qtbot, ctx)
    _wait_heads(qtbot, page, ["张三", "李四", "王五", "赵六"])
    before = [page.model.household_id(r) for r in range(page.model.rowCount())]
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_RISK) + header.sectionSize(COL_RISK) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == COL_CODE
    assert [page.model.household_id(r) for r in range(page.model.rowCount())] == before
