"""Finding households: the list, its filters and search, and the read-only household.

The list must open at once and follow every keystroke with 12 000 households
and 50 000 persons on a cheap laptop, so nothing here loads ORM objects for
the list: one SQL statement counts, one returns a page of plain rows, sorted
and filtered in SQL.  Search does not join persons: each household keeps its
members' names, pinyin, IDs, phones and its flat in ``households.search_text``
(kept current by :func:`refresh_search_keys`), so a keystroke is one ``LIKE``.

Chinese names sort by pinyin.  ``households.head_pinyin`` holds the head's
syllables separated by spaces (``zhang san feng``): without the spaces 詹一
(``zhanyi``) would sort after 张 (``zhang``), splitting surnames apart.
Sites and grids sort by their codes, which follow the township's official
numbering (城北第一网格 before 城北第二网格, which pinyin would reverse);
buildings by name, "naturally" (``2栋`` before ``10栋``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal_column,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased

from desktop.domain import coverage, resident_id
from desktop.domain.enums import Health, MonitoringCategory, OldHouseStatus, Relation
from desktop.domain.errors import NotFound, PermissionDenied
from desktop.domain.five_ones import LABOUR
from desktop.domain.monitoring import SEVERE_DISABILITY_GRADES, Flag
from desktop.domain.pinyin import pinyin_full, pinyin_initials, pinyin_spaced
from desktop.domain.search import (
    MemberKeys,
    MemberMatch,
    household_search_text,
    member_match,
    normalise_query,
)
from desktop.services import township
from desktop.services.actor import Actor
from desktop.services.work_orders import order_late_stages
from desktop.store.db import expire_rows
from desktop.store.models import (
    Building,
    Grid,
    Household,
    Person,
    Site,
    User,
    Visit,
    WorkOrder,
    user_grids,
)

if TYPE_CHECKING:  # survey imports this module: it is imported where it is used
    from desktop.services.survey import SurveyFilter

MONITORED_ANY = "monitored"
"""``HouseholdFilter.monitoring`` value meaning "in any monitored category"."""

LIKE_ESCAPE = "\\"


class SortKey(StrEnum):
    CODE = "code"
    HEAD = "head"
    SITE = "site"
    GRID = "grid"
    FLAT = "flat"
    MEMBERS = "members"
    MOVE_IN = "move_in"
    CATEGORY = "category"
    MONITORING = "monitoring"
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class HouseholdFilter:
    """What the list is narrowed to; ``None`` (or empty text) means "any"."""

    site_id: str | None = None
    grid_id: str | None = None
    building_id: str | None = None
    category: str | None = None
    monitoring: str | None = None  # a MonitoringCategory value or MONITORED_ANY
    text: str | None = None
    # computed status: risk level, monitoring flag, five-ones, this month's visit
    survey: SurveyFilter | None = None
    # the ids the status rules matched, found once by resolve_filter so that each
    # block fetched while scrolling does not run the rules again (None: not yet)
    matched: frozenset[str] | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.site_id
            or self.grid_id
            or self.building_id
            or self.category
            or self.monitoring
            or normalise_query(self.text or "")
            or _has_survey(self.survey)
        )

    @property
    def unresolved(self) -> HouseholdFilter:
        """The filter as the user chose it, without the matched ids."""
        return replace(self, matched=None) if self.matched is not None else self


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    id: str
    code: str
    head_name: str
    member_count: int
    site_name: str
    grid_name: str
    building_name: str
    unit: str
    room: str
    category: str
    monitoring: str
    phone: str
    move_in_date: date | None
    risk: str = ""  # a desktop.domain.monitoring.Risk value; "" when not computed
    # why a search found it when the head's name does not say so (desktop.domain.search)
    matched: MemberMatch | None = None


# ---------------------------------------------------------------- sort keys


def pinyin_sort_key(name: str) -> str:
    """Toneless pinyin syllables separated by spaces, lower-case: ``zhang san feng``."""
    return pinyin_spaced(name)


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key putting ``2栋`` before ``10栋``: runs of digits compare as numbers."""
    return tuple(
        (0, int(chunk)) if i % 2 else (1, chunk)
        for i, chunk in enumerate(_DIGITS.split(text))
        if chunk
    )


