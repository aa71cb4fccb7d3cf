"""Translated labels for the values of ``desktop/domain/enums.py``, for every page.

The domain stores stable English values; people read these labels.  Sources are
English, marked with ``QT_TRANSLATE_NOOP`` so ``scripts/update-translations``
finds them, and translated at call time so the running language applies.
Use :func:`label` for one value and :func:`choices` to fill a combo box.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.domain.enums import (
    AreaLevel,
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
    Role,
    Schooling,
    SiteKind,
    SpecialGroup,
    VisitKind,
)

CONTEXT = "Labels"
E = TypeVar("E", bound=StrEnum)


# (enum class, member) -> English source text.  Keyed by class as well because
# StrEnum members compare equal to their values: Education.PRIMARY ==
# Schooling.PRIMARY == "primary".
_PAIRS: tuple[tuple[StrEnum, object], ...] = (
    (Role.GRID_MEMBER, QT_TRANSLATE_NOOP("Labels", "Grid member")),
    (Role.ADMIN, QT_TRANSLATE_NOOP("Labels", "Township administrator")),
    (Role.VIEWER, QT_TRANSLATE_NOOP("Labels", "Viewer (read only)")),
    (AreaLevel.COUNTY, QT_TRANSLATE_NOOP("Labels", "County")),
    (AreaLevel.TOWNSHIP, QT_TRANSLATE_NOOP("Labels", "Township")),
    (AreaLevel.VILLAGE, QT_TRANSLATE_NOOP("Labels", "Village or community")),
    (SiteKind.TOWN, QT_TRANSLATE_NOOP("Labels", "Town resettlement")),
    (SiteKind.CENTRAL_VILLAGE, QT_TRANSLATE_NOOP("Labels", "Central village resettlement")),
    (SiteKind.INDUSTRIAL_PARK, QT_TRANSLATE_NOOP("Labels", "Industrial park resettlement")),
    (SiteKind.TOURISM, QT_TRANSLATE_NOOP("Labels", "Rural tourism area resettlement")),
    (SiteKind.SCATTERED, QT_TRANSLATE_NOOP("Labels", "Scattered resettlement")),
    (HouseholdCategory.FILED, QT_TRANSLATE_NOOP("Labels", "Registered poor household")),
    (HouseholdCategory.SYNCHRONOUS, QT_TRANSLATE_NOOP("Labels", "Moved along")),
    (MonitoringCategory.NONE, QT_TRANSLATE_NOOP("Labels", "Not monitored")),
    (MonitoringCategory.UNSTABLE, QT_TRANSLATE_NOOP("Labels", "Unstable after leaving poverty")),
    (MonitoringCategory.MARGINAL, QT_TRANSLATE_NOOP("Labels", "At the edge of poverty")),
    (MonitoringCategory.SUDDEN_HARDSHIP, QT_TRANSLATE_NOOP("Labels", "Sudden severe hardship")),
    (RiskType.ILLNESS, QT_TRANSLATE_NOOP("Labels", "Illness")),
    (RiskType.DISABILITY, QT_TRANSLATE_NOOP("Labels", "Disability (risk)")),
    (RiskType.SCHOOLING, QT_TRANSLATE_NOOP("Labels", "Schooling costs")),
    (RiskType.DISASTER, QT_TRANSLATE_NOOP("Labels", "Natural disaster")),
    (RiskType.ACCIDENT, QT_TRANSLATE_NOOP("Labels", "Accident")),
    (RiskType.INDUSTRY_FAILURE, QT_TRANSLATE_NOOP("Labels", "Failed industry project")),
    (RiskType.UNSTABLE_JOB, QT_TRANSLATE_NOOP("Labels", "Unstable work")),
    (RiskType.NO_LABOUR, QT_TRANSLATE_NOOP("Labels", "Lack of labour")),
    (RiskType.HOUSING, QT_TRANSLATE_NOOP("Labels", "Unsafe housing")),
    (RiskType.DRINKING_WATER, QT_TRANSLATE_NOOP("Labels", "Unsafe drinking water")),
    (RiskType.INCOME_DROP, QT_TRANSLATE_NOOP("Labels", "Income fell sharply")),
    (RiskType.OTHER, QT_TRANSLATE_NOOP("Labels", "Other risk")),
    (MeasureKind.INDUSTRY, QT_TRANSLATE_NOOP("Labels", "Industry support")),
    (MeasureKind.EMPLOYMENT, QT_TRANSLATE_NOOP("Labels", "Employment support")),
    (MeasureKind.PUBLIC_WELFARE_POST, QT_TRANSLATE_NOOP("Labels", "Public welfare post")),
    (MeasureKind.FINANCE, QT_TRANSLATE_NOOP("Labels", "Microcredit")),
    (MeasureKind.HEALTH, QT_TRANSLATE_NOOP("Labels", "Health support")),
    (MeasureKind.EDUCATION, QT_TRANSLATE_NOOP("Labels", "Education support")),
    (MeasureKind.HOUSING, QT_TRANSLATE_NOOP("Labels", "Housing safety")),
    (MeasureKind.DRINKING_WATER, QT_TRANSLATE_NOOP("Labels", "Drinking water safety")),
    (MeasureKind.SAFETY_NET, QT_TRANSLATE_NOOP("Labels", "Minimum allowance or hardship support")),
    (MeasureKind.TEMPORARY_RELIEF, QT_TRANSLATE_NOOP("Labels", "Temporary relief")),
    (MeasureKind.SOCIAL, QT_TRANSLATE_NOOP("Labels", "Social assistance")),
    (MeasureKind.OTHER, QT_TRANSLATE_NOOP("Labels", "Other measure")),
    (AttachmentKind.DEMOLITION_PHOTO, QT_TRANSLATE_NOOP("Labels", "Photo of the demolition")),
    (AttachmentKind.RECLAIM_PHOTO, QT_TRANSLATE_NOOP("Labels", "Photo of the reclaimed land")),
    (AttachmentKind.DOUBLE_AGREEMENT, QT_TRANSLATE_NOOP("Labels", "Double-signed agreement")),
    (AttachmentKind.PROPERTY_CERTIFICATE, QT_TRANSLATE_NOOP("Labels", "Property certificate")),
    (AttachmentKind.OTHER, QT_TRANSLATE_NOOP("Labels", "Other document")),
    (AssetKind.SHOP, QT_TRANSLATE_NOOP("Labels", "Shop front")),
    (AssetKind.GARAGE, QT_TRANSLATE_NOOP("Labels", "Garage or parking space")),
    (AssetKind.MARKET, QT_TRANSLATE_NOOP("Labels", "Market stall")),
    (AssetKind.WORKSHOP, QT_TRANSLATE_NOOP("Labels", "Workshop building")),
    (AssetKind.OTHER, QT_TRANSLATE_NOOP("Labels", "Other asset")),
    (ProjectKind.INDUSTRY, QT_TRANSLATE_NOOP("Labels", "Industry project")),
    (ProjectKind.WORKSHOP, QT_TRANSLATE_NOOP("Labels", "Help workshop")),
    (ProjectKind.BASE, QT_TRANSLATE_NOOP("Labels", "Employment base")),
    (ProjectKind.OTHER, QT_TRANSLATE_NOOP("Labels", "Other project")),
    (SpecialGroup.LEFT_BEHIND_CHILD, QT_TRANSLATE_NOOP("Labels", "Left-behind child")),
    (SpecialGroup.LEFT_BEHIND_ELDERLY, QT_TRANSLATE_NOOP("Labels", "Left-behind elderly")),
    (SpecialGroup.LONE_ELDERLY, QT_TRANSLATE_NOOP("Labels", "Lone or needy elderly")),
    (SpecialGroup.SERIOUS_ILLNESS, QT_TRANSLATE_NOOP("Labels", "Serious illness")),
    (SpecialGroup.DISABILITY, QT_TRANSLATE_NOOP("Labels", "Disability")),
    (SpecialGroup.RETURNING_LABOUR, QT_TRANSLATE_NOOP("Labels", "Returning migrant worker")),
    (SpecialGroup.GRADUATE, QT_TRANSLATE_NOOP("Labels", "College graduate")),
    (OldHouseStatus.STANDING, QT_TRANSLATE_NOOP("Labels", "Not demolished")),
    (OldHouseStatus.DEMOLISHED, QT_TRANSLATE_NOOP("Labels", "Demolished")),
    (OldHouseStatus.RECLAIMED, QT_TRANSLATE_NOOP("Labels", "Reclaimed and greened")),
    (OldHouseStatus.RETAINED, QT_TRANSLATE_NOOP("Labels", "Kept after assessment")),
    (OldHouseStatus.NONE, QT_TRANSLATE_NOOP("Labels", "No old house")),
    (Relation.HEAD, QT_TRANSLATE_NOOP("Labels", "Head of household")),
    (Relation.SPOUSE, QT_TRANSLATE_NOOP("Labels", "Spouse")),
    (Relation.SON, QT_TRANSLATE_NOOP("Labels", "Son")),
    (Relation.DAUGHTER, QT_TRANSLATE_NOOP("Labels", "Daughter")),
    (Relation.DAUGHTER_IN_LAW, QT_TRANSLATE_NOOP("Labels", "Daughter-in-law")),
    (Relation.SON_IN_LAW, QT_TRANSLATE_NOOP("Labels", "Son-in-law")),
    (Relation.GRANDSON, QT_TRANSLATE_NOOP("Labels", "Grandson")),
    (Relation.GRANDDAUGHTER, QT_TRANSLATE_NOOP("Labels", "Granddaughter")),
    (Relation.FATHER, QT_TRANSLATE_NOOP("Labels", "Father")),
    (Relation.MOTHER, QT_TRANSLATE_NOOP("Labels", "Mother")),
    (Relation.SIBLING, QT_TRANSLATE_NOOP("Labels", "Brother or sister")),
    (Relation.OTHER, QT_TRANSLATE_NOOP("Labels", "Other relation")),
    (Health.HEALTHY, QT_TRANSLATE_NOOP("Labels", "Healthy")),
    (Health.CHRONIC, QT_TRANSLATE_NOOP("Labels", "Chronic illness")),
    (Health.SERIOUS, QT_TRANSLATE_NOOP("Labels", "Serious illness")),
    (Health.DISABLED, QT_TRANSLATE_NOOP("Labels", "Disabled")),
    (LabourCapacity.FULL, QT_TRANSLATE_NOOP("Labels", "Ordinary labour")),
    (LabourCapacity.SKILLED, QT_TRANSLATE_NOOP("Labels", "Skilled labour")),
    (LabourCapacity.PARTIAL, QT_TRANSLATE_NOOP("Labels", "Weak or half labour")),
    (LabourCapacity.NONE, QT_TRANSLATE_NOOP("Labels", "No labour capacity")),
    (LabourCapacity.LOST, QT_TRANSLATE_NOOP("Labels", "Lost labour capacity")),
    (Education.NONE, QT_TRANSLATE_NOOP("Labels", "Illiterate or semi-literate")),
    (Education.PRIMARY, QT_TRANSLATE_NOOP("Labels", "Primary school")),
    (Education.JUNIOR, QT_TRANSLATE_NOOP("Labels", "Junior middle school")),
    (Education.SENIOR, QT_TRANSLATE_NOOP("Labels", "Senior middle school")),
    (Education.VOCATIONAL, QT_TRANSLATE_NOOP("Labels", "Vocational school")),
    (Education.COLLEGE, QT_TRANSLATE_NOOP("Labels", "College or above")),
    (Schooling.NOT_IN_SCHOOL, QT_TRANSLATE_NOOP("Labels", "Not in school")),
    (Schooling.PRESCHOOL, QT_TRANSLATE_NOOP("Labels", "In preschool")),
    (Schooling.PRIMARY, QT_TRANSLATE_NOOP("Labels", "In primary school")),
    (Schooling.JUNIOR, QT_TRANSLATE_NOOP("Labels", "In junior middle school")),
    (Schooling.SENIOR, QT_TRANSLATE_NOOP("Labels", "In senior middle school")),
    (Schooling.VOCATIONAL, QT_TRANSLATE_NOOP("Labels", "In vocational school")),
    (Schooling.COLLEGE, QT_TRANSLATE_NOOP("Labels", "In college")),
    (EmploymentStatus.EMPLOYED, QT_TRANSLATE_NOOP("Labels", "Employed")),
    (EmploymentStatus.SELF_EMPLOYED, QT_TRANSLATE_NOOP("Labels", "Self-employed")),
    (EmploymentStatus.PUBLIC_WELFARE, QT_TRANSLATE_NOOP("Labels", "Public welfare post")),
    (EmploymentStatus.FARMING, QT_TRANSLATE_NOOP("Labels", "Farming")),
    (EmploymentStatus.UNEMPLOYED, QT_TRANSLATE_NOOP("Labels", "Not employed")),
    (EmploymentStatus.NOT_APPLICABLE, QT_TRANSLATE_NOOP("Labels", "Not in the labour force")),
    (EmploymentPlace.IN_COUNTY, QT_TRANSLATE_NOOP("Labels", "Within the county")),
    (EmploymentPlace.IN_PROVINCE, QT_TRANSLATE_NOOP("Labels", "Elsewhere in the province")),
    (EmploymentPlace.OUT_OF_PROVINCE, QT_TRANSLATE_NOOP("Labels", "Outside the province")),
    (VisitKind.DOOR, QT_TRANSLATE_NOOP("Labels", "Door-to-door visit")),
    (VisitKind.PHONE, QT_TRANSLATE_NOOP("Labels", "Phone call")),
    (VisitKind.MONTHLY, QT_TRANSLATE_NOOP("Labels", "Monthly update")),
    (OrderStatus.RECEIVED, QT_TRANSLATE_NOOP("Labels", "Received")),
    (OrderStatus.RESPONDED, QT_TRANSLATE_NOOP("Labels", "Responded")),
    (OrderStatus.ON_SITE, QT_TRANSLATE_NOOP("Labels", "On site")),
    (OrderStatus.RESOLVED, QT_TRANSLATE_NOOP("Labels", "Resolved")),
    (OrderStatus.ANSWERED, QT_TRANSLATE_NOOP("Labels", "Answered")),
    (OrderStatus.FOLLOWED_UP, QT_TRANSLATE_NOOP("Labels", "Followed up")),
    (OrderStatus.TRANSFERRED, QT_TRANSLATE_NOOP("Labels", "Transferred")),
    (OrderStatus.MERGED, QT_TRANSLATE_NOOP("Labels", "Merged")),
    (OrderStatus.CANCELLED, QT_TRANSLATE_NOOP("Labels", "Cancelled")),
    (OrderCategory.UTILITIES, QT_TRANSLATE_NOOP("Labels", "Water, power and gas")),
    (OrderCategory.REPAIRS, QT_TRANSLATE_NOOP("Labels", "Repairs")),
    (OrderCategory.HOUSING_QUALITY, QT_TRANSLATE_NOOP("Labels", "Housing quality")),
    (OrderCategory.JOBS, QT_TRANSLATE_NOOP("Labels", "Jobs")),
    (OrderCategory.SCHOOL, QT_TRANSLATE_NOOP("Labels", "Schooling")),
    (OrderCategory.MEDICAL, QT_TRANSLATE_NOOP("Labels", "Medical care")),
    (OrderCategory.SOCIAL_SECURITY, QT_TRANSLATE_NOOP("Labels", "Social security")),
    (OrderCategory.HOUSEHOLD_REGISTRATION, QT_TRANSLATE_NOOP("Labels", "Household registration")),
    (OrderCategory.DISPUTE, QT_TRANSLATE_NOOP("Labels", "Dispute")),
    (OrderCategory.PUBLIC_ORDER, QT_TRANSLATE_NOOP("Labels", "Public order")),
    (OrderCategory.SANITATION, QT_TRANSLATE_NOOP("Labels", "Sanitation")),
    (OrderCategory.OTHER, QT_TRANSLATE_NOOP("Labels", "Other")),
    (OrderSource.HOTLINE, QT_TRANSLATE_NOOP("Labels", "Service hotline")),
    (OrderSource.WECHAT, QT_TRANSLATE_NOOP("Labels", "WeChat group")),
    (OrderSource.WALK_IN, QT_TRANSLATE_NOOP("Labels", "Walk-in")),
    (OrderSource.VISIT, QT_TRANSLATE_NOOP("Labels", "Found on a visit")),
    (OrderSource.COUNTY, QT_TRANSLATE_NOOP("Labels", "Transferred by the county (12345)")),
)
SOURCES: dict[tuple[type[StrEnum], str], str] = {
    (type(m), m.value): str(text) for m, text in _PAIRS
}


def label(value: StrEnum) -> str:
    """The translated label of an enum member (its raw value if it has none)."""
    source = SOURCES.get((type(value), value.value))
    if source is None:
        return str(value)
    return QCoreApplication.translate(CONTEXT, source)


def choices(enum: type[E]) -> list[tuple[str, E]]:
    """(label, member) pairs in declaration order, for combo boxes."""
    return [(label(member), member) for member in enum]
