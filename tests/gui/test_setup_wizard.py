"""First run on a real township: the wizard refuses bad input at the field, writes all or nothing."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.services import township
from desktop.services.clock import FixedClock
from desktop.store.models import Area, User
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.setup_wizard import SetupWizard

LEFT = Qt.MouseButton.LeftButton
PASSWORD = "lingxi-2026"


def open_wizard(qtbot: QtBot, session_factory: sessionmaker[Session]) -> SetupWizard:
    wizard = SetupWizard(session_factory)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentPage() is wizard.choice_page
    assert wizard.choice_page.new_township.isChecked()  # a new township unless told otherwise
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
    return wizard


def fill(
    qtbot: QtBot,
    wizard: SetupWizard,
    *,
    profile: str = "xiangxi",
    township_code: str = "433127100",
    repeat: str = PASSWORD,
) -> None:
    assert wizard.currentPage() is wizard.profile_page
    wizard.profile_page.select(profile)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
    area = wizard.area_page
    assert wizard.currentPage() is area
    area.county_name.insert("永顺县")  # QTest types ASCII only
    qtbot.keyClicks(area.county_code, "433127")
    area.township_name.insert("灵溪镇")
    qtbot.keyClicks(area.township_code, township_code)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    qtbot.keyClicks(admin.username, "lixiaoming")
    admin.display_name.insert("李晓明")
    qtbot.keyClicks(admin.password, PASSWORD)
    qtbot.keyClicks(admin.password_repeat, repeat)


def finish(qtbot: QtBot, wizard: SetupWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), LEFT)


def nothing_written(session_factory: sessionmaker[Session]) -> bool:
    with session_factory.begin() as s:
        users = s.scalar(select(func.count()).select_from(User))
        areas = s.scalar(select(func.count()).select_from(Area))
        return users == 0 and areas == 0 and township.township_info(s) is None


def test_the_profiles_show_their_name_and_source(
    qtbot: QtBot, session_factory: sessionmaker[Session]
) -> None:
    wizard = open_wizard(qtbot, session_factory)
    texts = [
        wizard.profile_page.profiles.item(i).text()
        for i in range(wizard.profile_page.profiles.count())
    ]
    xiangxi = township.profiles()["xiangxi"]
    assert any(xiangxi.name in t and f"依据：{xiangxi.source}" in t for t in texts)
    assert len(texts) == len(township.profiles())
    assert wizard.profile_page.profile_id() == "default"


def test_a_bad_township_code_is_refused_at_its_field(
    qtbot: QtBot, session_factory: sessionmaker[Session]
) -> None:
    wizard = open_wizard(qtbot, session_factory)
    fill(qtbot, wizard, township_code="43312710")
    finish(qtbot, wizard)
    assert wizard.isVisible()
    assert wizard.currentPage() is wizard.area_page  # back where the field is
    assert wizard.field_error("township_code") == "乡镇区划代码应为9位数字。"
    assert wizard.focusWidget() is wizard.area_page.township_code
    assert nothing_written(session_factory)


def test_a_township_outside_the_county_is_refused(
    qtbot: QtBot, session_factory: sessionmaker[Session]
) -> None:
    wizard = open_wizard(qtbot, session_factory)
    fill(qtbot, wizard, township_code="433126100")
    finish(qtbot, wizard)
    assert wizard.field_error("township_code") == "乡镇代码的前6位应与县级代码一致。"
    assert nothing_written(session_factory)


def test_two_different_passwords_are_refused(
    qtbot: QtBot, session_factory: sessionmaker[Session]
) -> None:
    wizard = open_wizard(qtbot, session_factory)
    fill(qtbot, wizard, repeat="something-else")
    finish(qtbot, wizard)
    assert wizard.currentPage() is wizard.admin_page
    assert wizard.field_error("password_repeat") == "两次输入的密码不一致，请输入相同的密码。"
    assert nothing_written(session_factory)


def test_a_short_password_is_refused_at_its_field(
    qtbot: QtBot, session_factory: sessionmaker[Session]
) -> None:
    wizard = open_wizard(qtbot, session_factory)
    fill(qtbot, wizard)
    for edit in (wizard.admin_page.password, wizard.admin_page.password_repeat):
        edit.setText("abc")
    finish(qtbot, wizard)
    assert wizard.field_error("password") == "密码至少需要8位。"
    assert nothing_written(session_factory)


def test_a_corrected_wizard_creates_the_administrator_who_can_log_in(
    qtbot: QtBot, session_factory: sessionmaker[Session]
) -> None:
    wizard = open_wizard(qtbot, session_factory)
    fill(qtbot, wizard, township_code="4331271")
    finish(qtbot, wizard)
    assert wizard.currentPage() is wizard.area_page
    wizard.area_page.township_code.setText("433127100")
    with qtbot.waitSignal(wizard.accepted):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
        finish(qtbot, wizard)
    info = wizard.township
    assert info is not None
    assert (info.county_name, info.township_name, info.profile_id) == (
        "永顺县",
        "灵溪镇",
        "xiangxi",
    )
    assert not info.demo
    assert wizard.admin_username == "lixiaoming"

    login = LoginDialog(
        session_factory,
        dataclasses.replace(info),
        clock=FixedClock(datetime(2026, 11, 22, tzinfo=UTC)),
        username=wizard.admin_username,
    )
    qtbot.addWidget(login)
    login.show()
    assert login.username_edit.text() == "lixiaoming"
    qtbot.keyClicks(login.password_edit, PASSWORD)
    with qtbot.waitSignal(login.accepted):
        qtbot.mouseClick(login.login_button, LEFT)
    assert login.actor is not None
    assert login.actor.display_name == "李晓明"
    assert login.actor.is_admin