def _rank_case(column: Any, keys: dict[str, Any]) -> ColumnElement[int]:
    """An SQL expression giving each id its rank in the order of ``keys`` (id -> sort key).

    Used for sites and grids, which are few (tens) per township.
    """
    ordered = sorted(keys, key=lambda i: keys[i])
    if not ordered:
        return cast(0, Integer)  # type: ignore[return-value]
    return case({pid: rank for rank, pid in enumerate(ordered)}, value=column, else_=len(ordered))


def _place_key(code: str, name: str) -> tuple[Any, ...]:
    return (natural_key(code), natural_key(name))


_MONITORING_ORDER = {m.value: i for i, m in enumerate(MonitoringCategory)}


# ---------------------------------------------------------------- the list


def _escape_like(text: str) -> str:
    return (
        text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )


def _conditions(
    session: Session, actor: Actor, flt: HouseholdFilter, today: date | None
) -> list[ColumnElement[bool]]:
    base: list[ColumnElement[bool]] = [
        Household.deleted.is_(False),
        actor.grid_filter(Household.grid_id),
    ]
    conds = _narrowing(session, flt, today)
    if flt.survey is not None and _needs_rules(flt.survey):
        matched = flt.matched
        if matched is None:
            matched = _match(session, actor, flt.survey, today or date.today(), conds)
        conds.append(_among(matched))
    return base + conds


def _narrowing(
    session: Session, flt: HouseholdFilter, today: date | None
) -> list[ColumnElement[bool]]:
    """The conditions SQL answers beyond "not deleted, in the actor's grids"."""
    conds: list[ColumnElement[bool]] = []
    if flt.site_id:
        conds.append(Household.site_id == flt.site_id)
    if flt.grid_id:
        conds.append(Household.grid_id == flt.grid_id)
    if flt.building_id:
        conds.append(Household.building_id == flt.building_id)
    if flt.category:
        conds.append(Household.category == flt.category)
    if flt.monitoring == MONITORED_ANY:
        conds.append(Household.monitoring != MonitoringCategory.NONE.value)
    elif flt.monitoring:
        conds.append(Household.monitoring == flt.monitoring)
    query = normalise_query(flt.text or "")
    if query:
        conds.append(Household.search_text.like(f"%{_escape_like(query)}%", escape=LIKE_ESCAPE))
    if flt.survey is not None:
        conds += _survey_sql(session, flt.survey, today or date.today())
    return conds


# ---------------------------------------------------------------- computed status

OLD_HOUSE_LATE = "old_house_late"
"""``SurveyFilter.flag`` value of the list meaning "old house not demolished, or its
land not reclaimed, in time": what the dashboard counts as an old house past its
deadline (either of the two monitoring flags)."""

SQL_FLAGS = frozenset(
    {
        Flag.ZERO_EMPLOYMENT,
        Flag.ILLNESS_WITHOUT_DIBAO,
        Flag.OLD_HOUSE_OVERDUE,
        Flag.RECLAIM_OVERDUE,
        OLD_HOUSE_LATE,
    }
)
"""Monitoring flags the list filters in SQL; the others need the last visit's
income and alerts, and go through the rules (survey.households_matching)."""


def _has_survey(sf: SurveyFilter | None) -> bool:
    return sf is not None and bool(
        sf.risk or sf.flag or sf.five_ones_incomplete or sf.not_visited_this_month
    )


def _needs_rules(sf: SurveyFilter) -> bool:
    return bool(sf.risk or sf.five_ones_incomplete or (sf.flag and sf.flag not in SQL_FLAGS))


def _survey_sql(session: Session, sf: SurveyFilter, today: date) -> list[ColumnElement[bool]]:
    """The parts of the status filter SQL can answer, as the domain's rules state them
    (desktop.domain.monitoring); a test checks they agree with the rules."""
    conds: list[ColumnElement[bool]] = []
    if sf.not_visited_this_month:
        visit = aliased(Visit)
        conds.append(
            not_(
                exists().where(
                    visit.household_id == Household.id,
                    visit.deleted.is_(False),
                    visit.visited_on >= today.replace(day=1),
                )
            )
        )
    if sf.flag == OLD_HOUSE_LATE:
        conds.append(
            or_(
                _flag_condition(session, Flag.OLD_HOUSE_OVERDUE, today),
                _flag_condition(session, Flag.RECLAIM_OVERDUE, today),
            )
        )
    elif sf.flag in SQL_FLAGS:
        conds.append(_flag_condition(session, Flag(sf.flag), today))
    return conds


