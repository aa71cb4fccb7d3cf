"""Printing explanation cards (明白卡): choose the households, gather, draw.

The cards of a building, a grid or a whole site are gathered with a handful of
queries for the whole selection (not a household page per card), turned into
plain :class:`~desktop.reports.cards.CardData` and handed to the renderer with
the labels.  The township's service hotline is a setting, printed on every card.

Every card names whom to call: the grid's members (its leader first), the
building's leader (楼栋长, a resident), the household's cadre, the site chief
and the hotline.  A contact without a number is still printed ("电话未登记"),
and the print result lists each one (:attr:`PrintResult.missing_phones`) so
the print dialog and ``anju print-cards`` can say whose number to record.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from desktop.domain import coverage, resident_id
from desktop.domain.enums import MonitoringCategory, SiteKind, SpecialGroup
from desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from desktop.domain.five_ones import MemberFacts, five_ones
from desktop.domain.obligations import LabourerFacts, household_obligations
from desktop.domain.search import normalise_query
from desktop.domain.special_groups import GroupFacts, groups_of
from desktop.domain.validation import check_phone
from desktop.reports import cards as card_report
from desktop.reports.files import NO_PROGRESS, Cancelled, Progress
from desktop.resources import cjk_font_path
from desktop.services import audit, township
from desktop.services.actor import Actor
from desktop.services.households import MONITORED_ANY, natural_key, pinyin_sort_key
from desktop.store.models import Building, Grid, Household, Person, Site, User, user_grids
from desktop.store.models_survey import EmploymentService, MonitoringMeasure, MonitoringPeriod

K_SERVICE_HOTLINE = "service_hotline"
DEFAULT_HOTLINE = "12345"
"""Until the township sets its own, cards give the government service hotline."""


# ---------------------------------------------------------------- the hotline


def service_hotline(session: Session) -> str:
    return township.get_setting(session, K_SERVICE_HOTLINE) or DEFAULT_HOTLINE


def set_service_hotline(session: Session, actor: Actor, number: str) -> str:
    """Set the hotline printed on cards (administrators only).

    Short service numbers (12345, 96xxx) are allowed besides mobiles and landlines.
    """
    actor.require_admin()
    number = "".join(number.split())
    if not number:
        raise ValidationError("required", field="service_hotline")
    if not (number.isdigit() and 3 <= len(number) <= 8):
        check_phone(number, "service_hotline")
    township.set_setting(session, K_SERVICE_HOTLINE, number)
    audit.record(session, actor, audit.SETTING, setting="service_hotline")
    return number


# ---------------------------------------------------------------- the selection


@dataclass(frozen=True, slots=True)
class Selection:
    """Which households: any of these sites, grids, buildings or households.

    All empty means every household the actor may see.
    """

    site_ids: tuple[str, ...] = ()
    grid_ids: tuple[str, ...] = ()
    building_ids: tuple[str, ...] = ()
    household_ids: tuple[str, ...] = ()
    # The household list's other filters, so "print" gives what the list shows.
    category: str | None = None
    monitoring: str | None = None  # a MonitoringCategory value or households.MONITORED_ANY
    text: str | None = None

    @property
    def is_everything(self) -> bool:
        return not (
            self.site_ids
            or self.grid_ids
            or self.building_ids
            or self.household_ids
            or self.category
            or self.monitoring
            or normalise_query(self.text or "")
        )


def _place_label(session: Session, model: type, row_id: str) -> str:
    """``B07 7栋（幸福家园安置区）``: enough to tell places of one name apart."""
    row = session.get(model, row_id)
    if row is None:
        return row_id
    text = f"{row.code} {getattr(row, 'name', '')}".strip()
    site_id = getattr(row, "site_id", None)
    site = session.get(Site, site_id) if site_id else None
    return f"{text}（{site.name}）" if site is not None else text


def _resolve(session: Session, model: type, keys: Iterable[str], field: str) -> tuple[str, ...]:
    """Ids for what people type: an id, a code, a name, or ``安置点/名称``.

    A name several places share (five sites each have a 7栋) is refused with
    the choices listed, never widened to all of them: printing 98 cards for
    five sites when one building was meant wastes an afternoon and paper.
    """
    ids: list[str] = []
    for key in keys:
        key = key.strip()
        site_name, _, own = key.rpartition("/") if "/" in key else ("", "", key)
        exact = session.scalars(
            select(model.id).where(  # type: ignore[attr-defined]
                or_(model.id == key, model.code == key),  # type: ignore[attr-defined]
                model.deleted.is_(False),  # type: ignore[attr-defined]
            )
        ).all()
        if exact:
            ids.extend(exact)
            continue
        found: list[str] = []
        if hasattr(model, "name"):
            query = select(model.id).where(model.name == own, model.deleted.is_(False))  # type: ignore[attr-defined]
            if site_name and hasattr(model, "site_id"):
                query = query.join(Site, Site.id == model.site_id).where(  # type: ignore[attr-defined]
                    or_(Site.name == site_name.strip(), Site.code == site_name.strip())
                )
            found = list(session.scalars(query).all())
        if not found:
            raise NotFound("selection_not_found", field=field, key=key)
        if len(found) > 1:
            choices = sorted(_place_label(session, model, i) for i in found)
            raise ValidationError(
                "selection_ambiguous",
                field=field,
                key=key,
                count=len(found),
                choices="、".join(choices),
            )
        ids.extend(found)
    return tuple(dict.fromkeys(ids))


def resolve_selection(
    session: Session,
    *,
    sites: Sequence[str] = (),
    grids: Sequence[str] = (),
    buildings: Sequence[str] = (),
    households: Sequence[str] = (),
) -> Selection:
    """A selection from what people type: codes or names (or ids)."""
    return Selection(
        site_ids=_resolve(session, Site, sites, "site"),
        grid_ids=_resolve(session, Grid, grids, "grid"),
        building_ids=_resolve(session, Building, buildings, "building"),
        household_ids=_resolve(session, Household, households, "household"),
    )


def selection_conditions(actor: Actor, selection: Selection) -> list[ColumnElement[bool]]:
    """SQL conditions over ``Household`` for the selection, limited to what ``actor`` sees."""
    conds: list[ColumnElement[bool]] = [
        Household.deleted.is_(False),
        actor.grid_filter(Household.grid_id),
    ]
    parts: list[ColumnElement[bool]] = []
    if selection.site_ids:
        parts.append(Household.site_id.in_(selection.site_ids))
    if selection.grid_ids:
        parts.append(Household.grid_id.in_(selection.grid_ids))
    if selection.building_ids:
        parts.append(Household.building_id.in_(selection.building_ids))
    if selection.household_ids:
        parts.append(Household.id.in_(selection.household_ids))
    if parts:
        conds.append(or_(*parts))
    if selection.category:
        conds.append(Household.category == selection.category)
    if selection.monitoring == MONITORED_ANY:
        conds.append(Household.monitoring != MonitoringCategory.NONE.value)
    elif selection.monitoring:
        conds.append(Household.monitoring == selection.monitoring)
    query = normalise_query(selection.text or "")
    if query:
        escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds.append(Household.search_text.like(f"%{escaped}%", escape="\\"))
    return conds


def _check_household_access(session: Session, actor: Actor, selection: Selection) -> None:
    """Asking by hand for a household outside one's grids is refused, not silently dropped."""
    for hid in selection.household_ids:
        grid_id = session.scalar(select(Household.grid_id).where(Household.id == hid))
        if not actor.may_see_grid(grid_id):
            raise PermissionDenied("outside_your_grids")


