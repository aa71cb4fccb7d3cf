"""Where the details of an unexpected error go: a log file only the user can read.

Decisions, and why:

- **The screen and the terminal get one Chinese sentence; the details go to
  a file.**  A traceback printed to the terminal (or shown in a dialog) carried
  SQL parameters: residents' names, ID numbers and phones, there for anyone
  looking over a shoulder or reading a support ticket.  SQLAlchemy is told not
  to put parameters in its messages at all (``hide_parameters=True`` in
  :func:`desktop.store.db.make_engine`), and the traceback is written to
  ``logs/anju-errors.log`` beside the database, mode 0600 in a 0700 folder,
  so that a technician with the user's login can still read what went wrong.
- **The file does not grow without end**: past :data:`MAX_BYTES` it is
  renamed to ``.1`` (one old file kept), by the standard library's rotating
  handler.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from desktop.paths import user_data_dir
from desktop.private_files import make_private_dir

MAX_BYTES = 1_000_000
LOG_NAME = "anju-errors.log"
_logger = logging.getLogger("anju.errors")


def log_dir(db_path: Path | None = None) -> Path:
    return (db_path.parent if db_path is not None else user_data_dir()) / "logs"


def log_unexpected(error: BaseException, *, db_path: Path | None = None) -> Path | None:
    """Write ``error`` with its traceback to the private log; return the file (None if
    it could not be written: a full disk must not turn one error into two)."""
    try:
        folder = make_private_dir(log_dir(db_path))
        path = folder / LOG_NAME
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=1, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _logger.addHandler(handler)
        _logger.propagate = False
        try:
            _logger.error("unexpected error", exc_info=error)
        finally:
            _logger.removeHandler(handler)
            handler.close()
        os.chmod(path, 0o600)
        return path
    except OSError:
        return None


def unexpected_code(error: BaseException) -> str:
    """The message code for an error nobody planned for, by what a user can do about it."""
    text = str(getattr(error, "orig", None) or error).lower()
    if (isinstance(error, OSError) and error.errno == 28) or "disk is full" in text:
        return "disk_full"
    if "readonly database" in text or "read-only file system" in text:
        return "database_read_only_now"
    if "database is locked" in text:
        return "database_busy"
    return "unexpected_error"
