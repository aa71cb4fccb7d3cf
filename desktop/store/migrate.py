"""Open a township database safely: refuse what is not ours, back up, upgrade, verify.

Start-up calls :func:`open_database`:

1. a file that exists but is not an SQLite database, or is an SQLite database
   without Anju's tables, is refused untouched (:class:`NotAnjuDatabase`);
2. a schema newer than this build is refused untouched (:class:`DatabaseTooNew`);
3. when an upgrade is due, a consistent dated copy is made first with
   ``VACUUM INTO`` (which includes what is still in the WAL), keeping the
   newest :data:`KEEP_BACKUPS`;
4. Alembic upgrades to head in one transaction;
5. after creating or upgrading, ``PRAGMA integrity_check`` and
   ``foreign_key_check`` must come back clean, otherwise :class:`DatabaseCorrupt`.

An ordinary start (schema already at head) runs no ``integrity_check``: on a
county-sized township it reads every page and every index (seconds on a cheap
laptop).  ``anju check`` runs the full verification on demand.

Decisions, and why (damaged, read-only and missing files):

- **A damaged file is not written to.**  An import that reported 已导入 into
  a file ``anju check`` then failed made the damage worse and hid it.  Before
  a session that writes (every GUI start, every command that logs in),
  ``PRAGMA quick_check`` must come back ``ok``: it reads every page but skips
  the index-to-table cross-checks that make ``integrity_check`` slow
  (measured in ``tests/bench/bench_startup.py``).  A damaged file raises
  :class:`DatabaseCorrupt`, whose message names the newest backup to restore.
- **A read-only file is not "damaged".**  A file or folder the user may not
  write (a copy on a CD, a share mounted read-only, permissions) raises
  :class:`DatabaseReadOnly`, which says so and how to go on.
- **A missing file is created only when asked** (``create=True``: the GUI's
  first start, ``anju demo``, ``anju enroll``): ``anju --db typo export``
  says the file is not there instead of exporting 0 rows from a new one.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from desktop.private_files import make_private, make_private_dir, private_database_files
from desktop.resources import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config
from desktop.store.db import make_engine

KEEP_BACKUPS = 5
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    code = "store_error"

    def __init__(self, path: Path, detail: str = "", **extra: str):
        self.path = path
        self.detail = detail
        self.extra = extra
        super().__init__(f"{self.code}: {path} {detail}".strip())

    def message_params(self) -> dict[str, str]:
        return {"path": str(self.path), "detail": self.detail, **self.extra}


class NotAnjuDatabase(StoreError):
    code = "not_anju_database"


class DatabaseTooNew(StoreError):
    code = "database_too_new"


class DatabaseCorrupt(StoreError):
    code = "database_corrupt"


class DataDirUnwritable(StoreError):
    code = "data_dir_unwritable"


class DatabaseMissing(StoreError):
    code = "database_missing"


class DatabaseReadOnly(StoreError):
    code = "database_read_only"


class DatabaseDamaged(DatabaseCorrupt):
    """Found damaged before a write; the message names the backup to restore."""

    code = "database_damaged"


@dataclass(frozen=True)
class OpenResult:
    engine: Engine
    created: bool
    upgraded_from: str | None
    backup: Path | None


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)", re.MULTILINE)


@cache
def _revisions() -> dict[str, str | None]:
    """Revision -> its parent, read from the version files' two assignments.

    An ordinary start only needs to know the head and whether a file's revision is
    one of ours; reading that off the files spares importing Alembic (a fifth of a
    second on a cheap laptop).  ``tests/unit/test_migrations.py`` checks it agrees
    with Alembic's own reading.
    """
    graph: dict[str, str | None] = {}
    for path in sorted((migrations_dir() / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text), _DOWN.search(text)
        if rev and down:
            graph[rev.group(1)] = down.group(1)
    return graph


def head_revision() -> str:
    graph = _revisions()
    parents = set(graph.values())
    heads = [rev for rev in graph if rev not in parents]
    assert len(heads) == 1, f"migrations must have one head, found {heads}"
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revisions())


def _probe(path: Path) -> str | None:
    """The Alembic revision of an existing file, refusing what is not an Anju database.

    Reads with a plain read-only connection so nothing is written to the file.
    """
    with path.open("rb") as fh:
        magic = fh.read(16)
    if len(magic) == 0:
        return None  # an empty file: treat as new
    if magic != SQLITE_MAGIC:
        raise NotAnjuDatabase(path, "not an SQLite file")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables or tables == {"alembic_version"}:
                return None  # brand new, or downgraded to base
            if "alembic_version" not in tables or "households" not in tables:
                raise NotAnjuDatabase(path, "no Anju tables")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(path, str(exc)) from exc
    return row[0] if row else None


def backup(path: Path, *, keep: int = KEEP_BACKUPS, label: str = "") -> Path:
    """A consistent copy beside the file (``backups/NAME-YYYYmmdd-HHMMSS.db``)."""
    folder = make_private_dir(path.parent / "backups")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}{('-' + label) if label else ''}.db"
    con = sqlite3.connect(path)
    try:
        # created empty and private first: VACUUM INTO would make it with the umask's mode
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        con.execute("VACUUM INTO ?", (str(target),))
    finally:
        con.close()
    make_private(target)
    olds = sorted(folder.glob(f"{path.stem}-*.db"))
    for old in olds[:-keep]:
        old.unlink(missing_ok=True)
    return target


def verify(engine: Engine, path: Path) -> None:
    with engine.connect() as conn:
        result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise DatabaseCorrupt(path, "; ".join(result[:5]))
        bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise DatabaseCorrupt(path, f"{len(bad)} broken references")


def newest_backup(path: Path) -> Path | None:
    folder = path.parent / "backups"
    found = sorted(folder.glob(f"{path.stem}-*.db")) if folder.is_dir() else []
    return found[-1] if found else None


def quick_check(engine: Engine, path: Path) -> None:
    """Raise :class:`DatabaseDamaged` unless ``PRAGMA quick_check`` says ``ok``."""
    try:
        with engine.connect() as conn:
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        result = [str(exc)]
    except Exception as exc:  # SQLAlchemy wraps the driver's error
        orig = getattr(exc, "orig", None)
        if not isinstance(orig, sqlite3.DatabaseError):
            raise
        result = [str(orig)]
    if result != ["ok"]:
        backup_file = newest_backup(path)
        raise DatabaseDamaged(
            path, "; ".join(result[:3]), backup=str(backup_file) if backup_file else ""
        )


def check_writable(path: Path) -> None:
    """Raise :class:`DatabaseReadOnly` when the file or its folder cannot be written."""
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseReadOnly(path, "file")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseReadOnly(path, "folder")
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    if statvfs is not None and statvfs(path.parent).f_flag & os.ST_RDONLY:
        raise DatabaseReadOnly(path, "read-only file system")


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def open_database(
    path: Path, *, do_backup: bool = True, create: bool = True, check: bool = True
) -> OpenResult:
    """Open and upgrade the database at ``path`` (creating it when ``create``).

    ``check``: the caller will write, so a damaged file is refused
    (:func:`quick_check`) and a read-only one too (:func:`check_writable`).
    """
    path = Path(path)
    if not create and not (path.is_file() and path.stat().st_size > 0):
        raise DatabaseMissing(path)
    if not path.parent.exists():
        try:
            make_private_dir(path.parent)
        except OSError as exc:
            raise DataDirUnwritable(path.parent, str(exc)) from exc
    if not path.exists():
        with contextlib.suppress(OSError):  # unwritable: reported just below
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    if check and path.exists():
        check_writable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirUnwritable(path.parent, str(exc)) from exc
    exists = path.exists() and path.stat().st_size > 0
    if not exists:
        probe_dir = path.parent
        test = probe_dir / f".anju-write-test-{id(path)}"
        try:
            test.write_bytes(b"")
            test.unlink()
        except OSError as exc:
            raise DataDirUnwritable(probe_dir, str(exc)) from exc
    revision = _probe(path) if exists else None
    head = head_revision()
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(path, revision)
    made_backup = None
    if revision is not None and revision != head and do_backup:
        made_backup = backup(path, label=f"before-{head}")
    engine = make_engine(path)
    try:
        if revision is not None and revision != head:
            verify(engine, path)  # do not migrate a damaged file
        if revision != head:
            upgrade(engine)
            verify(engine, path)
        elif check:
            quick_check(engine, path)
    except Exception:
        engine.dispose()
        raise
    private_database_files(path)
    return OpenResult(
        engine=engine,
        created=revision is None,
        upgraded_from=revision if revision not in (None, head) else None,
        backup=made_backup,
    )
