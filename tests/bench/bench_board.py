"""Coverage board on a county-sized township, and moving 1 000 households at once.

60 grids, 12 000 households, 50 000 persons, a visit this month for about two
households in three, 20 000 work orders.  The board service is timed against
one hand-written aggregate SQL query over the same tables (the baseline), in
the same run; the ratio is what to watch.  Prints figures, asserts nothing.

    scripts/bench tests/bench/bench_board.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session, sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.domain.enums import Role
from desktop.services import board, grids, township
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.store.db import make_session_factory
from desktop.store.migrate import open_database
from desktop.store.models import (
    Building,
    Grid,
    Household,
    Person,
    Site,
    Visit,
    WorkOrder,
)

GRIDS = 60
HOUSEHOLDS = 12_000
PERSONS = 50_000
ORDERS = 20_000
NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
ADMIN = Actor(user_id="bench", username="bench", display_name="bench", role=Role.ADMIN)

BASELINE_SQL = """
SELECT h.grid_id, count(*), sum(p.n), sum(p.lab), sum(p.emp),
       sum(CASE WHEN p.lab > 0 AND p.work = 0 THEN 1 ELSE 0 END),
       sum(CASE WHEN h.monitoring != 'none' THEN 1 ELSE 0 END),
       sum(CASE WHEN v.hid IS NOT NULL THEN 1 ELSE 0 END)
FROM households h
LEFT JOIN (SELECT household_id AS hid, count(*) AS n,
                  sum(labour IN ('full','skilled','partial')) AS lab,
                  sum(labour IN ('full','skilled','partial')
                      AND employment IN ('employed','self_employed','public_welfare')) AS emp,
                  sum(employment IN ('employed','self_employed','public_welfare')) AS work
           FROM persons WHERE deleted = 0 GROUP BY household_id) p ON p.hid = h.id
LEFT JOIN (SELECT household_id AS hid FROM visits
           WHERE deleted = 0 AND visited_on >= '2026-11-01' AND visited_on < '2026-12-01'
           GROUP BY household_id) v ON v.hid = h.id
