"""Sites, grids and buildings: how the township organises its care.

Every function is one user action in one transaction (the caller's).  Checks
come before the first write, so bad input leaves the database as it was.
Writes go through the ORM unit of work, never bulk UPDATE statements, so the
store's change capture sees every moved household and every rebound user.

A household's ``grid_id`` says who looks after it; a building's ``grid_id`` is
where its households go by default.  Assigning a building to a grid moves the
households of that building that were looked after by the building's previous
grid; households placed in another grid by hand stay where they were put.
Grids and sites are never deleted outright: they get a tombstone, like every
synced row, and only once nothing depends on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.domain import coverage
from desktop.domain.enums import AreaLevel, SiteKind
from desktop.domain.errors import NotFound, ValidationError
from desktop.services import memberships, township
from desktop.services.actor import Actor
from desktop.services.households import refresh_search_keys
from desktop.store.base import Base
from desktop.store.models import (
    Area,
    Building,
    Draft,
    Grid,
    Household,
    Person,
    Site,
    User,
    WorkOrder,
)

CHUNK = 500  # ids per IN (...) list: far below SQLite's variable limit

M = TypeVar("M", bound=Base)


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class SiteInfo:
    id: str
    code: str
    name: str
    kind: SiteKind
    address: str
    chief_name: str
    chief_phone: str
    grids: int
    households: int
    persons: int
    scale: coverage.SiteScaleInfo
    facilities_met: int
    facilities_total: int


@dataclass(frozen=True, slots=True)
class GridInfo:
    id: str
    site_id: str
    site_name: str
    code: str
    name: str
    member_ids: tuple[str, ...]
    member_names: tuple[str, ...]
    buildings: int
    households: int


@dataclass(frozen=True, slots=True)
class BuildingInfo:
    id: str
    site_id: str
    grid_id: str | None
    grid_name: str
    code: str
    name: str
    units: int
    floors: int
    leader_person_id: str | None
    leader_name: str
    households: int


@dataclass(frozen=True, slots=True)
class PersonChoice:
    """A resident who may lead a building."""

    id: str
    name: str
    household_code: str
    flat: str


@dataclass(frozen=True, slots=True)
class MoveResult:
    """What a move changed, for the UI's ``data_changed``."""

    household_ids: frozenset[str]
    building_ids: frozenset[str] = frozenset()
    grid_ids: frozenset[str] = frozenset()

    @property
    def households_moved(self) -> int:
        return len(self.household_ids)


@dataclass(frozen=True, slots=True)
class HandOverResult:
    grid_id: str
    from_user_id: str
    to_user_id: str
    households: int
    work_orders: int
    drafts: int


# ---------------------------------------------------------------- helpers


def _get(session: Session, model: type[M], row_id: str | None, field: str) -> M:
    row = session.get(model, row_id) if row_id else None
    if row is None or getattr(row, "deleted", False):
        raise NotFound("not_found", field=field)
    return row


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _load_many(session: Session, model: type[M], ids: Iterable[str], field: str) -> list[M]:
    """All rows for ``ids`` (none deleted), or NotFound before anything is written."""
    wanted = list(dict.fromkeys(ids))
    rows: list[M] = []
    for part in _chunks(wanted):
        rows += session.scalars(
            select(model).where(model.id.in_(part), model.deleted.is_(False))  # type: ignore[attr-defined]
        )
    if len(rows) != len(wanted):
        raise NotFound("not_found", field=field)
    return rows


def _touch(row: Any, actor: Actor) -> None:
    row.updated_by = actor.user_id


def township_area_ids(session: Session) -> set[str]:
    """The township's own area and its villages/communities."""
    town = township.township_area(session)
    villages = session.scalars(
        select(Area.id).where(Area.parent_id == town.id, Area.level == AreaLevel.VILLAGE.value)
    )
    return {town.id, *villages}


def grid_in_township(session: Session, grid: Grid, area_ids: set[str] | None = None) -> bool:
    site = session.get(Site, grid.site_id)
    return site is not None and site.area_id in (area_ids or township_area_ids(session))