def _zero_employment(labour: Iterable[str], working: Iterable[str]) -> ColumnElement[bool]:
    """Someone of ``labour`` capacity in the household, nobody ``working``."""
    labourer, worker = aliased(Person), aliased(Person)
    return and_(
        exists().where(
            labourer.household_id == Household.id,
            labourer.deleted.is_(False),
            labourer.labour.in_(sorted(str(c) for c in labour)),
        ),
        not_(
            exists().where(
                worker.household_id == Household.id,
                worker.deleted.is_(False),
                worker.employment.in_(sorted(str(e) for e in working)),
            )
        ),
    )


def _flag_condition(session: Session, flag: Flag, today: date) -> ColumnElement[bool]:
    if flag is Flag.ZERO_EMPLOYMENT:
        # the profile's definition of work, as the monitoring flag and the dashboard
        return _zero_employment(
            LABOUR, coverage.working_statuses(township.policy(session).employment)
        )
    if flag is Flag.ILLNESS_WITHOUT_DIBAO:
        sick, covered = aliased(Person), aliased(Person)
        return and_(
            exists().where(
                sick.household_id == Household.id,
                sick.deleted.is_(False),
                or_(
                    sick.health == Health.SERIOUS.value,
                    and_(
                        sick.health == Health.DISABLED.value,
                        or_(
                            sick.disability_grade.is_(None),
                            sick.disability_grade.in_(sorted(SEVERE_DISABILITY_GRADES)),
                        ),
                    ),
                ),
            ),
            not_(
                exists().where(
                    covered.household_id == Household.id,
                    covered.deleted.is_(False),
                    or_(covered.dibao.is_(True), covered.tekun.is_(True)),
                )
            ),
        )
    cutoffs = coverage.old_house_cutoffs(township.policy(session).old_house, today)
    if flag is Flag.OLD_HOUSE_OVERDUE:
        return old_house_late(cutoffs, coverage.OldHouseStep.DEMOLISH)
    if flag is Flag.RECLAIM_OVERDUE:
        return old_house_late(cutoffs, coverage.OldHouseStep.RECLAIM)
    raise ValueError(f"not an SQL flag: {flag}")


def old_house_late(
    c: coverage.OldHouseCutoffs, step: coverage.OldHouseStep | None = None
) -> ColumnElement[bool]:
    """Old houses past their deadline, as SQL over ``Household``: the one definition the
    list's filter and the board's count share (see :func:`coverage.old_house_cutoffs`).
    ``step`` narrows to houses still standing (demolish) or demolished (reclaim)."""
    conds: list[ColumnElement[bool]] = []
    if step in (None, coverage.OldHouseStep.DEMOLISH):
        late = [
            and_(Household.old_house_hazard.is_(hazard), Household.move_in_date < before)
            for hazard, before in ((True, c.hazard_before), (False, c.standing_before))
            if before is not None
        ]
        if late:
            conds.append(
                and_(
                    Household.old_house_status == OldHouseStatus.STANDING.value,
                    Household.move_in_date.is_not(None),
                    or_(*late),
                )
            )
    if step in (None, coverage.OldHouseStep.RECLAIM) and c.demolished_before is not None:
        start = (
            Household.move_in_date if c.reclaim_from_move_in else Household.old_house_demolished_on
        )
        conds.append(
            and_(
                Household.old_house_status == OldHouseStatus.DEMOLISHED.value,
                Household.old_house_demolished_on.is_not(None),
                start.is_not(None),
                start < c.demolished_before,
            )
        )
    return or_(*conds) if conds else false()


def _match(
    session: Session,
    actor: Actor,
    sf: SurveyFilter,
    today: date,
    conds: Sequence[ColumnElement[bool]],
) -> frozenset[str]:
    """Ids of the households among ``conds`` whose status the rules match."""
    from desktop.services.survey import SurveyFilter, households_matching

    rules = SurveyFilter(
        risk=sf.risk,
        flag=sf.flag if sf.flag not in SQL_FLAGS else None,
        five_ones_incomplete=sf.five_ones_incomplete,
    )
    return households_matching(session, actor, rules, today=today, where=conds)


def _among(ids: frozenset[str]) -> ColumnElement[bool]:
    """``households.id`` in a set of any size, as one parameter (a JSON array):
    thousands of bound parameters would near SQLite's limit and cost more."""
    array = func.json_each(json.dumps(sorted(ids)))
    return Household.id.in_(select(literal_column("value")).select_from(array).scalar_subquery())


