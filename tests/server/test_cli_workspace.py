"""``anju-county account``, ``devices`` and ``revoke`` on the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop.sync.errors import PackageRejected
from server import cli
from tests.sync.harness import make_node


def test_accounts_devices_and_revoke_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "county.db")
    assert cli.main(["init", "--db", db, "--county-code", "433127"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert (
        cli.main(
            [
                "account",
                "add",
                "--db",
                db,
                "--username",
                "liming",
                "--role",
                "admin",
                "--password-stdin",
            ]
        )
        == 1
    )
    assert "密码至少 10 位" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert (
        cli.main(
            [
                "account",
                "add",
                "--db",
                db,
                "--username",
                "liming",
                "--name",
                "李明",
                "--role",
                "admin",
                "--password-stdin",
            ]
        )
        == 0
    )
    assert cli.main(["account", "list", "--db", db]) == 0
    assert "李明  县级管理员" in capsys.readouterr().out
    assert cli.main(["devices", "--db", db]) == 0
    assert "还没有登记的设备" in capsys.readouterr().out

    county = cli.open_county(db)
    node = make_node(county, tmp_path, name="lost")
    try:
        node.sync()
        assert cli.main(["devices", "--db", db]) == 0
        listed = capsys.readouterr().out
        assert node.device_id in listed and "在用" in listed
        assert cli.main(["revoke", "--db", db, "--device", node.device_id, "--reason", " "]) == 1
        assert "请写明停用原因" in capsys.readouterr().err
        assert cli.main(["revoke", "--db", db, "--device", node.device_id, "--reason", "被盗"]) == 0
        assert "已停用" in capsys.readouterr().out
        assert cli.main(["devices", "--db", db]) == 0
        assert "已停用（被盗，命令行）" in capsys.readouterr().out
        with pytest.raises(PackageRejected):
            node.up()
    finally:
        node.close()
        county.engine.dispose()