def _check_code_free(
    session: Session, model: type[M], code: str, own_id: str | None = None
) -> None:
    """Codes are unique for ever: a deleted grid's code is not reused (sync keeps it)."""
    query = select(model.id).where(model.code == code)  # type: ignore[attr-defined]
    if own_id is not None:
        query = query.where(model.id != own_id)  # type: ignore[attr-defined]
    if session.scalar(query) is not None:
        taken = {Grid: "grid_code_taken", Building: "building_code_taken", Site: "site_code_taken"}
        raise ValidationError(taken.get(model, "code_taken"), field="code", value=code)


def _pairs(result: Any) -> dict[Any, Any]:
    return {key: value for key, value in result}


def _count(session: Session, query: Any) -> int:
    return int(session.scalar(query) or 0)


def _households_in_grid(session: Session, grid_id: str) -> int:
    return _count(
        session,
        select(func.count())
        .select_from(Household)
        .where(Household.grid_id == grid_id, Household.deleted.is_(False)),
    )


def open_order_condition() -> Any:
    return WorkOrder.status.not_in(sorted(coverage.CLOSED_ORDER_STATUSES))


def refresh_search_text(session: Session, households: Iterable[Household]) -> None:
    """Rebuild the list's search text after households changed building.

    The flat (building name, unit, room) is part of what a household is found by.
    """
    for household in list(households):
        refresh_search_keys(session, household.id)


# ---------------------------------------------------------------- sites


def _site_kind(kind: str | SiteKind) -> SiteKind:
    try:
        return SiteKind(kind)
    except ValueError:
        raise ValidationError("site_kind_invalid", field="kind") from None


def _site_info(session: Session, site: Site) -> SiteInfo:
    profile = township.policy(session)
    households = _count(
        session,
        select(func.count())
        .select_from(Household)
        .where(Household.site_id == site.id, Household.deleted.is_(False)),
    )
    persons = _count(
        session,
        select(func.count())
        .select_from(Person)
        .join(Household, Household.id == Person.household_id)
        .where(
            Household.site_id == site.id, Household.deleted.is_(False), Person.deleted.is_(False)
        ),
    )
    grids = _count(
        session,
        select(func.count())
        .select_from(Grid)
        .where(Grid.site_id == site.id, Grid.deleted.is_(False)),
    )
    checklist = coverage.facilities_checklist(profile.site, site.facilities or {})
    in_profile = [item for item in checklist if item.in_profile]
    return SiteInfo(
        id=site.id,
        code=site.code,
        name=site.name,
        kind=_site_kind(site.kind),
        address=site.address,
        chief_name=site.chief_name,
        chief_phone=site.chief_phone,
        grids=grids,
        households=households,
        persons=persons,
        scale=coverage.site_scale(profile.site, persons),
        facilities_met=sum(item.met for item in in_profile),
        facilities_total=len(in_profile),
    )


def list_sites(session: Session, actor: Actor) -> list[SiteInfo]:
    """Sites the actor may see: all for staff, those holding their grids for a member."""
    query = select(Site).where(Site.deleted.is_(False)).order_by(Site.code)
    if not actor.sees_everything:
        query = query.where(
            Site.id.in_(
                select(Grid.site_id).where(actor.grid_filter(Grid.id), Grid.deleted.is_(False))
            )
        )
    return [_site_info(session, s) for s in session.scalars(query)]


def get_site(session: Session, actor: Actor, site_id: str) -> SiteInfo:
    for site in list_sites(session, actor):
        if site.id == site_id:
            return site
    raise NotFound("not_found", field="site")


