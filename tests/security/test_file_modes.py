"""Every file the program writes beside the database is the user's alone (0600 in 0700).

The attack: another account on the same laptop (a family login, the township
office's shared user) reads residents' data from the files.  A new township is
made, migrated from an older schema (a backup), exported and made to fail once
(the error log), and then every file and folder under its data folder is checked.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services import ledgers
from desktop.store.migrate import backup
from desktop.sync.crypto import KeyPair
from desktop.sync.keys import keys_path, save_keys
from tests.conftest import ADMIN_PASSWORD


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_every_file_the_program_writes_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    os.umask(0o022)  # the usual umask: files would be 0644 unless made private
    data = tmp_path / "anju-data"
    db = data / "anju.db"
    assert main(["--db", str(db), "demo", "--households", "3"]) == 0
    monkeypatch.setenv("ANJU_PASSWORD", "anju2026")
    assert main(["--db", str(db), "export", "--kind", "persons", "--out", str(tmp_path / "p.xlsx")]) == 0  # fmt: skip
    backup(db, label="before-test")
    save_keys(keys_path(db), KeyPair.generate())

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ledgers, "export_ledger", broken)
    assert main(["--db", str(db), "export", "--kind", "persons", "--out", str(tmp_path / "q.xlsx")]) == 1  # fmt: skip
    capsys.readouterr()

    seen = {p.relative_to(data).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in data.rglob("*")}
    assert "anju.db" in seen and "anju.db.keys" in seen
    assert any(name.startswith("backups/") for name in seen)
    assert "logs/anju-errors.log" in seen and "tmp" in seen
    loose = {
        name: oct(mode)
        for name, mode in seen.items()
        if mode != (0o700 if (data / name).is_dir() else 0o600)
    }
    assert loose == {}
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert ADMIN_PASSWORD  # the demo's own accounts were used above
