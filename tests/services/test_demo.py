"""The demo township: valid, believable, reproducible, and all-or-nothing."""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.demo.builder import (
    DEMO_ACCOUNTS,
    DemoCancelled,
    DemoRealTownship,
    DemoTownshipNotEmpty,
    build_demo,
)
from desktop.domain import resident_id
from desktop.domain import work_order as wo
from desktop.domain.enums import (
    HouseholdCategory,
    MonitoringCategory,
    OldHouseStatus,
    Role,
    SiteKind,
)
from desktop.domain.pinyin import pinyin_full, pinyin_initials, pinyin_spaced
from desktop.domain.work_order import Action, Satisfaction
from desktop.services import auth, township
from desktop.store.models import Building, Grid, Household, Person, Site, User, user_grids
from tests.services.demo_support import TODAY, digest, make_demo_db, query, quick_password_hashing

MALE_RELATIONS = {"son", "grandson", "father", "son_in_law"}
FEMALE_RELATIONS = {"daughter", "granddaughter", "mother", "daughter_in_law"}


@pytest.fixture(scope="module", autouse=True)
def quick_hashing() -> Iterator[None]:
    with quick_password_hashing():
        yield


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    make_demo_db(path)
    return path


def _people(path: Path) -> dict[str, list[tuple[str, ...]]]:
    by_household: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    rows = query(
        path,
        "SELECT household_id, sort_order, name, resident_id, relation, name_pinyin, "
        "name_initials, schooling, labour, employment, monthly_income FROM persons "
        "ORDER BY household_id, sort_order",
    )
    for row in rows:
        by_household[str(row[0])].append(tuple(str(v) for v in row[1:]))
    return by_household


def test_every_resident_id_is_valid_unique_and_fits_the_person(demo_db: Path) -> None:
    rows = query(demo_db, "SELECT resident_id, relation FROM persons")
    assert len(rows) > 600
    numbers = [str(r[0]) for r in rows]
    assert len(set(numbers)) == len(numbers)
    for number, relation in rows:
        parsed = resident_id.parse(str(number), today=TODAY)
        assert parsed.area_code in {"433127", "433122", "433126", "433130"}
        if relation in MALE_RELATIONS:
            assert parsed.sex is resident_id.Sex.MALE
        if relation in FEMALE_RELATIONS:
            assert parsed.sex is resident_id.Sex.FEMALE


def test_every_household_has_exactly_one_head_listed_first(demo_db: Path) -> None:
    people = _people(demo_db)
    households = query(demo_db, "SELECT id, head_name, head_pinyin, member_count FROM households")
    assert len(households) == 200
    for household_id, head_name, head_pinyin, member_count in households:
        members = people[str(household_id)]
        assert 1 <= len(members) <= 8
        assert [m[3] for m in members].count("head") == 1
        assert members[0][3] == "head" and members[0][0] == "0"
        assert head_name == members[0][1]
        assert head_pinyin == pinyin_spaced(str(head_name))  # the list's sort key
        assert member_count == len(members)
        for m in members:
            assert m[4] == pinyin_full(m[1]) and m[5] == pinyin_initials(m[1])


def test_ages_fit_relations(demo_db: Path) -> None:
    def age(number: str) -> int:
        return resident_id.parse(number, today=TODAY).age_on(TODAY)

    sizes: Counter[int] = Counter()
    for members in _people(demo_db).values():
        sizes[len(members)] += 1
        ages: dict[str, list[int]] = defaultdict(list)
        for m in members:
            ages[m[3]].append(age(m[2]))
        head = ages["head"][0]
        parents = [head, *ages["spouse"]]
        assert all(a >= 18 for a in ages["spouse"])
        for child in ages["son"] + ages["daughter"]:
            assert child <= min(parents) - 15, (members, child)
        for parent in ages["father"] + ages["mother"]:
            assert parent >= head + 15
        middle = ages["son"] + ages["daughter"] + ages["son_in_law"] + ages["daughter_in_law"]
        for grandchild in ages["grandson"] + ages["granddaughter"]:
            assert grandchild <= max(middle) - 15
        for m in members:
            a = age(m[2])
            if a < 16:
                assert m[6] != "not_in_school" or a < 6 or a >= 15  # children of school age go
                assert m[7] == "none" and m[8] == "not_applicable" and m[9] == "0"
    assert len(sizes) >= 6  # households of many sizes, not one template


