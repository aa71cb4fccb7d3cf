"""Create or edit a household and all its members in one form (入户登记).

The head and the other members are cards in one scrolling column, so the Tab
order runs from the household's fields through each member to the buttons,
and the focused field is always scrolled into view.  Keys: Enter moves on,
Ctrl+N adds a member, Alt+Up/Alt+Down move the member being edited,
Ctrl+Delete removes it, Ctrl+S saves, Esc asks before discarding.

Birth date, age and sex are shown as the resident ID is typed, never typed.
Errors from the service appear under the field at fault, in Chinese; an ID
already used in another household links to that household.

The form is kept as a draft every few seconds while it changes; opening the
same household (or a new one) again offers to continue the draft.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import resident_id
from desktop.domain.enums import (
    Education,
    EmploymentPlace,
    EmploymentStatus,
    Health,
    HouseholdCategory,
    LabourCapacity,
    OldHouseStatus,
    Relation,
    Schooling,
)
from desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from desktop.domain.validation import (
    ErrorCollector,
    ValidationErrors,
    half_width,
    parse_amount,
    parse_iso_date,
)
from desktop.messages import error_message
from desktop.services import survey
from desktop.services.households import FilterOptions, filter_options
from desktop.services.survey import HouseholdInput, MemberInput
from desktop.ui.context import Changed, UiContext
from desktop.ui.fonts import room_for, scale_font
from desktop.ui.form_window import FormWindow
from desktop.ui.i18n import message_language
from desktop.ui.survey_fields import (
    TOP,
    EnterMovesOn,
    FieldBox,
    enum_combo,
    field_label,
    set_combo_value,
    set_widget_text,
    widget_text,
)

CONTEXT = "HouseholdForm"
DRAFT_FORM = "household"
DEFAULT_AUTOSAVE_MS = 5000
ETHNICITIES = (
    "汉族",
    "苗族",
    "土家族",
    "侗族",
    "瑶族",
    "白族",
    "回族",
    "彝族",
    "布依族",
    "壮族",
    "水族",
    "仡佬族",
    "蒙古族",
    "满族",
)
HOUSEHOLD_LINK = "household:"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def local_today(ctx: UiContext) -> date:
    return ctx.clock.now().astimezone().date()


def _line(placeholder: str = "", max_length: int = 0) -> QLineEdit:
    edit = QLineEdit()
    if placeholder:
        edit.setPlaceholderText(placeholder)
    if max_length:
        edit.setMaxLength(max_length)
    return edit


# (field, label source, kind) per member, in Tab order; kinds are built by _member_widget.
MEMBER_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", str(QT_TRANSLATE_NOOP("HouseholdForm", "Name")), "text"),
    ("resident_id", str(QT_TRANSLATE_NOOP("HouseholdForm", "Resident ID")), "id"),
    ("relation", str(QT_TRANSLATE_NOOP("HouseholdForm", "Relation to head")), "relation"),
    ("ethnicity", str(QT_TRANSLATE_NOOP("HouseholdForm", "Ethnicity")), "ethnicity"),
    ("education", str(QT_TRANSLATE_NOOP("HouseholdForm", "Education")), "education"),
    ("phone", str(QT_TRANSLATE_NOOP("HouseholdForm", "Phone")), "phone"),
    ("health", str(QT_TRANSLATE_NOOP("HouseholdForm", "Health")), "health"),
    ("disability_grade", str(QT_TRANSLATE_NOOP("HouseholdForm", "Disability grade")), "grade"),
    ("labour", str(QT_TRANSLATE_NOOP("HouseholdForm", "Labour capacity")), "labour"),
    ("schooling", str(QT_TRANSLATE_NOOP("HouseholdForm", "Schooling")), "schooling"),
    ("employment", str(QT_TRANSLATE_NOOP("HouseholdForm", "Employment")), "employment"),
    ("employment_place", str(QT_TRANSLATE_NOOP("HouseholdForm", "Place of work")), "place"),
    ("employer", str(QT_TRANSLATE_NOOP("HouseholdForm", "Employer")), "text"),
    ("monthly_income", str(QT_TRANSLATE_NOOP("HouseholdForm", "Monthly income (yuan)")), "amount"),
    ("employed_since", str(QT_TRANSLATE_NOOP("HouseholdForm", "Employed since")), "date"),
    ("skills", str(QT_TRANSLATE_NOOP("HouseholdForm", "Skills")), "text"),
    ("training_wish", str(QT_TRANSLATE_NOOP("HouseholdForm", "Training wanted")), "text"),
    ("medical_insurance", str(QT_TRANSLATE_NOOP("HouseholdForm", "Medical insurance")), "check"),
    ("pension_insurance", str(QT_TRANSLATE_NOOP("HouseholdForm", "Pension insurance")), "check"),
    ("dibao", str(QT_TRANSLATE_NOOP("HouseholdForm", "Minimum living allowance (dibao)")), "check"),
    ("tekun", str(QT_TRANSLATE_NOOP("HouseholdForm", "Extreme-poverty support (tekun)")), "check"),
)
MEMBER_COLUMNS = 4


class MemberCard(QFrame):
    """One member's fields, with the facts read from the resident ID."""

    changed = Signal()
    move_requested = Signal(object, int)  # card, -1 or +1
    remove_requested = Signal(object)

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.member_id: str | None = None
        self.special_groups: tuple[str, ...] = ()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("member_card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(4)

        top = QHBoxLayout()
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        top.addWidget(self.title)
        self.derived = QLabel()
        self.derived.setObjectName("derived")
        self.derived.setToolTip(
            QCoreApplication.translate(
                "HouseholdForm", "Birth date, age and sex are read from the resident ID"
            )
        )
        top.addWidget(self.derived, 1)
        self.up_button = self._small_button(
            QCoreApplication.translate("HouseholdForm", "Move up"), "Alt+Up"
        )
        self.down_button = self._small_button(
            QCoreApplication.translate("HouseholdForm", "Move down"), "Alt+Down"
        )
        self.remove_button = self._small_button(
            QCoreApplication.translate("HouseholdForm", "Remove"), "Ctrl+Del"
        )
        self.up_button.clicked.connect(lambda: self.move_requested.emit(self, -1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(self, 1))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        for b in (self.up_button, self.down_button, self.remove_button):
            top.addWidget(b)
        outer.addLayout(top)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.fields: dict[str, FieldBox] = {}
        checks = QHBoxLayout()
        position = 0
        for name, source, kind in MEMBER_FIELDS:
            widget = _member_widget(kind)
            widget.setObjectName(f"member_{name}")
            box = FieldBox(widget)
            self.fields[name] = box
            if kind == "check":
                assert isinstance(widget, QCheckBox)
                widget.setText(_t(source))
                checks.addWidget(box)
                continue
            row, col = divmod(position, MEMBER_COLUMNS)
            grid.addWidget(field_label(_t(source), widget), row, col * 2, TOP)
            grid.addWidget(box, row, col * 2 + 1, TOP)
            position += 1
        for col in range(MEMBER_COLUMNS):
            grid.setColumnStretch(col * 2 + 1, 1)
        outer.addLayout(grid)
        checks.addStretch(1)
        outer.addLayout(checks)

        id_edit = self.widget("resident_id")
        assert isinstance(id_edit, QLineEdit)
        id_edit.textChanged.connect(self._show_derived)
        health = self.widget("health")
        assert isinstance(health, QComboBox)
        health.currentIndexChanged.connect(self._health_changed)
        self._health_changed()
        for box in self.fields.values():
            _connect_changed(box.widget, self.changed.emit)

    def _small_button(self, text: str, keys: str) -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # reached by keys, see tooltip
        button.setToolTip(
            f"{text} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        button.setAutoDefault(False)
        return button

    def widget(self, name: str) -> QWidget:
        return self.fields[name].widget

    def inputs(self) -> list[QWidget]:
        return [self.fields[name].widget for name, _, _ in MEMBER_FIELDS]

    def set_index(self, index: int, count: int) -> None:
        self.title.setText(
            QCoreApplication.translate("HouseholdForm", "Member %1").replace("%1", str(index + 1))
        )
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(index < count - 1)

    def focus_first(self) -> None:
        self.widget("name").setFocus(Qt.FocusReason.OtherFocusReason)

    def _health_changed(self) -> None:
        health = self.widget("health")
        assert isinstance(health, QComboBox)
        grade = self.widget("disability_grade")
        disabled = health.currentData() == Health.DISABLED.value
        grade.setEnabled(disabled)
        if not disabled:
            assert isinstance(grade, QComboBox)
            grade.setCurrentIndex(0)

    def _show_derived(self, text: str) -> None:
        number = resident_id.normalise(half_width(text))
        box = self.fields["resident_id"]
        if len(number) < 18:
            self.derived.setText("")
            box.clear_error()
            return
        try:
            rid = resident_id.parse(number, today=self.today)
        except resident_id.ResidentIdError as err:
            self.derived.setText("")
            box.show_error(error_message(err, message_language()))
            return
        box.clear_error()
        sex = (
            QCoreApplication.translate("HouseholdForm", "male")
            if rid.sex is resident_id.Sex.MALE
            else QCoreApplication.translate("HouseholdForm", "female")
        )
        self.derived.setText(
            "— "
            + QCoreApplication.translate("HouseholdForm", "Born %1 · %2 years · %3")
            .replace("%1", rid.birth_date.isoformat())
            .replace("%2", str(rid.age_on(self.today)))
            .replace("%3", sex)
        )

    def derived_text(self) -> str:
        return self.derived.text()

    # ------------------------------------------------------------ values

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.member_id}
        for name, box in self.fields.items():
            out[name] = widget_text(box.widget)
        # groups recorded elsewhere (a ledger): kept as they are, this form does not edit them
        out["special_groups"] = list(self.special_groups)
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        self.member_id = values.get("id")
        self.special_groups = tuple(values.get("special_groups") or ())
        for name, box in self.fields.items():
            if name in values:
                set_widget_text(box.widget, values[name])
        self._health_changed()
        grade = values.get("disability_grade")
        if grade not in (None, ""):
            set_widget_text(self.widget("disability_grade"), str(grade))

    def to_input(self, index: int, errors: ErrorCollector) -> MemberInput:
        v = self.values()
        f = f"members[{index}]."
        grade = v["disability_grade"]
        return MemberInput(
            id=self.member_id,
            special_groups=self.special_groups,
            name=v["name"],
            resident_id=v["resident_id"],
            relation=v["relation"],
            ethnicity=v["ethnicity"],
            education=v["education"],
            health=v["health"],
            disability_grade=int(grade) if grade else None,
            labour=v["labour"],
            schooling=v["schooling"],
            employment=v["employment"],
            employment_place=v["employment_place"],
            employer=v["employer"],
            monthly_income=errors.value(
                lambda: parse_amount(v["monthly_income"], f + "monthly_income"), 0
            ),
            employed_since=errors.value(
                lambda: parse_iso_date(v["employed_since"], f + "employed_since"), None
            ),
            skills=v["skills"],
            training_wish=v["training_wish"],
            medical_insurance=v["medical_insurance"],
            pension_insurance=v["pension_insurance"],
            dibao=v["dibao"],
            tekun=v["tekun"],
            phone=v["phone"],
        )

    def clear_errors(self) -> None:
        for name, box in self.fields.items():
            if name == "resident_id":
                self._show_derived(widget_text(box.widget))  # type: ignore[arg-type]
            else:
                box.clear_error()


def _member_widget(kind: str) -> QWidget:
    if kind == "text":
        return _line()
    if kind == "id":
        edit = _line(
            QCoreApplication.translate("HouseholdForm", "18 characters; the last may be X"), 22
        )
        room_for(edit, "43312719740103175X")
        return edit
    if kind == "phone":
        return _line(
            QCoreApplication.translate("HouseholdForm", "e.g. %1").replace("%1", "13812345678"), 20
        )
    if kind == "amount":
        return _line("0", 12)
    if kind == "date":
        return _line(
            QCoreApplication.translate("HouseholdForm", "e.g. %1").replace("%1", "2024-03-01"), 12
        )
    if kind == "check":
        return QCheckBox()
    if kind == "relation":
        return enum_combo(Relation, blank=QCoreApplication.translate("HouseholdForm", "(choose)"))
    if kind == "ethnicity":
        box = QComboBox()
        box.setEditable(True)
        box.addItems(list(ETHNICITIES))
        return box
    if kind == "education":
        return enum_combo(Education, blank="—")
    if kind == "health":
        return enum_combo(Health)
    if kind == "grade":
        box = QComboBox()
        box.addItem("—", "")
        for grade in range(1, 5):
            box.addItem(
                QCoreApplication.translate("HouseholdForm", "Grade %1").replace("%1", str(grade)),
                str(grade),
            )
        return box
    if kind == "labour":
        combo = enum_combo(LabourCapacity)
        set_combo_value(combo, LabourCapacity.NONE.value)
        return combo
    if kind == "schooling":
        return enum_combo(Schooling)
    if kind == "employment":
        combo = enum_combo(EmploymentStatus)
        set_combo_value(combo, EmploymentStatus.NOT_APPLICABLE.value)
        return combo
    if kind == "place":
        return enum_combo(EmploymentPlace, blank="—")
    raise ValueError(kind)


def _connect_changed(widget: QWidget, slot: Callable[[], None]) -> None:
    if isinstance(widget, QLineEdit):
        # textChanged, not textEdited: an input method's commit must count as typing.
        widget.textChanged.connect(lambda _=None: slot())
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda _=None: slot())
        if widget.isEditable():
            widget.editTextChanged.connect(lambda _=None: slot())
    elif isinstance(widget, QCheckBox):
        widget.toggled.connect(lambda _=None: slot())


HOUSEHOLD_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("site_id", str(QT_TRANSLATE_NOOP("HouseholdForm", "Site")), "site"),
    ("building_id", str(QT_TRANSLATE_NOOP("HouseholdForm", "Building")), "building"),
    ("unit", str(QT_TRANSLATE_NOOP("HouseholdForm", "Unit")), "short"),
    ("room", str(QT_TRANSLATE_NOOP("HouseholdForm", "Room")), "short"),
    ("origin_village", str(QT_TRANSLATE_NOOP("HouseholdForm", "Moved from (village)")), "text"),
    ("keys_handed_on", str(QT_TRANSLATE_NOOP("HouseholdForm", "Keys handed over on")), "date"),
    ("move_in_date", str(QT_TRANSLATE_NOOP("HouseholdForm", "Moved in on")), "date"),
    ("category", str(QT_TRANSLATE_NOOP("HouseholdForm", "Household category")), "category"),
    ("phone", str(QT_TRANSLATE_NOOP("HouseholdForm", "Household phone")), "phone"),
    ("cadre_name", str(QT_TRANSLATE_NOOP("HouseholdForm", "Responsible cadre")), "text"),
    ("cadre_phone", str(QT_TRANSLATE_NOOP("HouseholdForm", "Cadre's phone")), "phone"),
    ("income_industry", str(QT_TRANSLATE_NOOP("HouseholdForm", "Income industry")), "text"),
    ("code", str(QT_TRANSLATE_NOOP("HouseholdForm", "Household code")), "code"),
    ("old_house_status", str(QT_TRANSLATE_NOOP("HouseholdForm", "Old house")), "old_house"),
    ("old_house_demolished_on", str(QT_TRANSLATE_NOOP("HouseholdForm", "Demolished on")), "date"),
    (
        "old_house_reclaimed_on",
        str(QT_TRANSLATE_NOOP("HouseholdForm", "Land reclaimed on")),
        "date",
    ),
    ("old_house_note", str(QT_TRANSLATE_NOOP("HouseholdForm", "Approval no. / note")), "text"),
    (
        "old_house_hazard",
        str(QT_TRANSLATE_NOOP("HouseholdForm", "Hazard zone or dangerous house")),
        "check",
    ),
    (
        "property_certificate",
        str(QT_TRANSLATE_NOOP("HouseholdForm", "Property certificate issued")),
        "check",
    ),
    ("vegetable_plot", str(QT_TRANSLATE_NOOP("HouseholdForm", "Has a vegetable plot")), "check"),
)
HOUSEHOLD_COLUMNS = 4


