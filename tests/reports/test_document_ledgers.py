"""The ledgers the documents name: visits, old houses, special groups, returning
labour, site facilities, the job menu, site assets (share in use against 80 %),
projects and workshops.  Each is exported, read back by openpyxl, and imported
again with nothing changed; an edited row updates, a new one is created."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.reports.ledger_import import read_ledger
from desktop.services import ledgers, registers, township
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.services.ledgers import LedgerKind
from desktop.store.models import Household, Person, Site
from desktop.store.models_registers import JobVacancy, SiteAsset, SupportProject
from tests.factories import make_visit
from tests.reports.support import TODAY, Places

CLOCK = FixedClock(datetime(2026, 11, 22, 2, 0, tzinfo=UTC))


@pytest.fixture
def filled(township_db: sessionmaker[Session], places: Places, codes: list[str]) -> None:
    with township_db.begin() as s:
        h1 = s.scalar(select(Household).where(Household.code == codes[0]))
        h2 = s.scalar(select(Household).where(Household.code == codes[1]))
        assert h1 is not None and h2 is not None
        make_visit(s, h1, visited_on=date(2026, 11, 3), notes="家中一切正常")
        h2.old_house_status = "standing"
        h2.move_in_date = date(2025, 1, 10)
        spouse = s.scalar(select(Person).where(Person.name == "向秀英"))
        assert spouse is not None
        spouse.special_groups = ["returning_labour"]
        site = s.get(Site, places.site_id)
        assert site is not None
        site.facilities = {"通水": {"met": True, "note": "自来水入户"}}
        s.add_all(
            [
                JobVacancy(code="GW-001", site_id=site.id, employer="溪州扶贫车间",
                           position="缝纫工", openings=5, monthly_wage=3200,
                           place="安置区3栋一楼", contact="刘厂长", phone="13912340001",
                           posted_on=date(2026, 11, 1)),
                SiteAsset(code="ZC-001", site_id=site.id, kind="shop", name="1栋1号门面",
                          area=60, in_use=True, user="便民超市", yearly_income=12000),
                SiteAsset(code="ZC-002", site_id=site.id, kind="garage", name="地下车库A区",
                          area=800, in_use=False),
                SupportProject(code="XM-001", site_id=site.id, kind="workshop",
                               name="溪州扶贫车间", operator="溪州服饰公司",
                               started_on=date(2024, 5, 1), investment=1_200_000, jobs=60,
                               relocated_jobs=42),
            ]
        )  # fmt: skip


def _export(factory: sessionmaker[Session], actor: Actor, kind: LedgerKind, out: Path) -> None:
    with factory.begin() as s:
        ledgers.export_ledger(s, actor, kind, out, clock=CLOCK)


def _table(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    group = [c.value for c in ws[3]]
    leaf = [c.value for c in ws[4]]
    headers = [leaf[i] or group[i] for i in range(len(leaf))]
    rows = [dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=5, values_only=True)]
    return headers, rows


HOUSEHOLD_KINDS = [LedgerKind.OLD_HOUSES, LedgerKind.SPECIAL_GROUPS, LedgerKind.RETURNING_LABOUR]
REGISTER_KINDS = [
    LedgerKind.VISITS,
    LedgerKind.FACILITIES,
    LedgerKind.JOBS,
    LedgerKind.ASSETS,
    LedgerKind.PROJECTS,
]


@pytest.mark.parametrize("kind", HOUSEHOLD_KINDS + REGISTER_KINDS)
def test_every_new_ledger_reimports_with_nothing_changed(
    township_db: sessionmaker[Session], admin: Actor, filled: None, tmp_path: Path, kind: LedgerKind
) -> None:
    out = tmp_path / f"{kind.value}.xlsx"
    _export(township_db, admin, kind, out)
    _, rows = _table(out)
    assert rows, f"{kind.value}: no rows"
    with township_db.begin() as s:
        if kind in REGISTER_KINDS:
            result = registers.import_register(s, admin, out)
            assert result.kind == kind.value
            counts = (result.created, result.updated, len(result.rejected))
            assert counts == (0, 0, 0), result
            assert result.unchanged == len(rows)
        else:
            imported = ledgers.import_ledger(s, admin, read_ledger(out), today=TODAY)
            assert (imported.created, imported.updated, imported.rejected) == (0, 0, ()), imported
            assert imported.unchanged >= 1


def test_what_the_ledgers_say(
    township_db: sessionmaker[Session], admin: Actor, filled: None, codes: list[str], tmp_path: Path
) -> None:
    _export(township_db, admin, LedgerKind.VISITS, tmp_path / "v.xlsx")
    _, visits = _table(tmp_path / "v.xlsx")
    assert visits[0]["户编号"] == codes[0] and visits[0]["走访方式"] == "入户走访"
    assert visits[0]["备注"] == "家中一切正常" and visits[0]["人均纯收入（元）"] == 9000

    _export(township_db, admin, LedgerKind.OLD_HOUSES, tmp_path / "o.xlsx")
    _, houses = _table(tmp_path / "o.xlsx")
    standing = next(r for r in houses if r["户编号"] == codes[1])
    assert standing["旧房状态"] == "未拆除"
    assert standing["拆除时限"].date() == date(2025, 7, 9)  # 180 days after 2025-01-10
    assert standing["逾期情况"] == f"拆除逾期{(TODAY - date(2025, 7, 9)).days}天"

    _export(township_db, admin, LedgerKind.SPECIAL_GROUPS, tmp_path / "g.xlsx")
    _, groups = _table(tmp_path / "g.xlsx")
    by_name = {r["姓名"]: r for r in groups}
    assert by_name["向秀英"]["特殊群体"] == "返乡劳动力"
    assert by_name["向秀英"]["登记的特殊群体"] == "返乡劳动力"
    assert by_name["彭大山"]["特殊群体"] == "孤寡及困难老人"  # 76, lives alone

    _export(township_db, admin, LedgerKind.RETURNING_LABOUR, tmp_path / "r.xlsx")
    _, returning = _table(tmp_path / "r.xlsx")
    assert [r["姓名"] for r in returning] == ["向秀英"]

    _export(township_db, admin, LedgerKind.FACILITIES, tmp_path / "f.xlsx")
    _, facilities = _table(tmp_path / "f.xlsx")
    water = next(r for r in facilities if r["项目"] == "通水")
    assert (water["是否达标"], water["备注"]) == ("是", "自来水入户")
    assert len(facilities) == 18  # Xiangxi's 五通、五化、七有一落实

    _export(township_db, admin, LedgerKind.JOBS, tmp_path / "j.xlsx")
    _, jobs = _table(tmp_path / "j.xlsx")
    assert jobs[0]["岗位名称"] == "缝纫工" and jobs[0]["月薪（元）"] == 3200

    _export(township_db, admin, LedgerKind.PROJECTS, tmp_path / "p.xlsx")
    _, projects = _table(tmp_path / "p.xlsx")
    assert projects[0]["类别"] == "帮扶车间" and projects[0]["吸纳搬迁群众就业人数"] == 42


def test_asset_share_in_use_is_measured_against_guizhous_80_percent(
    township_db: sessionmaker[Session], admin: Actor, filled: None, tmp_path: Path
) -> None:
    with township_db.begin() as s:
        township.set_setting(s, township.K_PROFILE, "guizhou")
    out = tmp_path / "assets.xlsx"
    _export(township_db, admin, LedgerKind.ASSETS, out)
    wb = openpyxl.load_workbook(out)
    share = wb["盘活率"]
    row = next(share.iter_rows(min_row=5, values_only=True))
    assert row[1:] == ("幸福家园安置区", 2, 1, 0.5, 0.8, "未达标")
    assert "目标盘活率：80%" in str(share["A2"].value)


def test_an_edited_register_row_updates_and_a_new_one_is_created(
    township_db: sessionmaker[Session], admin: Actor, filled: None, tmp_path: Path
) -> None:
    out = tmp_path / "jobs.xlsx"
    _export(township_db, admin, LedgerKind.JOBS, out)
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    headers = [ws.cell(4, c).value or ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    ws.cell(5, headers.index("招聘人数") + 1).value = 8
    ws.append([2, "GW-002", "幸福家园安置区", "县城物业公司", "保洁员", 3, 2200])
    ws.append([3, "GW-003", "没有这个安置点", "某公司", "司机", 1, 4000])
    ws.append([4, "GW-004", "幸福家园安置区", "某公司", "司机", "两个", 4000])
    wb.save(out)
    with township_db.begin() as s:
        result = registers.import_register(s, admin, out)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert [(r.row, r.column, r.code) for r in result.rejected] == [
        (7, "安置点", "unknown_site_name"),
        (8, "招聘人数", "ledger_bad_number"),
    ]
    with township_db.begin() as s:
        jobs = {j.code: j for j in s.scalars(select(JobVacancy))}
    assert jobs["GW-001"].openings == 8 and jobs["GW-002"].position == "保洁员"
    assert "GW-003" not in jobs and "GW-004" not in jobs


def test_cli_import_ledger_takes_a_register_too(
    township_db: sessionmaker[Session], admin: Actor, filled: None, tmp_path: Path, db_path: Path
) -> None:
    from desktop.cli import main

    out = tmp_path / "projects.xlsx"
    _export(township_db, admin, LedgerKind.PROJECTS, out)
    assert main(["import-ledger", str(out), "--db", str(db_path)]) == 0
    with township_db.begin() as s:
        assert len(s.scalars(select(SupportProject)).all()) == 1
        assert len(s.scalars(select(SiteAsset)).all()) == 2
