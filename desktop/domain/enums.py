"""Closed vocabularies of the domain, stored as their string values.

Labels are not here: the UI translates each value (``desktop/ui/labels.py``),
reports receive labels passed in.  Values are stable across versions because
they travel in sync packages.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    GRID_MEMBER = "grid_member"  # 网格员: own grids only
    ADMIN = "admin"  # 乡镇管理员: the whole township, manages users
    VIEWER = "viewer"  # 只读


class AreaLevel(StrEnum):
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


class SiteKind(StrEnum):
    TOWN = "town"  # 城镇安置
    CENTRAL_VILLAGE = "central_village"  # 中心村安置
    INDUSTRIAL_PARK = "industrial_park"  # 产业园区安置
    TOURISM = "tourism"  # 乡村旅游区安置
    SCATTERED = "scattered"  # 分散安置


class HouseholdCategory(StrEnum):
    FILED = "filed"  # 建档立卡搬迁户
    SYNCHRONOUS = "synchronous"  # 同步搬迁户


class MonitoringCategory(StrEnum):
    NONE = "none"
    UNSTABLE = "unstable"  # 脱贫不稳定户
    MARGINAL = "marginal"  # 边缘易致贫户
    SUDDEN_HARDSHIP = "sudden_hardship"  # 突发严重困难户


class RiskType(StrEnum):
    """Return-to-poverty risk types, as the national monitoring system (全国防返贫监测信息系统)
    names them; stored by these identifiers, printed by the system's names."""

    ILLNESS = "illness"  # 因病
    DISABILITY = "disability"  # 因残
    SCHOOLING = "schooling"  # 因学
    DISASTER = "disaster"  # 因灾
    ACCIDENT = "accident"  # 因意外事故
    INDUSTRY_FAILURE = "industry_failure"  # 因产业项目失败
    UNSTABLE_JOB = "unstable_job"  # 因务工就业不稳
    NO_LABOUR = "no_labour"  # 缺劳动力
    HOUSING = "housing"  # 住房出现安全问题
    DRINKING_WATER = "drinking_water"  # 饮水安全问题
    INCOME_DROP = "income_drop"  # 人均纯收入大幅下降
    OTHER = "other"  # 其他


class MeasureKind(StrEnum):
    """Assistance measures taken for a monitored household (帮扶措施)."""

    INDUSTRY = "industry"  # 产业帮扶
    EMPLOYMENT = "employment"  # 就业帮扶
    PUBLIC_WELFARE_POST = "public_welfare_post"  # 公益岗位帮扶
    FINANCE = "finance"  # 金融帮扶（小额信贷）
    HEALTH = "health"  # 健康帮扶
    EDUCATION = "education"  # 教育帮扶
    HOUSING = "housing"  # 住房安全保障
    DRINKING_WATER = "drinking_water"  # 饮水安全保障
    SAFETY_NET = "safety_net"  # 综合保障（低保、特困供养）
    TEMPORARY_RELIEF = "temporary_relief"  # 临时救助
    SOCIAL = "social"  # 社会帮扶
    OTHER = "other"  # 其他


class AttachmentKind(StrEnum):
    """What a file of the household's record (一户一档) is."""

    DEMOLITION_PHOTO = "demolition_photo"  # 旧房拆除照片
    RECLAIM_PHOTO = "reclaim_photo"  # 复垦复绿照片
    DOUBLE_AGREEMENT = "double_agreement"  # 搬迁安置与拆除复垦“双签协议”
    PROPERTY_CERTIFICATE = "property_certificate"  # 不动产权证书
    OTHER = "other"  # 其他材料


class AssetKind(StrEnum):
    """A site's fixed assets (Guizhou: 商业门面、车库、农贸市场等固定资产)."""

    SHOP = "shop"  # 商铺门面
    GARAGE = "garage"  # 车库、车位
    MARKET = "market"  # 农贸市场摊位
    WORKSHOP = "workshop"  # 厂房
    OTHER = "other"  # 其他


class ProjectKind(StrEnum):
    """Follow-up support projects (后续扶持产业项目、帮扶车间、基地)."""

    INDUSTRY = "industry"  # 产业项目
    WORKSHOP = "workshop"  # 帮扶车间（扶贫车间）
    BASE = "base"  # 就业帮扶基地
    OTHER = "other"  # 其他


