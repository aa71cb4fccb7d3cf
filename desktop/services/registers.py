"""Registers kept beside the households, out to Excel and back in: the job menu
(就业岗位菜单), the site assets with the share in use (资产台账, Guizhou's 80 %),
the projects and help workshops with the jobs they provide, and each site's
facilities checklist (五通… as the profile names it).

Each register is one spec: its columns (printed header, record field, kind),
the code that finds a row again, and the model.  Export writes the spec's
columns; import reads a workbook written in that layout (found by its title
in the first row), finds each row by its code and updates it, creates the
rows it does not find, and lists with row numbers the rows it cannot take.
A file exported and imported again changes nothing.

Decisions, and why:

- A row is found by its code within the township; the site by its name or code.
- Blank cells keep what is there, as the household ledger does.
- The facilities register is found by (site, item) instead of a code; an item
  the profile does not list is refused, as on the site page.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import coverage, sla
from desktop.domain.errors import ValidationError
from desktop.reports import labels as L
from desktop.reports.files import NO_PROGRESS, Progress
from desktop.reports.ledgers import (
    DATE,
    FLOAT,
    INT,
    MONEY,
    PERCENT_FORMAT,
    TEXT,
    Column,
    SheetSpec,
    write_ledger,
)
from desktop.services import audit, township
from desktop.services.actor import Actor
from desktop.services.clock import Clock, system_clock
from desktop.store.models import Site
from desktop.store.models_registers import JobVacancy, SiteAsset, SupportProject


@dataclass(frozen=True, slots=True)
class RegisterField:
    key: str  # the model's attribute; "site" is the site's name
    header: str
    kind: str = TEXT  # TEXT, INT, MONEY, DATE, "bool" or "enum:<labels kind>"
    width: float = 12


@dataclass(frozen=True, slots=True)
class Register:
    kind: str
    title: str
    sheet: str
    model: type[Any]
    fields: tuple[RegisterField, ...]

    @property
    def code_header(self) -> str:
        return self.fields[0].header


JOBS = Register(
    "jobs",
    "就业岗位菜单",
    "岗位",
    JobVacancy,
    (
        RegisterField("code", "岗位编号", width=12),
        RegisterField("site", "安置点", width=20),
        RegisterField("employer", "用工单位", width=22),
        RegisterField("position", "岗位名称", width=16),
        RegisterField("openings", "招聘人数", INT, 8),
        RegisterField("monthly_wage", "月薪（元）", MONEY, 10),
        RegisterField("place", "工作地点", width=16),
        RegisterField("contact", "联系人", width=10),
        RegisterField("phone", "联系电话", width=14),
        RegisterField("posted_on", "发布日期", DATE, 12),
        RegisterField("valid_until", "截止日期", DATE, 12),
        RegisterField("note", "备注", width=20),
    ),
)
ASSETS = Register(
    "assets",
    "安置区资产管理台账（商铺门面、车库、农贸市场等）",
    "资产",
    SiteAsset,
    (
        RegisterField("code", "资产编号", width=12),
        RegisterField("site", "安置点", width=20),
        RegisterField("kind", "资产类别", "enum:asset", 12),
        RegisterField("name", "资产名称", width=18),
        RegisterField("area", "面积（平方米）", INT, 10),
        RegisterField("in_use", "是否盘活", "bool", 8),
        RegisterField("user", "使用或承租方", width=18),
        RegisterField("yearly_income", "年收益（元）", MONEY, 12),
        RegisterField("note", "备注", width=20),
    ),
)
PROJECTS = Register(
    "projects",
    "后续扶持产业项目和帮扶车间台账",
    "项目",
    SupportProject,
    (
        RegisterField("code", "项目编号", width=12),
        RegisterField("site", "安置点", width=20),
        RegisterField("kind", "类别", "enum:project", 10),
        RegisterField("name", "项目名称", width=22),
        RegisterField("operator", "经营主体", width=20),
        RegisterField("started_on", "投产日期", DATE, 12),
        RegisterField("investment", "投资额（元）", MONEY, 12),
        RegisterField("jobs", "提供岗位数", INT, 10),
        RegisterField("relocated_jobs", "吸纳搬迁群众就业人数", INT, 12),
        RegisterField("note", "备注", width=20),
    ),
)
REGISTERS: dict[str, Register] = {r.kind: r for r in (JOBS, ASSETS, PROJECTS)}
FACILITIES_TITLE = "安置点配套设施台账"
VISITS_TITLE = "走访台账"


def _note(session: Session, today: date, extra: str = "") -> str:
    info = township.township_info(session)
    unit = f"{info.county_name}{info.township_name}" if info else ""
    return f"填报单位：{unit}    截至：{today.year}年{today.month}月{today.day}日{extra}"


def _column(f: RegisterField) -> Column:
    kind = f.kind if f.kind in (TEXT, INT, MONEY, DATE) else TEXT
    return Column(f.header, "", f.width, kind)


def _sites(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    """(id -> name, name or code -> id) of the live sites."""
    names: dict[str, str] = {}
    ids: dict[str, str] = {}
    for sid, code, name in session.execute(
        select(Site.id, Site.code, Site.name).where(Site.deleted.is_(False))
    ):
        names[sid] = name
        ids[name] = ids[code] = sid
    return names, ids


def _out(f: RegisterField, row: Any, site_names: dict[str, str]) -> Any:
    if f.key == "site":
        return site_names.get(row.site_id or "", "")
    value = getattr(row, f.key)
    if f.kind == "bool":
        return L.yes_no(bool(value))
    if f.kind.startswith("enum:"):
        return L.label(f.kind[5:], value)
    return value


def _visible_sites(session: Session, actor: Actor) -> set[str] | None:
    """Sites a grid member may see (those of their grids); None: every site."""
    if actor.sees_everything:
        return None
    from desktop.store.models import Grid

    return set(
        session.scalars(
            select(Grid.site_id).where(actor.grid_filter(Grid.id), Grid.deleted.is_(False))
        )
    )


def register_sheets(
    session: Session, actor: Actor, register: Register, today: date
) -> list[SheetSpec]:
    site_names, _ = _sites(session)
    visible = _visible_sites(session, actor)
    rows = [
        r
        for r in session.scalars(
            select(register.model)
            .where(register.model.deleted.is_(False))
            .order_by(register.model.code, register.model.created_at)
        )
        if visible is None or r.site_id in visible
    ]
    data = [[i, *(_out(f, r, site_names) for f in register.fields)] for i, r in enumerate(rows, 1)]
    sheets = [
        SheetSpec(
            register.sheet,
            register.title,
            _note(session, today),
            (Column("序号", "", 6, INT), *(_column(f) for f in register.fields)),
            data,
        )
    ]
    if register is ASSETS:
        sheets.append(_asset_share_sheet(session, rows, site_names, today))
    return sheets


def _asset_share_sheet(
    session: Session, rows: Sequence[SiteAsset], site_names: dict[str, str], today: date
) -> SheetSpec:
    """Per site: assets, those in use, the share against the profile's target (Guizhou 80 %)."""
    target = township.policy(session).site.assets_in_use_target
    by_site: dict[str, list[SiteAsset]] = {}
    for r in rows:
        by_site.setdefault(r.site_id or "", []).append(r)
    out = []
    for i, (site_id, assets) in enumerate(
        sorted(by_site.items(), key=lambda kv: site_names.get(kv[0], "")), 1
    ):
        used = sum(1 for a in assets if a.in_use)
        share = coverage.share(used, len(assets))
        verdict = "" if not target else ("达标" if share >= target else "未达标")
        out.append(
            [
                i,
                site_names.get(site_id, ""),
                len(assets),
                used,
                round(share, 4),
                target or None,
                verdict,
            ]
        )
    return SheetSpec(
        "盘活率",
        "安置区资产盘活情况",
        _note(session, today, f"    目标盘活率：{round(target * 100)}%" if target else ""),
        (
            Column("序号", "", 6, INT),
            Column("安置点", "", 22),
            Column("资产数", "", 8, INT),
            Column("已盘活", "", 8, INT),
            Column("盘活率", "", 9, FLOAT, PERCENT_FORMAT),
            Column("目标", "", 9, FLOAT, PERCENT_FORMAT),
            Column("是否达标", "", 9),
        ),
        out,
    )


