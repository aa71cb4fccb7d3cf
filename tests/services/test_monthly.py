"""Closing the month: the board kept per township, site and grid, compared and trended."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import PermissionDenied, ValidationError
from desktop.services import grids, monthly
from desktop.services.actor import Actor
from desktop.services.board import Figures
from desktop.store.models_grids import MonthlySnapshot
from tests import grid_factories
from tests.grid_factories import EXPECTED, MONTH, Township


@pytest.fixture
def town(township_db: sessionmaker[Session]) -> Township:
    return grid_factories.build(township_db)


def _count(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(MonthlySnapshot)) or 0)


def test_close_month_stores_township_sites_and_grids(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        result = monthly.close_month(s, admin, clock=town.clock)
    assert result.month == MONTH and result.rows == 6 and not result.replaced
    total = Figures(*EXPECTED["G1"]) + Figures(*EXPECTED["G2"]) + Figures(*EXPECTED["G3"])
    total = total + Figures(*EXPECTED[None])
    assert result.township == total
    with township_db.begin() as s:
        rows = {(r.scope, r.code): r for r in monthly.snapshots(s, admin, MONTH)}
    assert rows[("grid", "G1")].figures == Figures(*EXPECTED["G1"])
    assert rows[("grid", "G3")].name == "三网格"
    assert rows[("site", "S-B")].figures == Figures(*EXPECTED["G3"])
    assert rows[("township", "")].figures == total
    assert set(rows) == {
        ("township", ""),
        ("site", "S-A"),
        ("site", "S-B"),
        ("grid", "G1"),
        ("grid", "G2"),
        ("grid", "G3"),
    }


def test_a_closed_month_does_not_change_when_records_do(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        monthly.close_month(s, admin, clock=town.clock)
        grids.move_households(s, admin, [town.h["h1"], town.h["h2"]], grid_id=town.g2)
    with township_db.begin() as s:
        g1 = next(r for r in monthly.snapshots(s, admin, MONTH) if r.code == "G1")
    assert g1.figures.households == 5


def test_closing_again_needs_confirmation_and_then_overwrites(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        monthly.close_month(s, admin, clock=town.clock)
        grids.move_households(s, admin, [town.h["h1"]], grid_id=town.g2)
    with pytest.raises(ValidationError) as caught, township_db.begin() as s:
        monthly.close_month(s, admin, clock=town.clock)
    assert caught.value.code == "month_already_closed"
    with township_db.begin() as s:
        assert _count(s) == 6
        result = monthly.close_month(s, admin, clock=town.clock, replace=True)
        assert result.replaced
    with township_db.begin() as s:
        assert _count(s) == 6
        g1 = next(r for r in monthly.snapshots(s, admin, MONTH) if r.code == "G1")
        assert g1.figures.households == 4


def test_only_this_or_last_month_and_only_admins(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    for month, code in (
        ("2026-09", "month_not_closable"),
        ("2026-12", "month_not_closable"),
        ("2026-13", "month_format"),
    ):
        with pytest.raises(ValidationError) as caught, township_db.begin() as s:
            monthly.close_month(s, admin, month=month, clock=town.clock)
        assert caught.value.code == code
    with pytest.raises(PermissionDenied), township_db.begin() as s:
        monthly.close_month(s, town.member1, clock=town.clock)
    with township_db.begin() as s:
        assert _count(s) == 0


def test_compare_and_trend(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        monthly.close_month(s, admin, month="2026-10", clock=town.clock)
        monthly.close_month(s, admin, clock=town.clock)
        assert monthly.closed_months(s, admin) == ["2026-11", "2026-10"]
        rows = {(c.scope, c.code): c for c in monthly.compare(s, admin, MONTH)}
        g1 = rows[("grid", "G1")]
        assert g1.previous is not None and g1.previous.visited == 1  # h2 on 10-30
        assert g1.delta("visited") == 2
        assert g1.delta("households") == 0
        assert rows[("township", "")].delta("visited") == 5 - 1
        points = monthly.trend(s, admin, months=3, clock=town.clock)
        assert [p.month for p in points] == ["2026-09", "2026-10", "2026-11"]
        assert points[0].value is None
        assert points[1].value == pytest.approx(1 / 9)
        assert points[2].value == pytest.approx(5 / 9)
        g1_trend = monthly.trend(
            s,
            admin,
            scope="grid",
            scope_id=town.g1,
            figure="zero_employment",
            months=2,
            clock=town.clock,
        )
        assert [p.value for p in g1_trend] == [1.0, 1.0]


def test_a_grid_member_sees_only_their_grids_months(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        monthly.close_month(s, admin, clock=town.clock)
    with township_db.begin() as s:
        rows = monthly.snapshots(s, town.member1, MONTH)
        assert [(r.scope, r.code) for r in rows] == [("grid", "G1")]
        assert monthly.trend(s, town.member1, months=1, clock=town.clock)[0].value is None


def test_board_and_close_month_from_the_command_line(
    township_db: sessionmaker[Session],
    town: Township,
    db_path: object,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from desktop.cli import main

    assert main(["--db", str(db_path), "board", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [g["code"] for g in shown["grids"]] == ["G1", "G2", "G3", ""]
    assert shown["total"]["households"] == 9 and shown["total"]["persons"] == 14
    assert main(["--db", str(db_path), "close-month"]) == 0
    assert "已结转" in capsys.readouterr().out
    assert main(["--db", str(db_path), "close-month"]) == 1
    assert "已经结转过" in capsys.readouterr().err
    with township_db.begin() as s:
        assert _count(s) == 6
