"""Shared fixtures for GUI tests: the Chinese interface, isolated preferences, contexts.

Every GUI test runs with the Chinese translation and the bundled font installed,
and with interface preferences (font size, language) in a temporary folder,
never the developer's own.  ``ui_context`` gives a :class:`UiContext` for the
administrator of the ``township_db`` township; ``grid_member_context`` one for a
grid member of one grid ("一网格", in site "幸福安置区"), for pages that must
show less to grid members.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import Role, SiteKind
from desktop.services import auth, township
from desktop.services.actor import Actor
from desktop.services.clock import Clock, system_clock
from desktop.store.models import Area, Grid, Site
from desktop.ui.context import Bus, UiContext
from desktop.ui.tasks import TaskRunner

GRID_MEMBER_USERNAME = "wanggeyuan"
GRID_MEMBER_PASSWORD = "grid-member-1"


@pytest.fixture
def task_runner(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_all()


def make_ui_context(
    session_factory: sessionmaker[Session],
    actor: Actor,
    db_path: Path,
    *,
    tasks: TaskRunner | None = None,
    clock: Clock = system_clock,
) -> UiContext:
    """What ``desktop/app.py`` builds after a login, for any actor."""
    with session_factory.begin() as s:
        info = township.township_info(s)
        policy = township.policy(s)
    assert info is not None, "the township is not set up"
    return UiContext(
        session_factory=session_factory,
        actor=actor,
        township=info,
        policy=policy,
        db_path=db_path,
        bus=Bus(),
        clock=clock,
        tasks=tasks,
    )


@pytest.fixture
def ui_context(
    township_db: sessionmaker[Session], admin: Actor, db_path: Path, task_runner: TaskRunner
) -> UiContext:
    """The township administrator, logged in on ``township_db``."""
    return make_ui_context(township_db, admin, db_path, tasks=task_runner)


@pytest.fixture
def grid_member(township_db: sessionmaker[Session]) -> Actor:
    """A grid member of one grid (一网格 of 幸福安置区), logged in."""
    with township_db.begin() as s:
        township_area = s.scalar(select(Area).where(Area.code == "433127100"))
        assert township_area is not None
        site = Site(
            area_id=township_area.id, code="S01", name="幸福安置区", kind=SiteKind.TOWN.value
        )
        s.add(site)
        s.flush()
        grid = Grid(site_id=site.id, code="S01-G01", name="一网格")
        s.add(grid)
        s.flush()
        auth.create_user(
            s,
            None,
            username=GRID_MEMBER_USERNAME,
            display_name="向网格",
            password=GRID_MEMBER_PASSWORD,
            role=Role.GRID_MEMBER,
            grid_ids=(grid.id,),
        )
    with township_db.begin() as s:
        return auth.login(s, GRID_MEMBER_USERNAME, GRID_MEMBER_PASSWORD)


@pytest.fixture
def grid_member_context(
    township_db: sessionmaker[Session],
    grid_member: Actor,
    db_path: Path,
    task_runner: TaskRunner,
) -> UiContext:
    return make_ui_context(township_db, grid_member, db_path, tasks=task_runner)
