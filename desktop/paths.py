"""Where the township database lives.

``--db PATH`` wins, then ``ANJU_DB``, then ``anju.db`` in the user data
directory chosen by platformdirs (``~/.local/share/anju`` on Linux,
``%LOCALAPPDATA%\\anju`` on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "anju"


def default_db_path() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "anju.db"


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("ANJU_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()