def create_site(
    session: Session,
    actor: Actor,
    *,
    code: str,
    name: str,
    kind: str | SiteKind,
    address: str = "",
    chief_name: str = "",
    chief_phone: str = "",
    area_id: str | None = None,
) -> SiteInfo:
    actor.require_admin()
    code = coverage.normalise_code(code, "code")
    name = coverage.normalise_name(name, "name", 100)
    site_kind = _site_kind(kind)
    areas = township_area_ids(session)
    area = area_id or township.township_area(session).id
    if area not in areas:
        raise ValidationError("area_outside_township", field="area")
    _check_code_free(session, Site, code)
    site = Site(
        code=code,
        name=name,
        kind=site_kind.value,
        area_id=area,
        address=address.strip(),
        chief_name=chief_name.strip(),
        chief_phone=chief_phone.strip(),
        facilities={},
        created_by=actor.user_id,
        updated_by=actor.user_id,
    )
    session.add(site)
    session.flush()
    return _site_info(session, site)


def update_site(
    session: Session,
    actor: Actor,
    site_id: str,
    *,
    name: str,
    kind: str | SiteKind,
    address: str,
    chief_name: str,
    chief_phone: str,
) -> SiteInfo:
    """Name, kind, address and the site chief (点长)."""
    actor.require_admin()
    site = _get(session, Site, site_id, "site")
    site.name = coverage.normalise_name(name, "name", 100)
    site.kind = _site_kind(kind).value
    site.address = address.strip()
    site.chief_name = chief_name.strip()
    site.chief_phone = chief_phone.strip()
    _touch(site, actor)
    session.flush()
    return _site_info(session, site)


def site_facilities(session: Session, actor: Actor, site_id: str) -> list[coverage.FacilityItem]:
    site = _get(session, Site, site_id, "site")
    if not actor.sees_everything:
        get_site(session, actor, site_id)  # NotFound outside the member's sites
    return coverage.facilities_checklist(township.policy(session).site, site.facilities or {})


def set_facility(
    session: Session, actor: Actor, site_id: str, item: str, *, met: bool, note: str = ""
) -> list[coverage.FacilityItem]:
    """Mark one item of the profile's checklist (五通、五化…) met or not, with a note."""
    actor.require_admin()
    site = _get(session, Site, site_id, "site")
    if item not in township.policy(session).site.facilities:
        raise ValidationError("facility_unknown", field="facility", item=item)
    facilities = dict(site.facilities or {})
    facilities[item] = {"met": bool(met), "note": note.strip()}
    site.facilities = facilities  # a new dict, so the JSON column is seen as changed
    _touch(site, actor)
    session.flush()
    return coverage.facilities_checklist(township.policy(session).site, facilities)


# ---------------------------------------------------------------- grids


def _grid_infos(session: Session, grids: Sequence[Grid]) -> list[GridInfo]:
    if not grids:
        return []
    ids = [g.id for g in grids]
    households = _pairs(
        session.execute(
            select(Household.grid_id, func.count())
            .where(Household.grid_id.in_(ids), Household.deleted.is_(False))
            .group_by(Household.grid_id)
        )
    )
    buildings = _pairs(
        session.execute(
            select(Building.grid_id, func.count())
            .where(Building.grid_id.in_(ids), Building.deleted.is_(False))
            .group_by(Building.grid_id)
        )
    )
    sites = _pairs(session.execute(select(Site.id, Site.name)))
    out = []
    for g in grids:
        members = sorted((u for u in g.members if not u.deleted), key=lambda u: u.username)
        out.append(
            GridInfo(
                id=g.id,
                site_id=g.site_id,
                site_name=sites.get(g.site_id, ""),
                code=g.code,
                name=g.name,
                member_ids=tuple(u.id for u in members),
                member_names=tuple(
                    u.display_name if u.active else f"{u.display_name}（停用）" for u in members
                ),
                buildings=int(buildings.get(g.id, 0)),
                households=int(households.get(g.id, 0)),
            )
        )
    return out


def list_grids(session: Session, actor: Actor, site_id: str | None = None) -> list[GridInfo]:
    query = (
        select(Grid).where(Grid.deleted.is_(False), actor.grid_filter(Grid.id)).order_by(Grid.code)
    )
    if site_id is not None:
        query = query.where(Grid.site_id == site_id)
    return _grid_infos(session, list(session.scalars(query)))


