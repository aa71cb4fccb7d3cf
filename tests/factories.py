"""Small builders of test data, through the ORM, on a ``township_db``.

Each function adds rows to the given session and flushes, so ids are known and
later builders can refer to them; the caller's ``with factory.begin()`` commits.
Households get their denormalised list columns (head name, pinyin, member
count, search text) from the same service the app uses, so tests see what
users see.

    with township_db.begin() as s:
        site = make_site(s, name="幸福家园")
        grid = make_grid(s, site, name="第一网格")
        b = make_building(s, site, grid, name="3栋")
        h = make_household(s, building=b, room="501",
                           members=[member("张三丰", birth=date(1960, 5, 1))])
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import resident_id
from desktop.domain.enums import (
    HouseholdCategory,
    MonitoringCategory,
    OrderCategory,
    OrderSource,
    OrderStatus,
    Relation,
    Role,
    SiteKind,
    VisitKind,
)
from desktop.services import auth, memberships
from desktop.services.actor import Actor
from desktop.services.households import refresh_search_keys
from desktop.services.township import township_area
from desktop.store.models import (
    Building,
    Grid,
    Household,
    Person,
    Site,
    User,
    Visit,
    WorkOrder,
)

AREA_CODE = "433127"  # 永顺县, the county of the ``township_db`` fixture
PASSWORD = "test-password-1"

_counter = itertools.count(1)


def _next() -> int:
    return next(_counter)


def resident_id_for(birth: date, *, male: bool = True, area: str = AREA_CODE) -> str:
    """A valid, unique-per-run resident ID for a person born on ``birth``."""
    n = _next() % 500
    sequence = n * 2 + (1 if male else 0)  # odd: male
    return resident_id.build(area, birth, sequence)


@dataclass
class MemberSpec:
    name: str
    relation: str = Relation.HEAD.value
    birth: date = date(1970, 1, 1)
    male: bool = True
    resident_id: str | None = None  # built from birth and sex when None
    phone: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # any other Person column


def member(
    name: str,
    relation: Relation | str = Relation.HEAD,
    *,
    birth: date = date(1970, 1, 1),
    male: bool = True,
    resident_id: str | None = None,
    phone: str = "",
    **extra: Any,
) -> MemberSpec:
    return MemberSpec(
        name=name,
        relation=str(relation),
        birth=birth,
        male=male,
        resident_id=resident_id,
        phone=phone,
        extra=extra,
    )


def make_site(
    session: Session,
    *,
    name: str = "幸福家园安置区",
    code: str | None = None,
    kind: SiteKind = SiteKind.TOWN,
    **extra: Any,
) -> Site:
    site = Site(
        area_id=township_area(session).id,
        code=code or f"S{_next():04d}",
        name=name,
        kind=kind.value,
        **extra,
    )
    session.add(site)
    session.flush()
    return site


def make_grid(
    session: Session,
    site: Site,
    *,
    name: str = "第一网格",
    code: str | None = None,
    members: Sequence[User] = (),
    leader: User | None = None,
) -> Grid:
    grid = Grid(site_id=site.id, code=code or f"G{_next():04d}", name=name)
    if leader is not None:
        grid.leader_user_id = leader.id
    session.add(grid)
    session.flush()
    memberships.set_members_of_grid(session, grid.id, [u.id for u in members], by=None)
    session.flush()
    return grid


def make_building(
    session: Session,
    site: Site,
    grid: Grid | None = None,
    *,
    name: str = "1栋",
    code: str | None = None,
    units: int = 2,
    floors: int = 6,
) -> Building:
    building = Building(
        site_id=site.id,
        grid_id=grid.id if grid else None,
        code=code or f"B{_next():04d}",
        name=name,
        units=units,
        floors=floors,
    )
    session.add(building)
    session.flush()
    return building


def make_household(
    session: Session,
    *,
    building: Building | None = None,
    site: Site | None = None,
    grid: Grid | None = None,
    members: Sequence[MemberSpec] = (),
    code: str | None = None,
    unit: str = "1",
    room: str | None = None,
    category: HouseholdCategory = HouseholdCategory.FILED,
    monitoring: MonitoringCategory = MonitoringCategory.NONE,
    phone: str = "",
    move_in_date: date | None = date(2020, 6, 1),
    **extra: Any,
) -> Household:
    """A household in ``building`` (whose site and grid it takes unless given) with
    ``members`` in order; a household with no members gets one head, 测试户主."""
    if building is not None:
        site = site or session.get(Site, building.site_id)
        if grid is None and building.grid_id:
            grid = session.get(Grid, building.grid_id)
    if site is None:
        raise ValueError("make_household needs a building or a site")
    n = _next()
    household = Household(
        code=code or f"H{n:06d}",
        site_id=site.id,
        grid_id=grid.id if grid else None,
        building_id=building.id if building else None,
        unit=unit,
        room=room if room is not None else str(100 + n % 600),
        category=category.value,
        monitoring=monitoring.value,
        phone=phone,
        move_in_date=move_in_date,
        **extra,
    )
    session.add(household)
    session.flush()
    for order, spec in enumerate(members or [member("测试户主")]):
        session.add(
            Person(
                household_id=household.id,
                sort_order=order,
                name=spec.name,
                relation=spec.relation,
                resident_id=spec.resident_id or resident_id_for(spec.birth, male=spec.male),
                phone=spec.phone,
                **spec.extra,
            )
        )
    session.flush()
    refresh_search_keys(session, household.id)
    return household


def make_user(
    session: Session,
    *,
    role: Role = Role.GRID_MEMBER,
    grids: Sequence[Grid] = (),
    username: str | None = None,
    display_name: str = "李网格",
    phone: str = "",
) -> Actor:
    """An account and the :class:`Actor` it logs in as."""
    info = auth.create_user(
        session,
        None,
        username=username or f"user{_next()}",
        display_name=display_name,
        password=PASSWORD,
        role=role,
        phone=phone,
        grid_ids=tuple(g.id for g in grids),
    )
    user = session.scalar(select(User).where(User.id == info.id))
    assert user is not None
    return auth.actor_for(user)


def make_visit(
    session: Session,
    household: Household,
    *,
    user_id: str | None = None,
    visited_on: date = date(2026, 10, 15),
    kind: VisitKind = VisitKind.DOOR,
    income_per_head: int = 9000,
    notes: str = "",
) -> Visit:
    visit = Visit(
        household_id=household.id,
        user_id=user_id,
        visited_on=visited_on,
        kind=kind.value,
        income_per_head=income_per_head,
        notes=notes,
    )
    session.add(visit)
    session.flush()
    return visit


def make_work_order(
    session: Session,
    household: Household,
    *,
    code: str | None = None,
    category: OrderCategory = OrderCategory.REPAIRS,
    status: OrderStatus = OrderStatus.RECEIVED,
    source: OrderSource = OrderSource.WALK_IN,
    received_at: datetime = datetime(2026, 11, 1, 9, 0, tzinfo=UTC),
    description: str = "厨房水管漏水",
) -> WorkOrder:
    order = WorkOrder(
        code=code or f"W{_next():06d}",
        household_id=household.id,
        grid_id=household.grid_id,
        category=category.value,
        source=source.value,
        status=status.value,
        received_at=received_at,
        description=description,
    )
    session.add(order)
    session.flush()
    return order
