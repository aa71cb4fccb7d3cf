"""The visit's checklist starts at 未查, a failed item raises the flag and becomes a work
order to be, and an income left blank is not measured (never 0)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.resident_id import build
from desktop.services import survey
from desktop.store.models import Visit
from desktop.ui.context import UiContext
from desktop.ui.household_page import HouseholdPage
from desktop.ui.visit_form import VisitFormDialog
from desktop.ui.work_order_form import IntakeForm
from tests.factories import make_building, make_grid, make_site
from tests.gui.user import click


@pytest.fixture
def household_id(township_db: sessionmaker[Session], admin) -> str:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园安置区", code="XF")
        grid = make_grid(s, site, name="第一网格")
        building = make_building(s, site, grid, name="3栋")
        return survey.save_household(
            s,
            admin,
            survey.HouseholdInput(
                site_id=site.id,
                building_id=building.id,
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
        ).id


def open_visit(
    qtbot: QtBot, ctx: UiContext, household_id: str
) -> tuple[HouseholdPage, VisitFormDialog]:
    page = HouseholdPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    assert page.show_household(household_id)
    click(qtbot, page.survey_buttons.visit_button)
    dialog = page.survey_buttons.dialog
    assert isinstance(dialog, VisitFormDialog)
    qtbot.waitExposed(dialog)
    return page, dialog


def save_by_keyboard(qtbot: QtBot, dialog: VisitFormDialog) -> None:
    """Ctrl+S where the focus is, as the user presses it."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    focus = QApplication.focusWidget() or dialog.form
    qtbot.keyClick(focus, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an entry with the keyboard, as in a closed drop-down with the focus."""
    combo.setFocus()
    while not combo.currentText().endswith(text):
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def test_every_item_starts_not_checked_and_a_problem_becomes_a_work_order(
    qtbot: QtBot, ui_context: UiContext, household_id: str, township_db: sessionmaker[Session]
) -> None:
    page, dialog = open_visit(qtbot, ui_context, household_id)
    form = dialog.form
    assert [state.currentText() for state, _note in form.checks.values()] == ["○ 未查"] * 6

    food, note = form.checks["food"]
    choose(qtbot, food, "有问题")
    save_by_keyboard(qtbot, dialog)  # the note is asked for: saving without it is refused
    assert dialog.isVisible()
    assert form.fields["checklist.food"].error_text()
    note.setFocus()
    note.insert("家里缺粮")  # what a pinyin input method commits
    note.textEdited.emit(note.text())
    [row] = form.problem_rows
    assert row.category.currentText() == "社会保障"
    assert row.description.text() == "不愁吃：家里缺粮"

    with qtbot.waitSignal(dialog.accepted):
        save_by_keyboard(qtbot, dialog)
    panel = page.survey_panel
    qtbot.waitUntil(lambda: "上次走访发现问题：不愁吃" in panel.monitoring.flags.text())
    assert panel.monitoring.risk.text() == "● 红色：高风险"
    assert panel.problems.isVisibleTo(page)
    [offer] = [b for b in panel.problems.findChildren(QPushButton) if b.text() == "转为工单"]
    click(qtbot, offer)
    intake = panel.order_form
    assert isinstance(intake, IntakeForm)
    assert "不愁吃：家里缺粮" in intake.description.toPlainText()
    intake.reject()

    with township_db.begin() as s:
        visit = s.scalar(select(Visit))
        assert visit is not None
        assert visit.checklist["food"] == {"ok": False, "note": "家里缺粮"}
        assert visit.checklist["housing"]["ok"] is None  # nobody looked: 未查


def test_an_income_left_blank_is_not_measured(
    qtbot: QtBot, ui_context: UiContext, household_id: str, township_db: sessionmaker[Session]
) -> None:
    page, dialog = open_visit(qtbot, ui_context, household_id)
    form = dialog.form
    for edit in form.income_edits.values():
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert form.total_label.text() == "合计：未测"
    assert "低于监测线" not in form.swing_label.text()
    assert all(e.placeholderText() == "未测" for e in form.income_edits.values())
    with qtbot.waitSignal(dialog.accepted):
        save_by_keyboard(qtbot, dialog)
    with township_db.begin() as s:
        visit = s.scalar(select(Visit))
        assert visit is not None and visit.income == {}
    qtbot.waitUntil(lambda: "本月已走访" in page.survey_panel.monitoring.cadence.text())
    assert "低于监测线" not in page.survey_panel.monitoring.flags.text()
