"""Employment goals of the policy profile: the five-ones (五个一) and "311".

Xiangxi's five-ones, per relocated household: with labour, 1 person in stable
work (有1人以上稳定就业), 1 skill (掌握1门以上脱贫发展技能), 1 income-raising
industry (发展1项以上脱贫增收产业), 1 vegetable plot where the site allows
(有条件的集中安置点每户安排1块菜地); without labour, 1 complete social-security
package (享有1套完整的社会保障兜底措施).  Profiles without the five-ones still
set the employment goal (``min_employed_per_labour_household``): only that item
is checked there.

Chenzhou's "311" (每年至少…提供三次岗位信息、一次职业指导、一次免费技能培训信息)
is counted per unemployed labourer per calendar year against the profile's
numbers; Shanxi's "至少获得3个以上有针对性的岗位信息" names no period and is
counted over every service recorded (``services_period = "total"``).  A
profile asking for zero of something does not report it missing, and one that
sets no number of workers per household (Hebei) checks no job goal.

Decisions written down here because the documents leave them open:

- Labour: full, skilled or partial (弱劳动力/半劳动力) labour capacity.
- Stable work: employed, self-employed or a public-welfare post; farming alone
  is not stable work for the five-ones.
- Skill: a labourer with skilled capacity or any skill recorded.
- Complete social security: every member medically insured, every adult (16
  or over, not in school) in a pension scheme, and at least one member under
  低保 or 特困供养.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.enums import EmploymentStatus, LabourCapacity, Schooling
from desktop.domain.policy import EmploymentRule

LABOUR = frozenset({LabourCapacity.FULL, LabourCapacity.SKILLED, LabourCapacity.PARTIAL})
STABLE_WORK = frozenset(
    {
        EmploymentStatus.EMPLOYED,
        EmploymentStatus.SELF_EMPLOYED,
        EmploymentStatus.PUBLIC_WELFARE,
    }
)
ADULT_AGE = 16


class FiveOnesItem(StrEnum):
    STABLE_JOB = "stable_job"  # 1人以上稳定就业
    SKILL = "skill"  # 1门技能
    INDUSTRY = "industry"  # 1项增收产业
    VEGETABLE_PLOT = "vegetable_plot"  # 1块菜地
    SOCIAL_SECURITY = "social_security"  # 1套社会保障兜底


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What the rules need of one member, as plain values."""

    labour: str
    employment: str
    skills: str = ""
    age: int = 30
    schooling: str = Schooling.NOT_IN_SCHOOL.value
    medical_insurance: bool = True
    pension_insurance: bool = False
    dibao: bool = False
    tekun: bool = False
    health: str = "healthy"
    disability_grade: int | None = None

    @property
    def has_labour(self) -> bool:
        return self.labour in LABOUR

    @property
    def in_stable_work(self) -> bool:
        return self.employment in STABLE_WORK

    @property
    def is_adult_out_of_school(self) -> bool:
        return self.age >= ADULT_AGE and self.schooling == Schooling.NOT_IN_SCHOOL.value


@dataclass(frozen=True, slots=True)
class FiveOnesCheck:
    item: FiveOnesItem
    met: bool
    have: int  # how many there are (people in stable work, skilled labourers...)
    need: int


@dataclass(frozen=True, slots=True)
class FiveOnesStatus:
    with_labour: bool
    full_five_ones: bool  # the profile asks for all five; otherwise only the job goal
    checks: tuple[FiveOnesCheck, ...]

    @property
    def missing(self) -> tuple[FiveOnesItem, ...]:
        return tuple(c.item for c in self.checks if not c.met)

    @property
    def complete(self) -> bool:
        return not self.missing


def has_labour(members: Iterable[MemberFacts]) -> bool:
    return any(m.has_labour for m in members)


def social_security_complete(members: Sequence[MemberFacts]) -> bool:
    if not members:
        return False
    insured = all(m.medical_insurance for m in members)
    pensions = all(m.pension_insurance for m in members if m.is_adult_out_of_school)
    safety_net = any(m.dibao or m.tekun for m in members)
    return insured and pensions and safety_net


