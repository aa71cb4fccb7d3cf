"""Sites, grids, buildings and accounts: management, and bad input refused with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import AreaLevel, Role, SiteKind
from desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from desktop.messages import error_message
from desktop.services import auth, board, grids, users
from desktop.services.actor import Actor
from desktop.store.models import (
    Area,
    Building,
    Change,
    Draft,
    Grid,
    Household,
    Site,
    User,
    WorkOrder,
)
from tests import grid_factories
from tests.grid_factories import EXPECTED, Township


@pytest.fixture
def town(township_db: sessionmaker[Session]) -> Township:
    return grid_factories.build(township_db)


def _state(s: Session) -> tuple[Any, ...]:
    """Everything these services may write, to prove a refusal wrote nothing."""
    return (
        sorted(s.execute(select(Grid.id, Grid.code, Grid.name, Grid.deleted, Grid.site_id))),
        sorted(s.execute(select(Building.id, Building.grid_id, Building.leader_person_id))),
        sorted(s.execute(select(Household.id, Household.grid_id, Household.building_id))),
        sorted(s.execute(select(User.id, User.active, User.password_hash, User.role))),
        sorted(s.execute(select(WorkOrder.id, WorkOrder.grid_id, WorkOrder.handler_id))),
        s.scalar(select(func.count()).select_from(Site)),
    )


def _refused(
    factory: sessionmaker[Session], action: Callable[[Session], object], code: str
) -> DomainError:
    with factory.begin() as s:
        before = _state(s)
    with pytest.raises(DomainError) as caught, factory.begin() as s:
        action(s)
    assert caught.value.code == code
    assert "{" not in error_message(caught.value)  # a whole Chinese sentence
    with factory.begin() as s:
        assert _state(s) == before
    return caught.value


# ---------------------------------------------------------------- sites


def test_site_with_scale_and_facilities(township_db: sessionmaker[Session], admin: Actor) -> None:
    with township_db.begin() as s:
        site = grids.create_site(s, admin, code="s-9", name="新城安置区", kind=SiteKind.TOWN)
        assert site.code == "S-9"
        assert site.facilities_total == 18  # Xiangxi: 五通、五化、七有一落实
        items = grids.set_facility(s, admin, site.id, "通水", met=True, note="2025年通")
        assert items[0].name == "通水" and items[0].met and items[0].note == "2025年通"
        updated = grids.update_site(
            s,
            admin,
            site.id,
            name="新城安置区",
            kind="scattered",
            address="灵溪镇",
            chief_name="田点长",
            chief_phone="13800000000",
        )
        assert updated.chief_name == "田点长"
        assert updated.facilities_met == 1
        assert updated.scale.persons == 0
    _refused(
        township_db,
        lambda s: grids.set_facility(s, admin, site.id, "有地铁", met=True),
        "facility_unknown",
    )
    _refused(
        township_db,
        lambda s: grids.create_site(s, admin, code="S-9", name="重复", kind="town"),
        "site_code_taken",
    )


# ---------------------------------------------------------------- grids


def test_create_rename_and_duplicate_codes_refused(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        g = grids.create_grid(s, admin, site_id=town.site_a, code="g4", name=" 四网格 ")
        assert (g.code, g.name, g.households) == ("G4", "四网格", 0)
        g = grids.rename_grid(s, admin, g.id, name="第四网格")
        assert g.name == "第四网格"
    _refused(
        township_db,
        lambda s: grids.create_grid(s, admin, site_id=town.site_a, code="G1", name="又一网格"),
        "grid_code_taken",
    )
    _refused(
        township_db,
        lambda s: grids.rename_grid(s, admin, town.g2, name="二网格", code="g1"),
        "grid_code_taken",
    )
    _refused(
        township_db,
        lambda s: grids.create_building(s, admin, site_id=town.site_a, code="B1", name="新1栋"),
        "building_code_taken",
    )
    _refused(
        township_db,
        lambda s: grids.create_grid(s, admin, site_id=town.site_a, code="G 5", name="x"),
        "place_code_format",
    )


def test_only_admins_manage(township_db: sessionmaker[Session], town: Township) -> None:
    with pytest.raises(PermissionDenied), township_db.begin() as s:
        grids.create_grid(s, town.member1, site_id=town.site_a, code="G9", name="x")
    with pytest.raises(PermissionDenied), township_db.begin() as s:
        grids.move_households(s, town.member1, [town.h["h1"]], grid_id=town.g2)
    with township_db.begin() as s:
        assert [g.code for g in grids.list_grids(s, town.member1)] == ["G1"]
        assert {b.code for b in grids.list_buildings(s, town.member1)} == {"B1", "B2"}
        assert [x.code for x in grids.list_sites(s, town.member1)] == ["S-A"]


def test_a_building_belongs_to_one_grid(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    err = _refused(
        township_db,
        lambda s: grids.assign_buildings(s, admin, town.g2, [town.b2, town.b1]),
        "building_in_other_grid",
    )
    assert "一网格" in error_message(err)
    # Asked for explicitly, the building moves with the households G1 looked after there.
    with township_db.begin() as s:
        result = grids.assign_buildings(s, admin, town.g2, [town.b1], reassign=True)
        assert result.household_ids == {town.h["h1"], town.h["h2"]}
        assert s.get(Building, town.b1).grid_id == town.g2  # type: ignore[union-attr]
    _refused(
        township_db,
        lambda s: grids.assign_buildings(s, admin, town.g3, [town.b3], reassign=True),
        "building_other_site",
    )


def test_new_building_assigned_takes_its_households(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        b = grids.create_building(s, admin, site_id=town.site_a, code="B9", name="9栋")
        grids.move_households(s, admin, [town.h["h9"]], building_id=b.id)
        assert s.get(Household, town.h["h9"]).grid_id is None  # type: ignore[union-attr]
        result = grids.assign_buildings(s, admin, town.g1, [b.id])
        assert result.household_ids == {town.h["h9"]}
        h9 = s.get(Household, town.h["h9"])
        assert h9 is not None and h9.grid_id == town.g1
        assert "9栋" in h9.search_text  # found by its new flat


def test_delete_grid_with_households_is_refused_then_allowed_when_empty(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    err = _refused(
        township_db, lambda s: grids.delete_grid(s, admin, town.g3), "grid_has_households"
    )
    assert "1户" in error_message(err)
    with township_db.begin() as s:
        other = grids.create_grid(s, admin, site_id=town.site_b, code="G3B", name="三网格乙")
        grids.move_households(s, admin, [town.h["h8"]], grid_id=other.id)
        grids.delete_grid(s, admin, town.g3)
    with township_db.begin() as s:
        assert s.get(Grid, town.g3).deleted  # type: ignore[union-attr]
        assert [g.code for g in grids.list_grids(s, admin, town.site_b)] == ["G3B"]
        orphans = s.scalar(
            select(func.count())
            .select_from(Household)
            .join(Grid, Grid.id == Household.grid_id)
            .where(Grid.deleted.is_(True), Household.deleted.is_(False))
        )
        assert orphans == 0


def test_delete_grid_with_open_orders_is_refused(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        g = grids.create_grid(s, admin, site_id=town.site_a, code="G7", name="七网格")
        s.add(
            WorkOrder(
                code="W-G7",
                grid_id=g.id,
                category="other",
                source="hotline",
                status="received",
                received_at=datetime(2026, 11, 1, tzinfo=UTC),
                description="x",
            )
        )
    _refused(township_db, lambda s: grids.delete_grid(s, admin, g.id), "grid_has_open_orders")


def test_merge_moves_everything_and_retires_the_source(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        merged = grids.merge_grids(s, admin, town.g1, [town.g2])
        assert merged.households == 7
        assert merged.buildings == 3
        assert set(merged.member_names) == {"王一", "赵二"}
        assert s.get(Grid, town.g2).deleted  # type: ignore[union-attr]
        hotline = s.scalar(select(WorkOrder).where(WorkOrder.code == "WG-on_site"))
        assert hotline is not None and hotline.grid_id == town.g1
    with township_db.begin() as s:
        rows = {r.code: r for r in board.grid_board(s, admin, clock=town.clock).rows}
        assert set(rows) == {"G1", "G3", ""}
        expected = [a + b for a, b in zip(EXPECTED["G1"], EXPECTED["G2"], strict=True)]
        assert list(rows["G1"].figures.as_dict().values()) == expected
    _refused(
        township_db,
        lambda s: grids.merge_grids(s, admin, town.g1, [town.g3]),
        "grid_merge_other_site",
    )
    _refused(
        township_db,
        lambda s: grids.merge_grids(s, admin, town.g1, [town.g1]),
        "grid_merge_into_itself",
    )


def test_split_takes_chosen_buildings_and_households(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        new = grids.split_grid(
            s,
            admin,
            town.g1,
            code="G1B",
            name="一网格乙",
            building_ids=[town.b2],
            household_ids=[town.h["h5"]],
        )
        assert new.households == 3 and new.buildings == 1
        assert grids.get_grid(s, admin, town.g1).households == 2
    _refused(
        township_db,
        lambda s: grids.split_grid(s, admin, town.g1, code="G1C", name="x", building_ids=[town.b3]),
        "split_not_in_grid",
    )
    _refused(
        township_db,
        lambda s: grids.split_grid(s, admin, town.g1, code="G1C", name="x"),
        "split_nothing",
    )


def test_move_many_households_is_all_or_nothing(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    ids = [town.h["h1"], town.h["h2"], town.h["h8"]]  # h8 lives in another site
    err = _refused(
        township_db,
        lambda s: grids.move_households(s, admin, ids, grid_id=town.g2),
        "household_other_site",
    )
    assert "H8" in error_message(err)
    with township_db.begin() as s:
        result = grids.move_households(s, admin, ids[:2], building_id=town.b3)
        assert result.households_moved == 2
        h1 = s.get(Household, town.h["h1"])
        assert h1 is not None and (h1.grid_id, h1.building_id) == (town.g2, town.b3)
        assert "3栋" in h1.search_text


def test_moves_are_recorded_for_sync(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    """Moves go through the ORM, so change capture (when installed) sees each household."""
    capture = pytest.importorskip("desktop.sync.capture")
    handle = capture.install_capture(township_db, device_id="test-device")
    try:
        with township_db.begin() as s:
            grids.move_households(s, admin, [town.h["h1"], town.h["h2"]], grid_id=town.g2)
    finally:
        handle.remove()
    with township_db.begin() as s:
        moved = {
            c.row_id
            for c in s.scalars(select(Change).where(Change.table_name == "households"))
            if c.fields.get("grid_id", [None])[0] == town.g2
        }
    # the households were written before capture was on: their first change carries the
    # whole row (an insert), the new grid included
    assert {town.h["h1"], town.h["h2"]} <= moved


def test_building_leader_must_live_there(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        names = [p.name for p in grids.building_residents(s, admin, town.b1)]
        assert names == ["张一", "李一", "张小一", "刘二", "陈二"]
        info = grids.set_building_leader(s, admin, town.b1, town.persons["刘二"])
        assert info.leader_name == "刘二"
    _refused(
        township_db,
        lambda s: grids.set_building_leader(s, admin, town.b1, town.persons["吴六"]),
        "leader_not_resident",
    )


# ---------------------------------------------------------------- hand-over


def test_hand_over_moves_orders_drafts_and_rights(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        new = users.create_account(
            s,
            admin,
            username="qian3",
            display_name="钱三",
            password="secret-3",
            role=Role.GRID_MEMBER,
        )
        s.get(Household, town.h["h1"]).cadre_name = "王一"  # type: ignore[union-attr]
        s.add(
            Draft(user_id=town.member1.user_id, form="household", record_id=town.h["h2"], data={})
        )
        s.add(
            Draft(user_id=town.member1.user_id, form="household", record_id=town.h["h8"], data={})
        )
        result = grids.hand_over_grid(
            s, admin, town.g1, from_user_id=town.member1.user_id, to_user_id=new.id
        )
        assert (result.households, result.work_orders, result.drafts) == (5, 2, 1)
    with township_db.begin() as s:
        old = auth.actor_for(s.get(User, town.member1.user_id))  # type: ignore[arg-type]
        fresh = auth.actor_for(s.get(User, new.id))  # type: ignore[arg-type]
        assert old.grid_ids == frozenset() and fresh.grid_ids == {town.g1}
        assert board.grid_board(s, old, clock=town.clock).rows == ()
        assert [r.code for r in board.grid_board(s, fresh, clock=town.clock).rows] == ["G1"]
        handlers = set(
            s.scalars(
                select(WorkOrder.handler_id).where(WorkOrder.status.in_(["received", "responded"]))
            )
        )
        assert town.member1.user_id not in handlers
        resolved = s.scalar(select(WorkOrder.handler_id).where(WorkOrder.status == "resolved"))
        assert resolved == town.member1.user_id  # closed orders keep who handled them
        assert s.get(Household, town.h["h1"]).cadre_name == "钱三"  # type: ignore[union-attr]
        drafts = dict(s.execute(select(Draft.record_id, Draft.user_id)).all())
        assert drafts[town.h["h2"]] == new.id
        assert drafts[town.h["h8"]] == town.member1.user_id
    _refused(
        township_db,
        lambda s: grids.hand_over_grid(s, admin, town.g1, from_user_id=new.id, to_user_id=new.id),
        "handover_same_user",
    )


# ---------------------------------------------------------------- accounts


def test_accounts_created_bound_reset_and_disabled(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        acc = users.create_account(
            s,
            admin,
            username="sun4",
            display_name="孙四",
            password="secret-4",
            role="grid_member",
            grid_ids=[town.g2],
        )
        assert acc.grid_names == ("二网格",)
        acc = users.bind_grids(s, admin, acc.id, [town.g1, town.g2])
        assert acc.grid_names == ("一网格", "二网格")
        users.reset_password(s, admin, acc.id, "new-secret")
    with township_db.begin() as s:
        assert auth.login(s, "sun4", "new-secret").grid_ids == {town.g1, town.g2}
        users.set_active(s, admin, town.member1.user_id, False)
    with pytest.raises(auth.LoginFailed), township_db.begin() as s:
        auth.login(s, "wang1", "test-password-1")
    with township_db.begin() as s:
        # the disabled member's name stays on the records and on the board
        row = next(r for r in board.grid_board(s, admin, clock=town.clock).rows if r.code == "G1")
        assert row.members == ("孙四", "王一（停用）")
        visit_user = s.scalar(select(User.display_name).where(User.id == town.member1.user_id))
        assert visit_user == "王一"
    _refused(
        township_db,
        lambda s: users.set_active(s, admin, admin.user_id, False),
        "cannot_disable_self",
    )
    _refused(
        township_db,
        lambda s: users.reset_password(s, admin, acc.id, "123"),
        "password_too_short",
    )


def test_binding_to_a_grid_of_another_township_is_refused(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        county = s.scalar(select(Area).where(Area.level == AreaLevel.COUNTY.value))
        assert county is not None
        other = Area(
            code="433127101", name="首车镇", level=AreaLevel.TOWNSHIP.value, parent_id=county.id
        )
        s.add(other)
        s.flush()
        site = Site(area_id=other.id, code="X-1", name="外镇安置点", kind="town")
        s.add(site)
        s.flush()
        foreign = Grid(site_id=site.id, code="X-G1", name="外镇网格")
        s.add(foreign)
        s.flush()
        foreign_id = foreign.id
    err = _refused(
        township_db,
        lambda s: users.bind_grids(s, admin, town.member1.user_id, [town.g1, foreign_id]),
        "grid_other_township",
    )
    assert "外镇网格" in error_message(err)
    _refused(
        township_db,
        lambda s: users.create_account(
            s,
            admin,
            username="x1",
            display_name="外人",
            password="secret-x",
            role="grid_member",
            grid_ids=[foreign_id],
        ),
        "grid_other_township",
    )


def test_the_last_admin_cannot_be_disabled(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        second = users.create_account(
            s, admin, username="admin2", display_name="副管理员", password="secret-5", role="admin"
        )
        second_actor = auth.actor_for(s.get(User, second.id))  # type: ignore[arg-type]
        users.set_active(s, second_actor, admin.user_id, False)
    _refused(
        township_db,
        lambda s: users.update_account(
            s, second_actor, second.id, display_name="副管理员", phone="", role="viewer"
        ),
        "last_admin",
    )


def test_errors_have_both_languages() -> None:
    import re
    from pathlib import Path

    from desktop.messages import MESSAGES

    codes: set[str] = set()
    for name in ("grids", "users", "board", "monthly"):
        text = Path(f"desktop/services/{name}.py").read_text(encoding="utf-8")
        codes |= set(re.findall(r'(?:Error|NotFound|Denied)\(\s*"([a-z_]+)"', text))
    codes |= {"grid_code_taken", "building_code_taken", "site_code_taken", "place_code_format"}
    assert codes - set(MESSAGES) == set()
    with pytest.raises(ValidationError):
        raise ValidationError("grid_has_households", count=3)
