"""Importing ledgers: bad rows listed with their reasons, bad files refused, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain import resident_id
from desktop.domain.enums import Role
from desktop.domain.errors import PermissionDenied, ValidationError
from desktop.reports.ledger_import import OLE_MAGIC, read_ledger
from desktop.services import ledgers
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.services.ledgers import ImportMode, LedgerKind
from desktop.store.models import Household, Person
from tests.factories import make_user
from tests.reports.support import TODAY, Places

CLOCK = FixedClock(datetime(2026, 11, 22, 2, 0, tzinfo=UTC))
HEADER = [
    "序号",
    "户编号",
    "安置点",
    "网格",
    "楼栋",
    "房号",
    "入住日期",
    "姓名",
    "与户主关系",
    "身份证号码",
    "月收入（元）",
]


def _id(n: int) -> str:
    return resident_id.build("433127", datetime(1980, 1, 1).date(), n)


def _workbook(path: Path, rows: list[list[Any]], header: list[str] = HEADER) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某乡镇搬迁户台账"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _persons(factory: sessionmaker[Session]) -> int:
    with factory.begin() as s:
        return int(s.scalar(select(func.count()).select_from(Person)) or 0)


def _import(
    factory: sessionmaker[Session], actor: Actor, path: Path, **kw: Any
) -> ledgers.ImportResult:
    with factory.begin() as s:
        return ledgers.import_ledger(s, actor, read_ledger(path), today=TODAY, **kw)


def _bad_rows(tmp_path: Path) -> Path:
    bad_check = _id(11)[:17] + ("0" if _id(11)[17] != "0" else "1")
    return _workbook(
        tmp_path / "old.xlsx",
        [
            [
                1,
                "A-001",
                "幸福家园安置区",
                "第一网格",
                "1栋",
                "101",
                "2024-05-01",
                "甲一",
                "户主",
                _id(1),
                3000,
            ],
            [
                2,
                "A-001",
                "幸福家园安置区",
                "第一网格",
                "1栋",
                "101",
                "2024-05-01",
                "甲二",
                "配偶",
                _id(2),
                "2,500",
            ],
            [
                3,
                "A-001",
                "幸福家园安置区",
                "第一网格",
                "1栋",
                "101",
                "2024-05-01",
                "甲三",
                "儿子",
                _id(2),
                None,
            ],
            [
                4,
                "A-002",
                "幸福家园安置区",
                "第一网格",
                "1栋",
                "102",
                "2024/5/2",
                "乙一",
                "户主",
                bad_check,
                None,
            ],
            [
                5,
                "A-003",
                "幸福家园安置区",
                "第九网格",
                "",
                "103",
                "2024-05-03",
                "丙一",
                "户主",
                _id(3),
                None,
            ],
            [
                6,
                "A-004",
                "幸福家园安置区",
                "第二网格",
                "2栋",
                "104",
                "去年五月",
                "丁一",
                "户主",
                _id(4),
                None,
            ],
            [
                7,
                "A-005",
                "幸福家园安置区",
                "第二网格",
                "2栋",
                "105",
                "2024年5月5日",
                "戊一",
                "户主",
                _id(5),
                None,
            ],
        ],
    )


def test_every_bad_row_is_listed_with_row_number_and_reason(
    township_db: sessionmaker[Session], admin: Actor, places: Places, tmp_path: Path
) -> None:
    path = _bad_rows(tmp_path)
    result = _import(township_db, admin, path)
    reasons = {(r.row, r.column, r.code) for r in result.rejected}
    assert reasons == {
        (5, "身份证号码", "ledger_duplicate_person"),
        (6, "身份证号码", "id_checksum"),
        (7, "网格", "unknown_grid_name"),
        (8, "入住日期", "ledger_bad_date"),
    }
    assert (result.created, result.applied) == (2, True)
    with township_db.begin() as s:
        codes = sorted(s.scalars(select(Household.code)))
        assert codes == ["A-001", "A-005"]
        incomes = dict(s.execute(select(Person.name, Person.monthly_income)).all())
    assert incomes["甲二"] == 2500  # "2,500" typed as text is read as a number
    assert _persons(township_db) == 3


def test_all_or_nothing_writes_nothing_when_a_row_is_bad(
    township_db: sessionmaker[Session], admin: Actor, places: Places, tmp_path: Path
) -> None:
    before = _persons(township_db)
    result = _import(township_db, admin, _bad_rows(tmp_path), mode=ImportMode.ALL_OR_NOTHING)
    assert result.applied is False and len(result.rejected) == 4
    assert (result.created, result.updated) == (0, 0)
    assert _persons(township_db) == before


def test_an_id_already_in_another_household_is_refused(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    from tests.reports.support import HEAD_ID

    path = _workbook(
        tmp_path / "dup.xlsx",
        [
            [
                1,
                "B-001",
                "幸福家园安置区",
                "第一网格",
                "1栋",
                "201",
                "2024-05-01",
                "田㐀福",
                "户主",
                HEAD_ID,
                None,
            ]
        ],
    )
    result = _import(township_db, admin, path)
    assert [(r.row, r.code) for r in result.rejected] == [(3, "id_duplicate")]
    assert result.created == 0


def test_edits_in_a_ledger_update_the_household(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "persons.xlsx"
    with township_db.begin() as s:
        ledgers.export_ledger(s, admin, LedgerKind.PERSONS, out, clock=CLOCK)
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    headers = [ws.cell(4, c).value or ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    for row in range(5, ws.max_row + 1):
        if ws.cell(row, headers.index("姓名") + 1).value == "覃春花":
            ws.cell(row, headers.index("月收入（元）") + 1).value = 2100
    wb.save(out)
    result = _import(township_db, admin, out)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    with township_db.begin() as s:
        assert s.scalar(select(Person.monthly_income).where(Person.name == "覃春花")) == 2100


def test_viewer_cannot_import_and_grid_member_only_into_own_grid(
    township_db: sessionmaker[Session], admin: Actor, places: Places, tmp_path: Path
) -> None:
    path = _bad_rows(tmp_path)
    with township_db.begin() as s:
        viewer = make_user(s, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        _import(township_db, viewer, path)
    result = _import(township_db, places.grid_member, path)
    # A-005 is in the second grid: outside this grid member's grids
    assert ("outside_your_grids", 9) in {(r.code, r.row) for r in result.rejected}
    assert result.created == 1


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "ledger_empty"),
        (b"name,id\n1,2\n", "ledger_not_xlsx"),
        (
            OLE_MAGIC + b"\0" * 600 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100,
            "ledger_encrypted",
        ),
        (OLE_MAGIC + b"\0" * 600 + "Workbook".encode("utf-16-le"), "ledger_old_xls"),
        (b"PK\x03\x04not really a zip", "ledger_not_xlsx"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as err:
        read_ledger(path)
    assert err.value.code == code


def test_workbook_without_rows_or_header(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(ValidationError) as err:
        read_ledger(empty)
    assert err.value.code == "ledger_empty"
    other = _workbook(tmp_path / "other.xlsx", [[1, 2, 3]], header=["品名", "数量", "单价"])
    with pytest.raises(ValidationError) as err:
        read_ledger(other)
    assert err.value.code == "ledger_no_header"
    with pytest.raises(ValidationError) as err:
        read_ledger(tmp_path / "missing.xlsx")
    assert err.value.code == "ledger_missing"


def test_header_synonyms_and_user_corrected_mapping(
    township_db: sessionmaker[Session], admin: Actor, places: Places, tmp_path: Path
) -> None:
    header = ["户号", "安置点名称", "所属网格", "成员姓名", "关系", "公民身份号码", "工资"]
    path = _workbook(
        tmp_path / "county.xlsx",
        [["C-001", "幸福家园安置区", "第一网格", "己一", "户主", _id(7), 1500]],
        header=header,
    )
    parsed = read_ledger(path)
    sheet = parsed.sheets[0]
    matches = {c.header: c.match for c in sheet.columns}
    assert matches["户号"] == ("household", "code")
    assert matches["公民身份号码"] == ("person", "resident_id")
    assert matches["工资"] is None  # not recognised: the user maps it
    mapping = {c.index: c.match for c in sheet.columns}
    mapping[6] = ("person", "monthly_income")
    with township_db.begin() as s:
        result = ledgers.import_ledger(
            s, admin, parsed, mappings={sheet.name: mapping}, today=TODAY
        )
    assert result.created == 1
    with township_db.begin() as s:
        assert s.scalar(select(Person.monthly_income).where(Person.name == "己一")) == 1500


def _row(n: int, code: str, name: str, relation: str, rid: str, income: Any, **kw: Any) -> list:
    grid = kw.get("grid", "第一网格")
    return [
        n,
        code,
        "幸福家园安置区",
        grid,
        "1栋",
        "101",
        "2024-05-01",
        name,
        relation,
        rid,
        income,
    ]


def test_a_bad_row_never_takes_its_households_good_rows_down_silently(
    township_db: sessionmaker[Session],
    admin: Actor,
    places: Places,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The grid member's file: a good income change and a bad row in the same household.
    The good change is taken, the bad row is listed, and the report names every household."""
    import json

    from desktop.cli import main
    from desktop.messages import message

    first = _workbook(
        tmp_path / "first.xlsx",
        [
            _row(1, "A-001", "甲一", "户主", _id(1), 3000),
            _row(2, "A-001", "甲二", "配偶", _id(2), 2000),
            _row(3, "A-003", "丙一", "户主", _id(3), 1000),
        ],
    )
    _import(township_db, admin, first)
    second = _workbook(
        tmp_path / "second.xlsx",
        [
            _row(1, "A-001", "甲一", "户主", _id(1), 3500),  # a good income change
            _row(2, "A-001", "甲二", "配偶", _id(2), -100),  # the form refuses a negative income
            _row(3, "A-001", "甲三", "儿子", _id(4), "一千"),  # a cell that does not read
            _row(4, "A-002", "乙一", "户主", _id(5), -1),  # a new household's head refused...
            _row(5, "A-002", "乙二", "配偶", _id(6), 800),  # ...so its good row waits too
            _row(6, "A-003", "丙一", "户主", _id(3), 1000),  # nothing changed
        ],
    )
    report = tmp_path / "report.xlsx"
    args = ["--db", str(db_path), "import-ledger", str(second), "--json", "--report", str(report)]
    assert main(args) == 2  # some rows cannot be taken
    out = json.loads(capsys.readouterr().out)
    assert (out["updated"], out["unchanged"], out["created"], out["held"]) == (1, 1, 0, 1)
    by_code = {h["code"]: h for h in out["households"]}
    assert by_code["A-001"] == {
        "code": "A-001",
        "result": "updated",
        "rows": [3, 4, 5],
        "held_by_rows": [4, 5],
    }
    assert by_code["A-002"]["result"] == "held" and by_code["A-002"]["held_by_rows"] == [6]
    assert by_code["A-003"]["result"] == "unchanged"
    with township_db.begin() as s:
        incomes = dict(s.execute(select(Person.name, Person.monthly_income)).all())
    assert incomes["甲一"] == 3500  # the good change is in
    assert incomes["甲二"] == 2000  # the refused row left what was stored
    assert "甲三" not in incomes and "乙二" not in incomes

    # the report, read back: every row not taken with its reason, every household's result
    wb = openpyxl.load_workbook(report)
    rows = [[c.value for c in r] for r in wb["导入报告"].iter_rows(min_row=4)]
    reasons = {r[1]: r[3] for r in rows}
    assert set(reasons) == {4, 5, 6, 7}  # rows 4-7 of the sheet (the data starts on row 3)
    assert "同一户（A-002）第6行" in reasons[7]
    households = [[c.value for c in r] for r in wb["各户结果"].iter_rows(min_row=2)]
    assert households == [
        ["A-001", "更新", "3、4、5", "第4、5行不合格，未导入；本户其他行已导入"],
        ["A-002", "暂缓导入", "6、7", message("ledger_held_because", rows="6")],
        ["A-003", "无变化", "8", None],
    ]
