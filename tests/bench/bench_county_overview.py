"""County overview page on PostgreSQL: 10 townships x 12 000 households.

What is measured: ``GET /`` of the county workspace (login done, through waitress and
Django, the page rendered with its trend chart), median of 7, against the baseline of
the same SQL statements the page sent, captured during one load and run again by hand
on a raw psycopg cursor.  The target is under 1 s.

The reporting tables are filled directly (as the import keeps them): per township 4
sites of 10 grids, 12 000 households, 10 000 work orders over the last three months
(a third open), and a visit for about 70 % of households in each of the last three
months (about 250 000 visits).

Run: ``scripts/bench tests/bench/bench_county_overview.py`` (PostgreSQL on 127.0.0.1).
"""

from __future__ import annotations

import http.cookiejar
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, insert, text

sys.path.insert(0, str(Path(__file__).parents[2]))

from desktop.store.base import new_id
from server import accounts
from server.app import make_app
from server.models import (
    CountyEnrolment,
    RptArea,
    RptGrid,
    RptHousehold,
    RptSite,
    RptVisit,
    RptWorkOrder,
)
from tests.server.browser import serving
from tests.sync.harness import make_county

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TOWNSHIPS, HOUSEHOLDS, ORDERS = 10, 12_000, 10_000


def fill(county: Any) -> None:
    rng = random.Random(5)
    now = datetime.now(UTC)
    today = now.date()
    months = [date(today.year, today.month, 1)]
    for _ in range(2):
        prev = months[-1] - timedelta(days=1)
        months.append(date(prev.year, prev.month, 1))
    with county.sessions.begin() as s:
        for t in range(TOWNSHIPS):
            code = f"433127{100 + t}"
            s.add(
                CountyEnrolment(
                    token_hash=secrets.token_hex(32), township_code=code, name=f"乡镇{t}"
                )
            )
            s.execute(
                insert(RptArea),
                [{"id": new_id(), "code": code, "name": f"第{t + 1}镇", "level": "township"}],
            )
            sites = [
                {
                    "id": new_id(),
                    "township_code": code,
                    "code": f"S{t}-{i}",
                    "name": f"安置点{i}",
                    "kind": "town",
                }
                for i in range(4)
            ]
            s.execute(insert(RptSite), sites)
            grids = [
                {
                    "id": new_id(),
                    "township_code": code,
                    "site_id": site["id"],
                    "code": f"G{j}",
                    "name": f"网格{j}",
                }
                for site in sites
                for j in range(10)
            ]
            s.execute(insert(RptGrid), grids)
            households = []
            for k in range(HOUSEHOLDS):
                grid = grids[k % len(grids)]
                labourers = rng.randint(0, 4)
                households.append(
                    {
                        "id": new_id(),
                        "township_code": code,
                        "site_id": grid["site_id"],
                        "grid_id": grid["id"],
                        "code": f"{code}-{k:05d}",
                        "head_name": "张三",
                        "unit": "1",
                        "room": str(100 + k % 600),
                        "phone": "",
                        "category": "filed",
                        "move_in_date": today - timedelta(days=rng.randint(30, 900)),
                        "monitoring": rng.choice(
                            ["none"] * 12 + ["unstable", "marginal", "sudden_hardship"]
                        ),
                        "old_house_status": rng.choice(["standing", "demolished", "reclaimed"]),
                        "old_house_hazard": rng.random() < 0.1,
                        "old_house_demolished_on": today - timedelta(days=rng.randint(10, 400)),
                        "persons": labourers + rng.randint(0, 3),
                        "labourers": labourers,
                        "employed": min(labourers, rng.randint(0, 2)),
                        "in_work": min(labourers, rng.randint(0, 2)),
                        "zero_employment": labourers > 0 and rng.random() < 0.05,
                    }
                )
            s.execute(insert(RptHousehold), households)
            visits = [
                {
                    "id": new_id(),
                    "township_code": code,
                    "household_id": h["id"],
                    "visited_on": m + timedelta(days=rng.randint(0, 27)),
                    "kind": "door",
                }
                for m in months
                for h in households
                if rng.random() < 0.7 and m + timedelta(days=27) <= today + timedelta(days=27)
            ]
            s.execute(insert(RptVisit), [v for v in visits if v["visited_on"] <= today])
            orders = []
            for k in range(ORDERS):
                h = households[rng.randrange(len(households))]
                received = now - timedelta(minutes=rng.randint(0, 90 * 24 * 60))
                closed = rng.random() < 0.66
                stage = "" if closed else rng.choice(["respond", "arrive", "resolve"])
                due = received + timedelta(days=3)
                orders.append(
                    {
                        "id": new_id(),
                        "township_code": code,
                        "site_id": h["site_id"],
                        "grid_id": h["grid_id"],
                        "household_id": h["id"],
                        "code": f"GD{k}",
                        "category": "repairs",
                        "source": "hotline",
                        "status": "followed_up" if closed else "received",
                        "caller_name": "",
                        "description": "报修",
                        "urgent": False,
                        "needs_site_visit": True,
                        "received_at": received,
                        "respond_due": received + timedelta(minutes=3),
                        "arrive_due": received + timedelta(hours=3),
                        "resolve_due": due,
                        "responded_at": received + timedelta(minutes=rng.randint(1, 6)),
                        "arrived_at": received + timedelta(hours=rng.randint(1, 4))
                        if closed
                        else None,
                        "resolved_at": received + timedelta(hours=rng.randint(5, 90))
                        if closed
                        else None,
                        "next_stage": stage,
                        "next_due": None if closed else due,
                        "closed": closed,
                    }
                )
            s.execute(insert(RptWorkOrder), orders)
        accounts.create_account(
            s, username="bench", display_name="bench", role="viewer", password="bench-password-1"
        )
    with county.engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def signed_in(url: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(url + "/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": "bench", "password": "bench-password-1"}
    ).encode()
    opener.open(
        urllib.request.Request(url + "/login/", data=data, headers={"Referer": url + "/login/"})
    )
    return opener


