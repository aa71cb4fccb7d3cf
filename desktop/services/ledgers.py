"""Exporting the township's ledgers (台账) as Excel workbooks.

Each kind gathers its rows with plain SQL over the records the actor may see
and streams them to :func:`desktop.reports.ledgers.write_ledger`; nothing
here holds 50 000 ORM objects.  Values go out as the ledger reads them: enum
values as their Chinese labels, yes/no as 是/否, dates as dates, money as
whole yuan.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from desktop.domain import resident_id as rid_mod
from desktop.domain import sla
from desktop.domain.enums import EmploymentStatus, LabourCapacity
from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.five_ones import ServiceKind
from desktop.domain.validation import ValidationErrors
from desktop.reports import labels as L
from desktop.reports.files import NO_PROGRESS, Cancelled, Progress
from desktop.reports.ledger_columns import (
    DERIVED,
    FIELDS_BY_KEY,
    G_HOUSEHOLD,
    HEAD_FIELDS,
    HOUSEHOLD_FIELDS,
    PERSON_FIELDS,
    SERIAL,
    Field,
)
from desktop.reports.ledgers import (
    DATE,
    DATETIME,
    FLOAT,
    INT,
    MONEY,
    PERCENT_FORMAT,
    Column,
    SheetSpec,
    write_ledger,
)
from desktop.services import audit, board, survey, township
from desktop.services.actor import Actor
from desktop.services.clock import Clock, system_clock
from desktop.services.printing import Selection, selection_conditions
from desktop.store.models import Building, Grid, Household, Person, Site, WorkOrder
from desktop.store.models_survey import EmploymentService, MonitoringMeasure, MonitoringPeriod

LABOUR_VALUES = (
    LabourCapacity.FULL.value,
    LabourCapacity.SKILLED.value,
    LabourCapacity.PARTIAL.value,
)


class LedgerKind(StrEnum):
    HOUSEHOLDS = "households"  # 搬迁户信息台账, one row per household
    PERSONS = "persons"  # 搬迁人口信息台账, one row per person
    EMPLOYMENT = "employment"  # 就业台账, 一点一册: one sheet per site
    WORK_ORDERS = "work_orders"  # 诉求工单台账 with the three-three figures
    MONITORING = "monitoring"  # 防返贫监测月报
    BOARD = "board"  # 网格覆盖看板
    VISITS = "visits"  # 走访台账
    OLD_HOUSES = "old_houses"  # 旧房拆除复垦台账
    SPECIAL_GROUPS = "special_groups"  # 特殊群体台账
    RETURNING_LABOUR = "returning_labour"  # 返乡劳动力台账
    FACILITIES = "facilities"  # 安置点配套设施台账
    JOBS = "jobs"  # 就业岗位菜单
    ASSETS = "assets"  # 安置区资产台账（商铺、车库…，盘活率）
    PROJECTS = "projects"  # 后续扶持项目和帮扶车间台账


TITLES: dict[LedgerKind, str] = {
    LedgerKind.HOUSEHOLDS: "易地扶贫搬迁户信息台账",
    LedgerKind.PERSONS: "易地扶贫搬迁人口信息台账",
    LedgerKind.EMPLOYMENT: "易地扶贫搬迁劳动力就业台账",
    LedgerKind.WORK_ORDERS: "群众诉求工单台账（“三个三”办理情况）",
    LedgerKind.MONITORING: "防止返贫动态监测月报",
    LedgerKind.BOARD: "网格覆盖情况月报",
    LedgerKind.VISITS: "走访台账",
    LedgerKind.OLD_HOUSES: "旧房拆除复垦台账",
    LedgerKind.SPECIAL_GROUPS: "特殊群体台账",
    LedgerKind.RETURNING_LABOUR: "返乡劳动力台账",
    LedgerKind.FACILITIES: "安置点配套设施台账",
    LedgerKind.JOBS: "就业岗位菜单",
    LedgerKind.ASSETS: "安置区资产管理台账（商铺门面、车库、农贸市场等）",
    LedgerKind.PROJECTS: "后续扶持产业项目和帮扶车间台账",
}
REGISTER_KINDS = frozenset(
    {LedgerKind.FACILITIES, LedgerKind.JOBS, LedgerKind.ASSETS, LedgerKind.PROJECTS}
)


@dataclass(frozen=True, slots=True)
class ExportResult:
    kind: str
    path: str
    rows: int
    sheets: int


def _note(session: Session, today: date, extra: str = "") -> str:
    info = township.township_info(session)
    unit = f"{info.county_name}{info.township_name}" if info else ""
    return f"填报单位：{unit}    截至：{today.year}年{today.month}月{today.day}日{extra}"


def _cell(f: Field, value: Any) -> Any:
    if f.boolean:
        return L.yes_no(bool(value))
    if f.enum:
        return L.label(f.enum, value)
    if value == "" and f.column.kind in (DATE, INT, MONEY):
        return None
    return value


def _birth_and_sex(number: str) -> tuple[date | None, str]:
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        sex = "男" if int(number[16]) % 2 == 1 else "女"
    except (ValueError, IndexError):
        return None, ""
    return birth, sex


def _age(birth: date | None, today: date) -> int | None:
    if birth is None:
        return None
    years = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return max(years, 0)


# ---------------------------------------------------------------- persons and households

_HOUSEHOLD_SQL = {
    "code": Household.code,
    "category": Household.category,
    "household_phone": Household.phone,
    "site": Site.name,
    "grid": func.coalesce(Grid.name, ""),
    "building": func.coalesce(Building.name, ""),
    "unit": Household.unit,
    "room": Household.room,
    "origin_village": Household.origin_village,
    "move_in_date": Household.move_in_date,
    "keys_handed_on": Household.keys_handed_on,
    "old_house_status": Household.old_house_status,
    "old_house_hazard": Household.old_house_hazard,
    "old_house_demolished_on": Household.old_house_demolished_on,
    "old_house_reclaimed_on": Household.old_house_reclaimed_on,
    "old_house_note": Household.old_house_note,
    "property_certificate": Household.property_certificate,
    "vegetable_plot": Household.vegetable_plot,
    "income_industry": Household.income_industry,
    "cadre_name": Household.cadre_name,
    "cadre_phone": Household.cadre_phone,
}


def _household_select(actor: Actor, selection: Selection, *extra: Any) -> Any:
    return (
        select(*_HOUSEHOLD_SQL.values(), *extra)
        .select_from(Household)
        .join(Site, Site.id == Household.site_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .outerjoin(Building, Building.id == Household.building_id)
        .where(*selection_conditions(actor, selection))
    )


def _order(query: Any) -> Any:
    return query.order_by(Site.code, Household.code)


def count_persons(session: Session, actor: Actor, selection: Selection) -> int:
    q = (
        select(func.count())
        .select_from(Person)
        .join(Household, Household.id == Person.household_id)
        .where(Person.deleted.is_(False), *selection_conditions(actor, selection))
    )
    return int(session.scalar(q) or 0)


def _converter(f: Field) -> Callable[[Any], Any] | None:
    """What :func:`_cell` does for ``f``, decided once per column rather than per cell."""
    if f.multi:
        labels = L.ENUM_LABELS.get(f.enum, {})
        return lambda v: "、".join(labels.get(x, x) for x in (v or ()))
    if f.boolean:
        return lambda v: L.YES if v else L.NO
    if f.enum:
        table = L.ENUM_LABELS.get(f.enum, {})
        return lambda v: table.get(v, v)
    if f.column.kind in (DATE, INT, MONEY):
        return lambda v: None if v == "" else v
    return None


def _person_rows(
    session: Session, actor: Actor, selection: Selection, today: date
) -> Iterator[list[Any]]:
    derived = ("sex", "birth_date")
    person_fields = [f for f in PERSON_FIELDS if f.key not in derived]
    q = _order(
        _household_select(actor, selection, *(getattr(Person, f.key) for f in person_fields)).join(
            Person, and_(Person.household_id == Household.id, Person.deleted.is_(False))
        )
    ).order_by(Person.sort_order)
    convert = [_converter(f) for f in (*HOUSEHOLD_FIELDS, *person_fields)]
    # sex and birth date follow the resident ID in the columns
    id_at = len(HOUSEHOLD_FIELDS) + [f.key for f in person_fields].index("resident_id")
    for serial, row in enumerate(session.connection().execute(q), start=1):
        values = [v if c is None else c(v) for c, v in zip(convert, row, strict=True)]
        birth, sex = _birth_and_sex(row[id_at])
        yield [serial, *values[: id_at + 1], sex, birth, *values[id_at + 1 :]]


def _persons_sheet(session: Session, actor: Actor, selection: Selection, today: date) -> SheetSpec:
    cols = (
        SERIAL.column,
        *(f.column for f in HOUSEHOLD_FIELDS),
        *(f.column for f in PERSON_FIELDS),
    )
    return SheetSpec(
        name="搬迁人口",
        title=TITLES[LedgerKind.PERSONS],
        note=_note(session, today),
        columns=cols,
        rows=_person_rows(session, actor, selection, today),
    )


def _household_rows(session: Session, actor: Actor, selection: Selection) -> Iterator[list[Any]]:
    head = (
        select(Person.household_id, Person.name, Person.resident_id)
        .where(Person.deleted.is_(False), Person.relation == "head")
        .subquery()
    )
    q = _order(
        _household_select(
            actor,
            selection,
            func.coalesce(head.c.name, ""),
            func.coalesce(head.c.resident_id, ""),
            Household.member_count,
        ).outerjoin(head, head.c.household_id == Household.id)
    )
    n_h = len(_HOUSEHOLD_SQL)
    for serial, row in enumerate(session.connection().execute(q), start=1):
        values = [_cell(f, v) for f, v in zip(HOUSEHOLD_FIELDS, row[:n_h], strict=True)]
        # code and category first, then the head, then the rest, as the columns say
        yield [serial, values[0], *row[n_h:], *values[1:]]


def _households_sheet(
    session: Session, actor: Actor, selection: Selection, today: date
) -> SheetSpec:
    cols = (
        SERIAL.column,
        HOUSEHOLD_FIELDS[0].column,
        *(f.column for f in HEAD_FIELDS),
        *(f.column for f in HOUSEHOLD_FIELDS[1:]),
    )
    return SheetSpec(
        name="搬迁户",
        title=TITLES[LedgerKind.HOUSEHOLDS],
        note=_note(session, today),
        columns=cols,
        rows=_household_rows(session, actor, selection),
    )


# ---------------------------------------------------------------- employment, per site

_EMPLOYMENT_COLUMNS = (
    SERIAL.column,
    Column("户编号", "", 20),
    Column("户主", "", 10),
    Column("楼栋单元房号", "", 14),
    Column("网格", "", 14),
    Column("姓名", "劳动力基本情况", 10),
    Column("身份证号码", "劳动力基本情况", 21),
    Column("性别", "劳动力基本情况", 6),
    Column("年龄", "劳动力基本情况", 6, INT),
    Column("劳动能力", "劳动力基本情况", 14),
    Column("技能", "劳动力基本情况", 14),
    Column("就业状态", "就业情况", 12),
    Column("就业地点", "就业情况", 10),
    Column("就业单位", "就业情况", 20),
    Column("月收入（元）", "就业情况", 10, MONEY),
    Column("就业时间", "就业情况", 12, DATE),
    Column("培训意愿", "就业服务", 14),
    Column("岗位推送（次）", "就业服务", 10, INT),
    Column("职业指导（次）", "就业服务", 10, INT),
    Column("免费培训（次）", "就业服务", 10, INT),
    Column("联系电话", "", 14),
)


def _employment_sheets(
    session: Session, actor: Actor, selection: Selection, today: date
) -> list[SheetSpec]:
    services: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for person_id, kind, n in session.execute(
        select(EmploymentService.person_id, EmploymentService.kind, func.count())
        .where(
            EmploymentService.deleted.is_(False),
            EmploymentService.service_date >= date(today.year, 1, 1),
            EmploymentService.service_date <= today,
        )
        .group_by(EmploymentService.person_id, EmploymentService.kind)
    ):
        services[person_id][kind] = n
    q = (
        select(
            Site.id,
            Site.name,
            Household.code,
            Household.head_name,
            func.coalesce(Building.name, ""),
            Household.unit,
            Household.room,
            func.coalesce(Grid.name, ""),
            Person.id,
            Person.name,
            Person.resident_id,
            Person.labour,
            Person.skills,
            Person.employment,
            Person.employment_place,
            Person.employer,
            Person.monthly_income,
            Person.employed_since,
            Person.training_wish,
            Person.phone,
        )
        .select_from(Household)
        .join(Site, Site.id == Household.site_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .outerjoin(Building, Building.id == Household.building_id)
        .join(Person, and_(Person.household_id == Household.id, Person.deleted.is_(False)))
        .where(*selection_conditions(actor, selection), Person.labour.in_(LABOUR_VALUES))
        .order_by(Site.code, Household.code, Person.sort_order)
    )
    by_site: dict[str, tuple[str, list[list[Any]]]] = {}
    for row in session.execute(q):
        (
            site_id,
            site_name,
            code,
            head,
            bname,
            unit,
            room,
            grid,
            pid,
            name,
            rid,
            labour,
            skills,
            employment,
            place,
            employer,
            income,
            since,
            wish,
            phone,
        ) = row
        birth, sex = _birth_and_sex(rid)
        flat = "".join(p for p in (bname, f"{unit}单元" if unit else "", room) if p)
        rows = by_site.setdefault(site_id, (site_name, []))[1]
        s = services.get(pid, {})
        rows.append(
            [
                len(rows) + 1,
                code,
                head,
                flat,
                grid,
                name,
                rid,
                sex,
                _age(birth, today),
                L.label("labour", labour),
                skills,
                L.label("employment", employment),
                L.label("employment_place", place),
                employer,
                income,
                since,
                wish,
                s.get(ServiceKind.JOB_OFFER.value, 0),
                s.get(ServiceKind.CAREER_GUIDANCE.value, 0),
                s.get(ServiceKind.FREE_TRAINING.value, 0),
                phone,
            ]
        )
    note = _note(session, today)
    sheets = []
    for site_name, rows in by_site.values():
        employed = sum(
            1
            for r in rows
            if r[11]
            not in (
                L.label("employment", EmploymentStatus.UNEMPLOYED),
                L.label("employment", EmploymentStatus.NOT_APPLICABLE),
            )
        )
        sheets.append(
            SheetSpec(
                name=site_name,
                title=f"{site_name}{TITLES[LedgerKind.EMPLOYMENT]}",
                note=f"{note}    劳动力{len(rows)}人，已就业{employed}人",
                columns=_EMPLOYMENT_COLUMNS,
                rows=rows,
            )
        )
    return sheets


# ---------------------------------------------------------------- work orders


def _local(value: datetime | None) -> datetime | None:
    return None if value is None else sla.to_china(value).replace(tzinfo=None)


def _minutes(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 60, 1)


_STEP_TIMING_WORDS = {
    sla.StepTiming.ON_TIME: "按时",
    sla.StepTiming.LATE: "超时",
    sla.StepTiming.PENDING: "办理中",
    sla.StepTiming.MISSED: "超期未办",
}


def _on_time(done: datetime | None, due: datetime | None, now: datetime) -> str:
    """A step against its deadline, as the work-order screens say it (desktop.domain.sla)."""
    timing = sla.step_timing(done, due, now)
    return "" if timing is None else _STEP_TIMING_WORDS[timing]


_ORDER_COLUMNS = (
    SERIAL.column,
    Column("工单编号", "受理信息", 18),
    Column("受理时间", "受理信息", 17, DATETIME),
    Column("来源", "受理信息", 12),
    Column("类别", "受理信息", 10),
    Column("诉求人", "受理信息", 10),
    Column("联系电话", "受理信息", 14),
    Column("户编号", "受理信息", 20),
    Column("网格", "受理信息", 14),
    Column("诉求内容", "受理信息", 30),
    Column("响应时限", "3分钟内回应", 17, DATETIME),
    Column("响应时间", "3分钟内回应", 17, DATETIME),
    Column("用时（分钟）", "3分钟内回应", 9, FLOAT),
    Column("是否按时", "3分钟内回应", 9),
    Column("到场时限", "3小时内到达现场", 17, DATETIME),
    Column("到场时间", "3小时内到达现场", 17, DATETIME),
    Column("用时（分钟）", "3小时内到达现场", 9, FLOAT),
    Column("是否按时", "3小时内到达现场", 9),
    Column("办结时限", "3天内解决或答复", 17, DATETIME),
    Column("办结时间", "3天内解决或答复", 17, DATETIME),
    Column("用时（小时）", "3天内解决或答复", 9, FLOAT),
    Column("是否按时", "3天内解决或答复", 9),
    Column("办理状态", "办理结果", 10),
    Column("办理结果", "办理结果", 30),
    Column("回访满意度", "办理结果", 10),
)

SATISFACTION = {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"}


def _order_rows(
    session: Session, actor: Actor, now: datetime, month: tuple[int, int] | None
) -> Iterator[list[Any]]:
    conds: list[Any] = [WorkOrder.deleted.is_(False)]
    if not actor.sees_everything:
        conds.append(actor.grid_filter(WorkOrder.grid_id))
    if month is not None:
        start, end = sla.china_month_bounds(*month)
        conds += [WorkOrder.received_at >= start, WorkOrder.received_at < end]
    q = (
        select(WorkOrder, func.coalesce(Household.code, ""), func.coalesce(Grid.name, ""))
        .outerjoin(Household, Household.id == WorkOrder.household_id)
        .outerjoin(Grid, Grid.id == WorkOrder.grid_id)
        .where(*conds)
        .order_by(WorkOrder.received_at)
    )
    for serial, (o, hcode, grid) in enumerate(session.execute(q), start=1):
        start = o.clock_start or o.received_at
        resolve_h = _minutes(start, o.resolved_at)
        yield [
            serial,
            o.code,
            _local(o.received_at),
            L.label("order_source", o.source),
            L.label("order_category", o.category),
            o.caller_name,
            o.caller_phone,
            hcode,
            grid,
            o.description,
            _local(o.respond_due),
            _local(o.responded_at),
            _minutes(start, o.responded_at),
            _on_time(o.responded_at, o.respond_due, now),
            _local(o.arrive_due) if o.needs_site_visit else None,
            _local(o.arrived_at),
            _minutes(start, o.arrived_at) if o.needs_site_visit else None,
            _on_time(o.arrived_at, o.arrive_due, now) if o.needs_site_visit else "无需到场",
            _local(o.resolve_due),
            _local(o.resolved_at),
            None if resolve_h is None else round(resolve_h / 60, 1),
            _on_time(o.resolved_at, o.resolve_due, now),
            L.label("order_status", o.status),
            o.resolution,
            SATISFACTION.get(o.satisfaction, o.satisfaction),
        ]


def _orders_sheet(
    session: Session, actor: Actor, today: date, now: datetime, month: tuple[int, int] | None
) -> SheetSpec:
    rule = township.policy(session).service
    unit = "个工作日" if rule.day_count == "working" else "天"
    groups = {
        "3分钟内回应": f"{rule.respond_minutes}分钟内回应",
        "3小时内到达现场": f"{rule.arrive_hours}小时内到达现场",
        "3天内解决或答复": f"{rule.resolve_days}{unit}内解决或答复",
    }
    cols = tuple(
        Column(c.header, groups.get(c.group, c.group), c.width, c.kind, c.number_format)
        for c in _ORDER_COLUMNS
    )
    extra = f"    月份：{month[0]}年{month[1]}月" if month else ""
    return SheetSpec(
        name="诉求工单",
        title=TITLES[LedgerKind.WORK_ORDERS],
        note=_note(session, today, extra),
        columns=cols,
        rows=_order_rows(session, actor, now, month),
    )


# ---------------------------------------------------------------- monitoring report

_MONITORING_COLUMNS = (
    SERIAL.column,
    Column("户编号", "监测对象", 20),
    Column("户主", "监测对象", 10),
    Column("家庭人口", "监测对象", 8, INT),
    Column("安置点", "监测对象", 20),
    Column("网格", "监测对象", 14),
    Column("联系电话", "监测对象", 14),
    Column("监测类别", "纳入监测", 15),
    Column("纳入日期", "纳入监测", 12, DATE),
    Column("纳入原因", "纳入监测", 24),
    Column("风险类型", "纳入监测", 20),
    Column("纳入时人均纯收入（元）", "纳入监测", 12, MONEY),
    Column("帮扶措施", "帮扶情况", 40),
    Column("退出日期", "风险消除", 12, DATE),
    Column("风险消除方式", "风险消除", 24),
    Column("本月状态", "", 10),
    Column("包户干部", "", 10),
)


def _monitoring_sheet(
    session: Session, actor: Actor, selection: Selection, today: date, month: tuple[int, int]
) -> SheetSpec:
    y, m = month
    first = date(y, m, 1)
    last = date(y + (m == 12), m % 12 + 1, 1)
    q = (
        select(
            Household.code,
            Household.head_name,
            Household.member_count,
            Site.name,
            func.coalesce(Grid.name, ""),
            Household.phone,
            MonitoringPeriod.category,
            MonitoringPeriod.entered_on,
            MonitoringPeriod.entry_reason,
            MonitoringPeriod.exited_on,
            MonitoringPeriod.exit_reason,
            Household.cadre_name,
            MonitoringPeriod.risk_types,
            MonitoringPeriod.income_per_head,
            MonitoringPeriod.id,
        )
        .select_from(MonitoringPeriod)
        .join(Household, Household.id == MonitoringPeriod.household_id)
        .join(Site, Site.id == Household.site_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .where(
            MonitoringPeriod.deleted.is_(False),
            MonitoringPeriod.entered_on < last,
            (MonitoringPeriod.exited_on.is_(None)) | (MonitoringPeriod.exited_on >= first),
            *selection_conditions(actor, selection),
        )
        .order_by(Site.code, Household.code, MonitoringPeriod.entered_on)
    )
    rows = []
    found = session.execute(q).all()
    measures: dict[str | None, list[str]] = defaultdict(list)
    period_ids = [r.id for r in found]
    for i in range(0, len(period_ids), 500):
        for of_period, kind, day, note in session.execute(
            select(
                MonitoringMeasure.period_id,
                MonitoringMeasure.kind,
                MonitoringMeasure.taken_on,
                MonitoringMeasure.note,
            )
            .where(
                MonitoringMeasure.period_id.in_(period_ids[i : i + 500]),
                MonitoringMeasure.deleted.is_(False),
            )
            .order_by(MonitoringMeasure.taken_on, MonitoringMeasure.created_at)
        ):
            measures[of_period].append(f"{day.isoformat()} {L.label('measure', kind)}：{note}")
    for serial, r in enumerate(found, start=1):
        code, head, n, site, grid, phone, cat, entered, reason = r[:9]
        exited, exit_reason, cadre = r.exited_on, r.exit_reason, r.cadre_name
        risk_types: list[str] = list(r.risk_types or ())
        income: int | None = r.income_per_head
        period_id: str = r.id
        if exited is not None and exited < last:
            state = "本月退出"
        elif entered >= first:
            state = "本月新纳入"
        else:
            state = "持续监测"
        rows.append(
            [
                serial,
                code,
                head,
                n,
                site,
                grid,
                phone,
                L.label("monitoring", cat),
                entered,
                reason,
                "、".join(L.label("risk_type", t) for t in risk_types or ()),
                income,
                "\n".join(measures.get(period_id, ())),
                exited,
                exit_reason,
                state,
                cadre,
            ]
        )
    return SheetSpec(
        name=f"{y}年{m}月",
        title=TITLES[LedgerKind.MONITORING],
        note=_note(session, today, f"    月份：{y}年{m}月"),
        columns=_MONITORING_COLUMNS,
        rows=rows,
    )


# ---------------------------------------------------------------- visits

_VISIT_COLUMNS = (
    SERIAL.column,
    Column("户编号", "走访对象", 20),
    Column("户主", "走访对象", 10),
    Column("安置点", "走访对象", 20),
    Column("网格", "走访对象", 14),
    Column("走访日期", "走访情况", 12, DATE),
    Column("走访方式", "走访情况", 10),
    Column("走访人", "走访情况", 10),
    Column("不愁吃", "两不愁三保障", 7),
    Column("不愁穿", "两不愁三保障", 7),
    Column("义务教育", "两不愁三保障", 8),
    Column("基本医疗", "两不愁三保障", 8),
    Column("住房安全", "两不愁三保障", 8),
    Column("饮水安全", "两不愁三保障", 8),
    Column("人均纯收入（元）", "", 12, MONEY),
    Column("发现问题", "", 30),
    Column("备注", "", 24),
)
_CHECKLIST = ("food", "clothing", "education", "medical", "housing", "drinking_water")


def _visits_sheet(
    session: Session, actor: Actor, selection: Selection, today: date, month: tuple[int, int] | None
) -> SheetSpec:
    from desktop.store.models import User, Visit

    q = (
        select(
            Household.code,
            Household.head_name,
            Site.name,
            func.coalesce(Grid.name, ""),
            Visit.visited_on,
            Visit.kind,
            func.coalesce(User.display_name, ""),
            Visit.checklist,
            Visit.income_per_head,
            Visit.problems,
            Visit.notes,
        )
        .select_from(Visit)
        .join(Household, Household.id == Visit.household_id)
        .join(Site, Site.id == Household.site_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .outerjoin(User, User.id == Visit.user_id)
        .where(Visit.deleted.is_(False), *selection_conditions(actor, selection))
        .order_by(Site.code, Household.code, Visit.visited_on, Visit.created_at)
    )
    extra = ""
    if month is not None:
        y, m = month
        first, after = date(y, m, 1), date(y + (m == 12), m % 12 + 1, 1)
        q = q.where(Visit.visited_on >= first, Visit.visited_on < after)
        extra = f"    月份：{y}年{m}月"
    rows = []
    for serial, r in enumerate(session.execute(q), start=1):
        code, head, site, grid, day, kind, who, checklist, income, problems, notes = r
        checks = []
        for item in _CHECKLIST:
            entry = (checklist or {}).get(item)
            if entry is None:
                checks.append("")
            else:
                ok = entry.get("ok", True) if isinstance(entry, dict) else bool(entry)
                note = entry.get("note", "") if isinstance(entry, dict) else ""
                checks.append("是" if ok else f"否：{note}".rstrip("："))
        found = "；".join(
            str(p.get("description", "")) for p in (problems or []) if isinstance(p, dict)
        )
        rows.append(
            [serial, code, head, site, grid, day, L.label("visit_kind", kind), who, *checks,
             income or None, found, notes]
        )  # fmt: skip
    return SheetSpec(
        "走访", TITLES[LedgerKind.VISITS], _note(session, today, extra), _VISIT_COLUMNS, rows
    )


# ---------------------------------------------------------------- old houses

_OLD_HOUSE_KEYS = (
    "code", "site", "grid", "origin_village", "move_in_date", "old_house_status",
    "old_house_hazard", "old_house_demolished_on", "old_house_reclaimed_on", "old_house_note",
)  # fmt: skip


def _old_houses_sheet(
    session: Session, actor: Actor, selection: Selection, today: date
) -> SheetSpec:
    """Every household with an old house, its deadlines as the profile counts them and
    how late; the columns people type re-import through the household ledger."""
    from desktop.domain.obligations import ObligationKind, old_house_obligations

    profile = township.policy(session)
    fields = [FIELDS_BY_KEY[("household", k)] for k in _OLD_HOUSE_KEYS]
    q = _order(
        _household_select(
            actor,
            selection,
            Household.head_name,
            Household.old_house_hazard,
            Household.old_house_reclaimed_on,
        ).where(Household.old_house_status != "none")
    )
    n_h = len(_HOUSEHOLD_SQL)
    keys = list(_HOUSEHOLD_SQL)
    cols = (
        SERIAL.column,
        fields[0].column,
        Column("户主", G_HOUSEHOLD, 10),
        *(f.column for f in fields[1:]),
        Column("拆除时限", "时限（按政策规则）", 12, DATE),
        Column("复垦复绿时限", "时限（按政策规则）", 12, DATE),
        Column("逾期情况", "时限（按政策规则）", 24),
    )
    rows = []
    for serial, row in enumerate(session.connection().execute(q), start=1):
        raw = dict(zip(keys, row[:n_h], strict=True))
        head, hazard, reclaimed = row[n_h:]
        owed = old_house_obligations(
            profile,
            status=raw["old_house_status"],
            hazard=bool(hazard),
            move_in=raw["move_in_date"],
            demolished_on=raw["old_house_demolished_on"],
            reclaimed_on=reclaimed,
            today=today,
        )
        due = {o.kind: o for o in owed}
        demolish, reclaim = due.get(ObligationKind.DEMOLISH), due.get(ObligationKind.RECLAIM)
        late = "；".join(
            f"{name}逾期{o.overdue_days}天"
            for name, o in (("拆除", demolish), ("复垦复绿", reclaim))
            if o is not None and o.overdue
        )
        values = [_cell(f, raw[f.key]) for f in fields]
        rows.append(
            [serial, values[0], head, *values[1:],
             demolish.due if demolish else None, reclaim.due if reclaim else None, late]
        )  # fmt: skip
    return SheetSpec("旧房", TITLES[LedgerKind.OLD_HOUSES], _note(session, today), cols, rows)


# ---------------------------------------------------------------- special groups, returning labour

_GROUP_PERSON_KEYS = (
    "name", "relation", "resident_id", "health", "disability_grade", "labour", "schooling",
    "employment", "employment_place", "employer", "monthly_income", "skills", "training_wish",
    "dibao", "tekun", "phone", "special_groups",
)  # fmt: skip


def _group_rows(
    session: Session,
    actor: Actor,
    selection: Selection,
    today: date,
    wanted: Callable[[tuple[str, ...]], bool],
) -> list[list[Any]]:
    from desktop.domain.special_groups import GroupFacts, groups_of

    person_fields = [FIELDS_BY_KEY[("person", k)] for k in _GROUP_PERSON_KEYS]
    q = (
        select(
            Household.id,
            Household.code,
            Site.name,
            func.coalesce(Grid.name, ""),
            Household.cadre_name,
            *(getattr(Person, f.key) for f in person_fields),
        )
        .select_from(Household)
        .join(Site, Site.id == Household.site_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .join(Person, and_(Person.household_id == Household.id, Person.deleted.is_(False)))
        .where(*selection_conditions(actor, selection))
        .order_by(Site.code, Household.code, Person.sort_order)
    )
    by_household: dict[str, list[Any]] = defaultdict(list)
    for r in session.execute(q):
        by_household[r[0]].append(r)
    convert = [_converter(f) for f in person_fields]
    rid_at = _GROUP_PERSON_KEYS.index("resident_id")

    def facts(r: Any) -> GroupFacts:
        values = dict(zip(_GROUP_PERSON_KEYS, r[5:], strict=True))
        birth, _ = _birth_and_sex(values["resident_id"])
        return GroupFacts(
            age=_age(birth, today) or 30,
            relation=values["relation"],
            health=values["health"],
            labour=values["labour"],
            employment_place=values["employment_place"],
            recorded=tuple(values["special_groups"] or ()),
        )

    out: list[list[Any]] = []
    for members in by_household.values():
        household = [facts(r) for r in members]
        for r, f in zip(members, household, strict=True):
            groups = tuple(g.value for g in groups_of(f, household))
            if not wanted(groups):
                continue
            values = [v if c is None else c(v) for c, v in zip(convert, r[5:], strict=True)]
            birth, sex = _birth_and_sex(r[5 + rid_at])
            out.append(
                [len(out) + 1, r[1], r[2], r[3], *values[: rid_at + 1], sex, _age(birth, today),
                 "、".join(L.label("special_group", g) for g in groups), *values[rid_at + 1 :], r[4]]
            )  # fmt: skip
    return out


def _group_columns() -> tuple[Column, ...]:
    person_fields = [FIELDS_BY_KEY[("person", k)] for k in _GROUP_PERSON_KEYS]
    rid_at = _GROUP_PERSON_KEYS.index("resident_id")
    return (
        SERIAL.column,
        FIELDS_BY_KEY[("household", "code")].column,
        FIELDS_BY_KEY[("household", "site")].column,
        FIELDS_BY_KEY[("household", "grid")].column,
        *(f.column for f in person_fields[: rid_at + 1]),
        FIELDS_BY_KEY[("person", "sex")].column,
        Column("年龄", "家庭成员信息", 6, INT),
        Column("特殊群体", "家庭成员信息", 20),
        *(f.column for f in person_fields[rid_at + 1 :]),
        FIELDS_BY_KEY[("household", "cadre_name")].column,
    )


def _special_groups_sheet(
    session: Session, actor: Actor, selection: Selection, today: date
) -> SheetSpec:
    rows = _group_rows(session, actor, selection, today, lambda groups: bool(groups))
    return SheetSpec(
        "特殊群体", TITLES[LedgerKind.SPECIAL_GROUPS], _note(session, today), _group_columns(), rows
    )


def _returning_labour_sheet(
    session: Session, actor: Actor, selection: Selection, today: date
) -> SheetSpec:
    rows = _group_rows(
        session, actor, selection, today, lambda groups: "returning_labour" in groups
    )
    return SheetSpec(
        "返乡劳动力",
        TITLES[LedgerKind.RETURNING_LABOUR],
        _note(session, today),
        _group_columns(),
        rows,
    )


# ---------------------------------------------------------------- coverage board

_BOARD_COLUMNS = (
    SERIAL.column,
    Column("安置点", "", 20),
    Column("网格", "", 14),
    Column("网格员", "", 16),
    Column("户数", "基本情况", 8, INT),
    Column("人数", "基本情况", 8, INT),
    Column("劳动力", "就业", 8, INT),
    Column("已就业", "就业", 8, INT),
    Column("零就业户", "就业", 9, INT),
    Column("监测户", "", 8, INT),
    Column("已走访户", "本月走访", 9, INT),
    Column("走访率", "本月走访", 9, FLOAT, PERCENT_FORMAT),
    Column("未办结", "诉求工单", 8, INT),
    Column("超期", "诉求工单", 8, INT),
    Column("旧房超期未拆", "", 10, INT),
)


def _board_sheet(session: Session, actor: Actor, today: date, clock: Clock) -> SheetSpec:
    result = board.grid_board(session, actor, clock=clock)

    def figures(f: board.Figures) -> list[Any]:
        return [
            f.households,
            f.persons,
            f.labourers,
            f.employed,
            f.zero_employment,
            f.monitored,
            f.visited,
            round(f.visited_share, 4),
            f.open_orders,
            f.overdue_orders,
            f.old_house_overdue,
        ]

    rows: list[list[Any]] = [
        [i, r.site_name, r.name or "未划入网格", "、".join(r.members), *figures(r.figures)]
        for i, r in enumerate(result.rows, start=1)
    ]
    rows.append([None, "合计", "", "", *figures(result.total)])
    return SheetSpec(
        name=result.month,
        title=TITLES[LedgerKind.BOARD],
        note=_note(session, today, f"    月份：{result.month}"),
        columns=_BOARD_COLUMNS,
        rows=rows,
    )


# ---------------------------------------------------------------- the use case


def parse_month(text: str | None, today: date) -> tuple[int, int]:
    if not text:
        return today.year, today.month
    try:
        y, m = (int(p) for p in text.strip().split("-"))
        date(y, m, 1)
    except ValueError:
        raise ValidationError("month_format", field="month") from None
    return y, m


def export_ledger(
    session: Session,
    actor: Actor,
    kind: LedgerKind | str,
    out: Path,
    *,
    selection: Selection | None = None,
    month: str | None = None,
    clock: Clock = system_clock,
    cancel: threading.Event | None = None,
    progress: Progress = NO_PROGRESS,
) -> ExportResult:
    """Write one ledger to ``out`` (read-only: any account, limited to what it may see)."""
    try:
        kind = LedgerKind(kind)
    except ValueError:
        raise ValidationError("unknown_ledger_kind", field="kind", kind=str(kind)) from None
    selection = selection or Selection()
    now = clock.now()
    today = sla.to_china(now).date()
    total = 0
    sheets: Sequence[SheetSpec]
    if kind is LedgerKind.PERSONS:
        total = count_persons(session, actor, selection)
        sheets = [_persons_sheet(session, actor, selection, today)]
    elif kind is LedgerKind.HOUSEHOLDS:
        sheets = [_households_sheet(session, actor, selection, today)]
    elif kind is LedgerKind.EMPLOYMENT:
        sheets = _employment_sheets(session, actor, selection, today)
        if not sheets:
            sheets = [
                SheetSpec("就业台账", TITLES[kind], _note(session, today), _EMPLOYMENT_COLUMNS, [])
            ]
    elif kind is LedgerKind.WORK_ORDERS:
        sheets = [
            _orders_sheet(session, actor, today, now, parse_month(month, today) if month else None)
        ]
    elif kind is LedgerKind.MONITORING:
        sheets = [_monitoring_sheet(session, actor, selection, today, parse_month(month, today))]
    elif kind is LedgerKind.VISITS:
        sheets = [
            _visits_sheet(
                session, actor, selection, today, parse_month(month, today) if month else None
            )
        ]
    elif kind is LedgerKind.OLD_HOUSES:
        sheets = [_old_houses_sheet(session, actor, selection, today)]
    elif kind is LedgerKind.SPECIAL_GROUPS:
        sheets = [_special_groups_sheet(session, actor, selection, today)]
    elif kind is LedgerKind.RETURNING_LABOUR:
        sheets = [_returning_labour_sheet(session, actor, selection, today)]
    elif kind in REGISTER_KINDS:
        from desktop.services import registers

        if kind is LedgerKind.FACILITIES:
            sheets = registers.facilities_sheets(session, actor, today)
        else:
            sheets = registers.register_sheets(
                session, actor, registers.REGISTERS[kind.value], today
            )
    else:
        sheets = [_board_sheet(session, actor, today, clock)]
    rows = write_ledger(Path(out), sheets, total_rows=total, cancel=cancel, progress=progress)
    audit.record(session, actor, audit.EXPORT, kind=kind.value, rows=rows, file=Path(out).name)
    return ExportResult(kind.value, str(out), rows, len(sheets))


# ================================================================ import


class ImportMode(StrEnum):
    VALID_ROWS = "valid_rows"  # take every valid row, list the others
    ALL_OR_NOTHING = "all_or_nothing"  # one bad row and nothing is taken


@dataclass(frozen=True, slots=True)
class RejectedRow:
    sheet: str
    row: int
    column: str  # the header at fault, "" for the whole row
    code: str  # a desktop.messages code
    params: dict[str, Any]


class HouseholdState(StrEnum):
    CREATED = "created"  # 新增
    UPDATED = "updated"  # 更新
    UNCHANGED = "unchanged"  # 无变化
    HELD = "held"  # 暂缓导入: the household itself is at fault, none of its rows taken


@dataclass(frozen=True, slots=True)
class HouseholdOutcome:
    """What became of one household of the file, and because of which rows."""

    code: str
    state: HouseholdState
    sheet: str
    rows: tuple[int, ...]  # every row of the file that names this household
    # the rows left out (a held household: the rows that held it back)
    bad_rows: tuple[int, ...] = ()

    def reason(self) -> tuple[str, dict[str, Any]]:
        """What to know beyond the state, as a desktop.messages code and its parameters
        ("" when every row was taken)."""
        rows = "、".join(str(n) for n in self.bad_rows)
        if self.state is HouseholdState.HELD:
            if not self.bad_rows:
                return "ledger_held_all_or_nothing", {}
            return "ledger_held_because", {"rows": rows}
        if self.bad_rows:
            return "ledger_rows_left_out", {"rows": rows}
        return "", {}


@dataclass(frozen=True, slots=True)
class ImportResult:
    rows: int
    created: int  # households
    updated: int
    unchanged: int
    persons_created: int
    rejected: tuple[RejectedRow, ...]
    applied: bool  # False: all-or-nothing with rejected rows, so nothing was written
    # every household of the file, in file order; HELD ones with the rows at fault
    households: tuple[HouseholdOutcome, ...] = ()
    # the good rows of held households, each saying which rows held it back
    held_rows: tuple[RejectedRow, ...] = ()

    @property
    def held(self) -> int:
        return sum(1 for h in self.households if h.state is HouseholdState.HELD)


_DATE_PATTERNS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%Y-%m-%d %H:%M:%S")
_TRUE = {
    "是",
    "有",
    "已办理",
    "已办",
    "已分配",
    "√",
    "✓",
    "y",
    "yes",
    "true",
    "1",
    "参保",
    "已参保",
}
_FALSE = {"否", "无", "未办理", "未办", "未分配", "×", "n", "no", "false", "0", "未参保", ""}


class _CellError(Exception):
    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


def _to_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 1 < value < 80000:  # an Excel serial number
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    text = str(value).strip()
    for pattern in _DATE_PATTERNS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _CellError("ledger_bad_date", value=text)


def _to_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _CellError("ledger_bad_number", value=str(value))
    if isinstance(value, int | float):
        if float(value) != int(value):
            raise _CellError("ledger_bad_number", value=str(value))
        return int(value)
    text = str(value).strip().replace(",", "").replace("元", "")
    try:
        number = float(text)
    except ValueError:
        raise _CellError("ledger_bad_number", value=str(value)) from None
    if number != int(number):
        raise _CellError("ledger_bad_number", value=str(value))
    return int(number)


def _to_bool(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text == "":
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _CellError("ledger_bad_yes_no", value=str(value))


def _to_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # phone numbers and room numbers typed as numbers
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _convert(f: Field, value: Any, reverse_tables: dict[str, dict[str, str]]) -> Any:
    """A cell as the field's value; None: blank (keep what is there)."""
    if f.multi:
        text = _to_text(value)
        if text == "":
            return None
        table = reverse_tables[f.enum]
        parts = [p.strip() for p in re.split(r"[、,，;；]", text) if p.strip()]
        for part in parts:
            if part not in table:
                raise _CellError("ledger_bad_choice", value=part)
        return tuple(dict.fromkeys(table[p] for p in parts))
    if f.boolean:
        return _to_bool(value)
    if f.column.kind == DATE:
        return _to_date(value)
    if f.column.kind in (INT, MONEY):
        return _to_int(value)
    text = _to_text(value)
    if text == "":
        return None
    if f.enum:
        table = reverse_tables[f.enum]
        if text not in table:
            raise _CellError("ledger_bad_choice", value=text)
        return table[text]
    return text