WHERE h.deleted = 0
GROUP BY h.grid_id
"""


def _id() -> str:
    return str(uuid.uuid4())


def populate(factory: sessionmaker[Session]) -> None:
    rng = random.Random(7)
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
        area = township.township_area(s).id
        now = NOW
        stamp = {"created_at": now, "updated_at": now, "deleted": False}
        sites = [
            {
                "id": _id(),
                "area_id": area,
                "code": f"S{i}",
                "name": f"安置点{i}",
                "kind": "town",
                "address": "",
                "chief_name": "",
                "chief_phone": "",
                "facilities": {},
                **stamp,
            }
            for i in range(3)
        ]
        s.execute(insert(Site), sites)
        grid_rows = [
            {
                "id": _id(),
                "site_id": sites[i % 3]["id"],
                "code": f"G{i:02d}",
                "name": f"第{i + 1}网格",
                **stamp,
            }
            for i in range(GRIDS)
        ]
        s.execute(insert(Grid), grid_rows)
        buildings = []
        for i, g in enumerate(grid_rows):
            for j in range(8):
                buildings.append(
                    {
                        "id": _id(),
                        "site_id": g["site_id"],
                        "grid_id": g["id"],
                        "code": f"B{i:02d}{j}",
                        "name": f"{i * 8 + j + 1}栋",
                        "units": 2,
                        "floors": 6,
                        **stamp,
                    }
                )
        s.execute(insert(Building), buildings)
        households, persons, visits, orders = [], [], [], []
        per_household = [PERSONS // HOUSEHOLDS] * HOUSEHOLDS
        for k in range(PERSONS - sum(per_household)):
            per_household[k] += 1
        labour = ["full", "skilled", "partial", "none", "lost"]
        jobs = ["employed", "self_employed", "public_welfare", "farming", "unemployed"]
        for n in range(HOUSEHOLDS):
            b = buildings[n % len(buildings)]
            hid = _id()
            households.append(
                {
                    "id": hid,
                    "code": f"H{n:06d}",
                    "site_id": b["site_id"],
                    "grid_id": b["grid_id"],
                    "building_id": b["id"],
                    "unit": "1",
                    "room": str(101 + n % 600),
                    "category": "filed",
                    "monitoring": "unstable" if n % 17 == 0 else "none",
                    "old_house_status": rng.choice(["standing", "demolished", "reclaimed"]),
                    "old_house_hazard": n % 50 == 0,
                    "move_in_date": date(2025, 1, 1) + timedelta(days=rng.randrange(600)),
                    "old_house_demolished_on": date(2025, 6, 1)
                    + timedelta(days=rng.randrange(400)),
                    **stamp,
                }
            )
            for m in range(per_household[n]):
                lab = rng.choice(labour)
                persons.append(
                    {
                        "id": _id(),
                        "household_id": hid,
                        "sort_order": m,
                        "name": f"居民{n}-{m}",
                        "resident_id": f"433127{n:08d}{m:04d}"[:18],
                        "relation": "head" if m == 0 else "son",
                        "labour": lab,
                        "employment": rng.choice(jobs)
                        if lab in ("full", "skilled", "partial")
                        else "not_applicable",
                        **stamp,
                    }
                )
            if rng.random() < 0.66:
                visits.append(
                    {
                        "id": _id(),
                        "household_id": hid,
                        "kind": "door",
                        "visited_on": date(2026, 11, rng.randrange(1, 20)),
                        **stamp,
                    }
                )
            if rng.random() < 0.5:
                visits.append(
                    {
                        "id": _id(),
                        "household_id": hid,
                        "kind": "phone",
                        "visited_on": date(2026, 10, rng.randrange(1, 31)),
                        **stamp,
                    }
                )
        for n in range(ORDERS):
            h = households[rng.randrange(HOUSEHOLDS)]
            orders.append(
                {
                    "id": _id(),
                    "code": f"W{n:07d}",
                    "household_id": h["id"],
                    "grid_id": h["grid_id"],
                    "category": "repairs",
                    "source": "hotline",
                    "description": "漏水",
                    "status": rng.choice(
                        ["received", "responded", "resolved", "followed_up", "answered"]
                    ),
                    "received_at": NOW - timedelta(days=rng.randrange(400)),
                    "resolve_due": NOW + timedelta(days=rng.randrange(-30, 5)),
                    **stamp,
                }
            )
        s.execute(insert(Household), households)
        for start in range(0, len(persons), 10_000):
            s.execute(insert(Person), persons[start : start + 10_000])
        s.execute(insert(Visit), visits)
        s.execute(insert(WorkOrder), orders)
    with factory.begin() as s:
        s.execute(text("ANALYZE"))


def best_of(runs: int, fn: Callable[[], object]) -> tuple[float, float]:
    """Best and median of ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, statistics.median(times) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        opened = open_database(Path(tmp) / "bench.db")
        factory = make_session_factory(opened.engine)
        t0 = time.perf_counter()
        populate(factory)
        print(
            f"built {GRIDS} grids, {HOUSEHOLDS} households, {PERSONS} persons, "
            f"{ORDERS} work orders in {time.perf_counter() - t0:.1f} s"
        )
        clock = FixedClock(NOW)

        def service() -> object:
            with factory.begin() as s:
                return board.grid_board(s, ADMIN, clock=clock)

        def baseline() -> object:
            with factory.begin() as s:
                return s.execute(text(BASELINE_SQL)).all()

        service()
        baseline()
        base_min, base_med = best_of(7, baseline)
        svc_min, svc_med = best_of(7, service)
        print(f"baseline (one aggregate SQL): best {base_min:.0f} ms, median {base_med:.0f} ms")
        print(f"coverage board service:       best {svc_min:.0f} ms, median {svc_med:.0f} ms")
        print(
            f"ratio service/baseline (best): {svc_min / base_min:.2f}  (target within 2x, under 200 ms)"
        )

        with factory.begin() as s:
            member_grid = s.scalar(select(Grid.id).where(Grid.code == "G07"))
        member = Actor("m", "m", "m", Role.GRID_MEMBER, frozenset({member_grid or ""}))

        def member_board() -> object:
            with factory.begin() as s:
                return board.grid_board(s, member, clock=clock)

        m_min, _ = best_of(5, member_board)
        print(f"a grid member's board (1 grid): best {m_min:.0f} ms")

        with factory.begin() as s:
            target = s.scalar(select(Grid).where(Grid.code == "G02"))
            assert target is not None
            target_id = target.id
            ids = list(
                s.scalars(
                    select(Household.id)
                    .where(Household.site_id == target.site_id, Household.grid_id != target.id)
                    .limit(1000)
                )
            )
        start = time.perf_counter()
        with factory.begin() as s:
            result = grids.move_households(s, ADMIN, ids, grid_id=target_id)
        move_ms = (time.perf_counter() - start) * 1000
        print(
            f"moved {result.households_moved} households to another grid in one transaction: "
            f"{move_ms:.0f} ms  ({move_ms / base_min:.1f}x the baseline query)"
        )
        opened.engine.dispose()


if __name__ == "__main__":
    main()