def flat_text(building: str, unit: str, room: str) -> str:
    return "".join(
        part
        for part in (building, f"{unit}单元" if unit else "", f"{room}室" if room else "")
        if part
    )


# ---------------------------------------------------------------- gathering


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _age(number: str, today: date) -> int | None:
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    return resident_id.age_on(birth, today)


def gather_cards(
    session: Session,
    actor: Actor,
    selection: Selection,
    *,
    today: date,
    cancel: threading.Event | None = None,
) -> list[card_report.CardData]:
    """The cards of the selection, in site, building, unit and room order."""
    _check_household_access(session, actor, selection)
    profile = township.policy(session)
    info = township.township_info(session)
    township_name = info.township_name if info else ""
    hotline = service_hotline(session)

    households = list(
        session.scalars(select(Household).where(*selection_conditions(actor, selection)))
    )
    sites = {s.id: s for s in session.scalars(select(Site))}
    buildings = {b.id: b for b in session.scalars(select(Building))}
    grids = {g.id: g for g in session.scalars(select(Grid))}

    def order(h: Household) -> tuple[object, ...]:
        site = sites.get(h.site_id)
        b = buildings.get(h.building_id or "")
        return (
            natural_key(site.code if site else ""),
            natural_key(b.name if b else ""),
            natural_key(h.unit),
            natural_key(h.room),
            h.code,
        )

    households.sort(key=order)
    ids = [h.id for h in households]
    members: dict[str, list[Person]] = defaultdict(list)
    for chunk in _chunks(ids):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        for p in session.scalars(
            select(Person).where(Person.household_id.in_(chunk), Person.deleted.is_(False))
        ):
            members[p.household_id].append(p)
    for plist in members.values():
        plist.sort(key=lambda p: (p.sort_order, p.created_at))

    services: dict[str, list[tuple[str, date]]] = defaultdict(list)
    for chunk in _chunks(ids):
        for person_id, kind, day in session.execute(
            select(
                EmploymentService.person_id, EmploymentService.kind, EmploymentService.service_date
            ).where(EmploymentService.household_id.in_(chunk), EmploymentService.deleted.is_(False))
        ):
            services[person_id].append((kind, day))
    measures: dict[str, list[tuple[date, str]]] = defaultdict(list)
    measure_names = card_report.CardLabels().enums.get("measure", {})
    for chunk in _chunks(ids):
        for household_id, kind, day, note in session.execute(
            select(
                MonitoringMeasure.household_id,
                MonitoringMeasure.kind,
                MonitoringMeasure.taken_on,
                MonitoringMeasure.note,
            )
            .join(MonitoringPeriod, MonitoringPeriod.id == MonitoringMeasure.period_id)
            .where(
                MonitoringMeasure.household_id.in_(chunk),
                MonitoringMeasure.deleted.is_(False),
                MonitoringPeriod.exited_on.is_(None),
            )
        ):
            measures[household_id].append((day, f"{measure_names.get(kind, kind)}：{note}"))
    leader_ids = [b.leader_person_id for b in buildings.values() if b.leader_person_id]
    leaders: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(leader_ids):
        for pid, name, phone in session.execute(
            select(Person.id, Person.name, Person.phone).where(
                Person.id.in_(chunk), Person.deleted.is_(False)
            )
        ):
            leaders[pid] = (name, phone)

    grid_people: dict[str, list[tuple[bool, str, str, str]]] = defaultdict(list)
    for grid_id, name, phone, user_id in session.execute(
        select(user_grids.c.grid_id, User.display_name, User.phone, User.id)
        .join(User, User.id == user_grids.c.user_id)
        .where(user_grids.c.deleted.is_(False), User.deleted.is_(False), User.active.is_(True))
    ):
        grid = grids.get(grid_id)
        leader = grid is not None and grid.leader_user_id == user_id
        grid_people[grid_id].append((not leader, pinyin_sort_key(name), name, phone))
    for people in grid_people.values():
        people.sort()

    cards: list[card_report.CardData] = []
    for h in households:
        plist = members.get(h.id, [])
        site = sites.get(h.site_id)
        b = buildings.get(h.building_id or "")
        goals = five_ones(
            [
                MemberFacts(
                    labour=p.labour,
                    employment=p.employment,
                    skills=p.skills,
                    age=_age(p.resident_id, today) or 30,
                    schooling=p.schooling,
                    medical_insurance=p.medical_insurance,
                    pension_insurance=p.pension_insurance,
                    dibao=p.dibao,
                    tekun=p.tekun,
                    health=p.health,
                    disability_grade=p.disability_grade,
                )
                for p in plist
            ],
            income_industry=h.income_industry,
            vegetable_plot=h.vegetable_plot,
            plot_possible=(site.kind if site else None) != SiteKind.SCATTERED,
            rule=profile.employment,
        )
        contacts = [
            card_report.Contact("grid", name, phone)
            for _, _, name, phone in grid_people.get(h.grid_id or "", [])[:2]
        ]
        leader = leaders.get(b.leader_person_id or "") if b is not None else None
        if leader is not None:
            contacts.append(card_report.Contact("building", *leader))
        if h.cadre_name:
            contacts.append(card_report.Contact("cadre", h.cadre_name, h.cadre_phone))
        if site is not None and site.chief_name:
            contacts.append(card_report.Contact("chief", site.chief_name, site.chief_phone))
        contacts.append(card_report.Contact("hotline", "", hotline))
        labourers = [p for p in plist if coverage.is_labourer(p.labour)]
        group_facts = [
            GroupFacts(
                age=_age(p.resident_id, today) or 30,
                relation=p.relation,
                health=p.health,
                labour=p.labour,
                employment_place=p.employment_place,
                recorded=tuple(p.special_groups or ()),
            )
            for p in plist
        ]
        groups = {g.value for f in group_facts for g in groups_of(f, group_facts)}
        obligations = household_obligations(
            profile,
            status=h.old_house_status,
            hazard=h.old_house_hazard,
            move_in=h.move_in_date,
            demolished_on=h.old_house_demolished_on,
            reclaimed_on=h.old_house_reclaimed_on,
            labourers=[
                LabourerFacts(p.name, p.labour, p.employment, services.get(p.id, ()))
                for p in labourers
            ],
            zero_employment=coverage.is_zero_employment(
                len(labourers), sum(1 for p in plist if coverage.is_employed(p.employment))
            ),
            measures=measures.get(h.id, ()),
            today=today,
        )
        cards.append(
            card_report.CardData(
                code=h.code,
                township_name=township_name,
                site_name=site.name if site else "",
                flat=flat_text(b.name if b else "", h.unit, h.room),
                origin_village=h.origin_village,
                move_in_date=h.move_in_date,
                category=h.category,
                phone=h.phone,
                monitoring=h.monitoring,
                monitoring_since=h.monitoring_since,
                monitoring_reason=h.monitoring_reason,
                property_certificate=h.property_certificate,
                vegetable_plot=h.vegetable_plot,
                income_industry=h.income_industry,
                members=tuple(
                    card_report.CardMember(
                        name=p.name,
                        relation=p.relation,
                        masked_id=resident_id.mask(p.resident_id),
                        age=_age(p.resident_id, today),
                        labour=p.labour,
                        health=p.health,
                        schooling=p.schooling,
                        employment=p.employment,
                        employment_place=p.employment_place,
                        employer=p.employer,
                        monthly_income=p.monthly_income,
                        medical_insurance=p.medical_insurance,
                        pension_insurance=p.pension_insurance,
                        dibao=p.dibao,
                        tekun=p.tekun,
                    )
                    for p in plist
                ),
                five_ones=tuple((c.item.value, c.met) for c in goals.checks),
                contacts=tuple(contacts),
                respond_minutes=profile.service.respond_minutes,
                arrive_hours=profile.service.arrive_hours,
                resolve_days=profile.service.resolve_days,
                working_days=profile.service.day_count == "working",
                resale_ban_years=profile.housing.resale_ban_years,
                printed_on=today,
                obligations=obligations,
                promise_stated=profile.service.stated,
                full_five_ones=profile.employment.five_ones,
                inheritance_excepted=profile.housing.inheritance_excepted,
                no_mortgage_or_rent=profile.housing.no_mortgage_or_rent,
                with_labour=goals.with_labour,
                special_groups=tuple(g.value for g in SpecialGroup if g.value in groups),
            )
        )
    return cards