def status_conditions(
    session: Session, actor: Actor, survey: SurveyFilter | None, *, today: date | None = None
) -> list[ColumnElement[bool]]:
    """SQL conditions on ``households`` for the status part of the list's filter alone,
    for other lists of households (cards, ledgers) that must show what this list shows.

    The rules SQL cannot state run here, once, over the households the actor may see.
    """
    if survey is None:
        return []
    day = today or date.today()
    conds = _survey_sql(session, survey, day)
    if _needs_rules(survey):
        conds.append(_among(_match(session, actor, survey, day, list(conds))))
    return conds


def resolve_filter(
    session: Session, actor: Actor, flt: HouseholdFilter, *, today: date | None = None
) -> HouseholdFilter:
    """``flt`` with the households its status rules match found once (``matched``).

    The rules run in Python over every candidate household; the list asks for
    a count and a page per block as the user scrolls, which must not each run
    them again.  A filter SQL answers alone comes back as it was.
    """
    if flt.survey is None or not _needs_rules(flt.survey):
        return flt
    day = today or date.today()
    matched = _match(session, actor, flt.survey, day, _narrowing(session, flt, day))
    return replace(flt, matched=matched)


def count_households(
    session: Session, actor: Actor, flt: HouseholdFilter, *, today: date | None = None
) -> int:
    """How many households the actor may see that match ``flt``."""
    stmt = (
        select(func.count()).select_from(Household).where(*_conditions(session, actor, flt, today))
    )
    return int(session.scalar(stmt) or 0)


def _order_by(session: Session, sort: SortKey, descending: bool) -> list[Any]:
    keys: list[Any]
    if sort is SortKey.CODE:
        keys = []
    elif sort is SortKey.HEAD:
        keys = [Household.head_pinyin, Household.head_name]
    elif sort is SortKey.SITE:
        keys = [_site_rank(session)]
    elif sort is SortKey.GRID:
        keys = [_grid_rank(session)]
    elif sort is SortKey.FLAT:
        keys = [
            _site_rank(session),
            cast(Building.name, Integer),
            Building.name,
            cast(Household.unit, Integer),
            Household.unit,
            cast(Household.room, Integer),
            Household.room,
        ]
    elif sort is SortKey.MEMBERS:
        keys = [Household.member_count]
    elif sort is SortKey.MOVE_IN:
        keys = [Household.move_in_date]
    elif sort is SortKey.CATEGORY:
        keys = [Household.category]
    elif sort is SortKey.MONITORING:
        keys = [case(_MONITORING_ORDER, value=Household.monitoring, else_=len(_MONITORING_ORDER))]
    elif sort is SortKey.PHONE:
        keys = [Household.phone]
    keys.append(Household.code)
    return [k.desc() if descending else k.asc() for k in keys]


def _site_rank(session: Session) -> ColumnElement[int]:
    rows = session.execute(select(Site.id, Site.code, Site.name)).all()
    return _rank_case(Household.site_id, {i: _place_key(c, n) for i, c, n in rows})


def _grid_rank(session: Session) -> ColumnElement[int]:
    rows = session.execute(select(Grid.id, Grid.code, Grid.name)).all()
    return _rank_case(Household.grid_id, {i: _place_key(c, n) for i, c, n in rows})


