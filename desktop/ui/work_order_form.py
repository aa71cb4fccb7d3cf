"""Taking a request while the caller is on the line (受理诉求).

Keyboard first: the dialog opens on the caller search (phone number or name,
pinyin initials work too), Down moves into the matches, Enter picks one, Tab
walks through the fields in reading order, Ctrl+Enter saves.  The received time
opens at the moment the dialog opened (the clock starts when the request
arrived, not when the form was finished) and can be set back, not forward.

The form keeps a draft every few seconds (the survey service's drafts table,
one per user): after a crash the next intake form offers to continue it, with
the arrival time of the interrupted call, so a deadline is never reset by a
crash.  Cancelling the form discards the draft; saving does too.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import sla
from desktop.domain.enums import OrderCategory, OrderSource
from desktop.domain.errors import DomainError
from desktop.messages import message
from desktop.services import survey
from desktop.services import work_orders as svc
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import FieldErrors
from desktop.ui.i18n import message_language
from desktop.ui.labels import choices

SEARCH_DELAY_MS = 200
DRAFT_EVERY_MS = 3000
DRAFT_FORM = "work_order_intake"


TIME_FORMAT = "%Y-%m-%d %H:%M"


class TimeField(QLineEdit):
    """A China-time field typed as ``2026-12-04 22:05``, opening at a given moment.

    A plain masked line rather than ``QDateTimeEdit``: that editor changes one
    part at a time and clamps each to its limits while the user is still
    typing, so "2026-12-04 22:05" typed in one go came out as 02:05 (and then
    "早于受理时间").  Here what is typed is what is read; a time that cannot
    be read, or that is in the future, is said at the field when saving.
    """

    changed = Signal()

    def __init__(self, at: datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.setInputMask("0000-00-00 00:00;_")
        self.set_value(at)
        self.textEdited.connect(lambda _t: self.changed.emit())

    def set_value(self, at: datetime) -> None:
        self.setText(sla.to_china(at).strftime(TIME_FORMAT))

    def value(self) -> datetime | None:
        """The moment typed (China time), or None while it cannot be read."""
        text = unicodedata.normalize("NFKC", self.text()).strip()
        try:
            return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=sla.CHINA_TZ)
        except ValueError:
            return None


def time_edit(now: datetime, parent: QWidget | None = None) -> TimeField:
    """A China-time field opening at ``now``."""
    return TimeField(now, parent)


class IntakeForm(QDialog):
    """Emits :attr:`order_saved` with the new order's detail."""

    order_saved = Signal(object)  # OrderDetail

    def __init__(
        self, ctx: UiContext, draft: svc.IntakeDraft | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.opened_at = ctx.clock.now()
        self.household_id: str | None = None
        self.visit_id: str | None = None
        self.linked_order_id: str | None = None
        self._time_touched = False
        self.setWindowTitle(self.tr("New work order"))
        self.setMinimumWidth(560)
        self.errors = FieldErrors(self)

        layout = QVBoxLayout(self)
        self.banner = QWidget()
        self.banner.setObjectName("draft_banner")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(0, 0, 0, 0)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        banner_row.addWidget(self.banner_text, 1)
        self.continue_button = QPushButton(self.tr("Continue the draft"))
        self.continue_button.clicked.connect(self.continue_draft)
        banner_row.addWidget(self.continue_button)
        discard = QPushButton(self.tr("Discard it"))
        discard.clicked.connect(self.discard_offered_draft)
        banner_row.addWidget(discard)
        self.banner.hide()
        layout.addWidget(self.banner)
        form = QFormLayout()
        layout.addLayout(form)

        self.search = QLineEdit()
        self.search.setObjectName("caller_search")
        self.search.setPlaceholderText(self.tr("Caller's phone number or name (pinyin works)"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        form.addRow(self.tr("Find household"), self.search)
        self.matches = QListWidget()
        self.matches.setObjectName("household_matches")
        self.matches.setMaximumHeight(110)
        self.matches.hide()
        self.matches.itemActivated.connect(self._pick)
        form.addRow("", self.matches)
        self.household_label = QLabel(self.tr("No household chosen (a caller from outside)"))
        self.household_label.setObjectName("household_label")
        self.household_label.setWordWrap(True)
        self.errors.add_row(form, self.tr("Household"), self.household_label, "household")

        self.caller_name = QLineEdit()
        form.addRow(self.tr("Caller"), self.caller_name)
        self.caller_phone = QLineEdit()
        self.errors.add_row(form, self.tr("Phone"), self.caller_phone, "caller_phone")

        self.category = QComboBox()
        self.category.addItem(self.tr("— choose —"), "")
        for text, value in choices(OrderCategory):
            self.category.addItem(text, value.value)
        self.errors.add_row(form, self.tr("Category"), self.category, "category")

        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What the resident asks, in their words"))
        self.description.setFixedHeight(80)
        self.errors.add_row(form, self.tr("Request"), self.description, "description")

        self.location = QLineEdit()
        self.location.setPlaceholderText(self.tr("Building, unit, room"))
        form.addRow(self.tr("Where"), self.location)
        self.grid = QComboBox()
        self.grid.setObjectName("grid")
        self.grid.setToolTip(self.tr("For a caller without a household: the grid that takes it"))
        self.grid.addItem(self.tr("— the household's grid —"), "")
        for choice in ctx.call(svc.grid_choices):
            self.grid.addItem(choice.name, choice.id)
        self.errors.add_row(form, self.tr("Grid"), self.grid, "grid")

        self.source = QComboBox()
        for text, source in choices(OrderSource):
            self.source.addItem(text, source.value)
        self.errors.add_row(form, self.tr("Source"), self.source, "source")

        self.needs_visit = QCheckBox(self.tr("Someone must go on site"))
        self.needs_visit.setChecked(True)
        self.urgent = QCheckBox(self.tr("Urgent"))
        flags = QWidget()
        row = QVBoxLayout(flags)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.needs_visit)
        row.addWidget(self.urgent)
        form.addRow("", flags)

        self.received = time_edit(self.opened_at)
        self.received.setObjectName("received_at")
        self.received.changed.connect(self._touch_time)
        self.errors.add_row(form, self.tr("Received at"), self.received, "received_at")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save (Ctrl+Enter)"))
        self.save_button.setAutoDefault(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self, self.save)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _text: self._search_timer.start())
        self.matches.installEventFilter(self)

        self._offered: dict[str, Any] | None = None
        self._unsaved_draft = False
        if draft is not None:
            self.apply_draft(draft)
        else:
            self._offer_draft()
        for signal in (
            self.caller_name.textEdited,
            self.caller_phone.textEdited,
            self.location.textEdited,
            self.description.textChanged,
            self.category.currentIndexChanged,
            self.source.currentIndexChanged,
            self.needs_visit.toggled,
            self.urgent.toggled,
            self.received.changed,
        ):
            signal.connect(self._changed)
        self._draft_timer = QTimer(self)
        self._draft_timer.setInterval(DRAFT_EVERY_MS)
        self._draft_timer.timeout.connect(self.autosave_now)
        self._draft_timer.start()
        self.rejected.connect(self.discard_draft)
        self.search.setFocus()

    # -- household search

    def run_search(self) -> None:
        text = self.search.text().strip()
        self.matches.clear()
        if not text:
            self.matches.hide()
            return
        hits = self.ctx.call(svc.find_households, text)
        for hit in hits:
            label = f"{hit.head_name}　{hit.flat}　{hit.phone}　{hit.grid_name}".strip()
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.matches.addItem(item)
        if not hits:
            self.matches.addItem(self.tr("No household found: take the call without one"))
        self.matches.show()
        self.matches.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key == Qt.Key.Key_Down and self.matches.count():
                self.matches.setFocus()
                return True
            if watched is self.search and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._search_timer.stop()
                self.run_search()
                if self.matches.count() == 1 and self._hit(self.matches.item(0)):
                    self._pick(self.matches.item(0))
                return True
            if watched is self.matches and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.matches.currentItem()
                if item is not None:
                    self._pick(item)
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _hit(item: QListWidgetItem | None) -> svc.HouseholdHit | None:
        if item is None:
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, svc.HouseholdHit) else None

    def _pick(self, item: QListWidgetItem) -> None:
        hit = self._hit(item)
        if hit is None:
            self.matches.hide()
            self.caller_name.setFocus()
            return
        self.choose_household(hit)
        self.category.setFocus()

    def choose_household(self, hit: svc.HouseholdHit) -> None:
        self.household_id = hit.id
        self.grid.setCurrentIndex(max(0, self.grid.findData(hit.grid_id or "")))
        self.grid.setEnabled(False)  # the household's grid takes the order
        self.household_label.setText(f"{hit.head_name}（{hit.flat}，{hit.grid_name}）")
        if not self.caller_name.text():
            self.caller_name.setText(hit.head_name)
        if not self.caller_phone.text():
            self.caller_phone.setText(hit.phone)
        if not self.location.text():
            self.location.setText(hit.flat)
        self.matches.hide()

    def apply_draft(self, draft: svc.IntakeDraft) -> None:
        self.household_id = draft.household_id
        self.grid.setEnabled(draft.household_id is None)
        self.visit_id = draft.visit_id
        self.household_label.setText(draft.household_label)
        self.caller_name.setText(draft.caller_name)
        self.caller_phone.setText(draft.caller_phone)
        self.location.setText(draft.location)
        self.description.setPlainText(draft.description)
        self.category.setCurrentIndex(max(0, self.category.findData(draft.category.value)))
        self.source.setCurrentIndex(max(0, self.source.findData(draft.source.value)))

    # -- drafts: a call taken half-way survives a crash, with its arrival time

    def values(self) -> dict[str, Any]:
        return {
            "household_id": self.household_id,
            "household_label": self.household_label.text() if self.household_id else "",
            "visit_id": self.visit_id,
            "linked_order_id": self.linked_order_id,
            "caller_name": self.caller_name.text(),
            "caller_phone": self.caller_phone.text(),
            "category": self.category.currentData() or "",
            "description": self.description.toPlainText(),
            "location": self.location.text(),
            "grid_id": self.grid.currentData() or "",
            "source": self.source.currentData() or "",
            "needs_site_visit": self.needs_visit.isChecked(),
            "urgent": self.urgent.isChecked(),
            "received_at": self.received_at().isoformat(),
        }

    def set_values(self, data: dict[str, Any]) -> None:
        self.household_id = data.get("household_id") or None
        self.visit_id = data.get("visit_id") or None
        self.linked_order_id = data.get("linked_order_id") or None
        if self.household_id:
            self.household_label.setText(str(data.get("household_label", "")))
        self.grid.setEnabled(self.household_id is None)
        self.caller_name.setText(str(data.get("caller_name", "")))
        self.caller_phone.setText(str(data.get("caller_phone", "")))
        self.category.setCurrentIndex(max(0, self.category.findData(data.get("category", ""))))
        self.description.setPlainText(str(data.get("description", "")))
        self.location.setText(str(data.get("location", "")))
        self.grid.setCurrentIndex(max(0, self.grid.findData(data.get("grid_id", ""))))
        self.source.setCurrentIndex(max(0, self.source.findData(data.get("source", ""))))
        self.needs_visit.setChecked(bool(data.get("needs_site_visit", True)))
        self.urgent.setChecked(bool(data.get("urgent", False)))
        received = data.get("received_at")
        if received:
            # the request arrived when the interrupted form opened: keep that moment
            self.opened_at = datetime.fromisoformat(str(received))
            self.received.set_value(self.opened_at)
            self._time_touched = False

    def _offer_draft(self) -> None:
        draft = self.ctx.call(survey.load_draft, DRAFT_FORM, None)
        if draft is None:
            return
        self._offered = draft.data
        when = sla.to_china(draft.saved_at).strftime("%Y-%m-%d %H:%M")
        self.banner_text.setText(
            self.tr(
                "A request typed at %1 was not saved (the program may have closed). Continue it?"
            ).replace("%1", when)
        )
        self.banner.show()

    def continue_draft(self) -> None:
        if self._offered is not None:
            self.set_values(self._offered)
        self.banner.hide()
        self.description.setFocus()

    def discard_offered_draft(self) -> None:
        self.discard_draft()
        self.banner.hide()

    def discard_draft(self) -> None:
        self._draft_timer.stop()
        self._unsaved_draft = False
        self.ctx.call(survey.discard_draft, DRAFT_FORM, None)

    def _changed(self, *_args: object) -> None:
        self._unsaved_draft = True

    def autosave_now(self) -> None:
        """Keep the form as a draft if it changed since the last time."""
        if not self._unsaved_draft:
            return
        self.ctx.call(survey.save_draft, DRAFT_FORM, None, self.values())
        self._unsaved_draft = False

    # -- saving

    def _touch_time(self) -> None:
        self._time_touched = True

    def received_at(self) -> datetime:
        """The moment the form opened, unless the user typed another time."""
        typed = self.received.value() if self._time_touched else None
        return typed or self.opened_at

    def save(self) -> None:
        self.errors.clear()
        if self._time_touched and self.received.value() is None:
            self.errors.set_text("received_at", message("time_format", message_language()))
            return
        try:
            detail = self.ctx.call(
                svc.intake,
                description=self.description.toPlainText(),
                category=str(self.category.currentData() or ""),
                source=str(self.source.currentData()),
                received_at=self.received_at(),
                household_id=self.household_id,
                caller_name=self.caller_name.text(),
                caller_phone=self.caller_phone.text(),
                location=self.location.text(),
                needs_site_visit=self.needs_visit.isChecked(),
                urgent=self.urgent.isChecked(),
                grid_id=None if self.household_id else (str(self.grid.currentData()) or None),
                visit_id=self.visit_id,
                linked_order_id=self.linked_order_id,
                clock=self.ctx.clock,
            )
        except DomainError as error:
            self.errors.show(error)
            return
        self.discard_draft()
        self.ctx.bus.data_changed.emit(Changed({"work_orders": frozenset({detail.row.id})}))
        self.order_saved.emit(detail)
        self.accept()


def intake_for_visit(
    ctx: UiContext, visit_id: str, problem_index: int = 0, parent: QWidget | None = None
) -> IntakeForm:
    """The intake form opened on a problem a visit found, already filled in."""
    draft = ctx.call(svc.draft_from_visit, visit_id, problem_index)
    form = IntakeForm(ctx, draft, parent)
    form.open()
    return form
