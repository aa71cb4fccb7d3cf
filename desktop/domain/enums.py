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