def test_records_look_like_a_township(demo_db: Path) -> None:
    kinds = {r[0] for r in query(demo_db, "SELECT kind FROM sites")}
    assert kinds == {k.value for k in SiteKind}
    checklist = township.profiles()["xiangxi"].site.facilities
    for (facilities,) in query(demo_db, "SELECT facilities FROM sites"):
        entries = json.loads(facilities)
        assert list(entries) == list(checklist)
        assert all(set(e) == {"met", "note"} and (e["met"] or e["note"]) for e in entries.values())
    grids_per_site = query(demo_db, "SELECT site_id, COUNT(*) FROM grids GROUP BY site_id")
    assert all(2 <= int(str(n)) <= 6 for _, n in grids_per_site)
    assert not query(demo_db, "SELECT id FROM buildings WHERE grid_id IS NULL")
    assert not query(demo_db, "SELECT id FROM buildings WHERE leader_person_id IS NULL")
    ethnicities = Counter(r[0] for r in query(demo_db, "SELECT ethnicity FROM persons"))
    assert {"土家族", "苗族", "汉族"} <= set(ethnicities)
    assert ethnicities["土家族"] > ethnicities["汉族"] > 0
    categories = {r[0] for r in query(demo_db, "SELECT category FROM households")}
    assert categories == {c.value for c in HouseholdCategory}
    monitored = query(
        demo_db,
        "SELECT monitoring, monitoring_since, monitoring_reason FROM households "
        "WHERE monitoring != 'none'",
    )
    assert monitored and all(m in {c.value for c in MonitoringCategory} for m, _, _ in monitored)
    assert all(since and reason for _, since, reason in monitored)
    open_periods = query(
        demo_db,
        "SELECT h.monitoring, p.category, h.monitoring_since, p.entered_on FROM households h "
        "JOIN monitoring_periods p ON p.household_id = h.id WHERE p.exited_on IS NULL",
    )
    assert len(open_periods) == len(monitored)
    assert all(m == c and s == e for m, c, s, e in open_periods)
    for phone, cadre_phone in query(demo_db, "SELECT phone, cadre_phone FROM households"):
        for number in (str(phone), str(cadre_phone)):
            assert len(number) == 11 and number.isdigit() and number.startswith("1")
    grades = query(demo_db, "SELECT health, disability_grade FROM persons")
    assert all((g is not None) == (h == "disabled") for h, g in grades)


def test_old_house_dates_follow_move_in_and_some_miss_the_deadline(demo_db: Path) -> None:
    rows = query(
        demo_db,
        "SELECT move_in_date, old_house_status, old_house_demolished_on, old_house_reclaimed_on "
        "FROM households",
    )
    statuses = {r[1] for r in rows}
    assert {"standing", "demolished", "reclaimed"} <= statuses
    assert statuses <= {s.value for s in OldHouseStatus}
    late = 0
    for move_in, status, demolished, reclaimed in rows:
        moved = date.fromisoformat(str(move_in))
        assert moved <= TODAY
        if demolished is not None:
            d = date.fromisoformat(str(demolished))
            assert moved <= d <= TODAY
            late += (d - moved).days > 180
        if reclaimed is not None:
            assert date.fromisoformat(str(demolished)) <= date.fromisoformat(str(reclaimed))
            assert date.fromisoformat(str(reclaimed)) <= TODAY
        if status == "standing" and (TODAY - moved).days > 180:
            late += 1
    assert late > 0


def _utc(text: object) -> datetime:
    return datetime.fromisoformat(str(text)).replace(tzinfo=UTC)


def test_work_orders_replay_through_the_order_state_machine(demo_db: Path) -> None:
    """Each order's events, replayed through the work-order rules, give its stored state."""
    now = datetime(2026, 11, 22, 1, 0, tzinfo=UTC)  # 09:00 in China
    orders = query(
        demo_db,
        "SELECT id, status, received_at, respond_due, arrive_due, needs_site_visit, "
        "responded_at, arrived_at, resolved_at, outcome, extension_state, escalation_level, "
        "next_due FROM work_orders",
    )
    assert len(orders) >= 20
    statuses = {o[1] for o in orders}
    assert len(statuses) >= 4 and "followed_up" in statuses
    assert statuses & {s.value for s in wo.OPEN}  # some still being worked on
    events: dict[str, list[tuple[str, datetime, dict[str, object]]]] = defaultdict(list)
    for order_id, kind, at, data in query(
        demo_db, "SELECT order_id, kind, at, data FROM work_order_events ORDER BY at, rowid"
    ):
        events[order_id].append((kind, _utc(at), json.loads(data)))
    kinds = set()
    for order in orders:
        order_id, status, received = order[0], order[1], _utc(order[2])
        assert received <= now
        assert _utc(order[3]) - received == timedelta(minutes=3)
        if order[5]:
            assert order[4] is not None
        timeline = events[order_id]
        assert timeline[0][:2] == ("received", received)
        state = wo.new_order(received, needs_site_visit=bool(order[5]))
        for kind, at, data in timeline[1:]:
            kinds.add(kind)
            assert at <= now
            if kind == "escalated":
                continue
            satisfaction = data.get("satisfaction_value")
            state = wo.apply(
                state,
                Action(kind),
                at,
                now=now,
                satisfaction=Satisfaction(str(satisfaction)) if satisfaction else None,
            )
        assert state.status.value == status
        stored = [None if v is None else _utc(v) for v in order[6:9]]
        assert stored == [state.responded_at, state.arrived_at, state.resolved_at]
        assert order[9] == state.outcome.value and order[10] == state.extension.value
        if state.status in wo.OPEN and _utc(order[12]) < now:
            assert order[11] >= 1  # overdue open orders have been escalated
    assert {"respond", "arrive", "resolve", "answer", "follow_up", "escalated"} <= kinds


