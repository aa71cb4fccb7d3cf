"""Resident IDs as people type them, and the search saying why it found a household.

A Chinese input method types full-width digits (４３３１…); they are the same ID
in the form, the search and the ledger import.  An ID Excel turned into a number
(4.33127197011187E+17) is explained as such, not as a wrong check digit.  A
search for a member shows that member beside the head's name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain import resident_id
from desktop.domain.errors import ValidationError
from desktop.reports.ledger_import import read_ledger
from desktop.services import ledgers
from desktop.services.actor import Actor
from desktop.store.models import Person
from desktop.ui.context import UiContext
from desktop.ui.household_form import HouseholdForm
from desktop.ui.household_table_model import COL_HEAD
from desktop.ui.households_page import HouseholdsPage
from tests.factories import make_building, make_grid, make_household, make_site, member

SPOUSE_ID = resident_id.build("433127", date(1976, 8, 9), 124)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def commit(widget: QLineEdit, text: str) -> None:
    """What a pinyin input method sends when the user picks the characters."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def household_id(township_db: sessionmaker[Session]) -> str:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园安置区", code="S01")
        grid = make_grid(s, site, name="第一网格")
        building = make_building(s, site, grid, name="3栋", code="B03")
        return make_household(
            s,
            building=building,
            code="H-0001",
            members=[
                member("张三丰"),
                member("李翠花", "spouse", resident_id=SPOUSE_ID, phone="13912345678"),
            ],
        ).id


def test_full_width_digits_and_an_excel_number_are_read_as_people_mean_them() -> None:
    wide = full_width(SPOUSE_ID)
    assert wide != SPOUSE_ID
    assert resident_id.parse(wide).number == SPOUSE_ID
    with pytest.raises(ValidationError) as excel:
        resident_id.parse("4.33127197011187E+17")
    assert excel.value.code == "id_excel_number"


def rows_shown(page: HouseholdsPage) -> list[str]:
    m = page.model
    return [m.data(m.index(r, COL_HEAD)) for r in range(m.rowCount())]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("李翠花", "张三丰（成员：李翠花）"),
        ("lch", "张三丰（成员：李翠花）"),
        (full_width(SPOUSE_ID[-6:]), "张三丰（李翠花的身份证号）"),
        ("1391234", "张三丰（李翠花的电话）"),
        ("张三丰", "张三丰"),
    ],
)
def test_the_list_says_which_member_a_search_found(
    qtbot: QtBot, ui_context: UiContext, household_id: str, typed: str, shown: str
) -> None:
    page = HouseholdsPage(ui_context)
    qtbot.addWidget(page)
    page.show()
    page.search.setFocus()
    commit(page.search, typed)
    qtbot.waitUntil(lambda: not page.searching and rows_shown(page) == [shown], timeout=5000)


def test_the_form_takes_an_id_typed_in_full_width_digits(
    qtbot: QtBot, ui_context: UiContext, household_id: str, township_db: sessionmaker[Session]
) -> None:
    form = HouseholdForm(ui_context, household_id, autosave_ms=60_000)
    qtbot.addWidget(form)
    form.show()
    field = form.cards[1].widget("resident_id")
    assert isinstance(field, QLineEdit)
    field.clear()
    field.setFocus()
    commit(field, full_width(SPOUSE_ID))
    assert "出生 1976-08-09" in form.cards[1].derived_text()
    assert form.save()
    with township_db.begin() as s:
        ids = set(s.scalars(select(Person.resident_id)))
    assert SPOUSE_ID in ids


def test_the_ledger_import_reads_full_width_ids_and_explains_excel_numbers(
    township_db: sessionmaker[Session], admin: Actor, household_id: str, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["户编号", "安置点", "姓名", "与户主关系", "身份证号码", "月收入（元）"])
    ws.append(["H-0001", "幸福家园安置区", "李翠花", "配偶", full_width(SPOUSE_ID), 2600])
    ws.append(["H-0002", "幸福家园安置区", "王五", "户主", 4.33127197011187e17, 1000])
    wb.save(path)
    with township_db.begin() as s:
        result = ledgers.import_ledger(s, admin, read_ledger(path))
        income = s.scalar(select(Person.monthly_income).where(Person.resident_id == SPOUSE_ID))
    assert income == 2600  # the full-width ID is the same person
    [bad] = result.rejected
    assert bad.code == "id_excel_number"
    from desktop.messages import message

    text = message(bad.code, **bad.params)
    assert "Excel" in text and "文本" in text and "4.33127197011187E+17" in text
