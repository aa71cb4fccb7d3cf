from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desktop.services.actor import Actor
from tests.reports.support import Places, make_places, populate


@pytest.fixture
def places(township_db: sessionmaker[Session], admin: Actor) -> Places:
    with township_db.begin() as s:
        return make_places(s)


@pytest.fixture
def codes(township_db: sessionmaker[Session], places: Places) -> list[str]:
    with township_db.begin() as s:
        return populate(s, places)