@dataclass(slots=True)
class _Row:
    sheet: str
    number: int
    household: dict[str, Any]
    person: dict[str, Any]
    headers: dict[tuple[str, str], str]  # match -> printed header, for reasons


@dataclass(slots=True)
class _Places:
    sites: dict[str, str]  # name or code -> id
    grids: dict[tuple[str, str], str]  # (site id, name) or ("", code) -> id
    buildings: dict[tuple[str, str], str]
    building_grid: dict[str, str | None]


def _places(session: Session) -> _Places:
    sites: dict[str, str] = {}
    for sid, code, name in session.execute(
        select(Site.id, Site.code, Site.name).where(Site.deleted.is_(False))
    ):
        sites[code] = sid
        sites[name] = sid
    grids: dict[tuple[str, str], str] = {}
    for gid, site_id, code, name in session.execute(
        select(Grid.id, Grid.site_id, Grid.code, Grid.name).where(Grid.deleted.is_(False))
    ):
        grids[("", code)] = gid
        grids[(site_id, name)] = gid
    buildings: dict[tuple[str, str], str] = {}
    building_grid: dict[str, str | None] = {}
    for bid, site_id, code, name, b_grid in session.execute(
        select(Building.id, Building.site_id, Building.code, Building.name, Building.grid_id).where(
            Building.deleted.is_(False)
        )
    ):
        buildings[("", code)] = bid
        buildings[(site_id, name)] = bid
        building_grid[bid] = b_grid
    return _Places(sites, grids, buildings, building_grid)


