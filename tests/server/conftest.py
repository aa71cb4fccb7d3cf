"""A real county server on loopback (port 0), over SQLite and, when reachable, PostgreSQL."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from server.app import make_app
from server.county import County
from tests.sync.harness import make_county

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _pg_schema_url() -> tuple[str, str] | None:
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        schema = f"anju_test_{secrets.token_hex(4)}"
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
    except Exception:
        return None
    return f"{PG_URL}?options=-csearch_path%3D{schema}", schema


@pytest.fixture(params=["sqlite", "postgresql"])
def county(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[County]:
    if request.param == "sqlite":
        c = make_county(f"sqlite+pysqlite:///{tmp_path / 'county.db'}")
        yield c
        c.engine.dispose()
        return
    made = _pg_schema_url()
    if made is None:
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432 (user postgres, db test)")
    url, schema = made
    c = make_county(url)
    yield c
    c.engine.dispose()
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture
def server_url(county: County) -> Iterator[str]:
    import waitress

    server = waitress.create_server(make_app(county), host="127.0.0.1", port=0, threads=8)
    stop = threading.Event()

    def serve() -> None:
        # waitress's own run() loops forever; this loop can be told to stop, and the
        # server is closed on the thread that polls it.
        while not stop.is_set():
            server.asyncore.loop(timeout=0.1, count=1, map=server._map)  # type: ignore[union-attr]
        server.close()
        server.task_dispatcher.shutdown()  # type: ignore[union-attr]

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    stop.set()
    thread.join(timeout=10)
