"""The survey at county size: saving a household and a visit, opening a household.

A township of 12 000 households and 50 000 persons (bulk-inserted), then:

- saving a new household of 8 members through ``survey.save_household`` and its
  first visit through ``survey.record_visit`` (every check, the duplicate-ID
  lookup over 50 000 persons, the search keys, as the form does it: two
  transactions), against the same rows inserted through SQLAlchemy Core in one
  transaction (the baseline): median and p95 of each, and their ratio;
- opening a household page: ``household_detail`` and ``survey_status`` (what the
  page and its survey panels call) for random households, p95, against reading
  the household row and its persons with two plain Core SELECTs;
- the same through the real page widget (offscreen Qt), survey panels included;
- a list filter over computed status (``households_matching``, not visited this
  month) against the one SQL statement that answers that single filter.

Prints figures, asserts nothing.   scripts/bench tests/bench/bench_survey.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.resident_id import build
from desktop.services import auth, households, survey, township
from desktop.services.actor import Actor
from desktop.store.db import make_session_factory
from desktop.store.migrate import open_database
from desktop.store.models import Building, Grid, Household, Person, Site, Visit

HOUSEHOLDS = 12_000
PERSONS = 50_000
SAVES = 40
OPENS = 300
TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
ADMIN: Actor  # the township's administrator, logged in by populate()
AREA = "433127"


def _id() -> str:
    return str(uuid.uuid4())


def populate(factory: sessionmaker[Session]) -> tuple[str, str, list[str]]:
    rng = random.Random(11)
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
            admin_password="bench-admin-1",
        )
        stamp = {"created_at": NOW, "updated_at": NOW, "deleted": False}
        site = {
            "id": _id(),
            "area_id": township.township_area(s).id,
            "code": "XF",
            "name": "幸福家园安置区",
            "kind": "town",
            "facilities": {},
            **stamp,
        }
        s.execute(insert(Site), [site])
        grids = [
            {
                "id": _id(),
                "site_id": site["id"],
                "code": f"G{i:02d}",
                "name": f"第{i + 1}网格",
                **stamp,
            }
            for i in range(40)
        ]
        s.execute(insert(Grid), grids)
        buildings = [
            {
                "id": _id(),
                "site_id": site["id"],
                "grid_id": grids[i % 40]["id"],
                "code": f"B{i:03d}",
                "name": f"{i + 1}栋",
                **stamp,
            }
            for i in range(320)
        ]
        s.execute(insert(Building), buildings)
        rows_h, rows_p, rows_v = [], [], []
        ids = []
        person_n = 0
        for n in range(HOUSEHOLDS):
            b = buildings[n % len(buildings)]
            hid = _id()
            ids.append(hid)
            size = 4 + (1 if n < PERSONS - 4 * HOUSEHOLDS else 0)
            rows_h.append(
                {
                    "id": hid,
                    "code": f"H{n:06d}",
                    "site_id": site["id"],
                    "grid_id": b["grid_id"],
                    "building_id": b["id"],
                    "unit": "1",
                    "room": str(101 + n % 600),
                    "category": "filed",
                    "move_in_date": date(2020, 1, 1) + timedelta(days=rng.randrange(1500)),
                    "head_name": f"居民{n}",
                    "member_count": size,
                    "search_text": f"h{n:06d}|居民{n}",
                    **stamp,
                }
            )
            for m in range(size):
                person_n += 1
                birth = date(1950, 1, 1) + timedelta(days=rng.randrange(25000))
                rows_p.append(
                    {
                        "id": _id(),
                        "household_id": hid,
                        "sort_order": m,
                        "name": f"居民{n}-{m}",
                        "resident_id": build(AREA, birth, person_n % 1000),
                        "relation": "head" if m == 0 else "son",
                        "labour": rng.choice(["full", "partial", "none"]),
                        "employment": rng.choice(["employed", "unemployed", "not_applicable"]),
                        "monthly_income": rng.choice([0, 2500, 3500]),
                        **stamp,
                    }
                )
            rows_v.append(
                {
                    "id": _id(),
                    "household_id": hid,
                    "kind": "door",
                    "visited_on": date(2026, 10, 1) + timedelta(days=rng.randrange(50)),
                    "income": {"wages": 30000, "business": 0, "property": 0, "transfers": 2000},
                    "income_per_head": 8000,
                    "checklist": {},
                    "problems": [],
                    "changes": [],
                    "alerts": [],
                    **stamp,
                }
            )
        s.execute(insert(Household), rows_h)
        for chunk in range(0, len(rows_p), 5000):
            s.execute(insert(Person), rows_p[chunk : chunk + 5000])
        s.execute(insert(Visit), rows_v)
    global ADMIN
    with factory.begin() as s:
        ADMIN = auth.login(s, "admin", "bench-admin-1")
    return site["id"], buildings[0]["id"], ids


def eight_members(round_no: int) -> tuple[survey.MemberInput, ...]:
    relations = [
        "head",
        "spouse",
        "son",
        "daughter",
        "daughter_in_law",
        "grandson",
        "mother",
        "father",
    ]
    return tuple(
        survey.MemberInput(
            name=f"测试{round_no}号{i}",
            resident_id=build(
                "433130", date(1940 + i * 9, 1 + round_no % 12, 1 + i), round_no * 8 % 900 + i
            ),
            relation=relations[i],
            labour="full" if i < 4 else "none",
            employment="employed" if i < 2 else "not_applicable",
            employer="县工业园" if i < 2 else "",
            monthly_income=3000 if i < 2 else 0,
            phone="13812345678" if i == 0 else "",
        )
        for i in range(8)
    )


def save_with_services(
    factory: sessionmaker[Session], site_id: str, building_id: str, k: int
) -> None:
    data = survey.HouseholdInput(
        site_id=site_id,
        building_id=building_id,
        room=str(9000 + k),
        move_in_date=date(2020, 6, 1),
        members=eight_members(k),
    )
    with factory.begin() as s:
        saved = survey.save_household(s, ADMIN, data, today=TODAY)
    visit = survey.VisitInput(
        household_id=saved.id,
        visited_on=TODAY,
        members=tuple(
            survey.VisitMemberInput(
                pid, "employed" if i < 2 else "not_applicable", "", "", 3000 if i < 2 else 0
            )
            for i, pid in enumerate(saved.member_ids)
        ),
        income={"wages": 72000, "business": 0, "property": 0, "transfers": 3000},
    )
    with factory.begin() as s:
        survey.record_visit(s, ADMIN, visit, today=TODAY)


def save_with_core(factory: sessionmaker[Session], site_id: str, building_id: str, k: int) -> None:
    stamp = {"created_at": NOW, "updated_at": NOW, "deleted": False}
    hid = _id()
    members = eight_members(10_000 + k)
    with factory.begin() as s:
        s.execute(
            insert(Household),
            [
                {
                    "id": hid,
                    "code": f"CORE-{k:05d}",
                    "site_id": site_id,
                    "building_id": building_id,
                    "room": str(9000 + k),
                    "category": "filed",
                    "move_in_date": date(2020, 6, 1),
                    "head_name": members[0].name,
                    "member_count": 8,
                    **stamp,
                }
            ],
        )
        s.execute(
            insert(Person),
            [
                {
                    "id": _id(),
                    "household_id": hid,
                    "sort_order": i,
                    "name": m.name,
                    "resident_id": m.resident_id,
                    "relation": m.relation,
                    "labour": m.labour,
                    "employment": m.employment,
                    "employer": m.employer,
                    "monthly_income": m.monthly_income,
                    **stamp,
                }
                for i, m in enumerate(members)
            ],
        )
        s.execute(
            insert(Visit),
            [
                {
                    "id": _id(),
                    "household_id": hid,
                    "kind": "door",
                    "visited_on": TODAY,
                    "income": {"wages": 72000, "business": 0, "property": 0, "transfers": 3000},
                    "income_per_head": 9375,
                    "checklist": {},
                    "problems": [],
                    "changes": [],
                    "alerts": [],
                    **stamp,
                }
            ],
        )


def open_with_services(factory: sessionmaker[Session], household_id: str) -> None:
    with factory.begin() as s:
        households.household_detail(s, ADMIN, household_id, TODAY)
    with factory.begin() as s:
        survey.survey_status(s, ADMIN, household_id, today=TODAY)


def open_with_core(factory: sessionmaker[Session], household_id: str) -> None:
    with factory.begin() as s:
        s.execute(select(Household.__table__).where(Household.id == household_id)).all()
        s.execute(select(Person.__table__).where(Person.household_id == household_id)).all()


def match_with_services(factory: sessionmaker[Session], flt: survey.SurveyFilter) -> None:
    with factory.begin() as s:
        survey.households_matching(s, ADMIN, flt, today=TODAY)


def match_with_sql(factory: sessionmaker[Session]) -> None:
    """The same answer for this one filter, as one SQL statement (no rules applied)."""
    month_start = TODAY.replace(day=1)
    visited = select(Visit.household_id).where(
        Visit.deleted.is_(False), Visit.visited_on >= month_start
    )
    with factory.begin() as s:
        s.execute(
            select(Household.id).where(Household.deleted.is_(False), Household.id.not_in(visited))
        ).all()


def household_page(factory: sessionmaker[Session], db: Path) -> Any:
    """The real page (offscreen Qt), as the household list opens it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.services.clock import FixedClock
    from desktop.ui.context import Bus, UiContext
    from desktop.ui.household_page import HouseholdPage

    global _app
    _app = QApplication.instance() or QApplication([])
    with factory.begin() as s:
        info = township.township_info(s)
        profile = township.policy(s)
    assert info is not None
    ctx = UiContext(factory, ADMIN, info, profile, db, Bus(), FixedClock(NOW))
    page = HouseholdPage(ctx)
    page.resize(1180, 700)
    page.show()
    return page


