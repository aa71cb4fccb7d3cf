"""The coverage board against a township counted by hand (tests/grid_factories.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.coverage import VisitProgress
from desktop.domain.errors import NotFound
from desktop.services import board
from desktop.services.actor import Actor
from desktop.services.board import Attention, Figures
from desktop.store.models import Household
from tests import grid_factories
from tests.grid_factories import EXPECTED, MONTH, Township


@pytest.fixture
def town(township_db: sessionmaker[Session]) -> Township:
    return grid_factories.build(township_db)


def _tuple(f: Figures) -> tuple[int, ...]:
    return tuple(f.as_dict().values())


def test_grid_board_matches_the_hand_count(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        b = board.grid_board(s, admin, clock=town.clock)
    assert b.month == MONTH
    by_code = {r.code or None: r for r in b.rows}
    assert set(by_code) == {"G1", "G2", "G3", None}
    for code, expected in EXPECTED.items():
        assert _tuple(by_code[code].figures) == expected, code
    assert by_code["G1"].members == ("王一",)
    assert by_code["G1"].site_name == "幸福家园"
    assert by_code["G1"].figures.visited_share == pytest.approx(3 / 5)
    totals = [sum(col) for col in zip(*EXPECTED.values(), strict=True)]
    assert list(_tuple(b.total)) == totals


def test_visit_progress_is_judged_against_the_days_gone(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    # 19 of 30 days gone: G1 saw 3/5 (behind), G3 saw all (done).
    with township_db.begin() as s:
        rows = {r.code: r for r in board.grid_board(s, admin, clock=town.clock).rows}
    assert rows["G1"].progress is VisitProgress.BEHIND
    assert rows["G3"].progress is VisitProgress.DONE


def test_a_grid_member_sees_only_their_grid(
    township_db: sessionmaker[Session], town: Township
) -> None:
    with township_db.begin() as s:
        b = board.grid_board(s, town.member1, clock=town.clock)
        assert [r.code for r in b.rows] == ["G1"]
        assert _tuple(b.total) == EXPECTED["G1"]
        with pytest.raises(NotFound):
            board.building_board(s, town.member1, town.g2, clock=town.clock)
        rows = board.household_rows(s, town.member1, clock=town.clock)
        assert {r.code for r in rows} == {"H1", "H2", "H3", "H4", "H5"}
        summary = board.dashboard(s, town.member1, clock=town.clock)
        assert summary.grids == 1
        assert summary.sites == 1


def test_drill_down_to_buildings(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        b = board.building_board(s, admin, town.g1, clock=town.clock)
    rows = {r.name or None: _tuple(r.figures) for r in b.rows}
    assert rows == {
        "1栋": (2, 5, 4, 1, 1, 1, 1, 2, 1, 2),
        "2栋": (2, 2, 1, 1, 0, 1, 1, 0, 0, 1),
        None: (1, 1, 0, 0, 0, 0, 1, 0, 0, 0),
    }
    assert _tuple(b.total) == EXPECTED["G1"]


def test_drill_down_to_households(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        rows = {
            r.code: r for r in board.household_rows(s, admin, building_id=town.b1, clock=town.clock)
        }
    assert set(rows) == {"H1", "H2"}
    h1, h2 = rows["H1"], rows["H2"]
    assert (h1.persons, h1.labourers, h1.employed, h1.zero_employment) == (3, 2, 1, False)
    assert h1.visited and not h2.visited
    assert h2.zero_employment and h2.monitoring == "unstable"
    assert (h1.open_orders, h1.overdue_orders) == (1, 1)
    assert h1.old_house_overdue and h2.old_house_overdue
    assert h1.flat == "1栋1单元101"
    assert str(h2.last_visit) == "2026-10-30"


def test_dashboard_attention_counts_and_their_lists_agree(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        summary = board.dashboard(s, admin, clock=town.clock)
        counts = {item.kind: item.count for item in summary.attention}
        assert counts == {
            Attention.NOT_VISITED: 4,  # h2, h4, h7, h9
            Attention.ZERO_EMPLOYMENT: 3,  # h2, h7, h9
            Attention.OVERDUE_ORDERS: 3,  # h1's, G2's hotline order, h9's
            Attention.OLD_HOUSE_OVERDUE: 3,  # h1, h2, h3
        }
        assert summary.sites == 2 and summary.grids == 3
        assert "一网格" in summary.behind_grids
        for kind, codes in {
            Attention.NOT_VISITED: {"H2", "H4", "H7", "H9"},
            Attention.ZERO_EMPLOYMENT: {"H2", "H7", "H9"},
            Attention.OLD_HOUSE_OVERDUE: {"H1", "H2", "H3"},
            Attention.OVERDUE_ORDERS: {"H1", "H9"},  # the hotline order has no household
            Attention.MONITORED: {"H2", "H4"},
        }.items():
            listed = {
                r.code for r in board.household_rows(s, admin, attention=kind, clock=town.clock)
            }
            assert listed == codes, kind
            # the same condition works in any household query (the household list uses it)
            query = select(Household.code).where(
                Household.deleted.is_(False), board.attention_condition(s, kind, clock=town.clock)
            )
            assert set(s.scalars(query)) == codes, kind


def test_site_figures_add_up(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        by_site = board.figures_by(s, admin, "site", clock=town.clock)
    g1, g2, g3, none = (Figures(*EXPECTED[k]) for k in ("G1", "G2", "G3", None))
    assert by_site[town.site_a] == g1 + g2 + none
    assert by_site[town.site_b] == g3


def test_visits_of_another_month_do_not_count(
    township_db: sessionmaker[Session], admin: Actor, town: Township
) -> None:
    with township_db.begin() as s:
        october = board.figures_by(s, admin, "grid", clock=town.clock, month="2026-10")
    assert october[town.g1].visited == 1  # h2 on 10-30
    assert october[town.g2].visited == 0
