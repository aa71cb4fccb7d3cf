"""One household, read-only: who lives there, where, who looks after it, what happened.

Shown inside the households page when a row is opened (Enter or double-click)
and left with the back button or Esc, so the list keeps its search, filters
and place.  Editing comes with the survey forms; this page only reads
:func:`desktop.services.households.household_detail`.  Ages and sexes are
those the service derives from the resident IDs.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

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
    OrderStatus,
    Relation,
    Schooling,
    VisitKind,
)
from desktop.domain.errors import DomainError
from desktop.domain.monitoring import Flag, RaisedFlag
from desktop.domain.sla import Stage
from desktop.services.history import HistoryEntry, household_history
from desktop.services.households import (
    HouseholdDetail,
    MemberDetail,
    VisitSummary,
    WorkOrderSummary,
    household_detail,
)
from desktop.ui.attachments_tab import AttachmentsTab
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import show_error_box
from desktop.ui.fonts import scale_font
from desktop.ui.history_labels import field_text, table_text, value_text
from desktop.ui.household_page_rows import Cell, RowsModel, rows_table
from desktop.ui.household_table_model import MONITORING_COLOURS, enum_label, format_date
from desktop.ui.report_buttons import PrintCardsButton
from desktop.ui.survey_widgets import SurveyButtons, SurveyPanel, flag_text
from desktop.ui.work_order_table_model import late_word

if TYPE_CHECKING:
    from desktop.services.printing import Selection

Index = QModelIndex | QPersistentModelIndex
WARNING_COLOUR = "#b3261e"


class HouseholdPage(QWidget):
    """Emits :attr:`back_requested` when the user leaves it (button, Esc, Alt+Left)."""

    back_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._detail: HouseholdDetail | None = None

        self.back_button = QPushButton(
            self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack),
            self.tr("Back to the list"),
        )
        self.back_button.setToolTip(self.tr("Back to the household list (Esc)"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setObjectName("household_title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scale_font(self.title, 1.4, bold=True)
        self.monitoring_label = QLabel()
        self.monitoring_label.setObjectName("household_monitoring")
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.monitoring_label)
        top.addStretch(1)
        # the survey: edit / visit buttons, five-ones, monitoring and "311" panels
        self.survey_buttons = SurveyButtons(ctx)
        self.survey_panel = SurveyPanel(ctx)
        top.addWidget(self.survey_buttons)
        self.print_button = PrintCardsButton(ctx, self._card_scope)
        top.addWidget(self.print_button)

        # facts in two columns of label: value
        self._values: dict[str, QLabel] = {}
        facts = QGridLayout()
        facts.setHorizontalSpacing(24)
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setHorizontalSpacing(12)
            form.setVerticalSpacing(4)
        for key, text in (
            ("flat", self.tr("Flat")),
            ("grid", self.tr("Grid")),
            ("grid_members", self.tr("Grid members")),
            ("cadre", self.tr("Responsible cadre")),
            ("phone", self.tr("Household phone")),
        ):
            left.addRow(text, self._value(key))
        for key, text in (
            ("category", self.tr("Category")),
            ("move_in", self.tr("Moved in")),
            ("origin", self.tr("Came from")),
            ("old_house", self.tr("Old house")),
            ("certificate", self.tr("Property certificate")),
        ):
            right.addRow(text, self._value(key))
        facts.addLayout(left, 0, 0)
        facts.addLayout(right, 0, 1)
        facts.setColumnStretch(0, 1)
        facts.setColumnStretch(1, 1)

        self.members_model = RowsModel(
            [
                self.tr("Name"),
                self.tr("Relation"),
                self.tr("Sex"),
                self.tr("Age"),
                self.tr("Resident ID"),
                self.tr("Ethnicity"),
                self.tr("Education"),
                self.tr("Health"),
                self.tr("Labour"),
                self.tr("Work or school"),
                self.tr("Income / month"),
                self.tr("Phone"),
            ],
            self,
        )
        self.members_view = rows_table(self.members_model, 9)
        self.members_view.setObjectName("members_view")
        self.visits_model = RowsModel(
            [
                self.tr("Date"),
                self.tr("Kind"),
                self.tr("Visited by"),
                self.tr("Income per head / year"),
                self.tr("What changed"),
                self.tr("Notes"),
            ],
            self,
        )
        self.visits_view = rows_table(self.visits_model, 4)
        self.visits_view.setObjectName("visits_view")
        self.visits_view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.orders_model = RowsModel(
            [
                self.tr("Code"),
                self.tr("Category"),
                self.tr("Status"),
                self.tr("Received"),
                self.tr("Request"),
            ],
            self,
        )
        self.orders_view = rows_table(self.orders_model, 4)
        self.history_model = RowsModel(
            [self.tr("When"), self.tr("By"), self.tr("Record"), self.tr("What changed")], self
        )
        self.history_view = rows_table(self.history_model, 3)
        self.history_view.setObjectName("history_view")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members_view, "")
        self.tabs.addTab(self.visits_view, "")
        self.tabs.addTab(self.orders_view, "")
        self.tabs.addTab(self.history_view, "")
        self.attachments_tab = AttachmentsTab(ctx)
        self.attachments_tab.count_changed.connect(
            lambda n: self.tabs.setTabText(4, self.tr("Files (%1)").replace("%1", str(n)))
        )
        self.tabs.addTab(self.attachments_tab, "")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(facts)
        layout.addWidget(self.survey_panel)
        layout.addWidget(self.tabs, 1)

        for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence.StandardKey.Back):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.back_requested)
        ctx.bus.data_changed.connect(self._on_data_changed)

    def _card_scope(self) -> tuple[Selection, str] | None:
        from desktop.services.printing import Selection

        d = self._detail
        if d is None:
            return None
        return Selection(household_ids=(d.id,)), f"{d.head_name}（{d.code}）"

    def _value(self, key: str) -> QLabel:
        value = QLabel()
        value.setObjectName(f"value_{key}")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setWordWrap(True)
        self._values[key] = value
        return value

    def value_text(self, key: str) -> str:
        """The text shown for one fact (``flat``, ``grid``, ``cadre``, ...)."""
        return self._values[key].text()

    # -- loading

    @property
    def household_id(self) -> str | None:
        return self._detail.id if self._detail else None

    @property
    def detail(self) -> HouseholdDetail | None:
        return self._detail

    def show_household(self, household_id: str) -> bool:
        """Load and show a household; False (after telling the user why) if it cannot be."""
        today = self.ctx.clock.now().astimezone().date()
        try:
            detail = self.ctx.call(household_detail, household_id, today)
        except DomainError as error:
            show_error_box(self, error)
            return False
        self._detail = detail
        self._fill(detail)
        self.survey_buttons.set_household(detail.id)
        self.survey_panel.set_household(detail.id)
        self.attachments_tab.set_household(detail.id)
        self.tabs.setCurrentIndex(0)
        return True

    def reload(self) -> None:
        """Show the same household again, on the tab the user was reading."""
        if self._detail is not None:
            tab = self.tabs.currentIndex()
            if self.show_household(self._detail.id):
                self.tabs.setCurrentIndex(tab)

    def _on_data_changed(self, changed: Changed) -> None:
        if self._detail is None or not self.isVisible():
            return
        if any(
            changed.touches(t)
            for t in ("households", "persons", "visits", "work_orders", "attachments")
        ):
            self.reload()

    # -- filling

    def _fill(self, d: HouseholdDetail) -> None:
        head = d.head_name or self.tr("(no head)")
        self.title.setText(f"{head}　{d.code}")
        self.title.setToolTip(d.code)
        monitoring = enum_label(MonitoringCategory, d.monitoring)
        colour = MONITORING_COLOURS.get(d.monitoring)
        if colour:
            since = (
                self.tr("since %1").replace("%1", format_date(d.monitoring_since))
                if d.monitoring_since
                else ""
            )
            text = f"● {monitoring} {since}".strip()
            self.monitoring_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
            self.monitoring_label.setToolTip(d.monitoring_reason)
        else:
            text = monitoring
            self.monitoring_label.setStyleSheet("")
            self.monitoring_label.setToolTip("")
        self.monitoring_label.setText(text)

        v = self._values
        v["flat"].setText(" ".join(p for p in (d.site_name, self._flat(d)) if p))
        v["grid"].setText(d.grid_name or self.tr("Not assigned to a grid"))
        v["grid_members"].setText(
            "　".join(
                " ".join(p for p in (g.display_name, g.phone) if p)
                + (self.tr(" (leader)") if g.is_leader else "")
                for g in d.grid_members
            )
            or self.tr("None yet")
        )
        v["cadre"].setText(
            " ".join(p for p in (d.cadre_name, d.cadre_phone) if p) or self.tr("None yet")
        )
        v["phone"].setText(d.phone)
        v["category"].setText(enum_label(HouseholdCategory, d.category))
        v["move_in"].setText(format_date(d.move_in_date))
        v["origin"].setText(d.origin_village)
        old_house = enum_label(OldHouseStatus, d.old_house_status)
        if d.old_house_demolished_on:
            old_house += " " + format_date(d.old_house_demolished_on)
        v["old_house"].setText(old_house)
        v["certificate"].setText(self.tr("Yes") if d.property_certificate else self.tr("Not yet"))

        self.members_model.set_rows([self._member_cells(m) for m in d.members])
        self.visits_model.set_rows(
            [
                [
                    Cell(format_date(visit.visited_on)),
                    Cell(enum_label(VisitKind, visit.kind)),
                    Cell(visit.user_name),
                    Cell(self._yuan(visit.income_per_head)),
                    self._changes_cell(visit, d),
                    Cell(visit.notes.replace("\n", " "), visit.notes),
                ]
                for visit in d.visits
            ]
        )
        self.orders_model.set_rows(
            [
                [
                    Cell(o.code),
                    Cell(enum_label(OrderCategory, o.category)),
                    self._order_status_cell(o),
                    Cell(self._moment(o.received_at)),
                    Cell(o.description.replace("\n", " "), o.description),
                ]
                for o in d.work_orders
            ]
        )
        self.tabs.setTabText(0, self.tr("Members (%1)").replace("%1", str(len(d.members))))
        self.tabs.setTabText(1, self.tr("Visits (%1)").replace("%1", str(len(d.visits))))
        self.tabs.setTabText(2, self.tr("Work orders (%1)").replace("%1", str(len(d.work_orders))))
        history = self.ctx.call(household_history, d.id)
        self.history_model.set_rows([self._history_cells(e) for e in history])
        self.tabs.setTabText(3, self.tr("History (%1)").replace("%1", str(len(history))))

    def _history_cells(self, e: HistoryEntry) -> list[Cell]:
        """One change: when, who (and whether it came by sync), which record, what."""
        who = e.user or self.tr("(unknown)")
        if e.by_sync:
            who += " " + self.tr("(by sync)")
        record = table_text(e.table) + (f" {e.row_label}" if e.row_label else "")
        if e.op == "insert":
            record += " " + self.tr("added")
        elif e.op == "delete" or any(f.field == "deleted" and f.new for f in e.fields):
            record += " " + self.tr("removed")
        parts = []
        for f in e.fields:
            if f.field == "deleted":
                continue
            new = value_text(e.table, f.field, f.new)
            if e.op == "insert":
                parts.append(f"{field_text(f.field)}：{new}")
            else:
                old = value_text(e.table, f.field, f.old)
                parts.append(f"{field_text(f.field)}：{old} → {new}")
        text = "；".join(parts)
        return [
            Cell(self._moment(e.at)),
            Cell(who),
            Cell(record),
            Cell(text, "\n".join(parts)),
        ]

    def _order_status_cell(self, order: WorkOrderSummary) -> Cell:
        """The status, and the steps done late ("已响应 · 响应超时"), as the work-order list says."""
        late = [late_word(Stage(stage)) for stage in order.late_stages]
        text = " · ".join([enum_label(OrderStatus, order.status), *late])
        return Cell(text, "、".join(late), "#a1160a" if late else None)

    def _changes_cell(self, visit: VisitSummary, d: HouseholdDetail) -> Cell:
        """What the visit recorded beyond its date, in words: the swings it flagged
        first (in red, with ⚠), then each change since the visit before."""
        lines = []
        for alert in visit.alerts:
            try:
                flag = Flag(str(alert.get("code")))
            except ValueError:
                continue
            params = {k: v for k, v in alert.items() if k != "code"}
            lines.append("⚠ " + flag_text(RaisedFlag(flag, params)))
        names = {m.id: m.name for m in d.members}
        for change in visit.changes:
            lines.append(self._change_text(change, names))
        if not lines:
            return Cell(self.tr("No change"))
        return Cell("；".join(lines), "\n".join(lines), WARNING_COLOUR if visit.alerts else None)

    def _change_text(self, change: dict[str, Any], names: dict[str, str]) -> str:
        field = str(change.get("field", ""))
        before, after = change.get("before"), change.get("after")
        if field == "income_per_head":
            return (
                self.tr("Income per head %1 → %2 yuan")
                .replace("%1", f"{int(before or 0):,}")
                .replace("%2", f"{int(after or 0):,}")
            )
        who = names.get(str(change.get("person_id")), self.tr("a former member"))
        what = {
            "employment": self.tr("work"),
            "employment_place": self.tr("place of work"),
            "employer": self.tr("employer"),
            "monthly_income": self.tr("income / month"),
        }.get(field, field)

        def value(v: object) -> str:
            if field == "employment":
                return enum_label(EmploymentStatus, str(v))
            if field == "employment_place":
                return enum_label(EmploymentPlace, str(v)) if v else self.tr("none")
            if field == "monthly_income":
                return self._yuan(int(v or 0))  # type: ignore[call-overload]
            return str(v) if v else self.tr("none")

        return (
            self.tr("%1's %2: %3 → %4")
            .replace("%1", who)
            .replace("%2", what)
            .replace("%3", value(before))
            .replace("%4", value(after))
        )

    def _flat(self, d: HouseholdDetail) -> str:
        if not d.unit:
            return self.tr("%1 room %2").replace("%1", d.building_name).replace("%2", d.room)
        return (
            self.tr("%1 unit %2 room %3")
            .replace("%1", d.building_name)
            .replace("%2", d.unit)
            .replace("%3", d.room)
        )

    def _yuan(self, amount: int) -> str:
        return self.tr("%1 yuan").replace("%1", f"{amount:,}")

    @staticmethod
    def _moment(at: datetime) -> str:
        return at.astimezone().strftime("%Y-%m-%d %H:%M")

    def _member_cells(self, m: MemberDetail) -> list[Cell]:
        if m.id_valid:
            sex = self.tr("Male") if m.sex == "male" else self.tr("Female")
            age = str(m.age)
            id_cell = Cell(m.resident_id, format_date(m.birth_date))
        else:
            sex = age = "?"
            id_cell = Cell(
                m.resident_id,
                self.tr("This resident ID is not valid; correct it in the survey"),
                WARNING_COLOUR,
            )
        health = enum_label(Health, m.health)
        if m.disability_grade:
            health += self.tr(" (grade %1)").replace("%1", str(m.disability_grade))
        work = self._work(m)
        security = self._security(m)
        return [
            Cell(m.name, f"{m.name}\n{security}" if security else m.name),
            Cell(enum_label(Relation, m.relation)),
            Cell(sex),
            Cell(age),
            id_cell,
            Cell(m.ethnicity),
            Cell(enum_label(Education, m.education) if m.education else ""),
            Cell(health),
            Cell(enum_label(LabourCapacity, m.labour)),
            Cell(work, self._work_tooltip(m, work)),
            Cell(self._yuan(m.monthly_income) if m.monthly_income else ""),
            Cell(m.phone),
        ]

    def _work(self, m: MemberDetail) -> str:
        if m.schooling and m.schooling != Schooling.NOT_IN_SCHOOL.value:
            return enum_label(Schooling, m.schooling)
        text = enum_label(EmploymentStatus, m.employment)
        if m.employer:
            text += f"（{m.employer}）"
        return text

    def _work_tooltip(self, m: MemberDetail, work: str) -> str:
        parts = [work]
        if m.employment_place:
            parts.append(enum_label(EmploymentPlace, m.employment_place))
        if m.employed_since:
            parts.append(self.tr("since %1").replace("%1", format_date(m.employed_since)))
        if m.skills:
            parts.append(self.tr("Skills: %1").replace("%1", m.skills))
        if m.training_wish:
            parts.append(self.tr("Wants training: %1").replace("%1", m.training_wish))
        return "\n".join(parts)

    def _security(self, m: MemberDetail) -> str:
        flags = [
            (m.medical_insurance, self.tr("Medical insurance")),
            (m.pension_insurance, self.tr("Pension insurance")),
            (m.dibao, self.tr("Minimum living allowance")),
            (m.tekun, self.tr("Extreme hardship support")),
        ]
        return "、".join(text for on, text in flags if on)
