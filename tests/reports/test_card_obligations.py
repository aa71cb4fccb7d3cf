"""One card per policy profile, read back with pdftotext: what the household is
owed and by when, whom to call with their numbers, in its document's words."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import EmploymentStatus, LabourCapacity, Relation
from desktop.domain.policy import add_months
from desktop.services import printing, survey, township
from desktop.services.actor import Actor
from desktop.store.models import Building, Household, Person, User
from tests.factories import make_household, member
from tests.reports.support import TODAY, Places, run_tool

MOVED_IN = date(2024, 8, 1)  # the old house of S01-0002 still stands


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@pytest.fixture
def owed(
    township_db: sessionmaker[Session], admin: Actor, places: Places, codes: list[str]
) -> None:
    """S01-0002's old house stands; the spouse of S01-0001, out of work, got one job offer;
    building 1's leader is 覃春花 of S01-0003; a zero-employment household S01-0009."""
    with township_db.begin() as s:
        h2 = s.scalar(select(Household).where(Household.code == "S01-0002"))
        assert h2 is not None
        h2.move_in_date = MOVED_IN
        h2.old_house_status = "standing"
        spouse = s.scalar(select(Person).where(Person.name == "向秀英"))
        leader = s.scalar(select(Person).where(Person.name == "覃春花"))
        assert spouse is not None and leader is not None
        leader.phone = "13500003333"
        building = s.get(Building, places.building_ids[0])
        assert building is not None
        building.leader_person_id = leader.id
        s.flush()
        survey.record_employment_service(
            s, admin, spouse.id, "job_offer", date(2025, 12, 1), "溪州扶贫车间普工", today=TODAY
        )
        make_household(
            s,
            building=building,
            code="S01-0009",
            room="502",
            move_in_date=date(2026, 10, 1),
            old_house_status="none",
            members=[
                member(
                    "龙二妹",
                    Relation.HEAD,
                    birth=date(1985, 3, 3),
                    male=False,
                    labour=LabourCapacity.FULL.value,
                    employment=EmploymentStatus.UNEMPLOYED.value,
                )
            ],
        )


def _card(
    factory: sessionmaker[Session], admin: Actor, tmp_path: Path, profile: str, code: str
) -> tuple[str, printing.PrintResult]:
    with factory.begin() as s:
        township.set_setting(s, township.K_PROFILE, profile)
    out = tmp_path / f"{profile}-{code}.pdf"
    with factory.begin() as s:
        selection = printing.resolve_selection(s, households=[code])
        result = printing.print_cards(s, admin, selection, out, today=TODAY)
    assert result.pages == 1
    text = "".join(run_tool("pdftotext", "-layout", out, "-").split())
    keep = os.environ.get("ANJU_KEEP_CARDS")  # a folder: look at the cards as PNGs
    if keep:
        run_tool("pdftoppm", "-png", "-r", "110", out, str(Path(keep) / out.stem))
    return text, result


@pytest.mark.parametrize("profile", ["xiangxi", "shanxi", "guizhou", "chenzhou", "hebei"])
def test_every_contact_has_its_number(
    township_db: sessionmaker[Session],
    admin: Actor,
    owed: None,
    tmp_path: Path,
    profile: str,
) -> None:
    text, result = _card(township_db, admin, tmp_path, profile, "S01-0001")
    for part in (
        "网格员：李网格13812345678",
        "楼栋长：覃春花13500003333",
        "包户干部：张干部13611112222",
        "安置点点长：王点长13900001111",
        "便民服务热线：12345",
    ):
        assert part in text
    assert result.missing_phones == ()


def test_xiangxi_card_dates_the_demolition_and_says_how_late(
    township_db: sessionmaker[Session], admin: Actor, owed: None, tmp_path: Path
) -> None:
    text, _ = _card(township_db, admin, tmp_path, "xiangxi", "S01-0002")
    assert "重点关注：孤寡及困难老人" in text  # 彭大山, 76, lives alone
    due = date.fromordinal(MOVED_IN.toordinal() + 180)
    since = date.fromordinal(due.toordinal() + 1)
    late = (TODAY - due).days
    assert f"旧房拆除：应于{_day(due)}前完成（自{_day(since)}起逾期，已{late}天）" in text
    assert "3分钟内回应、3小时内到达现场、3天内解决或答复" in text
    assert "安置住房20年内不得出售、转让（依法继承的除外）。" in text
    assert "抵押" not in text