@dataclass(frozen=True, slots=True)
class MissingPhone:
    """A contact printed without a number: which card, whom."""

    household_code: str
    role: str  # cards.Contact.role
    name: str


def missing_phones(cards: Iterable[card_report.CardData]) -> tuple[MissingPhone, ...]:
    """Every contact without a number on the cards, once per card and person."""
    out: dict[tuple[str, str, str], MissingPhone] = {}
    for card in cards:
        for contact in card.contacts:
            if not contact.phone.strip():
                key = (card.code, contact.role, contact.name)
                out.setdefault(key, MissingPhone(*key))
    return tuple(out.values())


@dataclass(frozen=True, slots=True)
class PrintResult:
    path: str
    cards: int
    pages: int
    missing_phones: tuple[MissingPhone, ...] = ()


def print_cards(
    session: Session,
    actor: Actor,
    selection: Selection,
    out: Path,
    *,
    today: date,
    layout: card_report.Layout = card_report.Layout.A5,
    labels: card_report.CardLabels | None = None,
    cancel: threading.Event | None = None,
    progress: Progress = NO_PROGRESS,
) -> PrintResult:
    """Write the selection's cards to ``out`` as one PDF (read-only: any account may print)."""
    cards = gather_cards(session, actor, selection, today=today, cancel=cancel)
    if not cards:
        raise ValidationError("nothing_to_print", field="selection")
    pages = card_report.write_cards(
        Path(out),
        cards,
        labels or card_report.CardLabels(),
        font_path=cjk_font_path(),
        layout=layout,
        cancel=cancel,
        progress=progress,
    )
    audit.record(session, actor, audit.PRINT, cards=len(cards), pages=pages, file=Path(out).name)
    return PrintResult(str(out), len(cards), pages, missing_phones(cards))


def count_selected(session: Session, actor: Actor, selection: Selection) -> int:
    """How many households (and so cards) the selection holds, for the dialog's summary."""
    from sqlalchemy import func

    _check_household_access(session, actor, selection)
    stmt = (
        select(func.count()).select_from(Household).where(*selection_conditions(actor, selection))
    )
    return int(session.scalar(stmt) or 0)