def list_households(
    session: Session,
    actor: Actor,
    flt: HouseholdFilter,
    sort: SortKey = SortKey.CODE,
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
    *,
    today: date | None = None,
) -> list[HouseholdRow]:
    """One page of the household list, in the order the user chose, with each
    row's risk level.

    The page is chosen on ``households`` alone (only the flat order needs the
    building's name), carrying nothing but ids through the sort; the names of
    site, grid and building are joined to those ``limit`` rows only.  Sorting
    12 000 narrow rows is several times cheaper than sorting them joined.  The
    risk level is computed by the rules for the page's rows only.
    """
    from desktop.services.survey import risk_levels

    order = _order_by(session, sort, descending)
    page = select(Household.id).where(*_conditions(session, actor, flt, today))
    if sort is SortKey.FLAT:
        page = page.outerjoin(Building, Building.id == Household.building_id)
    page = page.order_by(*order).offset(max(offset, 0)).limit(max(limit, 0))
    stmt = (
        select(
            Household.id,
            Household.code,
            Household.head_name,
            Household.member_count,
            Site.name,
            func.coalesce(Grid.name, ""),
            func.coalesce(Building.name, ""),
            Household.unit,
            Household.room,
            Household.category,
            Household.monitoring,
            Household.phone,
            Household.move_in_date,
        )
        .select_from(Household)
        .join(Site, Site.id == Household.site_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .outerjoin(Building, Building.id == Household.building_id)
        .where(Household.id.in_(page.scalar_subquery()))
        .order_by(*order)
    )
    # Core execution: plain tuples straight into the row type, no ORM identity work.
    rows: list[Any] = list(session.connection().execute(stmt))
    risks = risk_levels(session, actor, (r[0] for r in rows), today=today)
    matches = _member_matches(session, flt.text or "", [r[0] for r in rows])
    return [
        replace(HouseholdRow(*r), risk=risks.get(r[0], ""), matched=matches.get(r[0])) for r in rows
    ]


def _member_matches(
    session: Session, text: str, household_ids: list[str]
) -> dict[str, MemberMatch]:
    """For a search, which member each listed household was found by (one query per page)."""
    if not normalise_query(text) or not household_ids:
        return {}
    members: dict[str, list[tuple[str, MemberKeys]]] = {}
    for hid, name, relation, rid, phone in session.execute(
        select(Person.household_id, Person.name, Person.relation, Person.resident_id, Person.phone)
        .where(Person.household_id.in_(household_ids), Person.deleted.is_(False))
        .order_by(Person.household_id, Person.sort_order)
    ):
        members.setdefault(hid, []).append((relation, MemberKeys(name, rid, phone or "")))
    out: dict[str, MemberMatch] = {}
    for hid, people in members.items():
        head = next((m for relation, m in people if relation == Relation.HEAD.value), None)
        others = [m for _relation, m in people if m is not head]
        found = member_match(text, head, others)
        if found is not None:
            out[hid] = found
    return out


@dataclass(frozen=True, slots=True)
class ListPage:
    """The first rows of the list and how many there are in all."""

    total: int
    rows: tuple[HouseholdRow, ...]
    # the filter the rows answer, its status rules resolved (see resolve_filter)
    filter: HouseholdFilter | None = None


def first_page(
    session: Session,
    actor: Actor,
    flt: HouseholdFilter,
    sort: SortKey = SortKey.CODE,
    descending: bool = False,
    limit: int = 200,
    *,
    today: date | None = None,
) -> ListPage:
    """What the list shows after each keystroke, in one transaction.

    A first page shorter than ``limit`` is the whole list, so most searches
    need no count.  Status rules run once, for the page and the count.
    """
    flt = resolve_filter(session, actor, flt, today=today)
    rows = list_households(session, actor, flt, sort, descending, 0, limit, today=today)
    whole = len(rows) < limit
    total = len(rows) if whole else count_households(session, actor, flt, today=today)
    return ListPage(total, tuple(rows), flt)


# ---------------------------------------------------------------- search keys


@dataclass(frozen=True, slots=True)
class MemberSearchInput:
    name: str
    relation: str
    resident_id: str
    phone: str = ""


@dataclass(frozen=True, slots=True)
class HouseholdKeys:
    """The denormalised columns of ``households`` the list reads."""

    head_name: str
    head_pinyin: str
    member_count: int
    search_text: str


def household_keys(
    *,
    code: str,
    building_name: str,
    unit: str,
    room: str,
    phone: str,
    members: Sequence[MemberSearchInput],
) -> HouseholdKeys:
    """Compute the list's columns from plain values (bulk builders use it directly).

    The head is the member whose relation is ``head``, else the first member.
    """
    head = next((m for m in members if m.relation == Relation.HEAD.value), None)
    if head is None and members:
        head = members[0]
    head_name = head.name if head else ""
    return HouseholdKeys(
        head_name=head_name,
        head_pinyin=pinyin_sort_key(head_name),
        member_count=len(members),
        search_text=household_search_text(
            code=code,
            building_name=building_name,
            unit=unit,
            room=room,
            phone=phone,
            members=[MemberKeys(m.name, m.resident_id, m.phone) for m in members],
        ),
    )


def refresh_search_keys(session: Session, household_id: str) -> None:
    """Recompute a household's list columns and its members' pinyin from current rows.

    Call after every save of a household or of its members, in the same
    transaction, so the list and search never disagree with the records.
    """
    household = session.get(Household, household_id)
    if household is None:
        raise NotFound("not_found", field="household_id")
    session.flush()
    refresh_household_keys(session, [household_id])


def refresh_household_keys(session: Session, household_ids: Iterable[str]) -> int:
    """Recompute the derived columns of many households and of their members at once:
    the list's columns (head, pinyin, count, search text) and each member's pinyin.

    What a sync import calls for the households it touched (see
    ``desktop.services.derived``); written with one UPDATE per table through
    ``executemany``, and only where a value differs.  Returns the rows changed.
    Members are taken in the order the form keeps (sort order, then creation, then id),
    so every node finds the same head when a household briefly has two.
    """
    ids = sorted(set(household_ids))
    changed = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        households = session.execute(
            select(
                Household.id,
                Household.code,
                Household.building_id,
                Household.unit,
                Household.room,
                Household.phone,
                Household.head_name,
                Household.head_pinyin,
                Household.member_count,
                Household.search_text,
            ).where(Household.id.in_(chunk))
        ).all()
        if not households:
            continue
        people = session.execute(
            select(
                Person.id,
                Person.household_id,
                Person.name,
                Person.relation,
                Person.resident_id,
                Person.phone,
                Person.deleted,
                Person.name_pinyin,
                Person.name_initials,
            )
            .where(Person.household_id.in_(chunk))
            .order_by(Person.household_id, Person.sort_order, Person.created_at, Person.id)
        ).all()
        building_ids = {h.building_id for h in households if h.building_id}
        buildings = dict(
            session.execute(
                select(Building.id, Building.name).where(Building.id.in_(sorted(building_ids)))
            ).all()
        )
        members: dict[str, list[MemberSearchInput]] = {}
        person_rows: list[dict[str, Any]] = []
        for p in people:
            full, initials = pinyin_full(p.name), pinyin_initials(p.name)
            if (full, initials) != (p.name_pinyin, p.name_initials):
                person_rows.append({"id": p.id, "name_pinyin": full, "name_initials": initials})
            if not p.deleted:
                members.setdefault(p.household_id, []).append(
                    MemberSearchInput(p.name, p.relation, p.resident_id, p.phone)
                )
        household_rows: list[dict[str, Any]] = []
        for h in households:
            keys = household_keys(
                code=h.code,
                building_name=buildings.get(h.building_id, "") if h.building_id else "",
                unit=h.unit,
                room=h.room,
                phone=h.phone,
                members=members.get(h.id, []),
            )
            now = (keys.head_name, keys.head_pinyin, keys.member_count, keys.search_text)
            if now != (h.head_name, h.head_pinyin, h.member_count, h.search_text):
                household_rows.append(
                    {
                        "id": h.id,
                        "head_name": keys.head_name,
                        "head_pinyin": keys.head_pinyin,
                        "member_count": keys.member_count,
                        "search_text": keys.search_text,
                    }
                )
        if person_rows:
            session.execute(update(Person), person_rows)
        if household_rows:
            session.execute(update(Household), household_rows)
        changed += len(person_rows) + len(household_rows)
        expire_rows(session, Person, (r["id"] for r in person_rows))
        expire_rows(session, Household, (r["id"] for r in household_rows))
    return changed


# ---------------------------------------------------------------- filter options


@dataclass(frozen=True, slots=True)
class SiteOption:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class GridOption:
    id: str
    name: str
    site_id: str


@dataclass(frozen=True, slots=True)
class BuildingOption:
    id: str
    name: str
    site_id: str
    grid_id: str | None


@dataclass(frozen=True, slots=True)
class FilterOptions:
    sites: tuple[SiteOption, ...]
    grids: tuple[GridOption, ...]
    buildings: tuple[BuildingOption, ...]


def filter_options(session: Session, actor: Actor) -> FilterOptions:
    """Sites, grids and buildings for the list's filters: only what the actor may see.

    Sites and grids in the order of their codes; buildings by site, then by name.
    """
    grid_rows = session.execute(
        select(Grid.id, Grid.name, Grid.site_id, Grid.code).where(
            Grid.deleted.is_(False), actor.grid_filter(Grid.id)
        )
    ).all()
    grid_rows = sorted(grid_rows, key=lambda r: _place_key(r[3], r[1]))
    grids = [GridOption(i, name, site_id) for i, name, site_id, _code in grid_rows]
    if actor.sees_everything:
        site_cond: ColumnElement[bool] = Site.deleted.is_(False)
        building_cond: ColumnElement[bool] = Building.deleted.is_(False)
    else:
        site_cond = and_(Site.deleted.is_(False), Site.id.in_({g.site_id for g in grids}))
        building_cond = and_(Building.deleted.is_(False), actor.grid_filter(Building.grid_id))
    site_rows = sorted(
        session.execute(select(Site.id, Site.name, Site.code).where(site_cond)).all(),
        key=lambda r: _place_key(r[2], r[1]),
    )
    sites = [SiteOption(i, name) for i, name, _code in site_rows]
    site_rank = {s.id: rank for rank, s in enumerate(sites)}
    building_rows = session.execute(
        select(Building.id, Building.name, Building.site_id, Building.grid_id, Building.code).where(
            building_cond
        )
    ).all()
    buildings = [
        BuildingOption(i, name, site_id, grid_id)
        for i, name, site_id, grid_id, _code in sorted(
            building_rows,
            key=lambda r: (site_rank.get(r[2], len(sites)), natural_key(r[1]), r[4]),
        )
    ]
    return FilterOptions(tuple(sites), tuple(grids), tuple(buildings))


# ---------------------------------------------------------------- one household


@dataclass(frozen=True, slots=True)
class MemberDetail:
    id: str
    name: str
    relation: str
    resident_id: str
    id_valid: bool
    sex: str | None  # desktop.domain.resident_id.Sex value, None when the ID is invalid
    birth_date: date | None
    age: int | None
    ethnicity: str
    education: str
    health: str
    disability_grade: int | None
    labour: str
    schooling: str
    employment: str
    employment_place: str
    employer: str
    monthly_income: int
    employed_since: date | None
    skills: str
    training_wish: str
    medical_insurance: bool
    pension_insurance: bool
    dibao: bool
    tekun: bool
    phone: str


@dataclass(frozen=True, slots=True)
class GridMemberInfo:
    id: str
    display_name: str
    phone: str
    is_leader: bool


@dataclass(frozen=True, slots=True)
class VisitSummary:
    id: str
    visited_on: date
    kind: str
    user_name: str
    income_per_head: int
    notes: str
    # what the visit found changed since the last one, and the swings it flagged:
    # [{"person_id", "field", "before", "after"}], [{"code": "income_drop" | "job_lost", ...}]
    changes: tuple[dict[str, Any], ...] = ()
    alerts: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class WorkOrderSummary:
    id: str
    code: str
    category: str
    status: str
    received_at: datetime
    description: str
    late_stages: tuple[str, ...] = ()  # steps done after their deadline


@dataclass(frozen=True, slots=True)
class HouseholdDetail:
    id: str
    code: str
    head_name: str
    site_id: str
    site_name: str
    grid_id: str | None
    grid_name: str
    building_id: str | None
    building_name: str
    unit: str
    room: str
    origin_village: str
    move_in_date: date | None
    category: str
    phone: str
    monitoring: str
    monitoring_since: date | None
    monitoring_reason: str
    monitoring_exit_date: date | None
    monitoring_exit_reason: str
    old_house_status: str
    old_house_hazard: bool
    old_house_demolished_on: date | None
    old_house_reclaimed_on: date | None
    old_house_note: str
    property_certificate: bool
    vegetable_plot: bool
    income_industry: str
    cadre_name: str
    cadre_phone: str
    members: tuple[MemberDetail, ...]
    grid_members: tuple[GridMemberInfo, ...]
    visits: tuple[VisitSummary, ...]
    work_orders: tuple[WorkOrderSummary, ...]


def _member_detail(p: Person, today: date) -> MemberDetail:
    try:
        rid = resident_id.parse(p.resident_id, today=today)
    except resident_id.ResidentIdError:
        sex, birth, age, valid = None, None, None, False
    else:
        sex, birth, age, valid = rid.sex.value, rid.birth_date, rid.age_on(today), True
    return MemberDetail(
        id=p.id,
        name=p.name,
        relation=p.relation,
        resident_id=p.resident_id,
        id_valid=valid,
        sex=sex,
        birth_date=birth,
        age=age,
        ethnicity=p.ethnicity,
        education=p.education,
        health=p.health,
        disability_grade=p.disability_grade,
        labour=p.labour,
        schooling=p.schooling,
        employment=p.employment,
        employment_place=p.employment_place,
        employer=p.employer,
        monthly_income=p.monthly_income,
        employed_since=p.employed_since,
        skills=p.skills,
        training_wish=p.training_wish,
        medical_insurance=p.medical_insurance,
        pension_insurance=p.pension_insurance,
        dibao=p.dibao,
        tekun=p.tekun,
        phone=p.phone,
    )


def _grid_members(session: Session, grid: Grid | None) -> tuple[GridMemberInfo, ...]:
    if grid is None:
        return ()
    users = session.scalars(
        select(User)
        .join(user_grids, user_grids.c.user_id == User.id)
        .where(
            user_grids.c.grid_id == grid.id,
            user_grids.c.deleted.is_(False),
            User.deleted.is_(False),
            User.active.is_(True),
        )
    )
    infos = [
        GridMemberInfo(u.id, u.display_name, u.phone, u.id == grid.leader_user_id) for u in users
    ]
    infos.sort(key=lambda g: (not g.is_leader, pinyin_sort_key(g.display_name)))
    return tuple(infos)


def visible_household(session: Session, actor: Actor, household_id: str) -> Household:
    """The household, if it exists and ``actor`` may see it; else a clear refusal."""
    h = session.get(Household, household_id)
    if h is None or h.deleted:
        raise NotFound("not_found", field="household_id")
    if not actor.may_see_grid(h.grid_id):
        raise PermissionDenied("outside_your_grids")
    return h


def household_detail(
    session: Session, actor: Actor, household_id: str, today: date
) -> HouseholdDetail:
    """Everything the read-only household page shows.

    Ages and sexes come from the resident IDs (as of ``today``), never from
    stored columns, so they cannot disagree with the ID.
    """
    h = visible_household(session, actor, household_id)
    site = session.get(Site, h.site_id)
    grid = session.get(Grid, h.grid_id) if h.grid_id else None
    building = session.get(Building, h.building_id) if h.building_id else None
    members = session.scalars(
        select(Person)
        .where(Person.household_id == h.id, Person.deleted.is_(False))
        .order_by(Person.sort_order, Person.created_at)
    )
    visits = session.execute(
        select(Visit, User.display_name)
        .outerjoin(User, User.id == Visit.user_id)
        .where(Visit.household_id == h.id, Visit.deleted.is_(False))
        .order_by(Visit.visited_on.desc(), Visit.created_at.desc())
    ).all()
    orders = session.scalars(
        select(WorkOrder)
        .where(WorkOrder.household_id == h.id, WorkOrder.deleted.is_(False))
        .order_by(WorkOrder.received_at.desc())
    )
    return HouseholdDetail(
        id=h.id,
        code=h.code,
        head_name=h.head_name,
        site_id=h.site_id,
        site_name=site.name if site else "",
        grid_id=h.grid_id,
        grid_name=grid.name if grid else "",
        building_id=h.building_id,
        building_name=building.name if building else "",
        unit=h.unit,
        room=h.room,
        origin_village=h.origin_village,
        move_in_date=h.move_in_date,
        category=h.category,
        phone=h.phone,
        monitoring=h.monitoring,
        monitoring_since=h.monitoring_since,
        monitoring_reason=h.monitoring_reason,
        monitoring_exit_date=h.monitoring_exit_date,
        monitoring_exit_reason=h.monitoring_exit_reason,
        old_house_status=h.old_house_status,
        old_house_hazard=h.old_house_hazard,
        old_house_demolished_on=h.old_house_demolished_on,
        old_house_reclaimed_on=h.old_house_reclaimed_on,
        old_house_note=h.old_house_note,
        property_certificate=h.property_certificate,
        vegetable_plot=h.vegetable_plot,
        income_industry=h.income_industry,
        cadre_name=h.cadre_name,
        cadre_phone=h.cadre_phone,
        members=tuple(_member_detail(p, today) for p in members),
        grid_members=_grid_members(session, grid),
        visits=tuple(
            VisitSummary(
                v.id,
                v.visited_on,
                v.kind,
                name or "",
                v.income_per_head,
                v.notes,
                tuple(c for c in v.changes or () if isinstance(c, dict)),
                tuple(a for a in v.alerts or () if isinstance(a, dict)),
            )
            for v, name in visits
        ),
        work_orders=tuple(
            WorkOrderSummary(
                o.id,
                o.code,
                o.category,
                o.status,
                o.received_at,
                o.description,
                tuple(stage.value for stage in order_late_stages(o)),
            )
            for o in orders
        ),
    )
