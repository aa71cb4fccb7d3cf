"""Laptops whose clocks are wrong, syncing by USB stick: what a wrong clock can do is
bounded, and deadlines stay honest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from desktop.domain.enums import OrderCategory, OrderSource
from desktop.services import sync as sync_service
from desktop.services import work_orders as orders
from desktop.store.models import Change, Household, WorkOrder
from desktop.sync.hlc import hlc_time
from tests.sync.harness import Node, admin, edit, get, new_household, settle

TWO_DAYS = timedelta(days=2)
EIGHT_HOURS = timedelta(hours=8)


def _intake(node: Node, household_id: str) -> str:
    with node.session() as s:
        return orders.intake(
            s,
            admin(node),
            description="楼道灯坏了",
            category=OrderCategory.REPAIRS,
            source=OrderSource.WALK_IN,
            household_id=household_id,
        ).row.id


def _newest_stamp(node: Node) -> datetime:
    with node.session() as s:
        stamp = s.scalar(
            select(Change.hlc)
            .where(Change.device_id == node.device_id)
            .order_by(Change.seq.desc())
            .limit(1)
        )
    moment = hlc_time(stamp)
    assert moment is not None
    return moment


def test_a_laptop_two_days_slow_learns_the_time_from_the_stick_and_its_steps_count(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    b.skew = -TWO_DAYS
    hid = new_household(a)
    order_id = _intake(a, hid)
    settle([a, b])  # by stick: the county's package tells b it is behind
    with b.session() as s:
        status = sync_service.status(s, admin(b))
        assert status.clock_off_minutes is not None and status.clock_off_minutes <= -2 * 24 * 60 + 5
        detail = orders.respond(s, admin(b), order_id)  # "now", on b
    assert detail.row.status == "responded"
    new = _intake(b, hid)
    settle([a, b])
    received = get(a, WorkOrder, new, "received_at")
    assert abs(received - datetime.now(UTC)) < timedelta(minutes=6)
    assert get(a, WorkOrder, new, "next_due") > datetime.now(UTC)  # not two days overdue
    assert a.records() == b.records()


def test_a_laptop_eight_hours_fast_drags_no_one_and_is_set_right(
    pair: tuple[Node, Node],
) -> None:
    a, c = pair
    c.skew = EIGHT_HOURS
    first, second = new_household(a), new_household(a)
    settle([a, c])
    # before any package tells it, the fast laptop's edit carries its fast stamp
    edit(c, Household, first, room="101")
    assert _newest_stamp(c) > datetime.now(UTC) + timedelta(hours=7)
    settle([a, c])
    edit(a, Household, second, room="202")
    assert _newest_stamp(a) < datetime.now(UTC) + timedelta(minutes=6)  # not dragged
    edit(a, Household, first, room="102")  # having seen 101: an edit after it
    settle([a, c])
    assert get(a, Household, first, "room") == get(c, Household, first, "room") == "102"
    with c.session() as s:
        off = sync_service.status(s, admin(c)).clock_off_minutes
    assert off is not None and off >= 8 * 60 - 6
    new = _intake(c, second)
    settle([a, c])
    assert abs(get(a, WorkOrder, new, "received_at") - datetime.now(UTC)) < timedelta(minutes=6)
    assert a.records() == c.records()
    assert a.audit() == [] and c.audit() == []
