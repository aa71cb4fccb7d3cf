"""The county database's schema: Alembic, upgraded to head by every ``anju-county`` command.

Decisions, and why:

- Before this module the county ran ``create_all`` on every command, so its schema
  could never change.  ``0001`` is that schema as it stood; a database made then (it
  has ``county_settings`` and no version table) is stamped ``0001`` and upgraded
  like any other, so no county has to start again.
- The upgrade runs in one transaction with the county's own connection (PostgreSQL
  and SQLite both run DDL transactionally): a failed upgrade leaves the schema as it
  was.  On PostgreSQL the same advisory lock as an import is held, so two commands
  started together do not upgrade twice.
- After an upgrade, the reporting tables are rebuilt when their definition changed
  (``server.reporting.ensure_current``), so a new column is filled for every record.
- New revisions: ``python -m server.migrate revision "why"`` (autogenerate against a
  scratch SQLite database at head).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "county_alembic_version"
BASELINE = "0001"
IMPORT_LOCK_KEY = 727_001  # the same lock as server.county's imports


def alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the county database to ``target`` (a new database is made from nothing)."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": IMPORT_LOCK_KEY})
        found = inspect(conn)
        cfg.attributes["connection"] = conn
        if found.has_table("county_settings") and not found.has_table(VERSION_TABLE):
            command.stamp(cfg, BASELINE)
        command.upgrade(cfg, target)


def _revision(message: str) -> None:
    from alembic import command

    from desktop.store.db import make_engine

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite+pysqlite:///{Path(tmp) / 'scratch.db'}")
        upgrade(engine)
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        raise SystemExit('usage: python -m server.migrate revision "why"')
    _revision(sys.argv[2])
