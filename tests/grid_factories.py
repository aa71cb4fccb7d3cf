"""A small township where every number of the coverage board is known by hand.

Clock: 2026-11-20 12:00 Beijing time (month 2026-11), Xiangxi profile (old houses
down within 180 days of moving in, at once in a hazard zone, land reclaimed
within 180 days of demolition).

    site 幸福家园 (S-A)                         site 青山 (S-B)
      grid 一网格 G1 (member 王一)               grid 三网格 G3 (no member)
        building 1栋: h1, h2                       h8
        building 2栋: h3, h4
        no building:  h5
      grid 二网格 G2 (member 赵二)
        building 3栋: h6, h7
      no grid: h9 (site A);  h10 deleted (G1)

Expected board (see ``EXPECTED``) is counted in the comments of ``build``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import MonitoringCategory, OrderStatus, VisitKind
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.services.work_orders import OPEN_STATUSES
from desktop.store.models import Household, Person, WorkOrder
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

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)  # 12:00 in the township
MONTH = "2026-11"

# households, persons, labourers, employed, zero_employment, monitored, visited,
# open_orders, overdue_orders, old_house_overdue
EXPECTED = {
    "G1": (5, 8, 5, 2, 1, 2, 3, 2, 1, 3),
    "G2": (2, 4, 4, 2, 1, 0, 1, 2, 1, 0),
    "G3": (1, 1, 1, 1, 0, 0, 1, 0, 0, 0),
    None: (1, 1, 1, 0, 1, 0, 0, 1, 1, 0),
}


@dataclass
class Township:
    clock: FixedClock
    site_a: str
    site_b: str
    g1: str
    g2: str
    g3: str
    b1: str
    b2: str
    b3: str
    h: dict[str, str]  # "h1" -> id
    member1: Actor
    member2: Actor
    persons: dict[str, str]  # name -> id


def _worker(name: str, labour: str, employment: str, **extra: object) -> object:
    return member(name, labour=labour, employment=employment, **extra)


def build(factory: sessionmaker[Session]) -> Township:
    with factory.begin() as s:
        site_a = make_site(s, name="幸福家园", code="S-A")
        site_b = make_site(s, name="青山", code="S-B")
        g1 = make_grid(s, site_a, name="一网格", code="G1")
        g2 = make_grid(s, site_a, name="二网格", code="G2")
        g3 = make_grid(s, site_b, name="三网格", code="G3")
        m1 = make_user(s, grids=[g1], username="wang1", display_name="王一")
        m2 = make_user(s, grids=[g2], username="zhao2", display_name="赵二")
        b1 = make_building(s, site_a, g1, name="1栋", code="B1")
        b2 = make_building(s, site_a, g1, name="2栋", code="B2")
        b3 = make_building(s, site_a, g2, name="3栋", code="B3")

        def hh(code: str, members: list[object], **kw: object) -> Household:
            kw.setdefault("old_house_status", "none")
            return make_household(s, code=code, members=members, **kw)  # type: ignore[arg-type]

        # h1: 3 persons, 2 labourers, 1 employed; seen 11-05; land not reclaimed
        # 180 days after demolition on 03-01 (due 08-28): old house overdue.
        h1 = hh(
            "H1",
            [
                _worker("张一", "full", "employed"),
                _worker("李一", "partial", "unemployed", relation="spouse"),
                _worker("张小一", "none", "not_applicable", relation="son"),
            ],
            building=b1,
            room="101",
            old_house_status="demolished",
            old_house_demolished_on=date(2026, 3, 1),
        )
        # h2: 2 labourers, nobody employed (farming is not employment): zero employment;
        # monitored; seen only in October; still standing 180 days after 01-01: overdue.
        h2 = hh(
            "H2",
            [
                _worker("刘二", "skilled", "unemployed"),
                _worker("陈二", "full", "farming", relation="spouse"),
            ],
            building=b1,
            room="102",
            monitoring=MonitoringCategory.UNSTABLE,
            old_house_status="standing",
            move_in_date=date(2026, 1, 1),
        )
        # h3: one elderly person, no labour (not zero-employment); seen twice on 11-19;
        # hazard-zone house moved out of on 11-19, still standing: overdue at once.
        h3 = hh(
            "H3",
            [_worker("赵三", "none", "not_applicable")],
            building=b2,
            room="201",
            old_house_status="standing",
            old_house_hazard=True,
            move_in_date=date(2026, 11, 19),
        )
        # h4: a public-welfare post counts as employed; monitored; not seen; reclaimed.
        h4 = hh(
            "H4",
            [_worker("孙四", "full", "public_welfare")],
            building=b2,
            room="202",
            monitoring=MonitoringCategory.MARGINAL,
            old_house_status="reclaimed",
        )
        # h5: no building (scattered); lost labour; phoned 11-01; standing since
        # moving in 06-01, due 11-28: not yet overdue.
        h5 = hh(
            "H5",
            [_worker("周五", "lost", "not_applicable")],
            site=site_a,
            grid=g1,
            room="",
            old_house_status="standing",
            move_in_date=date(2026, 6, 1),
        )
        # h6: 3 labourers, 2 employed; seen today.
        h6 = hh(
            "H6",
            [
                _worker("吴六", "full", "self_employed"),
                _worker("郑六", "full", "employed", relation="spouse"),
                _worker("吴小六", "skilled", "unemployed", relation="son"),
            ],
            building=b3,
            room="301",
        )
        # h7: 1 labourer, unemployed (a deleted employed member does not count):
        # zero employment; its only November visit was deleted.
        h7 = hh("H7", [_worker("冯七", "full", "unemployed")], building=b3, room="302")
        # h8 (site B): 1 employed labourer, seen.
        h8 = hh("H8", [_worker("何八", "full", "employed")], site=site_b, grid=g3, room="1")
        # h9: in site A but in no grid: zero employment, not seen.
        h9 = hh("H9", [_worker("马九", "full", "unemployed")], site=site_a, room="9")
        # h10: deleted, in G1: counts nowhere.
        h10 = hh("H10", [_worker("冷十", "full", "unemployed")], building=b1, room="110")
        h10.deleted = True
        ghost = Person(
            household_id=h7.id,
            name="冯已删",
            resident_id="433127199001010011",
            relation="son",
            labour="full",
            employment="employed",
            deleted=True,
        )
        s.add(ghost)

        make_visit(s, h1, visited_on=date(2026, 11, 5), user_id=m1.user_id)
        make_visit(s, h2, visited_on=date(2026, 10, 30), user_id=m1.user_id)
        make_visit(s, h3, visited_on=date(2026, 11, 19), user_id=m1.user_id)
        make_visit(s, h3, visited_on=date(2026, 11, 19), kind=VisitKind.PHONE)
        make_visit(s, h5, visited_on=date(2026, 11, 1), kind=VisitKind.PHONE)
        make_visit(s, h6, visited_on=date(2026, 11, 20), user_id=m2.user_id)
        make_visit(s, h7, visited_on=date(2026, 11, 10)).deleted = True
        make_visit(s, h8, visited_on=date(2026, 11, 2))

        def order(
            household: Household | None,
            status: OrderStatus,
            due: datetime | None,
            *,
            grid: str | None = None,
            handler: str | None = None,
        ) -> WorkOrder:
            if household is not None:
                o = make_work_order(s, household, status=status)
            else:
                o = WorkOrder(
                    code=f"WG-{status.value}",
                    grid_id=grid,
                    category="repairs",
                    source="hotline",
                    status=status.value,
                    received_at=NOW,
                    description="路灯不亮",
                )
                s.add(o)
            o.resolve_due = due
            # the running deadline, as the service keeps it: what "overdue" is counted from
            o.next_due = due if status.value in OPEN_STATUSES else None
            o.next_stage = "resolve" if o.next_due is not None else ""
            o.handler_id = handler
            s.flush()
            return o

        overdue, later = datetime(2026, 11, 19, tzinfo=UTC), datetime(2026, 11, 25, tzinfo=UTC)
        order(h1, OrderStatus.RECEIVED, overdue, handler=m1.user_id)  # G1 open, overdue
        order(h2, OrderStatus.RESPONDED, later, handler=m1.user_id)  # G1 open
        order(h1, OrderStatus.RESOLVED, overdue, handler=m1.user_id)  # closed
        order(None, OrderStatus.ON_SITE, datetime(2026, 11, 18, tzinfo=UTC), grid=g2.id)  # G2
        order(h6, OrderStatus.TRANSFERRED, None)  # G2 open, no deadline
        order(h9, OrderStatus.RECEIVED, overdue)  # no grid, overdue
        order(h4, OrderStatus.CANCELLED, overdue)  # closed

        persons = {p.name: p.id for p in s.query(Person).all()}
        return Township(
            clock=FixedClock(NOW),
            site_a=site_a.id,
            site_b=site_b.id,
            g1=g1.id,
            g2=g2.id,
            g3=g3.id,
            b1=b1.id,
            b2=b2.id,
            b3=b3.id,
            h={h.code.lower(): h.id for h in (h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)},
            member1=m1,
            member2=m2,
            persons=persons,
        )
