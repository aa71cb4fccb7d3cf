"""Writing report files whole or not at all.

A card run or a ledger is written to a temporary file beside the destination
and renamed over it only when complete, so a full disk, a cancelled run or a
crash never leaves half a PDF that looks finished.

On Windows a file another program holds open (last month's ledger still open
in WPS or Excel, a PDF in a viewer) cannot be replaced: the rename fails with
a permission error although the folder is writable, which is what the
temporary file beside it has just shown.  The user is told to close the file
(``output_in_use``) rather than to look for a writable folder; the old file is
untouched and the finished temporary file is removed.
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
        except PermissionError as exc:
            if not path.exists():
                raise ValidationError(
                    "output_unwritable",
                    field=field,
                    path=str(path),
                    detail=exc.strerror or str(exc),
                ) from None
            raise ValidationError("output_in_use", field=field, path=str(path)) from None
        except OSError as exc:
            raise ValidationError(
                "output_unwritable", field=field, path=str(path), detail=exc.strerror or str(exc)
            ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
