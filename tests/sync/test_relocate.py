"""A household moved to another township at the county leaves the old township's
workstations, after their own edits to it are uploaded, and arrives whole at the
new township's."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from desktop.domain.errors import ValidationError
from desktop.store.models import (
    Area,
    Building,
    Draft,
    Grid,
    Household,
    Person,
    Site,
    User,
    Visit,
    WorkOrder,
    WorkOrderEvent,
)
from desktop.store.models_sync import SyncEviction
from server.cli import main as county_main
from server.county import County
from server.models import CountyChange
from server.relocate import relocate_household
from tests.server import conftest as server_fixtures
from tests.sync.harness import OTHER_TOWNSHIP, Node, edit, get, settle

# The county of these tests runs on SQLite and, when reachable, on PostgreSQL.
county = server_fixtures.county

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def _site(node: Node, code: str) -> str:
    with node.session() as s:
        area = s.scalar(select(Area).where(Area.level == "township"))
        assert area is not None
        site = Site(area_id=area.id, code=code, name=f"安置点{code}", kind="town")
        s.add(site)
        s.flush()
        return site.id


def _family(node: Node, site_id: str) -> dict[str, str]:
    """A household in a building of a grid, two members (one leads the building), a
    visit by the grid member, a closed work order with its events."""
    with node.session() as s:
        admin = s.scalars(select(User).where(User.username == "admin")).one()
        grid = Grid(site_id=site_id, code="G-1", name="第一网格", leader_user_id=admin.id)
        s.add(grid)
        s.flush()
        building = Building(site_id=site_id, grid_id=grid.id, code="B-1", name="1栋")
        s.add(building)
        s.flush()
        hh = Household(
            code="H-MOVE",
            site_id=site_id,
            grid_id=grid.id,
            building_id=building.id,
            category="filed",
            phone="13800000000",
        )
        s.add(hh)
        s.flush()
        head = Person(household_id=hh.id, name="张三", resident_id="", relation="head")
        wife = Person(household_id=hh.id, name="李四", resident_id="", relation="spouse")
        gone = Person(  # removed from the household earlier: a tombstone
            household_id=hh.id, name="王五", resident_id="", relation="son", deleted=True
        )
        s.add_all([head, wife, gone])
        s.flush()
        building.leader_person_id = head.id
        visit = Visit(
            household_id=hh.id, user_id=admin.id, visited_on=date(2026, 11, 1), kind="door"
        )
        order = WorkOrder(
            code="WO-1",
            household_id=hh.id,
            grid_id=grid.id,
            handler_id=admin.id,
            category="other",
            source="walk_in",
            description="楼道灯坏了",
            status="followed_up",
            received_at=NOW,
        )
        s.add_all([visit, order])
        s.flush()
        event = WorkOrderEvent(
            order_id=order.id, kind="follow_up", at=NOW, device_time=NOW, user_id=admin.id
        )
        s.add(event)
        s.flush()
        return {
            "household": hh.id,
            "head": head.id,
            "wife": wife.id,
            "gone": gone.id,
            "visit": visit.id,
            "order": order.id,
            "event": event.id,
            "building": building.id,
            "grid": grid.id,
        }


@pytest.fixture
def moved(
    county: County, node_factory: Callable[..., Node]
) -> tuple[Node, Node, Node, dict[str, str], str]:
    """Two workstations of the old township, one of the new, all in step; nothing moved yet."""
    a = node_factory(name="a")
    b = node_factory(name="b", set_up=False)
    c = node_factory(name="c", township_code=OTHER_TOWNSHIP)
    old_site = _site(a, "S-OLD")
    new_site = _site(c, "S-NEW")
    ids = _family(a, old_site)
    settle([a, b, c])
    return a, b, c, ids, new_site


def _rows(node: Node, ids: dict[str, str]) -> dict[str, bool]:
    models = {
        "household": Household,
        "head": Person,
        "wife": Person,
        "gone": Person,
        "visit": Visit,
        "order": WorkOrder,
        "event": WorkOrderEvent,
    }
    with node.session() as s:
        return {name: s.get(model, ids[name]) is not None for name, model in models.items()}


def test_the_household_and_its_files_leave_the_old_township_and_arrive_at_the_new(
    county: County, moved: tuple[Node, Node, Node, dict[str, str], str]
) -> None:
    a, b, c, ids, new_site = moved
    assert all(_rows(b, ids).values()) and not any(_rows(c, ids).values())
    result = relocate_household(county, "H-MOVE", "S-NEW")
    assert (result.from_township, result.to_township, result.records) == (
        "433127100",
        OTHER_TOWNSHIP,
        7,
    )
    settle([a, b, c])
    for node in (a, b):
        assert not any(_rows(node, ids).values())
        # the building stays, without a leader who left
        assert get(node, Building, ids["building"], "leader_person_id") is None
        assert node.audit() == []
    assert all(_rows(c, ids).values())
    assert get(c, Household, ids["household"], "site_id") == new_site
    assert get(c, Household, ids["household"], "grid_id") is None
    assert get(c, Visit, ids["visit"], "user_id") is None  # an account of the old township
    assert get(c, Person, ids["head"], "name") == "张三"
    assert get(c, Person, ids["gone"], "deleted") is True
    assert c.audit() == []
    # the new township's edits merge as usual, and the county agrees with it
    edit(c, Household, ids["household"], phone="13911111111")
    settle([a, b, c])
    assert get(c, Household, ids["household"], "phone") == "13911111111"
    county_rows = county.record_values(OTHER_TOWNSHIP)
    for key, values in c.records().items():
        if key in county_rows:
            assert county_rows[key] == values, key
    assert (
        county.record_values("433127100")
        .keys()
        .isdisjoint({("households", ids["household"]), ("persons", ids["head"])})
    )


def test_pending_edits_are_uploaded_before_the_records_go_and_reach_the_new_township(
    county: County, moved: tuple[Node, Node, Node, dict[str, str], str]
) -> None:
    a, b, c, ids, _ = moved
    edit(b, Person, ids["wife"], phone="13722222222")  # typed on B, not yet sent
    with b.session() as s:
        new_visit = Visit(
            household_id=ids["household"], visited_on=date(2026, 11, 19), kind="phone"
        )
        s.add(new_visit)
        s.flush()
        visit_id = new_visit.id
    relocate_household(county, ids["household"], "S-NEW")
    b.down()  # B hears of the move before uploading
    assert _rows(b, ids)["wife"] and get(b, Visit, visit_id, "kind") == "phone"
    with b.session() as s:
        assert set(s.scalars(select(SyncEviction.state))) == {"held"}
    settle([a, b, c])
    assert not any(_rows(b, ids).values()) and get(b, Visit, visit_id, "kind") is None
    with b.session() as s:
        assert set(s.scalars(select(SyncEviction.state))) == {"removed"}
    # what B typed before it knew reached the new township
    assert get(c, Person, ids["wife"], "phone") == "13722222222"
    assert get(c, Visit, visit_id, "kind") == "phone"
    for node in (a, b, c):
        assert node.audit() == []


def test_a_new_workstation_of_either_township_ends_in_the_same_state(
    county: County,
    moved: tuple[Node, Node, Node, dict[str, str], str],
    node_factory: Callable[..., Node],
) -> None:
    a, b, c, ids, _ = moved
    relocate_household(county, ids["household"], "S-NEW")
    settle([a, b, c])
    a2 = node_factory(name="a2", set_up=False)
    c2 = node_factory(name="c2", set_up=False, township_code=OTHER_TOWNSHIP)
    settle([a2, c2])
    assert not any(_rows(a2, ids).values())
    assert all(_rows(c2, ids).values())
    same = {k: v for k, v in c2.records().items() if k[0] in ("households", "persons", "visits")}
    assert same == {k: v for k, v in c.records().items() if k in same}


def test_bad_moves_are_refused_and_nothing_is_written(
    county: County, moved: tuple[Node, Node, Node, dict[str, str], str]
) -> None:
    a, _, c, ids, new_site = moved

    def refused(household: str, site: str) -> str:
        with pytest.raises(ValidationError) as caught:
            relocate_household(county, household, site)
        return caught.value.code

    with county.sessions.begin() as s:
        before = s.scalar(select(func.count()).select_from(CountyChange))
    assert refused("H-NONE", "S-NEW") == "relocate_unknown_household"
    assert refused("H-MOVE", "S-NONE") == "relocate_unknown_site"
    assert refused("H-MOVE", "S-OLD") == "relocate_same_township"
    edit(a, WorkOrder, ids["order"], status="responded")
    a.up()
    assert refused("H-MOVE", "S-NEW") == "relocate_open_orders"
    edit(a, WorkOrder, ids["order"], status="followed_up")
    a.up()
    with c.session() as s:  # the new township has a household of that code already
        s.add(Household(code="H-MOVE", site_id=new_site, category="filed"))
    c.up()
    assert refused(ids["household"], "S-NEW") == "relocate_code_taken"
    with county.sessions.begin() as s:
        after = s.scalar(select(func.count()).select_from(CountyChange))
    # only what the workstations sent arrived: two order edits, C's household
    assert after == before + 3


def test_the_county_command_moves_and_says_so(
    county: County,
    moved: tuple[Node, Node, Node, dict[str, str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = str(county.engine.url)
    assert (
        county_main(["relocate", "--db", url, "--household", "H-MOVE", "--to-site", "S-NONE"]) == 1
    )
    assert "没有安置点“S-NONE”" in capsys.readouterr().err
    code = county_main(
        ["relocate", "--db", url, "--household", "H-MOVE", "--to-site", "S-NEW", "--json"]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["household_code"] == "H-MOVE" and out["to_township"] == OTHER_TOWNSHIP
    assert out["records"] == 7 and out["cleared"] >= 3


def test_the_sync_page_says_what_waits_to_leave_and_what_left(
    county: County, moved: tuple[Node, Node, Node, dict[str, str], str], qapp: object
) -> None:
    from desktop.ui.sync_page import SyncPage
    from desktop.ui.tasks import TaskRunner
    from tests.sync.test_sync_page import _ctx

    a, b, c, ids, _ = moved
    edit(a, Person, ids["wife"], phone="13722222222")
    relocate_household(county, "H-MOVE", "S-NEW")
    a.down()
    runner = TaskRunner()
    page = SyncPage(_ctx(a, runner))
    page.refresh()
    assert "县里已将 1 户迁往其他乡镇" in page.status_label.text()
    settle([a, b, c])
    page.refresh()
    text = page.status_label.text()
    assert "已迁往其他乡镇的 1 户已从本机移除" in text and "县里已将" not in text
    page.deleteLater()
    runner.wait_for_all()


def test_the_township_command_says_records_are_leaving(
    county: County,
    moved: tuple[Node, Node, Node, dict[str, str], str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop import cli

    a, _, _, ids, _ = moved
    url = county.engine.url.render_as_string(hide_password=False)
    assert (
        county_main(["relocate", "--db", url, "--household", "H-MOVE", "--to-site", "S-NEW"]) == 0
    )
    stick = tmp_path / "stick"
    stick.mkdir()
    assert county_main(["export", "--db", url, "--device", a.device_id, "--to", str(stick)]) == 0
    capsys.readouterr()
    (package,) = stick.iterdir()
    assert cli.main(["--db", str(a.path), "sync", "import", str(package)]) == 0
    out = capsys.readouterr().out
    assert "迁往其他乡镇的住户记录：本次收到 7 条，已从本机移除 7 条" in out
    assert not any(_rows(a, ids).values())  # nothing of its own waited: removed at once


def test_what_is_being_typed_keeps_the_household_until_it_is_saved_or_dropped(
    county: County, moved: tuple[Node, Node, Node, dict[str, str], str]
) -> None:
    """A form open on the household (its draft kept) holds the removal: saved, the
    typing travels to the new township like any edit made before the move."""
    a, b, c, ids, _ = moved
    with b.session() as s:
        s.add(Draft(user_id="u", form="household", record_id=ids["household"], data={}))
    relocate_household(county, ids["household"], "S-NEW")
    settle([a, b, c])
    assert all(_rows(b, ids).values())  # still here: a draft names it
    assert not any(_rows(a, ids).values())
    with b.session() as s:  # the form is saved: the edit is made, the draft goes
        s.execute(delete(Draft))
    edit(b, Household, ids["household"], phone="13733333333")
    settle([a, b, c])
    assert not any(_rows(b, ids).values())
    assert get(c, Household, ids["household"], "phone") == "13733333333"
    for node in (a, b, c):
        assert node.audit() == []
