"""Demo databases on real files for the demo, check and info tests."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from desktop.demo.builder import DemoSummary, build_demo
from desktop.services import auth
from desktop.store.db import make_session_factory
from desktop.store.migrate import open_database

TODAY = date(2026, 11, 22)
HOUSEHOLDS = 200


def make_demo_db(
    path: Path, *, households: int = HOUSEHOLDS, seed: int = 7, today: date = TODAY
) -> DemoSummary:
    """A database built by the migrations and filled by the demo generator, closed cleanly."""
    result = open_database(path)
    try:
        with make_session_factory(result.engine).begin() as session:
            return build_demo(session, households=households, seed=seed, today=today)
    finally:
        result.engine.dispose()


def copy_db(source: Path, target: Path) -> Path:
    """A copy to spoil in one test (the source is closed, so its WAL is already merged)."""
    assert not source.with_name(source.name + "-wal").exists()
    shutil.copyfile(source, target)
    return target


def execute(path: Path, sql: str, *params: object) -> None:
    """Plant a fault with plain sqlite3, as a broken program or a hand edit would."""
    con = sqlite3.connect(path)
    try:
        con.execute(sql, params)
        con.commit()
    finally:
        con.close()


def query(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


# Columns that differ between two builds by design: ids and clock stamps made by
# the township and account services, salted password hashes, login bookkeeping.
_SERVICE_MADE = {"id", "created_at", "updated_at"}
_SKIP_COLUMNS = {
    "users": _SERVICE_MADE | {"password_hash", "last_login_at"},
    "areas": _SERVICE_MADE | {"parent_id"},
}
_SKIP_TABLES = {"alembic_version", "changes", "drafts"}


def digest(path: Path) -> str:
    """A hash of every row of every table, with service-made ids replaced by stable names."""
    con = sqlite3.connect(path)
    try:
        stable: dict[object, str] = {}
        for user_id, username in con.execute("SELECT id, username FROM users"):
            stable[user_id] = f"user:{username}"
        for area_id, code in con.execute("SELECT id, code FROM areas"):
            stable[area_id] = f"area:{code}"
        # a grant's key is made from its user's id, which the account service makes
        for grant_id, user_id, grid_id in con.execute(
            "SELECT id, user_id, grid_id FROM user_grids"
        ):
            stable[grant_id] = f"grant:{stable[user_id]}/{grid_id}"
        h = hashlib.sha256()
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            if r[0] not in _SKIP_TABLES and not r[0].startswith("sqlite_")
        ]
        for table in tables:
            columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            keep = [c for c in columns if c not in _SKIP_COLUMNS.get(table, set())]
            rows = [
                tuple(stable.get(v, v) for v in row)
                for row in con.execute(f"SELECT {', '.join(keep)} FROM {table}")
            ]
            h.update(table.encode())
            for row in sorted(rows, key=repr):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        con.close()


@contextmanager
def quick_password_hashing() -> Iterator[None]:
    """Argon2 at its lightest: each demo hashes six passwords, and what these tests look
    at is the township, not the hash strength (logging in still checks the hashes)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        yield
