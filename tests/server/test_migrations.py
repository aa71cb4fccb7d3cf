"""The county database's schema is Alembic's: made from nothing, upgraded from the
schema ``create_all`` made before migrations existed, and at one with the models."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, select

from desktop.store.db import make_engine
from server import migrate
from server.cli import open_county
from server.county import County, create_enrolment
from server.models import CountyBase, CountyDevice, RptHousehold, RptSite
from tests.sync.harness import TOWNSHIP, add_household, make_node

SAVED = Path(__file__).parents[1] / "data" / "county" / "county-0001.db"


def _context(conn: Connection) -> MigrationContext:
    return MigrationContext.configure(conn, opts={"version_table": migrate.VERSION_TABLE})


def test_a_county_made_before_migrations_is_upgraded_and_keeps_working(tmp_path: Path) -> None:
    """The saved database (county schema 0001: a township enrolled, a household synced)
    is stamped, upgraded to head, its records reach the reporting tables, its laptop is
    still listed, and a new laptop enrols and syncs."""
    path = tmp_path / "county.db"
    shutil.copyfile(SAVED, path)
    county = open_county(str(path))
    try:
        assert migrate.current(county.engine) == migrate.head()
        with county.sessions.begin() as s:
            assert s.scalar(select(RptHousehold.code)) == "H-OLD-1"
            assert s.scalar(select(RptSite.township_code)) == TOWNSHIP
            device = s.scalar(select(CountyDevice))
            assert device is not None and device.revoked is False and device.revoked_reason == ""
        node = make_node(county, tmp_path, name="after", set_up=False)
        try:
            node.sync()
            hid = add_household(node, "H-NEW-1")
            node.sync()
            with county.sessions.begin() as s:
                assert s.get(RptHousehold, hid) is not None
        finally:
            node.close()
    finally:
        county.engine.dispose()


def test_migrations_make_the_models_schema_and_go_down_and_up(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+pysqlite:///{tmp_path / 'c.db'}")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(_context(conn), CountyBase.metadata)
    assert diff == []
    migrate.upgrade(engine, "head")  # at head: nothing to do
    from alembic import command

    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert migrate.current(engine) == "0001"
    migrate.upgrade(engine)
    assert migrate.current(engine) == migrate.head()
    engine.dispose()


def test_migrations_run_on_postgresql(county: County) -> None:
    """The ``county`` fixture made its database through the migrations (SQLite and, when
    reachable, PostgreSQL); enrolment writes the new column."""
    assert migrate.current(county.engine) == migrate.head()
    with county.sessions.begin() as s:
        create_enrolment(s, township_code=TOWNSHIP, name="x", profile="guizhou")
    with county.engine.connect() as conn:
        diff = compare_metadata(_context(conn), CountyBase.metadata)
    assert diff == []
