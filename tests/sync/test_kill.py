"""``kill -9`` of the importing process at several points, then import again: the
database is consistent and ends the same as an import that was never interrupted."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.store.models import Person
from desktop.sync.keys import keys_path
from tests.sync.harness import Node, add_household


def _copy_db(src: Node, dest: Path) -> Path:
    with src.session() as s:
        s.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    src.engine.dispose()
    dest.mkdir()
    target = dest / "b.db"
    shutil.copyfile(src.path, target)
    shutil.copyfile(keys_path(src.path), keys_path(target))
    return target


def _import_cmd(db: Path, package: Path) -> list[str]:
    return [sys.executable, "-m", "desktop", "--db", str(db), "sync", "import", str(package)]


def _snapshot(db: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        rows: list[tuple[object, ...]] = []
        for table in ("households", "persons", "sites", "areas", "users"):
            rows += con.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        rows += con.execute("SELECT device_id, seq FROM changes ORDER BY device_id, seq").fetchall()
        rows += con.execute("SELECT peer_id, received_upto FROM sync_peers").fetchall()
        return rows
    finally:
        con.close()


@pytest.mark.slow
def test_killed_import_then_reimport_ends_the_same(pair: tuple[Node, Node], tmp_path: Path) -> None:
    a, b = pair
    for i in range(150):
        hid = add_household(a, f"H-{i}", phone=f"1380000{i:04d}")
        with a.session() as s:
            for k in range(3):
                s.add(
                    Person(
                        household_id=hid,
                        name=f"成员{k}",
                        resident_id=f"43312719900101{i:03d}{k}",
                        relation="other",
                    )
                )
    a.up()
    data, package = a.county.export_for(b.device_id)
    assert len(package.entries) > 600
    pkg_file = tmp_path / "county.anjupkg"
    pkg_file.write_bytes(data)

    pristine = _copy_db(b, tmp_path / "pristine")
    reference = _copy(pristine, tmp_path / "ref")
    started = time.monotonic()
    subprocess.run(_import_cmd(reference, pkg_file), check=True, capture_output=True, env=_env())
    whole = time.monotonic() - started  # to spread the kills over start-up, import and commit
    expected = _snapshot(reference)

    env = _env()
    for n, fraction in enumerate((0.3, 0.6, 0.8, 0.9, 0.95, 1.0, 1.05, 1.15)):
        delay = whole * fraction
        trial = _copy(pristine, tmp_path / f"kill{n}")
        proc = subprocess.Popen(
            _import_cmd(trial, pkg_file),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        _snapshot(trial)  # consistent whatever the moment
        subprocess.run(_import_cmd(trial, pkg_file), check=True, capture_output=True, env=env)
        assert _snapshot(trial) == expected


def _copy(db: Path, dest: Path) -> Path:
    dest.mkdir()
    shutil.copyfile(db, dest / db.name)
    shutil.copyfile(keys_path(db), keys_path(dest / db.name))
    return dest / db.name


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return env