def main() -> None:
    schema = f"anju_bench_{secrets.token_hex(4)}"
    admin = create_engine(PG)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        county = make_county(f"{PG}?options=-csearch_path%3D{schema}")
        started = time.perf_counter()
        fill(county)
        print(
            f"filled {TOWNSHIPS} townships x {HOUSEHOLDS} households in {time.perf_counter() - started:.1f} s"
        )
        statements: list[tuple[str, Any]] = []
        capturing = [False]

        @event.listens_for(county.engine, "before_cursor_execute")
        def keep(
            conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
        ) -> None:
            if capturing[0] and statement.lstrip().upper().startswith("SELECT"):
                statements.append((statement, parameters))

        with tempfile.TemporaryDirectory(), serving(make_app(county)) as url:
            opener = signed_in(url)
            body = opener.open(url + "/").read().decode()
            assert "全县总览" in body and "第1镇" in body, body[:500]
            capturing[0] = True
            opener.open(url + "/").read()
            capturing[0] = False
            times = []
            for _ in range(7):
                t0 = time.perf_counter()
                opener.open(url + "/").read()
                times.append(time.perf_counter() - t0)
        raw = county.engine.raw_connection()
        base = []
        try:
            for _ in range(7):
                t0 = time.perf_counter()
                cur = raw.cursor()
                for statement, parameters in statements:
                    cur.execute(statement, parameters)
                    cur.fetchall()
                cur.close()
                base.append(time.perf_counter() - t0)
        finally:
            raw.close()
        page, sql = statistics.median(times), statistics.median(base)
        print(
            f"overview page: median {page * 1000:.0f} ms (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
        )
        print(f"the same {len(statements)} SELECTs by hand: median {sql * 1000:.0f} ms")
        print(
            f"ratio page / SQL: {page / sql:.2f}x; target under 1 s: {'met' if page < 1 else 'NOT met'}"
        )
        county.engine.dispose()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
