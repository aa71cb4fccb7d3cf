"""The columns of the household and person ledgers, shared by export and import.

Each field has its key (what the import fills), its printed header, group,
width and kind, and the other headers townships' own ledgers use for it, so
that a ledger typed years ago in a county's template is recognised too.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.reports.ledgers import DATE, INT, MONEY, TEXT, Column


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    column: Column
    aliases: tuple[str, ...] = ()
    enum: str = ""  # a labels.ENUM_LABELS kind: the cell holds its label
    boolean: bool = False
    multi: bool = False  # with ``enum``: several labels joined by 、


def _f(
    key: str,
    header: str,
    group: str = "",
    width: float = 12,
    kind: str = TEXT,
    *,
    aliases: tuple[str, ...] = (),
    enum: str = "",
    boolean: bool = False,
    multi: bool = False,
) -> Field:
    return Field(key, Column(header, group, width, kind), aliases, enum, boolean, multi)


G_HOUSEHOLD = "户基本信息"
G_FLAT = "安置住房"
G_SUPPORT = "后续扶持"
G_CADRE = "帮扶责任人"
G_MEMBER = "家庭成员信息"
G_WORK = "就业情况"
G_SECURITY = "社会保障"

SERIAL = _f("serial", "序号", width=6, kind=INT)

HOUSEHOLD_FIELDS: tuple[Field, ...] = (
    _f("code", "户编号", G_HOUSEHOLD, 20, aliases=("户号", "户编码", "搬迁户编号")),
    _f("category", "户类别", G_HOUSEHOLD, 15, enum="category", aliases=("搬迁类型", "户属性")),
    _f("household_phone", "户联系电话", G_HOUSEHOLD, 14, aliases=("联系电话（户）",)),
    _f("site", "安置点", G_FLAT, 22, aliases=("安置点名称", "安置区")),
    _f("grid", "网格", G_FLAT, 14, aliases=("所属网格", "网格名称")),
    _f("building", "楼栋", G_FLAT, 8, aliases=("栋号", "楼号")),
    _f("unit", "单元", G_FLAT, 6, aliases=("单元号",)),
    _f("room", "房号", G_FLAT, 8, aliases=("房间号", "门牌号")),
    _f("origin_village", "迁出村", G_FLAT, 22, aliases=("迁出地", "原居住地")),
    _f("move_in_date", "入住日期", G_FLAT, 12, DATE, aliases=("入住时间", "搬迁入住时间")),
    _f("keys_handed_on", "交钥匙日期", G_FLAT, 12, DATE, aliases=("钥匙交付日期",)),
    _f("old_house_status", "旧房状态", G_SUPPORT, 12, enum="old_house_status"),
    _f("old_house_hazard", "是否危房或灾害隐患区", G_SUPPORT, 10, boolean=True),
    _f("old_house_demolished_on", "旧房拆除日期", G_SUPPORT, 12, DATE, aliases=("拆旧日期",)),
    _f("old_house_reclaimed_on", "复垦复绿日期", G_SUPPORT, 12, DATE, aliases=("复垦日期",)),
    _f("old_house_note", "旧房备注", G_SUPPORT, 16),
    _f("property_certificate", "不动产权证", G_SUPPORT, 10, boolean=True),
    _f("vegetable_plot", "菜地", G_SUPPORT, 8, boolean=True),
    _f("income_industry", "增收产业", G_SUPPORT, 16),
    _f("cadre_name", "包户干部", G_CADRE, 10, aliases=("帮扶责任人", "帮扶干部")),
    _f("cadre_phone", "干部电话", G_CADRE, 14, aliases=("帮扶责任人电话", "帮扶干部电话")),
)

PERSON_FIELDS: tuple[Field, ...] = (
    _f("name", "姓名", G_MEMBER, 10, aliases=("成员姓名",)),
    _f("relation", "与户主关系", G_MEMBER, 10, enum="relation", aliases=("关系",)),
    _f(
        "resident_id",
        "身份证号码",
        G_MEMBER,
        21,
        aliases=("身份证号", "公民身份号码", "证件号码"),
    ),
    _f("sex", "性别", G_MEMBER, 6),
    _f("birth_date", "出生日期", G_MEMBER, 12, DATE),
    _f("ethnicity", "民族", G_MEMBER, 8),
    _f("education", "文化程度", G_MEMBER, 10, enum="education"),
    _f("health", "健康状况", G_MEMBER, 10, enum="health"),
    _f("disability_grade", "残疾等级", G_MEMBER, 8, INT),
    _f("schooling", "在校生情况", G_MEMBER, 10, enum="schooling", aliases=("在校情况",)),
    _f("phone", "本人电话", G_MEMBER, 14, aliases=("个人电话",)),
    _f("labour", "劳动能力", G_WORK, 14, enum="labour", aliases=("劳动技能",)),
    _f("employment", "就业状态", G_WORK, 12, enum="employment", aliases=("就业情况",)),
    _f("employment_place", "就业地点", G_WORK, 10, enum="employment_place", aliases=("务工地点",)),
    _f("employer", "就业单位", G_WORK, 20, aliases=("务工单位", "工作单位")),
    _f("monthly_income", "月收入（元）", G_WORK, 10, MONEY, aliases=("月收入", "月工资")),
    _f("employed_since", "就业时间", G_WORK, 12, DATE, aliases=("务工时间",)),
    _f("skills", "技能", G_WORK, 14, aliases=("掌握技能",)),
    _f("training_wish", "培训意愿", G_WORK, 14),
    _f("medical_insurance", "城乡居民医保", G_SECURITY, 8, boolean=True, aliases=("医保",)),
    _f("pension_insurance", "养老保险", G_SECURITY, 8, boolean=True),
    _f("dibao", "低保", G_SECURITY, 6, boolean=True),
    _f("tekun", "特困供养", G_SECURITY, 8, boolean=True, aliases=("特困",)),
    _f(
        "special_groups",
        "登记的特殊群体",
        G_SECURITY,
        16,
        enum="special_group",
        multi=True,
        aliases=("特殊群体类别",),
    ),
)

# Headers written for the household ledger's head-of-household columns.
HEAD_FIELDS: tuple[Field, ...] = (
    _f("name", "户主姓名", G_HOUSEHOLD, 10),
    _f("resident_id", "户主身份证号码", G_HOUSEHOLD, 21, aliases=("户主身份证号",)),
    _f("member_count", "家庭人口", G_HOUSEHOLD, 8, INT, aliases=("家庭人数", "人口数")),
)

DERIVED = frozenset({"serial", "sex", "birth_date", "member_count"})
"""Printed for people to read, never imported: they follow from the ID or the rows."""


def header_map() -> dict[str, tuple[str, str]]:
    """Every recognised header -> (scope, key); scope is "household", "person" or "head"."""
    out: dict[str, tuple[str, str]] = {}
    for scope, fields in (
        ("household", HOUSEHOLD_FIELDS),
        ("person", PERSON_FIELDS),
        ("head", HEAD_FIELDS),
    ):
        for f in fields:
            for text in (f.column.header, *f.aliases):
                out.setdefault(normalise_header(text), (scope, f.key))
    out.setdefault(normalise_header(SERIAL.column.header), ("derived", "serial"))
    return out


def normalise_header(text: object) -> str:
    """Headers compared without spaces, line breaks, full-width brackets or a trailing colon."""
    s = "".join(str(text or "").split())
    return s.replace("（", "(").replace("）", ")").rstrip(":：")


FIELDS_BY_KEY: dict[tuple[str, str], Field] = {
    **{("household", f.key): f for f in HOUSEHOLD_FIELDS},
    **{("person", f.key): f for f in PERSON_FIELDS},
    **{("head", f.key): f for f in HEAD_FIELDS},
}
