"""Record a visit (走访): the checklist, members' jobs and incomes, income by source.

Everything starts from the last known values, so a monthly update of a
household where nothing changed is a date and Ctrl+S.  What the user changes
is marked on the row (highlighted and labelled "changed", never by colour
alone), and a swing the policy profile asks to look at twice (income per head
down by a third, a job lost) is said in words as soon as it is typed.

Decisions, and why:

- The checklist (两不愁三保障 and safe drinking water) starts every item at
  未查 (not looked at), never at 正常: a form that says "all fine" before
  anyone asked records checks nobody made.  An item set to 有问题 asks what
  is wrong, raises the household's flag when saved (red, see
  desktop/domain/monitoring.py) and adds a problem row below, pre-filled with
  the item and the note, which the household's page then offers as a work
  order.
- An income source left blank was not measured: it is not saved as 0 (which
  would put the household under the monitoring line), and with every source
  blank the visit records no income at all.  Blank fields say 未测.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import EmploymentPlace, EmploymentStatus, OrderCategory, VisitKind
from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.monitoring import income_dropped, job_lost
from desktop.domain.validation import ErrorCollector, ValidationErrors, parse_amount, parse_iso_date
from desktop.messages import error_message
from desktop.services import survey
from desktop.services.survey import (
    CHECKLIST_ITEMS,
    INCOME_SOURCES,
    ChecklistEntry,
    ProblemInput,
    VisitInput,
    VisitMemberInput,
    VisitTemplate,
    per_head,
)
from desktop.ui.context import Changed, UiContext
from desktop.ui.fonts import scale_font
from desktop.ui.form_window import FormWindow
from desktop.ui.i18n import message_language
from desktop.ui.labels import label
from desktop.ui.survey_fields import (
    CHANGED_STYLE,
    TOP,
    EnterMovesOn,
    FieldBox,
    combo_value,
    enum_combo,
    field_label,
    set_combo_value,
)

CONTEXT = "VisitForm"
DRAFT_FORM = "visit"
DEFAULT_AUTOSAVE_MS = 5000

CHECKLIST_LABELS: dict[str, str] = {
    "food": str(QT_TRANSLATE_NOOP("VisitForm", "Enough to eat")),
    "clothing": str(QT_TRANSLATE_NOOP("VisitForm", "Enough to wear")),
    "education": str(QT_TRANSLATE_NOOP("VisitForm", "Compulsory education")),
    "medical": str(QT_TRANSLATE_NOOP("VisitForm", "Basic medical care")),
    "housing": str(QT_TRANSLATE_NOOP("VisitForm", "Safe housing")),
    "drinking_water": str(QT_TRANSLATE_NOOP("VisitForm", "Safe drinking water")),
}
INCOME_LABELS: dict[str, str] = {
    "wages": str(QT_TRANSLATE_NOOP("VisitForm", "Wages")),
    "business": str(QT_TRANSLATE_NOOP("VisitForm", "Business")),
    "property": str(QT_TRANSLATE_NOOP("VisitForm", "Property")),
    "transfers": str(QT_TRANSLATE_NOOP("VisitForm", "Transfers")),
}
OK, PROBLEM, NOT_CHECKED = "ok", "problem", ""
# the work-order category a failed checklist item becomes
CHECKLIST_CATEGORIES: dict[str, OrderCategory] = {
    "food": OrderCategory.SOCIAL_SECURITY,
    "clothing": OrderCategory.SOCIAL_SECURITY,
    "education": OrderCategory.SCHOOL,
    "medical": OrderCategory.MEDICAL,
    "housing": OrderCategory.HOUSING_QUALITY,
    "drinking_water": OrderCategory.UTILITIES,
}


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def yuan(amount: int) -> str:
    return f"{amount:,} " + QCoreApplication.translate("VisitForm", "yuan")


def _amount_edit(value: int | None, *, blank: str = "0") -> QLineEdit:
    edit = QLineEdit("" if value is None else str(value))
    edit.setPlaceholderText(blank)
    edit.setMaxLength(12)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    return edit


class MemberRow:
    """One member's job and income, compared with the last known values."""

    def __init__(self, template: survey.VisitMemberTemplate, grid: QGridLayout, row: int):
        self.template = template
        self.name = QLabel(template.name)
        self.relation = QLabel(_relation_label(template.relation))
        self.employment = enum_combo(EmploymentStatus)
        set_combo_value(self.employment, template.employment)
        self.place = enum_combo(EmploymentPlace, blank="—")
        set_combo_value(self.place, template.employment_place)
        self.employer = QLineEdit(template.employer)
        self.income = _amount_edit(template.monthly_income or None)
        self.marker = QLabel()
        self.marker.setObjectName("change_marker")
        line_height = self.employment.sizeHint().height()
        for text_label in (self.name, self.relation, self.marker):
            text_label.setFixedHeight(line_height)  # level with the fields' text
        self.boxes = {
            "employment": FieldBox(self.employment),
            "employment_place": FieldBox(self.place),
            "employer": FieldBox(self.employer),
            "monthly_income": FieldBox(self.income),
        }
        for col, widget in enumerate(
            (
                self.name,
                self.relation,
                self.boxes["employment"],
                self.boxes["employment_place"],
                self.boxes["employer"],
                self.boxes["monthly_income"],
                self.marker,
            )
        ):
            grid.addWidget(widget, row, col, Qt.AlignmentFlag.AlignTop)

    def inputs(self) -> list[QWidget]:
        return [self.employment, self.place, self.employer, self.income]

    def values(self) -> dict[str, Any]:
        return {
            "person_id": self.template.person_id,
            "employment": combo_value(self.employment),
            "employment_place": combo_value(self.place),
            "employer": self.employer.text(),
            "monthly_income": self.income.text(),
        }

    def set_values(self, values: dict[str, Any]) -> None:
        set_combo_value(self.employment, values.get("employment"))
        set_combo_value(self.place, values.get("employment_place"))
        self.employer.setText(str(values.get("employer", "")))
        self.income.setText(str(values.get("monthly_income", "")))

    def income_value(self) -> int | None:
        try:
            return parse_amount(self.income.text(), "x")
        except ValidationError:
            return None

    def changed_fields(self) -> list[str]:
        t = self.template
        out = []
        if combo_value(self.employment) != t.employment:
            out.append("employment")
        if combo_value(self.place) != t.employment_place:
            out.append("employment_place")
        if self.employer.text().strip() != t.employer:
            out.append("employer")
        if self.income_value() != t.monthly_income:
            out.append("monthly_income")
        return out

    def lost_job(self) -> bool:
        return job_lost(self.template.employment, combo_value(self.employment))

    def refresh_marks(self) -> None:
        changed = self.changed_fields()
        for name, box in self.boxes.items():
            box.widget.setStyleSheet(CHANGED_STYLE if name in changed else "")
        if self.lost_job():
            self.marker.setText("⚠ " + QCoreApplication.translate("VisitForm", "job lost"))
            self.marker.setStyleSheet("color: #b3261e;")
        elif changed:
            self.marker.setText("✎ " + QCoreApplication.translate("VisitForm", "changed"))
            self.marker.setStyleSheet("")
        else:
            self.marker.setText("")

    def to_input(self, index: int, errors: ErrorCollector) -> VisitMemberInput:
        return VisitMemberInput(
            person_id=self.template.person_id,
            employment=combo_value(self.employment),
            employment_place=combo_value(self.place),
            employer=self.employer.text(),
            monthly_income=errors.value(
                lambda: parse_amount(self.income.text(), f"members[{index}].monthly_income"), 0
            ),
        )


