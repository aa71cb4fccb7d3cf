"""One work order: its facts, its timeline, and buttons for the next legal steps only.

The detail dialog asks the service which steps the order and the user allow
(``OrderDetail.actions``) and shows a button for each; a step refused anyway
(someone else moved the order meanwhile) shows the service's reason at the
field.  Responding is one click (the three-minute rule leaves no time for a
form); the other steps open a small :class:`StepDialog` (time, text, photo,
handler, days or satisfaction, as the step needs) that stays open with the
error shown under the field until the step succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import sla
from desktop.domain.errors import DomainError
from desktop.domain.sla import Stage
from desktop.domain.work_order import timeline_lateness
from desktop.messages import message
from desktop.services import work_orders as svc
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import FieldErrors, show_error_box
from desktop.ui.i18n import message_language
from desktop.ui.labels import label
from desktop.ui.work_order_form import time_edit
from desktop.ui.work_order_table_model import (
    china_time,
    countdown_text,
    format_duration,
    stage_word,
    urgency_word,
)

CONTEXT = "WorkOrderDialogs"

ACTION_LABELS = {
    "respond": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Respond"),
    "arrive": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Arrived on site"),
    "resolve": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Resolved"),
    "answer": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Answered"),
    "follow_up": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Follow-up call"),
    "transfer_handler": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Hand to a colleague"),
    "transfer_department": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Transfer to a department"),
    "merge": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Merge as a duplicate"),
    "cancel": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Cancel the order"),
    "request_extension": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Ask for more time"),
    "approve_extension": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Approve the extension"),
    "refuse_extension": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Refuse the extension"),
    "reraise": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Raised again: new linked order"),
}
EVENT_LABELS = {
    "received": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Received"),
    "respond": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Responded"),
    "arrive": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Arrived on site"),
    "resolve": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Resolved"),
    "answer": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Answered"),
    "follow_up": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Followed up"),
    "transfer_handler": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Handed to a colleague"),
    "transfer_department": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Transferred to a department"),
    "merge": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Merged as a duplicate"),
    "cancel": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Cancelled"),
    "request_extension": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Extension requested"),
    "approve_extension": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Extension approved"),
    "refuse_extension": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Extension refused"),
    "escalated": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Escalated for supervision"),
    "deadline_updated": QT_TRANSLATE_NOOP(
        "WorkOrderDialogs", "Deadline recalculated with the holiday table"
    ),
}
SATISFACTION_LABELS = {
    "satisfied": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Satisfied"),
    "basically_satisfied": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Basically satisfied"),
    "unsatisfied": QT_TRANSLATE_NOOP("WorkOrderDialogs", "Unsatisfied (reopens the order)"),
}
LADDER_LABELS = {
    "grid_member": QT_TRANSLATE_NOOP("WorkOrderDialogs", "grid member"),
    "grid_leader": QT_TRANSLATE_NOOP("WorkOrderDialogs", "grid leader"),
    "community": QT_TRANSLATE_NOOP("WorkOrderDialogs", "village or community"),
    "township": QT_TRANSLATE_NOOP("WorkOrderDialogs", "township"),
}


def tr(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


def action_label(action: str) -> str:
    return tr(ACTION_LABELS.get(action, action))


def ladder_label(role: str) -> str:
    return tr(LADDER_LABELS[role]) if role in LADDER_LABELS else role


Perform = Callable[["StepDialog"], Any]


class StepDialog(QDialog):
    """The inputs one step needs.  ``perform`` runs the service; errors stay in here."""

    step_done = Signal(object)  # whatever perform returned

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.errors = FieldErrors(self)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.perform: Perform | None = None
        self.time: Any = None
        self.text: QPlainTextEdit | QLineEdit | None = None
        self.handler: QComboBox | None = None
        self.days: QSpinBox | None = None
        self.satisfaction: QButtonGroup | None = None
        self.photo_path: Path | None = None
        self._photo_label: QLabel | None = None
        self._time_touched = False
        self._opened_at: datetime | None = None

    def add_time(self, now: datetime, label_text: str) -> None:
        self._opened_at = now
        self.time = time_edit(now)
        self.time.setObjectName("step_time")
        self.time.changed.connect(self._touch)
        self.errors.add_row(self.form, label_text, self.time, "at")

    def _touch(self) -> None:
        self._time_touched = True

    def at(self) -> datetime | None:
        if self.time is None or not self._time_touched:
            return None  # now, as the service's clock says
        return self.time.value()

    def time_unreadable(self) -> bool:
        return self.time is not None and self._time_touched and self.time.value() is None

    def add_text(self, field: str, label_text: str, *, multiline: bool = True) -> None:
        self.text = QPlainTextEdit() if multiline else QLineEdit()
        self.text.setObjectName("step_text")
        if isinstance(self.text, QPlainTextEdit):
            self.text.setTabChangesFocus(True)
            self.text.setFixedHeight(70)
        self.errors.add_row(self.form, label_text, self.text, field)

    def text_value(self) -> str:
        if isinstance(self.text, QPlainTextEdit):
            return self.text.toPlainText()
        return self.text.text() if self.text is not None else ""

    def add_handlers(self, choices: list[svc.Choice], label_text: str) -> None:
        self.handler = QComboBox()
        for c in choices:
            self.handler.addItem(c.name, c.id)
        self.errors.add_row(self.form, label_text, self.handler, "handler")

    def add_days(self, label_text: str) -> None:
        self.days = QSpinBox()
        self.days.setRange(1, svc.MAX_EXTENSION_DAYS)
        self.days.setValue(1)
        self.errors.add_row(self.form, label_text, self.days, "days")

    def add_satisfaction(self, label_text: str) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.satisfaction = QButtonGroup(self)
        for value, source in SATISFACTION_LABELS.items():
            radio = QRadioButton(tr(source))
            radio.setObjectName(f"satisfaction_{value}")
            radio.setProperty("value", value)
            self.satisfaction.addButton(radio)
            column.addWidget(radio)
        self.errors.add_row(self.form, label_text, box, "satisfaction")

    def satisfaction_value(self) -> str:
        checked = self.satisfaction.checkedButton() if self.satisfaction else None
        return "" if checked is None else str(checked.property("value"))

    def add_photo(self, label_text: str) -> None:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        choose = QPushButton(QCoreApplication.translate("WorkOrderDialogs", "Choose a photo…"))
        choose.clicked.connect(self._choose_photo)
        self._photo_label = QLabel(QCoreApplication.translate("WorkOrderDialogs", "No photo"))
        row.addWidget(choose)
        row.addWidget(self._photo_label, 1)
        self.errors.add_row(self.form, label_text, box, "photo")

    def _choose_photo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("WorkOrderDialogs", "Photo on arrival"),
            "",
            QCoreApplication.translate("WorkOrderDialogs", "Pictures (*.jpg *.jpeg *.png *.bmp)"),
        )
        if name:
            self.set_photo(Path(name))

    def set_photo(self, path: Path) -> None:
        self.photo_path = path
        if self._photo_label is not None:
            self._photo_label.setText(path.name)

    def photo_bytes(self) -> bytes | None:
        return self.photo_path.read_bytes() if self.photo_path else None

    def submit(self) -> None:
        self.errors.clear()
        if self.time_unreadable():
            self.errors.set_text("at", message("time_format", message_language()))
            return
        if self.perform is None:
            self.accept()
            return
        try:
            result = self.perform(self)
        except DomainError as error:
            self.errors.show(error)
            return
        except OSError as error:
            show_error_box(self, str(error))
            return
        self.accept()
        self.step_done.emit(result)


class WorkOrderDetailDialog(QDialog):
    """Emits :attr:`order_changed` with the order id after each step."""

    order_changed = Signal(str)

    def __init__(self, ctx: UiContext, order_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.order_id = order_id
        self.detail: svc.OrderDetail | None = None
        self.step_dialog: StepDialog | None = None
        self.setMinimumSize(760, 560)
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName("order_header")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.header)
        layout.addWidget(QLabel(self.tr("Timeline")))
        self.timeline = QListWidget()
        self.timeline.setObjectName("timeline")
        self.timeline.setWordWrap(True)
        self.timeline.itemActivated.connect(self._open_item)
        self.photo_dialog: QDialog | None = None
        layout.addWidget(self.timeline, 1)
        self.actions_box = QWidget()
        self.actions_layout = QGridLayout(self.actions_box)
        self.actions_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.actions_box)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh()
        # the countdown in the header runs while the window is open (no query: the
        # deadlines are those of the last refresh)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()

    # -- showing

    def tick(self) -> None:
        if self.detail is not None:
            self.header.setText(self._header_html(self.detail))

    def refresh(self) -> None:
        try:
            self.detail = self.ctx.call(svc.order_detail, self.order_id)
        except DomainError as error:
            show_error_box(self, error)
            return
        d = self.detail
        self.setWindowTitle(self.tr("Work order %1").replace("%1", d.row.code))
        self.header.setText(self._header_html(d))
        self.timeline.clear()
        lateness = timeline_lateness(
            [(e.kind, e.at, str(e.data.get("satisfaction_value", ""))) for e in d.events],
            {
                Stage.RESPOND: d.respond_due,
                Stage.ARRIVE: d.arrive_due,
                Stage.RESOLVE: d.resolve_due,
            },
        )
        for e, late in zip(d.events, lateness, strict=True):
            item = QListWidgetItem(self._event_line(e, late))
            if late is not None:
                item.setForeground(QBrush(QColor("#a1160a")))
            if "photo" in e.data:
                item.setData(Qt.ItemDataRole.UserRole, str(e.data["photo"]))
                item.setToolTip(self.tr("Press Enter or double-click to see the photo"))
            self.timeline.addItem(item)
        self._build_buttons(d)

    def _header_html(self, d: svc.OrderDetail) -> str:
        r = d.row
        now = self.ctx.clock.now()
        urgency = r.urgency(now)
        lines = [
            f"<b>{r.code}</b>　{label(r.status)}　{label(r.category)}　{label(r.source)}",
            self.tr("Resident: %1").replace(
                "%1", " ".join(x for x in (r.head_name or r.caller_name, r.caller_phone) if x)
            ),
            self.tr("Where: %1").replace("%1", d.location or "—"),
            self.tr("Request: %1").replace("%1", _escape(r.description)),
            self.tr("Received: %1").replace("%1", china_time(r.received_at)),
        ]
        dues = []
        for stage, due, done in (
            (Stage.RESPOND, d.respond_due, d.responded_at),
            (Stage.ARRIVE, d.arrive_due, d.arrived_at),
            (Stage.RESOLVE, d.resolve_due, d.resolved_at),
        ):
            if due is None:
                continue
            dues.append(self._deadline_text(stage, due, done, now))
        if dues:
            lines.append(self.tr("Deadlines: %1").replace("%1", "　".join(dues)))
        if urgency is not None:
            lines.append(f"<b>{urgency_word(urgency)}</b>　{countdown_text(r, now)}")
        if r.provisional:
            lines.append(
                self.tr(
                    "The resolve deadline is provisional: the holiday calendar of that year "
                    "is not known yet."
                )
            )
        if d.resolution:
            lines.append(self.tr("Outcome: %1").replace("%1", _escape(d.resolution)))
        if d.extension_state == "pending":
            lines.append(
                self.tr("Extension of %1 day(s) requested: %2")
                .replace("%1", str(d.extension_days))
                .replace("%2", _escape(d.extension_reason))
            )
        if d.linked_code:
            lines.append(self.tr("Raised before as %1").replace("%1", d.linked_code))
        if d.merged_into_code:
            lines.append(self.tr("Duplicate of %1").replace("%1", d.merged_into_code))
        if r.escalation_level:
            lines.append(self.tr("Supervised at level %1").replace("%1", str(r.escalation_level)))
        return "<br>".join(lines)

    def _deadline_text(
        self, stage: Stage, due: datetime, done: datetime | None, now: datetime
    ) -> str:
        """``✓ 响应 22:04``, or in red ``✗ 响应 22:04（超时 1 分 00 秒）``: late is never ✓."""
        timing = sla.step_timing(done, due, now)
        text = f"{stage_word(stage)} {china_time(due)}"
        if timing is sla.StepTiming.ON_TIME:
            return "✓ " + text
        if timing is sla.StepTiming.PENDING:
            return "… " + text
        late = sla.late_by(done, due) if timing is sla.StepTiming.LATE else now - due
        assert late is not None
        word = self.tr("late by %1") if done is not None else self.tr("overdue by %1")
        reason = word.replace("%1", format_duration(late.total_seconds()))
        return f'<span style="color:#a1160a;">✗ {text}（{reason}）</span>'

    def _event_line(self, e: svc.EventInfo, late: timedelta | None = None) -> str:
        kind = tr(EVENT_LABELS.get(e.kind, e.kind))
        text = f"{china_time(e.at)}　{kind}"
        if late is not None:
            text += "　⚠ " + self.tr("late by %1").replace(
                "%1", format_duration(late.total_seconds())
            )
        if e.kind == "escalated":
            text += f"（{ladder_label(str(e.data.get('role', '')))}）"
        if e.kind == "follow_up":
            value = str(e.data.get("satisfaction_value", ""))
            if value in SATISFACTION_LABELS:
                text += f"：{tr(SATISFACTION_LABELS[value])}"
        if e.kind == "transfer_handler":
            text += f" → {e.data.get('to_name', '')}"
        if e.kind == "transfer_department":
            text += f" → {e.data.get('department', '')}"
        if e.kind in ("approve_extension", "deadline_updated") and e.data.get("to"):
            text += " → " + china_time(datetime.fromisoformat(str(e.data["to"])))
        if e.user_name and e.kind != "escalated":
            text += f"　{e.user_name}"
        if e.note:
            text += f"\n    {e.note}"
        if "photo" in e.data:
            text += "\n    " + self.tr("Photo: %1").replace("%1", str(e.data["photo"]))
        if abs((e.device_time - e.at).total_seconds()) > 300 and e.kind != "escalated":
            text += "\n    " + self.tr("Recorded at %1").replace("%1", china_time(e.device_time))
        return text

    def _open_item(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        if name:
            self.show_photo(str(name))

    def show_photo(self, name: str) -> None:
        """The arrival photo, scaled to fit the screen of a small laptop."""
        path = svc.photo_dir_for(self.ctx.db_path) / name
        picture = QPixmap(str(path))
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Photo on arrival"))
        layout = QVBoxLayout(dialog)
        view = QLabel()
        view.setObjectName("photo_view")
        view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if picture.isNull():
            view.setText(
                self.tr("The photo file %1 is missing on this computer.").replace("%1", name)
            )
        else:
            view.setPixmap(
                picture.scaled(
                    900,
                    600,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        layout.addWidget(view)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(dialog.reject)
        layout.addWidget(close)
        self.photo_dialog = dialog
        dialog.open()

    def _build_buttons(self, d: svc.OrderDetail) -> None:
        while self.actions_layout.count():
            item = self.actions_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setObjectName("")  # gone for findChild at once, deleted later
                widget.deleteLater()
        for i, action in enumerate(d.actions):
            button = QPushButton(action_label(action))
            button.setObjectName(f"action_{action}")
            button.clicked.connect(lambda _checked=False, a=action: self.start(a))
            self.actions_layout.addWidget(button, i // 4, i % 4)

    def button(self, action: str) -> QPushButton | None:
        return self.actions_box.findChild(QPushButton, f"action_{action}")

    # -- steps

    def start(self, action: str) -> None:
        """Begin a step: at once for a response, otherwise through a small dialog."""
        if action == "respond":
            self._run(lambda: self.ctx.call(svc.respond, self.order_id, clock=self.ctx.clock))
            return
        dialog = self._dialog_for(action)
        self.step_dialog = dialog
        dialog.step_done.connect(self._after_step)
        dialog.open()

    def _run(self, call: Callable[[], Any]) -> None:
        try:
            result = call()
        except DomainError as error:
            show_error_box(self, error)
            self.refresh()
            return
        self._after_step(result)

    def _after_step(self, result: Any) -> None:
        if isinstance(result, svc.OrderDetail) and result.row.id != self.order_id:
            self.order_id = result.row.id  # a re-raised matter: show the new order
        self.ctx.bus.data_changed.emit(Changed({"work_orders": frozenset({self.order_id})}))
        self.refresh()
        self.order_changed.emit(self.order_id)

    def _dialog_for(self, action: str) -> StepDialog:
        ctx, oid, clock = self.ctx, self.order_id, self.ctx.clock
        dialog = StepDialog(action_label(action), self)
        dialog.setObjectName(f"step_{action}")
        now = clock.now()
        if action == "arrive":
            dialog.add_time(now, self.tr("Arrived at"))
            dialog.add_photo(self.tr("Photo"))
            dialog.add_text("note", self.tr("Note"))
            photo_dir = svc.photo_dir_for(ctx.db_path)
            dialog.perform = lambda dl: ctx.call(
                svc.arrive,
                oid,
                at=dl.at(),
                note=dl.text_value(),
                photo=dl.photo_bytes(),
                photo_dir=photo_dir,
                clock=clock,
            )
        elif action in ("resolve", "answer"):
            fn = svc.resolve if action == "resolve" else svc.answer
            dialog.add_time(now, self.tr("Done at"))
            dialog.add_text(
                "resolution",
                self.tr("How it was fixed") if action == "resolve" else self.tr("Answer given"),
            )
            dialog.perform = lambda dl: ctx.call(
                fn, oid, resolution=dl.text_value(), at=dl.at(), clock=clock
            )
        elif action == "follow_up":
            dialog.add_time(now, self.tr("Called at"))
            dialog.add_satisfaction(self.tr("The resident is"))
            dialog.add_text("note", self.tr("Note"))
            dialog.perform = lambda dl: ctx.call(
                svc.follow_up,
                oid,
                satisfaction=dl.satisfaction_value(),
                note=dl.text_value(),
                at=dl.at(),
                clock=clock,
            )
        elif action == "transfer_handler":
            dialog.add_handlers(ctx.call(svc.handler_choices), self.tr("Hand to"))
            dialog.add_text("note", self.tr("Note"))
            dialog.perform = lambda dl: ctx.call(
                svc.transfer_to_handler,
                oid,
                user_id=str(dl.handler.currentData()) if dl.handler else "",
                note=dl.text_value(),
                clock=clock,
            )
        elif action == "transfer_department":
            dialog.add_text("department", self.tr("Department"), multiline=False)
            dialog.perform = lambda dl: ctx.call(
                svc.transfer_to_department, oid, department=dl.text_value(), clock=clock
            )
        elif action == "merge":
            dialog.add_text("into_code", self.tr("Code of the order it repeats"), multiline=False)
            dialog.perform = lambda dl: ctx.call(
                svc.merge, oid, into_code=dl.text_value(), clock=clock
            )
        elif action == "cancel":
            dialog.add_text("reason", self.tr("Reason"))
            dialog.perform = lambda dl: ctx.call(
                svc.cancel, oid, reason=dl.text_value(), clock=clock
            )
        elif action == "request_extension":
            dialog.add_days(self.tr("More days"))
            dialog.add_text("reason", self.tr("Reason"))
            dialog.perform = lambda dl: ctx.call(
                svc.request_extension,
                oid,
                days=dl.days.value() if dl.days else 0,
                reason=dl.text_value(),
                clock=clock,
            )
        elif action in ("approve_extension", "refuse_extension"):
            approve = action == "approve_extension"
            dialog.add_text("note", self.tr("Note"))
            dialog.perform = lambda dl: ctx.call(
                svc.decide_extension, oid, approve=approve, note=dl.text_value(), clock=clock
            )
        elif action == "reraise":
            dialog.add_text("description", self.tr("What is raised this time"))
            dialog.perform = lambda dl: ctx.call(
                svc.reraise, oid, description=dl.text_value(), clock=clock
            )
        return dialog


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
