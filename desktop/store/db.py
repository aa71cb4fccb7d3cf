"""Engine and sessions for the township's SQLite file.

Pragmas are set on every connection: WAL so readers never block the writer,
``synchronous=FULL`` so a save the user saw survives a power cut, foreign keys
on, and a busy timeout so a second process waits instead of failing.

The caller owns the transaction: ``with session_factory.begin() as session:``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy's transaction control BEGIN (pysqlite's own is off).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _begin(conn: Any) -> None:
    # pysqlite's own transaction handling is off (see above), so every
    # transaction, DDL included, starts here and is atomic as a whole.
    conn.exec_driver_sql("BEGIN")


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def make_engine(url_or_path: str | Path, **kwargs: Any) -> Engine:
    """An engine for a SQLite path (or any SQLAlchemy URL, for the county server)."""
    url = sqlite_url(Path(url_or_path)) if isinstance(url_or_path, Path) else url_or_path
    # never a resident's name, ID or phone in an error message (desktop.errorlog)
    kwargs.setdefault("hide_parameters", True)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def expire_rows(session: Session, model: type[Any], ids: Iterable[str]) -> None:
    """Objects of the session whose rows were written behind the ORM's back (a bulk
    UPDATE) are read again on next use."""
    for row_id in ids:
        obj = session.identity_map.get(session.identity_key(model, row_id))
        if obj is not None:
            session.expire(obj)