def facilities_sheets(session: Session, actor: Actor, today: date) -> list[SheetSpec]:
    profile = township.policy(session)
    visible = _visible_sites(session, actor)
    rows = []
    serial = 0
    for site in session.scalars(select(Site).where(Site.deleted.is_(False)).order_by(Site.code)):
        if visible is not None and site.id not in visible:
            continue
        for item in coverage.facilities_checklist(profile.site, site.facilities or {}):
            serial += 1
            rows.append(
                [
                    serial,
                    site.name,
                    profile.site.facilities_standard,
                    item.name,
                    L.yes_no(item.met),
                    item.note,
                ]
            )
    return [
        SheetSpec(
            "配套设施",
            FACILITIES_TITLE,
            _note(
                session,
                today,
                f"    建设标准：{profile.site.facilities_standard or '（文件未规定）'}",
            ),
            (
                Column("序号", "", 6, INT),
                Column("安置点", "", 22),
                Column("建设标准", "", 16),
                Column("项目", "", 26),
                Column("是否达标", "", 9),
                Column("备注", "", 24),
            ),
            rows,
        )
    ]


def export_register(
    session: Session,
    actor: Actor,
    kind: str,
    out: Path,
    *,
    clock: Clock = system_clock,
    cancel: threading.Event | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    today = sla.to_china(clock.now()).date()
    if kind == "facilities":
        sheets = facilities_sheets(session, actor, today)
    else:
        sheets = register_sheets(session, actor, REGISTERS[kind], today)
    rows = write_ledger(Path(out), sheets, cancel=cancel, progress=progress)
    audit.record(session, actor, audit.EXPORT, kind=kind, rows=rows, file=Path(out).name)
    return rows


# ================================================================ import


@dataclass(frozen=True, slots=True)
class RegisterRejected:
    sheet: str
    row: int
    column: str
    code: str
    params: dict[str, Any]


@dataclass(frozen=True, slots=True)
class RegisterImport:
    kind: str
    created: int
    updated: int
    unchanged: int
    rejected: tuple[RegisterRejected, ...]


def register_kind_of(path: Path) -> str | None:
    """The register a workbook holds, from its title in the first row; None: not a register."""
    from desktop.reports.ledger_import import open_workbook

    try:
        wb = open_workbook(path)
    except Exception:  # not ours to judge here: the household import says what is wrong
        return None
    try:
        title = next(wb.worksheets[0].iter_rows(max_row=1, values_only=True), (None,))[0]
    finally:
        wb.close()
    if title == FACILITIES_TITLE:
        return "facilities"
    if title == VISITS_TITLE:
        return "visits"
    for register in REGISTERS.values():
        if title == register.title:
            return register.kind
    return None


def _rows(path: Path, headers: Sequence[str]) -> list[tuple[int, dict[str, Any]]]:
    """The data rows of the first sheet, by header (the header row is found by its titles)."""
    from desktop.reports.ledger_import import MAX_ROWS, open_workbook

    wb = open_workbook(path)
    try:
        ws = wb.worksheets[0]
        out: list[tuple[int, dict[str, Any]]] = []
        columns: dict[int, str] | None = None
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if columns is None:
                found = {
                    i: str(v).strip()
                    for i, v in enumerate(values)
                    if v is not None and str(v).strip() in headers
                }
                if len(found) >= 2:
                    columns = found
                continue
            if not any(v is not None and str(v).strip() for v in values):
                continue
            out.append(
                (number, {h: values[i] if i < len(values) else None for i, h in columns.items()})
            )
            if len(out) > MAX_ROWS:
                raise ValidationError(
                    "ledger_too_many_rows", field="file", path=str(path), max=MAX_ROWS
                )
        return out
    finally:
        wb.close()


def _convert(f: RegisterField, raw: Any) -> Any:
    """A cell as the field's value; None: blank.  Raises ValidationError with a message code."""
    from desktop.services.ledgers import _CellError, _to_bool, _to_date, _to_int, _to_text

    try:
        if f.kind == "bool":
            return _to_bool(raw)
        if f.kind == DATE:
            return _to_date(raw)
        if f.kind in (INT, MONEY):
            number = _to_int(raw)
            if number is not None and number < 0:
                raise _CellError("ledger_bad_number", value=str(raw))
            return number
        text = _to_text(raw)
        if text == "":
            return None
        if f.kind.startswith("enum:"):
            table = L.reverse(f.kind[5:])
            if text not in table:
                raise _CellError("ledger_bad_choice", value=text)
            return table[text]
        return text
    except _CellError as exc:
        raise ValidationError(exc.code, field=f.key, **exc.params) from None


def import_register(
    session: Session, actor: Actor, path: Path, *, kind: str | None = None
) -> RegisterImport:
    """Bring a register workbook in: one transaction (the caller's); bad rows listed."""
    actor.require_write()
    audit.record(session, actor, audit.IMPORT, file=Path(path).name, register=kind or "")
    kind = kind or register_kind_of(path)
    if kind is None:
        raise ValidationError("ledger_no_header", field="file", path=str(path))
    if kind == "facilities":
        return _import_facilities(session, actor, path)
    if kind == "visits":
        return _import_visits(session, actor, path)
    register = REGISTERS[kind]
    _, site_ids = _sites(session)
    by_code: dict[str, Any] = {}
    for row in session.scalars(select(register.model).where(register.model.deleted.is_(False))):
        by_code.setdefault(row.code, row)
    created = updated = unchanged = 0
    rejected: list[RegisterRejected] = []
    for number, cells in _rows(path, [f.header for f in register.fields]):
        values: dict[str, Any] = {}
        bad = False
        for f in register.fields:
            if f.header not in cells:
                continue
            try:
                value = _convert(f, cells[f.header])
            except ValidationError as exc:
                rejected.append(
                    RegisterRejected(register.sheet, number, f.header, exc.code, exc.params)
                )
                bad = True
                continue
            if value is None:
                continue
            if f.key == "site":
                site_id = site_ids.get(str(value))
                if site_id is None:
                    rejected.append(
                        RegisterRejected(
                            register.sheet, number, f.header, "unknown_site_name", {"name": value}
                        )
                    )
                    bad = True
                    continue
                values["site_id"] = site_id
            else:
                values[f.key] = value
        if bad:
            continue
        code = values.get("code")
        if not code:
            rejected.append(
                RegisterRejected(register.sheet, number, register.code_header, "required", {})
            )
            continue
        row = by_code.get(code)
        if row is None:
            missing = [
                f.header
                for f in register.fields
                if f.key in _REQUIRED.get(kind, ()) and f.key not in values
            ]
            if missing:
                rejected.append(
                    RegisterRejected(register.sheet, number, missing[0], "required", {})
                )
                continue
            row = register.model(created_by=actor.user_id, updated_by=actor.user_id, **values)
            session.add(row)
            by_code[code] = row
            created += 1
            continue
        if all(getattr(row, k) == v for k, v in values.items()):
            unchanged += 1
            continue
        for k, v in values.items():
            setattr(row, k, v)
        row.updated_by = actor.user_id
        updated += 1
    session.flush()
    return RegisterImport(kind, created, updated, unchanged, tuple(rejected))


_REQUIRED: dict[str, tuple[str, ...]] = {
    "jobs": ("employer", "position"),
    "assets": ("kind", "name"),
    "projects": ("kind", "name"),
}


def _import_visits(session: Session, actor: Actor, path: Path) -> RegisterImport:
    """Visits found by household, date and way of visiting; a new one is recorded
    through the visit form's own rules (date, kind and notes: the ledger keeps no more)."""
    from desktop.domain.validation import ValidationErrors
    from desktop.services import survey
    from desktop.store.models import Household, Visit

    created = unchanged = updated = 0
    rejected: list[RegisterRejected] = []
    codes = dict(
        session.execute(
            select(Household.code, Household.id).where(Household.deleted.is_(False))
        ).all()
    )
    kinds = L.reverse("visit_kind")
    day_field = RegisterField("visited_on", "走访日期", DATE)
    for number, cells in _rows(path, ["户编号", "走访日期", "走访方式", "备注"]):
        hid = codes.get(str(cells.get("户编号") or "").strip())
        if hid is None:
            rejected.append(
                RegisterRejected("走访", number, "户编号", "not_found", {"field": "户编号"})
            )
            continue
        try:
            day = _convert(day_field, cells.get("走访日期"))
        except ValidationError as exc:
            rejected.append(RegisterRejected("走访", number, "走访日期", exc.code, exc.params))
            continue
        kind = kinds.get(str(cells.get("走访方式") or "").strip())
        if day is None or kind is None:
            column = "走访日期" if day is None else "走访方式"
            rejected.append(RegisterRejected("走访", number, column, "required", {}))
            continue
        notes = str(cells.get("备注") or "").strip()
        existing = session.scalars(
            select(Visit).where(
                Visit.household_id == hid,
                Visit.visited_on == day,
                Visit.kind == kind,
                Visit.deleted.is_(False),
            )
        ).first()
        if existing is not None:
            if not notes or existing.notes == notes:
                unchanged += 1
            else:
                existing.notes = notes
                existing.updated_by = actor.user_id
                updated += 1
            continue
        savepoint = session.begin_nested()
        try:
            survey.record_visit(
                session,
                actor,
                survey.VisitInput(household_id=hid, visited_on=day, kind=kind, notes=notes),
            )
        except ValidationErrors as exc:
            savepoint.rollback()
            for err in exc.errors:
                rejected.append(RegisterRejected("走访", number, "", err.code, err.params))
            continue
        except ValidationError as exc:
            savepoint.rollback()
            rejected.append(RegisterRejected("走访", number, "", exc.code, exc.params))
            continue
        savepoint.commit()
        created += 1
    session.flush()
    return RegisterImport("visits", created, updated, unchanged, tuple(rejected))


def _import_facilities(session: Session, actor: Actor, path: Path) -> RegisterImport:
    actor.require_admin()
    profile = township.policy(session)
    _, site_ids = _sites(session)
    created = updated = unchanged = 0
    rejected: list[RegisterRejected] = []
    sites: dict[str, Site] = {}
    for number, cells in _rows(path, ["安置点", "项目", "是否达标", "备注"]):
        site_id = site_ids.get(str(cells.get("安置点") or "").strip())
        item = str(cells.get("项目") or "").strip()
        if site_id is None:
            rejected.append(
                RegisterRejected(
                    "配套设施", number, "安置点", "unknown_site_name", {"name": cells.get("安置点")}
                )
            )
            continue
        if item not in profile.site.facilities:
            rejected.append(
                RegisterRejected("配套设施", number, "项目", "facility_unknown", {"item": item})
            )
            continue
        try:
            met = _convert(RegisterField("met", "是否达标", "bool"), cells.get("是否达标"))
        except ValidationError as exc:
            rejected.append(RegisterRejected("配套设施", number, "是否达标", exc.code, exc.params))
            continue
        note = str(cells.get("备注") or "").strip()
        site = sites.get(site_id) or session.get(Site, site_id)
        assert site is not None
        sites[site_id] = site
        current = dict(site.facilities or {})
        before = current.get(item)
        entry = {"met": bool(met), "note": note}
        # an item never ticked reads as "not met, no note", as the export prints it
        was = before if isinstance(before, dict) else {"met": bool(before), "note": ""}
        if {"met": bool(was.get("met")), "note": str(was.get("note", ""))} == entry:
            unchanged += 1
            continue
        current[item] = entry
        site.facilities = current
        site.updated_by = actor.user_id
        if before is None:
            created += 1
        else:
            updated += 1
    session.flush()
    return RegisterImport("facilities", created, updated, unchanged, tuple(rejected))


def summary_counts(result: RegisterImport) -> dict[str, int]:
    return {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
