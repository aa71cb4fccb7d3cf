"""Alembic environment of the county database: run in-process with the county's
connection (``config.attributes["connection"]``), never from a file config."""

from __future__ import annotations

from alembic import context

from server.models import CountyBase

VERSION_TABLE = "county_alembic_version"


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise SystemExit("the county's migrations run through server.migrate")
    context.configure(
        connection=connection,
        target_metadata=CountyBase.metadata,
        render_as_batch=True,
        compare_type=True,
        version_table=VERSION_TABLE,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
