"""What a household is owed, and by when: the open obligations its card lists.

The explanation card (明白卡) tells a family what is still to be done for it and
by which date, in the words of its policy profile: the old house to demolish
and the land to reclaim (with "overdue since" once the date has passed), the
employment services each unemployed labourer is owed (Chenzhou's "311" each
year, Shanxi's three targeted job offers in all) and those already received,
a zero-employment household to be cleared (Guizhou), and the help recorded
while it is monitored.  Everything comes from the profile's numbers; what a
document does not ask for is never listed.

Decisions, and why:

- An obligation met is still listed with its date (拆除、复垦 done on...) until
  the old house is reclaimed: the family sees the step taken and the next one.
- Services are listed only for labourers who are unemployed (the documents owe
  them to 未就业 labourers); a labourer in work owes nothing and is left out.
- Overdue is counted in days from the day after the deadline, as the
  monitoring flags count it (:mod:`desktop.domain.monitoring`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.enums import OldHouseStatus
from desktop.domain.five_ones import MemberFacts, needs_services, services_status
from desktop.domain.policy import PolicyProfile


class ObligationKind(StrEnum):
    DEMOLISH = "demolish"  # 旧房拆除
    RECLAIM = "reclaim"  # 宅基地复垦复绿
    OLD_HOUSE = "old_house"  # an old house with no deadline in the profile: its state only
    SERVICES = "services"  # employment services owed to one unemployed labourer
    ZERO_EMPLOYMENT = "zero_employment"  # 零就业家庭动态清零
    MEASURE = "measure"  # a monitoring assistance measure taken (帮扶措施)


@dataclass(frozen=True, slots=True)
class ServiceOwed:
    kind: str  # ServiceKind value
    done: int
    need: int


@dataclass(frozen=True, slots=True)
class Obligation:
    kind: ObligationKind
    due: date | None = None
    done_on: date | None = None
    overdue_days: int = 0
    hazard: bool = False  # the house is due at once (hazard zone or dangerous house)
    status: str = ""  # OLD_HOUSE: the OldHouseStatus value
    person: str = ""  # SERVICES: the labourer's name
    services: tuple[ServiceOwed, ...] = ()
    per_year: bool = True
    year: int = 0
    text: str = ""  # MEASURE: what was done

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


@dataclass(frozen=True, slots=True)
class LabourerFacts:
    name: str
    labour: str
    employment: str
    services: Sequence[tuple[str, date]] = ()  # (ServiceKind value, date) received


def _late(due: date | None, today: date) -> int:
    return (today - due).days if due is not None and today > due else 0


def old_house_obligations(
    profile: PolicyProfile,
    *,
    status: str,
    hazard: bool,
    move_in: date | None,
    demolished_on: date | None,
    reclaimed_on: date | None,
    today: date,
) -> list[Obligation]:
    rule = profile.old_house
    if status in (OldHouseStatus.NONE.value, OldHouseStatus.RETAINED.value):
        return [Obligation(ObligationKind.OLD_HOUSE, status=status)] if status else []
    demolish_due = rule.demolish_by(move_in, hazard)
    reclaim_due = rule.reclaim_by(move_in, demolished_on)
    at_once = hazard and rule.hazard_demolish_at_once
    out: list[Obligation] = []
    if status == OldHouseStatus.STANDING.value:
        if demolish_due is None:
            return [Obligation(ObligationKind.OLD_HOUSE, status=status)]
        out.append(
            Obligation(
                ObligationKind.DEMOLISH,
                due=demolish_due,
                overdue_days=_late(demolish_due, today),
                hazard=at_once,
            )
        )
        if rule.reclaim_from == "move_in" and reclaim_due is not None:
            out.append(
                Obligation(
                    ObligationKind.RECLAIM, due=reclaim_due, overdue_days=_late(reclaim_due, today)
                )
            )
        return out
    # demolished or reclaimed: the demolition is done
    out.append(Obligation(ObligationKind.DEMOLISH, due=demolish_due, done_on=demolished_on))
    if status == OldHouseStatus.RECLAIMED.value:
        out.append(Obligation(ObligationKind.RECLAIM, due=reclaim_due, done_on=reclaimed_on))
    elif reclaim_due is not None:
        out.append(
            Obligation(
                ObligationKind.RECLAIM, due=reclaim_due, overdue_days=_late(reclaim_due, today)
            )
        )
    return out


def service_obligations(
    profile: PolicyProfile, labourers: Iterable[LabourerFacts], today: date
) -> list[Obligation]:
    """Employment services owed to each unemployed labourer under the profile."""
    out = []
    for person in labourers:
        if not needs_services(MemberFacts(labour=person.labour, employment=person.employment)):
            continue
        status = services_status(person.services, year=today.year, rule=profile.employment)
        if not status.required:
            continue
        out.append(
            Obligation(
                ObligationKind.SERVICES,
                person=person.name,
                services=tuple(
                    ServiceOwed(c.kind.value, c.done, c.need) for c in status.counts if c.need
                ),
                per_year=status.per_year,
                year=today.year,
            )
        )
    return out


def household_obligations(
    profile: PolicyProfile,
    *,
    status: str,
    hazard: bool,
    move_in: date | None,
    demolished_on: date | None,
    reclaimed_on: date | None,
    labourers: Sequence[LabourerFacts],
    zero_employment: bool,
    measures: Sequence[tuple[date, str]] = (),
    today: date,
) -> tuple[Obligation, ...]:
    """Every obligation of one household, in the order the card prints them."""
    out = old_house_obligations(
        profile,
        status=status,
        hazard=hazard,
        move_in=move_in,
        demolished_on=demolished_on,
        reclaimed_on=reclaimed_on,
        today=today,
    )
    if zero_employment and profile.employment.zero_employment_clearance:
        out.append(Obligation(ObligationKind.ZERO_EMPLOYMENT))
    out += service_obligations(profile, labourers, today)
    out += [
        Obligation(ObligationKind.MEASURE, done_on=day, text=text) for day, text in sorted(measures)
    ]
    return tuple(out)
