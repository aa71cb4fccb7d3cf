"""``anju demo``, ``anju check`` and ``anju info`` as a support worker runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desktop.cli import main
from desktop.demo.accounts import DEMO_ACCOUNTS
from desktop.store.migrate import head_revision, open_database
from tests.services.demo_support import copy_db, execute, query, quick_password_hashing

DEMO_ARGS = ["--households", "40", "--seed", "5", "--today", "2026-11-22"]


@pytest.fixture(scope="module", autouse=True)
def quick_hashing() -> Iterator[None]:
    with quick_password_hashing():
        yield


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    assert main(["demo", *DEMO_ARGS, "--db", str(path)]) == 0
    return path


@pytest.fixture
def spoilt(demo_db: Path, tmp_path: Path) -> Path:
    return copy_db(demo_db, tmp_path / "spoilt.db")


def test_demo_builds_a_new_database_and_names_the_accounts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new" / "anju.db"
    assert main(["demo", *DEMO_ARGS, "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "永顺县（433127）灵溪镇（433127100）" in out
    assert "住户 40 户" in out and "用时" in out
    for account in DEMO_ACCOUNTS:
        assert account.username in out and account.display_name in out
    assert query(path, "SELECT COUNT(*) FROM households")[0][0] == 40


def test_demo_refuses_a_second_run_and_writes_nothing(
    spoilt: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = query(spoilt, "SELECT COUNT(*), MAX(code) FROM households")
    assert main(["demo", "--households", "10", "--db", str(spoilt)]) == 1
    err = capsys.readouterr().err
    assert "本乡镇已有40户住户" in err and "未做任何改动" in err
    assert query(spoilt, "SELECT COUNT(*), MAX(code) FROM households") == before


def test_demo_with_no_households_gives_empty_sites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.db"
    assert main(["--db", str(path), "demo", "--households", "0"]) == 0
    assert "住户 0 户" in capsys.readouterr().out
    assert query(path, "SELECT COUNT(*) FROM sites")[0][0] == 6


def test_check_passes_on_a_fresh_demo(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert out.count("✓") == 7 and "✗" not in out
    assert "结论：全部通过。" in out


def test_check_names_a_planted_bad_id(spoilt: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, name, number = query(
        spoilt,
        "SELECT h.code, p.name, p.resident_id FROM persons p JOIN households h "
        "ON h.id = p.household_id ORDER BY h.code, p.sort_order LIMIT 1",
    )[0]
    bad = str(number)[:17] + ("1" if str(number)[17] != "1" else "2")
    execute(spoilt, "UPDATE persons SET resident_id = ? WHERE resident_id = ?", bad, number)
    assert main(["check", "--db", str(spoilt)]) == 1
    out = capsys.readouterr().out
    assert "✗ 身份证号码有效：1 处问题" in out
    assert f"户 {code} {name}：身份证号码校验位不对（{bad}）" in out
    assert "结论：1 项未通过。" in out


def test_check_names_a_household_with_two_heads(
    spoilt: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, person_id = query(
        spoilt,
        "SELECT h.code, p.id FROM persons p JOIN households h ON h.id = p.household_id "
        "WHERE p.sort_order = 1 ORDER BY h.code LIMIT 1",
    )[0]
    execute(spoilt, "UPDATE persons SET relation = 'head' WHERE id = ?", person_id)
    assert main(["check", "--db", str(spoilt), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    failed = [c for c in report["checks"] if not c["ok"]]
    assert [c["id"] for c in failed] == ["one_head"]
    assert failed[0]["offenders"][0]["household_code"] == code
    assert failed[0]["offenders"][0]["problem"] == "several_heads"
    assert main(["check", "--db", str(spoilt)]) == 1
    assert f"户 {code} " in capsys.readouterr().out


def test_check_and_info_refuse_what_is_not_a_township_database(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.db"
    assert main(["check", "--db", str(missing)]) == 1
    assert "找不到数据库文件" in capsys.readouterr().err
    assert not missing.exists()
    notes = tmp_path / "notes.db"
    notes.write_text("这是一份笔记", encoding="utf-8")
    assert main(["info", "--db", str(notes)]) == 1
    assert "不是安居数据库" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "这是一份笔记"

    damaged = tmp_path / "damaged.db"
    data = bytearray(copy_db(demo_db, tmp_path / "whole.db").read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, smashed
    damaged.write_bytes(bytes(data))
    assert main(["check", "--db", str(damaged)]) == 1
    assert "已损坏" in capsys.readouterr().err
    assert damaged.read_bytes() == bytes(data)


def test_info_json_fields(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--db", str(demo_db), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["county"] == {"code": "433127", "name": "永顺县"}
    assert info["township"] == {"code": "433127100", "name": "灵溪镇"}
    assert info["policy_profile"]["id"] == "xiangxi"
    assert info["schema"] == {"revision": head_revision(), "head": head_revision(), "current": True}
    counts = info["counts"]
    assert counts["households"] == 40
    assert counts["persons"] == query(demo_db, "SELECT COUNT(*) FROM persons")[0][0]
    assert counts["visits"] == query(demo_db, "SELECT COUNT(*) FROM visits")[0][0]
    assert counts["work_orders"] == query(demo_db, "SELECT COUNT(*) FROM work_orders")[0][0]
    assert info["demo"] is True and info["size_bytes"] > 0


def test_info_text_is_in_chinese(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_db), "info"]) == 0
    out = capsys.readouterr().out
    assert "县（市、区）：永顺县（433127）" in out
    assert "政策规则：湘西州（湖南）2019（xiangxi）" in out
    assert "住户：40 户" in out


def test_the_installed_command_builds_and_checks(tmp_path: Path) -> None:
    anju = Path(sys.executable).with_name("anju")
    path = tmp_path / "real.db"
    built = subprocess.run(
        [str(anju), "demo", "--households", "15", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    assert "演示账号" in built.stdout
    checked = subprocess.run(
        [str(anju), "--db", str(path), "check", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["ok"] is True


def test_info_and_check_on_a_database_not_yet_set_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fresh.db"
    open_database(path).engine.dispose()
    assert main(["info", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "乡镇（街道）：尚未设置" in out and "住户：0 户" in out
    assert main(["info", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["set_up"] is False
    assert main(["check", "--db", str(path)]) == 0  # empty, but nothing is wrong


def test_demo_refuses_a_real_township(
    township_db: sessionmaker[Session], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--households", "5", "--db", str(db_path)]) == 1
    assert "正式设置的乡镇（灵溪镇）" in capsys.readouterr().err
    assert query(db_path, "SELECT COUNT(*) FROM users")[0][0] == 1
