"""Grid membership travels: an account bound to a grid on one workstation may edit
that grid's households on every workstation of the township."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.domain.enums import Role
from desktop.services import auth, users
from desktop.services.actor import SYSTEM
from desktop.store.models import Area, Grid, Site, User, UserGrid
from tests.sync.harness import Node, settle


def _grid(node: Node, code: str) -> str:
    with node.session() as s:
        area = s.scalar(select(Area).where(Area.level == "township"))
        assert area is not None
        site = s.scalar(select(Site)) or Site(
            area_id=area.id, code="S-1", name="幸福小区", kind="town"
        )
        s.add(site)
        s.flush()
        grid = Grid(site_id=site.id, code=code, name=f"网格{code}")
        s.add(grid)
        s.flush()
        return grid.id


def _grid_member(node: Node, username: str, grid_ids: tuple[str, ...]) -> str:
    with node.session() as s:
        info = auth.create_user(
            s,
            SYSTEM,
            username=username,
            display_name="向网格",
            password="anju-pass-9",
            role=Role.GRID_MEMBER,
            grid_ids=grid_ids,
        )
        return info.id


def _grids_of(node: Node, username: str) -> frozenset[str]:
    with node.session() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        return auth.actor_for(user).grid_ids


def test_a_grant_and_its_revocation_reach_the_other_workstation(
    pair: tuple[Node, Node],
) -> None:
    a, b = pair
    g1, g2 = _grid(a, "G1"), _grid(a, "G2")
    account = _grid_member(a, "wangge9", (g1,))
    settle([a, b])
    assert _grids_of(b, "wangge9") == {g1}
    with b.session() as s:  # the administrator on B moves the account to G2
        users.bind_grids(s, SYSTEM, account, [g2])
    settle([a, b])
    for node in (a, b):
        assert _grids_of(node, "wangge9") == {g2}
        assert node.audit() == []
    with a.session() as s:
        users.bind_grids(s, SYSTEM, account, [g1, g2])  # granted again: the same record
    settle([a, b])
    for node in (a, b):
        assert _grids_of(node, "wangge9") == {g1, g2}
        with node.session() as s:
            assert s.scalar(select(func.count()).select_from(UserGrid)) == 2
    assert a.records() == b.records()


def test_the_same_grant_made_on_two_workstations_is_one_record(pair: tuple[Node, Node]) -> None:
    a, b = pair
    g1 = _grid(a, "G1")
    account = _grid_member(a, "wangge8", ())
    settle([a, b])
    for node in (a, b):
        with node.session() as s:
            users.bind_grids(s, SYSTEM, account, [g1])
    settle([a, b])
    for node in (a, b):
        assert _grids_of(node, "wangge8") == {g1}
        with node.session() as s:
            live = s.scalar(
                select(func.count()).select_from(UserGrid).where(UserGrid.deleted.is_(False))
            )
            assert live == 1
        assert node.audit() == []
    assert a.records() == b.records()
