"""The household form (编辑) and the visit form (走访) close the way windows close.

Esc, 取消 and the window's close button each close the window when nothing
changed, and write nothing; after a change each asks 放弃修改？ first, and
丢弃 closes the window with nothing written (no visit nobody made, no draft
left behind), while 取消 in the question keeps the form open as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.resident_id import build
from desktop.services import survey
from desktop.ui.context import UiContext
from desktop.ui.household_form import HouseholdFormDialog
from desktop.ui.household_page import HouseholdPage
from desktop.ui.visit_form import VisitFormDialog
from tests.factories import make_building, make_grid, make_site
from tests.gui.user import (
    answer_next_box,
    cancel_button,
    click,
    click_close_button,
    database_rows,
    press_escape,
)


@pytest.fixture
def household_id(township_db: sessionmaker[Session], admin) -> str:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园安置区", code="XF")
        grid = make_grid(s, site, name="第一网格")
        building = make_building(s, site, grid, name="3栋")
        saved = survey.save_household(
            s,
            admin,
            survey.HouseholdInput(
                site_id=site.id,
                building_id=building.id,
                room="302",
                members=(
                    survey.MemberInput(
                        name="向大山",
                        resident_id=build("433127", date(1975, 4, 4), 13),
                        relation="head",
                        labour="full",
                        employment="employed",
                        monthly_income=4000,
                    ),
                ),
            ),
        )
        return saved.id


def close_by_escape(qtbot: QtBot, dialog: QDialog) -> None:
    press_escape(qtbot, dialog)


def close_by_cancel(qtbot: QtBot, dialog: QDialog) -> None:
    click(qtbot, cancel_button(dialog))


def close_by_title_bar(qtbot: QtBot, dialog: QDialog) -> None:
    click_close_button(dialog)


WAYS: dict[str, Callable[[QtBot, QDialog], None]] = {
    "Esc": close_by_escape,
    "取消": close_by_cancel,
    "close button": close_by_title_bar,
}


def open_from_page(qtbot: QtBot, ctx: UiContext, household_id: str, which: str) -> QDialog:
    page = HouseholdPage(ctx)
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    assert page.show_household(household_id)
    button = (
        page.survey_buttons.edit_button if which == "编辑" else page.survey_buttons.visit_button
    )
    click(qtbot, button)
    dialog = page.survey_buttons.dialog
    assert isinstance(dialog, HouseholdFormDialog if which == "编辑" else VisitFormDialog)
    qtbot.waitExposed(dialog)
    return dialog


def some_field(dialog: QDialog) -> QLineEdit:
    if isinstance(dialog, HouseholdFormDialog):
        edit = dialog.form.field_widget("room")
    else:
        assert isinstance(dialog, VisitFormDialog)
        edit = dialog.form.income_edits["wages"]
    assert isinstance(edit, QLineEdit)
    return edit


@pytest.mark.parametrize("which", ["编辑", "走访"])
@pytest.mark.parametrize("way", list(WAYS))
def test_an_unchanged_form_closes_and_writes_nothing(
    qtbot: QtBot,
    ui_context: UiContext,
    household_id: str,
    db_path: Path,
    which: str,
    way: str,
    capfd: pytest.CaptureFixture[str],
) -> None:
    before = database_rows(db_path)
    dialog = open_from_page(qtbot, ui_context, household_id, which)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        WAYS[way](qtbot, dialog)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected.value
    assert database_rows(db_path) == before
    assert "RecursionError" not in capfd.readouterr().err


@pytest.mark.parametrize("which", ["编辑", "走访"])
@pytest.mark.parametrize("way", list(WAYS))
def test_a_changed_form_asks_and_discarding_closes_it(
    qtbot: QtBot,
    ui_context: UiContext,
    household_id: str,
    db_path: Path,
    which: str,
    way: str,
) -> None:
    before = database_rows(db_path)
    dialog = open_from_page(qtbot, ui_context, household_id, which)
    field = some_field(dialog)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClicks(field, "9")

    # 取消 in the question: the form stays open with what was typed
    asked = answer_next_box(qtbot, "取消")
    WAYS[way](qtbot, dialog)
    qtbot.waitUntil(lambda: bool(asked))
    assert "未保存" in asked[0] or "尚未保存" in asked[0]
    assert dialog.isVisible() and field.text().endswith("9")

    asked = answer_next_box(qtbot, "丢弃")
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        WAYS[way](qtbot, dialog)
    assert asked
    assert not dialog.isVisible()
    assert database_rows(db_path) == before
