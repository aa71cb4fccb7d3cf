"""Return-to-poverty monitoring (防返贫监测): flags, risk level, next visit.

Households are flagged by rules over their records, every number taken from
the policy profile: income per head under the profile's line, a household with
labour where nobody works (零就业家庭), serious illness or severe disability
with no 低保/特困 in the household, an old house past its demolition (or
reclamation) deadline, and a sudden swing found by the last visit (income per
head down by ``income_drop_alert`` or more, a job lost).

The risk level and the visit cadence are derived, not typed.  Decisions
written down here because the documents leave them open:

- Red: income under the line, illness or disability without 低保, a sudden
  swing, a failed item of 两不愁三保障 or safe drinking water at the last visit
  (the core of what follow-up support guarantees), or a zero-employment
  household where the profile demands zero employment be cleared continuously
  (Guizhou's 动态清零).
- Amber: any other flag, or a household in a monitored category (脱贫不稳定户,
  边缘易致贫户, 突发严重困难户) without a red flag.
- Green: nothing of the above.
- The normal interval between visits is a year divided by the profile's
  ``visits_per_year`` (30 days for 12); amber halves it, red quarters it.  A
  household never visited is due at once.
- "Visited this month" (一月一更新) is a visit in the current calendar month.
- Zero employment (零就业家庭): someone with labour capacity and nobody in
  work, work as the profile counts it (desktop.domain.coverage.working_statuses:
  farming only where the profile says so), the same definition the dashboard
  and the board count.  A job lost (``job_lost``) still means any work,
  farming included, given up for none.
- Severe disability is grade 1 or 2 (or a grade not recorded).
- A household that got its keys and has not moved in within the profile's
  period (Shanxi: half a year, 拿到钥匙超过半年未搬迁) is flagged amber: it is
  a matter of persuasion, not of hardship.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from desktop.domain.coverage import working_statuses
from desktop.domain.enums import EmploymentStatus, Health, MonitoringCategory, OldHouseStatus
from desktop.domain.five_ones import LABOUR
from desktop.domain.policy import PolicyProfile

WORKING = frozenset(
    {
        EmploymentStatus.EMPLOYED,
        EmploymentStatus.SELF_EMPLOYED,
        EmploymentStatus.PUBLIC_WELFARE,
        EmploymentStatus.FARMING,
    }
)
SEVERE_DISABILITY_GRADES = frozenset({1, 2})


class Flag(StrEnum):
    LOW_INCOME = "low_income"  # 人均收入低于监测线
    ZERO_EMPLOYMENT = "zero_employment"  # 零就业家庭
    ILLNESS_WITHOUT_DIBAO = "illness_without_dibao"  # 大病或重度残疾未纳入低保
    OLD_HOUSE_OVERDUE = "old_house_overdue"  # 旧房逾期未拆
    RECLAIM_OVERDUE = "reclaim_overdue"  # 拆后逾期未复垦
    INCOME_DROP = "income_drop"  # 人均收入大幅下降
    JOB_LOST = "job_lost"  # 有人失业
    NOT_MOVED_IN = "not_moved_in"  # 拿到钥匙超过半年未搬迁（山西）
    ASSURANCE_GAP = "assurance_gap"  # 两不愁三保障或饮水安全有问题（上次走访发现）


class Risk(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


RED_FLAGS = frozenset(
    {Flag.LOW_INCOME, Flag.ILLNESS_WITHOUT_DIBAO, Flag.INCOME_DROP, Flag.ASSURANCE_GAP}
)


@dataclass(frozen=True, slots=True)
class MonitoredMember:
    labour: str
    employment: str
    health: str = Health.HEALTHY.value
    disability_grade: int | None = None
    dibao: bool = False
    tekun: bool = False


@dataclass(frozen=True, slots=True)
class MonitoringFacts:
    """A household's records as the rules need them."""

    members: Sequence[MonitoredMember]
    move_in_date: date | None = None
    keys_handed_on: date | None = None
    old_house_status: str = OldHouseStatus.NONE.value
    old_house_hazard: bool = False
    old_house_demolished_on: date | None = None
    income_per_head: int | None = None  # from the last visit; None: never measured
    last_visit_on: date | None = None
    # alerts the last visit recorded: [{"code": "income_drop" | "job_lost", ...}]
    last_visit_alerts: Sequence[dict[str, Any]] = ()
    category: str = MonitoringCategory.NONE.value


@dataclass(frozen=True, slots=True)
class RaisedFlag:
    flag: Flag
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MonitoringStatus:
    flags: tuple[RaisedFlag, ...]
    risk: Risk
    category: str
    next_visit_due: date
    visited_this_month: bool
    last_visit_on: date | None

    @property
    def flag_codes(self) -> tuple[Flag, ...]:
        return tuple(f.flag for f in self.flags)

    def visit_overdue(self, today: date) -> bool:
        return today > self.next_visit_due


def demolition_deadline(move_in: date | None, hazard: bool, profile: PolicyProfile) -> date | None:
    return profile.old_house.demolish_by(move_in, hazard)


