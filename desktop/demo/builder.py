"""A realistic demo township, the same every time for the same seed and day.

The first start of Anju, the benchmarks and the tests all need a township that
looks like a real one in Xiangxi: several resettlement sites of different kinds
and sizes, grids, buildings, households of one to eight people whose ages fit
their relations, Tujia, Miao and Han names, jobs and incomes, monitored
households, old houses past their deadline, visits and work orders at every
stage of the three-three rule.

Everything comes from one seeded :class:`random.Random` (UUIDs included) and a
seeded Faker, and every timestamp is derived from ``today``, so a seed and a day
give the same rows.  Two things cannot be reproduced and are not meant to be:
the ids of the county, the township and the accounts, which the township and
account services create, and the salted password hashes.

Rows go in with Core bulk inserts in batches (12 000 households in seconds
rather than minutes through the unit of work); the caller's transaction holds
them all, so a cancelled or failed build leaves nothing behind.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any, Protocol, cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.orm import Session

from desktop.demo.accounts import DEMO_ACCOUNTS, DemoAccount
from desktop.domain import resident_id, sla
from desktop.domain import work_order as wo
from desktop.domain.enums import (
    Education,
    EmploymentPlace,
    EmploymentStatus,
    Health,
    HouseholdCategory,
    LabourCapacity,
    MonitoringCategory,
    OldHouseStatus,
    OrderCategory,
    OrderSource,
    OrderStatus,
    Relation,
    Role,
    Schooling,
    SiteKind,
    VisitKind,
)
from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.five_ones import ServiceKind
from desktop.domain.holidays import WorkingCalendar
from desktop.domain.pinyin import pinyin_full, pinyin_initials
from desktop.domain.policy import PolicyProfile
from desktop.domain.work_order import Action, Satisfaction
from desktop.services import auth, township, work_orders
from desktop.services import households as households_service
from desktop.store.base import Base
from desktop.store.models import (
    Building,
    Grid,
    Household,
    Person,
    Site,
    User,
    UserGrid,
    Visit,
    WorkOrder,
    WorkOrderEvent,
)
from desktop.store.models_survey import EmploymentService, MonitoringPeriod

DEMO_SEED = 2026
FIRST_RUN_HOUSEHOLDS = 800

DEMO_PROFILE = "xiangxi"
DEMO_COUNTY_CODE = "433127"
DEMO_COUNTY_NAME = "永顺县"
DEMO_TOWNSHIP_CODE = "433127100"
DEMO_TOWNSHIP_NAME = "灵溪镇"
# Neighbouring Xiangxi counties (泸溪、古丈、龙山): some people were born there.
# python-stdnum accepts all four codes for every birth year since 1920.
NEIGHBOUR_AREA_CODES = ("433122", "433126", "433130")

BATCH_HOUSEHOLDS = 250
VISIT_MONTHS = 4  # months of visit history
CHINA_TZ = timezone(timedelta(hours=8))


class DemoTownshipNotEmpty(ValidationError):
    """The township already has sites or households: a demo must not mix with them."""

    code = "demo_township_not_empty"


class DemoRealTownship(ValidationError):
    """The database belongs to a township set up for real, not to the demo."""

    code = "demo_real_township"


class DemoCancelled(DomainError):
    """Raised when the user cancels; the caller's transaction rolls everything back."""

    code = "demo_cancelled"


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class DemoSummary:
    county_name: str
    county_code: str
    township_name: str
    township_code: str
    created_township: bool
    sites: int
    grids: int
    buildings: int
    households: int
    persons: int
    visits: int
    work_orders: int
    work_order_events: int
    accounts: tuple[DemoAccount, ...]


# ---------------------------------------------------------------- the township's plan


@dataclass(frozen=True, slots=True)
class _SitePlan:
    short: str
    name: str
    kind: SiteKind
    share: float
    units: tuple[int, int]
    floors: tuple[int, int]
    street: str


_SITE_PLANS: tuple[_SitePlan, ...] = (
    _SitePlan("城北", "城北易地扶贫搬迁安置区", SiteKind.TOWN, 0.36, (2, 3), (9, 11), "城北大道"),
    _SitePlan("猛洞河", "猛洞河安置小区", SiteKind.TOWN, 0.20, (2, 3), (6, 7), "猛洞河路"),
    _SitePlan(
        "工业园", "溪州工业园安置区", SiteKind.INDUSTRIAL_PARK, 0.16, (2, 2), (6, 6), "园区大道"
    ),
    _SitePlan(
        "司城", "司城村中心村安置点", SiteKind.CENTRAL_VILLAGE, 0.11, (1, 2), (3, 4), "司城路"
    ),
    _SitePlan("老司城", "老司城旅游安置点", SiteKind.TOURISM, 0.09, (1, 1), (3, 3), "老司城景区路"),
    _SitePlan("分散", "分散安置", SiteKind.SCATTERED, 0.08, (0, 0), (0, 0), ""),
)

_FACILITY_CHANCE = {
    SiteKind.TOWN: 0.95,
    SiteKind.INDUSTRIAL_PARK: 0.9,
    SiteKind.CENTRAL_VILLAGE: 0.8,
    SiteKind.TOURISM: 0.8,
    SiteKind.SCATTERED: 0.55,
}
_BASIC_FACILITIES = ("通水", "通电", "通公路")
_FACILITY_GAPS = ("正在建设", "已列入明年计划", "依托附近村（社区）解决", "资金未落实")
_PLOT_CHANCE = {
    SiteKind.TOWN: 0.3,
    SiteKind.INDUSTRIAL_PARK: 0.4,
    SiteKind.CENTRAL_VILLAGE: 0.85,
    SiteKind.TOURISM: 0.8,
    SiteKind.SCATTERED: 0.95,
}
_CN_DIGITS = "一二三四五六七八九十"

