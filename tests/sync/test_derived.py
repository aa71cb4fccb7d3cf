"""What can be computed is computed on each node, never synced, never in a conflict.

Two grid members add a member to the same household on their own laptops: each
laptop counted two members, the truth is three.  Each node must count three, find
both new members by search, show the head that the members say, and no conflict
may be about a count, a search key or a deadline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.domain.enums import Role
from desktop.domain.errors import ValidationError
from desktop.services import auth
from desktop.services import work_orders as orders
from desktop.services.clock import FixedClock
from desktop.store.models import Area, Change, Grid, Household, Site, User, WorkOrder
from desktop.store.models_sync import SyncConflict
from desktop.sync.values import derived_columns
from tests.sync.harness import Node, add_member, admin, get, new_household, settle


def test_members_added_on_two_laptops_are_counted_on_every_node(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    hid = new_household(a)
    settle([a, b])
    add_member(a, hid, "李四")
    add_member(b, hid, "王五")
    settle([a, b])
    for node in (a, b):
        assert get(node, Household, hid, "member_count") == 3, node.name
        search = get(node, Household, hid, "search_text")
        assert "李四" in search and "王五" in search, node.name
        assert get(node, Household, hid, "head_name") == "张三"
        with node.session() as s:
            assert s.scalars(select(SyncConflict)).all() == [], node.name
    assert a.records() == b.records()


def test_derived_columns_never_travel(pair: tuple[Node, Node]) -> None:
    a, b = pair
    hid = new_household(a)
    add_member(a, hid, "李四")
    with a.session() as s:
        changes = s.scalars(select(Change).where(Change.device_id == a.device_id)).all()
    sent = {(c.table_name, name) for c in changes for name in c.fields}
    for table in ("households", "persons", "work_orders"):
        assert not sent & {(table, name) for name in derived_columns(table)}
    settle([a, b])
    county = a.county.record_values()
    assert "member_count" not in county[("households", hid)]
    assert get(b, Household, hid, "member_count") == 2


def test_an_order_handed_down_by_the_county_gets_its_deadlines_on_arrival(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    order_id = a.county.transfer_work_order(township_code="433127100", description="路灯不亮").id
    settle([a, b])
    received = get(b, WorkOrder, order_id, "received_at")
    assert get(b, WorkOrder, order_id, "respond_due") == received + timedelta(minutes=3)
    assert get(b, WorkOrder, order_id, "next_due") == received + timedelta(minutes=3)
    # the escalation sweep on both laptops writes one event, and no conflict
    late = FixedClock(received + timedelta(days=5))
    for node in (a, b):
        with node.session() as s:
            orders.run_escalations(s, admin(node), clock=late)
    settle([a, b])
    for node in (a, b):
        with node.session() as s:
            events = s.scalars(
                select(orders.WorkOrderEvent).where(
                    orders.WorkOrderEvent.order_id == order_id,
                    orders.WorkOrderEvent.kind == "escalated",
                )
            ).all()
            levels = sorted(e.data["level"] for e in events)
            assert levels == sorted(set(levels)) and levels, node.name
            assert get(node, WorkOrder, order_id, "escalation_level") == max(levels)
            assert s.scalars(select(SyncConflict)).all() == []
    assert a.records() == b.records()
    assert received.tzinfo is not None and received < datetime.now(UTC)


def test_a_hotline_request_lands_in_its_households_grid_for_the_grid_member(
    pair: tuple[Node, Node],
) -> None:
    """The county hands a 12345 request down by the household's code: it arrives with
    its deadlines, in that household's grid, and that grid's member sees and answers it."""
    a, b = pair
    with a.session() as s:
        township = s.scalar(select(Area).where(Area.level == "township"))
        assert township is not None
        site = Site(area_id=township.id, code="S-1", name="幸福家园", kind="town")
        s.add(site)
        s.flush()
        grid = Grid(site_id=site.id, code="G-1", name="第一网格")
        s.add(grid)
        s.flush()
        grid_id = grid.id
        auth.create_user(
            s,
            admin(a),
            username="wgy",
            display_name="网格员",
            password="wgy-pass-2026",
            role=Role.GRID_MEMBER,
            grid_ids=(grid_id,),
        )
    hid = new_household(a, grid_id=grid_id)
    settle([a, b])
    code = get(a, Household, hid, "code")
    with pytest.raises(ValidationError):
        a.county.transfer_work_order(township_code="433127100", description=" ")
    with pytest.raises(ValidationError):
        a.county.transfer_work_order(
            township_code="433127100", description="漏水", household_id="NO-SUCH-CODE"
        )
    order = a.county.transfer_work_order(
        township_code="433127100", description="楼上漏水", household_id=code, category="repairs"
    )
    assert order.code.startswith("ZB") and order.grid_id == grid_id
    settle([a, b])
    with b.session() as s:
        user = s.scalar(select(User).where(User.username == "wgy"))
        assert user is not None
        actor = auth.actor_for(user)
        page = orders.list_orders(s, actor, orders.OrderQuery(status="open"))
        assert [r.code for r in page.rows] == [order.code]
        assert page.rows[0].next_due is not None
        orders.respond(s, actor, order.id)
    settle([a, b])
    assert get(a, WorkOrder, order.id, "status") == "responded"
