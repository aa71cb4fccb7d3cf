"""Every page works at 1366×768 from 11 to 16 pt: nothing is pushed out of reach,
requests stay readable, headings grow with the text, and going back to 11 pt gives
the columns of 11 pt again.  The size is changed where the user changes it, in
Settings, by typing into the spin box."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop.services import work_orders as svc
from desktop.services.actor import Actor
from desktop.ui import fonts
from desktop.ui.context import UiContext
from desktop.ui.dashboard_page import DashboardPage
from desktop.ui.household_table_model import COL_SITE
from desktop.ui.households_page import HouseholdsPage
from desktop.ui.main_window import PAGES, MainWindow
from desktop.ui.settings_page import SettingsPage
from desktop.ui.work_order_table_model import COL_DESCRIPTION
from desktop.ui.work_orders_page import DESCRIPTION_MIN_CHARS, WorkOrdersPage
from tests.factories import make_building, make_grid, make_household, make_site, member

CTRL = Qt.KeyboardModifier.ControlModifier
DIGITS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6]


@pytest.fixture
def town(township_db: sessionmaker[Session], admin: Actor) -> None:
    with township_db.begin() as s:
        site = make_site(s, name="城北易地扶贫搬迁安置区")
        grid = make_grid(s, site, name="城北第一网格")
        building = make_building(s, site, grid, name="12栋")
        household = make_household(s, building=building, room="1201", members=[member("欧阳小明")])
        svc.intake(
            s,
            admin,
            household_id=household.id,
            description="楼上卫生间漏水到我家厨房，已经三天了",
            category="repairs",
            source="hotline",
        )


def set_size_in_settings(qtbot: QtBot, window: MainWindow, size: int) -> None:
    window.activateWindow()
    qtbot.keyClick(window, DIGITS[5], CTRL)
    settings = window.pages["settings"]
    assert isinstance(settings, SettingsPage)
    spin = settings.font_size
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(size))
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert QApplication.font().pointSize() == size
    QApplication.processEvents()


def widths(page: HouseholdsPage) -> list[int]:
    """The columns' widths but the site's, which takes whatever room is left."""
    header = page.table.horizontalHeader()
    return [header.sectionSize(i) for i in range(header.count()) if i != COL_SITE]


def every_column_reachable(table: QTableView) -> bool:
    header = table.horizontalHeader()
    needed = sum(header.sectionSize(i) for i in range(header.count()))
    return needed <= table.viewport().width() or table.horizontalScrollBar().maximum() > 0


def test_every_page_works_at_16_pt_and_back_at_11(
    qtbot: QtBot, ui_context: UiContext, town: None, db_path: Path
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitExposed(window):
        window.show()
    for index in range(len(PAGES)):
        qtbot.keyClick(window, DIGITS[index], CTRL)
    households = window.pages["households"]
    assert isinstance(households, HouseholdsPage)
    header = households.table.horizontalHeader()
    widths_11 = widths(households)
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    title_11 = dashboard.title.font().pointSizeF()
    card_11 = dashboard.figure_labels["households"].font().pointSizeF()

    set_size_in_settings(qtbot, window, 16)
    for index in range(len(PAGES)):
        qtbot.keyClick(window, DIGITS[index], CTRL)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 768 - 30, PAGES[index].key

    # the household list: every column can still be reached
    qtbot.keyClick(window, DIGITS[1], CTRL)
    qtbot.waitUntil(lambda: every_column_reachable(households.table))
    metrics = QFontMetrics(QApplication.font())
    for column in range(header.count()):
        title = str(households.model.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= min(metrics.horizontalAdvance(title), 4 * 16)

    # the work-order list: the request keeps a dozen characters
    qtbot.keyClick(window, DIGITS[3], CTRL)
    orders = window.pages["work_orders"]
    assert isinstance(orders, WorkOrdersPage)
    table = orders.table
    wide = QFontMetrics(table.font()).horizontalAdvance("中") * DESCRIPTION_MIN_CHARS
    qtbot.waitUntil(lambda: table.horizontalHeader().sectionSize(COL_DESCRIPTION) >= wide)
    assert every_column_reachable(table)

    # headings and figures grow with the text
    assert dashboard.title.font().pointSizeF() == pytest.approx(title_11 * 16 / 11)
    assert dashboard.figure_labels["households"].font().pointSizeF() > card_11

    # back to 11 pt: the columns of 11 pt, not the narrow ones of before
    set_size_in_settings(qtbot, window, fonts.DEFAULT_POINT_SIZE)
    qtbot.keyClick(window, DIGITS[1], CTRL)
    qtbot.waitUntil(lambda: widths(households) == widths_11)
    assert not households.table.horizontalScrollBar().isVisible()
    assert dashboard.title.font().pointSizeF() == pytest.approx(title_11)