def _read_rows(
    parsed: Any,  # desktop.reports.ledger_import.ParsedLedger
    mappings: dict[str, dict[int, tuple[str, str] | None]] | None,
    rejected: list[RejectedRow],
    bad: dict[str, list[tuple[str, int]]],
) -> list[_Row]:
    """The rows that read cleanly; a row with a cell that does not is listed in
    ``rejected`` and, when its household code could be read, noted in ``bad``."""
    reverse_tables = {kind: L.reverse(kind) for kind in L.ENUM_LABELS}
    rows: list[_Row] = []
    for sheet in parsed.sheets:
        mapping = (mappings or {}).get(sheet.name)
        if mapping is None:
            mapping = {c.index: c.match for c in sheet.columns}
        headers_by_index = {c.index: c.header for c in sheet.columns}
        active = [
            (i, m, FIELDS_BY_KEY[m])
            for i, m in sorted(mapping.items())
            if m is not None and m in FIELDS_BY_KEY and m[1] not in DERIVED
        ]
        headers = {m: headers_by_index.get(i, "") for i, m, _ in active}
        for number, values in sheet.rows:
            household: dict[str, Any] = {}
            person: dict[str, Any] = {}
            row_bad = False
            for i, (scope, key), f in active:
                raw = values[i] if i < len(values) else None
                try:
                    if key == "resident_id" and isinstance(raw, int | float):
                        # an ID cell Excel holds as a number has lost its last three digits
                        raise _CellError("id_excel_number", value=format(float(raw), ".14E"))
                    value = _convert(f, raw, reverse_tables)
                except _CellError as exc:
                    rejected.append(
                        RejectedRow(sheet.name, number, headers[(scope, key)], exc.code, exc.params)
                    )
                    row_bad = True
                    continue
                if scope == "household":
                    household[key] = value
                else:
                    if scope == "head" and key == "name":
                        person["relation"] = "head"
                    person[key] = value
            if not row_bad:
                rows.append(_Row(sheet.name, number, household, person, headers))
            elif household.get("code"):
                bad.setdefault(str(household["code"]), []).append((sheet.name, number))
    return rows


