"""The Sync page (同步): where things stand, Export to USB, Import, Sync now, and the
conflicts a person must review.

Everything slow (writing and verifying the stick, importing, the network) runs on
the task runner's "other" pool with progress and a Cancel button; the page only
calls services and shows what they return.

Decisions, and why:

- A button that cannot be used says why, in words under the buttons and in its
  tooltip, with what to do next: a grid member facing four grey buttons had no
  way to know the workstation was not enrolled, that only an administrator
  enrols it, or that 立即同步 needs the county server's address, which the
  enrolment file did not carry.
- 导出到U盘 opens a window listing the plugged-in USB sticks by name first
  (desktop/ui/usb_export_dialog.py); any other folder is one button away.
- The changes waiting to be sent are counted by the one function the status
  bar uses, and after an export, an import or a sync the page tells every
  page (``data_changed``) so the status bar shows the same number at once.
  Changes written to a stick stay "waiting" until the county's answer comes
  back: the page says so after the export, so the number not dropping is
  expected rather than alarming.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import DomainError
from desktop.domain.sla import to_china
from desktop.messages import message
from desktop.services import sync as sync_service
from desktop.services.sync import PackageInfo, SyncStatus
from desktop.ui.board_table_model import Column, RowsTableModel
from desktop.ui.conflicts_panel import ConflictsPanel
from desktop.ui.context import Changed, UiContext
from desktop.ui.errors import error_text, show_error_box
from desktop.ui.tasks import Pool, Task
from desktop.ui.usb_drives import DriveSource, removable_drives
from desktop.ui.usb_export_dialog import UsbExportDialog

AUTO_SYNC_MS = 5 * 60 * 1000
SYNCED_TABLES = (
    "areas",
    "sites",
    "grids",
    "buildings",
    "households",
    "persons",
    "users",
    "user_grids",
    "visits",
    "work_orders",
    "work_order_events",
)
CONTEXT = "SyncTables"


def _when(value: datetime | None) -> str:
    if value is None:
        return ""
    return to_china(value).strftime("%Y-%m-%d %H:%M")


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✔" if value else "✘"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _t(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


_PACKAGE_STATUS = {
    "written": QT_TRANSLATE_NOOP("SyncTables", "Written and verified"),
    "applied": QT_TRANSLATE_NOOP("SyncTables", "Imported"),
    "held": QT_TRANSLATE_NOOP("SyncTables", "Held: waiting for a missing package"),
    "replayed": QT_TRANSLATE_NOOP("SyncTables", "Already imported"),
}


def _direction(direction: str) -> str:
    if direction == "out":
        return _t(QT_TRANSLATE_NOOP("SyncTables", "Sent"))
    return _t(QT_TRANSLATE_NOOP("SyncTables", "Received"))


def _range(p: PackageInfo) -> str:
    # a package with nothing new (receipts only) covers no positions
    return f"{p.first}–{p.last}" if p.last >= p.first else "—"


# Packages sent and received, newest first.
PACKAGE_COLUMNS: tuple[Column[PackageInfo], ...] = (
    Column(QT_TRANSLATE_NOOP("BoardTable", "Direction"), lambda p: _direction(p.direction)),
    Column(QT_TRANSLATE_NOOP("BoardTable", "Time"), lambda p: _when(p.at)),
    Column(QT_TRANSLATE_NOOP("BoardTable", "Range"), _range),
    Column(QT_TRANSLATE_NOOP("BoardTable", "Changes"), lambda p: str(p.change_count), numeric=True),
    Column(QT_TRANSLATE_NOOP("BoardTable", "Applied"), lambda p: str(p.applied), numeric=True),
    Column(QT_TRANSLATE_NOOP("BoardTable", "Conflicts"), lambda p: str(p.conflicts), numeric=True),
    Column(QT_TRANSLATE_NOOP("BoardTable", "Rejected"), lambda p: str(p.rejected), numeric=True),
    Column(
        QT_TRANSLATE_NOOP("BoardTable", "Result"),
        lambda p: _t(_PACKAGE_STATUS[p.status]) if p.status in _PACKAGE_STATUS else p.status,
    ),
)


def error_text_for(code: str, params: dict[str, Any]) -> str:
    return message(code, **params)


class SyncPage(QWidget):
    """同步: status, packages, conflicts, and the three ways to sync."""

    household_opened = Signal(str)  # the conflict review opens a household

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.status: SyncStatus | None = None
        # where the USB sticks are looked for (tests give their own)
        self.drives: DriveSource = removable_drives
        self.usb_dialog: UsbExportDialog | None = None

        layout = QVBoxLayout(self)
        box = QGroupBox(self.tr("Sync with the county"))
        status_layout = QVBoxLayout(box)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("sync_status")
        status_layout.addWidget(self.status_label)
        self.clock_label = QLabel()
        self.clock_label.setWordWrap(True)
        self.clock_label.setObjectName("clock_warning")
        self.clock_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.clock_label.setVisible(False)
        status_layout.addWidget(self.clock_label)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export to USB…"))
        self.import_button = QPushButton(self.tr("Import package…"))
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.enrol_button = QPushButton(self.tr("Enrol with a file…"))
        for button in (self.export_button, self.import_button, self.sync_button, self.enrol_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        status_layout.addLayout(buttons)
        self.reasons_label = QLabel()
        self.reasons_label.setObjectName("sync_reasons")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setStyleSheet("color: #7a4b00;")
        self.reasons_label.setVisible(False)
        status_layout.addWidget(self.reasons_label)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        status_layout.addLayout(progress_row)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setObjectName("sync_result")
        status_layout.addWidget(self.result_label)
        layout.addWidget(box)

        self.conflicts = ConflictsPanel(ctx, self)
        self.conflicts.household_opened.connect(self.household_opened)
        layout.addWidget(self.conflicts, 1)

        packages_box = QGroupBox(self.tr("Packages sent and received"))
        packages_layout = QVBoxLayout(packages_box)
        self.packages_model: RowsTableModel[PackageInfo] = RowsTableModel(
            PACKAGE_COLUMNS, lambda p: None, self
        )
        self.packages_view = self._table(self.packages_model)
        packages_layout.addWidget(self.packages_view)
        layout.addWidget(packages_box, 1)

        self.export_button.clicked.connect(self.choose_export_folder)
        self.import_button.clicked.connect(self.choose_import_file)
        self.sync_button.clicked.connect(self.sync_now)
        self.enrol_button.clicked.connect(self.choose_enrolment)
        self.cancel_button.clicked.connect(self.cancel_task)
        ctx.bus.data_changed.connect(self._on_data_changed)

        self.auto_timer = QTimer(self)
        self.auto_timer.setInterval(AUTO_SYNC_MS)
        self.auto_timer.timeout.connect(self._auto_sync)
        self.refresh()
        if self.status is not None and self.status.server_url:
            self.auto_timer.start()

    def _table(self, model: RowsTableModel[Any]) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().setVisible(False)
        return view

    # ------------------------------------------------------------ showing
    def refresh(self) -> None:
        self.status = self.ctx.call(sync_service.status)
        self.packages_model.set_rows(self.ctx.call(sync_service.list_packages))
        self.conflicts.refresh()
        self._show_status()
        self._update_buttons()

    def _show_status(self) -> None:
        s = self.status
        assert s is not None
        if not s.enrolled and not self.ctx.actor.is_admin:
            text = self.tr(
                "This workstation is not enrolled with the county yet, so it cannot sync. "
                "The township administrator enrols it with the county's enrolment file."
            )
        elif not s.enrolled:
            text = self.tr(
                "This workstation is not enrolled yet: open the enrolment file the county "
                "gave you (Enrol with a file…)."
            )
        else:
            last = _when(s.last_sync_at) or self.tr("never")
            text = (
                self.tr("Last sync: %1. Changes waiting to be sent: %2. Conflicts to review: %3.")
                .replace("%1", last)
                .replace("%2", str(s.pending))
                .replace("%3", str(s.open_conflicts))
            )
            if s.missing:
                first, last_missing = s.missing[0]
                text += " " + self.tr(
                    "A package is held until the county's package %1–%2 is imported."
                ).replace("%1", str(first)).replace("%2", str(last_missing))
            if s.moving_out:
                text += " " + self.tr(
                    "%1 household(s) moved by the county to another township stay here until "
                    "this workstation's changes to them are sent; then they are removed."
                ).replace("%1", str(s.moving_out))
            if s.moved_out:
                text += " " + self.tr(
                    "%1 household(s) moved to another township have been removed from here."
                ).replace("%1", str(s.moved_out))
        self.status_label.setText(text)
        off = s.clock_off_minutes
        self.clock_label.setVisible(off is not None)
        if off is not None:
            self.clock_label.setText(
                self.tr(
                    "This computer's clock is %1 minutes off the county server's; "
                    "please set the system time."
                ).replace("%1", str(abs(off)))
            )

    def reasons(self) -> dict[QPushButton, str]:
        """Why each sync button is grey now ("" for a button that can be used)."""
        s = self.status
        enrolled = bool(s and s.enrolled)
        admin = self.ctx.actor.is_admin
        out = {b: "" for b in (self.export_button, self.import_button, self.sync_button)}
        out[self.enrol_button] = ""
        if not self.ctx.actor.can_write:
            why = self.tr(
                "A read-only account cannot sync: log in as a grid member or administrator."
            )
            for button in (self.export_button, self.import_button, self.sync_button):
                out[button] = why
        elif not enrolled:
            why = (
                self.tr(
                    "This workstation is not enrolled with the county yet: click “Enrol with a "
                    "file…” and open the enrolment file the county gave you."
                )
                if admin
                else self.tr(
                    "This workstation is not enrolled with the county yet: ask the township "
                    "administrator to enrol it with the county's enrolment file."
                )
            )
            for button in (self.export_button, self.import_button, self.sync_button):
                out[button] = why
        elif s is not None and not s.server_url:
            out[self.sync_button] = self.tr(
                "No county server address is set (the enrolment file had none), so there is "
                "no syncing over the network: take the changes on a USB stick with “Export to "
                "USB…”, or ask the administrator to enrol again with a file that names the server."
            )
        if not admin:
            out[self.enrol_button] = self.tr(
                "Only the township administrator can enrol this workstation."
            )
        return out

    def _update_buttons(self) -> None:
        busy = self.task is not None
        reasons = self.reasons()
        for button, why in reasons.items():
            button.setEnabled(not busy and not why)
            button.setToolTip(why)
        # a grid member on an enrolled workstation never needs the enrolment button
        enrolled = bool(self.status and self.status.enrolled)
        self.enrol_button.setVisible(self.ctx.actor.is_admin or not enrolled)
        shown = []
        for button, why in reasons.items():
            if why and not button.isHidden() and why not in shown:
                shown.append(why)
        lines = []
        for why in shown:
            names = "、".join(
                f"“{b.text().removesuffix('…')}”"
                for b, w in reasons.items()
                if w == why and not b.isHidden()
            )
            lines.append(
                "ⓘ " + self.tr("%1 cannot be used: %2").replace("%1", names).replace("%2", why)
            )
        self.reasons_label.setText("\n".join(lines))
        self.reasons_label.setVisible(bool(lines))
        self.conflicts.busy = busy
        self.conflicts.update_buttons()

    def _on_data_changed(self, changed: Changed) -> None:
        if self.task is None:
            self.refresh()

    # ------------------------------------------------------------ long work
    def _start(self, job: Any, on_result: Any, *, cancellable: bool = False) -> Task:
        assert self.ctx.tasks is not None
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(cancellable)
        self.result_label.setText(self.tr("Working…"))
        self.task = self.ctx.tasks.submit(
            job,
            pool=Pool.OTHER,
            on_result=on_result,
            on_error=self._on_error,
            on_progress=self._on_progress,
            on_cancelled=self._on_cancelled,
        )
        self.task.done.connect(self._on_done)
        self._update_buttons()
        return self.task

    def _on_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_done(self) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.refresh()

    def _on_error(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            self.result_label.setText("⚠ " + error_text(error))
        else:
            self.result_label.setText("⚠ " + self.tr("Sync failed: %1").replace("%1", str(error)))

    def _on_cancelled(self) -> None:
        self.result_label.setText(
            self.tr("Cancelled. Nothing was marked as sent; export again when ready.")
        )

    def cancel_task(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def choose_export_folder(self) -> UsbExportDialog:
        """导出到U盘: the plugged-in sticks first, by name; then write to the one chosen."""
        dialog = UsbExportDialog(self, drives=self.drives, county=self.ctx.township.county_name)
        self.usb_dialog = dialog
        dialog.accepted.connect(
            lambda: self.export_to(dialog.chosen) if dialog.chosen is not None else None
        )
        dialog.open()
        return dialog

    def export_to(self, folder: Path) -> Task:
        job = sync_service.export_job(
            self.ctx.session_factory, self.ctx.actor, db_path=self.ctx.db_path, folder=folder
        )
        return self._start(job, self._exported, cancellable=True)

    def _exported(self, info: sync_service.ExportInfo) -> None:
        self.result_label.setText(
            self.tr("Written and verified: %1 (%2 changes). It is now safe to remove the drive.")
            .replace("%1", str(info.path))
            .replace("%2", str(info.count))
            + "\n"
            + self.tr(
                "Take the stick to the county. These changes count as waiting until the "
                "county's package comes back and is imported here."
            )
        )
        self.ctx.bus.data_changed.emit(Changed({"sync_changes": frozenset()}))

    def choose_import_file(self) -> None:
        """One package, several, or all of a stick's (select them all): the stick the
        county's packages came on is offered first."""
        drives = self.drives()
        start = str(drives[0].path) if drives else ""
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose packages"), start, self.tr("Anju packages (*.anjupkg)")
        )
        if paths:
            self.import_many([Path(p) for p in paths])

    def import_from(self, path: Path) -> Task:
        job = sync_service.import_job(
            self.ctx.session_factory, self.ctx.actor, db_path=self.ctx.db_path, path=path
        )
        return self._start(job, self._imported)

    def import_many(self, paths: list[Path]) -> Task:
        """Files or folders: each package for this workstation is imported in the
        county's order; the others are skipped and each says why."""
        job = sync_service.import_files_job(
            self.ctx.session_factory, self.ctx.actor, db_path=self.ctx.db_path, paths=paths
        )
        return self._start(job, self._imported_many)

    def _imported_many(self, outcomes: list[sync_service.FileOutcome]) -> None:
        infos = [o.info for o in outcomes if o.info is not None]
        lines = []
        if infos:
            applied = sum(i.counts.get("applied", 0) for i in infos)
            conflicts = sum(i.counts.get("conflict", 0) for i in infos)
            lines.append(
                self.tr("Imported %1 package(s): %2 changes applied, %3 conflicts to review.")
                .replace("%1", str(len(infos)))
                .replace("%2", str(applied))
                .replace("%3", str(conflicts))
            )
        for o in outcomes:
            if o.info is None:
                lines.append(
                    self.tr("%1: skipped — %2")
                    .replace("%1", o.path.name)
                    .replace("%2", error_text_for(o.skipped, o.params))
                )
        if not outcomes:
            lines.append(self.tr("No package was found there."))
        self.result_label.setText("\n".join(lines))
        self.ctx.bus.data_changed.emit(Changed({t: frozenset() for t in SYNCED_TABLES}))

    def sync_now(self) -> Task | None:
        if self.task is not None:
            return None
        job = sync_service.sync_job(
            self.ctx.session_factory, self.ctx.actor, db_path=self.ctx.db_path
        )
        return self._start(job, self._imported)

    def _auto_sync(self) -> None:
        if self.task is None and self.isVisible():
            self.sync_now()

    def _imported(self, info: sync_service.ImportInfo) -> None:
        c = info.counts
        if info.status == "held" and info.missing:
            text = (
                self.tr("Held: the county's package %1–%2 must be imported first.")
                .replace("%1", str(info.missing[0]))
                .replace("%2", str(info.missing[1]))
            )
        elif info.status == "replayed":
            text = self.tr("This package was imported before; nothing new.")
        else:
            text = (
                self.tr("Imported: %1 applied, %2 conflicts, %3 refused.")
                .replace("%1", str(c.get("applied", 0)))
                .replace("%2", str(c.get("conflict", 0)))
                .replace("%3", str(c.get("rejected", 0)))
            )
        self.result_label.setText(text)
        self.ctx.bus.data_changed.emit(Changed({t: frozenset() for t in SYNCED_TABLES}))

    def choose_enrolment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the enrolment file"))
        if path:
            self.enrol_from(Path(path))

    def enrol_from(self, path: Path) -> None:
        try:
            self.ctx.call(sync_service.enroll_file, db_path=self.ctx.db_path, enrolment_file=path)
        except DomainError as exc:
            show_error_box(self, exc)
            return
        self.result_label.setText(
            self.tr("Enrolled. Export to USB or sync now to send the first package.")
        )
        self.refresh()
