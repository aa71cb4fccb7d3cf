"""The Sync page's use cases: status, receipts, review of conflicts; a reviewer's
decision syncs and settles the conflict on the other side too."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.domain.enums import Role
from desktop.domain.errors import PermissionDenied, ValidationError
from desktop.services import conflicts
from desktop.services import sync as sync_service
from desktop.services.actor import SYSTEM, Actor
from desktop.store.models import Household
from desktop.store.models_sync import SyncReceipt
from tests.sync.harness import Node, add_household, edit, get, new_household, settle

VIEWER = Actor(user_id="v", username="v", display_name="只读", role=Role.VIEWER)


def test_status_counts_pending_changes_and_open_conflicts(pair: tuple[Node, Node]) -> None:
    a, b = pair
    hid = add_household(a, "H-1", phone="1")
    with a.session() as s:
        status = sync_service.status(s, SYSTEM)
    assert status.enrolled and status.pending >= 2
    settle([a, b])
    edit(a, Household, hid, phone="2")
    edit(b, Household, hid, phone="3")
    settle([a, b])
    with b.session() as s:
        status = sync_service.status(s, SYSTEM)
        assert status.pending == 0 and status.open_conflicts == 1
        packages = sync_service.list_packages(s, SYSTEM)
    assert {p.direction for p in packages} == {"in", "out"}


def test_a_decision_typed_by_the_reviewer_syncs_and_settles_both_sides(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    hid = new_household(a, phone="13800000000")
    settle([a, b])
    edit(a, Household, hid, phone="13911111111")
    edit(b, Household, hid, phone="13922222222")
    settle([a, b])
    with a.session() as s:
        (conflict,) = conflicts.list_conflicts(s, SYSTEM)
        assert {conflict.kept, conflict.other} == {"13911111111", "13922222222"}
        assert conflict.current == get(a, Household, hid, "phone")
        assert conflict.base == "13800000000" and conflict.kept_at is not None
        assert conflict.field_label == "联系电话" and conflict.record_label.startswith("户 ")
        with pytest.raises(PermissionDenied):
            conflicts.resolve_conflict(s, VIEWER, conflict.id, choice="current")
    with a.session() as s, pytest.raises(ValidationError) as bad:
        conflicts.resolve_conflict(s, SYSTEM, conflict.id, choice="custom", value="1234")
    assert bad.value.field == "phone"  # the household form's own check
    with a.session() as s:
        conflicts.resolve_conflict(s, SYSTEM, conflict.id, choice="custom", value="13933333333")
    settle([a, b])
    for node in (a, b):
        assert get(node, Household, hid, "phone") == "13933333333"
        with node.session() as s:
            assert conflicts.list_conflicts(s, SYSTEM) == []
            (done,) = conflicts.list_conflicts(s, SYSTEM, open_only=False)
            assert done.decision == "13933333333" and done.decided_at is not None
        assert node.audit() == []


def test_keeping_what_stands_also_settles_the_other_side(pair: tuple[Node, Node]) -> None:
    a, b = pair
    hid = add_household(a, "H-1", room="1")
    settle([a, b])
    edit(a, Household, hid, room="2")
    edit(b, Household, hid, room="3")
    settle([a, b])
    standing = get(a, Household, hid, "room")
    with b.session() as s:
        (conflict,) = conflicts.list_conflicts(s, SYSTEM)
        conflicts.resolve_conflict(s, SYSTEM, conflict.id, choice="current")
    settle([a, b])
    assert get(a, Household, hid, "room") == get(b, Household, hid, "room") == standing
    with a.session() as s:
        assert conflicts.list_conflicts(s, SYSTEM) == []


def test_a_change_outside_the_township_is_refused_in_the_receipt(node_factory) -> None:  # type: ignore[no-untyped-def]
    a = node_factory(name="a")
    hid = add_household(a, "H-1", phone="13800000000")
    a.sync()
    stranger = node_factory(name="s", township_code="433127101")
    stranger.sync()
    # the other township's device writes a row under the same id
    with stranger.session() as s:
        from desktop.store.models import Area, Site

        area = s.scalar(select(Area).where(Area.level == "township"))
        assert area is not None
        site = Site(area_id=area.id, code="S-x", name="点", kind="town")
        s.add(site)
        s.flush()
        s.add(Household(id=hid, code="H-x", site_id=site.id, category="filed", phone="666"))
    stranger.sync()
    with stranger.session() as s:
        receipts = {r.reason for r in s.scalars(select(SyncReceipt)) if r.status == "rejected"}
    assert receipts == {"out_of_scope"}
    assert a.county.record_values()[("households", hid)]["phone"] == "13800000000"
    a.sync()
    assert get(a, Household, hid, "phone") == "13800000000"


def test_anju_conflicts_lists_by_record_and_settles_by_a_short_id(
    pair: tuple[Node, Node],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop import cli

    a, b = pair
    hid = new_household(a, phone="13800000001")
    settle([a, b])
    edit(a, Household, hid, phone="13800000002")
    edit(b, Household, hid, phone="13800000003")
    settle([a, b])
    monkeypatch.delenv("ANJU_USER", raising=False)
    assert cli.main(["--db", str(a.path), "conflicts"]) == 1  # names residents: who asks?
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("ANJU_USER", "admin")
    monkeypatch.setenv("ANJU_PASSWORD", "anju-admin-1")
    assert cli.main(["--db", str(a.path), "conflicts"]) == 0
    out = capsys.readouterr().out
    assert "户 " in out and "联系电话（两处同时修改）" in out
    assert "原来：13800000001" in out and "--keep 保留现值" in out
    with a.session() as s:
        (view,) = conflicts.list_conflicts(s, SYSTEM)
    assert (
        cli.main(["--db", str(a.path), "conflicts", "resolve", view.id[:8], "--value", "123"]) == 1
    )
    assert "电话" in capsys.readouterr().err  # the form's own words
    assert cli.main(["--db", str(a.path), "conflicts", "resolve", view.id[:8], "--keep"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", str(a.path), "conflicts"]) == 0
    assert "没有待处理的同步冲突" in capsys.readouterr().out
    settle([a, b])
    with b.session() as s:
        assert conflicts.list_conflicts(s, SYSTEM) == []