def test_shanxi_card_counts_months_bans_mortgage_and_owes_three_job_offers(
    township_db: sessionmaker[Session], admin: Actor, owed: None, tmp_path: Path
) -> None:
    text, _ = _card(township_db, admin, tmp_path, "shanxi", "S01-0002")
    demolish, reclaim = add_months(MOVED_IN, 6), add_months(MOVED_IN, 12)
    assert f"旧房拆除：应于{_day(demolish)}前完成" in text
    assert f"宅基地复垦复绿：应于{_day(reclaim)}前完成" in text
    assert "安置住房20年内不得抵押、出售、转让（依法继承的除外），禁止私下交易、租赁。" in text
    assert "三个三" not in text and "五个一" not in text

    text, _ = _card(township_db, admin, tmp_path, "shanxi", "S01-0001")
    assert "向秀英（未就业）：应获有针对性的岗位信息不少于3个（已获1个）" in text
    assert "就业帮扶目标" in text


def test_chenzhou_card_owes_the_311_this_year(
    township_db: sessionmaker[Session], admin: Actor, owed: None, tmp_path: Path
) -> None:
    text, _ = _card(township_db, admin, tmp_path, "chenzhou", "S01-0001")
    # last December's offer is not this year's
    assert (
        "向秀英（未就业）：2026年应获岗位信息3次（已获0次）、职业指导1次（已获0次）、"
        "免费技能培训信息1次（已获0次）"
    ) in text
    assert "三个三" not in text and "五个一" not in text and "不得出售" not in text
    assert "有困难、有诉求，请联系网格员、楼栋长，或拨打便民服务热线。" in text


def test_guizhou_card_asks_to_clear_zero_employment_in_plain_days(
    township_db: sessionmaker[Session], admin: Actor, owed: None, tmp_path: Path
) -> None:
    text, _ = _card(township_db, admin, tmp_path, "guizhou", "S01-0009")
    assert "本户为零就业家庭，须动态清零" in text
    assert "工作日" not in text and "五个一" not in text and "三个三" not in text
    text, _ = _card(township_db, admin, tmp_path, "guizhou", "S01-0002")
    assert "旧房：未拆除" in text and "逾期" not in text  # the document sets no deadline


def test_hebei_card_says_only_what_hebei_says(
    township_db: sessionmaker[Session], admin: Actor, owed: None, tmp_path: Path
) -> None:
    text, _ = _card(township_db, admin, tmp_path, "hebei", "S01-0001")
    for absent in ("三个三", "五个一", "就业帮扶目标", "不得出售", "逾期", "应获"):
        assert absent not in text


def test_a_contact_without_a_number_is_printed_as_such_and_listed(
    township_db: sessionmaker[Session], admin: Actor, owed: None, tmp_path: Path
) -> None:
    with township_db.begin() as s:
        user = s.scalar(select(User).where(User.display_name == "李网格"))
        assert user is not None
        user.phone = ""
    text, result = _card(township_db, admin, tmp_path, "xiangxi", "S01-0001")
    assert "网格员：李网格电话未登记" in text
    assert [(m.household_code, m.role, m.name) for m in result.missing_phones] == [
        ("S01-0001", "grid", "李网格")
    ]


def test_numbers_and_brackets_are_never_split_across_lines(tmp_path: Path) -> None:
    from desktop.reports.cards import register_font, wrap
    from desktop.resources import cjk_font_path

    register_font(cjk_font_path())
    text = "务工 溪州扶贫车间 县内 6,300元/月（自2025年11月29日起逾期，已359天）"
    for width in range(40, 400, 7):
        lines = wrap(text, 7.5, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # a space may go
        for line in lines:
            assert not line.startswith(("）", "，", "、", "0元", ",")), lines
            assert not line.endswith("（"), lines
        assert not any(a.endswith("6,30") for a in lines)
