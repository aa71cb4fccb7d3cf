"""The county's reporting tables follow the synced records, and its overview counts what
a township's own board counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from desktop.demo.builder import build_demo
from desktop.domain import sla
from desktop.services import board
from desktop.services.clock import FixedClock
from desktop.store.models import Household, Person
from server import overview, reporting
from server.county import County
from server.models import (
    CountyEnrolment,
    RptHousehold,
    RptPerson,
    RptWorkOrder,
)
from tests.sync.harness import TOWNSHIP, Node, admin, make_node

NOW = datetime.now(UTC)


def _demo_node(county: County, tmp_path: Path, households: int = 30) -> Node:
    def build(node: Node) -> None:
        with node.session() as s:
            build_demo(s, households=households, seed=7, today=sla.to_china(NOW).date())

    node = make_node(county, tmp_path, name="demo", before_enrolment=build)
    with county.sessions.begin() as s:  # the county enrolled it with the demo's profile
        s.execute(update(CountyEnrolment).values(profile="xiangxi"))
    node.sync()
    return node


def _dump(county: County) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    with county.sessions.begin() as s:
        for model in reporting.TABLES:
            table = model.__table__
            rows = s.execute(select(table)).all()
            out[table.name] = sorted(tuple(r) for r in rows)
    return out


def test_the_county_overview_counts_what_the_township_board_counts(
    county: County, tmp_path: Path
) -> None:
    node = _demo_node(county, tmp_path)
    try:
        county.transfer_work_order(township_code=TOWNSHIP, description="路灯不亮")
        node.sync()
        with node.session() as s:
            mine = board.township_figures(s, admin(node), clock=FixedClock(NOW))
        with county.sessions.begin() as s:
            rows = overview.figures_by(s, "township", now=NOW)
        theirs = rows[TOWNSHIP]
        assert mine.households > 0 and mine.visited > 0 and mine.open_orders > 0
        assert theirs.households == mine.households
        assert theirs.persons == mine.persons
        assert theirs.visited == mine.visited
        assert theirs.monitored_total == mine.monitored
        assert theirs.zero_employment == mine.zero_employment
        assert theirs.old_house_overdue == mine.old_house_overdue
        assert theirs.open_total == mine.open_orders
    finally:
        node.close()


def test_reporting_rows_follow_edits_deletions_and_a_rebuild(
    county: County, tmp_path: Path
) -> None:
    node = _demo_node(county, tmp_path, households=8)
    try:
        with node.session() as s:
            household = s.scalars(select(Household).order_by(Household.code)).first()
            assert household is not None
            hid = household.id
            household.monitoring = "marginal"
            member = s.scalars(
                select(Person).where(Person.household_id == hid, Person.relation != "head")
            ).first()
            removed = member.id if member is not None else None
            if member is not None:
                member.deleted = True
            s.flush()
            live = len(
                s.scalars(
                    select(Person.id).where(Person.household_id == hid, Person.deleted.is_(False))
                ).all()
            )
        node.sync()
        with county.sessions.begin() as s:
            row = s.get(RptHousehold, hid)
            assert row is not None
            assert row.monitoring == "marginal"
            assert row.persons == live
            if removed is not None:
                assert s.get(RptPerson, removed) is None
        kept = _dump(county)
        with county.sessions.begin() as s:
            reporting.rebuild(s)
        assert _dump(county) == kept
    finally:
        node.close()


def test_a_hotline_request_gets_the_township_deadlines_at_the_county(
    county: County, tmp_path: Path
) -> None:
    node = _demo_node(county, tmp_path, households=4)
    try:
        order = county.transfer_work_order(
            township_code=TOWNSHIP, description="楼道灯坏了", category="repairs", ticket="12345-1"
        )
        with county.sessions.begin() as s:
            row = s.get(RptWorkOrder, order.id)
            assert row is not None
            assert row.source == "county" and row.next_stage == "respond"
            assert row.respond_due is not None and row.resolve_due is not None
            assert row.respond_due - row.received_at == timedelta(minutes=3)
            assert row.next_due == row.respond_due
    finally:
        node.close()
