"""A time typed in one go is the time read, and an error goes as soon as its field is
put right (no stale "请从列表中选择", "同一人" or arrival-time warning)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.sla import CHINA_TZ
from desktop.services import work_orders as svc
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.ui.grids_page import GridsPage
from desktop.ui.household_form import HouseholdForm
from desktop.ui.work_order_dialogs import WorkOrderDetailDialog
from desktop.ui.work_order_form import IntakeForm
from tests import grid_factories
from tests.factories import make_building, make_grid, make_household, make_site
from tests.gui.conftest import make_ui_context
from tests.gui.user import click

NOW = datetime(2026, 12, 4, 22, 6, tzinfo=CHINA_TZ)


def type_over(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Select what the field holds and type over it, key by key."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_a_received_time_typed_in_one_go_is_read_as_typed(
    qtbot: QtBot, township_db: sessionmaker[Session], admin: Actor, db_path: Path
) -> None:
    ctx = make_ui_context(township_db, admin, db_path, clock=FixedClock(NOW))
    form = IntakeForm(ctx)
    qtbot.addWidget(form)
    form.show()
    form.description.insertPlainText("楼上漏水")
    form.category.setCurrentIndex(form.category.findData("repairs"))

    type_over(qtbot, form.received, "2026-12-04 2")  # not finished
    click(qtbot, form.save_button)
    assert form.isVisible()
    assert form.errors.text("received_at").startswith("请按“2026-12-04 22:05”")
    qtbot.keyClicks(form.received, "2:05")  # finishing it takes the warning away at once
    assert form.errors.text("received_at") == ""
    assert form.received.text() == "2026-12-04 22:05"

    with qtbot.waitSignal(form.order_saved) as saved:
        click(qtbot, form.save_button)
    detail = saved.args[0]
    assert detail.row.received_at.astimezone(CHINA_TZ) == NOW.replace(minute=5)


def test_an_arrival_time_warning_goes_when_the_time_is_put_right(
    qtbot: QtBot, township_db: sessionmaker[Session], admin: Actor, db_path: Path
) -> None:
    clock = FixedClock(NOW.replace(hour=20, minute=0))
    with township_db.begin() as s:
        site = make_site(s)
        building = make_building(s, site, make_grid(s, site))
        household = make_household(s, building=building)
        order = svc.intake(
            s,
            admin,
            household_id=household.id,
            description="停水",
            category="utilities",
            source="hotline",
            clock=clock,
        )
        svc.respond(s, admin, order.row.id, clock=clock)
    clock.advance(hours=2, minutes=6)
    ctx = make_ui_context(township_db, admin, db_path, clock=clock)
    detail = WorkOrderDetailDialog(ctx, order.row.id)
    qtbot.addWidget(detail)
    detail.show()
    click(qtbot, detail.button("arrive"))  # type: ignore[arg-type]
    step = detail.step_dialog
    assert step is not None and step.time is not None
    type_over(qtbot, step.time, "2026-12-04 19:30")  # before the request came in
    ok = step.buttons.button(step.buttons.StandardButton.Ok)
    click(qtbot, ok)
    assert step.isVisible() and "受理" in step.errors.text("at")
    type_over(qtbot, step.time, "2026-12-04 22:05")
    assert step.errors.text("at") == ""  # put right: the warning is gone before saving
    click(qtbot, ok)
    assert not step.isVisible()
    assert detail.detail is not None
    assert detail.detail.arrived_at is not None
    assert detail.detail.arrived_at.astimezone(CHINA_TZ) == NOW.replace(minute=5)


def test_a_relation_warning_goes_once_a_relation_is_chosen(
    qtbot: QtBot, ui_context, township_db: sessionmaker[Session]
) -> None:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园安置区")
        make_building(s, site, make_grid(s, site), name="1栋")
    form = HouseholdForm(ui_context, autosave_ms=60_000)
    qtbot.addWidget(form)
    form.show()
    form.add_member(focus=False)
    relation = form.cards[1].widget("relation")
    assert isinstance(relation, QComboBox) and relation.currentData() == ""
    assert not form.save()
    box = form.cards[1].fields["relation"]
    assert box.error_text()
    relation.setFocus()
    qtbot.keyClick(relation, Qt.Key.Key_Down)  # choose one with the keyboard
    assert relation.currentData() != ""
    assert box.error_text() == ""


def test_a_hand_over_warning_goes_once_another_member_is_chosen(
    qtbot: QtBot, township_db: sessionmaker[Session], admin: Actor, db_path: Path
) -> None:
    town = grid_factories.build(township_db)
    ctx = make_ui_context(township_db, admin, db_path, clock=town.clock)
    page = GridsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    manage = page.manage
    assert manage is not None
    page.tabs.setCurrentWidget(manage)
    manage.select_grid(town.g1)
    assert manage.grid_id() == town.g1
    dialog = manage.hand_over()
    assert dialog is not None
    source, target = dialog.fields["from_user"], dialog.fields["to_user"]
    assert isinstance(source, QComboBox) and isinstance(target, QComboBox)
    target.setCurrentIndex(target.findData(source.currentData()))
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    assert "同一人" in dialog.error_shown()
    target.setFocus()
    other = next(i for i in range(target.count()) if target.itemData(i) != source.currentData())
    target.setCurrentIndex(other)
    assert dialog.error_shown() == ""
    dialog.reject()
    QApplication.processEvents()
