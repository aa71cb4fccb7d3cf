"""Which of the mounted drives are USB sticks, named as the user knows them.

Qt lists every mounted volume (``QStorageInfo``) but does not say which are
removable, so we ask the system in the plainest way it offers:

- Windows: ``GetDriveTypeW`` says DRIVE_REMOVABLE for a stick (an external hard
  disk says FIXED, and is offered under "another folder" like any folder).
- Linux (UOS, Kylin, Debian): ``/sys/class/block/<device>/removable`` of the
  disk holding the partition, or a mount point under ``/media`` or
  ``/run/media``, where the desktop mounts what is plugged in.

A drive is offered only when it is ready and writable.  Its name is the
volume's label (``KINGSTON``), else the mount point's last part, with the
drive letter or folder beside it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

DRIVE_REMOVABLE = 2
MEDIA_ROOTS = ("/media/", "/run/media/")


@dataclass(frozen=True, slots=True)
class Drive:
    path: Path
    label: str  # what the stick is called: its volume label, or the folder's name
    free_bytes: int


DriveSource = Callable[[], list[Drive]]


def _windows_removable(root: str) -> bool:
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return False
    return bool(windll.kernel32.GetDriveTypeW(root) == DRIVE_REMOVABLE)


def _linux_removable(device: str, root: str) -> bool:
    if root.startswith(MEDIA_ROOTS):
        return True
    name = Path(device).name
    if not name:
        return False
    node = Path("/sys/class/block", name)
    for candidate in (node / "removable", node.resolve().parent / "removable"):
        try:
            if candidate.read_text(encoding="ascii").strip() == "1":
                return True
        except OSError:
            continue
    return False


def is_removable(volume: QStorageInfo) -> bool:
    root = volume.rootPath()
    if sys.platform == "win32":
        return _windows_removable(root)
    device = bytes(volume.device().data()).decode(errors="replace")
    return _linux_removable(device, root)


def removable_drives() -> list[Drive]:
    drives = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        if not is_removable(volume):
            continue
        root = Path(volume.rootPath())
        label = volume.displayName() or root.name or str(root)
        drives.append(Drive(root, label, volume.bytesAvailable()))
    return sorted(drives, key=lambda d: str(d.path))
