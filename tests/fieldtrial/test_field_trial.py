"""A short field trial in the normal suite: three laptops and a county, a week of
ordinary work, on SQLite and on PostgreSQL.  The long one is ``scripts/field-trial``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.fieldtrial.audit import audit
from tests.fieldtrial.world import run
from tests.server.conftest import PG_URL, _pg_schema_url


@pytest.fixture(params=["sqlite", "postgresql"])
def county_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+pysqlite:///{tmp_path / 'county.db'}"
        return
    made = _pg_schema_url()
    if made is None:
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432 (user postgres, db test)")
    url, schema = made
    yield url
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [3, 5])
def test_a_week_of_a_township_converges_and_loses_nothing(
    tmp_path: Path, county_url: str, seed: int
) -> None:
    world = run(tmp_path, days=7, laptops=3, households=12, seed=seed, county_url=county_url)
    try:
        report = audit(world)
    finally:
        world.close()
    assert report.stalled == []
    assert report.nodes_that_differ == []
    assert report.values_lost == []
    assert report.conflict_sets_differ == []
    assert report.conflicts_on_derived == 0
    assert report.invariants == []
    assert report.checks_failed == []
    # the trial did what it says: concurrent work that the county had to sort out
    assert report.values_written > 40 and report.conflicts > 0
    assert world.figures.packages["http"] and world.figures.packages["usb"]
