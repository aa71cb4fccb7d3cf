"""The door-to-door survey: a household and its members, visits, "311", monitoring.

Every function is one user action and runs in the caller's transaction.  A
save validates the whole form first and raises
:class:`~desktop.domain.validation.ValidationErrors` naming every field at
fault (member fields as ``members[2].resident_id``), so nothing is written on
bad input; only then does it write, and it refreshes the household's search
keys in the same transaction.

Birth date, age and sex are never stored or typed: they come from the resident
ID.  A visit updates the members' employment and income in place (the last
known values are what the next visit starts from), and keeps on the visit what
changed and which swings need a second look.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, select
from sqlalchemy.orm import Session

from desktop.domain import resident_id
from desktop.domain.enums import (
    Education,
    EmploymentPlace,
    EmploymentStatus,
    Health,
    HouseholdCategory,
    LabourCapacity,
    MeasureKind,
    MonitoringCategory,
    OldHouseStatus,
    OrderCategory,
    Relation,
    RiskType,
    Schooling,
    SiteKind,
    SpecialGroup,
    VisitKind,
)
from desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from desktop.domain.five_ones import (
    LABOUR,
    FiveOnesStatus,
    MemberFacts,
    ServiceKind,
    ServicesStatus,
    five_ones,
    needs_services,
    services_status,
)
from desktop.domain.monitoring import (
    WORKING,
    MonitoredMember,
    MonitoringFacts,
    MonitoringStatus,
    assess,
    income_dropped,
    job_lost,
)
from desktop.domain.policy import PolicyProfile
from desktop.domain.validation import (
    ErrorCollector,
    check_choice,
    check_income,
    check_not_before_birth,
    check_not_future,
    check_phone,
    single_head,
)
from desktop.services import township
from desktop.services.actor import Actor
from desktop.services.households import refresh_search_keys
from desktop.store.base import new_id, utcnow
from desktop.store.models import (
    Building,
    Draft,
    Grid,
    Household,
    Person,
    Site,
    Visit,
    WorkOrder,
)
from desktop.store.models_survey import EmploymentService, MonitoringMeasure, MonitoringPeriod
from desktop.sync.capture import mark_shown

CHECKLIST_ITEMS: tuple[str, ...] = (
    "food",  # 不愁吃
    "clothing",  # 不愁穿
    "education",  # 义务教育有保障
    "medical",  # 基本医疗有保障
    "housing",  # 住房安全有保障
    "drinking_water",  # 饮水安全有保障
)
INCOME_SOURCES: tuple[str, ...] = ("wages", "business", "property", "transfers")
DISABILITY_GRADES = range(1, 5)
PERSON_VISIT_FIELDS = ("employment", "employment_place", "employer", "monthly_income")


def _today(today: date | None) -> date:
    return today or date.today()


def _values(enum: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(m) for m in enum)


def _assign(obj: object, values: dict[str, Any]) -> None:
    """Set only what changed, so an unchanged field records no change for sync."""
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)


def _household_values(
    data: HouseholdInput,
    site_id: str,
    grid_id: str | None,
    building_id: str | None,
    *,
    check: bool = True,
) -> dict[str, Any]:
    """The household's columns from the form; ``check=False`` for what the form showed
    (stored values, taken as they are even if today's rules would refuse them)."""
    phone = check_phone if check else _as_stored
    return {
        "site_id": site_id,
        "grid_id": grid_id,
        "building_id": building_id,
        "unit": data.unit.strip(),
        "room": data.room.strip(),
        "origin_village": data.origin_village.strip(),
        "move_in_date": data.move_in_date,
        "keys_handed_on": data.keys_handed_on,
        "category": data.category,
        "phone": phone(data.phone, "phone"),
        "old_house_status": data.old_house_status,
        "old_house_hazard": data.old_house_hazard,
        "old_house_demolished_on": data.old_house_demolished_on,
        "old_house_reclaimed_on": data.old_house_reclaimed_on,
        "old_house_note": data.old_house_note.strip(),
        "property_certificate": data.property_certificate,
        "vegetable_plot": data.vegetable_plot,
        "income_industry": data.income_industry.strip(),
        "cadre_name": data.cadre_name.strip(),
        "cadre_phone": phone(data.cadre_phone, "cadre_phone"),
    }


def _as_stored(value: str, _field: str) -> str:
    return value


def _person_values(m: MemberInput, order: int, *, check: bool = True) -> dict[str, Any]:
    phone = check_phone if check else _as_stored
    rid = resident_id.normalise if check else str
    return {
        "sort_order": order,
        "name": m.name.strip(),
        "resident_id": rid(m.resident_id),
        "relation": m.relation,
        "ethnicity": m.ethnicity.strip() or "汉族",
        "education": m.education,
        "health": m.health,
        "disability_grade": m.disability_grade if m.health == Health.DISABLED else None,
        "labour": m.labour,
        "schooling": m.schooling,
        "employment": m.employment,
        "employment_place": m.employment_place,
        "employer": m.employer.strip(),
        "monthly_income": m.monthly_income,
        "employed_since": m.employed_since,
        "skills": m.skills.strip(),
        "training_wish": m.training_wish.strip(),
        "medical_insurance": m.medical_insurance,
        "pension_insurance": m.pension_insurance,
        "dibao": m.dibao,
        "tekun": m.tekun,
        "phone": phone(m.phone, "phone"),
        "special_groups": [g.value for g in SpecialGroup if g.value in m.special_groups],
    }


def _merge_shown(
    session: Session, obj: Household | Person, values: dict[str, Any], was: dict[str, Any]
) -> dict[str, Any]:
    """The values to write, given what the form showed: untouched fields are left to
    what stands now; a field changed here and, since the form opened, elsewhere is
    written and marked so that capture records the conflict."""
    out: dict[str, Any] = {}
    unseen: dict[str, Any] = {}
    for key, value in values.items():
        if key in was and value == was[key]:
            continue
        out[key] = value
        if key in was and getattr(obj, key) not in (was[key], value):
            unseen[key] = was[key]
    if unseen:
        mark_shown(session, obj.__tablename__, obj.id, unseen)
    return out


def _household(session: Session, household_id: str) -> Household:
    h = session.get(Household, household_id)
    if h is None or h.deleted:
        raise NotFound("not_found", field="household_id")
    return h


def _visible_household(session: Session, actor: Actor, household_id: str) -> Household:
    h = _household(session, household_id)
    if not actor.may_see_grid(h.grid_id):
        raise PermissionDenied("outside_your_grids")
    return h


def _members(session: Session, household_id: str) -> list[Person]:
    return list(
        session.scalars(
            select(Person)
            .where(Person.household_id == household_id, Person.deleted.is_(False))
            .order_by(Person.sort_order, Person.created_at)
        )
    )


# ================================================================ household form


@dataclass(frozen=True, slots=True)
class MemberInput:
    """One member as the form holds it.  ``id`` None: a new member."""

    name: str
    resident_id: str
    relation: str
    id: str | None = None
    ethnicity: str = "汉族"
    education: str = ""
    health: str = Health.HEALTHY.value
    disability_grade: int | None = None
    labour: str = LabourCapacity.NONE.value
    schooling: str = Schooling.NOT_IN_SCHOOL.value
    employment: str = EmploymentStatus.NOT_APPLICABLE.value
    employment_place: str = ""
    employer: str = ""
    monthly_income: int = 0
    employed_since: date | None = None
    skills: str = ""
    training_wish: str = ""
    medical_insurance: bool = True
    pension_insurance: bool = False
    dibao: bool = False
    tekun: bool = False
    phone: str = ""
    special_groups: tuple[str, ...] = ()  # SpecialGroup values recorded by hand


@dataclass(frozen=True, slots=True)
class HouseholdInput:
    """The whole household form.  ``id`` None: a new household; ``code`` empty:
    generate one."""

    site_id: str
    members: tuple[MemberInput, ...]
    id: str | None = None
    code: str = ""
    building_id: str | None = None
    grid_id: str | None = None
    unit: str = ""
    room: str = ""
    origin_village: str = ""
    move_in_date: date | None = None
    keys_handed_on: date | None = None
    category: str = HouseholdCategory.FILED.value
    phone: str = ""
    old_house_status: str = OldHouseStatus.NONE.value
    old_house_hazard: bool = False
    old_house_demolished_on: date | None = None
    old_house_reclaimed_on: date | None = None
    old_house_note: str = ""
    property_certificate: bool = False
    vegetable_plot: bool = False
    income_industry: str = ""
    cadre_name: str = ""
    cadre_phone: str = ""


@dataclass(frozen=True, slots=True)
class SavedHousehold:
    id: str
    code: str
    member_ids: tuple[str, ...]
    created: bool


def _check_old_house(data: HouseholdInput, today: date, errors: ErrorCollector) -> None:
    status = data.old_house_status
    with errors.check():
        check_not_future(data.old_house_demolished_on, today, "old_house_demolished_on")
    with errors.check():
        check_not_future(data.old_house_reclaimed_on, today, "old_house_reclaimed_on")
    demolished = (OldHouseStatus.DEMOLISHED, OldHouseStatus.RECLAIMED)
    if status in demolished and data.old_house_demolished_on is None:
        errors.add("demolition_date_required", "old_house_demolished_on")
    if status == OldHouseStatus.RECLAIMED and data.old_house_reclaimed_on is None:
        errors.add("reclaim_date_required", "old_house_reclaimed_on")
    if (
        data.old_house_demolished_on is not None
        and data.old_house_reclaimed_on is not None
        and data.old_house_reclaimed_on < data.old_house_demolished_on
        and not errors.has("old_house_reclaimed_on")
    ):
        errors.add("reclaim_before_demolition", "old_house_reclaimed_on")
    if status == OldHouseStatus.RETAINED and not data.old_house_note.strip():
        errors.add("retained_needs_approval", "old_house_note")


def _check_member(
    i: int, m: MemberInput, today: date, errors: ErrorCollector
) -> resident_id.ResidentId | None:
    f = f"members[{i}]."
    if not m.name.strip():
        errors.add("required", f + "name")
    rid = errors.value(
        lambda: resident_id.parse(m.resident_id, today=today, field=f + "resident_id"), None
    )
    for name, value, allowed in (
        ("relation", m.relation, _values(Relation)),
        ("health", m.health, _values(Health)),
        ("labour", m.labour, _values(LabourCapacity)),
        ("schooling", m.schooling, _values(Schooling)),
        ("employment", m.employment, _values(EmploymentStatus)),
        ("education", m.education, ("", *_values(Education))),
        ("employment_place", m.employment_place, ("", *_values(EmploymentPlace))),
    ):
        with errors.check():
            check_choice(value, allowed, f + name)
    for group in m.special_groups:
        with errors.check():
            check_choice(group, _values(SpecialGroup), f + "special_groups")
    if m.disability_grade is not None and m.disability_grade not in DISABILITY_GRADES:
        errors.add("disability_grade_range", f + "disability_grade")
    with errors.check():
        check_income(m.monthly_income, f + "monthly_income")
    with errors.check():
        check_not_future(m.employed_since, today, f + "employed_since")
    if rid is not None and not errors.has(f + "employed_since"):
        with errors.check():
            check_not_before_birth(m.employed_since, rid.birth_date, f + "employed_since")
    with errors.check():
        check_phone(m.phone, f + "phone")
    return rid


def _validate_household(
    session: Session,
    data: HouseholdInput,
    existing: Household | None,
    today: date,
    errors: ErrorCollector,
) -> list[resident_id.ResidentId | None]:
    code = data.code.strip()
    if code:
        taken = session.scalar(
            select(Household.id).where(
                Household.code == code,
                Household.id != (existing.id if existing else ""),
            )
        )
        if taken:
            errors.add("household_code_taken", "code", value=code)
    with errors.check():
        check_choice(data.category, _values(HouseholdCategory), "category")
    with errors.check():
        check_choice(data.old_house_status, _values(OldHouseStatus), "old_house_status")
    with errors.check():
        check_not_future(data.move_in_date, today, "move_in_date")
    with errors.check():
        check_not_future(data.keys_handed_on, today, "keys_handed_on")
    with errors.check():
        check_phone(data.phone, "phone")
    with errors.check():
        check_phone(data.cadre_phone, "cadre_phone")
    _check_old_house(data, today, errors)

    members = data.members
    head_index = errors.value(lambda: single_head([m.relation for m in members]), None)
    rids = [_check_member(i, m, today, errors) for i, m in enumerate(members)]

    # The move-in cannot come before the head was born.
    head_rid = rids[head_index] if head_index is not None else None
    if head_rid is not None and not errors.has("move_in_date"):
        with errors.check():
            check_not_before_birth(data.move_in_date, head_rid.birth_date, "move_in_date")

    # Members that claim to exist must be this household's.
    own_ids = {p.id for p in _members(session, existing.id)} if existing else set()
    for i, m in enumerate(members):
        if m.id is not None and m.id not in own_ids:
            gone = session.get(Person, m.id)
            if existing and gone is not None and gone.household_id == existing.id:
                # removed elsewhere (a sync) while this form was open
                errors.add("member_removed_meanwhile", f"members[{i}].name", name=m.name)
            else:
                errors.add("member_not_in_household", f"members[{i}].name")

    # One ID, one person: within the form, then against other households.
    first_row: dict[str, int] = {}
    for i, rid in enumerate(rids):
        if rid is None:
            continue
        if rid.number in first_row:
            errors.add("id_repeated", f"members[{i}].resident_id", row=first_row[rid.number] + 1)
        else:
            first_row[rid.number] = i
    if first_row:
        others = session.execute(
            select(Person.resident_id, Household.code, Household.id)
            .join(Household, Household.id == Person.household_id)
            .where(
                Person.resident_id.in_(list(first_row)),
                Person.deleted.is_(False),
                Household.deleted.is_(False),
                Household.id != (existing.id if existing else ""),
            )
        ).all()
        for number, other_code, other_id in others:
            errors.add(
                "id_duplicate",
                f"members[{first_row[number]}].resident_id",
                household=other_code,
                household_id=other_id,
            )
    return rids


def _new_code(session: Session, site: Site) -> str:
    """The site's next household code in this laptop's block (township.code_block)."""
    prefix = f"{site.code}{township.code_block(session)}-"
    taken = session.scalars(
        select(Household.code).where(Household.code >= prefix, Household.code < prefix + "\uffff")
    ).all()
    numbers = [int(c[len(prefix) :]) for c in taken if c[len(prefix) :].isdigit()]
    n = max(numbers, default=0)
    while True:
        n += 1
        code = f"{prefix}{n:04d}"
        if session.scalar(select(Household.id).where(Household.code == code)) is None:
            return code


def save_household(
    session: Session,
    actor: Actor,
    data: HouseholdInput,
    *,
    shown: HouseholdInput | None = None,
    today: date | None = None,
) -> SavedHousehold:
    """Create or edit a household and all its members in one go.

    Members left out of ``data.members`` are removed (tombstoned, so the
    removal travels to the county); the order of the list is kept.

    ``shown`` is what the form showed when it was opened (:func:`household_input`).
    A sync may change the household while the form is open; with ``shown`` the
    save merges like any other edit: a field the user left as shown keeps what
    stands now, a field both changed keeps the user's value and records a
    conflict holding the other (see :func:`desktop.sync.capture.mark_shown`),
    and a member that arrived meanwhile is kept, not removed.  A member removed
    meanwhile that the form still holds is refused at that member (the form
    keeps what was typed; nothing removed comes back unseen).
    """
    today = _today(today)
    actor.require_write()
    existing = _household(session, data.id) if data.id else None
    if existing is not None:
        actor.require_grid(existing.grid_id)

    errors = ErrorCollector()
    site = session.get(Site, data.site_id) if data.site_id else None
    if site is None or site.deleted:
        errors.add("unknown_site", "site_id")
    building = session.get(Building, data.building_id) if data.building_id else None
    if data.building_id and (
        building is None or building.deleted or (site is not None and building.site_id != site.id)
    ):
        errors.add("unknown_building", "building_id")
        building = None
    grid_id = building.grid_id if building is not None and building.grid_id else data.grid_id
    if grid_id is not None and session.get(Grid, grid_id) is None:
        errors.add("unknown_grid", "grid_id")
    if not errors.errors:
        actor.require_grid(grid_id)
    _validate_household(session, data, existing, today, errors)
    errors.raise_if_any()
    assert site is not None

    values = _household_values(data, site.id, grid_id, building.id if building else None)
    created = existing is None
    if existing is None:
        # ids made here, so the whole household goes to the database in one flush
        household = Household(
            id=new_id(),
            code=data.code.strip() or _new_code(session, site),
            created_by=actor.user_id,
            updated_by=actor.user_id,
            **values,
        )
        session.add(household)
        old_members: dict[str, Person] = {}
    else:
        household = existing
        if data.code.strip():
            values["code"] = data.code.strip()
        if shown is not None:
            was = _household_values(
                shown, shown.site_id, shown.grid_id, shown.building_id, check=False
            )
            was["code"] = shown.code
            values = _merge_shown(session, household, values, was)
        _assign(household, values)
        if household in session.dirty:
            household.updated_by = actor.user_id
        old_members = {p.id: p for p in _members(session, household.id)}
        if shown is not None:
            # Only members the form showed can be removed by leaving them out.
            shown_ids = {m.id for m in shown.members}
            old_members = {k: p for k, p in old_members.items() if k in shown_ids}
    shown_members = {m.id: (i, m) for i, m in enumerate(shown.members)} if shown else {}

    member_ids: list[str] = []
    for order, m in enumerate(data.members):
        person_values = _person_values(m, order)
        person = old_members.pop(m.id, None) if m.id else None
        if person is not None and m.id in shown_members:
            at, seen = shown_members[m.id]
            was = _person_values(seen, at, check=False)
            person_values = _merge_shown(session, person, person_values, was)
        if person is None:
            person = Person(
                id=new_id(),
                household_id=household.id,
                created_by=actor.user_id,
                updated_by=actor.user_id,
                **person_values,
            )
            session.add(person)
        else:
            _assign(person, person_values)
            if person in session.dirty:
                person.updated_by = actor.user_id
        member_ids.append(person.id)
    for gone in old_members.values():
        gone.deleted = True
        gone.updated_by = actor.user_id
    session.flush()
    refresh_search_keys(session, household.id)
    return SavedHousehold(household.id, household.code, tuple(member_ids), created)


def household_input(session: Session, actor: Actor, household_id: str) -> HouseholdInput:
    """The saved household as the form edits it."""
    h = _visible_household(session, actor, household_id)
    return HouseholdInput(
        id=h.id,
        code=h.code,
        site_id=h.site_id,
        building_id=h.building_id,
        grid_id=h.grid_id,
        unit=h.unit,
        room=h.room,
        origin_village=h.origin_village,
        move_in_date=h.move_in_date,
        keys_handed_on=h.keys_handed_on,
        category=h.category,
        phone=h.phone,
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
        members=tuple(
            MemberInput(
                id=p.id,
                name=p.name,
                resident_id=p.resident_id,
                relation=p.relation,
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
                special_groups=tuple(p.special_groups or ()),
            )
            for p in _members(session, h.id)
        ),
    )


# ================================================================ visits


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    """One item of 两不愁三保障: ``ok`` None until it was looked at (未查)."""

    ok: bool | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class VisitMemberInput:
    person_id: str
    employment: str
    employment_place: str = ""
    employer: str = ""
    monthly_income: int = 0


@dataclass(frozen=True, slots=True)
class ProblemInput:
    category: str
    description: str


@dataclass(frozen=True, slots=True)
class VisitInput:
    household_id: str
    visited_on: date
    kind: str = VisitKind.DOOR.value
    checklist: dict[str, ChecklistEntry] = field(default_factory=dict)
    members: tuple[VisitMemberInput, ...] = ()
    income: dict[str, int] = field(default_factory=dict)
    notes: str = ""
    problems: tuple[ProblemInput, ...] = ()


@dataclass(frozen=True, slots=True)
class VisitMemberTemplate:
    person_id: str
    name: str
    relation: str
    labour: str
    employment: str
    employment_place: str
    employer: str
    monthly_income: int


@dataclass(frozen=True, slots=True)
class VisitTemplate:
    """What a new visit starts from: the last known values."""

    household_id: str
    household_code: str
    head_name: str
    flat: str
    member_count: int
    members: tuple[VisitMemberTemplate, ...]
    last_visit_on: date | None
    last_income: dict[str, int]
    last_income_per_head: int | None
    suggested_wages: int  # the members' monthly incomes over a year


@dataclass(frozen=True, slots=True)
class VisitResult:
    id: str
    income_total: int
    income_per_head: int
    changes: tuple[dict[str, Any], ...]
    alerts: tuple[dict[str, Any], ...]


def _last_visit(session: Session, household_id: str, before: date | None = None) -> Visit | None:
    stmt = select(Visit).where(Visit.household_id == household_id, Visit.deleted.is_(False))
    if before is not None:
        stmt = stmt.where(Visit.visited_on <= before)
    return session.scalar(stmt.order_by(Visit.visited_on.desc(), Visit.created_at.desc()).limit(1))


def _measured_income(visit: Any) -> int | None:
    """Income per head of a visit that measured income (None: not measured)."""
    if isinstance(visit, _LastVisit):
        return visit.measured_income
    if visit is None or (not visit.income and not visit.income_per_head):
        return None
    return visit.income_per_head


def visit_template(session: Session, actor: Actor, household_id: str) -> VisitTemplate:
    h = _visible_household(session, actor, household_id)
    members = _members(session, h.id)
    last = _last_visit(session, h.id)
    building = session.get(Building, h.building_id) if h.building_id else None
    flat = "".join(
        part
        for part in (
            building.name if building else "",
            f"{h.unit}单元" if h.unit else "",
            h.room,
        )
        if part
    )
    return VisitTemplate(
        household_id=h.id,
        household_code=h.code,
        head_name=h.head_name,
        flat=flat,
        member_count=len(members),
        members=tuple(
            VisitMemberTemplate(
                p.id,
                p.name,
                p.relation,
                p.labour,
                p.employment,
                p.employment_place,
                p.employer,
                p.monthly_income,
            )
            for p in members
        ),
        last_visit_on=last.visited_on if last else None,
        last_income={k: int(v) for k, v in (last.income if last else {}).items()},
        last_income_per_head=_measured_income(last),
        suggested_wages=sum(p.monthly_income for p in members) * 12,
    )


def per_head(total: int, members: int) -> int:
    return total // members if members > 0 else total


def record_visit(
    session: Session,
    actor: Actor,
    data: VisitInput,
    *,
    shown: VisitTemplate | None = None,
    today: date | None = None,
) -> VisitResult:
    """Record a visit, update members' jobs and incomes in place, flag swings.

    ``shown`` is the template the form was filled from: a member's job left as
    the form showed it keeps what stands now (a sync may have changed it while
    the form was open); see :func:`save_household`.
    """
    today = _today(today)
    h = _household(session, data.household_id)
    actor.require_grid(h.grid_id)
    profile = township.policy(session)
    members = {p.id: p for p in _members(session, h.id)}

    errors = ErrorCollector()
    with errors.check():
        check_not_future(data.visited_on, today, "visited_on")
    with errors.check():
        check_choice(data.kind, _values(VisitKind), "kind")
    for key, entry in data.checklist.items():
        if key not in CHECKLIST_ITEMS:
            errors.add("bad_choice", f"checklist.{key}")
        elif entry.ok is False and not entry.note.strip():
            errors.add("note_required_for_problem", f"checklist.{key}")
    for key, amount in data.income.items():
        if key not in INCOME_SOURCES:
            errors.add("bad_choice", f"income.{key}")
        else:
            with errors.check():
                check_income(amount, f"income.{key}")
    for i, m in enumerate(data.members):
        f = f"members[{i}]."
        if m.person_id not in members:
            errors.add("member_not_in_household", f + "employment")
        with errors.check():
            check_choice(m.employment, _values(EmploymentStatus), f + "employment")
        with errors.check():
            check_choice(
                m.employment_place, ("", *_values(EmploymentPlace)), f + "employment_place"
            )
        with errors.check():
            check_income(m.monthly_income, f + "monthly_income")
    for i, p in enumerate(data.problems):
        with errors.check():
            check_choice(p.category, _values(OrderCategory), f"problems[{i}].category")
        if not p.description.strip():
            errors.add("problem_description_required", f"problems[{i}].description")
    errors.raise_if_any()

    changes: list[dict[str, Any]] = []
    alerts: list[dict[str, Any]] = []
    shown_jobs = {t.person_id: t for t in shown.members} if shown else {}
    for m in data.members:
        person = members[m.person_id]
        new = {
            "employment": m.employment,
            "employment_place": m.employment_place,
            "employer": m.employer.strip(),
            "monthly_income": m.monthly_income,
        }
        seen = shown_jobs.get(person.id)
        if seen is not None:
            was = {key: getattr(seen, key) for key in PERSON_VISIT_FIELDS}
            typed = _merge_shown(session, person, new, was)
            new = {**{key: getattr(person, key) for key in new}, **typed}
        for key in PERSON_VISIT_FIELDS:
            before = getattr(person, key)
            if before != new[key]:
                changes.append(
                    {"person_id": person.id, "field": key, "before": before, "after": new[key]}
                )
        if job_lost(person.employment, m.employment):
            alerts.append({"code": "job_lost", "person_id": person.id, "name": person.name})
        was_working = person.employment in WORKING
        now_working = m.employment in WORKING
        if now_working and (not was_working or person.employer != new["employer"]):
            new["employed_since"] = data.visited_on
        elif not now_working:
            new["employed_since"] = None
        _assign(person, new)
        if person in session.dirty:
            person.updated_by = actor.user_id

    failed = [k for k in CHECKLIST_ITEMS if data.checklist.get(k, ChecklistEntry()).ok is False]
    if failed:
        alerts.append({"code": "assurance_gap", "items": failed})

    # a source left blank was not measured (never 0); none given: income not measured
    income = {key: int(data.income[key]) for key in INCOME_SOURCES if key in data.income}
    measured = bool(income)
    total = sum(income.values())
    head_income = per_head(total, len(members))
    previous = _measured_income(_last_visit(session, h.id, before=data.visited_on))
    if measured and previous is not None and previous != head_income:
        changes.append(
            {
                "person_id": None,
                "field": "income_per_head",
                "before": previous,
                "after": head_income,
            }
        )
    if measured and income_dropped(previous, head_income, profile):
        alerts.append({"code": "income_drop", "before": previous, "after": head_income})

    visit = Visit(
        household_id=h.id,
        user_id=actor.user_id,
        visited_on=data.visited_on,
        kind=data.kind,
        checklist={
            key: {
                "ok": data.checklist.get(key, ChecklistEntry()).ok,
                "note": data.checklist.get(key, ChecklistEntry()).note.strip(),
            }
            for key in CHECKLIST_ITEMS
        },
        income=income,
        income_per_head=head_income,
        notes=data.notes.strip(),
        problems=[
            {"category": p.category, "description": p.description.strip()} for p in data.problems
        ],
        changes=changes,
        alerts=alerts,
        created_by=actor.user_id,
        updated_by=actor.user_id,
    )
    session.add(visit)
    session.flush()
    # No search keys to refresh: a visit changes jobs and incomes, none of which
    # the list searches (names, IDs, phones, flat, code).
    return VisitResult(visit.id, total, head_income, tuple(changes), tuple(alerts))


# ================================================================ employment services (311)


@dataclass(frozen=True, slots=True)
class ServiceRecord:
    id: str
    kind: str
    service_date: date
    note: str


@dataclass(frozen=True, slots=True)
class LabourerServices:
    person_id: str
    name: str
    employment: str
    owed: bool  # an unemployed labourer: the profile's "311" applies
    status: ServicesStatus
    records: tuple[ServiceRecord, ...]


def record_employment_service(
    session: Session,
    actor: Actor,
    person_id: str,
    kind: str,
    service_date: date,
    note: str = "",
    *,
    today: date | None = None,
) -> str:
    today = _today(today)
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFound("not_found", field="person_id")
    h = _household(session, person.household_id)
    actor.require_grid(h.grid_id)
    errors = ErrorCollector()
    with errors.check():
        check_choice(kind, _values(ServiceKind), "kind")
    with errors.check():
        check_not_future(service_date, today, "service_date")
    if person.labour not in LABOUR:
        errors.add("not_a_labourer", "person_id")
    errors.raise_if_any()
    row = EmploymentService(
        person_id=person.id,
        household_id=h.id,
        kind=kind,
        service_date=service_date,
        note=note.strip(),
        created_by=actor.user_id,
        updated_by=actor.user_id,
    )
    session.add(row)
    session.flush()
    return row.id


def employment_services(
    session: Session, actor: Actor, household_id: str, year: int
) -> tuple[LabourerServices, ...]:
    """Every labourer of the household with their services in ``year``, done and missing."""
    h = _visible_household(session, actor, household_id)
    return _services(session, h, _members(session, h.id), township.policy(session), year)


def _services(
    session: Session, h: Household, members: Sequence[Person], profile: PolicyProfile, year: int
) -> tuple[LabourerServices, ...]:
    rule = profile.employment
    rows = session.scalars(
        select(EmploymentService)
        .where(EmploymentService.household_id == h.id, EmploymentService.deleted.is_(False))
        .order_by(EmploymentService.service_date)
    ).all()
    out = []
    for p in members:
        if p.labour not in LABOUR:
            continue
        mine = [
            r
            for r in rows
            if r.person_id == p.id
            and (r.service_date.year == year or rule.services_period == "total")
        ]
        facts = MemberFacts(labour=p.labour, employment=p.employment)
        out.append(
            LabourerServices(
                person_id=p.id,
                name=p.name,
                employment=p.employment,
                owed=needs_services(facts),
                status=services_status(
                    [(r.kind, r.service_date) for r in mine], year=year, rule=rule
                ),
                records=tuple(ServiceRecord(r.id, r.kind, r.service_date, r.note) for r in mine),
            )
        )
    return tuple(out)


# ================================================================ monitoring categories


@dataclass(frozen=True, slots=True)
class MeasureInfo:
    id: str
    kind: str  # MeasureKind
    taken_on: date
    note: str


@dataclass(frozen=True, slots=True)
class MonitoringPeriodInfo:
    id: str
    category: str
    entered_on: date
    entry_reason: str
    exited_on: date | None
    exit_reason: str
    risk_types: tuple[str, ...] = ()
    income_per_head: int | None = None
    measures: tuple[MeasureInfo, ...] = ()


def enter_monitoring(
    session: Session,
    actor: Actor,
    household_id: str,
    category: str,
    entered_on: date,
    reason: str,
    *,
    risk_types: Sequence[str] = (),
    income_per_head: int | None = None,
    today: date | None = None,
) -> str:
    """Put the household under one of the three monitored categories, with its risk
    types (as the national monitoring system codes them) and its income per head."""
    today = _today(today)
    h = _household(session, household_id)
    actor.require_grid(h.grid_id)
    errors = ErrorCollector()
    if h.monitoring != MonitoringCategory.NONE:
        errors.add("already_monitored", "category", category=h.monitoring)
    allowed = tuple(v for v in _values(MonitoringCategory) if v != MonitoringCategory.NONE)
    with errors.check():
        check_choice(category, allowed, "category")
    with errors.check():
        check_not_future(entered_on, today, "entered_on")
    if not reason.strip():
        errors.add("reason_required", "reason")
    for risk in risk_types:
        with errors.check():
            check_choice(risk, _values(RiskType), "risk_types")
    if income_per_head is not None and income_per_head < 0:
        errors.add("income_negative", "income_per_head")
    errors.raise_if_any()
    period = MonitoringPeriod(
        household_id=h.id,
        category=category,
        entered_on=entered_on,
        entry_reason=reason.strip(),
        risk_types=sorted(set(risk_types), key=list(RiskType).index),
        income_per_head=income_per_head,
        created_by=actor.user_id,
        updated_by=actor.user_id,
    )
    session.add(period)
    h.monitoring = category
    h.monitoring_since = entered_on
    h.monitoring_reason = reason.strip()
    h.monitoring_exit_date = None
    h.monitoring_exit_reason = ""
    h.updated_by = actor.user_id
    session.flush()
    return period.id


def exit_monitoring(
    session: Session,
    actor: Actor,
    household_id: str,
    exited_on: date,
    reason: str,
    *,
    today: date | None = None,
) -> None:
    """End the current monitored period (风险消除), with its date and reason."""
    today = _today(today)
    h = _household(session, household_id)
    actor.require_grid(h.grid_id)
    if h.monitoring == MonitoringCategory.NONE:
        raise ValidationError("not_monitored", field="category")
    errors = ErrorCollector()
    with errors.check():
        check_not_future(exited_on, today, "exited_on")
    if h.monitoring_since is not None and exited_on < h.monitoring_since:
        errors.add("exit_before_entry", "exited_on", entered=h.monitoring_since.isoformat())
    if not reason.strip():
        errors.add("reason_required", "reason")
    errors.raise_if_any()
    period = session.scalar(
        select(MonitoringPeriod)
        .where(
            MonitoringPeriod.household_id == h.id,
            MonitoringPeriod.exited_on.is_(None),
            MonitoringPeriod.deleted.is_(False),
        )
        .order_by(MonitoringPeriod.entered_on.desc())
        .limit(1)
    )
    if period is None:  # monitored before the history was kept (imported ledgers)
        period = MonitoringPeriod(
            household_id=h.id,
            category=h.monitoring,
            entered_on=h.monitoring_since or exited_on,
            entry_reason=h.monitoring_reason,
            created_by=actor.user_id,
        )
        session.add(period)
    period.exited_on = exited_on
    period.exit_reason = reason.strip()
    period.updated_by = actor.user_id
    h.monitoring = MonitoringCategory.NONE.value
    h.monitoring_exit_date = exited_on
    h.monitoring_exit_reason = reason.strip()
    h.updated_by = actor.user_id
    session.flush()


def record_measure(
    session: Session,
    actor: Actor,
    household_id: str,
    kind: str,
    taken_on: date,
    note: str,
    *,
    today: date | None = None,
) -> str:
    """Record an assistance measure taken for a monitored household (帮扶措施)."""
    today = _today(today)
    h = _household(session, household_id)
    actor.require_grid(h.grid_id)
    errors = ErrorCollector()
    with errors.check():
        check_choice(kind, _values(MeasureKind), "kind")
    with errors.check():
        check_not_future(taken_on, today, "taken_on")
    if not note.strip():
        errors.add("measure_note_required", "note")
    period = _open_period(session, h.id)
    if h.monitoring == MonitoringCategory.NONE or period is None:
        errors.add("not_monitored", "kind")
    elif taken_on < period.entered_on:
        errors.add("measure_before_entry", "taken_on", entered=period.entered_on.isoformat())
    errors.raise_if_any()
    assert period is not None
    row = MonitoringMeasure(
        household_id=h.id,
        period_id=period.id,
        kind=kind,
        taken_on=taken_on,
        note=note.strip(),
        created_by=actor.user_id,
        updated_by=actor.user_id,
    )
    session.add(row)
    session.flush()
    return row.id


def _open_period(session: Session, household_id: str) -> MonitoringPeriod | None:
    return session.scalar(
        select(MonitoringPeriod)
        .where(
            MonitoringPeriod.household_id == household_id,
            MonitoringPeriod.exited_on.is_(None),
            MonitoringPeriod.deleted.is_(False),
        )
        .order_by(MonitoringPeriod.entered_on.desc())
        .limit(1)
    )


def monitoring_history(
    session: Session, actor: Actor, household_id: str
) -> tuple[MonitoringPeriodInfo, ...]:
    h = _visible_household(session, actor, household_id)
    return _history(session, h)


def _history(session: Session, h: Household) -> tuple[MonitoringPeriodInfo, ...]:
    rows = session.scalars(
        select(MonitoringPeriod)
        .where(MonitoringPeriod.household_id == h.id, MonitoringPeriod.deleted.is_(False))
        .order_by(MonitoringPeriod.entered_on.desc())
    ).all()
    measures: dict[str | None, list[MeasureInfo]] = {}
    for m in session.scalars(
        select(MonitoringMeasure)
        .where(MonitoringMeasure.household_id == h.id, MonitoringMeasure.deleted.is_(False))
        .order_by(MonitoringMeasure.taken_on, MonitoringMeasure.created_at)
    ):
        measures.setdefault(m.period_id, []).append(MeasureInfo(m.id, m.kind, m.taken_on, m.note))
    return tuple(
        MonitoringPeriodInfo(
            r.id,
            r.category,
            r.entered_on,
            r.entry_reason,
            r.exited_on,
            r.exit_reason,
            tuple(r.risk_types or ()),
            r.income_per_head,
            tuple(measures.get(r.id, ())),
        )
        for r in rows
    )


# ================================================================ status


@dataclass(frozen=True, slots=True)
class VisitProblem:
    """A problem the last visit found, and the work order opened for it, if any."""

    index: int  # its place in the visit's list (what the work-order intake takes)
    category: str
    description: str
    order_code: str | None


@dataclass(frozen=True, slots=True)
class SurveyStatus:
    """What the household page shows about the survey: goals, risk, cadence."""

    household_id: str
    profile_id: str
    five_ones: FiveOnesStatus
    monitoring: MonitoringStatus
    services: tuple[LabourerServices, ...]
    history: tuple[MonitoringPeriodInfo, ...]
    last_visit_alerts: tuple[dict[str, Any], ...]
    last_visit_changes: tuple[dict[str, Any], ...]
    last_visit_id: str | None = None
    last_visit_problems: tuple[VisitProblem, ...] = ()


def _age(number: str, today: date) -> int:
    """Age from the birth date inside a stored ID (checked when it was saved).

    Only the date is read: a full check per member (area code table included)
    would cost more than the rest of the household page.  An unreadable ID
    counts as an adult of working age.
    """
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return 30
    return resident_id.age_on(birth, today)


def _member_facts(p: Any, today: date) -> MemberFacts:
    age = _age(p.resident_id, today)
    return MemberFacts(
        labour=p.labour,
        employment=p.employment,
        skills=p.skills,
        age=age,
        schooling=p.schooling,
        medical_insurance=p.medical_insurance,
        pension_insurance=p.pension_insurance,
        dibao=p.dibao,
        tekun=p.tekun,
        health=p.health,
        disability_grade=p.disability_grade,
    )


def _goals(
    h: Any, members: Sequence[Any], site_kind: str | None, profile: PolicyProfile, today: date
) -> FiveOnesStatus:
    """``h`` and ``members``: ORM objects or plain rows with the same column names."""
    return five_ones(
        [_member_facts(p, today) for p in members],
        income_industry=h.income_industry,
        vegetable_plot=h.vegetable_plot,
        plot_possible=site_kind != SiteKind.SCATTERED,
        rule=profile.employment,
    )


def _monitoring(
    h: Any, members: Sequence[Any], last: Any, profile: PolicyProfile, today: date
) -> MonitoringStatus:
    """``last``: the last visit (object or row), None if never visited."""
    facts = MonitoringFacts(
        members=[
            MonitoredMember(
                labour=p.labour,
                employment=p.employment,
                health=p.health,
                disability_grade=p.disability_grade,
                dibao=p.dibao,
                tekun=p.tekun,
            )
            for p in members
        ],
        move_in_date=h.move_in_date,
        keys_handed_on=h.keys_handed_on,
        old_house_status=h.old_house_status,
        old_house_hazard=h.old_house_hazard,
        old_house_demolished_on=h.old_house_demolished_on,
        income_per_head=_measured_income(last),
        last_visit_on=last.visited_on if last else None,
        last_visit_alerts=tuple(last.alerts) if last else (),
        category=h.monitoring,
    )
    return assess(facts, profile, today)


def survey_status(
    session: Session, actor: Actor, household_id: str, *, today: date | None = None
) -> SurveyStatus:
    today = _today(today)
    h = _visible_household(session, actor, household_id)
    profile = township.policy(session)
    members = _members(session, h.id)
    last = _last_visit(session, h.id)
    site = session.get(Site, h.site_id)
    goals = _goals(h, members, site.kind if site else None, profile, today)
    monitoring = _monitoring(h, members, last, profile, today)
    return SurveyStatus(
        household_id=h.id,
        profile_id=profile.id,
        five_ones=goals,
        monitoring=monitoring,
        services=_services(session, h, members, profile, today.year),
        history=_history(session, h),
        last_visit_alerts=tuple(last.alerts) if last else (),
        last_visit_changes=tuple(last.changes) if last else (),
        last_visit_id=last.id if last else None,
        last_visit_problems=_problems(session, last),
    )


def _problems(session: Session, visit: Visit | None) -> tuple[VisitProblem, ...]:
    """The visit's problems; one counts as taken up when an order of this visit
    carries its description."""
    if visit is None or not visit.problems:
        return ()
    orders = session.execute(
        select(WorkOrder.description, WorkOrder.code).where(
            WorkOrder.visit_id == visit.id, WorkOrder.deleted.is_(False)
        )
    ).all()
    codes = {description.strip(): code for description, code in orders}
    out = []
    for i, problem in enumerate(visit.problems):
        if not isinstance(problem, dict):
            continue
        description = str(problem.get("description", ""))
        out.append(
            VisitProblem(
                i, str(problem.get("category", "")), description, codes.get(description.strip())
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class SurveyFilter:
    """List filters over computed status; None means "any"."""

    risk: str | None = None  # desktop.domain.monitoring.Risk value
    flag: str | None = None  # desktop.domain.monitoring.Flag value
    five_ones_incomplete: bool = False
    not_visited_this_month: bool = False


_HOUSEHOLD_COLUMNS = (
    Household.id,
    Household.site_id,
    Household.income_industry,
    Household.vegetable_plot,
    Household.move_in_date,
    Household.keys_handed_on,
    Household.old_house_status,
    Household.old_house_hazard,
    Household.old_house_demolished_on,
    Household.monitoring,
)
_PERSON_COLUMNS = (
    Person.household_id,
    Person.resident_id,
    Person.labour,
    Person.employment,
    Person.skills,
    Person.schooling,
    Person.medical_insurance,
    Person.pension_insurance,
    Person.dibao,
    Person.tekun,
    Person.health,
    Person.disability_grade,
)


@dataclass(frozen=True, slots=True)
class _LastVisit:
    """What the rules read of a household's last visit."""

    visited_on: date
    measured_income: int | None
    alerts: Sequence[dict[str, Any]]


def _status_rows(
    session: Session,
    visible: Sequence[ColumnElement[bool]],
    need_visits: bool,
    *,
    narrowed: bool = True,
    ids: Sequence[str] | None = None,
) -> tuple[list[Any], dict[str, list[Any]], dict[str, _LastVisit]]:
    """Households, their members and (``need_visits``) last visits, as plain rows.

    Plain rows through Core, not ORM objects: the rules read attributes by
    name, and 50 000 tracked Person objects (or even ORM rows) would cost more
    than every rule put together.  Members come in no particular order (the
    rules do not care); when ``visible`` is not ``narrowed`` (every household
    of the township) they are read without the join to ``households``, and
    those of deleted households are dropped here.  With ``ids`` (a page of the
    list) members and visits are looked up by household id, through their indexes.
    """
    conn = session.connection()
    households = list(conn.execute(select(*_HOUSEHOLD_COLUMNS).where(*visible)))
    by_household: dict[str, list[Any]] = {h.id: [] for h in households}
    persons = select(*_PERSON_COLUMNS).where(Person.deleted.is_(False))
    if ids is not None:
        persons = persons.where(Person.household_id.in_(ids))
    elif narrowed:
        persons = persons.join(Household, Household.id == Person.household_id).where(*visible)
    for p in conn.execute(persons):
        members = by_household.get(p.household_id)
        if members is not None:
            members.append(p)
    latest: dict[str, _LastVisit] = {}
    if need_visits:
        # each household's last visit: the visits of its last day, the latest
        # recorded of them kept below (a window function cost three times more)
        days = select(Visit.household_id, func.max(Visit.visited_on).label("day")).where(
            Visit.deleted.is_(False)
        )
        if ids is not None:
            days = days.where(Visit.household_id.in_(ids))
        elif narrowed:
            days = days.join(Household, Household.id == Visit.household_id).where(*visible)
        last_day = days.group_by(Visit.household_id).subquery()
        stmt = (
            select(
                Visit.household_id,
                Visit.visited_on,
                Visit.created_at,
                Visit.income_per_head,
                # "measured": some income recorded (the JSON is more than "{}")
                (func.length(cast(Visit.income, String)) > 2).label("measured"),
                Visit.alerts,
            )
            .join(
                last_day,
                (last_day.c.household_id == Visit.household_id)
                & (last_day.c.day == Visit.visited_on),
            )
            .where(Visit.deleted.is_(False))
        )
        if ids is None and narrowed:
            stmt = stmt.join(Household, Household.id == Visit.household_id).where(*visible)
        created: dict[str, datetime] = {}
        for v in conn.execute(stmt):
            if v.household_id in created and created[v.household_id] >= v.created_at:
                continue
            created[v.household_id] = v.created_at
            latest[v.household_id] = _LastVisit(
                v.visited_on,
                v.income_per_head if (v.measured or v.income_per_head) else None,
                v.alerts or (),
            )
    return households, by_household, latest


def risk_levels(
    session: Session, actor: Actor, household_ids: Iterable[str], *, today: date | None = None
) -> dict[str, str]:
    """The risk level (a Risk value) of each of a few households the actor may see.

    For the rows a list shows (a page of 200): three small queries, the rules
    in Python.  Households outside the actor's grids are left out.
    """
    ids = sorted(set(household_ids))
    if not ids:
        return {}
    today = _today(today)
    profile = township.policy(session)
    visible: list[ColumnElement[bool]] = [
        Household.id.in_(ids),
        Household.deleted.is_(False),
        actor.grid_filter(Household.grid_id),
    ]
    households, by_household, latest = _status_rows(session, visible, True, ids=ids)
    return {
        h.id: _monitoring(
            h, by_household.get(h.id, []), latest.get(h.id), profile, today
        ).risk.value
        for h in households
    }


def households_matching(
    session: Session,
    actor: Actor,
    flt: SurveyFilter,
    *,
    today: date | None = None,
    where: Sequence[ColumnElement[bool]] = (),
) -> frozenset[str]:
    """Ids of the households the actor may see whose computed status matches ``flt``.

    Status is computed, not stored (it depends on today and the profile).  What
    SQL can answer it answers ("not visited this month"); the rules run only
    for the filters that need them, over plain rows read in three queries.  The
    household list intersects its own page query with the result, and passes
    its other conditions on ``households`` as ``where``, so the rules run only
    over the households those leave.
    """
    today = _today(today)
    profile = township.policy(session)
    visible: list[ColumnElement[bool]] = [
        Household.deleted.is_(False),
        actor.grid_filter(Household.grid_id),
        *where,
    ]
    if flt.not_visited_this_month:
        this_month = select(Visit.household_id).where(
            Visit.deleted.is_(False), Visit.visited_on >= today.replace(day=1)
        )
        visible.append(Household.id.not_in(this_month))
    need_goals = flt.five_ones_incomplete
    need_monitoring = bool(flt.risk or flt.flag)
    if not (need_goals or need_monitoring):
        return frozenset(session.scalars(select(Household.id).where(*visible)))
    narrowed = bool(where) or flt.not_visited_this_month or not actor.sees_everything
    households, by_household, latest = _status_rows(
        session, visible, need_monitoring, narrowed=narrowed
    )
    kinds = {r[0]: r[1] for r in session.execute(select(Site.id, Site.kind))}
    out = set()
    for h in households:
        members = by_household.get(h.id, [])
        if need_monitoring:
            mon = _monitoring(h, members, latest.get(h.id), profile, today)
            if flt.risk and mon.risk != flt.risk:
                continue
            if flt.flag and flt.flag not in mon.flag_codes:
                continue
        if need_goals and _goals(h, members, kinds.get(h.site_id), profile, today).complete:
            continue
        out.add(h.id)
    return frozenset(out)


# ================================================================ drafts


@dataclass(frozen=True, slots=True)
class DraftInfo:
    form: str
    record_id: str | None
    data: dict[str, Any]
    saved_at: datetime


def _draft(session: Session, actor: Actor, form: str, record_id: str | None) -> Draft | None:
    stmt = select(Draft).where(Draft.user_id == actor.user_id, Draft.form == form)
    stmt = stmt.where(
        Draft.record_id.is_(None) if record_id is None else Draft.record_id == record_id
    )
    return session.scalar(stmt.limit(1))


def save_draft(
    session: Session, actor: Actor, form: str, record_id: str | None, data: dict[str, Any]
) -> datetime:
    """Keep a half-filled form (one per user, form and record) so a crash loses nothing."""
    now = utcnow()
    row = _draft(session, actor, form, record_id)
    if row is None:
        session.add(
            Draft(user_id=actor.user_id, form=form, record_id=record_id, data=data, saved_at=now)
        )
    else:
        row.data = data
        row.saved_at = now
    session.flush()
    return now


def load_draft(
    session: Session, actor: Actor, form: str, record_id: str | None
) -> DraftInfo | None:
    row = _draft(session, actor, form, record_id)
    if row is None:
        return None
    saved = row.saved_at if row.saved_at.tzinfo else row.saved_at.replace(tzinfo=UTC)
    return DraftInfo(row.form, row.record_id, dict(row.data), saved)


def discard_draft(session: Session, actor: Actor, form: str, record_id: str | None) -> None:
    row = _draft(session, actor, form, record_id)
    if row is not None:
        session.delete(row)
        session.flush()