# Townships and villages of Yongshun the households came from.
_ORIGIN_TOWNSHIPS = (
    "首车镇",
    "石堤镇",
    "青天坪镇",
    "万坪镇",
    "砂坝镇",
    "泽家镇",
    "高坪乡",
    "松柏镇",
    "毛坝乡",
    "西歧乡",
    "对山乡",
    "车坪乡",
    "小溪镇",
    "塔卧镇",
    "颗砂乡",
    "朗溪乡",
    "润雅乡",
    "盐井乡",
)
_VILLAGE_STEMS = (
    "两岔",
    "龙寨",
    "杉木",
    "岩板",
    "桐木",
    "洞坪",
    "高峰",
    "塘湾",
    "龙坪",
    "那必",
    "和平",
    "新寨",
    "马鞍",
    "茶园",
    "官坝",
    "双凤",
    "猛必",
    "咱河",
    "烂泥",
    "大坝",
    "麻岔",
    "梓木",
    "科皮",
    "亚渡",
    "列夕",
    "哈妥",
    "桃子",
    "白竹",
    "青龙",
    "黄家",
)
# Tujia (彭 向 田 王 张 李 覃) and Miao (龙 石 麻 吴 杨) surnames, weighted.
_LOCAL_SURNAMES = (
    ("彭", 14),
    ("向", 12),
    ("田", 10),
    ("王", 8),
    ("张", 7),
    ("李", 6),
    ("龙", 6),
    ("石", 5),
    ("杨", 5),
    ("吴", 4),
    ("麻", 3),
    ("覃", 3),
    ("黄", 3),
    ("胡", 3),
    ("刘", 3),
    ("梁", 2),
    ("符", 2),
    ("鲁", 2),
    ("贾", 2),
)
_ETHNICITIES = (("土家族", 62), ("苗族", 14), ("汉族", 22), ("白族", 1), ("回族", 1))
_INDUSTRIES = (
    "猕猴桃种植",
    "莓茶种植加工",
    "油茶种植",
    "椪柑种植",
    "湘西黄牛养殖",
    "生猪养殖",
    "乡村旅游（农家乐）",
    "民族手工艺（土家织锦）",
    "中药材种植",
    "光伏收益分红",
)
_SKILLS = (
    "电焊",
    "中式烹调",
    "家政服务",
    "育婴",
    "缝纫",
    "挖掘机操作",
    "电工",
    "砌筑",
    "茶叶加工",
    "果树栽培",
    "土家织锦（西兰卡普）",
    "苗绣",
    "导游讲解",
    "汽车驾驶",
    "电子商务",
)
_OUT_OF_PROVINCE_CITIES = ("东莞", "深圳", "广州", "佛山", "宁波", "温州", "厦门", "苏州", "杭州")
_IN_PROVINCE_CITIES = ("长沙", "株洲", "湘潭", "吉首", "张家界", "怀化")
_LOCAL_EMPLOYERS = (
    "永顺县溪州工业园扶贫车间",
    "湘西老司城旅游开发有限公司",
    "永顺县莓茶产业开发有限公司",
    "灵溪镇城北社区服务中心",
    "永顺县猕猴桃专业合作社",
    "永顺县城建投资有限公司",
    "湘西芙蓉镇旅游有限公司",
    "灵溪镇安置区物业服务中心",
)
_PUBLIC_WELFARE_POSTS = ("保洁员", "护林员", "安置区保安", "楼栋管理员", "河道巡查员", "公路养护员")
_SELF_EMPLOYED = (
    "个体经营（小吃店）",
    "个体经营（便利店）",
    "个体经营（摩托车维修）",
    "电商网店",
    "个体运输",
)
_CHECKLIST_ITEMS = ("food", "clothing", "education", "medical", "housing", "water")
_CHECKLIST_PROBLEMS = {
    "food": "家中存粮不足",
    "clothing": "冬季衣被不足",
    "education": "孩子有辍学倾向",
    "medical": "慢性病门诊待遇未落实",
    "housing": "卫生间漏水影响楼下",
    "water": "自来水水压不足",
}
_VISIT_NOTES = (
    "入户核实家庭成员就业情况，宣讲就业帮扶政策。",
    "了解家庭收入变化，提醒按时缴纳医保。",
    "宣传旧房拆除复垦政策，户主表示理解支持。",
    "走访慰问，了解孩子就学情况。",
    "核实家庭人口变化，更新联系电话。",
    "宣讲防返贫监测政策，告知申报渠道。",
    "了解技能培训意愿，登记培训需求。",
    "查看住房使用情况，提醒用电用气安全。",
)
_ORDER_TEXTS: dict[OrderCategory, tuple[str, ...]] = {
    OrderCategory.UTILITIES: (
        "家中停水两天，请尽快处理。",
        "楼道电表跳闸，家里没电。",
        "燃气灶点不着火，怀疑管道漏气。",
    ),
    OrderCategory.REPAIRS: (
        "卫生间下水道堵塞。",
        "单元门门禁损坏。",
        "楼道灯不亮，老人夜间出行不便。",
    ),
    OrderCategory.HOUSING_QUALITY: ("外墙渗水，卧室墙面发霉。", "阳台地面开裂。", "窗户漏雨。"),
    OrderCategory.JOBS: (
        "想在附近找份工作，希望推荐岗位。",
        "想报名参加电工培训。",
        "工资被拖欠两个月。",
    ),
    OrderCategory.SCHOOL: ("孩子转学到安置区学校需要办什么手续？", "咨询孩子上幼儿园的补助政策。"),
    OrderCategory.MEDICAL: ("咨询慢性病门诊报销办法。", "家中老人行动不便，希望家庭医生上门。"),
    OrderCategory.SOCIAL_SECURITY: (
        "咨询低保申请条件。",
        "养老保险缴费档次想调整。",
        "残疾人两项补贴未到账。",
    ),
    OrderCategory.HOUSEHOLD_REGISTRATION: ("户口迁入安置区需要哪些材料？", "新生儿上户口咨询。"),
    OrderCategory.DISPUTE: ("楼上住户夜间噪音扰民。", "邻里之间因堆放杂物发生纠纷。"),
    OrderCategory.PUBLIC_ORDER: ("小区内电动车被盗。", "夜间有陌生人在楼道逗留。"),
    OrderCategory.SANITATION: ("垃圾桶满了没人清理。", "楼下有污水外溢，气味很大。"),
    OrderCategory.OTHER: ("希望小区增设健身器材。", "建议安置区开通到县城的公交车。"),
}
_ON_SITE_CATEGORIES = frozenset(
    {
        OrderCategory.UTILITIES,
        OrderCategory.REPAIRS,
        OrderCategory.HOUSING_QUALITY,
        OrderCategory.DISPUTE,
        OrderCategory.PUBLIC_ORDER,
        OrderCategory.SANITATION,
    }
)
_RESOLUTIONS = (
    "已联系物业维修，居民确认恢复正常。",
    "已协调相关部门处理完毕。",
    "已现场调解，双方达成一致。",
    "已安排维修人员上门，修复完毕。",
)
_SOURCE_LABELS = {
    OrderSource.HOTLINE: "便民服务热线",
    OrderSource.WECHAT: "微信群",
    OrderSource.WALK_IN: "来访",
    OrderSource.VISIT: "走访发现",
    OrderSource.COUNTY: "县级转办（12345）",
}
_ANSWERS = (
    "已按政策答复居民，居民表示清楚。",
    "已告知办理流程和所需材料。",
    "已推荐就业岗位并登记培训意愿。",
    "已联系相关部门，答复办理时限。",
)
_DEPARTMENTS = ("县住建局", "县供电公司", "县自来水公司", "县人社局", "县医保局", "灵溪派出所")
_EXTENSION_REASONS = (
    "需等待厂家配件，申请延期",
    "需协调施工队维修，申请延期",
    "涉及多户，需协调后处理",
)
_CATEGORY_WEIGHTS = (
    (OrderCategory.UTILITIES, 16),
    (OrderCategory.REPAIRS, 20),
    (OrderCategory.HOUSING_QUALITY, 8),
    (OrderCategory.JOBS, 12),
    (OrderCategory.SCHOOL, 5),
    (OrderCategory.MEDICAL, 6),
    (OrderCategory.SOCIAL_SECURITY, 8),
    (OrderCategory.HOUSEHOLD_REGISTRATION, 4),
    (OrderCategory.DISPUTE, 6),
    (OrderCategory.PUBLIC_ORDER, 3),
    (OrderCategory.SANITATION, 8),
    (OrderCategory.OTHER, 4),
)
_SERVICE_NOTES = {
    ServiceKind.JOB_OFFER: (
        "推荐溪州工业园普工岗位",
        "推荐县城物业保洁岗位",
        "推荐广东东莞电子厂岗位",
    ),
    ServiceKind.CAREER_GUIDANCE: ("面对面职业指导，了解求职意向", "讲解外出务工交通补贴政策"),
    ServiceKind.FREE_TRAINING: ("告知县人社局免费电工培训报名", "告知家政服务免费培训信息"),
}
_MOBILE_PREFIXES = tuple(
    str(n)
    for n in (*range(130, 140), *range(150, 160), 166, 173, 177, *range(180, 190), 191, 198, 199)
    if n != 154
)


# ---------------------------------------------------------------- small helpers


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _birth_for_age(rng: random.Random, age: int, today: date) -> date:
    """A birth date on which someone is exactly ``age`` on ``today``."""
    latest = _years_before(today, age)
    earliest = _years_before(today, age + 1) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


def _months_before(first: date, months: int) -> date:
    """The first day of the month ``months`` before the month starting on ``first``."""
    index = first.year * 12 + first.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _china_time(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=CHINA_TZ).astimezone(UTC)


class _Cached:
    """Pinyin of names seen before: names repeat a lot in a township."""

    def __init__(self) -> None:
        self.full: dict[str, str] = {}
        self.initials: dict[str, str] = {}

    def keys(self, name: str) -> tuple[str, str]:
        full = self.full.get(name)
        if full is None:
            full = self.full[name] = pinyin_full(name)
            self.initials[name] = pinyin_initials(name)
        return full, self.initials[name]


# ---------------------------------------------------------------- the builder


@dataclass
class _GridInfo:
    id: str
    site_index: int
    handler_id: str | None
    cadres: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Flat:
    site_index: int
    grid: _GridInfo
    building_id: str | None
    building_name: str
    unit: str
    room: str


@dataclass(frozen=True, slots=True)
class _Event:
    kind: str
    at: datetime
    note: str
    data: dict[str, Any]
    user_id: str | None


@dataclass
class _OrderSeed:
    household_id: str
    grid: _GridInfo
    location: str
    callers: list[tuple[str, str]]
    visit_ids: list[str]
    move_in: date


