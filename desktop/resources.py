"""The one way to find files under ``resources/``.

Works from the source tree (``resources/`` beside ``desktop/``) and from a frozen
bundle (PyInstaller puts data under ``sys._MEIPASS``).  ``ANJU_RESOURCES``
overrides both, for installs that keep resources elsewhere.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    override = os.environ.get("ANJU_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/, e.g. ``resource_path("fonts", "wqy-zenhei.ttc")``."""
    return resources_dir().joinpath(*parts)


CJK_FONT_FILE = ("fonts", "wqy-zenhei.ttc")


def cjk_font_path() -> Path:
    return resource_path(*CJK_FONT_FILE)


def migrations_dir() -> Path:
    """The Alembic environment (``migrations/``), beside ``resources/``."""
    return resources_dir().parent / "migrations"
