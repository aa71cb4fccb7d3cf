"""The Sync page tells a grid member what to do: why a button is grey and what to do
about it, USB sticks offered first by name, a package named for its township (its
code) and date,
and the same number of waiting changes on the page and in the status bar."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.sla import CHINA_TZ
from desktop.services.auth import login
from desktop.store.models_sync import SyncPeer
from desktop.sync.usb import packages_in
from desktop.ui.context import UiContext
from desktop.ui.main_window import MainWindow
from desktop.ui.sync_page import SyncPage
from desktop.ui.tasks import TaskRunner
from desktop.ui.usb_drives import Drive
from tests.gui.conftest import make_ui_context
from tests.gui.user import click
from tests.sync.harness import Node, add_household, make_county, make_node


@pytest.fixture
def node(tmp_path: Path) -> Iterator[Node]:
    """A workstation enrolled with a county (tests/sync/harness.py)."""
    county = make_county(f"sqlite+pysqlite:///{tmp_path / 'county.db'}")
    workstation = make_node(county, tmp_path, name="a")
    yield workstation
    workstation.close()
    county.engine.dispose()


def page_for(qtbot: QtBot, ctx: UiContext) -> SyncPage:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    return page


def test_a_grid_member_on_a_workstation_not_enrolled_is_told_whom_to_ask(
    qtbot: QtBot, grid_member_context: UiContext
) -> None:
    page = page_for(qtbot, grid_member_context)
    for button in (page.export_button, page.import_button, page.sync_button, page.enrol_button):
        assert not button.isEnabled()
        assert button.toolTip(), button.text()  # the reason, on the button itself
    reasons = page.reasons_label.text()
    assert page.reasons_label.isVisible()
    assert "还没有在县里登记" in reasons and "请联系乡镇管理员" in reasons
    assert "“导出到U盘”" in reasons and "“立即同步”" in reasons
    assert "只有乡镇管理员可以为本机登记" in page.enrol_button.toolTip()
    # the status line tells the grid member nothing they cannot do themselves
    assert "乡镇管理员" in page.status_label.text() and "打开" not in page.status_label.text()


def test_an_administrator_is_told_to_enrol_with_the_file(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    page = page_for(qtbot, ui_context)
    assert page.enrol_button.isEnabled() and not page.enrol_button.toolTip()
    assert "用登记文件登记" in page.reasons_label.text()


def _node_ctx(node: Node, runner: TaskRunner) -> UiContext:
    with node.session() as s:
        actor = login(s, "admin", "anju-admin-1")
    return make_ui_context(node.sf, actor, node.path, tasks=runner)


def _sticks(*drives: Drive) -> Callable[[], list[Drive]]:
    current = list(drives)

    def source() -> list[Drive]:
        return list(current)

    source.current = current  # type: ignore[attr-defined]
    return source


def test_export_offers_the_stick_by_name_and_names_the_package(
    qtbot: QtBot,
    node: Node,
    task_runner: TaskRunner,
    tmp_path: Path,
) -> None:
    add_household(node, "H-1")
    with node.session() as s:  # an enrolment file that named no server
        peer = s.scalar(select(SyncPeer))
        assert peer is not None
        peer.server_url = ""
    ctx = _node_ctx(node, task_runner)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["sync"]
    assert isinstance(page, SyncPage)

    # enrolled from a file without a server address: only the network sync is grey
    assert page.export_button.isEnabled() and page.import_button.isEnabled()
    assert not page.sync_button.isEnabled()
    assert "没有设置县服务器地址" in page.sync_button.toolTip()
    assert "“立即同步”暂不能用" in page.reasons_label.text()

    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    sticks = _sticks()
    page.drives = sticks
    click(qtbot, page.export_button)
    dialog = page.usb_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.none_label.isVisible() and not dialog.write_button.isEnabled()
    sticks.current.append(Drive(stick, "KINGSTON", 8 * 1024**3))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=5000)  # appears by itself
    assert dialog.list.item(0).text() == f"KINGSTON（{stick}），可用 8.0 GB"
    assert dialog.write_button.isEnabled()  # the only stick is chosen already
    click(qtbot, dialog.write_button)

    qtbot.waitUntil(lambda: "可以安全拔出U盘" in page.result_label.text(), timeout=30_000)
    (written,) = packages_in(stick)
    assert re.fullmatch(
        rf"433127100-{datetime.now(CHINA_TZ):%Y%m%d}-\d{{4}}-[0-9a-f]{{8}}\.anjupkg", written.name
    ), written.name
    assert "交到县里" in page.result_label.text()
    # the page and the status bar count the same waiting changes
    assert page.status is not None
    qtbot.waitUntil(lambda: window.pending_label.text() == f"待上报修改：{page.status.pending} 条")
    assert f"待上报修改：{page.status.pending}条" in page.status_label.text().replace(" ", "")


def test_the_stick_window_closes_without_writing(
    qtbot: QtBot, node: Node, task_runner: TaskRunner, tmp_path: Path
) -> None:
    page = page_for(qtbot, _node_ctx(node, task_runner))
    stick = tmp_path / "stick"
    stick.mkdir()
    page.drives = _sticks(Drive(stick, "U盘", 10**9))
    click(qtbot, page.export_button)
    dialog = page.usb_dialog
    assert dialog is not None
    cancel = [b for b in dialog.findChildren(QPushButton) if b.text() == "取消"]
    click(qtbot, cancel[0])
    assert not dialog.isVisible() and page.task is None
    assert packages_in(stick) == []
