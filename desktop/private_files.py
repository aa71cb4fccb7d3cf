"""Files the program writes are the user's alone: 0600 files in 0700 folders.

Decisions, and why:

- **Modes.**  The database, its ``-wal`` and ``-shm`` files, the backups made
  before a migration, the error log and the device key file are created 0600,
  their folders 0700: on a laptop shared by several system users (a family
  computer, a township office login) nobody else can read residents' data.
  On Windows the files inherit the user profile's permissions, which give
  other users no access to ``%LOCALAPPDATA%``.
- **Temporary files go to a private folder.**  openpyxl writes each sheet of a
  ledger to a temporary file first (10 MB of names and IDs for a county-sized
  township) and removes it at exit, which a killed process never reaches.
  :func:`use_private_temp` points Python's temporary folder at ``tmp/`` beside
  the database (0700), and removes what a killed run left there at the next
  start; a normal exit removes its own files (openpyxl's ``atexit`` hook and our
  ``finally`` blocks).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

STALE_SECONDS = 3600  # leftovers older than this belong to no running program


def make_private_dir(folder: Path) -> Path:
    """``folder`` for the user alone (mode 0700), and so every missing parent it creates;
    a parent that exists already (the user's own choice of folder) is left as it is."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        candidate.mkdir(mode=0o700, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(candidate, 0o700)
    if folder.exists():
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
    return folder


def make_private(path: Path) -> None:
    """Mode 0600 on ``path`` if it exists (the database's companions may not yet)."""
    with contextlib.suppress(FileNotFoundError, PermissionError):
        os.chmod(path, 0o600)


def private_database_files(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        make_private(db_path.with_name(db_path.name + suffix))


def use_private_temp(db_path: Path) -> Path | None:
    """Make ``tmp/`` beside the database Python's temporary folder, cleared of old leftovers.

    None, leaving the system's, where that folder cannot be made (a read-only stick or
    folder): the command then says the database is read-only, in its own words."""
    try:
        folder = make_private_dir(db_path.parent / "tmp")
    except OSError:
        return None
    now = time.time()
    for entry in folder.iterdir():
        with contextlib.suppress(OSError):
            if now - entry.stat().st_mtime > STALE_SECONDS:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink()
    tempfile.tempdir = str(folder)
    return folder
