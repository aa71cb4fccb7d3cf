"""The household list, its search and filters, and the read-only household."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import HouseholdCategory, MonitoringCategory, Relation, Role
from desktop.domain.errors import NotFound, PermissionDenied
from desktop.services.actor import Actor
from desktop.services.households import (
    MONITORED_ANY,
    HouseholdFilter,
    SortKey,
    count_households,
    filter_options,
    first_page,
    household_detail,
    list_households,
    refresh_search_keys,
)
from desktop.store.models import Household, Person
from tests.factories import (
    make_building,
    make_grid,
    make_household,
    make_site,
    make_user,
    make_visit,
    make_work_order,
    member,
)

TODAY = date(2026, 11, 22)


@dataclass
class Town:
    grid_a: str
    grid_b: str
    site_1: str
    site_2: str
    building_a3: str
    zhang: str  # 张三丰's household, grid A
    li: str  # 李四's household, grid A
    wang: str  # 王五's household, grid B (site 2)
    zhang_id: str  # 张三丰's resident ID
    member_a: Actor  # grid member of grid A


@pytest.fixture
def town(township_db: sessionmaker[Session]) -> Town:
    with township_db.begin() as s:
        site1 = make_site(s, name="幸福家园")
        site2 = make_site(s, name="阳光小区")
        grid_a = make_grid(s, site1, name="第一网格")
        grid_b = make_grid(s, site2, name="第二网格")
        a3 = make_building(s, site1, grid_a, name="3栋")
        a10 = make_building(s, site1, grid_a, name="10栋")
        b1 = make_building(s, site2, grid_b, name="1栋")
        zhang = make_household(
            s,
            building=a3,
            unit="2",
            room="501",
            code="HH-0003",
            phone="13812345678",
            move_in_date=date(2019, 3, 1),
            members=[
                member("张三丰", birth=date(1960, 5, 1), male=True),
                member("李秀英", Relation.SPOUSE, birth=date(1962, 12, 30), male=False),
                member("张小明", Relation.GRANDSON, birth=date(2016, 11, 23), male=True),
            ],
        )
        li = make_household(
            s,
            building=a10,
            unit="1",
            room="1201",
            code="HH-0001",
            category=HouseholdCategory.SYNCHRONOUS,
            monitoring=MonitoringCategory.MARGINAL,
            move_in_date=date(2021, 8, 1),
            members=[member("李四", phone="13900001111")],
        )
        wang = make_household(
            s,
            building=b1,
            unit="1",
            room="101",
            code="HH-0002",
            monitoring=MonitoringCategory.UNSTABLE,
            move_in_date=date(2020, 1, 1),
            members=[member("王五"), member("王小丫", Relation.DAUGHTER, male=False)],
        )
        zhang_id = s.scalar(select(Person.resident_id).where(Person.name == "张三丰"))
        assert zhang_id is not None
        member_a = make_user(s, grids=[grid_a], display_name="赵网格", phone="13700000000")
        return Town(
            grid_a=grid_a.id,
            grid_b=grid_b.id,
            site_1=site1.id,
            site_2=site2.id,
            building_a3=a3.id,
            zhang=zhang.id,
            li=li.id,
            wang=wang.id,
            zhang_id=zhang_id,
            member_a=member_a,
        )


def _heads(
    db: sessionmaker[Session],
    actor: Actor,
    flt: HouseholdFilter | None = None,
    sort: SortKey = SortKey.CODE,
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[str]:
    with db.begin() as s:
        rows = list_households(s, actor, flt or HouseholdFilter(), sort, descending, offset, limit)
        return [r.head_name for r in rows]


def _search(db: sessionmaker[Session], actor: Actor, text: str) -> list[str]:
    heads = _heads(db, actor, HouseholdFilter(text=text))
    with db.begin() as s:
        assert count_households(s, actor, HouseholdFilter(text=text)) == len(heads)
    return heads


def test_list_shows_every_household_with_its_columns(township_db, admin, town):
    with township_db.begin() as s:
        rows = list_households(s, admin, HouseholdFilter())
        assert count_households(s, admin, HouseholdFilter()) == 3
    assert [r.code for r in rows] == ["HH-0001", "HH-0002", "HH-0003"]
    zhang = rows[2]
    assert (zhang.head_name, zhang.member_count) == ("张三丰", 3)
    assert (zhang.site_name, zhang.grid_name, zhang.building_name) == (
        "幸福家园",
        "第一网格",
        "3栋",
    )
    assert (zhang.unit, zhang.room, zhang.phone) == ("2", "501", "13812345678")
    assert zhang.move_in_date == date(2019, 3, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张三丰", ["张三丰"]),
        ("李秀英", ["张三丰"]),  # a member's name finds the household
        ("zsf", ["张三丰"]),  # pinyin initials
        ("ZSF", ["张三丰"]),
        ("zhangsanfeng", ["张三丰"]),  # full pinyin
        ("zhang san", ["张三丰"]),  # spaces typed between syllables
        ("13812345678", ["张三丰"]),  # household phone
        ("1390000", ["李四"]),  # part of a member's phone
        ("1201", ["李四"]),  # room
        ("3栋2单元501", ["张三丰"]),  # flat
        ("hh-0002", ["王五"]),  # household code
        ("wang", ["王五"]),
        ("没有这个人", []),
    ],
)
def test_search_as_the_user_types(township_db, admin, town, text, expected):
    assert _search(township_db, admin, text) == expected


def test_search_by_any_part_of_a_resident_id(township_db, admin, town):
    assert _search(township_db, admin, town.zhang_id[6:14]) == ["张三丰"]  # birth date part
    assert _search(township_db, admin, town.zhang_id[-6:].lower()) == ["张三丰"]


def test_like_wildcards_in_the_query_match_only_themselves(township_db, admin, town):
    # '%' and '_' would match everything if passed to LIKE unescaped
    assert _search(township_db, admin, "%") == []
    assert _search(township_db, admin, "_") == []
    assert _search(township_db, admin, "1_01") == []
    assert _search(township_db, admin, "\\") == []
    with township_db.begin() as s:
        site = make_site(s, name="特殊")
        make_household(s, site=site, code="X_1%", members=[member("赵六")])
    assert _search(township_db, admin, "x_1%") == ["赵六"]
    assert _search(township_db, admin, "_1") == ["赵六"]


def test_filters_narrow_the_list(township_db, admin, town):
    assert _heads(township_db, admin, HouseholdFilter(site_id=town.site_2)) == ["王五"]
    assert _heads(township_db, admin, HouseholdFilter(grid_id=town.grid_a)) == ["李四", "张三丰"]
    assert _heads(township_db, admin, HouseholdFilter(building_id=town.building_a3)) == ["张三丰"]
    assert _heads(township_db, admin, HouseholdFilter(category="synchronous")) == ["李四"]
    assert _heads(township_db, admin, HouseholdFilter(monitoring="unstable")) == ["王五"]
    assert _heads(township_db, admin, HouseholdFilter(monitoring=MONITORED_ANY)) == ["李四", "王五"]
    assert _heads(township_db, admin, HouseholdFilter(monitoring="none")) == ["张三丰"]
    both = HouseholdFilter(grid_id=town.grid_a, text="li")
    assert _heads(township_db, admin, both) == ["李四", "张三丰"]  # 李秀英 lives with 张三丰
    with township_db.begin() as s:
        assert count_households(s, admin, both) == 2
        assert count_households(s, admin, HouseholdFilter(grid_id=town.grid_b, text="li")) == 0


def test_deleted_households_are_not_listed(township_db, admin, town):
    with township_db.begin() as s:
        s.get(Household, town.wang).deleted = True  # type: ignore[union-attr]
    assert _heads(township_db, admin) == ["李四", "张三丰"]
    with township_db.begin() as s, pytest.raises(NotFound):
        household_detail(s, admin, town.wang, TODAY)


def test_sort_by_head_name_follows_pinyin(township_db, admin, town):
    with township_db.begin() as s:
        site = s.get(Household, town.zhang).site_id  # type: ignore[union-attr]
        from desktop.store.models import Site

        site_obj = s.get(Site, site)
        assert site_obj is not None
        for name in ["詹一", "安娜", "张三"]:
            make_household(s, site=site_obj, members=[member(name)])
    # by code point 张 (U+5F20) sorts before 李 (U+674E) and 詹 (U+8A79) after everything;
    # by pinyin: an < li < wang < zhan < zhang san < zhang san feng
    assert _heads(township_db, admin, sort=SortKey.HEAD) == [
        "安娜",
        "李四",
        "王五",
        "詹一",
        "张三",
        "张三丰",
    ]
    assert _heads(township_db, admin, sort=SortKey.HEAD, descending=True)[0] == "张三丰"


def test_sort_by_other_columns(township_db, admin, town):
    assert _heads(township_db, admin, sort=SortKey.MEMBERS, descending=True) == [
        "张三丰",
        "王五",
        "李四",
    ]
    assert _heads(township_db, admin, sort=SortKey.MOVE_IN) == ["张三丰", "王五", "李四"]
    # site 幸福家园 (first by code) before 阳光小区; 3栋 before 10栋 (natural order)
    assert _heads(township_db, admin, sort=SortKey.FLAT) == ["张三丰", "李四", "王五"]
    assert _heads(township_db, admin, sort=SortKey.SITE, descending=True)[0] == "王五"
    # grids and sites in the order of their codes (the township's numbering)
    assert _heads(township_db, admin, sort=SortKey.GRID) == ["李四", "张三丰", "王五"]
    assert _heads(township_db, admin, sort=SortKey.CATEGORY) == ["王五", "张三丰", "李四"]
    # none first, then unstable, marginal (the order of MonitoringCategory)
    assert _heads(township_db, admin, sort=SortKey.MONITORING) == ["张三丰", "王五", "李四"]


def test_paging_returns_each_household_once(township_db, admin, town):
    with township_db.begin() as s:
        site = make_site(s, name="大安置区")
        for i in range(25):
            make_household(s, site=site, members=[member(f"住户{i:02d}")])
        total = count_households(s, admin, HouseholdFilter())
    assert total == 28
    pages = [_heads(township_db, admin, sort=SortKey.HEAD, offset=o, limit=10) for o in (0, 10, 20)]
    assert [len(p) for p in pages] == [10, 10, 8]
    flat = [h for p in pages for h in p]
    assert flat == _heads(township_db, admin, sort=SortKey.HEAD)
    assert len(set(flat)) == 28


def test_grid_member_sees_only_own_grids(township_db, town):
    actor = town.member_a
    assert _heads(township_db, actor) == ["李四", "张三丰"]
    assert _search(township_db, actor, "wang") == []
    with township_db.begin() as s:
        assert count_households(s, actor, HouseholdFilter(grid_id=town.grid_b)) == 0
        with pytest.raises(PermissionDenied) as err:
            household_detail(s, actor, town.wang, TODAY)
        assert err.value.code == "outside_your_grids"
        options = filter_options(s, actor)
    assert [g.name for g in options.grids] == ["第一网格"]
    assert [site.name for site in options.sites] == ["幸福家园"]
    assert [b.name for b in options.buildings] == ["3栋", "10栋"]


def test_grid_member_without_grids_and_viewer(township_db, town):
    with township_db.begin() as s:
        nobody = make_user(s, grids=[])
        viewer = make_user(s, role=Role.VIEWER)
    assert _heads(township_db, nobody) == []
    assert len(_heads(township_db, viewer)) == 3


def test_filter_options_for_admin_follow_codes_and_natural_names(township_db, admin, town):
    with township_db.begin() as s:
        options = filter_options(s, admin)
    assert [site.name for site in options.sites] == ["幸福家园", "阳光小区"]
    # in the order of their codes, not by pinyin (which would put 第二 before 第一)
    assert [g.name for g in options.grids] == ["第一网格", "第二网格"]
    assert [b.name for b in options.buildings] == ["3栋", "10栋", "1栋"]  # by site, then name
    assert {b.grid_id for b in options.buildings} == {town.grid_a, town.grid_b}


def test_detail_derives_ages_and_sexes_from_ids(township_db, admin, town):
    with township_db.begin() as s:
        d = household_detail(s, admin, town.zhang, TODAY)
    assert (d.head_name, d.code, d.site_name, d.grid_name, d.building_name) == (
        "张三丰",
        "HH-0003",
        "幸福家园",
        "第一网格",
        "3栋",
    )
    got = [(m.name, m.relation, m.sex, m.age) for m in d.members]
    assert got == [
        ("张三丰", "head", "male", 66),
        ("李秀英", "spouse", "female", 63),
        ("张小明", "grandson", "male", 9),  # tenth birthday is tomorrow
    ]
    assert d.members[0].resident_id == town.zhang_id  # shown in full in the app


def test_detail_shows_cadre_grid_members_visits_and_orders(township_db, admin, town):
    with township_db.begin() as s:
        h = s.get(Household, town.zhang)
        assert h is not None
        h.cadre_name, h.cadre_phone = "钱干部", "13600000000"
        make_visit(s, h, user_id=town.member_a.user_id, visited_on=date(2026, 9, 1), notes="早")
        make_visit(s, h, user_id=town.member_a.user_id, visited_on=date(2026, 11, 2), notes="晚")
        make_work_order(s, h, code="WO-1", description="水管漏水")
    with township_db.begin() as s:
        d = household_detail(s, town.member_a, town.zhang, TODAY)
    assert (d.cadre_name, d.cadre_phone) == ("钱干部", "13600000000")
    assert [(g.display_name, g.phone) for g in d.grid_members] == [("赵网格", "13700000000")]
    assert [v.notes for v in d.visits] == ["晚", "早"]  # newest first
    assert d.visits[0].user_name == "赵网格"
    assert [(o.code, o.description) for o in d.work_orders] == [("WO-1", "水管漏水")]


def test_detail_of_unknown_household(township_db, admin, town):
    with township_db.begin() as s, pytest.raises(NotFound):
        household_detail(s, admin, "no-such-id", TODAY)


def test_detail_tolerates_an_invalid_stored_id(township_db, admin, town):
    with township_db.begin() as s:
        p = s.scalar(select(Person).where(Person.name == "李四"))
        assert p is not None
        p.resident_id = "123"
    with township_db.begin() as s:
        d = household_detail(s, admin, town.li, TODAY)
    assert (d.members[0].id_valid, d.members[0].age, d.members[0].sex) == (False, None, None)


def test_refresh_search_keys_follows_member_changes(township_db, admin, town):
    with township_db.begin() as s:
        head = s.scalar(select(Person).where(Person.name == "王五"))
        assert head is not None
        head.name = "欧阳锋"
        daughter = s.scalar(select(Person).where(Person.name == "王小丫"))
        assert daughter is not None
        daughter.deleted = True
        refresh_search_keys(s, town.wang)
    assert _search(township_db, admin, "oyf") == ["欧阳锋"]
    assert _search(township_db, admin, "wangxiaoya") == []
    with township_db.begin() as s:
        h = s.get(Household, town.wang)
        assert h is not None
        assert (h.head_name, h.head_pinyin, h.member_count) == ("欧阳锋", "ou yang feng", 1)
        p = s.scalar(select(Person).where(Person.name == "欧阳锋"))
        assert p is not None
        assert (p.name_pinyin, p.name_initials) == ("ouyangfeng", "oyf")


def test_first_page_counts_only_when_the_page_is_full(township_db, admin, town):
    with township_db.begin() as s:
        whole = first_page(s, admin, HouseholdFilter(), SortKey.HEAD, False, 200)
        part = first_page(s, admin, HouseholdFilter(), SortKey.HEAD, False, 2)
    assert (whole.total, [r.head_name for r in whole.rows]) == (3, ["李四", "王五", "张三丰"])
    assert (part.total, [r.head_name for r in part.rows]) == (3, ["李四", "王五"])
