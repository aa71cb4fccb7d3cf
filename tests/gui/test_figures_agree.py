"""Every figure reads the same wherever it is shown, for the administrator and for a
grid member: the dashboard's cards and attention items, the coverage board's total,
the household list behind each item, the work-order page, the board ledger and
``anju board``.  One definition per figure (DESIGN.md), checked here on a township
counted by hand (tests/grid_factories.py).
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop.services import ledgers
from desktop.services import work_orders as svc
from desktop.services.actor import Actor
from desktop.services.board import Attention
from desktop.services.clock import FixedClock
from desktop.ui.context import UiContext
from desktop.ui.dashboard_page import DashboardPage
from desktop.ui.grids_page import GridsPage
from desktop.ui.households_page import HouseholdsPage
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from desktop.ui.work_orders_page import WorkOrdersPage
from tests import grid_factories
from tests.grid_factories import EXPECTED, Township
from tests.gui.conftest import make_ui_context
from tests.gui.user import click

FIGURES = (
    "households",
    "persons",
    "labourers",
    "employed",
    "zero_employment",
    "monitored",
    "visited",
    "open_orders",
    "overdue_orders",
    "old_house_overdue",
)


def numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def expected_for(role: str) -> dict[str, int]:
    rows = list(EXPECTED.values()) if role == "admin" else [EXPECTED["G1"]]
    want = {name: sum(r[i] for r in rows) for i, name in enumerate(FIGURES)}
    # and the request taken ten minutes ago in 一网格, nobody has answered yet
    want["open_orders"] += 1
    want["overdue_orders"] += 1
    return want


@pytest.fixture
def town(township_db: sessionmaker[Session], admin: Actor) -> Township:
    """The hand-counted township, and one more request in 一网格 taken ten minutes
    ago: its response is overdue, its three days are not (the dashboard once counted
    only a missed resolve deadline, the work-order page any missed deadline)."""
    town = grid_factories.build(township_db)
    earlier = FixedClock(town.clock.now() - timedelta(minutes=10))
    with township_db.begin() as s:
        svc.intake(
            s,
            admin,
            household_id=town.h["h3"],
            description="楼道灯不亮",
            category="repairs",
            source="walk_in",
            clock=earlier,
        )
    return town


@pytest.fixture(params=["admin", "grid member"])
def role_ctx(
    request: pytest.FixtureRequest,
    township_db: sessionmaker[Session],
    admin: Actor,
    town: Township,
    db_path: Path,
    task_runner: TaskRunner,
) -> tuple[str, UiContext]:
    actor = admin if request.param == "admin" else town.member1
    ctx = make_ui_context(township_db, actor, db_path, tasks=task_runner, clock=town.clock)
    return request.param, ctx


def open_window(qtbot: QtBot, ctx: UiContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    return window


def go_to(qtbot: QtBot, window: MainWindow, digit: Qt.Key) -> None:
    """Ctrl+digit, as the user switches pages."""
    window.activateWindow()
    qtbot.keyClick(window, digit, Qt.KeyboardModifier.ControlModifier)


def test_each_figure_is_the_same_on_every_screen(
    qtbot: QtBot, role_ctx: tuple[str, UiContext], tmp_path: Path
) -> None:
    role, ctx = role_ctx
    want = expected_for(role)
    window = open_window(qtbot, ctx)
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    qtbot.waitUntil(lambda: dashboard.summary is not None, timeout=5000)

    # the dashboard's cards
    cards = {k: numbers(label.text()) for k, label in dashboard.figure_labels.items()}
    shown = {
        "households": cards["households"][0],
        "persons": cards["persons"][0],
        "labourers": cards["labour"][0],
        "employed": cards["labour"][1],
        "monitored": cards["monitored"][0],
        "visited": cards["visited"][0],
        "open_orders": cards["orders"][0],
    }
    for name, value in shown.items():
        assert value == want[name], f"dashboard card {name}"
    attention = {k: int(b.property("count")) for k, b in dashboard.buttons.items()}
    assert attention[Attention.ZERO_EMPLOYMENT] == want["zero_employment"]
    assert attention[Attention.OVERDUE_ORDERS] == want["overdue_orders"]
    assert attention[Attention.OLD_HOUSE_OVERDUE] == want["old_house_overdue"]
    assert attention[Attention.NOT_VISITED] == want["households"] - want["visited"]

    # the household list behind each household item, opened from the dashboard
    for kind, figure in (
        (Attention.ZERO_EMPLOYMENT, want["zero_employment"]),
        (Attention.OLD_HOUSE_OVERDUE, want["old_house_overdue"]),
        (Attention.NOT_VISITED, want["households"] - want["visited"]),
    ):
        go_to(qtbot, window, Qt.Key.Key_1)
        click(qtbot, dashboard.buttons[kind])
        click(qtbot, dashboard.open_full)
        households = window.pages["households"]
        assert isinstance(households, HouseholdsPage)
        label = households.count_label
        qtbot.waitUntil(lambda f=figure, shown=label: numbers(shown.text()) == [f])

    # the work-order page: open orders, and the overdue ones the dashboard sends it to
    go_to(qtbot, window, Qt.Key.Key_1)
    click(qtbot, dashboard.buttons[Attention.OVERDUE_ORDERS])
    click(qtbot, dashboard.open_full)
    orders = window.pages["work_orders"]
    assert isinstance(orders, WorkOrdersPage)
    qtbot.waitUntil(lambda: orders.status_filter.currentData() == "overdue")
    assert orders.model.total == want["overdue_orders"]
    orders.status_filter.setCurrentIndex(orders.status_filter.findData("open"))
    assert orders.model.total == want["open_orders"]
    assert numbers(orders.summary.text()) == [want["open_orders"], want["overdue_orders"]]

    # the coverage board's total
    go_to(qtbot, window, Qt.Key.Key_3)
    grids = window.pages["grids"]
    assert isinstance(grids, GridsPage)
    total = numbers(grids.board.total.text())
    assert total[:6] == [
        want["households"],
        want["persons"],
        want["labourers"],
        want["employed"],
        want["zero_employment"],
        want["visited"],
    ]
    assert total[-1] == want["overdue_orders"]

    # the board ledger's 合计 row
    out = tmp_path / "board.xlsx"
    ctx.call(ledgers.export_ledger, "board", out, clock=ctx.clock)
    sheet = openpyxl.load_workbook(out).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    at = next(i for i, r in enumerate(rows) if "户数" in r)
    # two header rows: a group over some columns, a column's own name under it or beside
    header = [low or high for high, low in zip(rows[at - 1], rows[at], strict=True)]
    row = next(r for r in rows if "合计" in r)
    for column, name in (
        ("户数", "households"),
        ("人数", "persons"),
        ("劳动力", "labourers"),
        ("已就业", "employed"),
        ("零就业户", "zero_employment"),
        ("监测户", "monitored"),
        ("已走访户", "visited"),
        ("未办结", "open_orders"),
        ("超期", "overdue_orders"),
        ("旧房超期未拆", "old_house_overdue"),
    ):
        assert row[header.index(column)] == want[name], f"ledger {column}"
