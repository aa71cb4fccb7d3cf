"""Where the township database lives.

``--db PATH`` wins, then ``ANJU_DB``, then ``anju.db`` in the user data
directory chosen by platformdirs (``~/.local/share/anju`` on Linux,
``%LOCALAPPDATA%\\anju`` on Windows).

On Windows the database goes to the local application data, not the roaming
``%APPDATA%``: in a domain with roaming profiles the roaming folder is copied
to the server at every log-off, and a county-sized database (and its backups)
has no place there.  ``PLATFORM_DIRS`` is platformdirs' class for this system;
tests put the Windows one in its place to check the Windows path on Linux.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs
from platformdirs.api import PlatformDirsABC

APP_NAME = "anju"
PLATFORM_DIRS: type[PlatformDirsABC] = PlatformDirs


def user_data_dir() -> Path:
    """The per-user folder for the database and its backups (not roaming on Windows)."""
    dirs = PLATFORM_DIRS(APP_NAME, appauthor=False, roaming=False)
    return Path(dirs.user_data_dir)


def default_db_path() -> Path:
    return user_data_dir() / "anju.db"


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("ANJU_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()