def get_grid(session: Session, actor: Actor, grid_id: str) -> GridInfo:
    grid = _get(session, Grid, grid_id, "grid")
    if not actor.may_see_grid(grid.id):
        raise NotFound("not_found", field="grid")
    return _grid_infos(session, [grid])[0]


def create_grid(session: Session, actor: Actor, *, site_id: str, code: str, name: str) -> GridInfo:
    actor.require_admin()
    site = _get(session, Site, site_id, "site")
    code = coverage.normalise_code(code, "code")
    name = coverage.normalise_name(name, "name", 100)
    _check_code_free(session, Grid, code)
    grid = Grid(
        site_id=site.id, code=code, name=name, created_by=actor.user_id, updated_by=actor.user_id
    )
    session.add(grid)
    session.flush()
    return _grid_infos(session, [grid])[0]


def rename_grid(
    session: Session, actor: Actor, grid_id: str, *, name: str, code: str | None = None
) -> GridInfo:
    actor.require_admin()
    grid = _get(session, Grid, grid_id, "grid")
    new_name = coverage.normalise_name(name, "name", 100)
    if code is not None:
        new_code = coverage.normalise_code(code, "code")
        _check_code_free(session, Grid, new_code, own_id=grid.id)
        grid.code = new_code
    grid.name = new_name
    _touch(grid, actor)
    session.flush()
    return _grid_infos(session, [grid])[0]


def delete_grid(session: Session, actor: Actor, grid_id: str) -> None:
    """Retire an empty grid.  Its buildings become unassigned, its members unbound.

    A grid that still looks after households or open work orders is refused:
    move them first, so that nobody is left without a grid.
    """
    actor.require_admin()
    grid = _get(session, Grid, grid_id, "grid")
    households = _households_in_grid(session, grid.id)
    if households:
        raise ValidationError("grid_has_households", field="grid", count=households)
    orders = _count(
        session,
        select(func.count())
        .select_from(WorkOrder)
        .where(WorkOrder.grid_id == grid.id, WorkOrder.deleted.is_(False), open_order_condition()),
    )
    if orders:
        raise ValidationError("grid_has_open_orders", field="grid", count=orders)
    for building in session.scalars(
        select(Building).where(Building.grid_id == grid.id, Building.deleted.is_(False))
    ):
        building.grid_id = None
        _touch(building, actor)
    memberships.set_members_of_grid(session, grid.id, [], by=actor.user_id)
    grid.leader_user_id = None
    grid.deleted = True
    _touch(grid, actor)
    session.flush()


def _move_grid_contents(session: Session, actor: Actor, source: Grid, target: Grid) -> MoveResult:
    households = list(
        session.scalars(
            select(Household).where(Household.grid_id == source.id, Household.deleted.is_(False))
        )
    )
    for h in households:
        h.grid_id = target.id
        _touch(h, actor)
    buildings = list(
        session.scalars(
            select(Building).where(Building.grid_id == source.id, Building.deleted.is_(False))
        )
    )
    for b in buildings:
        b.grid_id = target.id
        _touch(b, actor)
    for order in session.scalars(
        select(WorkOrder).where(WorkOrder.grid_id == source.id, WorkOrder.deleted.is_(False))
    ):
        order.grid_id = target.id
        _touch(order, actor)
    return MoveResult(
        household_ids=frozenset(h.id for h in households),
        building_ids=frozenset(b.id for b in buildings),
        grid_ids=frozenset({source.id, target.id}),
    )


