"""Concurrent edits through the county: both survive, or one stands and a conflict
record keeps the other on every side; the no-lost-value audit holds."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from desktop.store.models import Household, Person, WorkOrder
from desktop.store.models_sync import SyncConflict
from desktop.sync.merge import ChangeData, ConflictData, Outcome, RowState, merge_change
from tests.sync.harness import Node, add_household, edit, get, settle


def _conflicts(node: Node, kind: str | None = None) -> list[SyncConflict]:
    with node.session() as s:
        query = select(SyncConflict)
        if kind:
            query = query.where(SyncConflict.kind == kind)
        return list(s.scalars(query))


def test_two_devices_and_the_county_end_with_the_same_records(pair: tuple[Node, Node]) -> None:
    a, b = pair
    add_household(a, "H-A", phone="13800000001")
    add_household(b, "H-B", phone="13800000002")
    settle([a, b])
    assert a.records() == b.records()
    county = a.county.record_values("433127100")
    assert {k for k in a.records() if k[0] == "households"} == {
        k for k in county if k[0] == "households"
    }
    assert not a.audit() and not b.audit()


def test_different_fields_of_one_record_both_survive(pair: tuple[Node, Node]) -> None:
    a, b = pair
    hid = add_household(a, "H-1")
    settle([a, b])
    edit(a, Household, hid, phone="13911112222")
    edit(b, Household, hid, room="302")
    settle([a, b])
    for node in (a, b):
        assert get(node, Household, hid, "phone") == "13911112222"
        assert get(node, Household, hid, "room") == "302"
        assert _conflicts(node) == []


def test_same_field_two_values_one_stands_and_both_sides_keep_the_conflict(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    hid = add_household(a, "H-1", phone="13800000000")
    settle([a, b])
    edit(a, Household, hid, phone="13911111111")
    edit(b, Household, hid, phone="13922222222")  # later: it stands
    settle([a, b])
    assert get(a, Household, hid, "phone") == get(b, Household, hid, "phone") == "13922222222"
    for node in (a, b):
        (c,) = _conflicts(node, "field")
        assert (c.field, c.base, c.kept, c.other) == (
            "phone",
            "13800000000",
            "13922222222",
            "13911111111",
        )
        assert c.kept_device == b.device_id and c.other_device == a.device_id
        assert c.kept_hlc > c.other_hlc
        assert not node.audit()
    assert {c.id for c in _conflicts(a)} == {c.id for c in _conflicts(b)}


def _order(node: Node, hid: str) -> str:
    with node.session() as s:
        now = datetime(2026, 11, 22, 9, tzinfo=UTC)
        order = WorkOrder(
            code="GD-1",
            household_id=hid,
            category="repairs",
            source="walk_in",
            description="水管漏水",
            status="received",
            received_at=now,
        )
        s.add(order)
        s.flush()
        return order.id


def test_work_order_status_merges_by_lifecycle(pair: tuple[Node, Node]) -> None:
    a, b = pair
    oid = _order(a, add_household(a, "H-1"))
    settle([a, b])
    edit(a, WorkOrder, oid, status="on_site")
    edit(b, WorkOrder, oid, status="responded")  # later in time, earlier in the lifecycle
    settle([a, b])
    assert get(a, WorkOrder, oid, "status") == get(b, WorkOrder, oid, "status") == "on_site"
    assert _conflicts(a) == [] and _conflicts(b) == []
    assert not a.audit() and not b.audit()


def test_cancelled_against_done_is_a_conflict(pair: tuple[Node, Node]) -> None:
    a, b = pair
    oid = _order(a, add_household(a, "H-1"))
    settle([a, b])
    edit(a, WorkOrder, oid, status="resolved")
    edit(b, WorkOrder, oid, status="cancelled")
    settle([a, b])
    assert get(a, WorkOrder, oid, "status") == get(b, WorkOrder, oid, "status")
    for node in (a, b):
        (c,) = _conflicts(node, "field")
        assert {c.kept, c.other} == {"resolved", "cancelled"}


def test_an_edit_racing_a_delete_is_a_conflict_not_a_loss(pair: tuple[Node, Node]) -> None:
    a, b = pair
    hid = add_household(a, "H-1")
    settle([a, b])
    edit(a, Household, hid, deleted=True)
    edit(b, Household, hid, phone="13933334444")
    settle([a, b])
    for node in (a, b):
        assert get(node, Household, hid, "deleted") is True
        assert get(node, Household, hid, "phone") == "13933334444"
        (c,) = _conflicts(node, "delete")
        assert c.other == {"phone": "13933334444"}
        assert not node.audit()


def test_one_resident_id_on_two_persons_is_a_possible_duplicate(pair: tuple[Node, Node]) -> None:
    a, b = pair
    ha = add_household(a, "H-A")
    settle([a, b])
    rid = "433127199001011239"
    for node, name in ((a, "张三"), (b, "张叁")):
        with node.session() as s:
            s.add(Person(household_id=ha, name=name, resident_id=rid, relation="head"))
    settle([a, b])
    with a.session() as s:
        assert len(s.scalars(select(Person).where(Person.resident_id == rid)).all()) == 2
    for node in (a, b):
        (c,) = _conflicts(node, "duplicate")
        assert c.kept == rid and c.other_row_id is not None


def test_replaying_a_package_applies_nothing(pair: tuple[Node, Node]) -> None:
    a, b = pair
    hid = add_household(a, "H-1")
    a.up()
    data, _ = b.county.export_for(b.device_id)
    first = b.receive(data)
    assert first.status == "applied"
    again = b.receive(data)
    assert again.status == "replayed" and again.counts.get("applied", 0) == 0
    assert get(b, Household, hid, "code") == "H-1"
    # the device's own package replayed at the county
    export = a.export()
    a.county.import_package(export.data)
    assert a.county.import_package(export.data).status == "replayed"


def test_a_package_after_a_gap_is_held_then_applied_when_the_gap_is_filled(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    h1 = add_household(a, "H-1")
    a.up()
    first, first_pkg = b.county.export_for(b.device_id)
    # the county believes the first arrived (its acknowledgement came by another stick)
    with b.county.sessions.begin() as s:
        from server.models import CountyDevice

        dev = s.get(CountyDevice, b.device_id)
        assert dev is not None
        dev.acked_upto = first_pkg.last
    h2 = add_household(a, "H-2")
    a.up()
    second, second_pkg = b.county.export_for(b.device_id)
    assert second_pkg.first == first_pkg.last + 1
    held = b.receive(second)
    assert held.status == "held"
    assert held.missing is not None and held.missing[1] == first_pkg.last
    assert get(b, Household, h2, "code") is None
    done = b.receive(first)
    assert done.status == "applied" and done.released == 1
    assert get(b, Household, h1, "code") == "H-1"
    assert get(b, Household, h2, "code") == "H-2"
    assert not b.audit()


def test_county_holds_a_device_package_after_a_gap(pair: tuple[Node, Node]) -> None:
    a, _ = pair
    add_household(a, "H-1")
    p1 = a.export()  # range 1..n, never delivered ...
    add_household(a, "H-2")
    # ... then acknowledged range pretend: craft a package starting after the gap
    with a.session() as s:
        from desktop.store.models_sync import SyncPeer

        peer = s.scalar(select(SyncPeer))
        assert peer is not None
        peer.acked_upto = p1.last
    p2 = a.export()
    held = a.county.import_package(p2.data)
    assert held.status == "held" and held.missing == (held.missing[0], p1.last)
    applied = a.county.import_package(p1.data)
    assert applied.status == "applied"
    codes = {v.get("code") for (t, _), v in a.county.record_values().items() if t == "households"}
    assert {"H-1", "H-2"} <= codes


class _Store:
    def __init__(self, row: RowState | None):
        self.row = row

    def load(self, table: str, row_id: str) -> RowState | None:
        return self.row

    def find_change(self, device_id: str, seq: int) -> ChangeData | None:
        return None

    def same_value_rows(self, table: str, column: str, value: object, row_id: str) -> list[str]:
        return []


def test_an_update_for_a_row_never_seen_is_rejected_not_invented() -> None:
    change = ChangeData(
        "d", 1, "0000000000001-00000", None, "households", "x", "update", {"phone": ["1", ""]}
    )
    out = merge_change(_Store(None), change, frozenset({"phone"}))
    assert isinstance(out, Outcome) and out.status == "rejected" and out.reason == "unknown_row"
    assert ConflictData is not None


def test_a_hotline_request_transferred_by_the_county_reaches_only_its_township(
    pair: tuple[Node, Node], node_factory
) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    other = node_factory(name="o", township_code="433127101")
    other.sync()
    hid = add_household(a, "H-1")
    settle([a, b])
    oid = a.county.transfer_work_order(
        township_code="433127100", household_id=hid, description="楼道灯不亮", category="repairs"
    ).id
    settle([a, b, other])
    for node in (a, b):
        assert get(node, WorkOrder, oid, "source") == "county"
        assert get(node, WorkOrder, oid, "description") == "楼道灯不亮"
    assert get(other, WorkOrder, oid, "id") is None
    edit(b, WorkOrder, oid, status="responded")
    settle([a, b])
    assert get(a, WorkOrder, oid, "status") == "responded"
    assert a.county.record_values()[("work_orders", oid)]["status"] == "responded"


def test_a_value_that_comes_back_does_not_let_an_older_edit_stand(pair: tuple[Node, Node]) -> None:
    a, b = pair
    hid = add_household(a, "H-1", room="1")
    settle([a, b])
    edit(b, Household, hid, room="3")  # the oldest of the three edits
    edit(a, Household, hid, room="2")
    edit(a, Household, hid, room="1")  # back to what b had seen
    a.up()
    b.up()
    settle([a, b])
    assert get(a, Household, hid, "room") == get(b, Household, hid, "room") == "1"
    assert a.county.record_values()[("households", hid)]["room"] == "1"
    for node in (a, b):
        (c,) = _conflicts(node, "field")
        assert c.other == "3"
        assert not node.audit()