def _reject(
    rejected: list[RejectedRow], row: _Row, match: tuple[str, str] | None, code: str, **params: Any
) -> None:
    header = row.headers.get(match, "") if match else ""
    if not header and match and match[0] == "person":
        header = row.headers.get(("head", match[1]), "")
    rejected.append(RejectedRow(row.sheet, row.number, header, code, params))


_MEMBER_FIELD_RE = re.compile(r"^members\[(\d+)\]\.(\w+)$")


def import_ledger(
    session: Session,
    actor: Actor,
    parsed: Any,
    *,
    mappings: dict[str, dict[int, tuple[str, str] | None]] | None = None,
    mode: ImportMode = ImportMode.VALID_ROWS,
    today: date | None = None,
    cancel: threading.Event | None = None,
    progress: Progress = NO_PROGRESS,
) -> ImportResult:
    """Bring a ledger's households and persons into the township.

    Households are matched by their code and persons by resident ID within the
    household, so importing a file again creates nothing twice.  Blank cells
    keep what is there; persons not in the file are kept.  Every row goes
    through the household form's own rules (:func:`survey.save_household`).
    A bad row never takes its household's good rows down with it: a row
    whose cell does not read, whose resident ID is wrong, or whose member the
    form's rules refuse is left out and listed, and the household is saved
    with its other rows (a refused member keeps what was stored before).
    Only a fault of the household itself (an unknown site or grid, a grid
    outside the user's, no head left) holds the whole household back, and
    then each of its other rows says so.  ``households`` in the result names
    every household of the file: created, updated, unchanged (each with the
    rows left out, if any) or held back and because of which rows.  Each
    household is saved in a savepoint; with ``ALL_OR_NOTHING`` any refused
    row rolls everything back.  The caller's transaction decides the rest (a
    dry run is the caller rolling back).
    """
    actor.require_write()
    today = today or date.today()
    rejected: list[RejectedRow] = []
    bad: dict[str, list[tuple[str, int]]] = {}
    rows = _read_rows(parsed, mappings, rejected, bad)
    places = _places(session)
    created = updated = unchanged = persons_created = 0

    # Group by household code, in file order; check IDs and places row by row.
    groups: dict[str, list[_Row]] = {}
    order: list[str] = []  # every household code of the file, in file order
    for row in rows:
        code = row.household.get("code")
        if not code:
            _reject(rejected, row, ("household", "code"), "ledger_code_missing")
            continue
        code = str(code)
        if code not in order:
            order.append(code)
        number = row.person.get("resident_id")
        if number is not None:
            try:
                row.person["resident_id"] = rid_mod.parse(str(number), today=today).number
            except rid_mod.ResidentIdError as exc:
                _reject(rejected, row, ("person", "resident_id"), exc.code, **exc.params)
                bad.setdefault(code, []).append((row.sheet, row.number))
                continue
        elif row.person.get("name"):
            _reject(rejected, row, ("person", "resident_id"), "id_empty")
            bad.setdefault(code, []).append((row.sheet, row.number))
            continue
        groups.setdefault(code, []).append(row)
    for code in bad:
        if code not in order:
            order.append(code)

    outcomes: dict[str, HouseholdOutcome] = {}
    held_rows: list[RejectedRow] = []
    outer = session.begin_nested()
    total = len(order)
    for done, code in enumerate(order, start=1):
        if cancel is not None and cancel.is_set():
            outer.rollback()
            raise Cancelled()
        if done % 50 == 0 or done == total:
            progress(done, total)
        group = groups.get(code, [])
        faults = {(sheet, number) for sheet, number in bad.get(code, [])}
        before = len(rejected)
        if group:
            result, new_persons = _import_group(
                session, actor, code, group, places, today, rejected
            )
        else:
            result, new_persons = "rejected", 0  # every row of it was bad
        faults |= {(r.sheet, r.row) for r in rejected[before:]}
        fault_numbers = tuple(sorted(number for _sheet, number in faults))
        numbers = tuple(sorted({*fault_numbers, *(r.number for r in group)}))
        sheet = group[0].sheet if group else next(iter(faults))[0]
        if result == "rejected":
            outcomes[code] = HouseholdOutcome(
                code, HouseholdState.HELD, sheet, numbers, fault_numbers
            )
            listed = "、".join(str(n) for n in fault_numbers)
            for row in group:
                if row.number not in fault_numbers:
                    held_rows.append(
                        RejectedRow(
                            row.sheet,
                            row.number,
                            "",
                            "ledger_household_held",
                            {"household": code, "rows": listed},
                        )
                    )
            continue
        outcomes[code] = HouseholdOutcome(
            code, HouseholdState(result), sheet, numbers, fault_numbers
        )
        if result == "created":
            created += 1
        elif result == "updated":
            updated += 1
        elif result == "unchanged":
            unchanged += 1
        persons_created += new_persons

    applied = not (mode is ImportMode.ALL_OR_NOTHING and rejected)
    households = [outcomes[code] for code in order]
    if applied:
        outer.commit()
    else:
        outer.rollback()
        created = updated = unchanged = persons_created = 0
        households = [replace(h, state=HouseholdState.HELD) for h in households]
    rejected.sort(key=lambda r: (r.sheet, r.row))
    held_rows.sort(key=lambda r: (r.sheet, r.row))
    audit.record(
        session, actor, audit.IMPORT, file=Path(str(parsed.path)).name, created=created,
        updated=updated, rejected=len(rejected), applied=applied,
    )  # fmt: skip
    return ImportResult(
        rows=parsed.row_count,
        created=created,
        updated=updated,
        unchanged=unchanged,
        persons_created=persons_created,
        rejected=tuple(rejected),
        applied=applied,
        households=tuple(households),
        held_rows=tuple(held_rows),
    )