def merge_grids(
    session: Session, actor: Actor, target_id: str, source_ids: Sequence[str]
) -> GridInfo:
    """Fold grids into one: households, buildings, work orders and members move over."""
    actor.require_admin()
    target = _get(session, Grid, target_id, "target")
    if not source_ids:
        raise ValidationError("grid_merge_nothing", field="sources")
    if target.id in source_ids:
        raise ValidationError("grid_merge_into_itself", field="sources")
    sources = _load_many(session, Grid, source_ids, "sources")
    for source in sources:
        if source.site_id != target.site_id:
            raise ValidationError("grid_merge_other_site", field="sources", grid=source.name)
    for source in sources:
        _move_grid_contents(session, actor, source, target)
        for user in source.members:
            memberships.grant(session, user.id, target.id, by=actor.user_id)
        if target.leader_user_id is None:
            target.leader_user_id = source.leader_user_id
        memberships.set_members_of_grid(session, source.id, [], by=actor.user_id)
        source.leader_user_id = None
        source.deleted = True
        _touch(source, actor)
    _touch(target, actor)
    session.flush()
    return _grid_infos(session, [target])[0]


def split_grid(
    session: Session,
    actor: Actor,
    grid_id: str,
    *,
    code: str,
    name: str,
    building_ids: Sequence[str] = (),
    household_ids: Sequence[str] = (),
) -> GridInfo:
    """Make a new grid in the same site from some of a grid's buildings and households.

    The chosen buildings take their households (those of the old grid) along;
    households chosen one by one move too.  Members are bound afterwards.
    """
    actor.require_admin()
    grid = _get(session, Grid, grid_id, "grid")
    if not building_ids and not household_ids:
        raise ValidationError("split_nothing", field="buildings")
    buildings = _load_many(session, Building, building_ids, "buildings")
    for b in buildings:
        if b.grid_id != grid.id:
            raise ValidationError("split_not_in_grid", field="buildings", building=b.name)
    households = _load_many(session, Household, household_ids, "households")
    for h in households:
        if h.grid_id != grid.id:
            raise ValidationError("split_not_in_grid", field="households", building=h.code)
    code = coverage.normalise_code(code, "code")
    name = coverage.normalise_name(name, "name", 100)
    _check_code_free(session, Grid, code)
    new = Grid(
        site_id=grid.site_id,
        code=code,
        name=name,
        created_by=actor.user_id,
        updated_by=actor.user_id,
    )
    session.add(new)
    session.flush()
    _assign(session, actor, new, buildings)
    _move(session, actor, households, new, building=None, clear_building=False)
    session.flush()
    return _grid_infos(session, [new])[0]


# ---------------------------------------------------------------- buildings


def _building_infos(session: Session, buildings: Sequence[Building]) -> list[BuildingInfo]:
    if not buildings:
        return []
    ids = [b.id for b in buildings]
    counts = _pairs(
        session.execute(
            select(Household.building_id, func.count())
            .where(Household.building_id.in_(ids), Household.deleted.is_(False))
            .group_by(Household.building_id)
        )
    )
    grid_names = _pairs(session.execute(select(Grid.id, Grid.name)))
    leader_ids = [b.leader_person_id for b in buildings if b.leader_person_id]
    leaders = (
        _pairs(session.execute(select(Person.id, Person.name).where(Person.id.in_(leader_ids))))
        if leader_ids
        else {}
    )
    return [
        BuildingInfo(
            id=b.id,
            site_id=b.site_id,
            grid_id=b.grid_id,
            grid_name=grid_names.get(b.grid_id or "", ""),
            code=b.code,
            name=b.name,
            units=b.units,
            floors=b.floors,
            leader_person_id=b.leader_person_id,
            leader_name=leaders.get(b.leader_person_id or "", ""),
            households=int(counts.get(b.id, 0)),
        )
        for b in buildings
    ]


def list_buildings(
    session: Session,
    actor: Actor,
    *,
    site_id: str | None = None,
    grid_id: str | None = None,
    unassigned: bool = False,
) -> list[BuildingInfo]:
    query = select(Building).where(Building.deleted.is_(False)).order_by(Building.code)
    if not actor.sees_everything:
        query = query.where(actor.grid_filter(Building.grid_id))
    if site_id is not None:
        query = query.where(Building.site_id == site_id)
    if grid_id is not None:
        query = query.where(Building.grid_id == grid_id)
    if unassigned:
        query = query.where(Building.grid_id.is_(None))
    return _building_infos(session, list(session.scalars(query)))