class SpecialGroup(StrEnum):
    """Groups the documents ask to be kept apart in ledgers and watched (特殊群体)."""

    LEFT_BEHIND_CHILD = "left_behind_child"  # 留守儿童（困境儿童）
    LEFT_BEHIND_ELDERLY = "left_behind_elderly"  # 留守老人
    LONE_ELDERLY = "lone_elderly"  # 孤寡老人、困难老人（鳏寡孤独）
    SERIOUS_ILLNESS = "serious_illness"  # 大病重病患者
    DISABILITY = "disability"  # 残疾人（重度残疾）
    RETURNING_LABOUR = "returning_labour"  # 返乡劳动力
    GRADUATE = "graduate"  # 高校毕业生


class OldHouseStatus(StrEnum):
    STANDING = "standing"  # 未拆除
    DEMOLISHED = "demolished"  # 已拆除
    RECLAIMED = "reclaimed"  # 已复垦复绿
    RETAINED = "retained"  # 经鉴定保留
    NONE = "none"  # 无旧房


class Relation(StrEnum):
    HEAD = "head"  # 户主
    SPOUSE = "spouse"  # 配偶
    SON = "son"
    DAUGHTER = "daughter"
    DAUGHTER_IN_LAW = "daughter_in_law"  # 儿媳
    SON_IN_LAW = "son_in_law"  # 女婿
    GRANDSON = "grandson"
    GRANDDAUGHTER = "granddaughter"
    FATHER = "father"
    MOTHER = "mother"
    SIBLING = "sibling"
    OTHER = "other"


class Health(StrEnum):
    HEALTHY = "healthy"
    CHRONIC = "chronic"  # 长期慢性病
    SERIOUS = "serious"  # 大病
    DISABLED = "disabled"  # 残疾


class LabourCapacity(StrEnum):
    FULL = "full"  # 普通劳动力
    SKILLED = "skilled"  # 技能劳动力
    PARTIAL = "partial"  # 弱劳动力或半劳动力
    NONE = "none"  # 无劳动力
    LOST = "lost"  # 丧失劳动力


class Education(StrEnum):
    NONE = "none"  # 文盲或半文盲
    PRIMARY = "primary"
    JUNIOR = "junior"
    SENIOR = "senior"
    VOCATIONAL = "vocational"
    COLLEGE = "college"


class Schooling(StrEnum):
    NOT_IN_SCHOOL = "not_in_school"
    PRESCHOOL = "preschool"
    PRIMARY = "primary"
    JUNIOR = "junior"
    SENIOR = "senior"
    VOCATIONAL = "vocational"
    COLLEGE = "college"


class EmploymentStatus(StrEnum):
    EMPLOYED = "employed"  # 务工
    SELF_EMPLOYED = "self_employed"  # 自主创业/个体
    PUBLIC_WELFARE = "public_welfare"  # 公益性岗位
    FARMING = "farming"  # 务农
    UNEMPLOYED = "unemployed"  # 未就业
    NOT_APPLICABLE = "not_applicable"  # 非劳动力/在校


class EmploymentPlace(StrEnum):
    IN_COUNTY = "in_county"
    IN_PROVINCE = "in_province"
    OUT_OF_PROVINCE = "out_of_province"


class VisitKind(StrEnum):
    DOOR = "door"  # 入户走访
    PHONE = "phone"  # 电话回访
    MONTHLY = "monthly"  # 月度更新


class OrderStatus(StrEnum):
    RECEIVED = "received"
    RESPONDED = "responded"
    ON_SITE = "on_site"
    RESOLVED = "resolved"
    ANSWERED = "answered"
    FOLLOWED_UP = "followed_up"
    TRANSFERRED = "transferred"
    MERGED = "merged"
    CANCELLED = "cancelled"


class OrderCategory(StrEnum):
    UTILITIES = "utilities"  # 水电气
    REPAIRS = "repairs"  # 维修
    HOUSING_QUALITY = "housing_quality"  # 住房质量
    JOBS = "jobs"  # 就业
    SCHOOL = "school"  # 就学
    MEDICAL = "medical"  # 就医
    SOCIAL_SECURITY = "social_security"  # 社会保障
    HOUSEHOLD_REGISTRATION = "household_registration"  # 户籍
    DISPUTE = "dispute"  # 矛盾纠纷
    PUBLIC_ORDER = "public_order"  # 治安
    SANITATION = "sanitation"  # 环境卫生
    OTHER = "other"


class OrderSource(StrEnum):
    HOTLINE = "hotline"  # 便民服务热线
    WECHAT = "wechat"  # 微信群
    WALK_IN = "walk_in"  # 来访
    VISIT = "visit"  # 走访发现
    COUNTY = "county"  # 县级转办（12345）
