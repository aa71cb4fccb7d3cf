"""The attacks on the command line: no login needed, a mistyped --db, a damaged file.

Each runs the real ``anju`` command (``desktop.cli.main``) on a real file and
asserts the refusal, its Chinese message, and that nothing changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.cli import main
from desktop.domain.enums import Role
from desktop.services import auth, printing
from desktop.services.actor import Actor
from desktop.store.models import AuditEvent, Change, Household, User
from tests.conftest import ADMIN_PASSWORD
from tests.reports.support import Places, make_places, populate

VIEWER_PASSWORD = "chakan-2026x"


@pytest.fixture
def township(township_db: sessionmaker[Session], admin: Actor) -> sessionmaker[Session]:
    with township_db.begin() as s:
        places: Places = make_places(s)
        populate(s, places)
        auth.create_user(
            s, admin, username="chakan", display_name="张丽", password=VIEWER_PASSWORD,
            role=Role.VIEWER,
        )  # fmt: skip
    return township_db


def _digest(path: Path) -> str:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _audit(factory: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    with factory.begin() as s:
        return [(e.action, e.username, e.via) for e in s.scalars(select(AuditEvent))]


def test_export_without_an_account_is_refused_and_writes_nothing(
    township: sessionmaker[Session],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("ANJU_USER")
    out = tmp_path / "everyone.xlsx"
    before = _audit(township)
    assert main(["--db", str(db_path), "export", "--kind", "persons", "--out", str(out)]) == 1
    assert "需要以账号身份执行" in capsys.readouterr().err
    assert not out.exists()
    assert _audit(township) == before


def test_a_wrong_password_on_the_command_line_counts_toward_the_lock(
    township: sessionmaker[Session],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ANJU_PASSWORD", "guess-guess")
    out = tmp_path / "p.xlsx"
    for _ in range(5):
        assert main(["--db", str(db_path), "export", "--kind", "persons", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "用户名或密码不正确" in err and "账号已锁定" in err
    assert not out.exists()
    # locked: the right password waits too
    monkeypatch.setenv("ANJU_PASSWORD", ADMIN_PASSWORD)
    assert main(["--db", str(db_path), "export", "--kind", "persons", "--out", str(out)]) == 1
    assert not out.exists()
    actions = [a for a, _, via in _audit(township) if via == "cli"]
    assert actions.count("login_failed") == 6 and actions.count("lockout") == 1


def test_a_viewer_cannot_change_a_setting_and_an_export_is_credited_to_its_account(
    township: sessionmaker[Session],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ANJU_PASSWORD", VIEWER_PASSWORD)
    with township.begin() as s:
        hotline = printing.service_hotline(s)
    assert main(["--db", str(db_path), "--user", "chakan", "hotline", "99999"]) == 1
    assert "只有乡镇管理员" in capsys.readouterr().err
    with township.begin() as s:
        assert printing.service_hotline(s) == hotline

    out = tmp_path / "p.xlsx"
    assert main(["--db", str(db_path), "--user", "chakan", "export", "--kind", "persons",
                 "--out", str(out)]) == 0  # fmt: skip
    assert ("export", "chakan", "cli") in _audit(township)
    # the audit log is the administrator's to read
    assert main(["--db", str(db_path), "--user", "chakan", "audit"]) == 1
    monkeypatch.setenv("ANJU_PASSWORD", ADMIN_PASSWORD)
    capsys.readouterr()
    assert main(["--db", str(db_path), "audit", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {"action": "export", "user": "chakan", "via": "cli"} in [
        {k: e[k] for k in ("action", "user", "via")} for e in shown
    ]
    assert all("433127" not in json.dumps(e["detail"]) for e in shown)  # no resident IDs


def test_an_import_is_credited_to_the_account_that_ran_it(
    township: sessionmaker[Session], db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "p.xlsx"
    assert main(["--db", str(db_path), "export", "--kind", "households", "--out", str(out)]) == 0
    with township.begin() as s:
        s.execute(
            Household.__table__.update().values(phone="13900000000")  # type: ignore[attr-defined]
        )
        admin_id = s.scalar(select(User.id).where(User.username == "admin"))
        last = s.scalar(select(Change.id).order_by(Change.id.desc()))
    assert main(["--db", str(db_path), "import-ledger", str(out)]) == 0
    with township.begin() as s:
        authors = set(
            s.scalars(
                select(Change.user_id).where(
                    Change.id > last, Change.table_name.in_(("households", "persons"))
                )
            )
        )
    assert authors == {admin_id}  # not "system", not nobody


def test_a_mistyped_database_path_creates_nothing(
    township: sessionmaker[Session], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "townshp.db"
    out = tmp_path / "p.xlsx"
    assert main(["--db", str(typo), "export", "--kind", "persons", "--out", str(out)]) == 1
    assert main(["--db", str(typo), "board"]) == 1
    assert main(["--db", str(typo), "check"]) == 1
    assert "找不到数据库文件" in capsys.readouterr().err
    assert not typo.exists() and not out.exists()
    assert list(tmp_path.glob("townshp*")) == []


def _corrupt(path: Path, table: str) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\x0d\xff\xff\xff" * 8)


def test_a_damaged_database_is_not_written_to_and_the_backup_is_named(
    township: sessionmaker[Session],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "h.xlsx"
    assert main(["--db", str(db_path), "export", "--kind", "households", "--out", str(out)]) == 0
    township.kw["bind"].dispose()
    backups = db_path.parent / "backups"
    backups.mkdir()
    saved = backups / "township-20261120-090000-before-0001.db"
    shutil.copyfile(db_path, saved)
    _corrupt(db_path, "persons")
    before = _digest(db_path)
    capsys.readouterr()
    assert main(["--db", str(db_path), "import-ledger", str(out)]) == 1
    err = capsys.readouterr().err
    assert "已损坏" in err and "不会再写入" in err and str(saved) in err
    assert "已导入" not in err
    assert _digest(db_path) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_database_is_called_read_only_not_damaged(
    township: sessionmaker[Session], db_path: Path, tmp_path: Path
) -> None:
    """A copy the user may not write: mode 0444 in a 0555 folder, or (as root, who
    may write anything) a read-only mount in a mount namespace of its own."""
    township.kw["bind"].dispose()
    folder = tmp_path / "cd"
    folder.mkdir()
    copy = folder / "township.db"
    shutil.copyfile(db_path, copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    command = [sys.executable, "-m", "desktop", "--db", str(copy), "close-month"]
    if os.geteuid() == 0:
        if shutil.which("unshare") is None:
            pytest.skip("needs unshare to make a read-only mount as root")
        d = str(folder)
        script = f'mount --bind {d} {d} && mount -o remount,bind,ro {d} && exec "$@"'
        command = ["unshare", "-m", "sh", "-c", script, "sh", *command]
    else:
        os.chmod(copy, 0o444)
        os.chmod(folder, 0o555)
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        os.chmod(folder, 0o755)
    if os.geteuid() == 0 and "mount" in result.stderr and "desktop" not in result.stderr:
        pytest.skip(f"no mount namespace here: {result.stderr.strip()}")
    assert result.returncode == 1, result.stderr
    assert "只读" in result.stderr and "没有损坏" in result.stderr
    assert "已损坏（" not in result.stderr
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
