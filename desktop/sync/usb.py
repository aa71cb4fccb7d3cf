"""Writing a package to a USB stick so that "safe to remove" is true when it is said.

The bytes go to a hidden temporary file, are flushed and fsynced, the file is
renamed to its random final name (and the folder fsynced where the system
allows), then read back and compared.  A full, read-only or vanished stick
raises :class:`~desktop.sync.errors.TransferError` and leaves any package
already there untouched: nothing is written under an existing name, and the
temporary file is removed when possible.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from desktop.sync.errors import TransferCancelled, TransferError
from desktop.sync.package import SUFFIX, random_file_name

CHUNK = 256 * 1024
Progress = Callable[[int, int], None]


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows flushes the directory entry with the file
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (FAT on some kernels) refuse: the file itself is synced
    finally:
        os.close(fd)


def write_package(
    folder: Path,
    data: bytes,
    *,
    name: str | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Path:
    """Write, sync, rename, read back.  Returns the final path."""
    folder = Path(folder)
    if not folder.is_dir():
        raise TransferError("usb_target_missing", path=str(folder))
    final = folder / (name or random_file_name())
    tmp = folder / f".{final.stem}.part"
    total = len(data)
    try:
        with open(tmp, "wb") as fh:
            for offset in range(0, total, CHUNK) or [0]:
                if cancel is not None and cancel():
                    raise TransferCancelled()
                fh.write(data[offset : offset + CHUNK])
                if progress is not None:
                    progress(min(offset + CHUNK, total), total)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        _fsync_dir(folder)
    except TransferCancelled:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if not folder.is_dir():
            raise TransferError("usb_target_missing", path=str(folder)) from exc
        raise TransferError(
            "usb_write_failed", path=str(folder), detail=exc.strerror or str(exc)
        ) from exc
    try:
        back = final.read_bytes()
    except OSError as exc:
        raise TransferError("usb_verify_failed", path=str(final)) from exc
    if back != data:
        raise TransferError("usb_verify_failed", path=str(final))
    return final


def packages_in(folder: Path) -> list[Path]:
    """Package files in a folder, oldest first (a stick may carry several)."""
    return sorted(Path(folder).glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime)