def create_building(
    session: Session,
    actor: Actor,
    *,
    site_id: str,
    code: str,
    name: str,
    units: int = 1,
    floors: int = 6,
    grid_id: str | None = None,
) -> BuildingInfo:
    actor.require_admin()
    site = _get(session, Site, site_id, "site")
    code = coverage.normalise_code(code, "code")
    name = coverage.normalise_name(name, "name")
    if not 1 <= units <= 50:
        raise ValidationError("building_size_range", field="units", min=1, max=50)
    if not 1 <= floors <= 60:
        raise ValidationError("building_size_range", field="floors", min=1, max=60)
    grid = None
    if grid_id is not None:
        grid = _get(session, Grid, grid_id, "grid")
        if grid.site_id != site.id:
            raise ValidationError("building_other_site", field="grid", building=name)
    _check_code_free(session, Building, code)
    building = Building(
        site_id=site.id,
        grid_id=grid.id if grid else None,
        code=code,
        name=name,
        units=units,
        floors=floors,
        created_by=actor.user_id,
        updated_by=actor.user_id,
    )
    session.add(building)
    session.flush()
    return _building_infos(session, [building])[0]


def update_building(
    session: Session, actor: Actor, building_id: str, *, name: str, units: int, floors: int
) -> BuildingInfo:
    actor.require_admin()
    building = _get(session, Building, building_id, "building")
    new_name = coverage.normalise_name(name, "name")
    if not 1 <= units <= 50:
        raise ValidationError("building_size_range", field="units", min=1, max=50)
    if not 1 <= floors <= 60:
        raise ValidationError("building_size_range", field="floors", min=1, max=60)
    renamed = new_name != building.name
    building.name, building.units, building.floors = new_name, units, floors
    _touch(building, actor)
    session.flush()
    if renamed:
        refresh_search_text(
            session,
            session.scalars(
                select(Household).where(
                    Household.building_id == building.id, Household.deleted.is_(False)
                )
            ),
        )
    return _building_infos(session, [building])[0]


def _assign(
    session: Session, actor: Actor, grid: Grid, buildings: Sequence[Building]
) -> MoveResult:
    moved: set[str] = set()
    for b in buildings:
        previous = b.grid_id
        b.grid_id = grid.id
        _touch(b, actor)
        for h in session.scalars(
            select(Household).where(
                Household.building_id == b.id,
                Household.deleted.is_(False),
                or_(Household.grid_id.is_(None), Household.grid_id == previous)
                if previous is not None
                else Household.grid_id.is_(None),
            )
        ):
            if h.grid_id != grid.id:
                h.grid_id = grid.id
                _touch(h, actor)
                moved.add(h.id)
    return MoveResult(
        household_ids=frozenset(moved),
        building_ids=frozenset(b.id for b in buildings),
        grid_ids=frozenset({grid.id}),
    )


def assign_buildings(
    session: Session,
    actor: Actor,
    grid_id: str,
    building_ids: Sequence[str],
    *,
    reassign: bool = False,
) -> MoveResult:
    """Put buildings (and the households living there) under a grid.

    A building already in another grid is refused unless ``reassign`` says the
    user means to move it: a building belongs to one grid only.
    """
    actor.require_admin()
    grid = _get(session, Grid, grid_id, "grid")
    buildings = _load_many(session, Building, building_ids, "buildings")
    for b in buildings:
        if b.site_id != grid.site_id:
            raise ValidationError("building_other_site", field="buildings", building=b.name)
        if b.grid_id is not None and b.grid_id != grid.id and not reassign:
            other = session.get(Grid, b.grid_id)
            raise ValidationError(
                "building_in_other_grid",
                field="buildings",
                building=b.name,
                grid=other.name if other else "",
            )
    result = _assign(session, actor, grid, buildings)
    session.flush()
    return result


