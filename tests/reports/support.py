"""A small township for the report tests: one site, two grids, rich households."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from desktop.domain import resident_id
from desktop.domain.enums import EmploymentStatus, LabourCapacity, MonitoringCategory, Relation
from desktop.services.actor import Actor
from tests.factories import make_building, make_grid, make_household, make_site, make_user, member

TODAY = date(2026, 11, 22)
RARE_VILLAGE = "永顺县㐀溪村"  # U+3400, the first CJK Extension A character
HEAD_ID = resident_id.build("433127", date(1968, 3, 4), 123)
SPOUSE_ID = resident_id.build("433127", date(1970, 7, 9), 246)


@dataclass
class Places:
    site_id: str
    grid_ids: tuple[str, str]
    building_ids: tuple[str, str]
    grid_member: Actor


def make_places(session: Session) -> Places:
    """The same site, grids and buildings (codes and names) in any township."""
    site = make_site(
        session, name="幸福家园安置区", code="S01", chief_name="王点长", chief_phone="13900001111"
    )
    g1 = make_grid(session, site, name="第一网格", code="G01")
    g2 = make_grid(session, site, name="第二网格", code="G02")
    b1 = make_building(session, site, g1, name="1栋", code="B01")
    b2 = make_building(session, site, g2, name="2栋", code="B02")
    user = make_user(session, grids=[g1], display_name="李网格", phone="13812345678")
    g1.leader_user_id = user.user_id
    return Places(site.id, (g1.id, g2.id), (b1.id, b2.id), user)


def populate(session: Session, places: Places) -> list[str]:
    """Three households; returns their codes.  The first is the one every card test reads."""
    from desktop.store.models import Building

    b1 = session.get(Building, places.building_ids[0])
    b2 = session.get(Building, places.building_ids[1])
    h1 = make_household(
        session,
        building=b1,
        code="S01-0001",
        unit="2",
        room="301",
        phone="13700001234",
        origin_village=RARE_VILLAGE,
        move_in_date=date(2025, 3, 1),
        monitoring=MonitoringCategory.MARGINAL,
        monitoring_since=date(2026, 2, 1),
        old_house_status="demolished",
        old_house_demolished_on=date(2025, 6, 1),
        property_certificate=True,
        vegetable_plot=True,
        income_industry="油茶种植",
        cadre_name="张干部",
        cadre_phone="13611112222",
        members=[
            member(
                "田㐀福",
                Relation.HEAD,
                resident_id=HEAD_ID,
                labour=LabourCapacity.FULL.value,
                employment=EmploymentStatus.EMPLOYED.value,
                employment_place="in_county",
                employer="溪州扶贫车间",
                monthly_income=3200,
                employed_since=date(2025, 5, 1),
                skills="电焊",
                pension_insurance=True,
            ),
            member(
                "向秀英",
                Relation.SPOUSE,
                resident_id=SPOUSE_ID,
                male=False,
                labour=LabourCapacity.PARTIAL.value,
                employment=EmploymentStatus.UNEMPLOYED.value,
                dibao=True,
            ),
            member("田小军", Relation.SON, birth=date(2012, 9, 1), schooling="junior"),
        ],
    )
    h2 = make_household(
        session,
        building=b1,
        code="S01-0002",
        room="402",
        members=[member("彭大山", Relation.HEAD, birth=date(1950, 1, 2), tekun=True)],
    )
    h3 = make_household(
        session,
        building=b2,
        code="S01-0003",
        room="101",
        members=[
            member(
                "覃春花",
                Relation.HEAD,
                birth=date(1980, 5, 6),
                male=False,
                labour="full",
                employment="public_welfare",
                monthly_income=1800,
            ),
        ],
    )
    return [h1.code, h2.code, h3.code]


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils zbar-tools)")
    return path


def run_tool(*args: str | Path) -> str:
    need_tool(str(args[0]))
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout
