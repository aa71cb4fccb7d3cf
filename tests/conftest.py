"""Shared fixtures: a real SQLite file built by the migrations, per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.services import township
from desktop.services.actor import Actor
from desktop.services.auth import login
from desktop.store.db import make_session_factory
from desktop.store.migrate import open_database

ADMIN_PASSWORD = "anju-admin-1"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "township.db"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    result = open_database(db_path)
    yield result.engine
    result.engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def township_db(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """A set-up township (永顺县 / 灵溪镇, Xiangxi profile) with one administrator."""
    with session_factory.begin() as s:
        township.set_up(
            s,
            profile_id="xiangxi",
            county_code="433127",
            county_name="永顺县",
            township_code="433127100",
            township_name="灵溪镇",
            admin_username="admin",
            admin_display_name="管理员",
            admin_password=ADMIN_PASSWORD,
        )
    return session_factory


@pytest.fixture
def admin(township_db: sessionmaker[Session]) -> Actor:
    with township_db.begin() as s:
        return login(s, "admin", ADMIN_PASSWORD)