def unassign_building(session: Session, actor: Actor, building_id: str) -> MoveResult:
    """Take a building out of its grid; refused while the grid still looks after its households."""
    actor.require_admin()
    building = _get(session, Building, building_id, "building")
    if building.grid_id is None:
        return MoveResult(household_ids=frozenset())
    count = _count(
        session,
        select(func.count())
        .select_from(Household)
        .where(
            Household.building_id == building.id,
            Household.grid_id == building.grid_id,
            Household.deleted.is_(False),
        ),
    )
    if count:
        raise ValidationError("building_has_households", field="building", count=count)
    old = building.grid_id
    building.grid_id = None
    _touch(building, actor)
    session.flush()
    return MoveResult(
        household_ids=frozenset(), building_ids=frozenset({building.id}), grid_ids=frozenset({old})
    )


def set_building_leader(
    session: Session, actor: Actor, building_id: str, person_id: str | None
) -> BuildingInfo:
    """Name the building leader (楼栋长), a resident of that building, or nobody."""
    actor.require_admin()
    building = _get(session, Building, building_id, "building")
    if person_id is not None:
        person = _get(session, Person, person_id, "leader")
        household = session.get(Household, person.household_id)
        if household is None or household.deleted or household.building_id != building.id:
            raise ValidationError("leader_not_resident", field="leader", building=building.name)
    building.leader_person_id = person_id
    _touch(building, actor)
    session.flush()
    return _building_infos(session, [building])[0]


def building_residents(session: Session, actor: Actor, building_id: str) -> list[PersonChoice]:
    """Residents of a building, the candidates for its leader."""
    building = _get(session, Building, building_id, "building")
    if not actor.sees_everything and building.grid_id not in actor.grid_ids:
        raise NotFound("not_found", field="building")
    rows = session.execute(
        select(Person.id, Person.name, Household.code, Household.unit, Household.room)
        .join(Household, Household.id == Person.household_id)
        .where(
            Household.building_id == building.id,
            Household.deleted.is_(False),
            Person.deleted.is_(False),
        )
        .order_by(Household.unit, Household.room, Person.sort_order)
    )
    return [
        PersonChoice(pid, name, code, f"{building.name}{unit}单元{room}" if unit else room)
        for pid, name, code, unit, room in rows
    ]


# ---------------------------------------------------------------- households


def _move(
    session: Session,
    actor: Actor,
    households: Sequence[Household],
    grid: Grid | None,
    *,
    building: Building | None,
    clear_building: bool,
) -> set[str]:
    moved: set[str] = set()
    rebuilt: list[Household] = []
    for h in households:
        changed = False
        if grid is not None and h.grid_id != grid.id:
            h.grid_id = grid.id
            changed = True
        if building is not None and h.building_id != building.id:
            h.building_id = building.id
            rebuilt.append(h)
            changed = True
        elif clear_building and h.building_id is not None:
            h.building_id = None
            rebuilt.append(h)
            changed = True
        if changed:
            _touch(h, actor)
            moved.add(h.id)
    refresh_search_text(session, rebuilt)
    return moved


def move_households(
    session: Session,
    actor: Actor,
    household_ids: Sequence[str],
    *,
    grid_id: str | None = None,
    building_id: str | None = None,
    clear_building: bool = False,
) -> MoveResult:
    """Move many households at once: to a grid, to a building (and its grid), or both.

    One transaction: either every chosen household moves or none does.  A
    household moves only within its own site (moving house is not a grid matter).
    """
    actor.require_admin()
    if grid_id is None and building_id is None and not clear_building:
        raise ValidationError("move_nowhere", field="grid")
    if not household_ids:
        raise ValidationError("move_nothing", field="households")
    grid = _get(session, Grid, grid_id, "grid") if grid_id is not None else None
    building = _get(session, Building, building_id, "building") if building_id else None
    if building is not None:
        if grid is None and building.grid_id is not None:
            grid = session.get(Grid, building.grid_id)
        if grid is not None and building.site_id != grid.site_id:
            raise ValidationError("building_other_site", field="building", building=building.name)
    households = _load_many(session, Household, household_ids, "households")
    site_id = building.site_id if building is not None else grid.site_id if grid else None
    if site_id is not None:
        for h in households:
            if h.site_id != site_id:
                raise ValidationError("household_other_site", field="households", household=h.code)
    moved = _move(
        session, actor, households, grid, building=building, clear_building=clear_building
    )
    session.flush()
    return MoveResult(
        household_ids=frozenset(moved),
        building_ids=frozenset({building.id}) if building else frozenset(),
        grid_ids=frozenset({grid.id}) if grid else frozenset(),
    )