def reclamation_deadline(
    move_in: date | None, demolished_on: date | None, profile: PolicyProfile
) -> date | None:
    return profile.old_house.reclaim_by(move_in, demolished_on)


def move_in_due(
    keys_handed_on: date | None, move_in: date | None, profile: PolicyProfile
) -> date | None:
    """The day a household with its keys should have moved in by, while it has not;
    None when it has moved in, has no keys yet or the profile sets no period."""
    period = profile.housing.move_in_after_keys
    if period is None or keys_handed_on is None or move_in is not None:
        return None
    return period.after(keys_handed_on)


def _old_house_flags(
    facts: MonitoringFacts, profile: PolicyProfile, today: date
) -> list[RaisedFlag]:
    status = facts.old_house_status
    if status == OldHouseStatus.STANDING:
        due = demolition_deadline(facts.move_in_date, facts.old_house_hazard, profile)
        if due is not None and today > due:
            return [
                RaisedFlag(
                    Flag.OLD_HOUSE_OVERDUE, {"due": due.isoformat(), "days": (today - due).days}
                )
            ]
    if status == OldHouseStatus.DEMOLISHED:
        due = reclamation_deadline(facts.move_in_date, facts.old_house_demolished_on, profile)
        if due is not None and today > due:
            return [
                RaisedFlag(
                    Flag.RECLAIM_OVERDUE, {"due": due.isoformat(), "days": (today - due).days}
                )
            ]
    return []


def flags_for(facts: MonitoringFacts, profile: PolicyProfile, today: date) -> list[RaisedFlag]:
    members = facts.members
    flags: list[RaisedFlag] = []
    line = profile.monitoring.income_line_per_head_year
    if facts.income_per_head is not None and facts.income_per_head < line:
        flags.append(RaisedFlag(Flag.LOW_INCOME, {"income": facts.income_per_head, "line": line}))
    labourers = [m for m in members if m.labour in LABOUR]
    working = working_statuses(profile.employment)
    if labourers and not any(m.employment in working for m in members):
        flags.append(RaisedFlag(Flag.ZERO_EMPLOYMENT, {"labourers": len(labourers)}))
    safety_net = any(m.dibao or m.tekun for m in members)
    sick = [
        m
        for m in members
        if m.health == Health.SERIOUS
        or (
            m.health == Health.DISABLED
            and (m.disability_grade is None or m.disability_grade in SEVERE_DISABILITY_GRADES)
        )
    ]
    if sick and not safety_net:
        flags.append(RaisedFlag(Flag.ILLNESS_WITHOUT_DIBAO, {"count": len(sick)}))
    flags += _old_house_flags(facts, profile, today)
    due = move_in_due(facts.keys_handed_on, facts.move_in_date, profile)
    if due is not None and today > due:
        flags.append(
            RaisedFlag(Flag.NOT_MOVED_IN, {"due": due.isoformat(), "days": (today - due).days})
        )
    for alert in facts.last_visit_alerts:
        code = alert.get("code")
        if code in (Flag.INCOME_DROP.value, Flag.JOB_LOST.value, Flag.ASSURANCE_GAP.value):
            params = {k: v for k, v in alert.items() if k != "code"}
            flags.append(RaisedFlag(Flag(code), params))
    return flags


def risk_for(flags: Sequence[RaisedFlag], category: str, profile: PolicyProfile) -> Risk:
    codes = {f.flag for f in flags}
    if codes & RED_FLAGS:
        return Risk.RED
    if Flag.ZERO_EMPLOYMENT in codes and profile.employment.zero_employment_clearance:
        return Risk.RED
    if codes or category != MonitoringCategory.NONE:
        return Risk.AMBER
    return Risk.GREEN


def visit_interval(risk: Risk, profile: PolicyProfile) -> timedelta:
    per_year = max(profile.monitoring.visits_per_year, 1)
    base = 365 // per_year
    divisor = {Risk.GREEN: 1, Risk.AMBER: 2, Risk.RED: 4}[risk]
    return timedelta(days=max(base // divisor, 1))


def same_month(a: date | None, b: date) -> bool:
    return a is not None and (a.year, a.month) == (b.year, b.month)


def assess(facts: MonitoringFacts, profile: PolicyProfile, today: date) -> MonitoringStatus:
    flags = flags_for(facts, profile, today)
    risk = risk_for(flags, facts.category, profile)
    if facts.last_visit_on is None:
        due = today
    else:
        due = facts.last_visit_on + visit_interval(risk, profile)
    return MonitoringStatus(
        flags=tuple(flags),
        risk=risk,
        category=facts.category,
        next_visit_due=due,
        visited_this_month=same_month(facts.last_visit_on, today),
        last_visit_on=facts.last_visit_on,
    )


# ---------------------------------------------------------------- swings between visits


def income_dropped(previous: int | None, current: int, profile: PolicyProfile) -> bool:
    """Income per head down by the profile's share (a third) or more since last time."""
    if previous is None or previous <= 0:
        return False
    return current <= previous * (1 - profile.monitoring.income_drop_alert)


def job_lost(before: str, after: str) -> bool:
    return before in WORKING and after == EmploymentStatus.UNEMPLOYED
