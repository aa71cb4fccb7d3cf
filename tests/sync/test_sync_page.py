"""The Sync page driven as a user would: export to a stick off the GUI thread, see the
package listed and "safe to remove", review a conflict."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.services.auth import login
from desktop.store.models import Household
from desktop.sync.usb import packages_in
from desktop.ui.context import UiContext
from desktop.ui.sync_page import SyncPage
from desktop.ui.tasks import TaskRunner
from tests.gui.conftest import make_ui_context
from tests.sync.harness import Node, add_household, edit, get, settle


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.wait_for_all()


def _ctx(node: Node, runner: TaskRunner) -> UiContext:
    with node.session() as s:
        actor = login(s, "admin", "anju-admin-1")
    return make_ui_context(node.sf, actor, node.path, tasks=runner)


def test_export_to_usb_runs_in_the_background_and_says_safe_to_remove(
    qtbot: QtBot, pair: tuple[Node, Node], runner: TaskRunner, tmp_path: Path
) -> None:
    a, _ = pair
    add_household(a, "H-1")
    page = SyncPage(_ctx(a, runner))
    qtbot.addWidget(page)
    pending = page.status.pending if page.status is not None else 0
    assert pending > 0  # the new household waits to be sent, and the page says how much
    assert f"待上报修改：{pending}条" in page.status_label.text().replace(" ", "")
    stick = tmp_path / "stick"
    stick.mkdir()
    task = page.export_to(stick)
    assert not page.export_button.isEnabled()  # one job at a time
    with qtbot.waitSignal(task.done, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: page.export_button.isEnabled())
    (written,) = packages_in(stick)
    assert str(written) in page.result_label.text()
    assert "可以安全拔出U盘" in page.result_label.text()
    assert page.packages_model.rowCount() >= 1
    assert page.packages_model.data(page.packages_model.index(0, 0)) == "发出"


def test_a_vanished_stick_is_said_in_words(
    qtbot: QtBot, pair: tuple[Node, Node], runner: TaskRunner, tmp_path: Path
) -> None:
    a, _ = pair
    page = SyncPage(_ctx(a, runner))
    qtbot.addWidget(page)
    task = page.export_to(tmp_path / "gone")
    with qtbot.waitSignal(task.done, timeout=30_000):
        pass
    assert page.result_label.text().startswith("⚠")
    assert "gone" in page.result_label.text()


def test_conflict_review_keeps_one_value(
    qtbot: QtBot,
    qtmodeltester,
    pair: tuple[Node, Node],
    runner: TaskRunner,  # type: ignore[no-untyped-def]
) -> None:
    a, b = pair
    hid = add_household(a, "H-1", phone="13800000000")
    settle([a, b])
    edit(a, Household, hid, phone="13911111111")
    edit(b, Household, hid, phone="13922222222")
    settle([a, b])
    page = SyncPage(_ctx(a, runner))
    qtbot.addWidget(page)
    qtmodeltester.check(page.conflicts_model)
    qtmodeltester.check(page.packages_model)
    assert page.conflicts_model.rowCount() == 1
    assert page.conflicts_model.data(page.conflicts_model.index(0, 0)) == "户 H-1"
    assert "13922222222" in page.conflicts_model.data(page.conflicts_model.index(0, 2))
    assert not page.keep_button.isEnabled()
    page.conflicts_view.selectRow(0)
    assert page.keep_button.isEnabled()
    page.other_button.click()
    assert page.conflicts_model.rowCount() == 0
    assert get(a, Household, hid, "phone") == "13911111111"
