"""The workspace's pages.  Each view opens one transaction through the county's
functions (reads) or calls the county's own operations (writes: a transfer, a
revocation, a publication), as the command line does; see :mod:`server.web`."""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods
from sqlalchemy import func, select

from desktop.domain import sla
from desktop.domain.enums import OrderCategory
from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.resident_id import mask
from desktop.messages import error_message
from desktop.reports.labels import ENUM_LABELS
from desktop.store.base import utcnow
from desktop.sync.device import Enrolment
from server import accounts, overview, workspace
from server.county import County, create_enrolment
from server.ledgers import KINDS, export_county_ledger
from server.models import (
    CountyRecord,
    RptGrid,
    RptHousehold,
    RptPerson,
    RptSite,
    RptVisit,
    RptWorkOrder,
)
from server.publish import check_holiday_text, check_policy_text
from server.reporting import _profiles

STAGE_NAMES = {
    "respond": "回应（3分钟）",
    "arrive": "到达现场（3小时）",
    "resolve": "解决或答复（3天）",
}
PUBLIC = ("/login/",)


def _county(request: HttpRequest) -> County:
    return request.META["anju.county"]  # type: ignore[no-any-return]


def _now() -> datetime:
    return utcnow()


def label(kind: str, value: str) -> str:
    return ENUM_LABELS.get(kind, {}).get(value, value)  # type: ignore[call-overload,no-any-return]


# ---------------------------------------------------------------- accounts


