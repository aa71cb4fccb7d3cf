"""Household explanation cards (明白卡) as PDF, drawn with ReportLab.

One card per household on A5, or two A5 cards side by side on a landscape A4
sheet (cut in the middle).  Text is set in the bundled CJK font, embedded as
a subset, so the rare characters of village names print on any printer.
Everything the card says comes in as plain values (:class:`CardData`) and
labels (:class:`CardLabels`): this module knows nothing of the database.

Decisions, and why:

- The card tells the family what it is owed and by when (``obligations``, see
  :mod:`desktop.domain.obligations`), each with its date and "overdue since".
- It says only what the township's policy document says: the "三个三" promise
  only where the document makes it (``promise_stated``), the resale ban in the
  document's words (Shanxi's adds the ban on mortgage and renting), the
  five-ones only under a profile that has them.
- Every contact is printed with a number, or with "电话未登记" where none is
  recorded; the printing service lists those so someone fixes them.
- Lines break between characters, as Chinese does, but never inside a number
  with its unit ("6,300元/月") nor before a closing bracket or mark, nor after
  an opening one: a lone "）" or half a sum at the start of a line reads wrong.
"""

from __future__ import annotations

import re
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

from desktop.domain.obligations import Obligation, ObligationKind
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
    role: str  # "grid", "building", "cadre", "chief", "hotline"
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
    obligations: tuple[Obligation, ...] = ()
    promise_stated: bool = True  # the profile's document makes the "三个三" promise
    full_five_ones: bool = True  # the profile has the five-ones (else the job goal only)
    inheritance_excepted: bool = True
    no_mortgage_or_rent: bool = False
    monitoring_reason: str = ""
    special_groups: tuple[str, ...] = ()  # SpecialGroup values of the members
    with_labour: bool = True  # someone of working capacity lives here


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
    job_goal: str = "就业帮扶目标"
    contacts: str = "联系我们"
    contact_roles: tuple[tuple[str, str], ...] = (
        ("grid", "网格员"),
        ("building", "楼栋长"),
        ("cadre", "包户干部"),
        ("chief", "安置点点长"),
        ("hotline", "便民服务热线"),
    )
    no_phone: str = "电话未登记"
    promise: str = (
        "“三个三”服务承诺：接到诉求{minutes}分钟内回应、{hours}小时内到达现场、"
        "{days}{day_unit}内解决或答复。"
    )
    no_promise: str = "有困难、有诉求，请联系网格员、楼栋长，或拨打便民服务热线。"
    obligations: str = "应办事项与时限"
    nothing_owed: str = "目前没有待办事项。"
    demolish_due: str = "旧房拆除：应于{due}前完成"
    demolish_at_once: str = "旧房拆除：地质灾害隐患区或危房，须即搬即拆（{due}）"
    demolish_done: str = "旧房拆除：已于{date}完成"
    reclaim_due: str = "宅基地复垦复绿：应于{due}前完成"
    reclaim_done: str = "宅基地复垦复绿：已于{date}完成"
    overdue: str = "（自{since}起逾期，已{days}天）"
    old_house_state: str = "旧房：{status}"
    services_year: str = "{name}（未就业）：{year}年应获{items}"
    services_total: str = "{name}（未就业）：应获{items}"
    service_item: str = "{kind}{need}次（已获{done}次）"
    service_kinds: tuple[tuple[str, str], ...] = (
        ("job_offer", "岗位信息"),
        ("career_guidance", "职业指导"),
        ("free_training", "免费技能培训信息"),
    )
    service_item_total: str = "有针对性的{kind}不少于{need}个（已获{done}个）"
    zero_employment: str = "本户为零就业家庭，须动态清零：网格员优先推荐岗位、安排培训"
    measure: str = "帮扶措施：{date} {text}"
    special_groups: str = "重点关注：{groups}"
    day_unit: str = "天"
    working_day_unit: str = "个工作日"
    date_format: str = "{y}年{m}月{d}日"
    printed_on: str = "填卡日期：{date}"
    resale: str = "安置住房{years}年内不得出售、转让{except_}。"
    resale_mortgage: str = "安置住房{years}年内不得抵押、出售、转让{except_}，禁止私下交易、租赁。"
    inheritance: str = "（依法继承的除外）"
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
    monitoring_reason: str = "监测原因：{reason}"
    not_monitored: str = "防返贫监测：未纳入监测，如遇困难请及时联系网格员"
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


