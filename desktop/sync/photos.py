"""Photos travel in packages beside the changes that name them.

A photo is stored under the SHA-256 of its JPEG bytes (``<hash>.jpg``, see the
work order services), so a receiver checks the bytes against the name and
never stores or carries one photo twice: a package carries the photos named by
its own changes, once each, and changes stop travelling once acknowledged.

The household's files (一户一档: photos of the demolition, scans of the 双签协议
and of the property certificate) travel the same way: stored as ``<hash>.jpg``
or, for a scanned document, ``<hash>.pdf``, and named by the ``file_name``
column of their record rather than by a "photo" key inside a JSON field.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from desktop.sync.merge import ChangeData

PHOTO_NAME = re.compile(r"^[0-9a-f]{64}\.(jpg|pdf)$")
FILE_COLUMNS = frozenset({"file_name"})  # columns whose value is a stored file's name


def _names_in(value: Any, out: set[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "photo" and isinstance(v, str) and PHOTO_NAME.match(v):
                out.add(v)
            else:
                _names_in(v, out)
    elif isinstance(value, list):
        for v in value:
            _names_in(v, out)


def referenced(changes: Iterable[ChangeData]) -> set[str]:
    names: set[str] = set()
    for change in changes:
        for name, pair in change.data_fields().items():
            if name in FILE_COLUMNS and isinstance(pair[0], str) and PHOTO_NAME.match(pair[0]):
                names.add(pair[0])
            elif name != "id":
                _names_in(pair[0], names)
    return names


def collect(folder: Path | None, names: Iterable[str]) -> dict[str, bytes]:
    """The photos present here among ``names`` (a missing file is left out, never fatal)."""
    found: dict[str, bytes] = {}
    if folder is None:
        return found
    for name in sorted(names):
        with contextlib.suppress(OSError):
            found[name] = (folder / name).read_bytes()
    return found


_MAGIC = {".jpg": b"\xff\xd8", ".pdf": b"%PDF-"}


def matches(name: str, data: bytes) -> bool:
    """The bytes are those the name promises: its hash, and a JPEG or a PDF as it says."""
    if not PHOTO_NAME.match(name):
        return False
    suffix = name[name.rindex(".") :]
    return data.startswith(_MAGIC[suffix]) and hashlib.sha256(data).hexdigest() + suffix == name


def store(folder: Path | None, blobs: Mapping[str, bytes]) -> int:
    """Write received photos whose bytes match their names; returns how many were new."""
    if folder is None or not blobs:
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, data in blobs.items():
        target = folder / name
        if not matches(name, data) or target.exists():
            continue
        tmp = folder / (name + ".tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        written += 1
    return written
