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


# What a person calls each table and field, where a record or a field is named on its
# own (conflict review, change history).
TABLE_LABELS: dict[str, str] = {
    "areas": "行政区划",
    "sites": "安置点",
    "grids": "网格",
    "buildings": "楼栋",
    "households": "户",
    "persons": "成员",
    "users": "账号",
    "devices": "设备",
    "user_grids": "网格成员",
    "visits": "走访",
    "work_orders": "工单",
    "work_order_events": "工单记录",
    "employment_services": "就业服务",
    "monitoring_periods": "监测记录",
    "monthly_snapshots": "月度快照",
    "published_rules": "县级发布",
}

_COMMON = {
    "deleted": "已删除",
    "code": "编号",
    "name": "名称",
    "phone": "联系电话",
}
FIELD_LABELS: dict[tuple[str, str], str] = {
    **{(t, k): v for t in TABLE_LABELS for k, v in _COMMON.items()},
    ("households", "code"): "户编号",
    ("households", "site_id"): "安置点",
    ("households", "grid_id"): "网格",
    ("households", "building_id"): "楼栋",
    ("households", "unit"): "单元",
    ("households", "room"): "房号",
    ("households", "origin_village"): "迁出村",
    ("households", "move_in_date"): "入住日期",
    ("households", "category"): "户类别",
    ("households", "monitoring"): "监测状态",
    ("households", "monitoring_since"): "纳入监测日期",
    ("households", "monitoring_reason"): "纳入监测原因",
    ("households", "monitoring_exit_date"): "退出监测日期",
    ("households", "monitoring_exit_reason"): "退出监测原因",
    ("households", "old_house_status"): "旧房状态",
    ("households", "old_house_hazard"): "旧房在危险区",
    ("households", "old_house_demolished_on"): "旧房拆除日期",
    ("households", "old_house_reclaimed_on"): "复垦复绿日期",
    ("households", "old_house_note"): "旧房备注",
    ("households", "property_certificate"): "不动产权证",
    ("households", "vegetable_plot"): "菜地",
    ("households", "income_industry"): "增收产业",
    ("households", "cadre_name"): "包户干部",
    ("households", "cadre_phone"): "包户干部电话",
    ("persons", "name"): "姓名",
    ("persons", "resident_id"): "身份证号",
    ("persons", "relation"): "与户主关系",
    ("persons", "ethnicity"): "民族",
    ("persons", "education"): "文化程度",
    ("persons", "health"): "健康状况",
    ("persons", "disability_grade"): "残疾等级",
    ("persons", "labour"): "劳动能力",
    ("persons", "schooling"): "在校情况",
    ("persons", "employment"): "就业状态",
    ("persons", "employment_place"): "务工地点",
    ("persons", "employer"): "就业单位",
    ("persons", "monthly_income"): "月收入（元）",
    ("persons", "employed_since"): "就业时间",
    ("persons", "skills"): "技能",
    ("persons", "training_wish"): "培训意愿",
    ("persons", "medical_insurance"): "医疗保险",
    ("persons", "pension_insurance"): "养老保险",
    ("persons", "dibao"): "低保",
    ("persons", "tekun"): "特困供养",
    ("persons", "household_id"): "所在户",
    ("persons", "sort_order"): "排序",
    ("work_orders", "code"): "工单编号",
    ("work_orders", "status"): "办理状态",
    ("work_orders", "category"): "诉求类别",
    ("work_orders", "source"): "诉求来源",
    ("work_orders", "description"): "诉求内容",
    ("work_orders", "caller_name"): "诉求人",
    ("work_orders", "caller_phone"): "诉求人电话",
    ("work_orders", "location"): "地点",
    ("work_orders", "handler_id"): "经办人",
    ("work_orders", "grid_id"): "网格",
    ("work_orders", "household_id"): "所属户",
    ("work_orders", "resolution"): "办理结果",
    ("work_orders", "responded_at"): "响应时间",
    ("work_orders", "arrived_at"): "到场时间",
    ("work_orders", "resolved_at"): "办结时间",
    ("work_orders", "followed_up_at"): "回访时间",
    ("work_orders", "satisfaction"): "满意度",
    ("work_orders", "urgent"): "紧急",
    ("work_orders", "cancel_reason"): "撤销原因",
    ("sites", "chief_name"): "点长",
    ("sites", "chief_phone"): "点长电话",
    ("sites", "address"): "地址",
    ("grids", "leader_user_id"): "网格长",
    ("buildings", "leader_person_id"): "楼栋长",
    ("users", "username"): "用户名",
    ("users", "display_name"): "姓名",
    ("users", "role"): "角色",
    ("users", "active"): "启用",
    ("visits", "visited_on"): "走访日期",
    ("visits", "notes"): "走访记录",
}

# Fields whose values are enumerated: the ENUM_LABELS kind that names them.
FIELD_ENUMS: dict[tuple[str, str], str] = {
    ("households", "category"): "category",
    ("households", "monitoring"): "monitoring",
    ("households", "old_house_status"): "old_house_status",
    ("persons", "relation"): "relation",
    ("persons", "health"): "health",
    ("persons", "labour"): "labour",
    ("persons", "education"): "education",
    ("persons", "schooling"): "schooling",
    ("persons", "employment"): "employment",
    ("persons", "employment_place"): "employment_place",
    ("sites", "kind"): "site_kind",
    ("work_orders", "category"): "order_category",
    ("work_orders", "source"): "order_source",
    ("work_orders", "status"): "order_status",
}
