"""Survey status panels the household page embeds: five-ones, monitoring, "311".

Each panel shows a :class:`~desktop.services.survey.SurveyStatus` it is given;
:class:`SurveyPanel` fetches it (one service call) and offers the actions that
change it: enter or leave a monitored category, record an employment service.
States are said in words and marks (✔, ✘, ●) as well as colours.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import MeasureKind, MonitoringCategory, OrderCategory, RiskType
from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.five_ones import FiveOnesItem, FiveOnesStatus, ServiceKind
from desktop.domain.monitoring import Flag, MonitoringStatus, RaisedFlag, Risk
from desktop.domain.validation import ValidationErrors, parse_iso_date
from desktop.messages import error_message
from desktop.services import survey
from desktop.services.survey import LabourerServices, SurveyStatus
from desktop.ui.context import Changed, UiContext
from desktop.ui.household_form import HouseholdFormDialog
from desktop.ui.i18n import message_language
from desktop.ui.labels import label
from desktop.ui.survey_fields import FieldBox, enum_combo
from desktop.ui.visit_form import CHECKLIST_LABELS, VisitFormDialog
from desktop.ui.work_order_form import intake_for_visit

CONTEXT = "SurveyWidgets"
GOOD = "color: #1b6e20;"
WARN = "color: #8a5a00;"
BAD = "color: #b3261e;"

ITEM_LABELS: dict[str, str] = {
    FiveOnesItem.STABLE_JOB: str(QT_TRANSLATE_NOOP("SurveyWidgets", "1 person in stable work")),
    FiveOnesItem.SKILL: str(QT_TRANSLATE_NOOP("SurveyWidgets", "1 skill")),
    FiveOnesItem.INDUSTRY: str(QT_TRANSLATE_NOOP("SurveyWidgets", "1 income-raising industry")),
    FiveOnesItem.VEGETABLE_PLOT: str(QT_TRANSLATE_NOOP("SurveyWidgets", "1 vegetable plot")),
    FiveOnesItem.SOCIAL_SECURITY: str(
        QT_TRANSLATE_NOOP("SurveyWidgets", "1 complete social-security package")
    ),
}
SERVICE_LABELS: dict[str, str] = {
    ServiceKind.JOB_OFFER: str(QT_TRANSLATE_NOOP("SurveyWidgets", "Job offers")),
    ServiceKind.CAREER_GUIDANCE: str(QT_TRANSLATE_NOOP("SurveyWidgets", "Career guidance")),
    ServiceKind.FREE_TRAINING: str(QT_TRANSLATE_NOOP("SurveyWidgets", "Free training")),
}
RISK_LABELS: dict[str, tuple[str, str]] = {
    Risk.RED: (str(QT_TRANSLATE_NOOP("SurveyWidgets", "Red: high risk")), BAD),
    Risk.AMBER: (str(QT_TRANSLATE_NOOP("SurveyWidgets", "Amber: watch")), WARN),
    Risk.GREEN: (str(QT_TRANSLATE_NOOP("SurveyWidgets", "Green: stable")), GOOD),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def flag_text(flag: RaisedFlag) -> str:
    """One monitoring flag as a sentence, with its numbers."""
    p = flag.params
    f = flag.flag
    if f is Flag.LOW_INCOME:
        return (
            QCoreApplication.translate(
                "SurveyWidgets", "Income per head %1 yuan, under the line of %2"
            )
            .replace("%1", f"{p.get('income', 0):,}")
            .replace("%2", f"{p.get('line', 0):,}")
        )
    if f is Flag.ZERO_EMPLOYMENT:
        return QCoreApplication.translate(
            "SurveyWidgets", "Zero-employment household: nobody of working capacity works"
        )
    if f is Flag.ILLNESS_WITHOUT_DIBAO:
        return QCoreApplication.translate(
            "SurveyWidgets", "Serious illness or disability, no minimum living allowance"
        )
    if f is Flag.OLD_HOUSE_OVERDUE:
        return (
            QCoreApplication.translate(
                "SurveyWidgets", "Old house not demolished, due %1 (%2 days late)"
            )
            .replace("%1", str(p.get("due", "")))
            .replace("%2", str(p.get("days", "")))
        )
    if f is Flag.RECLAIM_OVERDUE:
        return (
            QCoreApplication.translate("SurveyWidgets", "Land not reclaimed, due %1 (%2 days late)")
            .replace("%1", str(p.get("due", "")))
            .replace("%2", str(p.get("days", "")))
        )
    if f is Flag.INCOME_DROP:
        return (
            QCoreApplication.translate("SurveyWidgets", "Income per head fell from %1 to %2 yuan")
            .replace("%1", f"{p.get('before', 0):,}")
            .replace("%2", f"{p.get('after', 0):,}")
        )
    if f is Flag.NOT_MOVED_IN:
        return (
            QCoreApplication.translate(
                "SurveyWidgets", "Keys handed over, not moved in; due %1 (%2 days late)"
            )
            .replace("%1", str(p.get("due", "")))
            .replace("%2", str(p.get("days", "")))
        )
    if f is Flag.JOB_LOST:
        return QCoreApplication.translate("SurveyWidgets", "%1 lost a job").replace(
            "%1", str(p.get("name", ""))
        )
    if f is Flag.ASSURANCE_GAP:
        items = [
            QCoreApplication.translate("VisitForm", CHECKLIST_LABELS.get(str(k), str(k)))
            for k in p.get("items", ())
        ]
        return QCoreApplication.translate(
            "SurveyWidgets", "The last visit found a problem: %1"
        ).replace("%1", "、".join(items))
    return str(f)


class FiveOnesPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Five-ones"), parent)
        self.grid = QGridLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("five_ones_summary")
        self.summary.setWordWrap(True)

    def show_status(self, status: FiveOnesStatus) -> None:
        _clear(self.grid)
        self.setTitle(self.tr("Five-ones") if status.full_five_ones else self.tr("Employment goal"))
        self.grid.addWidget(self.summary, 0, 0, 1, 2)
        if not status.checks:
            self.summary.setText(self.tr("Nothing asked of this household by the policy profile."))
            self.summary.setStyleSheet("")
            return
        missing = [_t(ITEM_LABELS[i]) for i in status.missing]
        if missing:
            self.summary.setText(self.tr("Missing: %1").replace("%1", "、".join(missing)))
            self.summary.setStyleSheet(BAD)
        else:
            self.summary.setText(self.tr("All met"))
            self.summary.setStyleSheet(GOOD)
        for row, check in enumerate(status.checks, start=1):
            mark = QLabel(("✔ " if check.met else "✘ ") + _t(ITEM_LABELS[check.item]))
            mark.setStyleSheet(GOOD if check.met else BAD)
            self.grid.addWidget(mark, row, 0)
            if check.item is FiveOnesItem.STABLE_JOB:
                self.grid.addWidget(
                    QLabel(
                        self.tr("%1 of %2 needed")
                        .replace("%1", str(check.have))
                        .replace("%2", str(check.need))
                    ),
                    row,
                    1,
                )
        self.grid.setRowStretch(len(status.checks) + 1, 1)


class MonitoringPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Return-to-poverty monitoring"), parent)
        self.layout_ = QVBoxLayout(self)
        self.risk = QLabel()
        self.risk.setObjectName("risk")
        font = self.risk.font()
        font.setBold(True)
        self.risk.setFont(font)
        self.category = QLabel()
        self.category.setWordWrap(True)
        self.cadence = QLabel()
        self.cadence.setObjectName("cadence")
        self.cadence.setWordWrap(True)
        self.flags = QLabel()
        self.flags.setObjectName("flags")
        self.flags.setWordWrap(True)
        self.measures = QLabel()
        self.measures.setObjectName("measures")
        self.measures.setWordWrap(True)
        for w in (self.risk, self.category, self.cadence, self.flags, self.measures):
            self.layout_.addWidget(w)
        self.layout_.addStretch(1)

    def show_status(self, status: SurveyStatus, today: date) -> None:
        m: MonitoringStatus = status.monitoring
        text, style = RISK_LABELS[m.risk]
        self.risk.setText("● " + _t(text))
        self.risk.setStyleSheet(style)
        category = MonitoringCategory(m.category)
        line = self.tr("Monitored category: %1").replace("%1", label(category))
        current = next((p for p in status.history if p.exited_on is None), None)
        if current is not None:
            line += " · " + self.tr("since %1, %2").replace(
                "%1", current.entered_on.isoformat()
            ).replace("%2", current.entry_reason)
            if current.risk_types:
                line += "\n" + self.tr("Risk types: %1").replace(
                    "%1", "、".join(label(RiskType(r)) for r in current.risk_types)
                )
            if current.income_per_head is not None:
                line += "\n" + self.tr("Income per head when entered: %1 yuan").replace(
                    "%1", f"{current.income_per_head:,}"
                )
        self.category.setText(line)
        if current is not None:
            self.measures.setText(
                "\n".join(
                    f"✔ {m.taken_on.isoformat()} {label(MeasureKind(m.kind))}：{m.note}"
                    for m in current.measures
                )
                or self.tr("No assistance measure recorded yet.")
            )
        else:
            self.measures.setText("")
        self.measures.setVisible(current is not None)
        visited = (
            "✔ " + self.tr("Visited this month")
            if m.visited_this_month
            else "✘ " + self.tr("Not visited this month")
        )
        due = self.tr("next visit due %1").replace("%1", m.next_visit_due.isoformat())
        if m.visit_overdue(today):
            due += " " + self.tr("(%1 days late)").replace(
                "%1", str((today - m.next_visit_due).days)
            )
        self.cadence.setText(f"{visited} · {due}")
        self.cadence.setStyleSheet(GOOD if m.visited_this_month else WARN)
        if m.flags:
            self.flags.setText("\n".join("⚠ " + flag_text(f) for f in m.flags))
            self.flags.setStyleSheet(BAD if m.risk is Risk.RED else WARN)
        else:
            self.flags.setText(self.tr("No warning signs."))
            self.flags.setStyleSheet("")


class ServicesPanel(QGroupBox):
    """Chenzhou's "311" per labourer this year: done and missing."""

    record_requested = Signal(str)  # person id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Employment services this year"), parent)
        self.grid = QGridLayout(self)

    def show_status(self, rows: tuple[LabourerServices, ...]) -> None:
        _clear(self.grid)
        if not rows:
            self.grid.addWidget(QLabel(self.tr("No member of working capacity.")), 0, 0)
            return
        if not any(r.status.required for r in rows):
            self.grid.addWidget(
                QLabel(self.tr("The policy profile asks for no yearly services.")), 0, 0, 1, 3
            )
        for row, r in enumerate(rows, start=1):
            self.grid.addWidget(QLabel(r.name), row, 0)
            parts = []
            for c in r.status.counts:
                if c.need == 0 and c.done == 0:
                    continue
                mark = "✔" if c.missing == 0 else "✘"
                parts.append(f"{mark} {_t(SERVICE_LABELS[c.kind])} {c.done}/{c.need}")
            detail = QLabel("  ".join(parts) if parts else "—")
            if r.owed and not r.status.complete:
                detail.setStyleSheet(BAD)
            elif not r.owed:
                detail.setToolTip(self.tr("Employed: services are owed to unemployed labourers"))
            self.grid.addWidget(detail, row, 1)
            button = QPushButton(self.tr("Record service"))
            button.clicked.connect(lambda _=False, pid=r.person_id: self.record_requested.emit(pid))
            self.grid.addWidget(button, row, 2)
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(len(rows) + 1, 1)