def test_grid_members_are_bound_to_grids_and_can_log_in(demo_db: Path) -> None:
    from desktop.store.db import make_engine, make_session_factory

    engine = make_engine(demo_db)
    try:
        factory = make_session_factory(engine)
        with factory.begin() as s:
            for account in DEMO_ACCOUNTS:
                actor = auth.login(s, account.username, account.password)
                assert actor.role is account.role
                if account.role is Role.GRID_MEMBER:
                    assert actor.grid_ids
            bound = s.scalar(select(func.count()).select_from(user_grids))
            assert bound == s.scalar(select(func.count()).select_from(Grid))
            info = township.township_info(s)
            assert info is not None and info.demo and info.county_code == "433127"
            assert info.township_name == "灵溪镇" and info.profile_id == "xiangxi"
    finally:
        engine.dispose()


def test_same_seed_same_rows_and_another_seed_other_rows(tmp_path: Path) -> None:
    make_demo_db(tmp_path / "a.db", households=40, seed=11)
    make_demo_db(tmp_path / "b.db", households=40, seed=11)
    make_demo_db(tmp_path / "c.db", households=40, seed=12)
    assert digest(tmp_path / "a.db") == digest(tmp_path / "b.db")
    assert digest(tmp_path / "a.db") != digest(tmp_path / "c.db")
    ids_a = query(tmp_path / "a.db", "SELECT id FROM households ORDER BY code")
    ids_b = query(tmp_path / "b.db", "SELECT id FROM households ORDER BY code")
    assert ids_a == ids_b


def test_zero_households_gives_places_and_accounts_only(tmp_path: Path) -> None:
    summary = make_demo_db(tmp_path / "empty.db", households=0)
    assert summary.households == summary.persons == 0
    path = tmp_path / "empty.db"
    assert query(path, "SELECT COUNT(*) FROM sites")[0][0] == 6
    assert query(path, "SELECT COUNT(*) FROM grids")[0][0] >= 12
    assert query(path, "SELECT COUNT(*) FROM buildings")[0][0] > 0
    for table in ("households", "persons", "visits", "work_orders"):
        assert query(path, f"SELECT COUNT(*) FROM {table}")[0][0] == 0
    assert query(path, "SELECT COUNT(*) FROM users")[0][0] == len(DEMO_ACCOUNTS)


def test_refuses_a_township_that_has_records_and_writes_nothing(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory.begin() as s:
        build_demo(s, households=5, seed=1, today=TODAY)
    with pytest.raises(DemoTownshipNotEmpty) as caught, session_factory.begin() as s:
        build_demo(s, households=5, seed=2, today=TODAY)
    assert caught.value.params == {"households": 5, "sites": 6}
    with session_factory.begin() as s:
        assert s.scalar(select(func.count()).select_from(Household)) == 5
        assert s.scalar(select(func.count()).select_from(User)) == len(DEMO_ACCOUNTS)


def test_cancel_rolls_everything_back(session_factory: sessionmaker[Session]) -> None:
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        cancel.set()

    with pytest.raises(DemoCancelled), session_factory.begin() as s:
        build_demo(s, households=600, seed=1, today=TODAY, progress=progress, cancel=cancel)
    assert seen == [250]  # one batch was written, then the cancel was honoured
    with session_factory.begin() as s:
        assert not township.is_set_up(s)
        for model in (Site, Grid, Building, Household, Person, User):
            assert s.scalar(select(func.count()).select_from(model)) == 0


def test_refuses_a_township_set_up_for_real_and_writes_nothing(
    township_db: sessionmaker[Session],
) -> None:
    with pytest.raises(DemoRealTownship) as caught, township_db.begin() as s:
        build_demo(s, households=20, seed=3, today=TODAY)
    assert caught.value.params == {"township": "灵溪镇"}
    with township_db.begin() as s:
        assert [u.username for u in s.scalars(select(User))] == ["admin"]
        for model in (Site, Grid, Building, Household, Person):
            assert s.scalar(select(func.count()).select_from(model)) == 0


def test_the_household_list_finds_demo_households_as_users_search(demo_db: Path) -> None:
    """Typed initials, part of an ID and a flat find the household through the list service."""
    from desktop.services.actor import SYSTEM
    from desktop.services.households import HouseholdFilter, list_households
    from desktop.store.db import make_engine, make_session_factory

    code, name, number, building, unit, room = query(
        demo_db,
        "SELECT h.code, p.name, p.resident_id, b.name, h.unit, h.room FROM households h "
        "JOIN persons p ON p.household_id = h.id AND p.sort_order = 0 "
        "JOIN buildings b ON b.id = h.building_id ORDER BY h.code LIMIT 1",
    )[0]
    engine = make_engine(demo_db)
    try:
        with make_session_factory(engine).begin() as s:
            for typed in (pinyin_initials(name), str(number)[6:14], f"{building}{unit}单元{room}"):
                rows = list_households(s, SYSTEM, HouseholdFilter(text=typed), limit=500)
                assert code in {r.code for r in rows}, typed
    finally:
        engine.dispose()
