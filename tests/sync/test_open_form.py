"""A form open while a sync lands: its save merges like any other edit.

The household form passes what it showed when it opened; a field the user left
alone keeps what the sync brought, a field both changed keeps the user's value
and a conflict record keeps the other, with the same record on every node.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from desktop.domain.validation import ValidationErrors
from desktop.services import conflicts, survey
from desktop.services.actor import SYSTEM
from desktop.services.auth import actor_for
from desktop.store.models import Household, Person, Site, User
from tests.factories import resident_id_for
from tests.sync.harness import Node, edit, get, settle


def _new_household(node: Node, *names: str) -> survey.SavedHousehold:
    with node.session() as s:
        site = s.scalar(select(Site))
        assert site is not None
        members = tuple(
            survey.MemberInput(
                name=name,
                resident_id=resident_id_for(date(1980 + i, 3, 1)),
                relation="head" if i == 0 else "spouse",
            )
            for i, name in enumerate(names)
        )
        data = survey.HouseholdInput(
            site_id=site.id, members=members, phone="13800000000", room="101"
        )
        return survey.save_household(s, SYSTEM, data)


@pytest.fixture
def opened(pair: tuple[Node, Node]) -> tuple[Node, Node, survey.HouseholdInput]:
    """A household on both nodes, and B's form opened on it."""
    a, b = pair
    with a.session() as s:
        s.add(Site(area_id=_township_area(s), code="S-1", name="幸福小区", kind="town"))
    saved = _new_household(a, "张三", "李四")
    settle([a, b])
    with b.session() as s:
        shown = survey.household_input(s, SYSTEM, saved.id)
    return a, b, shown


def _township_area(s: object) -> str:
    from desktop.store.models import Area

    area = s.scalar(select(Area).where(Area.level == "township"))  # type: ignore[attr-defined]
    assert area is not None
    return str(area.id)


def _save(node: Node, data: survey.HouseholdInput, shown: survey.HouseholdInput) -> None:
    with node.session() as s:
        survey.save_household(s, SYSTEM, data, shown=shown)


def test_a_field_left_as_shown_keeps_what_the_sync_brought(
    opened: tuple[Node, Node, survey.HouseholdInput],
) -> None:
    a, b, shown = opened
    edit(a, Household, shown.id, phone="13911111111")
    settle([a, b])  # lands on B while its form is open
    _save(b, dataclasses.replace(shown, room="202"), shown)
    settle([a, b])
    for node in (a, b):
        assert get(node, Household, shown.id, "phone") == "13911111111"
        assert get(node, Household, shown.id, "room") == "202"
        with node.session() as s:
            assert conflicts.list_conflicts(s, SYSTEM) == []
        assert node.audit() == []


def test_a_field_changed_on_both_keeps_the_typed_value_and_a_conflict_on_every_node(
    opened: tuple[Node, Node, survey.HouseholdInput],
) -> None:
    a, b, shown = opened
    edit(a, Household, shown.id, phone="13911111111")
    settle([a, b])
    _save(b, dataclasses.replace(shown, phone="13922222222"), shown)
    settle([a, b])
    found = set()
    for node in (a, b):
        assert get(node, Household, shown.id, "phone") == "13922222222"
        with node.session() as s:
            (conflict,) = conflicts.list_conflicts(s, SYSTEM)
        found.add(conflict.id)
        assert (conflict.base, conflict.kept, conflict.other) == (
            "13800000000",
            "13922222222",
            "13911111111",
        )
        assert node.audit() == []
    assert len(found) == 1  # one record, the county's, under one id everywhere


def test_without_what_was_shown_the_save_overwrote_the_synced_value(
    opened: tuple[Node, Node, survey.HouseholdInput],
) -> None:
    """The behaviour the form avoids by passing ``shown``: a stale untouched field wins."""
    a, b, shown = opened
    edit(a, Household, shown.id, phone="13911111111")
    settle([a, b])
    with b.session() as s:
        survey.save_household(s, SYSTEM, dataclasses.replace(shown, room="202"))
    assert get(b, Household, shown.id, "phone") == "13800000000"


def test_a_member_added_meanwhile_is_kept_and_one_edited_merges(
    opened: tuple[Node, Node, survey.HouseholdInput],
) -> None:
    a, b, shown = opened
    with a.session() as s:
        current = survey.household_input(s, SYSTEM, shown.id)
        child = survey.MemberInput(
            name="张小明", resident_id=resident_id_for(date(2012, 5, 1)), relation="son"
        )
        survey.save_household(
            s, SYSTEM, dataclasses.replace(current, members=(*current.members, child))
        )
    edit(a, Person, shown.members[1].id, employer="县城超市")
    settle([a, b])
    second = dataclasses.replace(shown.members[1], skills="电焊")
    _save(b, dataclasses.replace(shown, members=(shown.members[0], second)), shown)
    settle([a, b])
    for node in (a, b):
        with node.session() as s:
            names = sorted(
                s.scalars(
                    select(Person.name).where(
                        Person.household_id == shown.id, Person.deleted.is_(False)
                    )
                )
            )
            assert names == ["张三", "张小明", "李四"]
            spouse = s.get(Person, shown.members[1].id)
            assert spouse is not None
            assert (spouse.employer, spouse.skills) == ("县城超市", "电焊")
        assert node.audit() == []


def test_a_member_removed_meanwhile_is_refused_at_that_member_and_nothing_is_written(
    opened: tuple[Node, Node, survey.HouseholdInput],
) -> None:
    a, b, shown = opened
    edit(a, Person, shown.members[1].id, deleted=True)
    settle([a, b])
    second = dataclasses.replace(shown.members[1], skills="电焊")
    with pytest.raises(ValidationErrors) as caught, b.session() as s:
        survey.save_household(
            s,
            SYSTEM,
            dataclasses.replace(shown, room="303", members=(shown.members[0], second)),
            shown=shown,
        )
    assert [(e.code, e.field) for e in caught.value.errors] == [
        ("member_removed_meanwhile", "members[1].name")
    ]
    assert get(b, Household, shown.id, "room") == "101"
    assert get(b, Person, shown.members[1].id, "deleted") is True


def test_a_visit_filled_before_a_sync_keeps_the_job_it_did_not_touch(
    opened: tuple[Node, Node, survey.HouseholdInput],
) -> None:
    a, b, shown = opened
    head = shown.members[0].id
    assert head is not None
    with b.session() as s:
        template = survey.visit_template(s, SYSTEM, shown.id)
    edit(a, Person, head, employer="县城超市", employment="employed", monthly_income=2800)
    settle([a, b])
    jobs = tuple(
        survey.VisitMemberInput(
            person_id=t.person_id,
            employment=t.employment,
            employment_place=t.employment_place,
            employer=t.employer,
            monthly_income=t.monthly_income + (500 if t.person_id == head else 0),
        )
        for t in template.members
    )
    visit = survey.VisitInput(household_id=shown.id, visited_on=date(2026, 11, 20), members=jobs)
    with b.session() as s:
        admin = s.scalars(select(User).where(User.username == "admin")).one()
        survey.record_visit(s, actor_for(admin), visit, shown=template, today=date(2026, 11, 22))
    settle([a, b])
    for node in (a, b):
        assert get(node, Person, head, "employer") == "县城超市"
        assert get(node, Person, head, "employment") == "employed"
        assert get(node, Person, head, "monthly_income") == 500  # typed over: the visitor's
        with node.session() as s:
            (conflict,) = conflicts.list_conflicts(s, SYSTEM)
        assert (conflict.field, conflict.kept, conflict.other) == ("monthly_income", 500, 2800)
        assert node.audit() == []
