"""Special groups the documents ask to be kept apart and watched (特殊群体).

Guizhou: 返乡劳动力、高校毕业生、鳏寡孤独残特殊困难群体 in ledgers updated every
month; Hebei: 大病重病患者、重度残疾、留守儿童和困境儿童、困难老人; Chenzhou:
农村留守老人和留守儿童.  Some follow from a member's records and are computed
here (one definition wherever they are counted); the others are recorded on
the member (``Person.special_groups``): nobody can tell a returning migrant
worker or a graduate from the other columns.

Decisions, and why:

- Serious illness and disability: the member's health says so.
- Lone elderly (孤寡老人、困难老人): 60 or over in a household where nobody is under 60.
- Left-behind child (留守儿童): under 16, and every parent of the household
  (head or spouse of working age) works outside the county.
- Left-behind elderly (留守老人): 60 or over, the household has labourers and
  every one of them works outside the county.
- Returning migrant worker and graduate: recorded only.  Any group may also be
  recorded by hand where the rules cannot see it (a child left with an uncle).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.domain.enums import EmploymentPlace, Health, Relation, SpecialGroup

ELDERLY_AGE = 60
CHILD_AGE = 16
AWAY = frozenset({EmploymentPlace.IN_PROVINCE.value, EmploymentPlace.OUT_OF_PROVINCE.value})
LABOUR = frozenset({"full", "skilled", "partial"})


@dataclass(frozen=True, slots=True)
class GroupFacts:
    age: int
    relation: str
    health: str
    labour: str
    employment_place: str
    recorded: Sequence[str] = ()


def groups_of(member: GroupFacts, household: Sequence[GroupFacts]) -> tuple[SpecialGroup, ...]:
    """The member's special groups, computed and recorded, in the enum's order."""
    found: set[SpecialGroup] = set()
    for value in member.recorded:
        try:
            found.add(SpecialGroup(value))
        except ValueError:
            continue
    if member.health == Health.SERIOUS.value:
        found.add(SpecialGroup.SERIOUS_ILLNESS)
    if member.health == Health.DISABLED.value:
        found.add(SpecialGroup.DISABILITY)
    if member.age >= ELDERLY_AGE:
        if all(m.age >= ELDERLY_AGE for m in household):
            found.add(SpecialGroup.LONE_ELDERLY)
        labourers = [m for m in household if m.labour in LABOUR]
        if labourers and all(m.employment_place in AWAY for m in labourers):
            found.add(SpecialGroup.LEFT_BEHIND_ELDERLY)
    if member.age < CHILD_AGE:
        parents = [
            m
            for m in household
            if m.relation in (Relation.HEAD.value, Relation.SPOUSE.value)
            and CHILD_AGE <= m.age < ELDERLY_AGE
        ]
        if parents and all(m.employment_place in AWAY for m in parents):
            found.add(SpecialGroup.LEFT_BEHIND_CHILD)
    return tuple(g for g in SpecialGroup if g in found)
