"""Chinese labels for what reports print: enum values, column titles, card captions.

Reports import no Qt, so they cannot use the GUI's translations; the service
passes these labels in (a county wanting other wording passes other labels).
The same tables read a ledger back: :func:`reverse` maps a printed label to
its stored value.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.domain.enums import (
    AssetKind,
    AttachmentKind,
    Education,
    EmploymentPlace,
    EmploymentStatus,
    Health,
    HouseholdCategory,
    LabourCapacity,
    MeasureKind,
    MonitoringCategory,
    OldHouseStatus,
    OrderCategory,
    OrderSource,
    OrderStatus,
    ProjectKind,
    Relation,
    RiskType,
    Schooling,
    SiteKind,
    SpecialGroup,
    VisitKind,
)
from desktop.domain.five_ones import FiveOnesItem

ENUM_LABELS: dict[str, dict[str, str]] = {
    "category": {
        HouseholdCategory.FILED: "建档立卡搬迁户",
        HouseholdCategory.SYNCHRONOUS: "同步搬迁户",
    },
    "monitoring": {
        MonitoringCategory.NONE: "未纳入监测",
        MonitoringCategory.UNSTABLE: "脱贫不稳定户",
        MonitoringCategory.MARGINAL: "边缘易致贫户",
        MonitoringCategory.SUDDEN_HARDSHIP: "突发严重困难户",
    },
    "old_house_status": {
        OldHouseStatus.STANDING: "未拆除",
        OldHouseStatus.DEMOLISHED: "已拆除",
        OldHouseStatus.RECLAIMED: "已复垦复绿",
        OldHouseStatus.RETAINED: "经鉴定保留",
        OldHouseStatus.NONE: "无旧房",
    },
    "relation": {
        Relation.HEAD: "户主",
        Relation.SPOUSE: "配偶",
        Relation.SON: "儿子",
        Relation.DAUGHTER: "女儿",
        Relation.DAUGHTER_IN_LAW: "儿媳",
        Relation.SON_IN_LAW: "女婿",
        Relation.GRANDSON: "孙子",
        Relation.GRANDDAUGHTER: "孙女",
        Relation.FATHER: "父亲",
        Relation.MOTHER: "母亲",
        Relation.SIBLING: "兄弟姐妹",
        Relation.OTHER: "其他",
    },
    "risk_type": {
        RiskType.ILLNESS: "因病",
        RiskType.DISABILITY: "因残",
        RiskType.SCHOOLING: "因学",
        RiskType.DISASTER: "因灾",
        RiskType.ACCIDENT: "因意外事故",
        RiskType.INDUSTRY_FAILURE: "因产业项目失败",
        RiskType.UNSTABLE_JOB: "因务工就业不稳",
        RiskType.NO_LABOUR: "缺劳动力",
        RiskType.HOUSING: "住房出现安全问题",
        RiskType.DRINKING_WATER: "饮水安全问题",
        RiskType.INCOME_DROP: "人均纯收入大幅下降",
        RiskType.OTHER: "其他",
    },
    "measure": {
        MeasureKind.INDUSTRY: "产业帮扶",
        MeasureKind.EMPLOYMENT: "就业帮扶",
        MeasureKind.PUBLIC_WELFARE_POST: "公益岗位帮扶",
        MeasureKind.FINANCE: "金融帮扶",
        MeasureKind.HEALTH: "健康帮扶",
        MeasureKind.EDUCATION: "教育帮扶",
        MeasureKind.HOUSING: "住房安全保障",
        MeasureKind.DRINKING_WATER: "饮水安全保障",
        MeasureKind.SAFETY_NET: "综合保障",
        MeasureKind.TEMPORARY_RELIEF: "临时救助",
        MeasureKind.SOCIAL: "社会帮扶",
        MeasureKind.OTHER: "其他",
    },
    "attachment": {
        AttachmentKind.DEMOLITION_PHOTO: "旧房拆除照片",
        AttachmentKind.RECLAIM_PHOTO: "复垦复绿照片",
        AttachmentKind.DOUBLE_AGREEMENT: "双签协议",
        AttachmentKind.PROPERTY_CERTIFICATE: "不动产权证书",
        AttachmentKind.OTHER: "其他材料",
    },
    "visit_kind": {
        VisitKind.DOOR: "入户走访",
        VisitKind.PHONE: "电话回访",
        VisitKind.MONTHLY: "月度更新",
    },
    "asset": {
        AssetKind.SHOP: "商铺门面",
        AssetKind.GARAGE: "车库车位",
        AssetKind.MARKET: "农贸市场摊位",
        AssetKind.WORKSHOP: "厂房",
        AssetKind.OTHER: "其他",
    },
    "project": {
        ProjectKind.INDUSTRY: "产业项目",
        ProjectKind.WORKSHOP: "帮扶车间",
        ProjectKind.BASE: "就业帮扶基地",
        ProjectKind.OTHER: "其他",
    },
    "special_group": {
        SpecialGroup.LEFT_BEHIND_CHILD: "留守儿童",
        SpecialGroup.LEFT_BEHIND_ELDERLY: "留守老人",
        SpecialGroup.LONE_ELDERLY: "孤寡及困难老人",
        SpecialGroup.SERIOUS_ILLNESS: "大病重病患者",
        SpecialGroup.DISABILITY: "残疾人",
        SpecialGroup.RETURNING_LABOUR: "返乡劳动力",
        SpecialGroup.GRADUATE: "高校毕业生",
    },
    "health": {
        Health.HEALTHY: "健康",
        Health.CHRONIC: "长期慢性病",
        Health.SERIOUS: "大病",
        Health.DISABLED: "残疾",
    },
    "labour": {
        LabourCapacity.FULL: "普通劳动力",
        LabourCapacity.SKILLED: "技能劳动力",
        LabourCapacity.PARTIAL: "弱劳动力或半劳动力",
        LabourCapacity.NONE: "无劳动力",
        LabourCapacity.LOST: "丧失劳动力",
    },
    "education": {
        "": "",
        Education.NONE: "文盲或半文盲",
        Education.PRIMARY: "小学",
        Education.JUNIOR: "初中",
        Education.SENIOR: "高中",
        Education.VOCATIONAL: "中专/职高",
        Education.COLLEGE: "大专及以上",
    },
    "schooling": {
        Schooling.NOT_IN_SCHOOL: "非在校生",
        Schooling.PRESCHOOL: "学前教育",
        Schooling.PRIMARY: "小学在读",
        Schooling.JUNIOR: "初中在读",
        Schooling.SENIOR: "高中在读",
        Schooling.VOCATIONAL: "中职在读",
        Schooling.COLLEGE: "大学在读",
    },
    "employment": {
        EmploymentStatus.EMPLOYED: "务工",
        EmploymentStatus.SELF_EMPLOYED: "自主创业",
        EmploymentStatus.PUBLIC_WELFARE: "公益性岗位",
        EmploymentStatus.FARMING: "务农",
        EmploymentStatus.UNEMPLOYED: "未就业",
        EmploymentStatus.NOT_APPLICABLE: "非劳动力或在校",
    },
    "employment_place": {
        "": "",
        EmploymentPlace.IN_COUNTY: "县内",
        EmploymentPlace.IN_PROVINCE: "省内县外",
        EmploymentPlace.OUT_OF_PROVINCE: "省外",
    },
    "site_kind": {
        SiteKind.TOWN: "城镇安置",
        SiteKind.CENTRAL_VILLAGE: "中心村安置",
        SiteKind.INDUSTRIAL_PARK: "产业园区安置",
        SiteKind.TOURISM: "乡村旅游区安置",
        SiteKind.SCATTERED: "分散安置",
    },
    "order_category": {
        OrderCategory.UTILITIES: "水电气",
        OrderCategory.REPAIRS: "维修",
        OrderCategory.HOUSING_QUALITY: "住房质量",
        OrderCategory.JOBS: "就业",
        OrderCategory.SCHOOL: "就学",
        OrderCategory.MEDICAL: "就医",
        OrderCategory.SOCIAL_SECURITY: "社会保障",
        OrderCategory.HOUSEHOLD_REGISTRATION: "户籍",
        OrderCategory.DISPUTE: "矛盾纠纷",
        OrderCategory.PUBLIC_ORDER: "治安",
        OrderCategory.SANITATION: "环境卫生",
        OrderCategory.OTHER: "其他",
    },
    "order_source": {
        OrderSource.HOTLINE: "便民服务热线",
        OrderSource.WECHAT: "微信群",
        OrderSource.WALK_IN: "来访",
        OrderSource.VISIT: "走访发现",
        OrderSource.COUNTY: "县级转办",
    },
    "order_status": {
        OrderStatus.RECEIVED: "已受理",
        OrderStatus.RESPONDED: "已响应",
        OrderStatus.ON_SITE: "已到场",
        OrderStatus.RESOLVED: "已解决",
        OrderStatus.ANSWERED: "已答复",
        OrderStatus.FOLLOWED_UP: "已回访",
        OrderStatus.TRANSFERRED: "已转办",
        OrderStatus.MERGED: "已合并",
        OrderStatus.CANCELLED: "已撤销",
    },
    "five_ones": {
        FiveOnesItem.STABLE_JOB: "1人以上稳定就业",
        FiveOnesItem.SKILL: "掌握1门技能",
        FiveOnesItem.INDUSTRY: "1项增收产业",
        FiveOnesItem.VEGETABLE_PLOT: "1块菜地",
        FiveOnesItem.SOCIAL_SECURITY: "1套社会保障兜底",
    },
}

YES, NO = "是", "否"


def label(kind: str, value: str | None) -> str:
    """The printed label of a stored value; an unknown value prints as it is."""
    if value is None:
        return ""
    return ENUM_LABELS.get(kind, {}).get(value, value)


def reverse(kind: str, labels: Mapping[str, Mapping[str, str]] = ENUM_LABELS) -> dict[str, str]:
    """Printed label (and the stored value itself) -> stored value, for reading ledgers."""
    table = labels.get(kind, {})
    out = {str(v): str(v) for v in table}
    out.update({text: str(v) for v, text in table.items() if text})
    return out


def yes_no(value: bool) -> str:
    return YES if value else NO