class _Builder:
    def __init__(
        self,
        session: Session,
        *,
        seed: int,
        today: date,
        profile: PolicyProfile,
        township_code: str,
        county_code: str,
        county_name: str,
        township_name: str,
        area_id: str,
        admin_id: str | None,
        progress: Callable[[int, int], None] | None,
        cancel: CancelToken | None,
    ) -> None:
        self.session = session
        from faker import Faker  # here, not at import: the login window lists DEMO_ACCOUNTS

        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.today = today
        self.now = _china_time(today, 9)
        self.profile = profile
        self.township_code = township_code
        self.county_code = county_code
        self.county_name = county_name
        self.township_name = township_name
        self.area_id = area_id
        self.admin_id = admin_id
        self.progress = progress
        self.cancel = cancel
        self.pinyin = _Cached()
        self.used_ids: set[str] = set()
        self.area_codes_by_year = self._area_codes_by_year()
        # Survey records made beside each batch of households.
        self.periods: list[dict[str, Any]] = []
        self.services: list[dict[str, Any]] = []
        self.counts: dict[str, int] = dict.fromkeys(
            ("sites", "grids", "buildings", "households", "persons", "visits", "orders", "events"),
            0,
        )

    # -- bookkeeping

    def _stamp(self) -> dict[str, Any]:
        return {
            "created_at": self.now,
            "updated_at": self.now,
            "created_by": self.admin_id,
            "updated_by": self.admin_id,
            "deleted": False,
        }

    def _insert(self, model: type[Base], rows: list[dict[str, Any]]) -> None:
        """One executemany on the table: the ORM's bulk path would split rows whose
        None values differ into many small statements."""
        if rows:
            self.session.execute(insert(cast(Table, model.__table__)), rows)

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise DemoCancelled()

    def _area_codes_by_year(self) -> dict[int, tuple[str, ...]]:
        """Per birth year, the area codes python-stdnum accepts (the county's first)."""
        candidates = [self.county_code]
        if self.county_code == DEMO_COUNTY_CODE:
            candidates += NEIGHBOUR_AREA_CODES
        table: dict[int, tuple[str, ...]] = {}
        for year in range(self.today.year - 110, self.today.year + 1):
            probe = date(year, 7, 1) if date(year, 7, 1) <= self.today else date(year, 1, 1)
            ok = tuple(
                c
                for c in candidates
                if resident_id.is_valid(resident_id.build(c, probe, 1), today=self.today)
            )
            table[year] = ok or (DEMO_COUNTY_CODE,)
        return table

    def _resident_id(self, birth: date, male: bool) -> str:
        codes = self.area_codes_by_year[birth.year]
        weights = [8] + [1] * (len(codes) - 1)
        while True:
            area = self.rng.choices(codes, weights=weights)[0]
            sequence = self.rng.randrange(500) * 2 + (1 if male else 0)
            number = resident_id.build(area, birth, sequence)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    # -- places

    def build_places(
        self, households: int, handler_ids: Sequence[str]
    ) -> tuple[list[str], list[list[_Flat]], list[_GridInfo]]:
        """Sites, grids and buildings sized for ``households`` (a nominal size when 0)."""
        rng = self.rng
        planned = households or FIRST_RUN_HOUSEHOLDS
        shares = [math.floor(p.share * planned) for p in _SITE_PLANS]
        shares[0] += planned - sum(shares)
        facilities = self.profile.site.facilities
        sites, grids, buildings = [], [], []
        flats_by_site: list[list[_Flat]] = []
        all_grids: list[_GridInfo] = []
        for index, (plan, size) in enumerate(zip(_SITE_PLANS, shares, strict=True)):
            site_id = _uuid(rng)
            site_code = f"{self.township_code}-{index + 1:02d}"
            name = (
                plan.name
                if plan.kind is not SiteKind.SCATTERED
                else f"{self.township_name}分散安置"
            )
            place = f"湘西土家族苗族自治州{self.county_name}{self.township_name}"
            if plan.street:
                address = f"{place}{plan.street}{rng.randrange(1, 300)}号"
            else:  # scattered: the households live in their villages
                address = f"{place}各村（分散安置）"
            chance = _FACILITY_CHANCE[plan.kind]
            sites.append(
                {
                    "id": site_id,
                    "area_id": self.area_id,
                    "code": site_code,
                    "name": name,
                    "kind": plan.kind.value,
                    "address": address,
                    "chief_name": self._person_name(rng.random() < 0.7)[1],
                    "chief_phone": _mobile(rng),
                    "facilities": self._facilities(facilities, chance),
                    **self._stamp(),
                }
            )
            n_grids = max(2, min(6, round(size / 180) or 2))
            site_grids: list[_GridInfo] = []
            handler = handler_ids[index % len(handler_ids)] if handler_ids else None
            for g in range(n_grids):
                info = _GridInfo(id=_uuid(rng), site_index=index, handler_id=handler)
                info.cadres = [
                    (self._person_name(rng.random() < 0.6)[1], _mobile(rng))
                    for _ in range(rng.randint(4, 10))
                ]
                grids.append(
                    {
                        "id": info.id,
                        "site_id": site_id,
                        "code": f"{site_code}-{g + 1:02d}",
                        "name": f"{plan.short}第{_CN_DIGITS[g]}网格",
                        "leader_user_id": handler,
                        **self._stamp(),
                    }
                )
                site_grids.append(info)
            all_grids += site_grids
            flats: list[_Flat] = []
            if plan.kind is SiteKind.SCATTERED:
                flats_by_site.append(flats)
                continue
            units = rng.randint(*plan.units)
            floors = rng.randint(*plan.floors)
            per_building = units * floors * 2
            n_buildings = max(2, math.ceil(size / (per_building * 0.9)))
            for b in range(n_buildings):
                grid = site_grids[b * n_grids // n_buildings]
                building_id = _uuid(rng)
                building_name = f"{b + 1}栋"
                buildings.append(
                    {
                        "id": building_id,
                        "site_id": site_id,
                        "grid_id": grid.id,
                        "code": f"{site_code}-B{b + 1:03d}",
                        "name": building_name,
                        "units": units,
                        "floors": floors,
                        "leader_person_id": None,
                        **self._stamp(),
                    }
                )
                for unit in range(1, units + 1):
                    for floor in range(1, floors + 1):
                        for flat in (1, 2):
                            flats.append(
                                _Flat(
                                    index,
                                    grid,
                                    building_id,
                                    building_name,
                                    str(unit),
                                    f"{floor}{flat:02d}",
                                )
                            )
            flats_by_site.append(flats)
        self._insert(Site, sites)
        self._insert(Grid, grids)
        self._insert(Building, buildings)
        self.counts.update(sites=len(sites), grids=len(grids), buildings=len(buildings))
        return [row["id"] for row in sites], flats_by_site, all_grids

    def _facilities(self, names: Sequence[str], chance: float) -> dict[str, dict[str, Any]]:
        """The profile's checklist, each item met or not (with why), as the grid service keeps it."""
        out: dict[str, dict[str, Any]] = {}
        for name in names:
            met = name in _BASIC_FACILITIES or self.rng.random() < chance
            out[name] = {"met": met, "note": "" if met else self.rng.choice(_FACILITY_GAPS)}
        return out

    def place_households(
        self, households: int, flats_by_site: list[list[_Flat]], grids: list[_GridInfo]
    ) -> list[_Flat]:
        """One flat per household, site by site, leaving about one flat in ten empty."""
        rng = self.rng
        shares = [math.floor(p.share * households) for p in _SITE_PLANS]
        shares[0] += households - sum(shares)
        placed: list[_Flat] = []
        for index, count in enumerate(shares):
            flats = flats_by_site[index]
            if not flats:  # scattered: a grid, no building
                site_grids = [g for g in grids if g.site_index == index]
                placed += [
                    _Flat(index, site_grids[i % len(site_grids)], None, "", "", "")
                    for i in range(count)
                ]
                continue
            empty = len(flats) - count
            chosen = sorted(rng.sample(range(len(flats)), count)) if empty > 0 else range(count)
            placed += [flats[i] for i in chosen]
        return placed

    # -- people

    def _person_name(self, male: bool, surname: str | None = None) -> tuple[str, str]:
        """(surname, full name): local Tujia and Miao surnames mixed with Faker's."""
        fake, rng = self.fake, self.rng
        if not surname:
            surname = _weighted(rng, _LOCAL_SURNAMES) if rng.random() < 0.6 else fake.last_name()
        given = fake.first_name_male() if male else fake.first_name_female()
        return surname, surname + given

    def _spaced_ages(self, lo: int, hi: int, n: int) -> list[int]:
        """Up to ``n`` brothers' and sisters' ages in ``lo..hi``, two to four years apart."""
        rng = self.rng
        if hi < lo or n <= 0:
            return []
        age = rng.randint(min(hi, lo + 2 * (n - 1)), hi)
        ages: list[int] = []
        while len(ages) < n and age >= lo:
            ages.append(age)
            age -= rng.randint(2, 4)
        return ages

    def _family(self, size: int) -> list[tuple[Relation, int, bool]]:
        """(relation, age, male) for each member, head first, ages fitting the relations."""
        rng = self.rng
        head_male = rng.random() < 0.82
        members: list[tuple[Relation, int, bool]] = []

        def child_relation(male: bool) -> Relation:
            return Relation.SON if male else Relation.DAUGHTER

        def grandchild_relation(male: bool) -> Relation:
            return Relation.GRANDSON if male else Relation.GRANDDAUGHTER

        if size == 1:
            age = rng.randint(60, 88) if rng.random() < 0.7 else rng.randint(24, 59)
            return [(Relation.HEAD, age, head_male)]
        if size == 2:
            kind = rng.random()
            if kind < 0.6:
                age = rng.randint(52, 84)
                spouse = max(
                    20, age - rng.randint(-2, 6) if head_male else age + rng.randint(-2, 6)
                )
                return [(Relation.HEAD, age, head_male), (Relation.SPOUSE, spouse, not head_male)]
            if kind < 0.85:
                age = rng.randint(36, 62)
                child_male = rng.random() < 0.5
                child = rng.randint(max(0, age - 38), age - 20)
                return [
                    (Relation.HEAD, age, head_male),
                    (child_relation(child_male), child, child_male),
                ]
            age = rng.randint(24, 45)
            parent_male = rng.random() < 0.35
            parent = min(92, age + rng.randint(22, 34))
            return [
                (Relation.HEAD, age, head_male),
                (Relation.FATHER if parent_male else Relation.MOTHER, parent, parent_male),
            ]
        three_generations = (size >= 5 and rng.random() < 0.55) or (
            size >= 4 and rng.random() < 0.15
        )
        age = rng.randint(48, 74) if three_generations else rng.randint(27, 56)
        members.append((Relation.HEAD, age, head_male))
        spouse = age - rng.randint(-2, 6) if head_male else age + rng.randint(-2, 6)
        spouse = max(20, spouse)
        members.append((Relation.SPOUSE, spouse, not head_male))
        youngest_parent = min(age, spouse)
        remaining = size - 2
        if three_generations:
            heir_male = rng.random() < 0.8
            heir = rng.randint(max(22, youngest_parent - 34), max(22, youngest_parent - 21))
            in_law = max(20, heir + rng.randint(-4, 4))
            members.append((child_relation(heir_male), heir, heir_male))
            members.append(
                (
                    Relation.DAUGHTER_IN_LAW if heir_male else Relation.SON_IN_LAW,
                    in_law,
                    not heir_male,
                )
            )
            remaining -= 2
            young_parent = min(heir, in_law)
            grand_ages = self._spaced_ages(0, young_parent - 20, min(remaining, rng.randint(1, 3)))
            for grand in grand_ages:
                male = rng.random() < 0.52
                members.append((grandchild_relation(male), grand, male))
            remaining -= len(grand_ages)
            while remaining > 0:  # a younger, unmarried child
                male = rng.random() < 0.5
                child = rng.randint(max(14, youngest_parent - 40), max(14, heir - 2))
                members.append((child_relation(male), child, male))
                remaining -= 1
            return members
        child_ages = self._spaced_ages(
            max(0, youngest_parent - 36),
            youngest_parent - 20,
            min(remaining, rng.choice((1, 2, 2, 2, 3, 3, 4))),
        )
        for child in child_ages:
            male = rng.random() < 0.52
            members.append((child_relation(male), child, male))
        remaining -= len(child_ages)
        for parent_male in (False, True):
            if remaining <= 0:
                break
            parent = age + rng.randint(22, 32)
            if parent <= 92:
                members.append(
                    (Relation.FATHER if parent_male else Relation.MOTHER, parent, parent_male)
                )
                remaining -= 1
        while remaining > 0:
            male = rng.random() < 0.7
            members.append((Relation.SIBLING, max(18, age + rng.randint(-8, 8)), male))
            remaining -= 1
        return members

    def _education(self, age: int, schooling: Schooling) -> str:
        rng = self.rng
        if schooling is not Schooling.NOT_IN_SCHOOL and schooling is not Schooling.PRESCHOOL:
            return {
                Schooling.PRIMARY: Education.PRIMARY,
                Schooling.JUNIOR: Education.JUNIOR,
                Schooling.SENIOR: Education.SENIOR,
                Schooling.VOCATIONAL: Education.VOCATIONAL,
                Schooling.COLLEGE: Education.COLLEGE,
            }[schooling].value
        if age < 6:
            return ""
        if age < 16:
            return Education.PRIMARY.value
        born = self.today.year - age
        table: tuple[tuple[Education, int], ...]
        if born < 1960:
            table = (
                (Education.NONE, 35),
                (Education.PRIMARY, 45),
                (Education.JUNIOR, 17),
                (Education.SENIOR, 3),
            )
        elif born < 1980:
            table = (
                (Education.NONE, 8),
                (Education.PRIMARY, 35),
                (Education.JUNIOR, 45),
                (Education.SENIOR, 8),
                (Education.VOCATIONAL, 4),
            )
        elif born < 1996:
            table = (
                (Education.PRIMARY, 10),
                (Education.JUNIOR, 50),
                (Education.SENIOR, 18),
                (Education.VOCATIONAL, 15),
                (Education.COLLEGE, 7),
            )
        else:
            table = (
                (Education.JUNIOR, 30),
                (Education.SENIOR, 25),
                (Education.VOCATIONAL, 28),
                (Education.COLLEGE, 17),
            )
        return str(_weighted(rng, table).value)

    def _schooling(self, age: int) -> Schooling:
        rng = self.rng
        if 3 <= age <= 5:
            return Schooling.PRESCHOOL if rng.random() < 0.85 else Schooling.NOT_IN_SCHOOL
        if 6 <= age <= 11:
            return Schooling.PRIMARY
        if 12 <= age <= 14:
            return Schooling.JUNIOR
        if 15 <= age <= 17:
            return _weighted(
                rng,
                ((Schooling.SENIOR, 55), (Schooling.VOCATIONAL, 35), (Schooling.NOT_IN_SCHOOL, 10)),
            )
        if 18 <= age <= 22:
            return _weighted(
                rng,
                (
                    (Schooling.COLLEGE, 30),
                    (Schooling.VOCATIONAL, 8 if age <= 19 else 0),
                    (Schooling.NOT_IN_SCHOOL, 62),
                ),
            )
        return Schooling.NOT_IN_SCHOOL

    def _health(self, age: int) -> tuple[Health, int | None]:
        rng = self.rng
        if age < 40:
            table = (
                (Health.HEALTHY, 95),
                (Health.CHRONIC, 2),
                (Health.SERIOUS, 1),
                (Health.DISABLED, 2),
            )
        elif age < 60:
            table = (
                (Health.HEALTHY, 82),
                (Health.CHRONIC, 11),
                (Health.SERIOUS, 3),
                (Health.DISABLED, 4),
            )
        else:
            table = (
                (Health.HEALTHY, 50),
                (Health.CHRONIC, 38),
                (Health.SERIOUS, 6),
                (Health.DISABLED, 6),
            )
        health: Health = _weighted(rng, table)
        grade = (
            _weighted(rng, ((1, 10), (2, 25), (3, 35), (4, 30)))
            if health is Health.DISABLED
            else None
        )
        return health, grade

    def _labour(
        self, age: int, schooling: Schooling, health: Health, grade: int | None
    ) -> LabourCapacity:
        rng = self.rng
        if age < 16 or schooling is not Schooling.NOT_IN_SCHOOL:
            return LabourCapacity.NONE
        if health is Health.SERIOUS or (grade is not None and grade <= 2):
            return LabourCapacity.LOST
        if age >= 70:
            return LabourCapacity.NONE
        if age >= 60:
            return _weighted(
                rng,
                (
                    (LabourCapacity.PARTIAL, 50),
                    (LabourCapacity.NONE, 40),
                    (LabourCapacity.FULL, 10),
                ),
            )
        if health is not Health.HEALTHY and rng.random() < 0.6:
            return LabourCapacity.PARTIAL
        return LabourCapacity.SKILLED if rng.random() < 0.28 else LabourCapacity.FULL

    def _employment(
        self, age: int, labour: LabourCapacity, move_in: date, birth: date
    ) -> dict[str, Any]:
        rng, fake = self.rng, self.fake
        out: dict[str, Any] = {
            "employment": EmploymentStatus.NOT_APPLICABLE.value,
            "employment_place": "",
            "employer": "",
            "monthly_income": 0,
            "employed_since": None,
        }
        if labour in (LabourCapacity.NONE, LabourCapacity.LOST):
            return out
        table: tuple[tuple[EmploymentStatus, int], ...]
        if labour is LabourCapacity.PARTIAL or age >= 55:
            table = (
                (EmploymentStatus.PUBLIC_WELFARE, 30),
                (EmploymentStatus.FARMING, 35),
                (EmploymentStatus.EMPLOYED, 10),
                (EmploymentStatus.UNEMPLOYED, 25),
            )
        else:
            table = (
                (EmploymentStatus.EMPLOYED, 58),
                (EmploymentStatus.SELF_EMPLOYED, 8),
                (EmploymentStatus.PUBLIC_WELFARE, 5),
                (EmploymentStatus.FARMING, 11),
                (EmploymentStatus.UNEMPLOYED, 18),
            )
        status: EmploymentStatus = _weighted(rng, table)
        out["employment"] = status.value
        if status is EmploymentStatus.UNEMPLOYED:
            return out
        place = EmploymentPlace.IN_COUNTY
        if status is EmploymentStatus.EMPLOYED:
            place = _weighted(
                rng,
                (
                    (EmploymentPlace.IN_COUNTY, 45),
                    (EmploymentPlace.IN_PROVINCE, 15),
                    (EmploymentPlace.OUT_OF_PROVINCE, 40),
                ),
            )
            if place is EmploymentPlace.IN_COUNTY:
                employer = (
                    rng.choice(_LOCAL_EMPLOYERS) if rng.random() < 0.6 else "永顺" + fake.company()
                )
                income = rng.randrange(2200, 4200, 50)
            elif place is EmploymentPlace.IN_PROVINCE:
                employer = rng.choice(_IN_PROVINCE_CITIES) + fake.company()
                income = rng.randrange(3000, 5200, 50)
            else:
                employer = rng.choice(_OUT_OF_PROVINCE_CITIES) + fake.company()
                income = rng.randrange(4000, 7600, 50)
        elif status is EmploymentStatus.SELF_EMPLOYED:
            employer = rng.choice(_SELF_EMPLOYED)
            income = rng.randrange(2500, 8000, 100)
        elif status is EmploymentStatus.PUBLIC_WELFARE:
            employer = f"公益性岗位（{rng.choice(_PUBLIC_WELFARE_POSTS)}）"
            income = rng.randrange(800, 1500, 50)
        else:
            employer = ""
            income = rng.randrange(400, 1500, 50)
        adult = _years_before(birth, -16)
        start = max(adult, move_in - timedelta(days=730))
        end = self.today - timedelta(days=20)
        since = (
            start + timedelta(days=rng.randrange(max(1, (end - start).days)))
            if start < end
            else end
        )
        out.update(
            employment_place=place.value,
            employer=employer[:100],
            monthly_income=income,
            employed_since=since,
        )
        return out

    def _household(
        self, flat: _Flat, code: str, size: int
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        rng = self.rng
        today = self.today
        household_id = _uuid(rng)
        move_in = today - timedelta(days=rng.randint(60, 3300))
        base_ethnicity = _weighted(rng, _ETHNICITIES)
        family = self._family(size)
        dibao_household = rng.random() < 0.1
        persons: list[dict[str, Any]] = []
        # Children take their father's surname; grandchildren their own father's.
        head_surname = father_surname = grand_surname = ""
        for order, (relation, age, male) in enumerate(family):
            if relation in (Relation.FATHER, Relation.SIBLING):
                wanted: str | None = head_surname
            elif relation in (Relation.SON, Relation.DAUGHTER):
                wanted = father_surname
            elif relation in (Relation.GRANDSON, Relation.GRANDDAUGHTER):
                wanted = grand_surname or father_surname
            else:
                wanted = None
            surname, name = self._person_name(male, wanted)
            if relation is Relation.HEAD:
                head_surname = father_surname = surname
            elif relation is Relation.SPOUSE and male:
                father_surname = surname
            elif relation is Relation.SON_IN_LAW:
                grand_surname = surname
            birth = _birth_for_age(rng, age, today)
            schooling = self._schooling(age)
            health, grade = self._health(age)
            labour = self._labour(age, schooling, health, grade)
            work = self._employment(age, labour, move_in, birth)
            skilled = labour is LabourCapacity.SKILLED or (
                labour is LabourCapacity.FULL and rng.random() < 0.3
            )
            skills = "、".join(rng.sample(_SKILLS, rng.randint(1, 2))) if skilled else ""
            wish = (
                rng.choice([s for s in _SKILLS if s not in skills])
                if labour in (LabourCapacity.FULL, LabourCapacity.SKILLED, LabourCapacity.PARTIAL)
                and rng.random() < 0.3
                else ""
            )
            adult_worker = age >= 16 and schooling is Schooling.NOT_IN_SCHOOL
            full, initials = self.pinyin.keys(name)
            persons.append(
                {
                    "id": _uuid(rng),
                    "household_id": household_id,
                    "sort_order": order,
                    "name": name,
                    "name_pinyin": full,
                    "name_initials": initials,
                    "resident_id": self._resident_id(birth, male),
                    "relation": relation.value,
                    "ethnicity": base_ethnicity
                    if rng.random() < 0.85
                    else _weighted(rng, _ETHNICITIES),
                    "education": self._education(age, schooling),
                    "health": health.value,
                    "disability_grade": grade,
                    "labour": labour.value,
                    "schooling": schooling.value,
                    **work,
                    "skills": skills,
                    "training_wish": wish,
                    "medical_insurance": rng.random() < 0.98,
                    "pension_insurance": adult_worker and rng.random() < 0.85,
                    "dibao": dibao_household,
                    "tekun": size == 1
                    and age >= 60
                    and labour is not LabourCapacity.FULL
                    and rng.random() < 0.5,
                    "phone": _mobile(rng) if 16 <= age <= 72 and rng.random() < 0.75 else "",
                    **self._stamp(),
                }
            )
        for person in persons:
            self._employment_services(person, move_in)
        phone = next((p["phone"] for p in persons if p["phone"]), "") or _mobile(rng)
        household = self._household_row(household_id, flat, code, move_in, persons, phone)
        return household, persons

    def _household_row(
        self,
        household_id: str,
        flat: _Flat,
        code: str,
        move_in: date,
        persons: list[dict[str, Any]],
        phone: str,
    ) -> dict[str, Any]:
        rng, today, rule = self.rng, self.today, self.profile.old_house
        kind = _SITE_PLANS[flat.site_index].kind
        employed = sum(
            1
            for p in persons
            if p["employment"]
            in (
                EmploymentStatus.EMPLOYED.value,
                EmploymentStatus.SELF_EMPLOYED.value,
                EmploymentStatus.PUBLIC_WELFARE.value,
            )
        )
        frail = any(
            p["health"] == Health.SERIOUS.value or (p["disability_grade"] or 9) <= 2
            for p in persons
        )
        # Monitoring follows the records: illness, no work, or plain bad luck.
        monitoring = MonitoringCategory.NONE
        reason = ""
        roll = rng.random()
        if frail and roll < 0.3:
            monitoring = MonitoringCategory.SUDDEN_HARDSHIP
            reason = "家庭成员患大病或重度残疾，医疗支出大"
        elif employed == 0 and roll < 0.25:
            monitoring = MonitoringCategory.MARGINAL
            reason = "家庭无人就业，人均纯收入接近监测线"
        elif roll < 0.05:
            monitoring = MonitoringCategory.UNSTABLE
            reason = rng.choice(("务工人员返乡，收入不稳定", "主要劳动力患慢性病，收入下降"))
        monitoring_since = None
        exit_date = None
        exit_reason = ""
        if monitoring is not MonitoringCategory.NONE:
            monitoring_since = max(move_in, today - timedelta(days=rng.randint(30, 900)))
            self.periods.append(
                self._period(household_id, monitoring, monitoring_since, reason, None, "")
            )
        elif rng.random() < 0.04:
            since = max(move_in, today - timedelta(days=rng.randint(400, 1200)))
            exit_date = min(today, since + timedelta(days=rng.randint(180, 380)))
            exit_reason = "家庭收入持续稳定，风险已消除"
            was = rng.choice((MonitoringCategory.UNSTABLE, MonitoringCategory.MARGINAL))
            self.periods.append(
                self._period(
                    household_id, was, since, "人均纯收入低于监测线", exit_date, exit_reason
                )
            )
        # Old house: within the profile's deadlines mostly, some late, some not yet done.
        hazard = rng.random() < 0.1
        # a profile without deadlines still gets houses demolished at a believable pace
        demolish_due = rule.demolish_by(move_in, hazard) or move_in + timedelta(days=180)
        status = _weighted(
            rng,
            (
                (OldHouseStatus.RECLAIMED, 62),
                (OldHouseStatus.DEMOLISHED, 16),
                (OldHouseStatus.STANDING, 12),
                (OldHouseStatus.RETAINED, 6),
                (OldHouseStatus.NONE, 4),
            ),
        )
        demolished_on = reclaimed_on = None
        note = ""
        if status in (OldHouseStatus.RECLAIMED, OldHouseStatus.DEMOLISHED):
            late = rng.random() < 0.12
            latest = max(0, (demolish_due - move_in).days)
            delay = latest + rng.randint(10, 200) if late else rng.randint(0, latest)
            demolished_on = move_in + timedelta(days=delay)
            if demolished_on > today:
                status, demolished_on = OldHouseStatus.STANDING, None
            if status is OldHouseStatus.RECLAIMED and demolished_on is not None:
                reclaim_due = rule.reclaim_by(move_in, demolished_on)
                allowed = (reclaim_due - demolished_on).days if reclaim_due else 180
                days = rng.randint(20, max(allowed, 21) + (120 if rng.random() < 0.1 else 0))
                reclaimed_on = demolished_on + timedelta(days=days)
                if reclaimed_on > today:
                    status, reclaimed_on = OldHouseStatus.DEMOLISHED, None
        elif status is OldHouseStatus.RETAINED:
            note = rng.choice(("经鉴定为传统村落保护建筑，予以保留", "经鉴定作为生产用房保留"))
        elif status is OldHouseStatus.STANDING and today > demolish_due:
            note = rng.choice(
                ("户主不同意拆除，正在做工作", "旧房内仍有农具杂物，约定近期拆除", "")
            )
        cadre_name, cadre_phone = rng.choice(flat.grid.cadres)
        # The list's columns exactly as the household service keeps them.
        keys = households_service.household_keys(
            code=code,
            building_name=flat.building_name,
            unit=flat.unit,
            room=flat.room,
            phone=phone,
            members=[
                households_service.MemberSearchInput(
                    p["name"], p["relation"], p["resident_id"], p["phone"]
                )
                for p in persons
            ],
        )
        return {
            "id": household_id,
            "code": code,
            "site_id": None,  # filled by the caller, which knows the site's id
            "grid_id": flat.grid.id,
            "building_id": flat.building_id,
            "unit": flat.unit,
            "room": flat.room,
            "origin_village": (
                f"{self.county_name}{rng.choice(_ORIGIN_TOWNSHIPS)}{rng.choice(_VILLAGE_STEMS)}村"
            ),
            "move_in_date": move_in,
            "category": (
                HouseholdCategory.FILED if rng.random() < 0.78 else HouseholdCategory.SYNCHRONOUS
            ).value,
            "phone": phone,
            "monitoring": monitoring.value,
            "monitoring_since": monitoring_since,
            "monitoring_reason": reason,
            "monitoring_exit_date": exit_date,
            "monitoring_exit_reason": exit_reason,
            "old_house_status": status.value,
            "old_house_hazard": hazard and status is not OldHouseStatus.NONE,
            "old_house_demolished_on": demolished_on,
            "old_house_reclaimed_on": reclaimed_on,
            "old_house_note": note,
            "property_certificate": rng.random() < (0.88 if (today - move_in).days > 365 else 0.3),
            "vegetable_plot": rng.random() < _PLOT_CHANCE[kind],
            "income_industry": rng.choice(_INDUSTRIES) if rng.random() < 0.6 else "",
            "cadre_name": cadre_name,
            "cadre_phone": cadre_phone,
            "head_name": keys.head_name,
            "head_pinyin": keys.head_pinyin,
            "member_count": keys.member_count,
            "search_text": keys.search_text,
            **self._stamp(),
        }

    def _period(
        self,
        household_id: str,
        category: MonitoringCategory,
        entered: date,
        reason: str,
        exited: date | None,
        exit_reason: str,
    ) -> dict[str, Any]:
        """One stretch in a monitored category, as the survey keeps its history."""
        return {
            "id": _uuid(self.rng),
            "household_id": household_id,
            "category": category.value,
            "entered_on": entered,
            "entry_reason": reason,
            "exited_on": exited,
            "exit_reason": exit_reason,
            **self._stamp(),
        }

    def _employment_services(self, person: dict[str, Any], move_in: date) -> None:
        """Job offers, career guidance and training news given to an unemployed labourer
        this past year (Chenzhou's "311"; other profiles record them too)."""
        rng = self.rng
        if person["employment"] != EmploymentStatus.UNEMPLOYED.value or rng.random() < 0.4:
            return
        for _ in range(rng.randint(1, 4)):
            day = self.today - timedelta(days=rng.randint(0, 364))
            if day < move_in:
                continue
            kind: ServiceKind = _weighted(
                rng,
                (
                    (ServiceKind.JOB_OFFER, 50),
                    (ServiceKind.CAREER_GUIDANCE, 25),
                    (ServiceKind.FREE_TRAINING, 25),
                ),
            )
            self.services.append(
                {
                    "id": _uuid(rng),
                    "person_id": person["id"],
                    "household_id": person["household_id"],
                    "kind": kind.value,
                    "service_date": day,
                    "note": rng.choice(_SERVICE_NOTES[kind]),
                    **self._stamp(),
                }
            )

    # -- care

    def _visit_days(self, monitored: bool) -> list[date]:
        rng, today = self.rng, self.today
        days = []
        first = today.replace(day=1)
        for back in range(VISIT_MONTHS):
            start = _months_before(first, back)
            end = today if back == 0 else _months_before(first, back - 1) - timedelta(days=1)
            span = (end - start).days + 1
            chance = (0.95 if monitored else 0.6) * (min(1.0, span / 30) if back == 0 else 1.0)
            if rng.random() < chance:
                days.append(start + timedelta(days=rng.randrange(span)))
        return days

    def _visits(
        self, household: dict[str, Any], persons: list[dict[str, Any]], handler: str | None
    ) -> list[dict[str, Any]]:
        """The monthly round (一月一更新) over the last few months: most households are seen
        most months, monitored ones nearly every month; this month's round is under way."""
        rng = self.rng
        monitored = household["monitoring"] != MonitoringCategory.NONE.value
        wages = sum(p["monthly_income"] for p in persons) * 12
        visits = []
        for day in self._visit_days(monitored):
            if day < household["move_in_date"]:
                continue
            checklist: dict[str, Any] = {}
            problems: list[str] = []
            for item in _CHECKLIST_ITEMS:
                ok = rng.random() > 0.04
                note = "" if ok else _CHECKLIST_PROBLEMS[item]
                checklist[item] = {"ok": ok, "note": note}
                if not ok:
                    problems.append(note)
            income = {
                "wages": int(wages * rng.uniform(0.75, 1.0)),
                "business": rng.choice((0, 0, 0, rng.randrange(1000, 12000, 100))),
                "property": rng.choice((0, 0, 500, 1000, 1500)),
                "transfers": (3720 * len(persons) if persons[0]["dibao"] else 0)
                + 1200 * sum(1 for p in persons if p["tekun"])
                + rng.choice((0, 600, 1200)),
            }
            total = sum(income.values())
            visits.append(
                {
                    "id": _uuid(rng),
                    "household_id": household["id"],
                    "user_id": handler,
                    "visited_on": day,
                    "kind": _weighted(
                        rng, ((VisitKind.DOOR, 50), (VisitKind.PHONE, 20), (VisitKind.MONTHLY, 30))
                    ).value,
                    "checklist": checklist,
                    "income": income,
                    "income_per_head": total // len(persons),
                    "notes": rng.choice(_VISIT_NOTES),
                    "problems": problems,
                    **self._stamp(),
                    "created_at": _china_time(day, rng.randint(9, 17), rng.randrange(60)),
                    "updated_at": _china_time(day, 18),
                }
            )
        return visits

    def _orders(self, seeds: list[_OrderSeed], admin_id: str | None) -> None:
        """About one household in eight has raised a request in the last four months."""
        rng, now, rule = self.rng, self.now, self.profile.service
        if not seeds:
            return
        calendar = work_orders.working_calendar(self.session)
        n_orders = max(1, len(seeds) * 12 // 100)
        orders: list[dict[str, Any]] = []
        timelines: list[list[_Event]] = []
        merges: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for _ in range(n_orders):
            seed = rng.choice(seeds)
            category: OrderCategory = _weighted(rng, _CATEGORY_WEIGHTS)
            source: OrderSource = _weighted(
                rng,
                (
                    (OrderSource.HOTLINE, 30),
                    (OrderSource.WECHAT, 25),
                    (OrderSource.WALK_IN, 20),
                    (OrderSource.VISIT, 15 if seed.visit_ids else 0),
                    (OrderSource.COUNTY, 10),
                ),
            )
            age_days = (
                rng.choice((0, 0, 1, 1, 2, 3)) if rng.random() < 0.25 else rng.randint(3, 120)
            )
            received_day = max(self.today - timedelta(days=age_days), seed.move_in)
            received = _china_time(received_day, rng.randint(8, 19), rng.randrange(60))
            if received > now:
                received = now - timedelta(minutes=rng.randint(5, 600))
            on_site = category in _ON_SITE_CATEGORIES
            caller_name, caller_phone = rng.choice(seed.callers)
            handler = seed.grid.handler_id or admin_id
            deadlines = sla.compute_deadlines(
                received, rule, needs_site_visit=on_site, calendar=calendar
            )
            order: dict[str, Any] = {
                "id": _uuid(rng),
                "code": "",
                "household_id": seed.household_id,
                "grid_id": seed.grid.id,
                "caller_name": caller_name,
                "caller_phone": caller_phone,
                "category": category.value,
                "source": source.value,
                "description": rng.choice(_ORDER_TEXTS[category]),
                "location": seed.location,
                "needs_site_visit": on_site,
                "urgent": rng.random() < 0.08,
                "handler_id": handler,
                "received_at": received,
                "respond_due": deadlines.respond,
                "arrive_due": deadlines.arrive,
                "resolve_due": deadlines.resolve,
                "deadline_provisional": deadlines.provisional,
                "resolution": "",
                "escalation_level": 0,
                "escalated_at": None,
                "extended": False,
                "linked_order_id": None,
                "merged_into_id": None,
                "visit_id": rng.choice(seed.visit_ids) if source is OrderSource.VISIT else None,
                "department": "",
                "cancel_reason": "",
                "extension_days": 0,
                "extension_reason": "",
                **self._stamp(),
                "created_at": received,
                "created_by": handler,
            }
            timeline = [
                _Event("received", received, f"受理：{_SOURCE_LABELS[source]}", {}, handler)
            ]
            state = self._lifecycle(order, timeline, orders, merges, calendar, admin_id)
            self._store_state(order, state)
            self._escalate(order, state, timeline)
            timeline.sort(key=lambda e: e.at)
            order["updated_at"] = timeline[-1].at
            order["updated_by"] = timeline[-1].user_id
            orders.append(order)
            timelines.append(timeline)
        # Codes in order of receipt, numbered per China day: GD20261120-003.
        per_day: dict[str, int] = {}
        for order in sorted(orders, key=lambda o: (o["received_at"], o["id"])):
            day = order["received_at"].astimezone(CHINA_TZ).strftime("%Y%m%d")
            per_day[day] = per_day.get(day, 0) + 1
            order["code"] = f"GD{day}-{per_day[day]:03d}"
        for data, target in merges:
            data["into_code"] = target["code"]
        events = [
            {
                "id": _uuid(rng),
                "order_id": order["id"],
                "kind": event.kind,
                "at": event.at,
                "device_time": event.at,
                "user_id": event.user_id,
                "note": event.note,
                "data": event.data,
                **self._stamp(),
                "created_at": event.at,
                "updated_at": event.at,
                "created_by": event.user_id,
                "updated_by": event.user_id,
            }
            for order, timeline in zip(orders, timelines, strict=True)
            for event in timeline
        ]
        # A merged order points at one generated before it: insert in generation order.
        for start in range(0, len(orders), 2000):
            self._insert(WorkOrder, orders[start : start + 2000])
        for start in range(0, len(events), 5000):
            self._insert(WorkOrderEvent, events[start : start + 5000])
        self.counts["orders"] = len(orders)
        self.counts["events"] = len(events)

    def _lifecycle(
        self,
        order: dict[str, Any],
        timeline: list[_Event],
        earlier: list[dict[str, Any]],
        merges: list[tuple[dict[str, Any], dict[str, Any]]],
        calendar: WorkingCalendar,
        admin_id: str | None,
    ) -> wo.OrderState:
        """Walk the order through the work-order state machine, stopping at ``now``.

        Most orders keep the profile's deadlines; about one in ten misses a stage,
        some ask for (and mostly get) more time, a few are cancelled, merged into an
        earlier order or transferred to a county department.
        """
        rng, now, rule = self.rng, self.now, self.profile.service
        received: datetime = order["received_at"]
        on_site: bool = order["needs_site_visit"]
        handler: str | None = order["handler_id"]
        state = wo.new_order(received, needs_site_visit=on_site)

        def step(
            action: Action,
            at: datetime,
            note: str = "",
            *,
            user: str | None = None,
            satisfaction: Satisfaction | None = None,
            data: dict[str, Any] | None = None,
        ) -> bool:
            """Take the step unless its time is still to come; steps never go backwards."""
            nonlocal state
            previous = state.last_step_at or received
            if at <= previous:
                at = previous + timedelta(minutes=rng.randint(1, 20))
            if at > now:
                return False
            state = wo.apply(state, action, at, now=now, satisfaction=satisfaction)
            timeline.append(_Event(action.value, at, note, data or {}, user or handler))
            return True

        ending = rng.random()
        if ending < 0.03:
            reason = rng.choice(("居民来电撤回诉求", "问题已自行解决，居民要求撤销"))
            if step(Action.CANCEL, received + timedelta(minutes=rng.randint(10, 600)), reason):
                order["cancel_reason"] = reason
            return state
        if ending < 0.06:
            twin = next(
                (
                    o
                    for o in reversed(earlier)
                    if o["category"] == order["category"]
                    and o["status"] not in (OrderStatus.MERGED, OrderStatus.CANCELLED)
                    and o["received_at"] < received
                ),
                None,
            )
            at = received + timedelta(minutes=rng.randint(2, 30))
            if twin is not None:
                data = {"into": twin["id"], "into_code": ""}  # the code is known later
                if step(Action.MERGE, at, "与同类诉求合并办理", data=data):
                    order["merged_into_id"] = twin["id"]
                    merges.append((data, twin))
                    return state
        if rng.random() < 0.08:
            responded = received + timedelta(minutes=rng.randint(4, 40))
        else:
            responded = received + timedelta(seconds=rng.randint(20, 175))
        if not step(Action.RESPOND, responded, "已电话联系居民"):
            return state
        last = responded
        transferred = ending < 0.1
        if transferred:
            department = rng.choice(_DEPARTMENTS)
            at = responded + timedelta(hours=rng.randint(1, 20))
            note = f"转{department}办理"
            if step(Action.TRANSFER_DEPARTMENT, at, note, data={"department": department}):
                order["department"] = department
                last = at
            else:
                return state
        elif on_site:
            if rng.random() < 0.1:
                arrived = received + timedelta(minutes=rng.randint(200, 600))
            else:
                arrived = received + timedelta(minutes=rng.randint(25, 170))
            if not step(Action.ARRIVE, arrived, "网格员到达现场"):
                return state
            last = arrived
        deadline: datetime = order["resolve_due"]
        late = rng.random() < 0.14
        if late and rng.random() < 0.5:
            days = rng.choice((2, 3, 5, 7))
            reason = rng.choice(_EXTENSION_REASONS)
            ask = max(deadline - timedelta(hours=rng.randint(6, 30)), last + timedelta(minutes=5))
            if step(Action.REQUEST_EXTENSION, ask, reason, data={"days": days}):
                order["extension_days"] = days
                order["extension_reason"] = reason
                new_due, provisional = sla.extend_deadline(deadline, days, rule, calendar)
                approve = ask + timedelta(hours=rng.randint(1, 8))
                if step(
                    Action.APPROVE_EXTENSION,
                    approve,
                    "同意延期",
                    user=admin_id,
                    data={"days": days, "from": deadline.isoformat(), "to": new_due.isoformat()},
                ):
                    order["resolve_due"] = deadline = new_due
                    order["deadline_provisional"] = order["deadline_provisional"] or provisional
                    order["extended"] = True
                    late = rng.random() < 0.2
                last = max(ask, approve)
        if late:
            finish = deadline + timedelta(hours=rng.randint(2, 72))
        else:
            window = int((deadline - last).total_seconds() // 60)
            finish = last + timedelta(minutes=rng.randint(min(30, window), max(30, window)))
        finish = max(finish, last + timedelta(minutes=1))
        fixed = on_site or (transferred and rng.random() < 0.5)
        resolution = rng.choice(_RESOLUTIONS if fixed else _ANSWERS)
        if not step(Action.RESOLVE if fixed else Action.ANSWER, finish, resolution):
            return state
        order["resolution"] = resolution
        followed = finish + timedelta(hours=rng.randint(4, 96))
        if rng.random() < 0.25:
            return state  # the follow-up call is still to be made
        satisfaction: Satisfaction = _weighted(
            rng,
            ((Satisfaction.SATISFIED, 80), (Satisfaction.BASIC, 15), (Satisfaction.UNSATISFIED, 5)),
        )
        reopened = satisfaction is Satisfaction.UNSATISFIED
        called = step(
            Action.FOLLOW_UP,
            followed,
            "电话回访" + ("：居民不满意，重新办理" if reopened else ""),
            satisfaction=satisfaction,
            data={
                "satisfaction_value": satisfaction.value,
                **({"reopened": True} if reopened else {}),
            },
        )
        if called and reopened:
            again = sla.compute_deadlines(
                followed, rule, needs_site_visit=on_site, calendar=calendar
            )
            order["arrive_due"] = again.arrive
            order["resolve_due"] = again.resolve
            order["deadline_provisional"] = again.provisional
            if rng.random() < 0.7:  # most reopened orders are put right the second time
                self._second_round(order, step, followed, fixed)
        return state

    def _second_round(
        self, order: dict[str, Any], step: Callable[..., bool], reopened_at: datetime, fixed: bool
    ) -> None:
        rng = self.rng
        at = reopened_at
        if order["needs_site_visit"]:
            at += timedelta(minutes=rng.randint(30, 170))
            if not step(Action.ARRIVE, at, "再次到达现场"):
                return
        at += timedelta(hours=rng.randint(2, 40))
        resolution = rng.choice(_RESOLUTIONS if fixed else _ANSWERS)
        if not step(Action.RESOLVE if fixed else Action.ANSWER, at, resolution):
            return
        order["resolution"] = resolution
        satisfaction = rng.choice((Satisfaction.SATISFIED, Satisfaction.BASIC))
        step(
            Action.FOLLOW_UP,
            at + timedelta(hours=rng.randint(4, 72)),
            "再次回访",
            satisfaction=satisfaction,
            data={"satisfaction_value": satisfaction.value},
        )

    def _store_state(self, order: dict[str, Any], state: wo.OrderState) -> None:
        """The state's columns and the next deadline the list sorts on, as the
        work-order service keeps them."""
        order.update(
            status=state.status.value,
            clock_start=state.clock_start,
            responded_at=state.responded_at,
            arrived_at=state.arrived_at,
            resolved_at=state.resolved_at,
            outcome=state.outcome.value,
            followed_up_at=state.followed_up_at,
            satisfaction=state.satisfaction,
            extension_state=state.extension.value,
            last_step_at=state.last_step_at,
            reopened=state.reopened,
        )
        stage = wo.next_stage(state)
        due = {
            sla.Stage.RESPOND: order["respond_due"],
            sla.Stage.ARRIVE: order["arrive_due"],
            sla.Stage.RESOLVE: order["resolve_due"],
            None: None,
        }[stage]
        order["next_stage"] = stage.value if stage else ""
        order["next_due"] = due
        order["next_warn_at"] = None
        if due is not None:
            start = order["received_at"] if stage is sla.Stage.RESPOND else state.clock_start
            order["next_warn_at"] = sla.warn_at(start, due, self.profile.service.warning_fraction)

    def _escalate(
        self, order: dict[str, Any], state: wo.OrderState, timeline: list[_Event]
    ) -> None:
        """Overdue open orders climb the profile's ladder as the escalation sweep moves them;
        orders that were finished late climbed it while they were overdue."""
        rule = self.profile.service
        if state.status in wo.OPEN:
            since, until = order["next_due"], self.now
        elif state.resolved_at is not None and state.resolved_at > order["resolve_due"]:
            since, until = order["resolve_due"], state.resolved_at
        else:
            return
        stage = order["next_stage"] if state.status in wo.OPEN else sla.Stage.RESOLVE.value
        for escalation in sla.escalation_steps(0, since, until, rule):
            data = {"level": escalation.level, "role": escalation.role, "stage": stage}
            timeline.append(_Event("escalated", escalation.at, "", data, None))
            order["escalation_level"] = escalation.level
            order["escalated_at"] = escalation.at

    # -- the whole run

    def build_people(
        self, households: int, flats: list[_Flat], site_ids: list[str]
    ) -> list[_OrderSeed]:
        rng = self.rng
        per_site_seq = [0] * len(_SITE_PLANS)
        width = max(4, len(str(households)))
        seeds: list[_OrderSeed] = []
        leaders: dict[str, list[tuple[bool, str]]] = {}
        size_weights = ((1, 6), (2, 13), (3, 18), (4, 22), (5, 18), (6, 12), (7, 7), (8, 4))
        for start in range(0, households, BATCH_HOUSEHOLDS):
            self._check_cancel()
            h_rows: list[dict[str, Any]] = []
            p_rows: list[dict[str, Any]] = []
            v_rows: list[dict[str, Any]] = []
            for flat in flats[start : start + BATCH_HOUSEHOLDS]:
                per_site_seq[flat.site_index] += 1
                code = f"{self.township_code}-{flat.site_index + 1:02d}-{per_site_seq[flat.site_index]:0{width}d}"
                household, persons = self._household(flat, code, _weighted(rng, size_weights))
                household["site_id"] = site_ids[flat.site_index]
                visits = self._visits(household, persons, flat.grid.handler_id)
                h_rows.append(household)
                p_rows += persons
                v_rows += visits
                if flat.building_id is not None:
                    leaders.setdefault(flat.building_id, []).append(
                        (not persons[0]["phone"], persons[0]["id"])
                    )
                location = (
                    f"{flat.building_name}{flat.unit}单元{flat.room}"
                    if flat.building_id
                    else household["origin_village"]
                )
                seeds.append(
                    _OrderSeed(
                        household_id=household["id"],
                        grid=flat.grid,
                        location=location,
                        callers=[(p["name"], p["phone"]) for p in persons if p["phone"]]
                        or [(persons[0]["name"], household["phone"])],
                        visit_ids=[v["id"] for v in visits],
                        move_in=household["move_in_date"],
                    )
                )
            self._insert(Household, h_rows)
            self._insert(Person, p_rows)
            self._insert(Visit, v_rows)
            self._insert(MonitoringPeriod, self.periods)
            self._insert(EmploymentService, self.services)
            self.periods, self.services = [], []
            self.counts["households"] += len(h_rows)
            self.counts["persons"] += len(p_rows)
            self.counts["visits"] += len(v_rows)
            if self.progress is not None:
                self.progress(self.counts["households"], households)
        # Each building's leader (楼栋长) is the head of one of its households, one with
        # a phone where there is one: the cards print the leader's number.
        updates = [
            {
                "id": b,
                "leader_person_id": rng.choice(
                    [h for no_phone, h in heads if not no_phone] or [h for _, h in heads]
                ),
                "updated_at": self.now,
            }
            for b, heads in sorted(leaders.items())
        ]
        if updates:
            self.session.execute(update(Building), updates)
        return seeds


def _existing(session: Session) -> tuple[int, int]:
    households = session.scalar(
        select(func.count()).select_from(Household).where(Household.deleted.is_(False))
    )
    sites = session.scalar(select(func.count()).select_from(Site).where(Site.deleted.is_(False)))
    return int(households or 0), int(sites or 0)


def _accounts(
    session: Session, created_township: bool
) -> tuple[list[DemoAccount], str | None, list[tuple[DemoAccount, str]]]:
    """Create the demo accounts whose user names are free; the admin exists after set-up."""
    made: list[DemoAccount] = []
    grid_members: list[tuple[DemoAccount, str]] = []
    admin_id: str | None = None
    for account in DEMO_ACCOUNTS:
        existing = session.scalar(select(User).where(User.username == account.username))
        if existing is not None:
            if created_township and account.role is Role.ADMIN:
                made.append(account)
                admin_id = existing.id
                existing.phone = existing.phone or account.phone
            elif account.role is Role.ADMIN:
                admin_id = existing.id
            continue
        info = auth.create_user(
            session,
            None,
            username=account.username,
            display_name=account.display_name,
            password=account.password,
            role=account.role,
            phone=account.phone,
        )
        made.append(account)
        if account.role is Role.GRID_MEMBER:
            grid_members.append((account, info.id))
        if account.role is Role.ADMIN:
            admin_id = info.id
    return made, admin_id, grid_members


def build_demo(
    session: Session,
    *,
    households: int,
    seed: int,
    today: date,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> DemoSummary:
    """Fill the township (set up as the demo township if need be) with demo records.

    Demo records must never mix with real ones, and demo accounts with printed
    passwords must never open a real township: a township set up for real is
    refused, and so is one that already has sites or households.
    ``households=0`` gives the sites, grids, buildings and accounts with nobody
    living there yet.
    """
    if households < 0:
        raise ValidationError("invalid", field="households")
    current = township.township_info(session)
    if current is not None and not current.demo:
        raise DemoRealTownship(township=current.township_name)
    existing_households, existing_sites = _existing(session)
    if existing_households or existing_sites:
        raise DemoTownshipNotEmpty(households=existing_households, sites=existing_sites)
    created = False
    if not township.is_set_up(session):
        admin = DEMO_ACCOUNTS[0]
        township.set_up(
            session,
            profile_id=DEMO_PROFILE,
            county_code=DEMO_COUNTY_CODE,
            county_name=DEMO_COUNTY_NAME,
            township_code=DEMO_TOWNSHIP_CODE,
            township_name=DEMO_TOWNSHIP_NAME,
            admin_username=admin.username,
            admin_display_name=admin.display_name,
            admin_password=admin.password,
            demo=True,
        )
        created = True
    info = township.township_info(session)
    assert info is not None
    accounts, admin_id, grid_members = _accounts(session, created)
    builder = _Builder(
        session,
        seed=seed,
        today=today,
        profile=township.policy(session),
        township_code=info.township_code,
        county_code=info.county_code,
        county_name=info.county_name,
        township_name=info.township_name,
        area_id=township.township_area(session).id,
        admin_id=admin_id,
        progress=progress,
        cancel=cancel,
    )
    site_ids, flats_by_site, grids = builder.build_places(
        households, [uid for _, uid in grid_members]
    )
    # Bind each grid member to the grids they lead.
    links = [
        {
            "id": UserGrid.key(g.handler_id, g.id),
            "user_id": g.handler_id,
            "grid_id": g.id,
            **builder._stamp(),
        }
        for g in grids
        if g.handler_id
    ]
    if links:
        session.execute(insert(UserGrid), links)
    flats = builder.place_households(households, flats_by_site, grids)
    seeds = builder.build_people(households, flats, site_ids)
    builder._check_cancel()
    builder._orders(seeds, admin_id)
    session.flush()
    session.expire_all()
    counts = builder.counts
    return DemoSummary(
        county_name=info.county_name,
        county_code=info.county_code,
        township_name=info.township_name,
        township_code=info.township_code,
        created_township=created,
        sites=counts["sites"],
        grids=counts["grids"],
        buildings=counts["buildings"],
        households=counts["households"],
        persons=counts["persons"],
        visits=counts["visits"],
        work_orders=counts["orders"],
        work_order_events=counts["events"],
        accounts=tuple(accounts),
    )