def five_ones(
    members: Sequence[MemberFacts],
    *,
    income_industry: str,
    vegetable_plot: bool,
    plot_possible: bool,
    rule: EmploymentRule,
) -> FiveOnesStatus:
    """The household's five-ones status under ``rule``, with what is missing.

    ``plot_possible`` is False where the site has no land for plots (scattered
    resettlement, or a site that says so): the plot is then not asked for.
    """
    labour = has_labour(members)
    checks: list[FiveOnesCheck] = []
    if labour:
        employed = sum(1 for m in members if m.in_stable_work)
        need_jobs = rule.min_employed_per_labour_household
        if need_jobs > 0 or rule.five_ones:
            need_jobs = max(need_jobs, 1)
            checks.append(
                FiveOnesCheck(FiveOnesItem.STABLE_JOB, employed >= need_jobs, employed, need_jobs)
            )
        if rule.five_ones:
            skilled = sum(
                1
                for m in members
                if m.has_labour and (m.labour == LabourCapacity.SKILLED or m.skills.strip())
            )
            checks.append(FiveOnesCheck(FiveOnesItem.SKILL, skilled >= 1, skilled, 1))
            industry = 1 if income_industry.strip() else 0
            checks.append(FiveOnesCheck(FiveOnesItem.INDUSTRY, industry == 1, industry, 1))
            if plot_possible:
                plot = 1 if vegetable_plot else 0
                checks.append(FiveOnesCheck(FiveOnesItem.VEGETABLE_PLOT, plot == 1, plot, 1))
    elif rule.five_ones:
        ok = social_security_complete(members)
        checks.append(FiveOnesCheck(FiveOnesItem.SOCIAL_SECURITY, ok, int(ok), 1))
    return FiveOnesStatus(with_labour=labour, full_five_ones=rule.five_ones, checks=tuple(checks))


# ---------------------------------------------------------------- "311"


class ServiceKind(StrEnum):
    JOB_OFFER = "job_offer"  # 岗位信息
    CAREER_GUIDANCE = "career_guidance"  # 职业指导
    FREE_TRAINING = "free_training"  # 免费技能培训信息


def services_required(rule: EmploymentRule) -> dict[ServiceKind, int]:
    """What the profile asks per unemployed labourer (zero: not asked), per year or in all."""
    return {
        ServiceKind.JOB_OFFER: rule.job_offers,
        ServiceKind.CAREER_GUIDANCE: rule.career_guidance,
        ServiceKind.FREE_TRAINING: rule.free_training,
    }


def needs_services(member: MemberFacts) -> bool:
    """An unemployed labourer: the one "311" is owed to."""
    return member.has_labour and member.employment == EmploymentStatus.UNEMPLOYED


@dataclass(frozen=True, slots=True)
class ServiceCount:
    kind: ServiceKind
    done: int
    need: int
    dates: tuple[date, ...]

    @property
    def missing(self) -> int:
        return max(self.need - self.done, 0)


@dataclass(frozen=True, slots=True)
class ServicesStatus:
    year: int
    counts: tuple[ServiceCount, ...]
    per_year: bool = True  # False: counted in all since moving in (Shanxi's three job offers)

    @property
    def required(self) -> bool:
        return any(c.need > 0 for c in self.counts)

    @property
    def complete(self) -> bool:
        return all(c.missing == 0 for c in self.counts)


def services_status(
    services: Iterable[tuple[str, date]], *, year: int, rule: EmploymentRule
) -> ServicesStatus:
    """Count one labourer's services (kind, date) against ``rule``: those of ``year``
    when the profile counts per year, all of them when it counts in total."""
    per_year = rule.services_period == "year"
    dates: dict[ServiceKind, list[date]] = {kind: [] for kind in ServiceKind}
    for kind, day in services:
        if (day.year == year or not per_year) and kind in dates:
            dates[ServiceKind(kind)].append(day)
    required = services_required(rule)
    counts = tuple(
        ServiceCount(kind, len(dates[kind]), required[kind], tuple(sorted(dates[kind])))
        for kind in ServiceKind
    )
    return ServicesStatus(year=year, counts=counts, per_year=per_year)
