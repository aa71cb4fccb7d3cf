"""Randomised: 2-5 devices edit at random while packages are lost, duplicated and
delivered out of order; after a final round everyone holds the same records and
no value anyone wrote is lost."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.store.models import Household, WorkOrder
from desktop.sync.merge import ORDER_STAGE
from tests.sync.harness import Node, add_household, edit, get, make_county, make_node, settle

FIELDS = ("phone", "room", "unit", "cadre_name")
VALUES = ("", "1", "2", "3")
STATUSES = ("responded", "on_site", "resolved", "answered", "cancelled", "received")

step = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 4), st.integers(0, 2), st.just(""), st.just("")),
    st.tuples(
        st.just("edit"),
        st.integers(0, 4),
        st.integers(0, 5),
        st.sampled_from(FIELDS),
        st.sampled_from(VALUES),
    ),
    st.tuples(st.just("delete"), st.integers(0, 4), st.integers(0, 5), st.just(""), st.just("")),
    st.tuples(st.just("up"), st.integers(0, 4), st.integers(0, 0), st.just(""), st.just("")),
    st.tuples(
        st.just("status"),
        st.integers(0, 4),
        st.integers(0, 0),
        st.just(""),
        st.sampled_from(STATUSES),
    ),
    st.tuples(st.just("down"), st.integers(0, 4), st.integers(0, 0), st.just(""), st.just("")),
    st.tuples(
        st.just("deliver"), st.integers(0, 9), st.sampled_from([0, 1, 2]), st.just(""), st.just("")
    ),
)


@pytest.mark.slow
@settings(
    max_examples=int(os.environ.get("ANJU_CONVERGENCE_EXAMPLES", "12")),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(devices=st.integers(2, 5), steps=st.lists(step, min_size=5, max_size=40), seed=st.integers())
def test_everyone_converges_and_nothing_is_lost(
    devices: int, steps: list[tuple[str, int, int, str, str]], seed: int
) -> None:
    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix="anju-conv-"))
    county = make_county(f"sqlite+pysqlite:///{tmp / 'county.db'}")
    nodes: list[Node] = []
    try:
        nodes.append(make_node(county, tmp, name="n0"))
        for i in range(1, devices):
            nodes.append(make_node(county, tmp, set_up=False, name=f"n{i}"))
        households: list[str] = [add_household(nodes[0], "H-0")]
        order_id = _work_order(nodes[0], households[0])
        settle(nodes, rounds=2)  # everyone enrolled and holding the township's records
        in_flight: list[tuple[str, Node, bytes]] = []  # (direction, device, bytes)
        made = 1
        for kind, who, which, column, value in steps:
            node = nodes[who % devices]
            if kind == "create":
                households.append(
                    add_household(node, f"H-{made}-{node.name}")
                    if get(node, Household, households[0], "id")
                    else households[0]
                )
                made += 1
            elif kind in ("edit", "delete"):
                hid = households[which % len(households)]
                if get(node, Household, hid, "id") is None or get(node, Household, hid, "deleted"):
                    continue
                if kind == "edit":
                    edit(node, Household, hid, **{column: value})
                else:
                    edit(node, Household, hid, deleted=True)
            elif kind == "status":
                # the lifecycle moves forward (a reviewer's correction aside)
                current = get(node, WorkOrder, order_id, "status")
                if current is not None and ORDER_STAGE[value] >= ORDER_STAGE[current]:
                    edit(node, WorkOrder, order_id, status=value)
            elif kind == "up":
                in_flight.append(("up", node, node.export().data))
            elif kind == "down":
                in_flight.append(("down", node, county.export_for(node.device_id)[0]))
            elif kind == "deliver" and in_flight:
                index = rng.randrange(len(in_flight))
                direction, target, data = in_flight[index]
                if which == 0:  # lost
                    in_flight.pop(index)
                    continue
                if which == 1:  # delivered, and the copy is gone
                    in_flight.pop(index)
                # which == 2: delivered, and a copy stays to arrive again later
                if direction == "up":
                    county.import_package(data)
                else:
                    target.receive(data)
        for direction, target, data in in_flight:  # stragglers arrive late
            if direction == "up":
                county.import_package(data)
            else:
                target.receive(data)
        settle(nodes, rounds=3)
        reference = nodes[0].records()
        for node in nodes[1:]:
            assert node.records() == reference, node.name
        county_rows = county.record_values("433127100")
        for key, values in reference.items():
            if key[0] == "households":
                assert county_rows[key]["phone"] == values["phone"]
                assert county_rows[key]["deleted"] == values["deleted"]
        for node in nodes:
            assert node.audit() == [], node.name
        assert county.record_values()[("work_orders", order_id)]["status"] == get(
            nodes[0], WorkOrder, order_id, "status"
        )
    finally:
        for node in nodes:
            node.close()
        county.engine.dispose()
        shutil.rmtree(tmp, ignore_errors=True)


def _work_order(node: Node, household_id: str) -> str:
    with node.session() as s:
        order = WorkOrder(
            code="GD-1",
            household_id=household_id,
            category="repairs",
            source="walk_in",
            description="水管漏水",
            status="received",
            received_at=datetime(2026, 11, 22, 9, tzinfo=UTC),
        )
        s.add(order)
        s.flush()
        return order.id
