"""Work orders at county size: the counting-down list and the monthly figures.

100 000 orders over two years in 40 grids, 2 000 of them open.  Each figure is a
ratio against a baseline measured in the same run, on the same rows:

- one countdown refresh (the page's one-second tick: repaint the visible table,
  check the 2 000 running deadlines for notifications) against repainting the
  same table built without countdowns;
- event-loop latency while scrolling through the open orders, with the
  one-second countdown timer running against without it;
- first page of the list (sorted by urgency in SQL) against a plain
  ``SELECT ... LIMIT`` of the same rows unsorted;
- monthly statistics by grid and by category against one aggregate SQL query.

Prints figures, asserts nothing.   scripts/bench tests/bench/bench_work_orders.py
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication, QTableView
from sqlalchemy import insert, text
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain import sla
from desktop.domain import work_order as wo
from desktop.domain.enums import OrderCategory, OrderSource, Role
from desktop.services import township
from desktop.services import work_orders as svc
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.store.db import make_session_factory
from desktop.store.migrate import open_database
from desktop.store.models import Grid, Site, WorkOrder
from desktop.ui.work_order_table_model import WorkOrderTableModel
from desktop.ui.work_orders_page import DeadlineNotifier

ORDERS = 100_000
OPEN = 2_000
GRIDS = 40
NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
ADMIN = Actor(user_id="bench", username="bench", display_name="bench", role=Role.ADMIN)


def build(path: Path) -> sessionmaker[Session]:
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
            admin_password="bench-admin-1",
        )
    rule = township.profiles()["xiangxi"].service
    rng = random.Random(7)
    with factory.begin() as s:
        site = Site(area_id=township.township_area(s).id, code="S1", name="幸福家园", kind="town")
        s.add(site)
        s.flush()
        grids = [
            Grid(site_id=site.id, code=f"G{i:02d}", name=f"第{i + 1}网格") for i in range(GRIDS)
        ]
        s.add_all(grids)
        s.flush()
        grid_ids = [g.id for g in grids]
    categories = [c.value for c in OrderCategory]
    sources = [s.value for s in OrderSource]
    rows = []
    span = timedelta(days=730)
    for n in range(ORDERS):
        is_open = n < OPEN
        if is_open:
            received = NOW - timedelta(minutes=rng.uniform(0, 4 * 24 * 60))
        else:
            received = NOW - timedelta(days=4) - span * rng.random()
        visit = rng.random() < 0.6
        d = sla.compute_deadlines(received, rule, needs_site_visit=visit)
        state = wo.new_order(received, needs_site_visit=visit)
        t = received
        steps: list[wo.Action] = []
        if is_open:
            steps = rng.choice([[], [wo.Action.RESPOND], [wo.Action.RESPOND, wo.Action.ARRIVE]])
            if not visit and wo.Action.ARRIVE in steps:
                steps = [wo.Action.RESPOND]
        else:
            steps = [wo.Action.RESPOND]
            if visit:
                steps.append(wo.Action.ARRIVE)
            steps.append(rng.choice([wo.Action.RESOLVE, wo.Action.ANSWER]))
            steps.append(wo.Action.FOLLOW_UP)
        for action in steps:
            gap = {
                wo.Action.RESPOND: timedelta(minutes=rng.expovariate(1 / 2.5)),
                wo.Action.ARRIVE: timedelta(hours=rng.expovariate(1 / 2)),
                wo.Action.RESOLVE: timedelta(hours=rng.expovariate(1 / 30)),
                wo.Action.ANSWER: timedelta(hours=rng.expovariate(1 / 20)),
                wo.Action.FOLLOW_UP: timedelta(days=1),
            }[action]
            t = min(t + gap, NOW)
            sat = rng.choice(list(wo.Satisfaction)[:2])
            state = wo.apply(state, action, t, now=NOW, satisfaction=sat)
        stage = wo.next_stage(state)
        due = {
            sla.Stage.RESPOND: d.respond,
            sla.Stage.ARRIVE: d.arrive,
            sla.Stage.RESOLVE: d.resolve,
            None: None,
        }[stage]
        rows.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
                "code": f"GD{n:08d}",
                "grid_id": rng.choice(grid_ids),
                "caller_name": "张三",
                "caller_phone": "13800000000",
                "category": rng.choice(categories),
                "source": rng.choice(sources),
                "description": "厨房水管漏水，楼下邻居也受影响",
                "location": "",
                "needs_site_visit": visit,
                "urgent": rng.random() < 0.05,
                "status": state.status.value,
                "received_at": received,
                "respond_due": d.respond,
                "arrive_due": d.arrive,
                "resolve_due": d.resolve,
                "responded_at": state.responded_at,
                "arrived_at": state.arrived_at,
                "resolved_at": state.resolved_at,
                "followed_up_at": state.followed_up_at,
                "satisfaction": state.satisfaction,
                "outcome": state.outcome.value,
                "clock_start": received,
                "last_step_at": state.last_step_at,
                "next_stage": stage.value if stage else "",
                "next_due": due,
                "next_warn_at": (
                    sla.warn_at(received, due, rule.warning_fraction) if due is not None else None
                ),
                "escalation_level": 0,
                "extended": False,
                "resolution": "",
                "created_at": received,
                "updated_at": t,
            }
        )
    with factory.begin() as s:
        for i in range(0, len(rows), 5000):
            s.execute(insert(WorkOrder), rows[i : i + 5000])
    with engine.connect() as c:
        c.exec_driver_sql("ANALYZE")
    return factory


def best(fn: Callable[[], object], repeat: int = 7, cpu: bool = False) -> float:
    clock = time.process_time if cpu else time.perf_counter
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return statistics.median(times)


def ms(x: float) -> str:
    return f"{x * 1000:8.2f} ms"


def bench_list(factory: sessionmaker[Session], app: QApplication) -> None:
    clock = FixedClock(NOW)

    def loader(offset: int, limit: int) -> svc.OrderPage:
        with factory.begin() as s:
            return svc.list_orders(s, ADMIN, svc.OrderQuery(offset=offset, limit=limit))

    views = {}
    for countdowns in (False, True):
        model = WorkOrderTableModel(clock, loader, countdowns=countdowns)
        model.reload()
        while model.canFetchMore():
            model.fetchMore()  # all 2 000 open rows loaded, as after scrolling to the end
        view = QTableView()
        view.setModel(model)
        view.resize(1366, 768)
        view.show()
        app.processEvents()
        views[countdowns] = (model, view)
    with factory.begin() as s:
        deadlines = svc.open_deadlines(s, ADMIN)
    notifier = DeadlineNotifier(lambda kind, text, order_id: None)
    notifier.set_deadlines(deadlines, clock.now())
    plain_view = views[False][1]
    live_model, live_view = views[True]

    def plain_refresh() -> None:
        plain_view.viewport().repaint()

    def live_refresh() -> None:
        clock.advance(seconds=1)
        live_model.tick()
        notifier.check(clock.now())
        live_view.viewport().repaint()

    base = best(plain_refresh, 25, cpu=True)
    live = best(live_refresh, 25, cpu=True)
    print(f"rows loaded: {live_model.rowCount()} open of {ORDERS} orders")
    print(f"refresh without countdowns (repaint):        {ms(base)} CPU")
    print(f"refresh with countdowns (tick+notify+paint): {ms(live)} CPU   ratio {live / base:5.2f}")

    for countdowns in (False, True):
        model, view = views[countdowns]
        timer = QTimer()
        timer.setInterval(1000)
        timer.timeout.connect(model.tick)
        if countdowns:
            timer.timeout.connect(lambda: notifier.check(clock.now()))
            timer.start()
        bar = view.verticalScrollBar()
        gaps: list[float] = []
        elapsed = QElapsedTimer()
        elapsed.start()
        last = elapsed.nsecsElapsed()
        deadline = 2_500_000_000  # 2.5 s of scrolling
        step = 0
        while elapsed.nsecsElapsed() < deadline:
            bar.setValue((step * 7) % max(1, bar.maximum()))
            step += 1
            app.processEvents()
            now_ns = elapsed.nsecsElapsed()
            gaps.append((now_ns - last) / 1e6)
            last = now_ns
        timer.stop()
        gaps.sort()
        p50 = gaps[len(gaps) // 2]
        p99 = gaps[int(len(gaps) * 0.99)]
        label = "with countdowns   " if countdowns else "without countdowns"
        print(
            f"scrolling {label}: {len(gaps):5d} frames, event-loop turn p50 {p50:6.2f} ms, "
            f"p99 {p99:6.2f} ms, max {gaps[-1]:6.2f} ms"
        )
        view.close()

    def first_page() -> None:
        with factory.begin() as s:
            svc.list_orders(s, ADMIN, svc.OrderQuery(limit=200))

    def plain_page() -> None:
        with factory.begin() as s:
            s.execute(text("SELECT * FROM work_orders LIMIT 200")).all()

    def all_page() -> None:
        with factory.begin() as s:
            svc.list_orders(s, ADMIN, svc.OrderQuery(status="all", limit=200))

    base = best(plain_page)
    print(f"plain SELECT of 200 rows (baseline):          {ms(base)}")
    t = best(first_page)
    print(f"first page of open orders, by urgency:        {ms(t)}   ratio {t / base:5.2f}")
    t = best(all_page)
    print(f"first page of all 100 000, by urgency:        {ms(t)}   ratio {t / base:5.2f}")


def bench_statistics(factory: sessionmaker[Session]) -> None:
    clock = FixedClock(NOW)
    month = NOW - timedelta(days=60)
    y, m = month.year, month.month

    def stats() -> None:
        with factory.begin() as s:
            svc.monthly_statistics(s, ADMIN, y, m, clock=clock)

    def one_query() -> None:
        with factory.begin() as s:
            svc.monthly_counts_sql(s, ADMIN, y, m)

    with factory.begin() as s:
        result = svc.monthly_statistics(s, ADMIN, y, m, clock=clock)
    base = best(one_query)
    t = best(stats)
    print(f"month {y}-{m:02d}: {result.total.received} orders received")
    print(f"one aggregate SQL query (baseline):           {ms(base)}")
    print(f"monthly statistics by grid and category:      {ms(t)}   ratio {t / base:5.2f}")


def main() -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        factory = build(Path(tmp) / "bench.db")
        print(f"built {ORDERS} orders ({OPEN} open) in {time.perf_counter() - t:.1f} s")
        bench_list(factory, app)
        bench_statistics(factory)
        factory.kw["bind"].dispose()


if __name__ == "__main__":
    main()
