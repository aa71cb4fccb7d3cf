"""Words for the household's change history: tables, columns and values in Chinese.

The change log stores column names and raw values; the history tab shows
them as a reader says them ("就业状态：未就业 → 务工").  Columns are named here
once, translated with the rest of the interface.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.domain.enums import (
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
    OrderStatus,
    Relation,
    Schooling,
    VisitKind,
)
from desktop.ui.labels import label

CONTEXT = "HistoryLabels"

TABLES: dict[str, Any] = {
    "households": QT_TRANSLATE_NOOP("HistoryLabels", "Household"),
    "persons": QT_TRANSLATE_NOOP("HistoryLabels", "Member"),
    "visits": QT_TRANSLATE_NOOP("HistoryLabels", "Visit"),
    "work_orders": QT_TRANSLATE_NOOP("HistoryLabels", "Work order"),
    "monitoring_periods": QT_TRANSLATE_NOOP("HistoryLabels", "Monitoring"),
    "monitoring_measures": QT_TRANSLATE_NOOP("HistoryLabels", "Assistance measure"),
    "employment_services": QT_TRANSLATE_NOOP("HistoryLabels", "Employment service"),
    "attachments": QT_TRANSLATE_NOOP("HistoryLabels", "File"),
}

FIELDS: dict[str, Any] = {
    "code": QT_TRANSLATE_NOOP("HistoryLabels", "Code"),
    "site_id": QT_TRANSLATE_NOOP("HistoryLabels", "Site"),
    "grid_id": QT_TRANSLATE_NOOP("HistoryLabels", "Grid"),
    "building_id": QT_TRANSLATE_NOOP("HistoryLabels", "Building"),
    "unit": QT_TRANSLATE_NOOP("HistoryLabels", "Unit"),
    "room": QT_TRANSLATE_NOOP("HistoryLabels", "Room"),
    "origin_village": QT_TRANSLATE_NOOP("HistoryLabels", "Came from"),
    "move_in_date": QT_TRANSLATE_NOOP("HistoryLabels", "Moved in"),
    "keys_handed_on": QT_TRANSLATE_NOOP("HistoryLabels", "Keys handed over"),
    "category": QT_TRANSLATE_NOOP("HistoryLabels", "Category"),
    "phone": QT_TRANSLATE_NOOP("HistoryLabels", "Phone"),
    "monitoring": QT_TRANSLATE_NOOP("HistoryLabels", "Monitored category"),
    "monitoring_since": QT_TRANSLATE_NOOP("HistoryLabels", "Monitored since"),
    "monitoring_reason": QT_TRANSLATE_NOOP("HistoryLabels", "Reason for monitoring"),
    "monitoring_exit_date": QT_TRANSLATE_NOOP("HistoryLabels", "Monitoring ended"),
    "monitoring_exit_reason": QT_TRANSLATE_NOOP("HistoryLabels", "How the risk was cleared"),
    "old_house_status": QT_TRANSLATE_NOOP("HistoryLabels", "Old house"),
    "old_house_hazard": QT_TRANSLATE_NOOP("HistoryLabels", "Hazard zone or dangerous house"),
    "old_house_demolished_on": QT_TRANSLATE_NOOP("HistoryLabels", "Demolished on"),
    "old_house_reclaimed_on": QT_TRANSLATE_NOOP("HistoryLabels", "Reclaimed on"),
    "old_house_note": QT_TRANSLATE_NOOP("HistoryLabels", "Old house note"),
    "property_certificate": QT_TRANSLATE_NOOP("HistoryLabels", "Property certificate"),
    "vegetable_plot": QT_TRANSLATE_NOOP("HistoryLabels", "Vegetable plot"),
    "income_industry": QT_TRANSLATE_NOOP("HistoryLabels", "Income-raising industry"),
    "cadre_name": QT_TRANSLATE_NOOP("HistoryLabels", "Responsible cadre"),
    "cadre_phone": QT_TRANSLATE_NOOP("HistoryLabels", "Cadre's phone"),
    "name": QT_TRANSLATE_NOOP("HistoryLabels", "Name"),
    "resident_id": QT_TRANSLATE_NOOP("HistoryLabels", "Resident ID"),
    "relation": QT_TRANSLATE_NOOP("HistoryLabels", "Relation"),
    "ethnicity": QT_TRANSLATE_NOOP("HistoryLabels", "Ethnicity"),
    "education": QT_TRANSLATE_NOOP("HistoryLabels", "Education"),
    "health": QT_TRANSLATE_NOOP("HistoryLabels", "Health"),
    "disability_grade": QT_TRANSLATE_NOOP("HistoryLabels", "Disability grade"),
    "labour": QT_TRANSLATE_NOOP("HistoryLabels", "Labour"),
    "schooling": QT_TRANSLATE_NOOP("HistoryLabels", "Schooling"),
    "employment": QT_TRANSLATE_NOOP("HistoryLabels", "Work"),
    "employment_place": QT_TRANSLATE_NOOP("HistoryLabels", "Place of work"),
    "employer": QT_TRANSLATE_NOOP("HistoryLabels", "Employer"),
    "monthly_income": QT_TRANSLATE_NOOP("HistoryLabels", "Income / month"),
    "employed_since": QT_TRANSLATE_NOOP("HistoryLabels", "In work since"),
    "skills": QT_TRANSLATE_NOOP("HistoryLabels", "Skills"),
    "training_wish": QT_TRANSLATE_NOOP("HistoryLabels", "Wants training"),
    "medical_insurance": QT_TRANSLATE_NOOP("HistoryLabels", "Medical insurance"),
    "pension_insurance": QT_TRANSLATE_NOOP("HistoryLabels", "Pension insurance"),
    "dibao": QT_TRANSLATE_NOOP("HistoryLabels", "Minimum living allowance"),
    "tekun": QT_TRANSLATE_NOOP("HistoryLabels", "Extreme hardship support"),
    "deleted": QT_TRANSLATE_NOOP("HistoryLabels", "Removed"),
    "visited_on": QT_TRANSLATE_NOOP("HistoryLabels", "Date"),
    "kind": QT_TRANSLATE_NOOP("HistoryLabels", "Kind"),
    "income_per_head": QT_TRANSLATE_NOOP("HistoryLabels", "Income per head"),
    "notes": QT_TRANSLATE_NOOP("HistoryLabels", "Notes"),
    "note": QT_TRANSLATE_NOOP("HistoryLabels", "Note"),
    "status": QT_TRANSLATE_NOOP("HistoryLabels", "Status"),
    "description": QT_TRANSLATE_NOOP("HistoryLabels", "Request"),
    "resolution": QT_TRANSLATE_NOOP("HistoryLabels", "Resolution"),
    "entered_on": QT_TRANSLATE_NOOP("HistoryLabels", "Entered on"),
    "entry_reason": QT_TRANSLATE_NOOP("HistoryLabels", "Reason"),
    "exited_on": QT_TRANSLATE_NOOP("HistoryLabels", "Ended on"),
    "exit_reason": QT_TRANSLATE_NOOP("HistoryLabels", "How the risk was cleared"),
    "risk_types": QT_TRANSLATE_NOOP("HistoryLabels", "Risk types"),
    "taken_on": QT_TRANSLATE_NOOP("HistoryLabels", "Date"),
    "service_date": QT_TRANSLATE_NOOP("HistoryLabels", "Date"),
    "dated": QT_TRANSLATE_NOOP("HistoryLabels", "Date"),
    "title": QT_TRANSLATE_NOOP("HistoryLabels", "Title"),
    "file_name": QT_TRANSLATE_NOOP("HistoryLabels", "File"),
}

_ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("households", "category"): HouseholdCategory,
    ("households", "monitoring"): MonitoringCategory,
    ("households", "old_house_status"): OldHouseStatus,
    ("persons", "relation"): Relation,
    ("persons", "education"): Education,
    ("persons", "health"): Health,
    ("persons", "labour"): LabourCapacity,
    ("persons", "schooling"): Schooling,
    ("persons", "employment"): EmploymentStatus,
    ("persons", "employment_place"): EmploymentPlace,
    ("visits", "kind"): VisitKind,
    ("work_orders", "category"): OrderCategory,
    ("work_orders", "status"): OrderStatus,
    ("monitoring_periods", "category"): MonitoringCategory,
    ("monitoring_measures", "kind"): MeasureKind,
    ("attachments", "kind"): AttachmentKind,
}


def table_text(table: str) -> str:
    return QCoreApplication.translate(CONTEXT, str(TABLES.get(table, table)))


def field_text(field: str) -> str:
    return QCoreApplication.translate(CONTEXT, str(FIELDS[field])) if field in FIELDS else field


def value_text(table: str, field: str, value: Any) -> str:
    if value is None or value == "":
        return QCoreApplication.translate("HistoryLabels", "(none)")
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("HistoryLabels", "yes")
        return QCoreApplication.translate("HistoryLabels", "no")
    enum = _ENUMS.get((table, field))
    if enum is not None:
        try:
            return label(enum(str(value)))
        except ValueError:
            return str(value)
    if isinstance(value, (list, dict)):
        text = "、".join(str(v) for v in value) if isinstance(value, list) else str(value)
        return text if len(text) <= 40 else text[:39] + "…"
    text = str(value)
    if field.endswith("_id") and len(text) == 36:
        return "…" + text[-6:]
    return text
