"""Writing report files whole or not at all.

A card run or a ledger is written to a temporary file beside the destination
and renamed over it only when complete, so a full disk, a cancelled run or a
crash never leaves half a PDF that looks finished.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.domain.errors import DomainError, ValidationError

Progress = Callable[[int, int], None]


class Cancelled(DomainError):
    """The user stopped the run; nothing was written."""

    code = "report_cancelled"


def _no_progress(_done: int, _total: int) -> None:
    return None


NO_PROGRESS: Progress = _no_progress


@contextmanager
def atomic_output(path: Path, *, field: str = "out") -> Iterator[Path]:
    """Yield a temporary path in the destination's folder; rename it over ``path`` on success.

    The folder must exist and be writable: otherwise a :class:`ValidationError`
    ``output_unwritable`` names the path, before any work is done.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ValidationError("output_is_folder", field=field, path=str(path))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".part", dir=folder)
    except OSError as exc:
        raise ValidationError(
            "output_unwritable", field=field, path=str(path), detail=exc.strerror or str(exc)
        ) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise ValidationError(
                "output_unwritable", field=field, path=str(path), detail=exc.strerror or str(exc)
            ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