class AccountMiddleware:
    """Who is signed in (``request.account``); anyone else is sent to the login page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        account = None
        account_id = request.session.get("account_id")
        if account_id:
            with _county(request).sessions.begin() as s:
                account = accounts.account(s, str(account_id))
        request.account = account  # type: ignore[attr-defined]
        if account is None and request.path not in PUBLIC:
            return HttpResponseRedirect("/login/?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)


def workspace_context(request: HttpRequest) -> dict[str, Any]:
    account = getattr(request, "account", None)
    nav = []
    if account is not None:
        for url, name, right in (
            ("/", "总览", "overview"),
            ("/ledgers/", "台账", "ledgers"),
            ("/hotline/", "12345 热线", "hotline"),
            ("/devices/", "设备", "devices"),
            ("/publish/", "发布规则", "publish"),
            ("/conflicts/", "冲突", "conflicts"),
        ):
            if account.may(right):
                active = request.path == url or (url != "/" and request.path.startswith(url))
                nav.append({"url": url, "name": name, "active": active})
    return {"account": account, "nav": nav}


def requires(right: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            account = request.account  # type: ignore[attr-defined]
            if not account.may(right):
                text = error_message(ValidationError("county_permission", role=account.role_name))
                return render(request, "web/denied.html", {"text": text}, status=403)
            return view(request, *args, **kwargs)

        return inner

    return wrap


class LoginForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=50)
    password = forms.CharField(label="密码", widget=forms.PasswordInput, max_length=200)


@require_http_methods(["GET", "POST"])
def login_page(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    target = request.GET.get("next") or "/"
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    if request.method == "POST" and form.is_valid():
        refused: ValidationError | None = None
        with _county(request).sessions.begin() as s:  # a wrong password's count is kept
            try:
                account = accounts.authenticate(
                    s, form.cleaned_data["username"], form.cleaned_data["password"]
                )
            except ValidationError as exc:
                refused = exc
        if refused is not None:
            form.add_error("password", error_message(refused))
        else:
            request.session.cycle_key()
            request.session["account_id"] = account.id
            return HttpResponseRedirect(target)
    return render(request, "web/login.html", {"form": form})


@require_http_methods(["POST"])
def logout_page(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    return HttpResponseRedirect("/login/")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "web/denied.html",
        {"text": "页面已过期或来源不明（CSRF 校验未通过）。请刷新页面后重新提交。"},
        status=403,
    )


# ---------------------------------------------------------------- the overview


def _fmt_time(value: datetime | None) -> str:
    return "—" if value is None else sla.to_china(value).strftime("%Y-%m-%d %H:%M")


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _figure_row(key: str, code: str, name: str, url: str, f: overview.Figures) -> dict[str, Any]:
    return {
        "key": key,
        "code": code,
        "name": name,
        "url": url,
        "f": f,
        "visited_share": _share(f.visited_share if f.households else None),
        "monitored": [f.monitored[c] for c in overview.MONITORED],
        "stages": [
            {
                "open": f.open_orders[s],
                "overdue": f.overdue_orders[s],
                "on_time": _share(f.on_time_share(s)),
            }
            for s in overview.STAGES
        ],
    }


def _trend_svg(points: list[overview.TrendPoint]) -> SafeString:
    """Two bar series by month, drawn on the server (no script, prints as it shows)."""
    width, height, left, bottom, top = 760, 220, 44, 36, 16
    span = max([1, *(p.visited for p in points), *(p.received for p in points)])
    step = (width - left - 10) / max(1, len(points))
    bar = step * 0.36
    parts = [
        f'<svg role="img" aria-label="每月走访户数与受理工单数" viewBox="0 0 {width} {height}" '
        f'width="100%" class="chart">'
    ]
    for i in range(5):
        y = top + (height - top - bottom) * i / 4
        value = round(span * (4 - i) / 4)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    for i, p in enumerate(points):
        x = left + i * step + step * 0.12
        for j, (value, cls) in enumerate(((p.visited, "visited"), (p.received, "received"))):
            h = (height - top - bottom) * value / span
            parts.append(
                f'<rect x="{x + j * bar:.1f}" y="{height - bottom - h:.1f}" width="{bar - 1:.1f}" '
                f'height="{h:.1f}" class="{cls}"><title>{p.month} '
                f"{'走访户数' if j == 0 else '受理工单'} {value}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
            f"{p.month[2:4]}年{int(p.month[5:])}月</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _overview_context(
    request: HttpRequest,
    level: str,
    rows: dict[str | None, overview.Figures],
    names: dict[str, tuple[str, str]],
    url: Callable[[str], str],
    township: str | None,
) -> dict[str, Any]:
    table = []
    for key, (code, name) in sorted(names.items(), key=lambda kv: kv[1][0]):
        table.append(_figure_row(key, code, name, url(key), rows.get(key, overview.Figures())))
    if None in rows and level != "township":
        table.append(_figure_row("", "—", "未分配", "", rows[None]))
    whole = overview.total(rows)
    with _county(request).sessions.begin() as s:
        trend = overview.trend(s, now=_now(), township=township)
    return {
        "rows": table,
        "total": _figure_row("", "", "合计", "", whole),
        "monitored_names": [label("monitoring", c) for c in overview.MONITORED],
        "stage_names": [STAGE_NAMES[s] for s in overview.STAGES],
        "chart": _trend_svg(trend),
        "trend": trend,
        "month": overview.moment(_now()).month,
    }


@requires("overview")
def overview_page(request: HttpRequest) -> HttpResponse:
    with _county(request).sessions.begin() as s:
        rows = overview.figures_by(s, "township", now=_now())
        names = overview.names(s, "township")
        synced = overview.last_sync(s)
    context = _overview_context(request, "township", rows, names, lambda k: f"/township/{k}/", None)
    for row in context["rows"]:
        seen = synced.get(row["key"])
        row["last_sync"] = _fmt_time(seen.last_seen if seen else None)
        row["laptops"] = seen.devices if seen else 0
    return render(
        request,
        "web/overview.html",
        {**context, "title": "全县总览", "level_name": "乡镇", "crumbs": [], "show_sync": True},
    )


def _township_name(request: HttpRequest, code: str) -> str:
    with _county(request).sessions.begin() as s:
        names = overview.names(s, "township")
    if code not in names:
        raise Http404
    return names[code][1]


@requires("overview")
def township_page(request: HttpRequest, code: str) -> HttpResponse:
    name = _township_name(request, code)
    with _county(request).sessions.begin() as s:
        rows = overview.figures_by(s, "site", now=_now(), township=code)
        names = overview.names(s, "site", code)
    context = _overview_context(request, "site", rows, names, lambda k: f"/site/{k}/", code)
    return render(
        request,
        "web/overview.html",
        {
            **context,
            "title": f"{name}（{code}）",
            "level_name": "安置点",
            "crumbs": [("/", "全县")],
        },
    )


@requires("overview")
def site_page(request: HttpRequest, site_id: str) -> HttpResponse:
    with _county(request).sessions.begin() as s:
        site = s.get(RptSite, site_id)
        if site is None:
            raise Http404
        rows = overview.figures_by(
            s, "grid", now=_now(), township=site.township_code, site_id=site_id
        )
        names = {
            g.id: (g.code, g.name)
            for g in s.scalars(select(RptGrid).where(RptGrid.site_id == site_id))
        }
    township = _township_name(request, site.township_code)
    context = _overview_context(
        request, "grid", rows, names, lambda k: f"/grid/{k}/", site.township_code
    )
    return render(
        request,
        "web/overview.html",
        {
            **context,
            "title": f"{site.name}（{site.code}）",
            "level_name": "网格",
            "crumbs": [("/", "全县"), (f"/township/{site.township_code}/", township)],
        },
    )


@requires("overview")
def grid_page(request: HttpRequest, grid_id: str) -> HttpResponse:
    m = overview.moment(_now())
    with _county(request).sessions.begin() as s:
        grid = s.get(RptGrid, grid_id)
        if grid is None:
            raise Http404
        site = s.get(RptSite, grid.site_id)
        visited = set(
            s.scalars(
                select(RptVisit.household_id)
                .join(RptHousehold, RptHousehold.id == RptVisit.household_id)
                .where(
                    RptHousehold.grid_id == grid_id,
                    RptVisit.visited_on >= m.first,
                    RptVisit.visited_on < m.after,
                )
            )
        )
        open_orders = dict(
            s.execute(
                select(RptWorkOrder.household_id, func.count())
                .where(RptWorkOrder.grid_id == grid_id, RptWorkOrder.closed.is_(False))
                .group_by(RptWorkOrder.household_id)
            ).all()
        )
        households = [
            {
                "h": h,
                "visited": h.id in visited,
                "monitoring": label("monitoring", h.monitoring),
                "category": label("category", h.category),
                "orders": open_orders.get(h.id, 0),
            }
            for h in s.scalars(
                select(RptHousehold)
                .where(RptHousehold.grid_id == grid_id)
                .order_by(RptHousehold.code)
            )
        ]
    township = _township_name(request, grid.township_code)
    return render(
        request,
        "web/grid.html",
        {
            "title": f"{grid.name}（{grid.code}）",
            "households": households,
            "month": m.month,
            "crumbs": [
                ("/", "全县"),
                (f"/township/{grid.township_code}/", township),
                (f"/site/{grid.site_id}/", site.name if site else ""),
            ],
        },
    )


@requires("overview")
def household_page(request: HttpRequest, household_id: str) -> HttpResponse:
    full = request.account.may("full_ids")  # type: ignore[attr-defined]
    with _county(request).sessions.begin() as s:
        h = s.get(RptHousehold, household_id)
        if h is None:
            raise Http404
        record = s.get(CountyRecord, ("households", household_id))
        values = dict(record.values) if record is not None else {}
        site = s.get(RptSite, h.site_id)
        grid = s.get(RptGrid, h.grid_id) if h.grid_id else None
        members = [
            {
                "name": p.name,
                "id": p.resident_id if full else mask(p.resident_id),
                "relation": label("relation", p.relation),
                "labour": label("labour", p.labour),
                "employment": label("employment", p.employment),
                "income": p.monthly_income,
            }
            for p in s.scalars(
                select(RptPerson)
                .where(RptPerson.household_id == household_id)
                .order_by(RptPerson.sort_order, RptPerson.name)
            )
        ]
        visits = s.scalars(
            select(RptVisit)
            .where(RptVisit.household_id == household_id)
            .order_by(RptVisit.visited_on.desc())
            .limit(24)
        ).all()
        orders = s.scalars(
            select(RptWorkOrder)
            .where(RptWorkOrder.household_id == household_id)
            .order_by(RptWorkOrder.received_at.desc())
        ).all()
    township = _township_name(request, h.township_code)
    facts = [
        ("户编号", h.code),
        ("户主", h.head_name or "—"),
        ("安置点", site.name if site else "—"),
        ("网格", grid.name if grid else "未分配"),
        ("房号", f"{h.unit}单元 {h.room}" if h.unit else h.room or "—"),
        ("类别", label("category", h.category)),
        ("入住日期", h.move_in_date.isoformat() if h.move_in_date else "—"),
        ("监测", label("monitoring", h.monitoring)),
        ("旧房", label("old_house_status", h.old_house_status)),
        ("人口 / 劳动力 / 在业", f"{h.persons} / {h.labourers} / {h.in_work}"),
        ("零就业家庭", "是" if h.zero_employment else "否"),
        ("迁出村", str(values.get("origin_village") or "—")),
        ("包户干部", str(values.get("cadre_name") or "—")),
    ]
    return render(
        request,
        "web/household.html",
        {
            "title": f"{h.code} {h.head_name}",
            "facts": facts,
            "members": members,
            "masked": not full,
            "visits": [
                {"on": v.visited_on.isoformat(), "kind": label("visit_kind", v.kind)}
                for v in visits
            ],
            "orders": [_order_row(o) for o in orders],
            "crumbs": [
                ("/", "全县"),
                (f"/township/{h.township_code}/", township),
                (f"/site/{h.site_id}/", site.name if site else ""),
                *([(f"/grid/{grid.id}/", grid.name)] if grid else []),
            ],
        },
    )


def _order_row(o: RptWorkOrder) -> dict[str, Any]:
    now = _now()
    overdue = not o.closed and o.next_due is not None and o.next_due < now
    return {
        "code": o.code,
        "category": label("order_category", o.category),
        "status": label("order_status", o.status),
        "received": _fmt_time(o.received_at),
        "stage": STAGE_NAMES.get(o.next_stage, "—"),
        "due": _fmt_time(o.next_due),
        "overdue": overdue,
        "description": o.description,
    }


# ---------------------------------------------------------------- ledgers


def _township_choices(request: HttpRequest) -> list[tuple[str, str]]:
    with _county(request).sessions.begin() as s:
        return [(c, f"{n}（{c}）") for c, n in overview.townships(s)]


class LedgerForm(forms.Form):
    kind = forms.ChoiceField(label="台账", choices=[(k, v) for k, v in KINDS.items()])
    township = forms.ChoiceField(label="范围")


@requires("ledgers")
def ledgers_page(request: HttpRequest) -> HttpResponse:
    form = LedgerForm(request.POST or None)
    form.fields["township"].choices = [("", "全县（各乡镇合并）"), *_township_choices(request)]
    form.fields["township"].required = False
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        township = form.cleaned_data["township"] or None
        tmp = Path(tempfile.mkdtemp(prefix="anju-ledger-"))
        out = tmp / f"{kind}.xlsx"
        try:
            export_county_ledger(_county(request), kind, out, township_code=township)
        except DomainError as exc:
            form.add_error(None, error_message(exc))
        else:
            scope = township or "全县"
            name = f"{KINDS[kind]}-{scope}-{sla.to_china(_now()):%Y%m%d}.xlsx"
            response = FileResponse(out.open("rb"), as_attachment=True, filename=name)
            out.unlink()  # the open handle keeps the bytes until the download is sent
            tmp.rmdir()
            return response
    return render(request, "web/ledgers.html", {"form": form, "title": "台账导出"})


# ---------------------------------------------------------------- the 12345 desk


class HotlineForm(forms.Form):
    township = forms.ChoiceField(label="转办乡镇")
    ticket = forms.CharField(label="12345 工单号", max_length=40, required=False)
    category = forms.ChoiceField(
        label="诉求类别",
        choices=[(c.value, label("order_category", c.value)) for c in OrderCategory],
        initial=OrderCategory.OTHER.value,
    )
    description = forms.CharField(
        label="诉求内容", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    household = forms.CharField(label="住户编号（可不填）", max_length=40, required=False)
    grid = forms.CharField(label="网格编号（无住户时可填）", max_length=40, required=False)
    caller_name = forms.CharField(label="来电人", max_length=50, required=False)
    caller_phone = forms.CharField(label="来电号码", max_length=20, required=False)
    location = forms.CharField(label="地点", max_length=100, required=False)
    urgent = forms.BooleanField(label="紧急", required=False)


def _field_error(form: forms.Form, exc: ValidationError, known: dict[str, str]) -> None:
    field = known.get(exc.field or "")
    form.add_error(field if field in form.fields else None, error_message(exc))


@requires("hotline")
def hotline_page(request: HttpRequest) -> HttpResponse:
    county = _county(request)
    form = HotlineForm(request.POST or None)
    form.fields["township"].choices = _township_choices(request)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            order = county.transfer_work_order(
                township_code=d["township"],
                description=d["description"],
                category=d["category"],
                household_id=d["household"].strip() or None,
                grid_id=d["grid"].strip() or None,
                caller_name=d["caller_name"],
                caller_phone=d["caller_phone"],
                location=d["location"],
                urgent=d["urgent"],
                ticket=d["ticket"],
                taken_by=request.account.username,  # type: ignore[attr-defined]
            )
        except ValidationError as exc:
            _field_error(
                form,
                exc,
                {
                    "description": "description",
                    "category": "category",
                    "caller_phone": "caller_phone",
                    "township": "township",
                    "household": "household",
                    "grid": "grid",
                },
            )
        else:
            where = "" if order.grid_id else "（未指定网格，由乡镇管理员分派）"
            messages.success(
                request,
                f"已转办乡镇 {order.township_code}：工单 {order.code}{where}。"
                "三个三时限从现在起算，随乡镇下次同步送达。",
            )
            return HttpResponseRedirect("/hotline/")
    now = _now()
    with county.sessions.begin() as s:
        requests = workspace.hotline_requests(s)
    rows = [
        {
            "r": r,
            "category": label("order_category", r.category),
            "status": label("order_status", r.status),
            "taken": _fmt_time(r.taken_at),
            "stage": STAGE_NAMES.get(r.next_stage, "已办结" if r.closed else "—"),
            "due": _fmt_time(r.next_due),
            "respond_due": _fmt_time(r.respond_due),
            "arrive_due": _fmt_time(r.arrive_due),
            "resolve_due": _fmt_time(r.resolve_due),
            "overdue": r.overdue(now),
        }
        for r in requests
    ]
    return render(
        request,
        "web/hotline.html",
        {
            "form": form,
            "rows": rows,
            "overdue": [row for row in rows if row["overdue"]],
            "title": "12345 热线转办",
        },
    )


# ---------------------------------------------------------------- devices


class EnrolForm(forms.Form):
    township = forms.CharField(label="乡镇代码（9 位）", max_length=12)
    name = forms.CharField(label="设备名称", max_length=100, required=False)
    profile = forms.ChoiceField(label="政策规则")


class RevokeForm(forms.Form):
    reason = forms.CharField(label="停用原因", max_length=200, required=False)


@requires("devices")
def devices_page(request: HttpRequest) -> HttpResponse:
    county = _county(request)
    form = EnrolForm(request.POST or None)
    form.fields["profile"].choices = [(p.id, p.name) for p in _profiles().values()]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if not d["name"].strip():
                raise ValidationError("enrol_name_empty", field="name")
            with county.sessions.begin() as s:
                enrolment: Enrolment = create_enrolment(
                    s,
                    township_code=d["township"].strip(),
                    name=d["name"].strip(),
                    profile=d["profile"],
                )
        except DomainError as exc:
            form.add_error(
                "name" if getattr(exc, "field", "") == "name" else "township", error_message(exc)
            )
        else:
            filename = f"anju-enrol-{enrolment.township_code}-{enrolment.laptop_no}.json"
            response = HttpResponse(enrolment.to_bytes(), content_type="application/json")
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
            return response
    with county.sessions.begin() as s:
        rows = workspace.devices(s)
        names = overview.names(s, "township")
    return render(
        request,
        "web/devices.html",
        {
            "form": form,
            "title": "设备",
            "rows": [
                {
                    "d": d,
                    "township": names.get(d.township_code, (d.township_code, d.township_code))[1],
                    "enrolled": _fmt_time(d.enrolled_at),
                    "seen": _fmt_time(d.last_seen_at),
                    "revoked_at": _fmt_time(d.revoked_at),
                }
                for d in rows
            ],
        },
    )


@requires("devices")
def revoke_page(request: HttpRequest, device_id: str) -> HttpResponse:
    county = _county(request)
    with county.sessions.begin() as s:
        row = next((d for d in workspace.devices(s) if d.id == device_id), None)
    if row is None:
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"].strip()
        if not reason:
            form.add_error("reason", error_message(ValidationError("revoke_reason_empty")))
        else:
            county.revoke(device_id, reason=reason, by=request.account.username)  # type: ignore[attr-defined]
            messages.success(
                request,
                f"设备“{row.name}”已停用：它的同步包从此被拒收；乡镇的其他设备在下次同步时收到停用通知。",
            )
            return HttpResponseRedirect("/devices/")
    return render(request, "web/revoke.html", {"form": form, "d": row, "title": "停用设备"})


# ---------------------------------------------------------------- publications


class PolicyForm(forms.Form):
    township = forms.ChoiceField(label="发布范围", required=False)
    content = forms.CharField(
        label="政策规则调整（TOML）",
        widget=forms.Textarea(attrs={"rows": 7, "spellcheck": "false"}),
        required=False,
    )


class HolidayForm(forms.Form):
    file = forms.FileField(label="节假日表（JSON 或 TOML 文件）")


POLICY_EXAMPLE = "[service]\nrespond_minutes = 5\nwarning_fraction = 0.25\n"


@requires("publish")
def publish_page(request: HttpRequest) -> HttpResponse:
    county = _county(request)
    policy = PolicyForm(
        request.POST if request.POST.get("form") == "policy" else None,
        initial={"content": POLICY_EXAMPLE},
    )
    holidays = HolidayForm(
        request.POST if request.POST.get("form") == "holidays" else None,
        request.FILES if request.POST.get("form") == "holidays" else None,
    )
    townships = _township_choices(request)
    policy.fields["township"].choices = [("", "全县各乡镇"), *townships]
    if request.method == "POST" and request.POST.get("form") == "policy" and policy.is_valid():
        try:
            content = check_policy_text(policy.cleaned_data["content"])
        except ValidationError as exc:
            policy.add_error("content", error_message(exc))
        else:
            scope = policy.cleaned_data["township"] or None
            county.publish_rule(kind="policy_override", content=content, township_code=scope)
            messages.success(
                request,
                f"政策规则已发布给{'全县各乡镇' if scope is None else '乡镇 ' + scope}，随下次同步送达。",
            )
            return HttpResponseRedirect("/publish/")
    if request.method == "POST" and request.POST.get("form") == "holidays" and holidays.is_valid():
        upload = holidays.cleaned_data["file"]
        try:
            raw = upload.read().decode("utf-8")
            content, years = check_holiday_text(raw, Path(upload.name).suffix)
        except UnicodeDecodeError:
            holidays.add_error(
                "file", error_message(ValidationError("publish_unreadable", path=upload.name))
            )
        except ValidationError as exc:
            holidays.add_error("file", error_message(exc))
        else:
            county.publish_rule(kind="holiday_table", content=content, township_code=None)
            messages.success(
                request, f"节假日表（{'、'.join(str(y) for y in years)} 年）已发布给全县各乡镇。"
            )
            return HttpResponseRedirect("/publish/")
    with county.sessions.begin() as s:
        published = workspace.publications(s)
    names = dict(townships)
    return render(
        request,
        "web/publish.html",
        {
            "policy": policy,
            "holidays": holidays,
            "title": "发布规则",
            "published": [
                {
                    "p": p,
                    "kind": "政策规则" if p.kind == "policy_override" else "节假日表",
                    "scope": "全县"
                    if p.township_code is None
                    else names.get(p.township_code, p.township_code),
                    "at": p.published_at[:16].replace("T", " "),
                    "applied": [
                        {"name": names.get(t, t), "done": a, "all": n}
                        for t, (a, n) in p.applied.items()
                    ],
                }
                for p in published
            ],
        },
    )


# ---------------------------------------------------------------- conflicts


@requires("conflicts")
def conflicts_page(request: HttpRequest) -> HttpResponse:
    from desktop.reports.labels import FIELD_LABELS, TABLE_LABELS

    township = request.GET.get("township") or None
    with _county(request).sessions.begin() as s:
        rows = workspace.open_conflicts(s, township)
        names = overview.names(s, "township")
    groups: dict[str, list[dict[str, Any]]] = {}
    for c in rows:
        name = names.get(c.township_code or "", ("", "全县"))[1] if c.township_code else "全县"
        groups.setdefault(name, []).append(
            {
                "c": c,
                "table": TABLE_LABELS.get(c.table_name, c.table_name),
                "field": FIELD_LABELS.get((c.table_name, c.field), c.field),
                "kept": _value(c.data.get("kept")),
                "other": _value(c.data.get("other")),
                "base": _value(c.data.get("base")),
                "at": _fmt_time(c.detected_at),
            }
        )
    return render(
        request,
        "web/conflicts.html",
        {
            "groups": sorted(groups.items()),
            "count": len(rows),
            "title": "待核对的冲突",
            "townships": sorted(names.items()),
            "township": township,
        },
    )


def _value(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def stage_badge(overdue: bool) -> SafeString:
    return format_html(
        '<span class="badge {}">{}</span>',
        "late" if overdue else "ok",
        "已超时" if overdue else "按时",
    )