class HouseholdForm(QWidget):
    """The household form as a page; :class:`HouseholdFormDialog` hosts it in a window."""

    saved = Signal(str)  # household id
    closed = Signal()
    draft_saved = Signal()
    open_household_requested = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        household_id: str | None = None,
        parent: QWidget | None = None,
        *,
        autosave_ms: int = DEFAULT_AUTOSAVE_MS,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        # What the form showed when it opened: the save merges against it (a sync may
        # change the household meanwhile).  A resumed draft merges against what stands.
        self._shown: HouseholdInput | None = None
        self.today = local_today(ctx)
        self.cards: list[MemberCard] = []
        self._loading = False
        self.dirty = False
        self._unsaved_draft = False
        self._enter = EnterMovesOn(self, self._focus_changed)
        self.confirm_discard: Callable[[], bool] = self._ask_discard
        self.options: FilterOptions = ctx.call(filter_options)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.heading = QLabel()
        scale_font(self.heading, 1.25, bold=True)
        layout.addWidget(self.heading)
        self.banner = self._build_banner()
        layout.addWidget(self.banner)

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(0, 0, 4, 0)
        self.body_layout.addWidget(self._build_household())
        members_head = QHBoxLayout()
        title = QLabel(self.tr("Members"))
        scale_font(title, 1.25, bold=True)
        members_head.addWidget(title)
        self.members_error = FieldBox(QLabel())
        members_head.addWidget(self.members_error, 1)
        self.body_layout.addLayout(members_head)
        self.cards_layout = QVBoxLayout()
        self.body_layout.addLayout(self.cards_layout)
        self.add_button = QPushButton(self.tr("Add member (Ctrl+N)"))
        self.add_button.setObjectName("add_member")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_member())
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        self.body_layout.addLayout(add_row)
        self.body_layout.addStretch(1)
        self.scroller.setWidget(body)
        layout.addWidget(self.scroller, 1)

        bottom = QHBoxLayout()
        self.form_error = QLabel()
        self.form_error.setObjectName("form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #b3261e;")
        self.form_error.hide()
        bottom.addWidget(self.form_error, 1)
        bottom.addStretch(0)
        self.status = QLabel()
        self.status.setObjectName("draft_status")
        bottom.addWidget(self.status)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setObjectName("save")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.save_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.request_close)
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.cancel_button)
        layout.addLayout(bottom)

        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence("Ctrl+N"), lambda: self.add_member()),
            (QKeySequence("Alt+Up"), lambda: self._move_focused(-1)),
            (QKeySequence("Alt+Down"), lambda: self._move_focused(1)),
            (QKeySequence("Ctrl+Del"), self._remove_focused),
            (QKeySequence(Qt.Key.Key_Escape), self.request_close),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        for button in (self.add_button, self.save_button, self.cancel_button):
            button.installEventFilter(self._enter)

        self._load()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()

    # ------------------------------------------------------------ building

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("draft_banner")
        banner.setStyleSheet("#draft_banner { background: #fff4c2; border: 1px solid #e0c050; }")
        row = QHBoxLayout(banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        row.addWidget(self.banner_text, 1)
        self.continue_button = QPushButton(self.tr("Continue the draft"))
        self.continue_button.setObjectName("continue_draft")
        self.continue_button.clicked.connect(self.continue_draft)
        self.discard_button = QPushButton(self.tr("Discard the draft"))
        self.discard_button.clicked.connect(self.discard_offered_draft)
        row.addWidget(self.continue_button)
        row.addWidget(self.discard_button)
        banner.hide()
        return banner

    def _build_household(self) -> QGroupBox:
        group = QGroupBox(self.tr("Household"))
        grid = QGridLayout(group)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.fields: dict[str, FieldBox] = {}
        checks = QHBoxLayout()
        position = 0
        for name, source, kind in HOUSEHOLD_FIELDS:
            widget = self._household_widget(kind)
            widget.setObjectName(name)
            box = FieldBox(widget)
            box.link_activated.connect(self._link)
            self.fields[name] = box
            if kind == "check":
                assert isinstance(widget, QCheckBox)
                widget.setText(_t(source))
                checks.addWidget(box)
            else:
                row, col = divmod(position, HOUSEHOLD_COLUMNS)
                grid.addWidget(field_label(_t(source), widget), row, col * 2, TOP)
                grid.addWidget(box, row, col * 2 + 1, TOP)
                position += 1
            _connect_changed(widget, self._changed)
            widget.installEventFilter(self._enter)
        checks.addStretch(1)
        grid.addLayout(checks, position // HOUSEHOLD_COLUMNS + 1, 0, 1, HOUSEHOLD_COLUMNS * 2)
        for col in range(HOUSEHOLD_COLUMNS):
            grid.setColumnStretch(col * 2 + 1, 1)
        site = self.field_widget("site_id")
        assert isinstance(site, QComboBox)
        site.currentIndexChanged.connect(self._fill_buildings)
        self._fill_buildings()
        return group

    def _household_widget(self, kind: str) -> QWidget:
        if kind == "site":
            box = QComboBox()
            for s in self.options.sites:
                box.addItem(s.name, s.id)
            return box
        if kind == "building":
            return QComboBox()
        if kind == "category":
            return enum_combo(HouseholdCategory)
        if kind == "old_house":
            combo = enum_combo(OldHouseStatus)
            set_combo_value(combo, OldHouseStatus.NONE.value)
            return combo
        if kind == "check":
            return QCheckBox()
        if kind == "date":
            return _line(
                QCoreApplication.translate("HouseholdForm", "e.g. %1").replace("%1", "2020-06-01"),
                12,
            )
        if kind == "phone":
            return _line(self.tr("e.g. %1").replace("%1", "0743-8521234"), 20)
        if kind == "short":
            return _line("", 10)
        if kind == "code":
            return _line(self.tr("generated when empty"), 30)
        return _line()

    def field_widget(self, name: str) -> QWidget:
        return self.fields[name].widget

    def _fill_buildings(self) -> None:
        site = self.field_widget("site_id")
        building = self.field_widget("building_id")
        assert isinstance(site, QComboBox) and isinstance(building, QComboBox)
        current = building.currentData()
        building.blockSignals(True)
        building.clear()
        building.addItem("—", "")
        for b in self.options.buildings:
            if b.site_id == site.currentData():
                building.addItem(b.name, b.id)
        set_combo_value(building, current)
        building.blockSignals(False)

    # ------------------------------------------------------------ members

    def add_member(self, values: dict[str, Any] | None = None, *, focus: bool = True) -> MemberCard:
        card = MemberCard(self.today)
        card.changed.connect(self._changed)
        card.move_requested.connect(self.move_member)
        card.remove_requested.connect(self.remove_member)
        for box in card.fields.values():
            box.widget.installEventFilter(self._enter)
            box.link_activated.connect(self._link)
        if values is None:
            set_widget_text(card.widget("medical_insurance"), True)
            if not self.cards:
                set_widget_text(card.widget("relation"), Relation.HEAD.value)
        if values is not None:
            card.set_values(values)
        self.cards.append(card)
        self._relayout_cards()
        if focus:
            card.focus_first()
            QTimer.singleShot(0, lambda: self.scroller.ensureWidgetVisible(card))
        if not self._loading:
            self._changed()
        return card

    def move_member(self, card: MemberCard, delta: int) -> None:
        i = self.cards.index(card)
        j = i + delta
        if not 0 <= j < len(self.cards):
            return
        self.cards[i], self.cards[j] = self.cards[j], self.cards[i]
        self._relayout_cards()
        self._changed()

    def remove_member(self, card: MemberCard) -> None:
        i = self.cards.index(card)
        self.cards.pop(i)
        self.cards_layout.removeWidget(card)
        card.deleteLater()
        self._relayout_cards()
        if self.cards:
            self.cards[min(i, len(self.cards) - 1)].focus_first()
        self._changed()

    def _card_of_focus(self) -> MemberCard | None:
        focus = QApplication.focusWidget()
        for card in self.cards:
            if focus is not None and card.isAncestorOf(focus):
                return card
        return None

    def _move_focused(self, delta: int) -> None:
        card = self._card_of_focus()
        if card is not None:
            focus = QApplication.focusWidget()
            self.move_member(card, delta)
            if focus is not None:
                focus.setFocus()

    def _remove_focused(self) -> None:
        card = self._card_of_focus()
        if card is not None:
            self.remove_member(card)

    def _relayout_cards(self) -> None:
        for card in self.cards:
            self.cards_layout.removeWidget(card)
        for i, card in enumerate(self.cards):
            self.cards_layout.addWidget(card)
            card.show()  # now, not after the layout's queued show, so it can take the focus
            card.set_index(i, len(self.cards))
        chain: list[QWidget] = [self.fields[name].widget for name, _, _ in HOUSEHOLD_FIELDS]
        for card in self.cards:
            chain += card.inputs()
        chain += [self.add_button, self.save_button, self.cancel_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _focus_changed(self, new: QWidget) -> None:
        body = self.scroller.widget()
        if body is not None and body.isAncestorOf(new):
            self.scroller.ensureWidgetVisible(new, 20, 40)

    # ------------------------------------------------------------ values

    def values(self) -> dict[str, Any]:
        return {
            "household": {name: widget_text(box.widget) for name, box in self.fields.items()},
            "members": [card.values() for card in self.cards],
        }

    def set_values(self, data: dict[str, Any]) -> None:
        self._loading = True
        try:
            household = data.get("household", {})
            if "site_id" in household:
                set_widget_text(self.field_widget("site_id"), household["site_id"])
                self._fill_buildings()
            for name, value in household.items():
                if name in self.fields and name != "site_id":
                    set_widget_text(self.field_widget(name), value)
            for card in self.cards:
                self.cards_layout.removeWidget(card)
                card.deleteLater()
            self.cards = []
            for member in data.get("members", []):
                self.add_member(member, focus=False)
        finally:
            self._loading = False

    def _load(self) -> None:
        if self.household_id is None:
            self.heading.setText(self.tr("New household"))
            self._loading = True
            self.add_member(focus=False)
            self._loading = False
        else:
            saved = self.ctx.call(survey.household_input, self.household_id)
            self._shown = saved
            self.set_values(_input_to_values(saved))
            self.heading.setText(self.tr("Edit household %1").replace("%1", saved.code))
        draft = self.ctx.call(survey.load_draft, DRAFT_FORM, self.household_id)
        if draft is not None:
            self._offered = draft.data
            when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.banner_text.setText(
                self.tr(
                    "An unsaved draft of this form from %1 was found (the program may have closed unexpectedly). Continue where you stopped?"
                ).replace("%1", when)
            )
            self.banner.show()
        self.dirty = False
        self._unsaved_draft = False
        if self.household_id is None:
            self.field_widget("site_id").setFocus(Qt.FocusReason.OtherFocusReason)

    def continue_draft(self) -> None:
        self.set_values(self._offered)
        self.banner.hide()
        self.dirty = True
        self._unsaved_draft = False
        if self.cards:
            self.cards[-1].focus_first()

    def discard_offered_draft(self) -> None:
        self.ctx.call(survey.discard_draft, DRAFT_FORM, self.household_id)
        self.banner.hide()

    def draft_offered(self) -> bool:
        return not self.banner.isHidden()

    def _changed(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self._unsaved_draft = True

    def autosave_now(self) -> None:
        """Keep the form as a draft if it changed since the last time."""
        if not self._unsaved_draft:
            return
        self.ctx.call(survey.save_draft, DRAFT_FORM, self.household_id, self.values())
        self._unsaved_draft = False
        when = self.ctx.clock.now().astimezone().strftime("%H:%M:%S")
        self.status.setText(self.tr("Draft kept at %1").replace("%1", when))
        self.draft_saved.emit()

    # ------------------------------------------------------------ saving

    def to_input(self, errors: ErrorCollector) -> HouseholdInput:
        v = self.values()["household"]
        return HouseholdInput(
            id=self.household_id,
            code=v["code"],
            site_id=v["site_id"],
            building_id=v["building_id"] or None,
            unit=v["unit"],
            room=v["room"],
            origin_village=v["origin_village"],
            move_in_date=errors.value(
                lambda: parse_iso_date(v["move_in_date"], "move_in_date"), None
            ),
            keys_handed_on=errors.value(
                lambda: parse_iso_date(v["keys_handed_on"], "keys_handed_on"), None
            ),
            category=v["category"],
            phone=v["phone"],
            old_house_status=v["old_house_status"],
            old_house_hazard=v["old_house_hazard"],
            old_house_demolished_on=errors.value(
                lambda: parse_iso_date(v["old_house_demolished_on"], "old_house_demolished_on"),
                None,
            ),
            old_house_reclaimed_on=errors.value(
                lambda: parse_iso_date(v["old_house_reclaimed_on"], "old_house_reclaimed_on"),
                None,
            ),
            old_house_note=v["old_house_note"],
            property_certificate=v["property_certificate"],
            vegetable_plot=v["vegetable_plot"],
            income_industry=v["income_industry"],
            cadre_name=v["cadre_name"],
            cadre_phone=v["cadre_phone"],
            members=tuple(card.to_input(i, errors) for i, card in enumerate(self.cards)),
        )

    def save(self) -> bool:
        self.clear_errors()
        errors = ErrorCollector()
        data = self.to_input(errors)
        try:
            errors.raise_if_any()
            saved = self.ctx.call(survey.save_household, data, shown=self._shown, today=self.today)
        except ValidationErrors as many:
            self.show_errors(many.errors)
            return False
        except ValidationError as one:
            self.show_errors([one])
            return False
        except (PermissionDenied, DomainError) as err:
            self._show_form_error(error_message(err, message_language()))
            return False
        self.ctx.call(survey.discard_draft, DRAFT_FORM, self.household_id)
        self.household_id = saved.id
        # What stands now is what the next save of this open form merges against.
        for card, member_id in zip(self.cards, saved.member_ids, strict=True):
            card.member_id = member_id
        self._shown = self.ctx.call(survey.household_input, saved.id)
        self.dirty = False
        self._unsaved_draft = False
        self.status.setText(self.tr("Saved"))
        self.ctx.bus.data_changed.emit(
            Changed({"households": frozenset({saved.id}), "persons": frozenset(saved.member_ids)})
        )
        self.saved.emit(saved.id)
        return True

    def clear_errors(self) -> None:
        self.form_error.hide()
        self.members_error.clear_error()
        for box in self.fields.values():
            box.clear_error()
        for card in self.cards:
            card.clear_errors()

    def _show_form_error(self, text: str) -> None:
        self.form_error.setText("⚠ " + text)
        self.form_error.show()

    def field_box(self, field: str) -> FieldBox | None:
        """The box showing errors of a service field name (``members[2].phone``)."""
        if field == "members":
            return self.members_error
        if field.startswith("members[") and "]." in field:
            index = int(field[len("members[") : field.index("]")])
            name = field[field.index("].") + 2 :]
            if 0 <= index < len(self.cards) and name in self.cards[index].fields:
                return self.cards[index].fields[name]
            return None
        return self.fields.get(field)

    def show_errors(self, errors: list[ValidationError] | tuple[ValidationError, ...]) -> None:
        first: QWidget | None = None
        unplaced = []
        shown: set[str] = set()
        for err in errors:
            box = self.field_box(err.field or "")
            if box is None:
                unplaced.append(error_message(err, message_language()))
                continue
            if err.field in shown:
                continue
            shown.add(err.field or "")
            link = None
            if err.code == "id_duplicate" and "household_id" in err.params:
                link = (
                    HOUSEHOLD_LINK + str(err.params["household_id"]),
                    self.tr("Open that household"),
                )
            box.show_error(error_message(err, message_language()), link)
            if first is None:
                first = box.widget
        if unplaced:
            self._show_form_error(" ".join(unplaced))
        if first is not None and first.focusPolicy() != Qt.FocusPolicy.NoFocus:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroller.ensureWidgetVisible(first, 20, 60)

    def _link(self, href: str) -> None:
        if href.startswith(HOUSEHOLD_LINK):
            self.open_household_requested.emit(href[len(HOUSEHOLD_LINK) :])

    # ------------------------------------------------------------ closing

    def _ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes?"),
            self.tr("The changes to this household are not saved. Discard them?"),
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
        self._unsaved_draft = False
        self.closed.emit()


def _input_to_values(data: HouseholdInput) -> dict[str, Any]:
    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    household = {
        name: (getattr(data, name) if kind == "check" else text(getattr(data, name)))
        for name, _, kind in HOUSEHOLD_FIELDS
    }
    members = []
    for m in data.members:
        values: dict[str, Any] = {"id": m.id, "special_groups": list(m.special_groups)}
        for name, _, kind in MEMBER_FIELDS:
            value = getattr(m, name)
            values[name] = value if kind == "check" else text(value)
        if not m.monthly_income:
            values["monthly_income"] = ""
        members.append(values)
    return {"household": household, "members": members}


class HouseholdFormDialog(FormWindow):
    """The form in its own window, sized for a 1366×768 screen."""

    def __init__(
        self,
        ctx: UiContext,
        household_id: str | None = None,
        parent: QWidget | None = None,
        *,
        autosave_ms: int = DEFAULT_AUTOSAVE_MS,
    ):
        self.form = HouseholdForm(ctx, household_id, None, autosave_ms=autosave_ms)
        super().__init__(
            self.form, QCoreApplication.translate("HouseholdFormDialog", "Household form"), parent
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
