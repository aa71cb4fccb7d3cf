"""The attack: read residents' data off an error message (a terminal, a dialog, a ticket).

A database error raised with a resident's name and ID as statement parameters
must show neither, anywhere a user sees it; the details go to a log file only
the user can read.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from desktop.cli import main
from desktop.services import ledgers

SECRET_ID = "433127196803040123"
SECRET_NAME = "田秘密"


def _failing_write(factory: sessionmaker[Session]) -> sa_exc.DBAPIError:
    with pytest.raises(sa_exc.DBAPIError) as err, factory.begin() as s:
        s.execute(
            text("INSERT INTO persons (id, name, resident_id) VALUES (:id, :name, :rid)"),
            {"id": None, "name": SECRET_NAME, "rid": SECRET_ID},
        )
    return err.value


def test_database_errors_carry_no_parameters(township_db: sessionmaker[Session]) -> None:
    error = _failing_write(township_db)
    assert SECRET_ID not in str(error) and SECRET_NAME not in str(error)


def test_an_unexpected_error_prints_one_chinese_sentence_and_logs_privately(
    township_db: sessionmaker[Session],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError(f"{SECRET_NAME} {SECRET_ID}")  # a bad header, say, naming a resident

    monkeypatch.setattr(ledgers, "export_ledger", broken)
    out = tmp_path / "p.xlsx"
    assert main(["--db", str(db_path), "export", "--kind", "persons", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert "意外错误" in shown and "KeyError" in shown
    assert SECRET_ID not in shown and SECRET_NAME not in shown
    assert "Traceback" not in shown
    log = db_path.parent / "logs" / "anju-errors.log"
    assert str(log) in shown
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