# One unbreakable piece of text: opening marks, then a number or word with its
# separators and unit ("6,300元/月", "2026年11月22日" breaks only between its
# parts' characters that are not digits) or a single character, then closing marks.
_OPENING = "（(【[“‘《〈"
_CLOSING = "）)】]”’》〉、，。；：！？,.;:!?%"
_TOKEN = re.compile(
    rf"[{re.escape(_OPENING)}]*"
    r"(?:[0-9A-Za-z][0-9A-Za-z,.:/%\-]*(?:元/[月年人]|[元岁人户次个天年月日号%])?|.)"
    rf"[{re.escape(_CLOSING)}]*",
    re.S,
)


def wrap(text: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points.

    Chinese has no spaces to break at, so lines break between any two
    characters, except inside a number with its unit and next to a bracket or
    punctuation mark (see :data:`_TOKEN`); a piece wider than a whole line is
    broken by characters after all.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if pdfmetrics.stringWidth(paragraph, FONT, size) <= width:
            lines.append(paragraph)  # the common case: it fits
            continue
        line = ""
        line_w = 0.0
        for token in _TOKEN.findall(paragraph):
            w = pdfmetrics.stringWidth(token, FONT, size)
            if line and line_w + w > width:
                lines.append(line)
                line, line_w = "", 0.0
                if token.isspace():
                    continue  # no line starts with the space it broke at
            if w > width:  # longer than a line: by characters
                for ch in token:
                    cw = pdfmetrics.stringWidth(ch, FONT, size)
                    if line and line_w + cw > width:
                        lines.append(line)
                        line, line_w = "", 0.0
                    line += ch
                    line_w += cw
                continue
            line += token
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
    if card.monitoring_reason and card.monitoring != "none":
        lines.append(labels.monitoring_reason.format(reason=card.monitoring_reason))
    if card.special_groups:
        lines.append(
            labels.special_groups.format(
                groups="、".join(labels.enum("special_group", g) for g in card.special_groups)
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


def _overdue(o: Obligation, labels: CardLabels) -> str:
    if not o.overdue or o.due is None:
        return ""
    since = date.fromordinal(o.due.toordinal() + 1)
    return labels.overdue.format(since=labels.day(since), days=o.overdue_days)


def obligation_lines(card: CardData, labels: CardLabels) -> list[tuple[str, bool]]:
    """Each obligation as a sentence, and whether it is overdue (printed in red)."""
    out: list[tuple[str, bool]] = []
    kinds = dict(labels.service_kinds)
    for o in card.obligations:
        if o.kind is ObligationKind.DEMOLISH:
            if o.done_on is not None:
                out.append((labels.demolish_done.format(date=labels.day(o.done_on)), False))
            elif o.hazard:
                text = labels.demolish_at_once.format(due=labels.day(o.due))
                out.append((text + _overdue(o, labels), o.overdue))
            else:
                text = labels.demolish_due.format(due=labels.day(o.due))
                out.append((text + _overdue(o, labels), o.overdue))
        elif o.kind is ObligationKind.RECLAIM:
            if o.done_on is not None:
                out.append((labels.reclaim_done.format(date=labels.day(o.done_on)), False))
            else:
                text = labels.reclaim_due.format(due=labels.day(o.due))
                out.append((text + _overdue(o, labels), o.overdue))
        elif o.kind is ObligationKind.OLD_HOUSE:
            status = labels.enum("old_house_status", o.status)
            out.append((labels.old_house_state.format(status=status), False))
        elif o.kind is ObligationKind.SERVICES:
            if o.per_year:
                items = "、".join(
                    labels.service_item.format(
                        kind=kinds.get(s.kind, s.kind), need=s.need, done=s.done
                    )
                    for s in o.services
                )
                text = labels.services_year.format(name=o.person, year=o.year, items=items)
            else:
                items = "、".join(
                    labels.service_item_total.format(
                        kind=kinds.get(s.kind, s.kind), need=s.need, done=s.done
                    )
                    for s in o.services
                )
                text = labels.services_total.format(name=o.person, items=items)
            out.append((text, any(s.done < s.need for s in o.services)))
        elif o.kind is ObligationKind.ZERO_EMPLOYMENT:
            out.append((labels.zero_employment, True))
        elif o.kind is ObligationKind.MEASURE:
            out.append((labels.measure.format(date=labels.day(o.done_on), text=o.text), False))
    return out


def contact_line(contact: Contact, labels: CardLabels) -> str:
    roles = dict(labels.contact_roles)
    name = f"{contact.name}  " if contact.name else ""
    return f"{roles.get(contact.role, contact.role)}：{name}{contact.phone or labels.no_phone}"


def resale_text(card: CardData, labels: CardLabels) -> str:
    if not card.resale_ban_years:
        return ""
    template = labels.resale_mortgage if card.no_mortgage_or_rent else labels.resale
    return template.format(
        years=card.resale_ban_years,
        except_=labels.inheritance if card.inheritance_excepted else "",
    )


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

    pen.heading(labels.obligations)
    owed = obligation_lines(card, labels)
    if not owed:
        pen.text(labels.nothing_owed, 7.8)
    for text, late in owed:
        if late:
            c.setFillColorRGB(0.72, 0.05, 0.05)
        pen.text(text, 7.8)
        c.setFillColorRGB(0, 0, 0)

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

    if card.five_ones or (card.full_five_ones and not card.with_labour):
        pen.heading(labels.five_ones if card.full_five_ones else labels.job_goal)
        if card.five_ones:
            items = [
                f"{labels.enum('five_ones', item)} {labels.met if met else labels.not_met}"
                for item, met in card.five_ones
            ]
            pen.text("    ".join(items), 7.8)
        else:
            pen.text(labels.no_labour, 7.8)

    pen.heading(labels.contacts)
    y0 = pen.y
    contacts = [contact_line(contact, labels) for contact in card.contacts]
    half = (len(contacts) + 1) // 2
    pen.width = width / 2 - 2 * mm
    for line in contacts[:half]:
        pen.text(line, 7.8)
    y_left = pen.y
    pen.y, pen.x = y0, left + width / 2
    for line in contacts[half:]:
        pen.text(line, 7.8)
    pen.y, pen.x, pen.width = min(pen.y, y_left), left, width

    # The promise (or where to turn) and the date sit at the foot of the card.
    foot = y + margin
    c.setLineWidth(0.6)
    c.setStrokeColorRGB(0.72, 0.05, 0.05)
    if card.promise_stated:
        promise = labels.promise.format(
            minutes=card.respond_minutes,
            hours=card.arrive_hours,
            days=card.resolve_days,
            day_unit=labels.working_day_unit if card.working_days else labels.day_unit,
        )
    else:
        promise = labels.no_promise
    promise_lines = wrap(promise, 8.5, width - 4 * mm)
    resale_lines = (
        wrap(resale_text(card, labels), 7.5, width - 4 * mm) if card.resale_ban_years else []
    )
    block_h = (len(promise_lines) * 8.5 + len(resale_lines) * 7.5) * 1.3 + 4 * mm
    box_y = foot + 12
    c.rect(left, box_y, width, block_h, stroke=1, fill=0)
    c.setStrokeColorRGB(0, 0, 0)
    c.setFont(FONT, 8.5)
    ty = box_y + block_h - 2 * mm
    for line in promise_lines:
        ty -= 8.5 * 1.3
        c.drawString(left + 2 * mm, ty, line)
    c.setFont(FONT, 7.5)
    for line in resale_lines:
        ty -= 7.5 * 1.3
        c.drawString(left + 2 * mm, ty, line)
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
