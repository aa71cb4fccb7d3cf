"""A township of several laptops: what each laptop does offline meets at the county and
every laptop ends up holding the same records and the same conflicts."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import date

from sqlalchemy import insert, select

from desktop.demo.builder import build_demo
from desktop.services import conflicts, survey
from desktop.services import sync as sync_service
from desktop.services.actor import SYSTEM
from desktop.services.households import refresh_search_keys
from desktop.store.base import new_id
from desktop.store.models import Household, Person, Site
from desktop.store.models_sync import SyncConflict, SyncReceipt
from server.models import CountyChange, CountyConflict
from tests.sync.harness import (
    Node,
    add_household,
    add_member,
    admin,
    edit,
    get,
    id_number,
    new_household,
    settle,
)


def conflict_state(node: Node) -> set[tuple[str, str, str]]:
    with node.session() as s:
        return {
            (c.id, c.status, str((c.decision or {}).get("ref")))
            for c in s.scalars(select(SyncConflict))
        }


def county_conflicts(node: Node) -> set[tuple[str, str, str]]:
    with node.county.sessions.begin() as s:
        return {
            (c.id, c.status, str((c.data.get("decision") or {}).get("ref")))
            for c in s.scalars(select(CountyConflict))
        }


def test_a_township_built_and_edited_before_enrolment_reaches_a_fresh_laptop(
    node_factory: Callable[..., Node],
) -> None:
    edited: dict[str, str] = {}

    def build(node: Node) -> None:
        with node.session() as s:
            build_demo(s, households=12, seed=3, today=date(2026, 11, 20))
        with node.session() as s:
            hid = s.scalars(select(Household.id).order_by(Household.code)).first()
            assert hid is not None
        actor = admin(node)
        with node.session() as s:
            form = survey.household_input(s, actor, hid)
            survey.save_household(s, actor, dataclasses.replace(form, room="909"))
        edited["id"] = hid

    a = node_factory(name="a", before_enrolment=build)
    with a.session() as s:
        shown = sync_service.status(s, admin(a)).pending  # what the Sync page says
    sent = a.export()
    assert sent.count == shown  # the number shown before an export is the number it sends
    with a.session() as s:
        assert sync_service.status(s, admin(a)).pending == shown
    a.sync()
    with a.session() as s:
        refused = s.scalars(select(SyncReceipt).where(SyncReceipt.status == "rejected")).all()
    assert [(r.seq, r.reason) for r in refused] == []
    b = node_factory(name="b", set_up=False)
    b.sync()
    assert get(b, Household, edited["id"], "room") == "909"
    assert b.records() == a.records()
    with b.session() as s:
        assert s.scalar(select(Person.id).limit(1)) is not None
    assert a.audit() == [] and b.audit() == []


def test_two_laptops_adding_households_in_one_site_never_give_one_code(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    first = new_household(a)
    settle([a, b])
    made = [new_household(a), new_household(b), new_household(b)]
    settle([a, b])
    codes = {get(a, Household, h, "code") for h in [first, *made]}
    assert len(codes) == 4
    assert a.records() == b.records()
    assert conflict_state(a) == conflict_state(b) == set()


def test_one_code_typed_on_two_laptops_is_one_duplicate_everywhere_and_blocks_nothing(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    new_household(a)
    settle([a, b])
    one = new_household(a, code="XQ-0001")
    two = new_household(b, code="XQ-0001")
    settle([a, b])
    for node in (a, b):
        assert get(node, Household, one, "code") == get(node, Household, two, "code") == "XQ-0001"
    assert conflict_state(a) == conflict_state(b) == county_conflicts(a)
    with b.session() as s:
        (dup,) = conflicts.list_conflicts(s, SYSTEM)
        assert dup.kind == "duplicate" and dup.field_label == "户编号"
        assert {dup.row_id, dup.other_row_id} == {one, two}
        conflicts.resolve_conflict(s, admin(b), dup.id, choice="custom", value="XQ-0002")
    settle([a, b])
    assert {get(a, Household, h, "code") for h in (one, two)} == {"XQ-0001", "XQ-0002"}
    assert conflict_state(a) == conflict_state(b) == county_conflicts(a)
    assert all(status == "resolved" for _, status, _ in conflict_state(a))
    assert a.records() == b.records()


def test_three_laptops_hold_the_same_conflicts_and_show_what_really_stands(
    node_factory: Callable[..., Node],
) -> None:
    a = node_factory(name="a")
    b = node_factory(name="b", set_up=False)
    c = node_factory(name="c", set_up=False)
    hid = add_household(a, "H-1", phone="13800000001")
    settle([a, b, c])
    edit(a, Household, hid, phone="13800000002")  # p1 -> p2
    a.up()
    b.down()
    edit(b, Household, hid, phone="13800000001")  # back to p1, having seen p2
    edit(c, Household, hid, phone="13800000003")  # p1 -> p3, offline all along
    rng = random.Random(7)
    for _ in range(4):
        order = [a, b, c]
        rng.shuffle(order)
        for node in order:
            node.up()
        for node in order:
            node.down()
    states = [conflict_state(n) for n in (a, b, c)]
    assert states[0] == states[1] == states[2] == county_conflicts(a)
    standing = get(a, Household, hid, "phone")
    assert get(b, Household, hid, "phone") == get(c, Household, hid, "phone") == standing
    for node in (a, b, c):
        with node.session() as s:
            for view in conflicts.list_conflicts(s, SYSTEM):
                assert view.current == standing
    with c.session() as s:
        for view in conflicts.list_conflicts(s, SYSTEM):
            conflicts.resolve_conflict(s, admin(c), view.id, choice="current")
    settle([a, b, c])
    assert get(a, Household, hid, "phone") == standing  # "keep" undid nothing
    assert conflict_state(a) == conflict_state(b) == conflict_state(c) == county_conflicts(a)
    assert all(n.audit() == [] for n in (a, b, c))


def test_two_reviewers_deciding_differently_are_shown_to_a_third(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    hid = new_household(a, phone="13800000001")
    settle([a, b])
    edit(a, Household, hid, phone="13800000002")
    edit(b, Household, hid, phone="13800000003")
    settle([a, b])
    with a.session() as s:
        (first,) = conflicts.list_conflicts(s, SYSTEM)
        conflicts.resolve_conflict(s, admin(a), first.id, choice="current")
    with b.session() as s:
        (same,) = conflicts.list_conflicts(s, SYSTEM)
        conflicts.resolve_conflict(s, admin(b), same.id, choice="other")
    settle([a, b])
    assert conflict_state(a) == conflict_state(b) == county_conflicts(a)
    with a.session() as s:
        (clash,) = conflicts.list_conflicts(s, SYSTEM)
    assert clash.kind == "decision" and clash.kind_label == "两位审核人决定不同"
    assert {clash.kept, clash.other} == {"13800000002", "13800000003"}


def test_a_change_naming_a_record_the_county_lacks_waits_there_and_arrives_in_order(
    pair: tuple[Node, Node],
) -> None:
    """A member saved before its household's first change (the household came in by a
    bulk write): the county holds the member back until the household arrives, so the
    other laptop is never sent a member of a household it cannot have."""
    a, b = pair
    new_household(a)
    settle([a, b])
    hid = new_id()
    with a.session() as s:
        site = s.scalar(select(Site.id))
        s.execute(
            insert(Household), [{"id": hid, "code": "BULK-1", "site_id": site, "category": "filed"}]
        )
        s.add(Person(household_id=hid, name="赵六", resident_id=id_number(), relation="head"))
        s.flush()
        refresh_search_keys(s, hid)
    a.up()  # the member's change comes first, the household's (baseline) after it
    with a.county.sessions.begin() as s:
        order = [
            r.table_name
            for r in s.scalars(
                select(CountyChange)
                .where(CountyChange.table_name.in_(["households", "persons"]))
                .order_by(CountyChange.pos)
            )
            if r.row_id == hid or (r.fields.get("household_id") or [None])[0] == hid
        ]
    assert order == ["households", "persons"]
    b.down()
    assert get(b, Household, hid, "member_count") == 1
    assert b.records() == a.records()


def test_two_laptops_naming_different_heads_leave_one_head_and_a_question(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    hid = new_household(a)
    add_member(a, hid, "李四")
    add_member(a, hid, "王五")
    settle([a, b])

    def make_head(node: Node, name: str) -> None:
        actor = admin(node)
        with node.session() as s:
            form = survey.household_input(s, actor, hid)
            members = tuple(
                dataclasses.replace(
                    m,
                    relation="head"
                    if m.name == name
                    else ("son" if m.relation == "head" else m.relation),
                )
                for m in form.members
            )
            survey.save_household(s, actor, dataclasses.replace(form, members=members))

    make_head(a, "李四")
    make_head(b, "王五")
    settle([a, b])
    for node in (a, b):
        with node.session() as s:
            heads = s.scalars(
                select(Person.name).where(
                    Person.household_id == hid, Person.relation == "head", Person.deleted.is_(False)
                )
            ).all()
        assert len(heads) == 1, node.name
        assert get(node, Household, hid, "head_name") == heads[0]
    assert a.records() == b.records()
    assert conflict_state(a) == conflict_state(b) == county_conflicts(a)
    with a.session() as s:
        (question,) = conflicts.list_conflicts(s, SYSTEM)
    assert question.kind == "head" and question.current == "other"
    assert question.choices == ("current", "custom")


def test_typing_a_code_another_household_holds_is_refused_at_the_field(
    pair: tuple[Node, Node],
) -> None:
    from desktop.domain.errors import ValidationError
    from desktop.messages import error_message

    a, _ = pair
    new_household(a, code="XQ-0001")
    try:
        new_household(a, code="XQ-0001")
    except ValidationError as exc:
        assert exc.field == "code" and "XQ-0001" in error_message(exc)
    else:
        raise AssertionError("a taken code was accepted")
