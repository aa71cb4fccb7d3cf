"""Alembic environment for Anju.

Runs in-process (the app passes its own connection in ``config.attributes``)
or from the ``alembic`` command (URL from ``-x db=PATH`` or ``ANJU_DB``).
No ``fileConfig()``: it would silence the application's loggers.
"""

from __future__ import annotations

import os

from alembic import context

from desktop.store.db import make_engine
from desktop.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure_and_run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or os.environ.get("ANJU_DB")
    if not url:
        raise SystemExit("give the database: alembic -x db=PATH ... or ANJU_DB=PATH")
    if "://" not in url:
        url = f"sqlite+pysqlite:///{url}"
    engine = make_engine(url)
    with engine.connect() as conn:
        _configure_and_run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
