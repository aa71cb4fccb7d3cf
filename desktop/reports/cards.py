"""Household explanation cards (明白卡) as PDF, drawn with ReportLab.

One card per household on A5, or two A5 cards side by side on a landscape A4
sheet (cut in the middle).  Text is set in the bundled CJK font, embedded as
a subset, so the rare characters of village names print on any printer.
Everything the card says comes in as plain values (:class:`CardData`) and
labels (:class:`CardLabels`): this module knows nothing of the database.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

import segno
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desktop.reports.files import NO_PROGRESS, Cancelled, Progress, atomic_output
from desktop.reports.labels import ENUM_LABELS

FONT = "AnjuCJK"
QR_MASK = 0


class Layout(StrEnum):
    A5 = "a5"  # one card per A5 page
    A4_TWO = "a4x2"  # two A5 cards on a landscape A4 sheet


@dataclass(frozen=True, slots=True)
class CardMember:
    name: str
    relation: str
    masked_id: str
    age: int | None
    labour: str
    health: str
    schooling: str
    employment: str
    employment_place: str
    employer: str
    monthly_income: int
    medical_insurance: bool
    pension_insurance: bool
    dibao: bool
    tekun: bool


@dataclass(frozen=True, slots=True)
class Contact:
    role: str  # "grid", "cadre", "hotline", "chief"
    name: str
    phone: str


@dataclass(frozen=True, slots=True)
class CardData:
    code: str
    township_name: str
    site_name: str
    flat: str
    origin_village: str
    move_in_date: date | None
    category: str
    phone: str
    monitoring: str
    monitoring_since: date | None
    old_house_status: str
    old_house_demolished_on: date | None
    property_certificate: bool
    vegetable_plot: bool
    income_industry: str
    members: tuple[CardMember, ...]
    five_ones: tuple[tuple[str, bool], ...]  # (FiveOnesItem value, met)
    contacts: tuple[Contact, ...]
    respond_minutes: int
    arrive_hours: int
    resolve_days: int
    working_days: bool
    resale_ban_years: int
    printed_on: date


@dataclass(frozen=True, slots=True)
class CardLabels:
    """Every caption the card prints; the defaults are the Chinese wording."""

    title: str = "易地扶贫搬迁户明白卡"
    basics: str = "基本情况"
    code: str = "户编号"
    head: str = "户主"
    phone: str = "联系电话"
    flat: str = "安置住房"
    origin: str = "迁出村"
    move_in: str = "入住日期"
    category: str = "户类别"
    members: str = "家庭成员"
    member_columns: tuple[str, ...] = ("姓名", "关系", "身份证号", "年龄", "劳动能力", "就业情况")
    policies: str = "享受政策与帮扶"
    five_ones: str = "“五个一”落实情况"
    contacts: str = "联系我们"
    contact_roles: tuple[tuple[str, str], ...] = (
        ("grid", "网格员"),
        ("cadre", "包户干部"),
        ("chief", "安置点点长"),
        ("hotline", "便民服务热线"),
    )
    promise: str = (
        "“三个三”服务承诺：接到诉求{minutes}分钟内回应、{hours}小时内到达现场、"
        "{days}{day_unit}内解决或答复。"
    )
    day_unit: str = "天"
    working_day_unit: str = "个工作日"
    date_format: str = "{y}年{m}月{d}日"
    printed_on: str = "填卡日期：{date}"
    resale: str = "安置住房{years}年内不得出售、转让（依法继承的除外）。"
    met: str = "√ 已落实"
    not_met: str = "× 未落实"
    no_labour: str = "本户无劳动力：以社会保障兜底为主。"
    yuan_month: str = "{amount}元/月"
    age_unit: str = "{age}岁"
    dibao: str = "低保：{names}"
    tekun: str = "特困供养：{names}"
    medical: str = "城乡居民医保：{have}/{all}人参保"
    pension: str = "养老保险：{have}人参保"
    monitoring: str = "防返贫监测：{category}{since}"
    monitoring_since: str = "（{date}纳入）"
    not_monitored: str = "防返贫监测：未纳入监测，如遇困难请及时联系网格员"
    old_house: str = "旧房：{status}{date}"
    certificate: str = "不动产权证：{value}"
    certificate_yes: str = "已办理"
    certificate_no: str = "未办理"
    plot: str = "菜地：{value}"
    plot_yes: str = "已分配"
    plot_no: str = "未分配"
    industry: str = "增收产业：{value}"
    none: str = "无"
    qr_caption: str = "扫码查询"
    enums: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: ENUM_LABELS)

    def enum(self, kind: str, value: str) -> str:
        return self.enums.get(kind, {}).get(value, value)

    def day(self, value: date | None) -> str:
        if value is None:
            return ""
        return self.date_format.format(y=value.year, m=value.month, d=value.day)


_registered: set[str] = set()
_register_lock = threading.Lock()


def register_font(font_path: Path) -> str:
    """Register the TTC's first face once per process (ReportLab subsets it on save)."""
    with _register_lock:
        if FONT not in _registered:
            pdfmetrics.registerFont(TTFont(FONT, str(font_path), subfontIndex=0))
            _registered.add(FONT)
    return FONT


