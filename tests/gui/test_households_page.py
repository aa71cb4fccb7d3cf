"""The household list page, driven like a user: type, filter, open, come back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import HouseholdCategory, MonitoringCategory, Relation
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.services.households import (
    HouseholdFilter,
    SortKey,
    count_households,
    list_households,
)
from desktop.store.models import Grid, Household, Site
from desktop.ui.context import Changed, UiContext
from desktop.ui.household_table_model import (
    COL_FLAT,
    COL_HEAD,
    COL_MONITORING,
    COL_MOVE_IN,
    HouseholdTableModel,
)
from desktop.ui.households_page import HouseholdsPage
from desktop.ui.tasks import TaskRunner
from tests.factories import (
    make_building,
    make_grid,
    make_household,
    make_site,
    make_visit,
    member,
)
from tests.gui.conftest import make_ui_context

TODAY = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@dataclass
class Town:
    site_2: str
    grid_2: str


def _build_town(s: Session, grid: Grid | None = None) -> Town:
    """张三丰 and 李四 in the first grid (``grid`` if given), 王五 in a second site."""
    if grid is None:
        site1 = make_site(s, name="幸福家园")
        grid = make_grid(s, site1, name="第一网格")
    else:
        site1 = s.get(Site, grid.site_id)  # type: ignore[assignment]
    site2 = make_site(s, name="阳光小区")
    grid2 = make_grid(s, site2, name="第二网格")
    b3 = make_building(s, site1, grid, name="3栋")
    b1 = make_building(s, site2, grid2, name="1栋")
    make_household(
        s,
        building=b3,
        unit="2",
        room="501",
        move_in_date=date(2019, 3, 1),
        members=[
            member("张三丰", birth=date(1960, 5, 1)),
            member("李秀英", Relation.SPOUSE, birth=date(1962, 12, 30), male=False),
            member("张小明", Relation.GRANDSON, birth=date(2016, 11, 23)),
        ],
    )
    make_household(
        s,
        building=b3,
        room="601",
        category=HouseholdCategory.SYNCHRONOUS,
        monitoring=MonitoringCategory.MARGINAL,
        members=[member("李四")],
    )
    make_household(s, building=b1, room="101", members=[member("王五")])
    return Town(site_2=site2.id, grid_2=grid2.id)


@pytest.fixture
def admin_ctx(
    township_db: sessionmaker[Session], admin: Actor, db_path: Path, task_runner: TaskRunner
) -> UiContext:
    """The administrator, with the background task runner the app gives pages."""
    return make_ui_context(township_db, admin, db_path, tasks=task_runner, clock=FixedClock(TODAY))


@pytest.fixture
def town(township_db: sessionmaker[Session]) -> Town:
    with township_db.begin() as s:
        return _build_town(s)


def _page(qtbot, ctx: UiContext) -> HouseholdsPage:
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1216, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _type(qtbot, page: HouseholdsPage, text: str) -> None:
    """Type into the search box; Chinese arrives whole, as a pinyin input method commits it."""
    if text.isascii():
        qtbot.keyClicks(page.search, text)
    else:
        page.search.insert(text)


def _heads(page: HouseholdsPage) -> list[str]:
    m = page.model
    return [m.data(m.index(r, COL_HEAD)) for r in range(m.rowCount())]


def _wait_heads(qtbot, page: HouseholdsPage, expected: list[str]) -> None:
    """Wait for the background search to show exactly these heads, in this order."""
    qtbot.waitUntil(lambda: not page.searching and _heads(page) == expected)


def test_list_opens_with_every_household_and_its_count(qtbot, admin_ctx, town):
    page = _page(qtbot, admin_ctx)
    assert sorted(_heads(page)) == ["张三丰", "李四", "王五"]
    assert page.count_label.text() == "共 3 户"
    m = page.model
    row = _heads(page).index("张三丰")
    assert m.data(m.index(row, COL_FLAT)) == "3栋2单元501"
    assert m.data(m.index(row, COL_MOVE_IN)) == "2019-03-01"
    li = _heads(page).index("李四")
    # a monitored household is told by words as well as colour
    assert "边缘易致贫户" in m.data(m.index(li, COL_MONITORING))
    assert m.data(m.index(li, COL_MONITORING), Qt.ItemDataRole.ForegroundRole) is not None
    assert m.data(m.index(row, COL_HEAD), Qt.ItemDataRole.ToolTipRole).startswith("张三丰")
    assert not page.table.horizontalScrollBar().isVisible()


def test_typing_pinyin_initials_finds_the_household_and_enter_opens_it(qtbot, admin_ctx, town):
    page = _page(qtbot, admin_ctx)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "zsf")
    _wait_heads(qtbot, page, ["张三丰"])
    assert page.count_label.text() == "共 1 户"

    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 0
    with qtbot.waitSignal(page.household_opened):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.pages.currentWidget() is page.detail
    assert "张三丰" in page.detail.title.text()
    members = page.detail.members_model
    rows = [
        [members.data(members.index(r, c)) for c in range(4)] for r in range(members.rowCount())
    ]
    assert rows == [
        ["张三丰", "户主", "男", "66"],
        ["李秀英", "配偶", "女", "63"],
        ["张小明", "孙子", "男", "9"],
    ]

    qtbot.keyClick(page.detail.back_button, Qt.Key.Key_Escape)
    assert page.pages.currentWidget() is page.list_page
    assert page.search.text() == "zsf"  # the search is kept
    assert _heads(page) == ["张三丰"]


def test_double_click_opens_a_household(qtbot, admin_ctx, town):
    page = _page(qtbot, admin_ctx)
    row = _heads(page).index("王五")
    with qtbot.waitSignal(page.household_opened):
        page.table.doubleClicked.emit(page.model.index(row, 0))
    assert "王五" in page.detail.title.text()
    assert page.detail.value_text("grid") == "第二网格"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1390", []), ("3栋2单元501", ["张三丰"]), ("wangwu", ["王五"]), ("601", ["李四"])],
)
def test_search_by_other_keys(qtbot, admin_ctx, town, text, expected):
    page = _page(qtbot, admin_ctx)
    _type(qtbot, page, text)
    qtbot.waitUntil(lambda: page.model.current_filter.text == text and not page.searching)
    assert _heads(page) == expected


def test_filters_narrow_the_list_and_depend_on_each_other(qtbot, admin_ctx, town):
    page = _page(qtbot, admin_ctx)
    page.site_combo.setCurrentIndex(page.site_combo.findData(town.site_2))
    _wait_heads(qtbot, page, ["王五"])
    grids = [page.grid_combo.itemText(i) for i in range(page.grid_combo.count())]
    assert grids == ["全部网格", "第二网格"]
    buildings = [page.building_combo.itemText(i) for i in range(page.building_combo.count())]
    assert buildings == ["全部楼栋", "1栋"]

    page.clear_filters()
    qtbot.waitUntil(lambda: len(_heads(page)) == 3)
    page.category_combo.setCurrentIndex(
        page.category_combo.findData(HouseholdCategory.SYNCHRONOUS.value)
    )
    _wait_heads(qtbot, page, ["李四"])
    page.clear_filters()
    page.monitoring_combo.setCurrentIndex(page.monitoring_combo.findData("monitored"))
    _wait_heads(qtbot, page, ["李四"])

    # choosing a grid chooses its site
    page.clear_filters()
    page.grid_combo.setCurrentIndex(page.grid_combo.findData(town.grid_2))
    assert page.site_combo.currentData() == town.site_2
    _wait_heads(qtbot, page, ["王五"])


def test_nothing_found_says_what_to_do(qtbot, admin_ctx, town):
    page = _page(qtbot, admin_ctx)
    _type(qtbot, page, "没有这个人")
    qtbot.waitUntil(lambda: page.body.currentIndex() == 1)
    assert "没有符合条件的住户" in page.empty_label.text()
    assert page.count_label.text() == "共 0 户"
    page.empty_clear.click()
    qtbot.waitUntil(lambda: page.body.currentIndex() == 0 and len(_heads(page)) == 3)


def test_sorting_by_head_follows_pinyin(qtbot, admin_ctx, town):
    page = _page(qtbot, admin_ctx)
    page.table.sortByColumn(COL_HEAD, Qt.SortOrder.AscendingOrder)
    assert _heads(page) == ["李四", "王五", "张三丰"]
    page.table.sortByColumn(COL_HEAD, Qt.SortOrder.DescendingOrder)
    assert _heads(page) == ["张三丰", "王五", "李四"]


def test_a_change_elsewhere_refreshes_the_list(qtbot, admin_ctx, town, township_db):
    page = _page(qtbot, admin_ctx)
    with township_db.begin() as s:
        site = s.get(Site, town.site_2)
        assert site is not None
        make_household(s, site=site, members=[member("赵六")])
    admin_ctx.bus.data_changed.emit(Changed({"households": frozenset()}))
    assert "赵六" in _heads(page)
    assert page.count_label.text() == "共 4 户"


def test_grid_member_sees_only_own_grids(qtbot, township_db, grid_member: Actor, db_path: Path):
    ctx = make_ui_context(township_db, grid_member, db_path, clock=FixedClock(TODAY))
    with township_db.begin() as s:
        (grid_id,) = grid_member.grid_ids
        grid = s.get(Grid, grid_id)
        assert grid is not None
        _build_town(s, grid)
    page = _page(qtbot, ctx)
    assert sorted(_heads(page)) == ["张三丰", "李四"]
    sites = [page.site_combo.itemText(i) for i in range(page.site_combo.count())]
    assert sites == ["全部安置点", "幸福安置区"]
    qtbot.keyClicks(page.search, "wang")
    qtbot.waitUntil(lambda: page.body.currentIndex() == 1)


def test_grid_member_with_no_households_is_told_what_to_do(
    qtbot, township_db, grid_member: Actor, db_path: Path
):
    page = _page(qtbot, make_ui_context(township_db, grid_member, db_path))
    assert page.body.currentIndex() == 1
    assert page.empty_label.text() == "本网格还没有住户 — 导入台账或新增住户"


def test_table_model_passes_qtmodeltester(qtmodeltester, township_db, admin, town):
    with township_db.begin() as s:
        site = s.get(Site, town.site_2)
        assert site is not None
        for i in range(7):
            make_household(s, site=site, members=[member(f"住户{i}")])

    def count(flt: HouseholdFilter) -> int:
        with township_db.begin() as s:
            return count_households(s, admin, flt)

    def page(flt: HouseholdFilter, sort: SortKey, desc: bool, offset: int, limit: int):
        with township_db.begin() as s:
            return list_households(s, admin, flt, sort, desc, offset, limit)

    model = HouseholdTableModel(count, page, block_size=4)
    model.reload()
    assert (model.total, model.rowCount()) == (10, 4)
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 10
    model.sort(COL_HEAD, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_filter(HouseholdFilter(text="zhu"))
    assert model.total == 7
    qtmodeltester.check(model)


def test_a_newer_keystroke_wins_over_an_older_answer(qtbot, admin_ctx, town):
    page = _page(qtbot, admin_ctx)
    page.search.setText("li")
    page.apply_filter()  # 李四 and 张三丰 (李秀英) on their way
    page.search.setText("wang")
    page.apply_filter()
    _wait_heads(qtbot, page, ["王五"])
    # let every answer arrive, the older one too: it must not replace the newer one
    admin_ctx.tasks.wait_for_all()
    QCoreApplication.processEvents()
    assert _heads(page) == ["王五"]


def test_enter_in_the_search_box_opens_a_single_match_at_once(qtbot, admin_ctx, town):
    page = _page(qtbot, admin_ctx)
    qtbot.keyClicks(page.search, "wangwu")
    with qtbot.waitSignal(page.household_opened):
        qtbot.keyClick(page.search, Qt.Key.Key_Return)  # no need to wait for the search
    assert "王五" in page.detail.title.text()


def test_an_open_household_shows_a_visit_recorded_elsewhere(qtbot, admin_ctx, town, township_db):
    page = _page(qtbot, admin_ctx)
    row = _heads(page).index("张三丰")
    with qtbot.waitSignal(page.household_opened):
        page.open_row(row)
    assert page.detail.visits_model.rowCount() == 0
    with township_db.begin() as s:
        household = s.get(Household, page.detail.household_id)
        assert household is not None
        make_visit(s, household, visited_on=date(2026, 11, 20), notes="家中一切正常")
    admin_ctx.bus.data_changed.emit(Changed({"visits": frozenset()}))
    visits = page.detail.visits_model
    assert visits.rowCount() == 1
    assert visits.data(visits.index(0, 0)) == "2026-11-20"
    assert visits.data(visits.index(0, 5)) == "家中一切正常"
    assert page.detail.tabs.tabText(1) == "走访记录（1）"
