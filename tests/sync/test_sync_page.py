"""The Sync page driven as a user would: export to a stick off the GUI thread, see the
package listed and "safe to remove", review a conflict."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QTableView
from pytestqt.qtbot import QtBot

from desktop.messages import error_message
from desktop.services.auth import login
from desktop.store.models import Household
from desktop.sync.usb import packages_in
from desktop.ui.context import UiContext
from desktop.ui.sync_page import SyncPage
from desktop.ui.tasks import TaskRunner
from tests.gui.conftest import make_ui_context
from tests.sync.harness import Node, add_household, edit, get, new_household, settle


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


def _click_row(qtbot: QtBot, view: QTableView, row: int, *, double: bool = False) -> None:
    rect = view.visualRect(view.model().index(row, 1))
    if double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    else:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_conflict_review_shows_the_household_both_sides_and_what_stands(
    qtbot: QtBot,
    qtmodeltester,
    pair: tuple[Node, Node],
    runner: TaskRunner,  # type: ignore[no-untyped-def]
) -> None:
    a, b = pair
    hid = new_household(a, phone="13800000000")
    settle([a, b])
    edit(a, Household, hid, phone="13911111111")
    edit(b, Household, hid, phone="13922222222")
    settle([a, b])
    standing = get(a, Household, hid, "phone")
    page = SyncPage(_ctx(a, runner))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    panel = page.conflicts
    qtmodeltester.check(panel.model)
    qtmodeltester.check(page.packages_model)
    assert panel.model.rowCount() == 1
    cell = [panel.model.data(panel.model.index(0, i)) for i in range(6)]
    assert cell[0].startswith("户 ") and "张三" in cell[0]
    assert cell[1] == "联系电话" and cell[2] == "13800000000" and cell[3] == standing
    assert "管理员" in cell[4] and "管理员" in cell[5]
    assert not panel.keep_button.isEnabled()
    _click_row(qtbot, panel.view, 0)
    assert panel.keep_button.isEnabled() and panel.open_button.isEnabled()
    assert not panel.remove_button.isVisible()  # no person entered twice here
    assert "联系电话" in panel.detail.text() and standing in panel.detail.text()
    with qtbot.waitSignal(page.household_opened, timeout=2000) as opened:
        _click_row(qtbot, panel.view, 0, double=True)
    assert opened.args == [hid]

    def type_a_short_number() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("1234")
        dialog.accept()

    QTimer.singleShot(0, type_a_short_number)
    errors: list[str] = []
    page_box = "desktop.ui.conflicts_panel.show_error_box"
    with pytest.MonkeyPatch.context() as mp:  # the message box, read rather than shown
        mp.setattr(page_box, lambda parent, exc: errors.append(error_message(exc)))
        qtbot.mouseClick(panel.third_button, Qt.MouseButton.LeftButton)
    assert errors and "电话" in errors[0]  # the household form's own words
    assert panel.model.rowCount() == 1 and get(a, Household, hid, "phone") == standing
    qtbot.mouseClick(panel.other_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 0
    assert get(a, Household, hid, "phone") != standing
    page.close()


def test_importing_a_whole_stick_applies_what_is_ours_and_says_why_of_the_rest(
    qtbot: QtBot, pair: tuple[Node, Node], runner: TaskRunner, tmp_path: Path
) -> None:
    a, b = pair
    add_household(b, "H-B")
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "a-out.anjupkg").write_bytes(a.export().data)  # a's own, for the county
    b.up()
    data, _ = a.county.export_for(a.device_id)
    (stick / "for-a.anjupkg").write_bytes(data)
    (stick / "b-out.anjupkg").write_bytes(b.export().data)  # another laptop's
    page = SyncPage(_ctx(a, runner))
    qtbot.addWidget(page)
    task = page.import_many([stick])
    with qtbot.waitSignal(task.done, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: "已导入 1 个同步包" in page.result_label.text())
    text = page.result_label.text()
    assert "a-out.anjupkg：跳过" in text and "本机发出" in text
    assert "b-out.anjupkg：跳过" in text and "其他工作站" in text
    assert get(a, Household, get_id(a, "H-B"), "code") == "H-B"


def get_id(node: Node, code: str) -> str:
    from sqlalchemy import select

    with node.session() as s:
        found = s.scalar(select(Household.id).where(Household.code == code))
    assert found is not None
    return found
