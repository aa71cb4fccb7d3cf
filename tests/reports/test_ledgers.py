"""Ledgers read back with openpyxl: layout, types, and the round trip into an empty township."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.cli import main
from desktop.services import ledgers, township
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.services.ledgers import LedgerKind
from desktop.store.db import make_session_factory
from desktop.store.migrate import open_database
from desktop.store.models import Household, Person
from tests.conftest import ADMIN_PASSWORD
from tests.factories import make_work_order
from tests.reports.support import HEAD_ID, TODAY, Places, make_places

CLOCK = FixedClock(datetime(2026, 11, 22, 2, 0, tzinfo=UTC))


def _export(
    factory: sessionmaker[Session], actor: Actor, kind: LedgerKind, out: Path, **kw: Any
) -> ledgers.ExportResult:
    with factory.begin() as s:
        return ledgers.export_ledger(s, actor, kind, out, clock=CLOCK, **kw)


def _data(ws: Any) -> list[tuple[Any, ...]]:
    return [r for r in ws.iter_rows(min_row=5, values_only=True)]


def _headers(ws: Any) -> list[str]:
    group = [c.value for c in ws[3]]
    leaf = [c.value for c in ws[4]]
    return [leaf[i] or group[i] for i in range(len(leaf))]


def test_person_ledger_layout_and_types(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "persons.xlsx"
    result = _export(township_db, admin, LedgerKind.PERSONS, out)
    assert result.rows == 5  # one row per person: 3 + 1 + 1
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "易地扶贫搬迁人口信息台账"
    merged = {str(r) for r in ws.merged_cells.ranges}
    last = openpyxl.utils.get_column_letter(ws.max_column)
    assert f"A1:{last}1" in merged
    assert "A3:A4" in merged  # 序号 spans both header rows
    assert ws["B3"].value == "户基本信息" and any(r.startswith("B3:") for r in merged)
    assert ws.freeze_panes == "A5"
    assert ws.auto_filter.ref == f"A4:{last}4"
    assert ws.column_dimensions["B"].width >= 15

    headers = _headers(ws)
    rows = [dict(zip(headers, r, strict=True)) for r in _data(ws)]
    head = next(r for r in rows if r["身份证号码"] == HEAD_ID)
    assert head["姓名"] == "田㐀福" and head["与户主关系"] == "户主"
    assert isinstance(head["入住日期"], datetime) and head["入住日期"].date() == date(2025, 3, 1)
    assert isinstance(head["出生日期"], datetime) and head["出生日期"].date() == date(1968, 3, 4)
    assert head["月收入（元）"] == 3200 and isinstance(head["月收入（元）"], int)
    assert head["就业单位"] == "溪州扶贫车间" and head["就业地点"] == "县内"
    assert head["菜地"] == "是" and head["户类别"] == "建档立卡搬迁户"
    cell = ws.cell(row=5, column=headers.index("入住日期") + 1)
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"
    assert [r["户编号"] for r in rows].count(codes[0]) == 3


def test_household_ledger_has_one_row_per_household(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "households.xlsx"
    assert _export(township_db, admin, LedgerKind.HOUSEHOLDS, out).rows == 3
    ws = openpyxl.load_workbook(out).active
    headers = _headers(ws)
    rows = [dict(zip(headers, r, strict=True)) for r in _data(ws)]
    assert [r["户编号"] for r in rows] == codes
    assert rows[0]["户主姓名"] == "田㐀福" and rows[0]["家庭人口"] == 3


def test_employment_ledger_has_a_sheet_per_site_with_labourers_only(
    township_db: sessionmaker[Session],
    admin: Actor,
    places: Places,
    codes: list[str],
    tmp_path: Path,
) -> None:
    from tests.factories import make_site

    with township_db.begin() as s:
        make_site(s, name="第二安置点", code="S02")  # no households: no sheet
    out = tmp_path / "jobs.xlsx"
    _export(township_db, admin, LedgerKind.EMPLOYMENT, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["幸福家园安置区"]
    ws = wb.active
    assert "就业台账" in ws["A1"].value
    names = [r[5] for r in _data(ws)]
    assert sorted(names) == sorted(
        ["田㐀福", "向秀英", "覃春花"]
    )  # the child and the old man are not labour


def test_work_order_ledger_has_the_three_three_figures(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    with township_db.begin() as s:
        h = s.scalar(select(Household).where(Household.code == codes[0]))
        assert h is not None
        o = make_work_order(s, h, received_at=datetime(2026, 11, 1, 1, 0, tzinfo=UTC))
        o.respond_due = datetime(2026, 11, 1, 1, 3, tzinfo=UTC)
        o.responded_at = datetime(2026, 11, 1, 1, 2, tzinfo=UTC)
        o.resolve_due = datetime(2026, 11, 4, 1, 0, tzinfo=UTC)
    out = tmp_path / "orders.xlsx"
    assert _export(township_db, admin, LedgerKind.WORK_ORDERS, out).rows == 1
    ws = openpyxl.load_workbook(out).active
    groups = [c.value for c in ws[3] if c.value]
    assert "3分钟内回应" in groups and "3小时内到达现场" in groups and "3天内解决或答复" in groups
    row = _data(ws)[0]
    headers = [c.value for c in ws[4]]
    i = headers.index("响应时间")
    assert row[i] == datetime(2026, 11, 1, 9, 2)  # China time
    assert row[i + 1] == 2 and row[i + 2] == "按时"
    assert row[headers.index("办结时限") + 3] == "超期未办"


def test_monitoring_report_and_board(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    from desktop.store.models_survey import MonitoringPeriod

    with township_db.begin() as s:
        h = s.scalar(select(Household).where(Household.code == codes[0]))
        assert h is not None
        s.add(
            MonitoringPeriod(
                household_id=h.id,
                category="marginal",
                entered_on=date(2026, 2, 1),
                entry_reason="收入下降",
            )
        )
    out = tmp_path / "mon.xlsx"
    assert _export(township_db, admin, LedgerKind.MONITORING, out, month="2026-11").rows == 1
    row = _data(openpyxl.load_workbook(out).active)[0]
    assert row[1] == codes[0] and row[7] == "边缘易致贫户" and row[15] == "持续监测"

    out = tmp_path / "board.xlsx"
    _export(township_db, admin, LedgerKind.BOARD, out)
    rows = _data(openpyxl.load_workbook(out).active)
    assert rows[-1][1] == "合计" and rows[-1][4] == 3 and rows[-1][5] == 5


def _empty_township(path: Path) -> sessionmaker[Session]:
    engine = open_database(path).engine
    factory = make_session_factory(engine)
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


def _login(factory: sessionmaker[Session]) -> Actor:
    from desktop.services.auth import login

    with factory.begin() as s:
        return login(s, "admin", ADMIN_PASSWORD)


def test_round_trip_into_an_empty_township_reproduces_the_records(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    from desktop.reports.ledger_import import read_ledger

    first = tmp_path / "persons.xlsx"
    _export(township_db, admin, LedgerKind.PERSONS, first)

    other = _empty_township(tmp_path / "other.db")
    other_admin = _login(other)
    with other.begin() as s:
        result = ledgers.import_ledger(s, other_admin, read_ledger(first), today=TODAY)
    assert (result.created, result.updated, result.unchanged, result.rejected) == (3, 0, 0, ())
    assert result.persons_created == 5

    again = tmp_path / "again.xlsx"
    _export(other, other_admin, LedgerKind.PERSONS, again)
    a = _data(openpyxl.load_workbook(first).active)
    b = _data(openpyxl.load_workbook(again).active)
    assert a == b

    # The same file twice creates nothing twice.
    with other.begin() as s:
        result = ledgers.import_ledger(s, other_admin, read_ledger(first), today=TODAY)
        assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
        assert s.scalar(select(func.count()).select_from(Person)) == 5


def test_cli_export_and_import_json(
    township_db: sessionmaker[Session],
    admin: Actor,
    codes: list[str],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "p.xlsx"
    assert main(["--db", str(db_path), "export", "--kind", "persons", "--out", str(out)]) == 0
    other_path = tmp_path / "other.db"
    _empty_township(other_path).kw["bind"].dispose()
    capsys.readouterr()
    assert main(["--db", str(other_path), "import-ledger", str(out), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["created"], report["updated"], report["unchanged"], report["rejected"]) == (
        3,
        0,
        0,
        [],
    )
    assert report["dry_run"] is True and report["applied"] is False
    assert main(["--db", str(other_path), "import-ledger", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == 3
    assert main(["--db", str(other_path), "import-ledger", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["created"], report["unchanged"]) == (0, 3)
