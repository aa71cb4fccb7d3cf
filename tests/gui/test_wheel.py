"""The mouse wheel scrolls a form; it changes a drop-down, spin box or date field only
once the user is in that field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDateEdit
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop.services.clock import FixedClock
from desktop.services.ledgers import LedgerKind
from desktop.services.printing import Selection
from desktop.ui.context import UiContext
from desktop.ui.household_form import HouseholdFormDialog
from desktop.ui.ledger_export_dialog import LedgerExportDialog
from desktop.ui.settings_page import SettingsPage
from tests.factories import make_building, make_grid, make_household, make_site
from tests.gui.conftest import make_ui_context
from tests.gui.user import wheel


@pytest.fixture
def household_id(township_db: sessionmaker[Session]) -> str:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园安置区", code="XF")
        grid = make_grid(s, site, name="第一网格")
        building = make_building(s, site, grid, name="3栋")
        return make_household(s, building=building).id


def test_scrolling_the_household_form_leaves_the_category_alone(
    qtbot: QtBot, ui_context: UiContext, household_id: str
) -> None:
    dialog = HouseholdFormDialog(ui_context, household_id)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 420)  # short enough to scroll
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form
    category = form.field_widget("category")
    assert isinstance(category, QComboBox)
    room = form.field_widget("room")
    room.setFocus()
    qtbot.waitUntil(room.hasFocus)
    before = category.currentText()
    bar = form.scroller.verticalScrollBar()
    assert bar.maximum() > 0
    start = bar.value()

    for _ in range(3):
        wheel(category, -1)

    assert category.currentText() == before == "建档立卡搬迁户"
    assert bar.value() > start  # the form scrolled instead
    assert not form.dirty

    # in the field (clicked or tabbed to), the wheel chooses as usual
    category.setFocus()
    qtbot.waitUntil(category.hasFocus)
    wheel(category, -1)
    assert category.currentText() != before


def test_the_wheel_cannot_give_a_field_the_focus(
    qtbot: QtBot, ui_context: UiContext, household_id: str
) -> None:
    """Qt hands the focus to a field under the wheel when its policy says so (WheelFocus);
    none of the program's fields does, so the wheel never reaches one through the focus."""
    dialog = HouseholdFormDialog(ui_context, household_id)
    qtbot.addWidget(dialog)
    dialog.show()
    guarded = [w for w in dialog.findChildren(QComboBox) + dialog.findChildren(QAbstractSpinBox)]
    assert guarded
    for widget in guarded:
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_wheel_over_a_date_or_a_spin_box_changes_nothing(
    qtbot: QtBot, township_db: sessionmaker[Session], admin, db_path, household_id: str
) -> None:
    clock = FixedClock(datetime(2026, 12, 4, 14, 5, tzinfo=UTC))
    ctx = make_ui_context(township_db, admin, db_path, clock=clock)
    export = LedgerExportDialog(ctx, Selection(), "全部住户")
    qtbot.addWidget(export)
    export.show()
    export.set_kind(LedgerKind.MONITORING)  # shows the month field
    month = export.month_edit
    assert isinstance(month, QDateEdit) and month.isVisibleTo(export)
    before = month.date()
    wheel(month, -1)
    wheel(month, 1)
    assert month.date() == before

    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    settings.show()
    size = settings.font_size.value()
    wheel(settings.font_size, 1)
    assert settings.font_size.value() == size