# ---------------------------------------------------------------- hand-over


def hand_over_grid(
    session: Session, actor: Actor, grid_id: str, *, from_user_id: str, to_user_id: str
) -> HandOverResult:
    """A grid changes hands in one step.

    The new member is bound to the grid and the old one unbound (their rights go
    with the binding); open work orders handled by the old member, their drafts
    for the grid's households and orders, grid leadership and the households'
    responsible cadre, where it was the old member, pass to the new one.
    """
    actor.require_admin()
    grid = _get(session, Grid, grid_id, "grid")
    old = _get(session, User, from_user_id, "from_user")
    new = _get(session, User, to_user_id, "to_user")
    if old.id == new.id:
        raise ValidationError("handover_same_user", field="to_user")
    if grid not in old.grids:
        raise ValidationError("handover_not_member", field="from_user", user=old.display_name)
    if not new.active:
        raise ValidationError("user_disabled", field="to_user", user=new.display_name)
    if not grid_in_township(session, grid):
        raise ValidationError("grid_other_township", field="grid", grid=grid.name)

    household_rows = list(
        session.scalars(
            select(Household).where(Household.grid_id == grid.id, Household.deleted.is_(False))
        )
    )
    household_ids = {h.id for h in household_rows}
    cadre = 0
    for h in household_rows:
        if h.cadre_name == old.display_name:
            h.cadre_name = new.display_name
            h.cadre_phone = new.phone
            _touch(h, actor)
            cadre += 1
    orders = list(
        session.scalars(
            select(WorkOrder).where(
                WorkOrder.deleted.is_(False),
                WorkOrder.handler_id == old.id,
                open_order_condition(),
                or_(
                    WorkOrder.grid_id == grid.id,
                    WorkOrder.household_id.in_(
                        select(Household.id).where(Household.grid_id == grid.id)
                    ),
                ),
            )
        )
    )
    for order in orders:
        order.handler_id = new.id
        _touch(order, actor)
    record_ids = household_ids | {o.id for o in orders}
    record_ids |= set(
        session.scalars(
            select(Person.id).where(
                Person.household_id.in_(select(Household.id).where(Household.grid_id == grid.id))
            )
        )
    )
    drafts = 0
    for draft in list(session.scalars(select(Draft).where(Draft.user_id == old.id))):
        if draft.record_id not in record_ids:
            continue
        clash = session.scalar(
            select(Draft).where(
                Draft.user_id == new.id,
                Draft.form == draft.form,
                Draft.record_id == draft.record_id,
            )
        )
        if clash is not None:
            # Keep the newer of the two half-typed forms for the same record.
            if clash.saved_at >= draft.saved_at:
                session.delete(draft)
                continue
            session.delete(clash)
            session.flush()
        draft.user_id = new.id
        drafts += 1
    memberships.revoke(session, old.id, grid.id, by=actor.user_id)
    memberships.grant(session, new.id, grid.id, by=actor.user_id)
    if grid.leader_user_id == old.id:
        grid.leader_user_id = new.id
    _touch(old, actor)
    _touch(new, actor)
    _touch(grid, actor)
    session.flush()
    return HandOverResult(
        grid_id=grid.id,
        from_user_id=old.id,
        to_user_id=new.id,
        households=len(household_rows),
        work_orders=len(orders),
        drafts=drafts,
    )
