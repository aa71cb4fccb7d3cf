"""A fresh workstation joins its township through the first-run wizard with the county's
enrolment file, and the county's first package brings the accounts to log in with."""

from __future__ import annotations

import dataclasses
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.services import auth, township
from desktop.store.models import Household, User
from desktop.store.models_sync import SyncPeer
from desktop.sync.capture import enable_capture
from desktop.sync.keys import keys_path
from desktop.ui.setup_wizard import SetupWizard
from server.county import County, create_enrolment
from tests.sync.harness import TOWNSHIP, Node, add_household, make_county, make_node

LEFT = Qt.MouseButton.LeftButton
NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture
def county(tmp_path: Path) -> County:
    c = make_county(f"sqlite+pysqlite:///{tmp_path / 'county.db'}")
    yield c  # type: ignore[misc]
    c.engine.dispose()


@pytest.fixture
def first_workstation(county: County, tmp_path: Path) -> Node:
    """The township's first workstation, set up by hand, its records already at the county."""
    node = make_node(county, tmp_path, name="first")
    add_household(node, "H-1", phone="13800000001")
    node.sync()
    yield node  # type: ignore[misc]
    node.close()


def enrolment_file(county: County, folder: Path, server_url: str | None = None) -> Path:
    with county.sessions.begin() as s:
        enrolment = create_enrolment(s, township_code=TOWNSHIP, name="灵溪镇二号机")
    if server_url is not None:
        enrolment = dataclasses.replace(enrolment, server_url=server_url)
    path = folder / "enrolment.json"
    path.write_bytes(enrolment.to_bytes())
    return path


def open_enrol_page(
    qtbot: QtBot, session_factory: sessionmaker[Session], db_path: Path
) -> SetupWizard:
    enable_capture(session_factory)  # as the app does before the wizard
    wizard = SetupWizard(session_factory, db_path=db_path)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.choice_page.enrol.text() == "使用县里下发的登记文件加入"
    wizard.choice_page.enrol.click()
    qtbot.mouseClick(wizard.button(NEXT), LEFT)
    assert wizard.currentPage() is wizard.enrol_page
    return wizard


def pick(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def no_township(session_factory: sessionmaker[Session]) -> bool:
    with session_factory.begin() as s:
        return (
            township.township_info(s) is None
            and s.scalar(select(func.count()).select_from(SyncPeer)) == 0
            and s.scalar(select(func.count()).select_from(User)) == 0
        )


def test_a_fresh_workstation_joins_and_its_accounts_arrive_with_the_first_package(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db_path: Path,
    session_factory: sessionmaker[Session],
    county: County,
    first_workstation: Node,
) -> None:
    wizard = open_enrol_page(qtbot, session_factory, db_path)
    page = wizard.enrol_page
    pick(monkeypatch, enrolment_file(county, tmp_path))
    qtbot.mouseClick(page.choose_button, LEFT)

    # enrolled: this database is the township's, but nobody can log in yet
    with session_factory.begin() as s:
        info = township.township_info(s)
        assert info is not None and info.township_code == TOWNSHIP
        assert s.scalar(select(SyncPeer)) is not None
    assert not wizard.button(FINISH).isEnabled()
    assert "尚未" in page.status.text() and "U盘" in page.status.text()
    assert page.import_button.isVisible() and page.import_button.text() == "导入同步包…"

    # the first package goes to the county on a stick, and its answer comes back
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    qtbot.mouseClick(page.export_button, LEFT)
    (sent,) = list(stick.iterdir())
    county.import_package(sent.read_bytes())  # registers the device's keys
    answer, _ = county.export_for(page.device_id)
    back = tmp_path / "back.anjupkg"
    back.write_bytes(answer)
    pick(monkeypatch, back)
    qtbot.mouseClick(page.import_button, LEFT)

    assert wizard.button(FINISH).isEnabled()
    assert not page.import_button.isVisible()
    with qtbot.waitSignal(wizard.accepted):
        qtbot.mouseClick(wizard.button(FINISH), LEFT)
    assert wizard.township is not None and wizard.township.township_name == "灵溪镇"
    with session_factory.begin() as s:
        assert auth.login(s, "admin", "anju-admin-1").username == "admin"
        household = s.scalar(select(Household).where(Household.code == "H-1"))
        assert household is not None and household.phone == "13800000001"


def test_a_damaged_enrolment_file_is_refused_in_chinese_and_nothing_is_written(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db_path: Path,
    session_factory: sessionmaker[Session],
    county: County,
) -> None:
    wizard = open_enrol_page(qtbot, session_factory, db_path)
    good = enrolment_file(county, tmp_path)
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(good.read_bytes()[:-20])
    pick(monkeypatch, damaged)
    qtbot.mouseClick(wizard.enrol_page.choose_button, LEFT)
    assert wizard.field_error("enrolment") == "登记文件无法读取，请向县里索取新的登记文件。"
    assert wizard.enrol_page.choose_button.isEnabled()  # another file can be tried
    assert not wizard.button(FINISH).isEnabled()
    assert no_township(session_factory)
    assert not keys_path(db_path).exists()


def test_an_unreachable_server_is_told_in_chinese_and_the_stick_remains(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db_path: Path,
    session_factory: sessionmaker[Session],
    county: County,
) -> None:
    with socket.socket() as free:  # a port nobody listens on
        free.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{free.getsockname()[1]}"
    wizard = open_enrol_page(qtbot, session_factory, db_path)
    pick(monkeypatch, enrolment_file(county, tmp_path, server_url=url))
    qtbot.mouseClick(wizard.enrol_page.choose_button, LEFT)
    qtbot.mouseClick(wizard.enrol_page.sync_button, LEFT)
    error = wizard.field_error("first_package")
    assert error.startswith(f"无法连接县级服务器 {url}") and "U盘" in error
    assert wizard.enrol_page.export_button.isVisible()
    assert not wizard.button(FINISH).isEnabled()


def test_closing_the_wizard_while_waiting_for_accounts_resumes_at_that_step(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db_path: Path,
    session_factory: sessionmaker[Session],
    county: County,
    first_workstation: Node,
) -> None:
    wizard = open_enrol_page(qtbot, session_factory, db_path)
    pick(monkeypatch, enrolment_file(county, tmp_path))
    qtbot.mouseClick(wizard.enrol_page.choose_button, LEFT)
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    qtbot.mouseClick(wizard.enrol_page.export_button, LEFT)
    wizard.reject()  # the user closes the wizard before the county has answered

    again = SetupWizard(session_factory, db_path=db_path)
    qtbot.addWidget(again)
    again.resume_enrolment()
    again.show()
    page = again.enrol_page
    assert again.currentPage() is page
    assert not page.choose_button.isEnabled()  # enrolled already: no second enrolment
    assert not again.button(FINISH).isEnabled()
    (sent,) = list(stick.iterdir())
    county.import_package(sent.read_bytes())
    answer, _ = county.export_for(page.device_id)
    back = tmp_path / "back.anjupkg"
    back.write_bytes(answer)
    pick(monkeypatch, back)
    qtbot.mouseClick(page.import_button, LEFT)
    assert again.button(FINISH).isEnabled()
    with session_factory.begin() as s:
        assert auth.login(s, "admin", "anju-admin-1").username == "admin"