def _relation_label(value: str) -> str:
    from desktop.domain.enums import Relation

    try:
        return label(Relation(value))
    except ValueError:
        return value


class ProblemRow(QWidget):
    removed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.auto_text: str | None = None  # the text a failed checklist item wrote here
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.category = enum_combo(OrderCategory)
        set_combo_value(self.category, OrderCategory.OTHER.value)
        self.description = QLineEdit()
        self.description.setPlaceholderText(
            QCoreApplication.translate("VisitForm", "What was found, what the household asks for")
        )
        self.category_box = FieldBox(self.category)
        self.description_box = FieldBox(self.description)
        remove = QPushButton(QCoreApplication.translate("VisitForm", "Remove"))
        remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        remove.clicked.connect(lambda: self.removed.emit(self))
        row.addWidget(self.category_box)
        row.addWidget(self.description_box, 1)
        row.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)


class VisitForm(QWidget):
    """The visit form as a page; :class:`VisitFormDialog` hosts it in a window."""

    saved = Signal(str)  # visit id
    closed = Signal()
    draft_saved = Signal()

    def __init__(
        self,
        ctx: UiContext,
        household_id: str,
        parent: QWidget | None = None,
        *,
        autosave_ms: int = DEFAULT_AUTOSAVE_MS,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.today = ctx.clock.now().astimezone().date()
        self.template: VisitTemplate = ctx.call(survey.visit_template, household_id)
        self.result: survey.VisitResult | None = None
        self.dirty = False
        self._unsaved_draft = False
        self._loading = True
        self.confirm_discard: Callable[[], bool] = self._ask_discard
        self._enter = EnterMovesOn(self, self._scroll_to)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(self._heading())
        self.banner = QFrame()
        self.banner.setObjectName("draft_banner")
        self.banner.setStyleSheet(
            "#draft_banner { background: #fff4c2; border: 1px solid #e0c050; }"
        )
        banner_row = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        banner_row.addWidget(self.banner_text, 1)
        self.continue_button = QPushButton(self.tr("Continue the draft"))
        self.continue_button.clicked.connect(self.continue_draft)
        discard = QPushButton(self.tr("Discard the draft"))
        discard.clicked.connect(self.discard_offered_draft)
        banner_row.addWidget(self.continue_button)
        banner_row.addWidget(discard)
        self.banner.hide()
        outer.addWidget(self.banner)

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 4, 0)
        top = QHBoxLayout()
        column.addLayout(top)
        top.addWidget(self._build_general(), 1)
        top.addWidget(self._build_income(), 1)
        column.addWidget(self._build_checklist())
        column.addWidget(self._build_members())
        column.addWidget(self._build_problems())
        column.addStretch(1)
        self.scroller.setWidget(body)
        outer.addWidget(self.scroller, 1)

        bottom = QHBoxLayout()
        self.form_error = QLabel()
        self.form_error.setObjectName("form_error")
        self.form_error.setStyleSheet("color: #b3261e;")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        bottom.addWidget(self.form_error, 1)
        bottom.addStretch(0)
        self.status = QLabel()
        bottom.addWidget(self.status)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.request_close)
        for b in (self.save_button, self.cancel_button):
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            bottom.addWidget(b)
        outer.addLayout(bottom)

        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence(Qt.Key.Key_Escape), self.request_close),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        for widget in self._inputs():
            widget.installEventFilter(self._enter)
        self._refresh()
        self._offer_draft()
        self._loading = False
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _scroll_to(self, widget: QWidget) -> None:
        body = self.scroller.widget()
        if body is not None and body.isAncestorOf(widget):
            self.scroller.ensureWidgetVisible(widget, 20, 40)

    # ------------------------------------------------------------ building

    def _heading(self) -> QLabel:
        t = self.template
        text = self.tr("Visit to %1 %2").replace("%1", t.household_code).replace("%2", t.head_name)
        if t.flat:
            text += " · " + t.flat
        if t.last_visit_on is not None:
            text += " · " + self.tr("last visit %1").replace("%1", t.last_visit_on.isoformat())
        else:
            text += " · " + self.tr("first visit")
        heading = QLabel(text)
        heading.setWordWrap(True)
        scale_font(heading, 1.2, bold=True)
        return heading

    def _build_general(self) -> QGroupBox:
        group = QGroupBox(self.tr("Visit"))
        grid = QGridLayout(group)
        self.kind = enum_combo(VisitKind)
        self.date_edit = QLineEdit(self.today.isoformat())
        self.date_edit.setMaxLength(12)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("Anything else worth recording"))
        self.notes.setFixedHeight(self.notes.fontMetrics().height() * 3 + 12)
        self.fields = {
            "visited_on": FieldBox(self.date_edit),
            "kind": FieldBox(self.kind),
            "notes": FieldBox(self.notes),
        }
        grid.addWidget(QLabel(self.tr("Date")), 0, 0)
        grid.addWidget(self.fields["visited_on"], 0, 1)
        grid.addWidget(QLabel(self.tr("Kind")), 1, 0)
        grid.addWidget(self.fields["kind"], 1, 1)
        grid.addWidget(QLabel(self.tr("Notes")), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.fields["notes"], 2, 1)
        self.kind.currentIndexChanged.connect(self._changed)
        self.date_edit.textEdited.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        return group

    def _build_income(self) -> QGroupBox:
        group = QGroupBox(self.tr("Household income this year, by source"))
        grid = QGridLayout(group)
        last = self.template.last_income
        self.income_edits: dict[str, QLineEdit] = {}
        for i, key in enumerate(INCOME_SOURCES):
            value = last.get(key)
            if key == "wages" and not last:
                value = self.template.suggested_wages
            edit = _amount_edit(value, blank=self.tr("not measured"))
            edit.textEdited.connect(self._changed)
            self.income_edits[key] = edit
            self.fields[f"income.{key}"] = FieldBox(edit)
            grid.addWidget(field_label(_t(INCOME_LABELS[key]), edit), i // 2, (i % 2) * 2, TOP)
            grid.addWidget(self.fields[f"income.{key}"], i // 2, (i % 2) * 2 + 1, TOP)
        self.total_label = QLabel()
        self.total_label.setObjectName("income_total")
        self.per_head_label = QLabel()
        self.per_head_label.setObjectName("income_per_head")
        self.swing_label = QLabel()
        self.swing_label.setObjectName("swing")
        self.swing_label.setWordWrap(True)
        self.swing_label.setStyleSheet("color: #b3261e;")
        grid.addWidget(self.total_label, 2, 0, 1, 2)
        grid.addWidget(self.per_head_label, 2, 2, 1, 2)
        grid.addWidget(self.swing_label, 3, 0, 1, 4)
        return group

    def _build_checklist(self) -> QGroupBox:
        group = QGroupBox(self.tr("Two assurances, three guarantees, and safe drinking water"))
        grid = QGridLayout(group)
        self.checks: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self.check_problems: dict[str, ProblemRow] = {}  # failed item -> its problem row
        for i, key in enumerate(CHECKLIST_ITEMS):
            state = QComboBox()
            state.setObjectName(f"check_{key}")
            state.addItem("○ " + self.tr("Not checked"), NOT_CHECKED)
            state.addItem("✔ " + self.tr("OK"), OK)
            state.addItem("✘ " + self.tr("Problem"), PROBLEM)
            note = QLineEdit()
            note.setPlaceholderText(self.tr("Say what is wrong"))
            state.currentIndexChanged.connect(lambda _i, k=key: self._check_changed(k))
            note.textEdited.connect(lambda _t, k=key: self._check_changed(k))
            self.checks[key] = (state, note)
            self.fields[f"checklist.{key}"] = FieldBox(note)
            row, half = divmod(i, 2)
            grid.addWidget(field_label(_t(CHECKLIST_LABELS[key]), note), row, half * 3, TOP)
            grid.addWidget(state, row, half * 3 + 1, TOP)
            grid.addWidget(self.fields[f"checklist.{key}"], row, half * 3 + 2, TOP)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(5, 1)
        return group

    def _problem_text(self, key: str) -> str:
        note = self.checks[key][1].text().strip()
        item = _t(CHECKLIST_LABELS[key])
        return f"{item}：{note}" if note else f"{item}："

    def _check_changed(self, key: str) -> None:
        """A failed item gets a problem row (a work order to be), kept in step with its note."""
        state, _note = self.checks[key]
        row = self.check_problems.get(key)
        if state.currentData() == PROBLEM:
            if row is None or row not in self.problem_rows:
                row = self.add_problem(
                    CHECKLIST_CATEGORIES[key].value, self._problem_text(key), focus=False
                )
                row.auto_text = self._problem_text(key)
                self.check_problems[key] = row
            elif row.description.text() == getattr(row, "auto_text", None):
                row.description.setText(self._problem_text(key))
                row.auto_text = self._problem_text(key)
        elif row is not None and row in self.problem_rows:
            if row.description.text() == getattr(row, "auto_text", None):
                self._remove_problem(row)  # untouched: it goes with the problem
            self.check_problems.pop(key, None)
        self._changed()

    def _build_members(self) -> QGroupBox:
        group = QGroupBox(self.tr("Members: work and monthly income (last known values)"))
        grid = QGridLayout(group)
        for col, text in enumerate(
            (
                self.tr("Name"),
                self.tr("Relation"),
                self.tr("Employment"),
                self.tr("Place of work"),
                self.tr("Employer"),
                self.tr("Monthly income (yuan)"),
                "",
            )
        ):
            header = QLabel(text)
            header.setStyleSheet("font-weight: bold;")
            grid.addWidget(header, 0, col)
        self.rows: list[MemberRow] = []
        for i, m in enumerate(self.template.members):
            row = MemberRow(m, grid, i + 1)
            for w in row.inputs():
                if isinstance(w, QComboBox):
                    w.currentIndexChanged.connect(self._changed)
                elif isinstance(w, QLineEdit):
                    w.textEdited.connect(self._changed)
            self.rows.append(row)
        grid.setColumnStretch(4, 1)
        return group

    def _build_problems(self) -> QGroupBox:
        group = QGroupBox(self.tr("Problems found (each can become a work order)"))
        self.problems_layout = QVBoxLayout(group)
        self.problem_rows: list[ProblemRow] = []
        self.add_problem_button = QPushButton(self.tr("Add problem"))
        self.add_problem_button.setAutoDefault(False)
        self.add_problem_button.clicked.connect(lambda: self.add_problem())
        row = QHBoxLayout()
        row.addWidget(self.add_problem_button)
        row.addStretch(1)
        self.problems_layout.addLayout(row)
        return group

    def add_problem(
        self, category: str | None = None, description: str = "", *, focus: bool = True
    ) -> ProblemRow:
        row = ProblemRow()
        if category:
            set_combo_value(row.category, category)
        row.description.setText(description)
        row.removed.connect(self._remove_problem)
        row.category.installEventFilter(self._enter)
        row.description.installEventFilter(self._enter)
        row.category.currentIndexChanged.connect(self._changed)
        row.description.textEdited.connect(self._changed)
        self.problems_layout.insertWidget(len(self.problem_rows), row)
        self.problem_rows.append(row)
        self._chain()
        if not self._loading:
            if focus:
                row.description.setFocus()
            self._changed()
        return row

    def _remove_problem(self, row: ProblemRow) -> None:
        self.problem_rows.remove(row)
        row.deleteLater()
        self._chain()
        self._changed()

    def _inputs(self) -> list[QWidget]:
        out: list[QWidget] = [self.date_edit, self.kind]
        out += list(self.income_edits.values())
        for state, note in self.checks.values():
            out += [state, note]
        for row in self.rows:
            out += row.inputs()
        return out

    def _chain(self) -> None:
        chain = self._inputs()
        for p in self.problem_rows:
            chain += [p.category, p.description]
        chain += [self.add_problem_button, self.notes, self.save_button, self.cancel_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # ------------------------------------------------------------ live figures

    def income_values(self) -> dict[str, int | None]:
        """The sources typed (blank ones are not measured and left out)."""
        out: dict[str, int | None] = {}
        for key, edit in self.income_edits.items():
            if not edit.text().strip():
                continue
            try:
                out[key] = parse_amount(edit.text(), key)
            except ValidationError:
                out[key] = None
        return out

    def _refresh(self) -> None:
        values = self.income_values()
        measured = bool(values)
        total = sum(v for v in values.values() if v)
        head = per_head(total, self.template.member_count)
        shown = yuan(total) if measured else self.tr("not measured")
        self.total_label.setText(self.tr("Total: %1").replace("%1", shown))
        self.per_head_label.setText(
            self.tr("Per head: %1 (%2 people)")
            .replace("%1", yuan(head) if measured else self.tr("not measured"))
            .replace("%2", str(self.template.member_count))
        )
        warnings = []
        previous = self.template.last_income_per_head
        if measured and income_dropped(previous, head, self.ctx.policy) and previous:
            share = round((previous - head) * 100 / previous)
            warnings.append(
                self.tr("Income per head is down %1% since the last visit (%2): look again.")
                .replace("%1", str(share))
                .replace("%2", yuan(previous))
            )
        line = self.ctx.policy.monitoring.income_line_per_head_year
        if measured and head < line:
            warnings.append(
                self.tr("Below the monitoring line of %1 per head.").replace("%1", yuan(line))
            )
        lost = [r.template.name for r in self.rows if r.lost_job()]
        if lost:
            warnings.append(self.tr("Job lost: %1.").replace("%1", "、".join(lost)))
        self.swing_label.setText("\n".join("⚠ " + w for w in warnings))
        for row in self.rows:
            row.refresh_marks()
        for state, _note in self.checks.values():
            problem = state.currentData() == PROBLEM
            state.setStyleSheet("color: #b3261e;" if problem else "")

    def _changed(self) -> None:
        self._refresh()
        if self._loading:
            return
        self.dirty = True
        self._unsaved_draft = True

    # ------------------------------------------------------------ drafts

    def values(self) -> dict[str, Any]:
        return {
            "visited_on": self.date_edit.text(),
            "kind": combo_value(self.kind),
            "notes": self.notes.toPlainText(),
            "income": {k: e.text() for k, e in self.income_edits.items()},
            "checklist": {k: [combo_value(s), n.text()] for k, (s, n) in self.checks.items()},
            "members": [r.values() for r in self.rows],
            "problems": [
                [combo_value(p.category), p.description.text()] for p in self.problem_rows
            ],
        }

    def set_values(self, data: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.date_edit.setText(str(data.get("visited_on", "")))
            set_combo_value(self.kind, data.get("kind"))
            self.notes.setPlainText(str(data.get("notes", "")))
            for k, text in data.get("income", {}).items():
                if k in self.income_edits:
                    self.income_edits[k].setText(str(text))
            for k, (state, note) in data.get("checklist", {}).items():
                if k in self.checks:
                    set_combo_value(self.checks[k][0], state)
                    self.checks[k][1].setText(note)
            by_person = {m.get("person_id"): m for m in data.get("members", [])}
            for row in self.rows:
                if row.template.person_id in by_person:
                    row.set_values(by_person[row.template.person_id])
            for p in list(self.problem_rows):
                self._remove_problem(p)
            for category, description in data.get("problems", []):
                self.add_problem(category, description)
        finally:
            self._loading = False
        self._refresh()

    def _offer_draft(self) -> None:
        draft = self.ctx.call(survey.load_draft, DRAFT_FORM, self.household_id)
        if draft is None:
            return
        self._offered = draft.data
        when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        self.banner_text.setText(
            self.tr("An unsaved visit from %1 was found. Continue where you stopped?").replace(
                "%1", when
            )
        )
        self.banner.show()

    def continue_draft(self) -> None:
        self.set_values(self._offered)
        self.banner.hide()
        self.dirty = True

    def discard_offered_draft(self) -> None:
        self.ctx.call(survey.discard_draft, DRAFT_FORM, self.household_id)
        self.banner.hide()

    def autosave_now(self) -> None:
        if not self._unsaved_draft:
            return
        self.ctx.call(survey.save_draft, DRAFT_FORM, self.household_id, self.values())
        self._unsaved_draft = False
        when = self.ctx.clock.now().astimezone().strftime("%H:%M:%S")
        self.status.setText(self.tr("Draft kept at %1").replace("%1", when))
        self.draft_saved.emit()

    # ------------------------------------------------------------ saving

    def to_input(self, errors: ErrorCollector) -> VisitInput:
        visited_on = errors.value(lambda: parse_iso_date(self.date_edit.text(), "visited_on"), None)
        if visited_on is None and not errors.has("visited_on"):
            errors.add("required", "visited_on")
        income: dict[str, int] = {}
        for key, edit in self.income_edits.items():
            if not edit.text().strip():
                continue  # not measured: never saved as 0
            with errors.check():
                income[key] = parse_amount(edit.text(), f"income.{key}")
        return VisitInput(
            household_id=self.household_id,
            visited_on=visited_on or self.today,
            kind=combo_value(self.kind),
            checklist={
                key: ChecklistEntry(
                    None if state.currentData() == NOT_CHECKED else state.currentData() == OK,
                    note.text(),
                )
                for key, (state, note) in self.checks.items()
            },
            members=tuple(r.to_input(i, errors) for i, r in enumerate(self.rows)),
            income=income,
            notes=self.notes.toPlainText(),
            problems=tuple(
                ProblemInput(combo_value(p.category), p.description.text())
                for p in self.problem_rows
            ),
        )

    def field_box(self, field: str) -> FieldBox | None:
        if field.startswith("members[") and "]." in field:
            index = int(field[len("members[") : field.index("]")])
            name = field[field.index("].") + 2 :]
            if 0 <= index < len(self.rows):
                return self.rows[index].boxes.get(name)
            return None
        if field.startswith("problems[") and "]." in field:
            index = int(field[len("problems[") : field.index("]")])
            name = field[field.index("].") + 2 :]
            if 0 <= index < len(self.problem_rows):
                row = self.problem_rows[index]
                return row.description_box if name == "description" else row.category_box
            return None
        return self.fields.get(field)

    def clear_errors(self) -> None:
        self.form_error.hide()
        boxes = list(self.fields.values())
        for r in self.rows:
            boxes += list(r.boxes.values())
        for p in self.problem_rows:
            boxes += [p.category_box, p.description_box]
        for box in boxes:
            box.clear_error()

    def show_errors(self, errors: tuple[ValidationError, ...] | list[ValidationError]) -> None:
        first = None
        unplaced = []
        for err in errors:
            box = self.field_box(err.field or "")
            if box is None:
                unplaced.append(error_message(err, message_language()))
                continue
            box.show_error(error_message(err, message_language()))
            first = first or box.widget
        if unplaced:
            self.form_error.setText("⚠ " + " ".join(unplaced))
            self.form_error.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroller.ensureWidgetVisible(first, 20, 60)

    def save(self) -> bool:
        self.clear_errors()
        errors = ErrorCollector()
        data = self.to_input(errors)
        try:
            errors.raise_if_any()
            result = self.ctx.call(survey.record_visit, data, shown=self.template, today=self.today)
        except ValidationErrors as many:
            self.show_errors(many.errors)
            return False
        except ValidationError as one:
            self.show_errors([one])
            return False
        except DomainError as err:
            self.form_error.setText("⚠ " + error_message(err, message_language()))
            self.form_error.show()
            return False
        self.result = result
        self.ctx.call(survey.discard_draft, DRAFT_FORM, self.household_id)
        self.dirty = False
        self._unsaved_draft = False
        self.ctx.bus.data_changed.emit(
            Changed(
                {
                    "visits": frozenset({result.id}),
                    "households": frozenset({self.household_id}),
                    "persons": frozenset(r.template.person_id for r in self.rows),
                }
            )
        )
        self.saved.emit(result.id)
        return True

    def _ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes?"),
            self.tr("This visit is not saved. Discard it?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def request_close(self) -> None:
        if self.dirty and not self.confirm_discard():
            return
        if self.dirty:
            self.ctx.call(survey.discard_draft, DRAFT_FORM, self.household_id)
        self.autosave_timer.stop()
        self.dirty = False
        self.closed.emit()


class VisitFormDialog(FormWindow):
    def __init__(
        self,
        ctx: UiContext,
        household_id: str,
        parent: QWidget | None = None,
        *,
        autosave_ms: int = DEFAULT_AUTOSAVE_MS,
    ):
        self.form = VisitForm(ctx, household_id, None, autosave_ms=autosave_ms)
        super().__init__(
            self.form, QCoreApplication.translate("VisitFormDialog", "Record a visit"), parent
        )
