"""导出到U盘: pick the stick the package goes on, USB sticks first.

The grid member plugs the stick in and sees it by name ("KINGSTON（E:）"); the
list refreshes by itself every two seconds while the window is open, so a
stick plugged in after opening appears without a click.  Any other folder
stays one button away (an external disk, a shared folder).  Nothing is
written here: the Sync page writes, verifies and then says the stick may be
removed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.usb_drives import Drive, DriveSource, removable_drives

REFRESH_MS = 2000


def _size(free: int) -> str:
    gigabytes = free / 1024**3
    return f"{gigabytes:.1f} GB" if gigabytes >= 1 else f"{free / 1024**2:.0f} MB"


class UsbExportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        drives: DriveSource = removable_drives,
        county: str = "",
    ):
        super().__init__(parent)
        self.drives_source = drives
        self.chosen: Path | None = None
        self.drives: list[Drive] = []
        self._listed = False
        self.setWindowTitle(self.tr("Export to a USB stick"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        steps = QLabel(
            self.tr(
                "1. Plug in the USB stick.  2. Choose it below.  3. Click “Write to the stick”.\n"
                "Anju writes this workstation's changes, reads them back to check them, and "
                "then tells you the stick may be removed. Take it to the county (%1)."
            ).replace("%1", county or self.tr("the county's sync desk"))
        )
        steps.setWordWrap(True)
        layout.addWidget(steps)
        self.list = QListWidget()
        self.list.setObjectName("usb_drives")
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemActivated.connect(lambda _item: self._write())
        layout.addWidget(self.list, 1)
        self.none_label = QLabel(
            self.tr(
                "No USB stick found. Plug one in and wait a few seconds; it appears here by itself."
            )
        )
        self.none_label.setObjectName("no_usb")
        self.none_label.setWordWrap(True)
        self.none_label.setStyleSheet("color: #7a4b00;")
        layout.addWidget(self.none_label)
        self.buttons = QDialogButtonBox()
        self.write_button = self.buttons.addButton(
            self.tr("Write to the stick"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.write_button.setObjectName("write_to_stick")
        self.other_button = QPushButton(self.tr("Another folder…"))
        self.other_button.setObjectName("other_folder")
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._write)
        self.buttons.rejected.connect(self.reject)
        self.other_button.clicked.connect(self.choose_folder)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.refresh()
        self.timer.start()

    def refresh(self) -> None:
        """Read the drives again, keeping the one the user chose."""
        keep = self.selected_drive()
        drives = self.drives_source()
        if self._listed and drives == self.drives:
            return
        self._listed = True
        self.drives = drives
        self.list.clear()
        for drive in drives:
            text = (
                self.tr("%1 (%2), %3 free")
                .replace("%1", drive.label)
                .replace("%2", str(drive.path))
                .replace("%3", _size(drive.free_bytes))
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(drive.path))
            self.list.addItem(item)
            if keep is not None and drive.path == keep.path:
                item.setSelected(True)
        if self.list.count() and not self.list.selectedItems():
            self.list.setCurrentRow(0)  # one stick plugged in: it is chosen already
        self.none_label.setVisible(not drives)
        self.list.setVisible(bool(drives))
        self._selection_changed()

    def selected_drive(self) -> Drive | None:
        rows = [self.list.row(i) for i in self.list.selectedItems()]
        return self.drives[rows[0]] if rows and rows[0] < len(self.drives) else None

    def _selection_changed(self) -> None:
        self.write_button.setEnabled(self.selected_drive() is not None)

    def _write(self) -> None:
        drive = self.selected_drive()
        if drive is None:
            return
        self.chosen = drive.path
        self.timer.stop()
        self.accept()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"))
        if folder:
            self.chosen = Path(folder)
            self.timer.stop()
            self.accept()

    def done(self, result: int) -> None:  # Qt override: no refresh after closing
        self.timer.stop()
        super().done(result)
