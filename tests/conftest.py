"""Shared fixtures: a real SQLite file built by the migrations, per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# ---------------------------------------------------------------- Qt tests, wherever they live


@pytest.fixture(scope="session")
def chinese_ui(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Chinese translators, the bundled CJK font, the wheel guard, preferences in a temporary folder."""
    from PySide6.QtCore import QSettings

    from desktop.ui import fonts, i18n
    from desktop.ui.wheel_guard import install_wheel_guard

    settings_dir = tmp_path_factory.mktemp("preferences")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    i18n.install_translators(qapp, i18n.LANG_ZH)
    fonts.apply_font_size(fonts.DEFAULT_POINT_SIZE)
    install_wheel_guard(qapp)  # as desktop.app.make_application does
    return qapp


@pytest.fixture(autouse=True)
def _clock_offset() -> Iterator[None]:
    """A test that corrects the process's clock (a sync measured it off the county's)
    leaves the next test the computer's own clock."""
    from desktop.store.base import set_clock_offset, set_system_clock

    yield
    set_clock_offset(0)
    set_system_clock(None)


@pytest.fixture(autouse=True)
def _qt_environment(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test that drives Qt (GUI pages in tests/gui, the sync page, the report
    dialogs...) sees the Chinese interface and starts from default preferences, in
    whatever order the workers run the tests."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    from desktop.ui import fonts, i18n

    request.getfixturevalue("chinese_ui")
    i18n.preferences().clear()
    yield
    i18n.preferences().clear()
    fonts.apply_font_size(fonts.DEFAULT_POINT_SIZE)


@pytest.fixture(autouse=True)
def _temp_folder() -> Iterator[None]:
    """A command run in-process points Python's temporary folder beside its database
    (desktop.private_files); the next test gets the usual one back."""
    import tempfile

    saved = tempfile.tempdir
    yield
    tempfile.tempdir = saved


@pytest.fixture(autouse=True)
def _light_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its lightest: the fixtures hash and check passwords in nearly every test,
    and at full cost that was about half the suite's time.  Logging in still checks a
    real Argon2id hash; a test of the stored hash's strength says ``real_hashing``."""
    if request.node.get_closest_marker("real_hashing"):
        return
    from argon2 import PasswordHasher

    from desktop.services import auth

    light = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(auth, "_hasher", light)
    monkeypatch.setattr(auth, "_DUMMY_HASH", light.hash("anju-no-such-account"))


@pytest.fixture(autouse=True)
def _cli_account(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line acts as an account (desktop.commands.common): in tests, the
    township's administrator unless a test says otherwise."""
    monkeypatch.setenv("ANJU_USER", "admin")
    monkeypatch.setenv("ANJU_PASSWORD", ADMIN_PASSWORD)


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
