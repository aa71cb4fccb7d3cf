"""The household list at county size: first page, sorting, search as you type.

A demo township of 12 000 households and about 50 000 persons (built with
``desktop.demo.builder.build_demo``, or an existing one given with
``--db PATH``).  Each figure is the service as the page calls it (one
transaction per call) against a hand-written sqlite3 query returning the same
rows, measured interleaved in the same run; the ratio is what to watch.  Then
the page itself: building it, and a keystroke from the search box to a
refreshed table.  Prints figures, asserts nothing except that both sides
return the same rows.

    scripts/bench tests/bench/bench_households.py [--db PATH]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.demo.builder import build_demo
from desktop.services import auth, township
from desktop.services.actor import Actor
from desktop.services.households import (
    HouseholdFilter,
    SortKey,
    count_households,
    list_households,
)
from desktop.store.db import make_engine, make_session_factory
from desktop.store.migrate import open_database
from desktop.store.models import Household, Person, User

ROUNDS = 30
PAGE = 200
TYPED = ("zhang", "zsf", "wangxiu", "433127198", "1381", "3栋2单元", "501")

COLUMNS = """h.id, h.code, h.head_name, h.member_count, s.name, coalesce(g.name, ''),
 coalesce(b.name, ''), h.unit, h.room, h.category, h.monitoring, h.phone, h.move_in_date"""
JOINS = """FROM households h JOIN sites s ON s.id = h.site_id
 LEFT JOIN grids g ON g.id = h.grid_id LEFT JOIN buildings b ON b.id = h.building_id"""
RAW_ORDER = {
    SortKey.CODE: "h.code",
    SortKey.HEAD: "h.head_pinyin, h.head_name, h.code",
    SortKey.SITE: "s.code, h.code",
    SortKey.GRID: "g.code, h.code",
    SortKey.FLAT: "s.code, CAST(b.name AS INTEGER), b.name, CAST(h.unit AS INTEGER), h.unit,"
    " CAST(h.room AS INTEGER), h.room, h.code",
    SortKey.MEMBERS: "h.member_count, h.code",
    SortKey.MOVE_IN: "h.move_in_date, h.code",
    SortKey.CATEGORY: "h.category, h.code",
    SortKey.MONITORING: "CASE h.monitoring WHEN 'none' THEN 0 WHEN 'unstable' THEN 1"
    " WHEN 'marginal' THEN 2 WHEN 'sudden_hardship' THEN 3 ELSE 4 END, h.code",
    SortKey.PHONE: "h.phone, h.code",
}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(len(ordered) * 0.95) - 1)]


def report(name: str, ours: list[float], raw: list[float] | None = None) -> None:
    med, p95 = stats(ours)
    line = f"{name:44s} median {med:7.2f} ms  p95 {p95:7.2f} ms"
    if raw:
        rmed, rp95 = stats(raw)
        line += f"   raw median {rmed:6.2f} p95 {rp95:6.2f}   ratio {med / rmed:4.1f}x"
    print(line, flush=True)


def ensure_db(path: Path | None) -> Path:
    if path is not None and path.exists():
        return path
    path = path or Path(tempfile.mkdtemp()) / "bench-households.db"
    result = open_database(path)
    factory = make_session_factory(result.engine)
    start = time.perf_counter()
    with factory.begin() as s:
        build_demo(s, households=12_000, seed=7, today=date(2026, 11, 22))
    print(f"demo township built in {time.perf_counter() - start:.1f} s at {path}")
    result.engine.dispose()
    return path


def service_page(
    factory: sessionmaker[Session], actor: Actor, flt: HouseholdFilter, sort: SortKey
) -> tuple[int, list[str]]:
    """What the table model does on a new filter or sort: the first page, then the
    count unless that page was short (then it is the whole list)."""
    with factory.begin() as s:
        rows = list_households(s, actor, flt, sort, False, 0, PAGE)
    if len(rows) < PAGE:
        return len(rows), [r.id for r in rows]
    with factory.begin() as s:
        return count_households(s, actor, flt), [r.id for r in rows]


def raw_page(con: sqlite3.Connection, text: str, sort: SortKey) -> tuple[int, list[str]]:
    """The same, hand-written: one SELECT with its joins, and a count when needed."""
    where, args = "h.deleted = 0", []
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where += " AND h.search_text LIKE ? ESCAPE '\\'"
        args.append(f"%{escaped}%")
    rows = con.execute(
        f"SELECT {COLUMNS} {JOINS} WHERE {where} ORDER BY {RAW_ORDER[sort]} LIMIT {PAGE}", args
    ).fetchall()
    if len(rows) < PAGE:
        return len(rows), [r[0] for r in rows]
    (total,) = con.execute(f"SELECT count(*) FROM households h WHERE {where}", args).fetchone()
    return total, [r[0] for r in rows]


def compare(
    name: str,
    factory: sessionmaker[Session],
    con: sqlite3.Connection,
    actor: Actor,
    text: str,
    sort: SortKey,
    rounds: int = ROUNDS,
) -> tuple[list[float], list[float]]:
    ours, raw = [], []
    flt = HouseholdFilter(text=text or None)
    for _ in range(rounds):
        t1, a = timed(lambda: service_page(factory, actor, flt, sort))
        t2, b = timed(lambda: raw_page(con, text.lower().replace(" ", ""), sort))
        assert a == b, f"{name}: the service and the raw query disagree"
        ours.append(t1)
        raw.append(t2)
    return ours, raw


def keystrokes(words: tuple[str, ...]) -> list[str]:
    """Every prefix of every word, as the search box sees them while typing."""
    return [w[:i] for w in words for i in range(1, len(w) + 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = ensure_db(args.db)
    factory = make_session_factory(make_engine(path))
    con = sqlite3.connect(path)
    with factory.begin() as s:
        admin_user = s.scalar(select(User).where(User.role == "admin"))
        member_user = s.scalar(select(User).where(User.role == "grid_member"))
        assert admin_user is not None and member_user is not None
        admin, member = auth.actor_for(admin_user), auth.actor_for(member_user)
        n_households = s.scalar(select(func.count()).select_from(Household))
        n_persons = s.scalar(select(func.count()).select_from(Person))
    print(f"{n_households} households, {n_persons} persons\n")

    print("-- first page and each sort (200 rows and the count), service vs raw sqlite3")
    for sort in SortKey:
        ours, raw = compare(f"sort {sort}", factory, con, admin, "", sort, rounds=15)
        report(f"sort by {sort}", ours, raw)

    print("\n-- search, every keystroke of: " + ", ".join(TYPED))
    all_ours, all_raw = [], []
    for prefix in keystrokes(TYPED):
        ours, raw = compare(prefix, factory, con, admin, prefix, SortKey.CODE, rounds=5)
        all_ours += ours
        all_raw += raw
    report("search keystroke (first page, count)", all_ours, all_raw)

    grid_ours = [timed(lambda: service_page(factory, member, HouseholdFilter(), SortKey.HEAD))[0]]
    grid_ours += [
        timed(lambda: service_page(factory, member, HouseholdFilter(), SortKey.HEAD))[0]
        for _ in range(ROUNDS)
    ]
    report(f"grid member ({len(member.grid_ids)} grids), by head", grid_ours)

    gui(factory, path, admin)


def gui(factory: sessionmaker[Session], path: Path, admin: Actor) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui import fonts, i18n
    from desktop.ui.context import Bus, UiContext

    app = QApplication.instance() or QApplication([])
    i18n.install_translators(app, i18n.LANG_ZH)  # type: ignore[arg-type]
    fonts.apply_font_size(fonts.DEFAULT_POINT_SIZE)
    with factory.begin() as s:
        info = township.township_info(s)
        policy = township.policy(s)
    assert info is not None
    ctx = UiContext(factory, admin, info, policy, path, Bus())

    print("\n-- the page (Qt offscreen)")
    t_import, _ = timed(lambda: __import__("desktop.ui.households_page"))
    from desktop.ui.households_page import HouseholdsPage

    builds = []
    page = None
    for _ in range(5):
        t, page = timed(lambda: HouseholdsPage(ctx))
        builds.append(t)
    assert page is not None
    print(f"{'import of the page module':44s} {t_import:7.1f} ms")
    report("build the page (first query included)", builds)
    page.resize(1196, 700)
    page.show()
    app.processEvents()

    strokes = []
    for prefix in keystrokes(TYPED) * 2:

        def type_one(text: str = prefix) -> None:
            page.search.setText(text)
            page.apply_filter()  # what the debounce timer calls
            app.processEvents()  # the table repaints

        strokes.append(timed(type_one)[0])
    report("keystroke in the page, to a repainted table", strokes)
    page.close()
    page.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    main()