_app: Any = None


def close_page(page: Any) -> None:
    """Destroy the widget now, before the interpreter (and the engine) shut down."""
    import shiboken6

    page.close()
    shiboken6.delete(page)


def timed(fn: Callable[[int], None], rounds: int) -> list[float]:
    out = []
    for k in range(rounds):
        start = time.perf_counter()
        fn(k)
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(name: str, mine: list[float], base: list[float]) -> None:
    m_med, b_med = statistics.median(mine), statistics.median(base)
    m_95, b_95 = p95(mine), p95(base)
    print(f"{name}")
    print(f"  services : median {m_med:8.2f} ms   p95 {m_95:8.2f} ms")
    print(f"  baseline : median {b_med:8.2f} ms   p95 {b_95:8.2f} ms")
    print(f"  ratio    : median {m_med / b_med:8.1f} x    p95 {m_95 / b_95:8.1f} x")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(Path(tmp) / "bench.db").engine
        factory = make_session_factory(engine)
        start = time.perf_counter()
        site_id, building_id, ids = populate(factory)
        print(
            f"built {HOUSEHOLDS} households, {PERSONS} persons in {time.perf_counter() - start:.1f} s"
        )
        # warm up both paths (imports, statement caches)
        save_with_services(factory, site_id, building_id, 9999)
        save_with_core(factory, site_id, building_id, 9999)
        mine = timed(lambda k: save_with_services(factory, site_id, building_id, k), SAVES)
        base = timed(lambda k: save_with_core(factory, site_id, building_id, k), SAVES)
        report(f"save a household of 8 members and its visit ({SAVES} rounds)", mine, base)
        rng = random.Random(3)
        sample = [rng.choice(ids) for _ in range(OPENS)]
        open_with_services(factory, sample[0])
        mine = timed(lambda k: open_with_services(factory, sample[k]), OPENS)
        base = timed(lambda k: open_with_core(factory, sample[k]), OPENS)
        report(f"open a household page, 50 000-person township ({OPENS} households)", mine, base)
        page = household_page(factory, Path(tmp) / "bench.db")
        page.show_household(sample[0])
        mine = timed(lambda k: page.show_household(sample[k]), OPENS // 3)
        base = timed(lambda k: open_with_core(factory, sample[k]), OPENS // 3)
        report(
            f"the same, through the page widget with its survey panels ({OPENS // 3} households)",
            mine,
            base,
        )
        close_page(page)
        flt = survey.SurveyFilter(not_visited_this_month=True)
        mine = timed(lambda k: match_with_services(factory, flt), 3)
        base = timed(lambda k: match_with_sql(factory), 3)
        report("list filter 'not visited this month' over 12 000 households (3 rounds)", mine, base)
        engine.dispose()


if __name__ == "__main__":
    main()
    # Leave without Python's final teardown: PySide6 can crash tearing down a
    # QApplication that outlived its widgets, which says nothing about the figures.
    sys.stdout.flush()
    os._exit(0)