def wrap(text: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points, character by character.

    Chinese has no spaces to break at, so lines break between any two characters.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if pdfmetrics.stringWidth(paragraph, FONT, size) <= width:
            lines.append(paragraph)  # the common case: it fits
            continue
        line = ""
        line_w = 0.0
        for ch in paragraph:
            w = pdfmetrics.stringWidth(ch, FONT, size)
            if line and line_w + w > width:
                lines.append(line)
                line, line_w = "", 0.0
            line += ch
            line_w += w
        lines.append(line)
    return lines


def _draw_qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code as one vector path (sharp at any printer resolution), quiet zone included.

    The mask is fixed rather than searched for: every mask gives a valid code,
    and the search is most of the time a card takes.
    """
    qr = segno.make(text, error="m", micro=False, mask=QR_MASK, boost_error=False)
    rows = list(qr.matrix_iter(scale=1, border=4))
    module = size / len(rows)
    c.setFillColorRGB(1, 1, 1)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    path = c.beginPath()
    for r, row in enumerate(rows):
        top = y + size - (r + 1) * module
        start = None
        for col, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x + start * module, top, (col - start) * module, module)
                start = None
    c.drawPath(path, stroke=0, fill=1)


class _Pen:
    """A cursor moving down the card, so sections simply follow each other."""

    def __init__(self, c: Canvas, x: float, top: float, width: float):
        self.c = c
        self.x = x
        self.y = top
        self.width = width

    def text(self, s: str, size: float, *, indent: float = 0.0, lead: float = 1.35) -> None:
        self.c.setFont(FONT, size)
        for line in wrap(s, size, self.width - indent):
            self.y -= size * lead
            self.c.drawString(self.x + indent, self.y, line)

    def heading(self, s: str, size: float = 9.5) -> None:
        self.y -= 2.2 * mm
        self.c.setFillColorRGB(0.86, 0.1, 0.1)
        self.c.rect(self.x, self.y - size * 1.15, 1.2 * mm, size * 1.1, stroke=0, fill=1)
        self.c.setFillColorRGB(0, 0, 0)
        self.c.setFont(FONT, size)
        self.y -= size * 1.05
        self.c.drawString(self.x + 2.4 * mm, self.y, s)
        self.y -= 0.8 * mm
        self.c.setLineWidth(0.4)
        self.c.line(self.x, self.y, self.x + self.width, self.y)


def _employment_text(m: CardMember, labels: CardLabels) -> str:
    parts = [labels.enum("employment", m.employment)]
    if m.employer:
        parts.append(m.employer)
    if m.employment_place:
        parts.append(labels.enum("employment_place", m.employment_place))
    if m.monthly_income:
        parts.append(labels.yuan_month.format(amount=f"{m.monthly_income:,}"))
    return " ".join(p for p in parts if p)


def _policy_lines(card: CardData, labels: CardLabels) -> list[str]:
    lines = [labels.enum("category", card.category)]
    dibao = [m.name for m in card.members if m.dibao]
    tekun = [m.name for m in card.members if m.tekun]
    if dibao:
        lines.append(labels.dibao.format(names="、".join(dibao)))
    if tekun:
        lines.append(labels.tekun.format(names="、".join(tekun)))
    insured = sum(1 for m in card.members if m.medical_insurance)
    lines.append(labels.medical.format(have=insured, all=len(card.members)))
    pensions = sum(1 for m in card.members if m.pension_insurance)
    if pensions:
        lines.append(labels.pension.format(have=pensions))
    if card.monitoring and card.monitoring != "none":
        since = (
            labels.monitoring_since.format(date=labels.day(card.monitoring_since))
            if card.monitoring_since
            else ""
        )
        lines.append(
            labels.monitoring.format(
                category=labels.enum("monitoring", card.monitoring), since=since
            )
        )
    else:
        lines.append(labels.not_monitored)
    lines.append(
        labels.old_house.format(
            status=labels.enum("old_house_status", card.old_house_status),
            date=f"（{labels.day(card.old_house_demolished_on)}）"
            if card.old_house_demolished_on
            else "",
        )
    )
    lines.append(
        labels.certificate.format(
            value=labels.certificate_yes if card.property_certificate else labels.certificate_no
        )
    )
    lines.append(
        labels.plot.format(value=labels.plot_yes if card.vegetable_plot else labels.plot_no)
    )
    lines.append(labels.industry.format(value=card.income_industry or labels.none))
    return lines


def draw_card(c: Canvas, card: CardData, labels: CardLabels, x: float, y: float) -> None:
    """Draw one card in the A5 box whose lower-left corner is (x, y)."""
    box_w, box_h = A5
    margin = 8 * mm
    left, top = x + margin, y + box_h - margin
    width = box_w - 2 * margin
    qr_size = 24 * mm

    # Title band and QR code.
    c.setFont(FONT, 15)
    c.setFillColorRGB(0.72, 0.05, 0.05)
    c.drawString(left, top - 15, labels.title)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT, 8.5)
    c.drawString(left, top - 28, f"{card.township_name}  {card.site_name}")
    _draw_qr(c, card.code, left + width - qr_size, top - qr_size, qr_size)
    c.setFont(FONT, 7)
    c.drawCentredString(left + width - qr_size / 2, top - qr_size - 8, card.code)

    head = next((m for m in card.members if m.relation == "head"), None)
    if head is None and card.members:
        head = card.members[0]
    pen = _Pen(c, left, top - 30, width - qr_size - 3 * mm)
    pen.heading(labels.basics)
    size = 8.5
    basics = [
        (labels.code, card.code),
        (labels.head, head.name if head else ""),
        (labels.phone, card.phone),
        (labels.flat, f"{card.site_name}{card.flat}"),
        (labels.move_in, labels.day(card.move_in_date)),
        (labels.origin, card.origin_village),
    ]
    for caption, value in basics:
        pen.text(f"{caption}：{value}", size)
    pen.y = min(pen.y, top - qr_size - 12)
    pen.width = width

    # Members table.
    pen.heading(labels.members)
    cols = (0.13, 0.08, 0.27, 0.07, 0.17, 0.28)
    xs = [left]
    for f in cols[:-1]:
        xs.append(xs[-1] + f * width)
    row_size = 7.5
    c.setFont(FONT, row_size)
    pen.y -= row_size * 1.4
    c.setFillColorRGB(0.35, 0.35, 0.35)
    for cx, caption in zip(xs, labels.member_columns, strict=False):
        c.drawString(cx, pen.y, caption)
    c.setFillColorRGB(0, 0, 0)
    for m in card.members:
        cells = [
            m.name,
            labels.enum("relation", m.relation),
            m.masked_id,
            labels.age_unit.format(age=m.age) if m.age is not None else "",
            labels.enum("labour", m.labour),
            _employment_text(m, labels),
        ]
        wrapped = [
            wrap(text, row_size, f * width - 1.2 * mm) for text, f in zip(cells, cols, strict=True)
        ]
        height = max(len(w) for w in wrapped)
        for cx, lines in zip(xs, wrapped, strict=True):
            for i, line in enumerate(lines):
                c.drawString(cx, pen.y - row_size * 1.35 * (i + 1), line)
        pen.y -= row_size * 1.35 * height
        c.setLineWidth(0.2)
        c.setStrokeColorRGB(0.75, 0.75, 0.75)
        c.line(left, pen.y - 1.5, left + width, pen.y - 1.5)
        c.setStrokeColorRGB(0, 0, 0)

    pen.heading(labels.policies)
    lines = _policy_lines(card, labels)
    half = (len(lines) + 1) // 2
    y0 = pen.y
    pen.width = width / 2 - 2 * mm
    for line in lines[:half]:
        pen.text(line, 7.8)
    y_left = pen.y
    pen.y, pen.x = y0, left + width / 2
    for line in lines[half:]:
        pen.text(line, 7.8)
    pen.y, pen.x, pen.width = min(pen.y, y_left), left, width

    pen.heading(labels.five_ones)
    if card.five_ones:
        items = [
            f"{labels.enum('five_ones', item)} {labels.met if met else labels.not_met}"
            for item, met in card.five_ones
        ]
        pen.text("    ".join(items), 7.8)
    else:
        pen.text(labels.no_labour, 7.8)

    pen.heading(labels.contacts)
    roles = dict(labels.contact_roles)
    for contact in card.contacts:
        pen.text(f"{roles.get(contact.role, contact.role)}：{contact.name}  {contact.phone}", 8)

    # The promise and the date sit at the foot of the card.
    foot = y + margin
    c.setLineWidth(0.6)
    c.setStrokeColorRGB(0.72, 0.05, 0.05)
    promise = labels.promise.format(
        minutes=card.respond_minutes,
        hours=card.arrive_hours,
        days=card.resolve_days,
        day_unit=labels.working_day_unit if card.working_days else labels.day_unit,
    )
    promise_lines = wrap(promise, 8.5, width - 4 * mm)
    resale = labels.resale.format(years=card.resale_ban_years) if card.resale_ban_years else ""
    block_h = (len(promise_lines) + (1 if resale else 0)) * 8.5 * 1.4 + 4 * mm
    box_y = foot + 12
    c.rect(left, box_y, width, block_h, stroke=1, fill=0)
    c.setStrokeColorRGB(0, 0, 0)
    c.setFont(FONT, 8.5)
    ty = box_y + block_h - 2 * mm
    for line in promise_lines:
        ty -= 8.5 * 1.3
        c.drawString(left + 2 * mm, ty, line)
    if resale:
        c.setFont(FONT, 7.5)
        ty -= 8.5 * 1.3
        c.drawString(left + 2 * mm, ty, resale)
    c.setFont(FONT, 8)
    c.drawRightString(
        left + width, foot, labels.printed_on.format(date=labels.day(card.printed_on))
    )


def write_cards(
    path: Path,
    cards: Sequence[CardData],
    labels: CardLabels,
    *,
    font_path: Path,
    layout: Layout = Layout.A5,
    title: str = "",
    cancel: threading.Event | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Write the cards to ``path`` (whole or not at all); return the number of pages."""
    register_font(font_path)
    page = A5 if layout is Layout.A5 else landscape(A4)
    per_page = 1 if layout is Layout.A5 else 2
    pages = 0
    with atomic_output(path) as tmp:
        c = Canvas(str(tmp), pagesize=page, pageCompression=1, initialFontName=FONT)
        c.setTitle(title or labels.title)
        c.setCreator("Anju")
        total = len(cards)
        for i, card in enumerate(cards):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            slot = i % per_page
            draw_card(c, card, labels, slot * A5[0], 0)
            if slot == per_page - 1 or i == total - 1:
                if per_page == 2:
                    c.setDash(3, 3)
                    c.setLineWidth(0.3)
                    c.line(A5[0], 5 * mm, A5[0], page[1] - 5 * mm)
                    c.setDash()
                c.showPage()
                pages += 1
            progress(i + 1, total)
        if not cards:
            c.showPage()
            pages = 1
        c.save()
    return pages