class ProblemsPanel(QGroupBox):
    """Problems the last visit found; each can become a work order (pre-filled)."""

    order_requested = Signal(str, int)  # visit id, problem index

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Problems found on the last visit"), parent)
        self.grid = QGridLayout(self)

    def show_status(self, status: SurveyStatus) -> None:
        _clear(self.grid)
        self.setVisible(bool(status.last_visit_problems))
        for row, problem in enumerate(status.last_visit_problems):
            try:
                category = label(OrderCategory(problem.category))
            except ValueError:
                category = problem.category
            text = QLabel(f"[{category}] {problem.description}")
            text.setWordWrap(True)
            self.grid.addWidget(text, row, 0)
            if problem.order_code:
                done = QLabel("✔ " + self.tr("Work order %1").replace("%1", problem.order_code))
                done.setStyleSheet(GOOD)
                self.grid.addWidget(done, row, 1)
            else:
                button = QPushButton(self.tr("Open a work order"))
                visit_id = status.last_visit_id or ""
                button.clicked.connect(
                    lambda _=False, v=visit_id, i=problem.index: self.order_requested.emit(v, i)
                )
                self.grid.addWidget(button, row, 1)
        self.grid.setColumnStretch(0, 1)


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.setParent(None)


class SmallFormDialog(QDialog):
    """A few fields and OK/Cancel; the service's errors show at their fields."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.boxes: dict[str, FieldBox] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.general = QLabel()
        self.general.setStyleSheet(BAD)
        self.general.hide()
        layout.addWidget(self.general)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def add(self, text: str, field: str, widget: QWidget) -> QWidget:
        box = FieldBox(widget)
        self.boxes[field] = box
        self.form.addRow(text, box)
        return widget

    def run(self) -> None:
        """Call the service; subclasses override."""

    def submit(self) -> None:
        for box in self.boxes.values():
            box.clear_error()
        self.general.hide()
        try:
            self.run()
        except ValidationErrors as many:
            self._show(many.errors)
            return
        except ValidationError as one:
            self._show((one,))
            return
        except DomainError as err:
            self.general.setText("⚠ " + error_message(err, message_language()))
            self.general.show()
            return
        self.accept()

    def _show(self, errors: tuple[ValidationError, ...]) -> None:
        for err in errors:
            box = self.boxes.get(err.field or "")
            text = error_message(err, message_language())
            if box is None:
                self.general.setText("⚠ " + text)
                self.general.show()
            else:
                box.show_error(text)


class ServiceDialog(SmallFormDialog):
    def __init__(self, ctx: UiContext, person_id: str, today: date, parent: QWidget | None = None):
        super().__init__(
            QCoreApplication.translate("SurveyWidgets", "Record an employment service"), parent
        )
        self.ctx, self.person_id, self.today = ctx, person_id, today
        self.kind = QComboBox()
        for kind in ServiceKind:
            self.kind.addItem(_t(SERVICE_LABELS[kind]), kind.value)
        self.add(QCoreApplication.translate("SurveyWidgets", "Service"), "kind", self.kind)
        self.day = QLineEdit(today.isoformat())
        self.add(QCoreApplication.translate("SurveyWidgets", "Date"), "service_date", self.day)
        self.note = QLineEdit()
        self.note.setPlaceholderText(
            QCoreApplication.translate("SurveyWidgets", "Which job, which course, who gave it")
        )
        self.add(QCoreApplication.translate("SurveyWidgets", "Note"), "note", self.note)

    def run(self) -> None:
        day = parse_iso_date(self.day.text(), "service_date") or self.today
        self.ctx.call(
            survey.record_employment_service,
            self.person_id,
            str(self.kind.currentData()),
            day,
            self.note.text(),
            today=self.today,
        )


class MonitoringDialog(SmallFormDialog):
    """Enter a monitored category, or leave the current one."""

    def __init__(
        self,
        ctx: UiContext,
        household_id: str,
        today: date,
        *,
        leaving: bool,
        parent: QWidget | None = None,
    ):
        title = (
            QCoreApplication.translate("SurveyWidgets", "End monitoring")
            if leaving
            else QCoreApplication.translate("SurveyWidgets", "Start monitoring")
        )
        super().__init__(title, parent)
        self.ctx, self.household_id, self.today, self.leaving = ctx, household_id, today, leaving
        self.category = enum_combo(MonitoringCategory)
        self.category.removeItem(self.category.findData(MonitoringCategory.NONE.value))
        if not leaving:
            self.add(
                QCoreApplication.translate("SurveyWidgets", "Category"), "category", self.category
            )
        self.day = QLineEdit(today.isoformat())
        self.add(
            QCoreApplication.translate("SurveyWidgets", "Date"),
            "exited_on" if leaving else "entered_on",
            self.day,
        )
        self.reason = QLineEdit()
        if leaving:
            self.reason.setPlaceholderText(
                QCoreApplication.translate(
                    "SurveyWidgets", "How the risk was cleared (income steady, job found...)"
                )
            )
        self.add(QCoreApplication.translate("SurveyWidgets", "Reason"), "reason", self.reason)
        self.risk_boxes: dict[str, QCheckBox] = {}
        self.income = QLineEdit()
        if not leaving:
            risks = QWidget()
            grid = QGridLayout(risks)
            grid.setContentsMargins(0, 0, 0, 0)
            for i, risk in enumerate(RiskType):
                box = QCheckBox(label(risk))
                box.setObjectName(f"risk_{risk.value}")
                self.risk_boxes[risk.value] = box
                grid.addWidget(box, i // 3, i % 3)
            self.add(QCoreApplication.translate("SurveyWidgets", "Risk types"), "risk_types", risks)
            self.income.setPlaceholderText(
                QCoreApplication.translate("SurveyWidgets", "yuan per person per year")
            )
            self.add(
                QCoreApplication.translate("SurveyWidgets", "Income per head"),
                "income_per_head",
                self.income,
            )

    def run(self) -> None:
        field = "exited_on" if self.leaving else "entered_on"
        day = parse_iso_date(self.day.text(), field) or self.today
        if self.leaving:
            self.ctx.call(
                survey.exit_monitoring, self.household_id, day, self.reason.text(), today=self.today
            )
        else:
            income_text = self.income.text().strip().replace(",", "")
            if income_text and not income_text.isdigit():
                raise ValidationError("income_negative", field="income_per_head")
            self.ctx.call(
                survey.enter_monitoring,
                self.household_id,
                str(self.category.currentData()),
                day,
                self.reason.text(),
                risk_types=[k for k, box in self.risk_boxes.items() if box.isChecked()],
                income_per_head=int(income_text) if income_text else None,
                today=self.today,
            )


class MeasureDialog(SmallFormDialog):
    """Record an assistance measure taken for a monitored household (帮扶措施)."""

    def __init__(
        self, ctx: UiContext, household_id: str, today: date, parent: QWidget | None = None
    ):
        super().__init__(
            QCoreApplication.translate("SurveyWidgets", "Record an assistance measure"), parent
        )
        self.ctx, self.household_id, self.today = ctx, household_id, today
        self.kind = enum_combo(MeasureKind)
        self.kind.setObjectName("measure_kind")
        self.add(QCoreApplication.translate("SurveyWidgets", "Measure"), "kind", self.kind)
        self.day = QLineEdit(today.isoformat())
        self.add(QCoreApplication.translate("SurveyWidgets", "Date"), "taken_on", self.day)
        self.note = QLineEdit()
        self.note.setObjectName("measure_note")
        self.note.setPlaceholderText(
            QCoreApplication.translate("SurveyWidgets", "What was done, by whom, how much")
        )
        self.add(QCoreApplication.translate("SurveyWidgets", "What was done"), "note", self.note)

    def run(self) -> None:
        day = parse_iso_date(self.day.text(), "taken_on") or self.today
        self.ctx.call(
            survey.record_measure,
            self.household_id,
            str(self.kind.currentData()),
            day,
            self.note.text(),
            today=self.today,
        )


class SurveyPanel(QWidget):
    """The three panels side by side, refreshed from one service call."""

    changed = Signal()

    def __init__(
        self, ctx: UiContext, household_id: str | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.five_ones = FiveOnesPanel()
        self.monitoring = MonitoringPanel()
        self.services = ServicesPanel()
        self.services.record_requested.connect(self.record_service)
        self.monitor_button = QPushButton()
        self.monitor_button.setObjectName("monitor_button")
        self.monitor_button.clicked.connect(self.change_monitoring)
        self.measure_button = QPushButton(self.tr("Record help given"))
        self.measure_button.setObjectName("measure_button")
        self.measure_button.clicked.connect(self.record_measure)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(self.monitoring)
        buttons = QHBoxLayout()
        buttons.addWidget(self.monitor_button)
        buttons.addWidget(self.measure_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        layout.addLayout(left, 3)
        layout.addWidget(self.five_ones, 2)
        right = QVBoxLayout()
        right.addWidget(self.services)
        self.problems = ProblemsPanel()
        self.problems.order_requested.connect(self.open_order)
        self.problems.hide()
        right.addWidget(self.problems)
        layout.addLayout(right, 3)
        self.status: SurveyStatus | None = None
        self.order_form: QDialog | None = None
        self.measure_dialog: QDialog | None = None
        if household_id is not None:
            self.refresh()

    def today(self) -> date:
        return self.ctx.clock.now().astimezone().date()

    def set_household(self, household_id: str) -> None:
        self.household_id = household_id
        self.refresh()

    def refresh(self) -> None:
        if self.household_id is None:
            return
        today = self.today()
        self.status = self.ctx.call(survey.survey_status, self.household_id, today=today)
        self.five_ones.show_status(self.status.five_ones)
        self.monitoring.show_status(self.status, today)
        self.services.show_status(self.status.services)
        self.problems.show_status(self.status)
        monitored = self.status.monitoring.category != MonitoringCategory.NONE
        self.monitor_button.setText(
            self.tr("End monitoring") if monitored else self.tr("Start monitoring")
        )
        writable = self.ctx.actor.can_write
        self.monitor_button.setEnabled(writable)
        self.measure_button.setVisible(monitored)
        self.measure_button.setEnabled(writable)
        for button in (
            *self.services.findChildren(QPushButton),
            *self.problems.findChildren(QPushButton),
        ):
            button.setEnabled(writable)

    def open_order(self, visit_id: str, index: int) -> None:
        """The work-order intake, filled in from the problem; refresh once it is saved."""
        form = intake_for_visit(self.ctx, visit_id, index, self.window())
        form.order_saved.connect(lambda _detail: self.refresh())
        self.order_form = form

    def record_service(self, person_id: str) -> None:
        dialog = ServiceDialog(self.ctx, person_id, self.today(), self)
        dialog.accepted.connect(self._after_change)
        dialog.open()

    def record_measure(self) -> None:
        if self.household_id is None:
            return
        dialog = MeasureDialog(self.ctx, self.household_id, self.today(), self)
        dialog.accepted.connect(self._after_change)
        dialog.open()
        self.measure_dialog = dialog

    def change_monitoring(self) -> None:
        if self.status is None or self.household_id is None:
            return
        leaving = self.status.monitoring.category != MonitoringCategory.NONE
        dialog = MonitoringDialog(
            self.ctx, self.household_id, self.today(), leaving=leaving, parent=self
        )
        dialog.accepted.connect(self._after_change)
        dialog.open()

    def _after_change(self) -> None:
        self.refresh()
        if self.household_id is not None:
            self.ctx.bus.data_changed.emit(Changed({"households": frozenset({self.household_id})}))
        self.changed.emit()


class SurveyButtons(QWidget):
    """编辑 / 走访 for the household page's title bar: open the survey forms."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.household_id: str | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setObjectName("edit_household")
        self.edit_button.setToolTip(self.tr("Edit the household and its members (Ctrl+E)"))
        self.edit_button.setShortcut("Ctrl+E")
        self.visit_button = QPushButton(self.tr("Visit"))
        self.visit_button.setObjectName("record_visit")
        self.visit_button.setToolTip(self.tr("Record a visit or the monthly update (Ctrl+R)"))
        self.visit_button.setShortcut("Ctrl+R")
        self.edit_button.clicked.connect(self.edit)
        self.visit_button.clicked.connect(self.visit)
        row.addWidget(self.edit_button)
        row.addWidget(self.visit_button)
        for b in (self.edit_button, self.visit_button):
            b.setEnabled(ctx.actor.can_write)
        self.dialog: QDialog | None = None

    def set_household(self, household_id: str) -> None:
        self.household_id = household_id

    def edit(self) -> None:
        if self.household_id is not None:
            self.dialog = HouseholdFormDialog(self.ctx, self.household_id, self.window())
            self.dialog.open()

    def visit(self) -> None:
        if self.household_id is not None:
            self.dialog = VisitFormDialog(self.ctx, self.household_id, self.window())
            self.dialog.open()


class NewHouseholdButton(QPushButton):
    """新增住户 for the household list: opens an empty household form (Ctrl+Shift+N)."""

    created = Signal(str)  # the new household's id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setText(self.tr("New household"))
        self.setObjectName("new_household")
        self.setToolTip(self.tr("Register a new household and its members (Ctrl+Shift+N)"))
        self.setShortcut("Ctrl+Shift+N")
        self.setEnabled(ctx.actor.can_write)
        self.dialog: HouseholdFormDialog | None = None
        self.clicked.connect(self.open_form)

    def open_form(self) -> None:
        self.dialog = HouseholdFormDialog(self.ctx, None, self.window())
        self.dialog.form.saved.connect(self.created)
        self.dialog.open()