_HOUSEHOLD_INPUT_KEYS = (
    "unit",
    "room",
    "origin_village",
    "move_in_date",
    "keys_handed_on",
    "category",
    "old_house_status",
    "old_house_hazard",
    "old_house_demolished_on",
    "old_house_reclaimed_on",
    "old_house_note",
    "property_certificate",
    "vegetable_plot",
    "income_industry",
    "cadre_name",
    "cadre_phone",
)
_MEMBER_INPUT_KEYS = (
    "name",
    "relation",
    "ethnicity",
    "education",
    "health",
    "disability_grade",
    "labour",
    "schooling",
    "employment",
    "employment_place",
    "employer",
    "monthly_income",
    "employed_since",
    "skills",
    "training_wish",
    "medical_insurance",
    "pension_insurance",
    "dibao",
    "tekun",
    "phone",
    "special_groups",
)


def _import_group(
    session: Session,
    actor: Actor,
    code: str,
    group: list[_Row],
    places: _Places,
    today: date,
    rejected: list[RejectedRow],
) -> tuple[str, int]:
    """Save one household's rows; return "created", "updated", "unchanged" or "rejected"
    and how many persons it added.  A member the form's rules refuse is left out
    (listed in ``rejected``) and the household saved without that row's changes."""
    existing_id = session.scalar(
        select(Household.id).where(Household.code == code, Household.deleted.is_(False))
    )
    try:
        base = survey.household_input(session, actor, existing_id) if existing_id else None
    except DomainError as exc:
        for row in group:
            _reject(rejected, row, None, exc.code, **exc.params)
        return "rejected", 0

    # Household fields: the first row that gives each one.
    values: dict[str, Any] = {}
    for row in group:
        for key, value in row.household.items():
            if value is not None and key not in values:
                values[key] = value

    site_id = base.site_id if base else ""
    if "site" in values:
        site_id = places.sites.get(values["site"], "")
        if not site_id:
            for row in group:
                _reject(
                    rejected, row, ("household", "site"), "unknown_site_name", name=values["site"]
                )
            return "rejected", 0
    if not site_id:
        for row in group:
            _reject(rejected, row, ("household", "site"), "ledger_site_missing")
        return "rejected", 0
    grid_id = base.grid_id if base else None
    if "grid" in values:
        grid_id = places.grids.get((site_id, values["grid"])) or places.grids.get(
            ("", values["grid"])
        )
        if grid_id is None:
            for row in group:
                _reject(
                    rejected, row, ("household", "grid"), "unknown_grid_name", name=values["grid"]
                )
            return "rejected", 0
    building_id = base.building_id if base else None
    if "building" in values:
        building_id = places.buildings.get((site_id, values["building"])) or places.buildings.get(
            ("", values["building"])
        )
        if building_id is None:
            for row in group:
                _reject(
                    rejected,
                    row,
                    ("household", "building"),
                    "unknown_building_name",
                    name=values["building"],
                )
            return "rejected", 0

    if building_id is not None and places.building_grid.get(building_id):
        grid_id = places.building_grid[building_id]  # a flat's grid is its building's
    h_changes = {k: values[k] for k in _HOUSEHOLD_INPUT_KEYS if k in values}
    if "household_phone" in values:
        h_changes["phone"] = values["household_phone"]
    data = (
        base if base is not None else survey.HouseholdInput(site_id=site_id, members=(), code=code)
    )
    data = replace(data, site_id=site_id, grid_id=grid_id, building_id=building_id, **h_changes)

    # Members: matched by resident ID within the household; the file's order for new ones.
    members = list(data.members)
    by_id = {m.resident_id: i for i, m in enumerate(members)}
    row_of_member: dict[int, _Row] = {}
    seen: set[str] = set()
    new_members = 0
    for row in group:
        p = row.person
        number = p.get("resident_id")
        if number is None:
            continue
        if number in seen:
            _reject(rejected, row, ("person", "resident_id"), "ledger_duplicate_person", id=number)
            continue
        seen.add(number)
        changes = {k: p[k] for k in _MEMBER_INPUT_KEYS if p.get(k) is not None}
        if number in by_id:
            i = by_id[number]
            members[i] = replace(members[i], **changes)
        else:
            if not changes.get("name"):
                _reject(rejected, row, ("person", "name"), "required")
                continue
            changes.setdefault("relation", "other")
            members.append(survey.MemberInput(resident_id=number, **changes))
            i = len(members) - 1
            by_id[number] = i
            new_members += 1
        row_of_member[i] = row
    data = replace(data, members=tuple(members))
    base_members = {m.resident_id: m for m in base.members} if base is not None else {}
    left_out = False  # some rows were left out already: what fails now follows from that
    while True:
        if base is not None and data == base:
            return "unchanged", 0
        savepoint = session.begin_nested()
        try:
            survey.save_household(session, actor, data, today=today)
        except ValidationErrors as exc:
            savepoint.rollback()
            refused: set[int] = set()
            household_level = []
            for err in exc.errors:
                m = _MEMBER_FIELD_RE.match(err.field or "")
                if m and int(m.group(1)) in row_of_member:
                    index = int(m.group(1))
                    _reject(
                        rejected,
                        row_of_member[index],
                        ("person", m.group(2)),
                        err.code,
                        **err.params,
                    )
                    refused.add(index)
                else:
                    household_level.append(err)
            if household_level or not refused:
                # a household left without its head because its head's row was refused
                # is held back for that row, not for a second fault of its own
                for err in [] if left_out else household_level:
                    key = (err.field or "").split(".")[0]
                    for row in group:
                        _reject(rejected, row, ("household", key), err.code, **err.params)
                return "rejected", 0
            # leave the refused rows out: a member keeps what was stored, a new one is not added
            kept: list[survey.MemberInput] = []
            rows_now: dict[int, _Row] = {}
            for index, member in enumerate(data.members):
                if index in refused:
                    stored = base_members.get(member.resident_id)
                    if stored is None:
                        new_members -= 1
                        continue
                    member = stored
                elif index in row_of_member:
                    rows_now[len(kept)] = row_of_member[index]
                kept.append(member)
            row_of_member = rows_now
            data = replace(data, members=tuple(kept))
            left_out = True
            continue
        except DomainError as exc:
            savepoint.rollback()
            for row in group:
                _reject(rejected, row, None, exc.code, **exc.params)
            return "rejected", 0
        break
    savepoint.commit()
    return ("created" if base is None else "updated"), new_members
