"""The headless commands end to end on real files: county init and enrol, a township
exports to a stick, the county imports and answers, a fresh second workstation is
enrolled from a file and receives the township's records and accounts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop import cli
from desktop.services.auth import login
from desktop.store.db import make_engine, make_session_factory
from desktop.store.models import Area, Household, Site
from server import cli as county_cli
from tests.conftest import ADMIN_PASSWORD


def _json(capsys: pytest.CaptureFixture[str], argv: list[str], main=cli.main) -> object:  # type: ignore[no-untyped-def]
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_township_to_county_and_back_by_stick(
    tmp_path: Path,
    db_path: Path,
    township_db: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    county_db = str(tmp_path / "county.db")
    stick = tmp_path / "stick"
    stick.mkdir()
    _json(capsys, ["init", "--db", county_db, "--county-code", "433127", "--json"], county_cli.main)
    for name in ("e1", "e2"):
        _json(
            capsys,
            [
                "enroll",
                "--db",
                county_db,
                "--township",
                "433127100",
                "--name",
                "灵溪镇",
                "--out",
                str(tmp_path / f"{name}.json"),
                "--json",
            ],
            county_cli.main,
        )
    with township_db.begin() as s:
        area = s.scalar(select(Area).where(Area.level == "township"))
        assert area is not None
        site = Site(area_id=area.id, code="S1", name="安置点", kind="town")
        s.add(site)
        s.flush()
        s.add(Household(code="H-1", site_id=site.id, category="filed", phone="13800000001"))

    a = ["--db", str(db_path)]
    enrolled = _json(capsys, [*a, "enroll", str(tmp_path / "e1.json"), "--json"])
    assert enrolled["township_code"] == "433127100"  # type: ignore[index]
    exported = _json(capsys, [*a, "sync", "export", "--to", str(stick), "--json"])
    path = Path(exported["path"])  # type: ignore[index]
    assert path.exists() and exported["count"] >= 5  # type: ignore[index]
    assert "H-1" not in path.name and "灵溪" not in path.name

    (imported,) = _json(capsys, ["import", "--db", county_db, str(path), "--json"], county_cli.main)  # type: ignore[misc]
    assert imported["status"] == "applied" and imported["counts"]["applied"] == exported["count"]  # type: ignore[index]

    back = tmp_path / "back"
    back.mkdir()
    out = _json(
        capsys,
        [
            "export",
            "--db",
            county_db,
            "--device",
            exported["device_id"],
            "--to",
            str(back),
            "--json",
        ],  # type: ignore[index]
        county_cli.main,
    )
    assert out["receipts"] == exported["count"]  # type: ignore[index]
    (res,) = _json(capsys, [*a, "sync", "import", out["file"], "--json"])  # type: ignore[index, misc]
    assert res["status"] == "applied"  # type: ignore[index]
    # nothing pending any more: the county acknowledged everything
    again = _json(capsys, [*a, "sync", "export", "--to", str(stick), "--json"])
    assert again["count"] == 0  # type: ignore[index]

    # a fresh workstation: no database yet
    b_db = tmp_path / "fresh" / "b.db"
    b = ["--db", str(b_db)]
    fresh = _json(capsys, [*b, "enroll", str(tmp_path / "e2.json"), "--json"])
    assert fresh["created_township"] is True  # type: ignore[index]
    first = _json(capsys, [*b, "sync", "export", "--to", str(stick), "--json"])
    _json(capsys, ["import", "--db", county_db, first["path"], "--json"], county_cli.main)  # type: ignore[index]
    out_b = _json(
        capsys,
        ["export", "--db", county_db, "--device", first["device_id"], "--to", str(back), "--json"],  # type: ignore[index]
        county_cli.main,
    )
    (res_b,) = _json(capsys, [*b, "sync", "import", out_b["file"], "--json"])  # type: ignore[index, misc]
    assert res_b["counts"]["applied"] >= 5  # type: ignore[index]
    engine = make_engine(b_db)
    try:
        sf = make_session_factory(engine)
        with sf.begin() as s:
            h = s.scalar(select(Household))
            assert h is not None and h.phone == "13800000001"
            assert login(s, "admin", ADMIN_PASSWORD).username == "admin"
    finally:
        engine.dispose()

    # the same enrolment file does not work twice
    assert cli.main(["--db", str(tmp_path / "c.db"), "enroll", str(tmp_path / "e2.json")]) == 0
    capsys.readouterr()
    c_stick = tmp_path / "c"
    c_stick.mkdir()
    c_out = _json(
        capsys, ["--db", str(tmp_path / "c.db"), "sync", "export", "--to", str(c_stick), "--json"]
    )
    assert county_cli.main(["import", "--db", county_db, c_out["path"]]) == 1  # type: ignore[index]
    assert "只能用一次" in capsys.readouterr().err


def test_a_damaged_package_is_refused_with_a_chinese_message(
    tmp_path: Path,
    db_path: Path,
    township_db: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    county_db = str(tmp_path / "county.db")
    county_cli.main(["init", "--db", county_db, "--county-code", "433127"])
    county_cli.main(
        [
            "enroll",
            "--db",
            county_db,
            "--township",
            "433127100",
            "--name",
            "x",
            "--out",
            str(tmp_path / "e.json"),
        ]
    )
    cli.main(["--db", str(db_path), "enroll", str(tmp_path / "e.json")])
    bad = tmp_path / "bad.anjupkg"
    bad.write_bytes(b"ANJUSYNC\x00\x00")
    capsys.readouterr()
    assert cli.main(["--db", str(db_path), "sync", "import", str(bad)]) == 1
    assert "不完整" in capsys.readouterr().err


def test_a_whole_usb_folder_is_imported_and_the_rest_skipped_with_a_word(
    tmp_path: Path,
    db_path: Path,
    township_db: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A grid member points ``anju sync import`` at the stick's folder: the county's
    package for this laptop is applied; its own outgoing package, another laptop's and a
    damaged file are skipped, each with the reason."""
    county_db = str(tmp_path / "county.db")
    stick = tmp_path / "stick"
    stick.mkdir()
    county_cli.main(["init", "--db", county_db, "--county-code", "433127"])
    for name in ("e1", "e2"):
        out = str(tmp_path / f"{name}.json")
        args = ["enroll", "--db", county_db, "--township", "433127100", "--name", "x"]
        county_cli.main([*args, "--out", out])
    a = ["--db", str(db_path)]
    cli.main([*a, "enroll", str(tmp_path / "e1.json")])
    b = ["--db", str(tmp_path / "b.db")]
    cli.main([*b, "enroll", str(tmp_path / "e2.json")])
    capsys.readouterr()
    mine = _json(capsys, [*a, "sync", "export", "--to", str(stick), "--json"])
    theirs = _json(capsys, [*b, "sync", "export", "--to", str(stick), "--json"])
    for sent in (mine, theirs):
        _json(capsys, ["import", "--db", county_db, sent["path"], "--json"], county_cli.main)  # type: ignore[index]
    for sent in (mine, theirs):
        device = sent["device_id"]  # type: ignore[index]
        args = ["export", "--db", county_db, "--device", device, "--to", str(stick), "--json"]
        _json(capsys, args, county_cli.main)
    (stick / "damaged.anjupkg").write_bytes(b"ANJUSYNC\x00\x00")
    assert cli.main([*a, "sync", "import", str(stick)]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("已导入") == 1
    assert "本机发出的同步包" in captured.out
    assert "发给其他工作站" in captured.out
    assert "damaged.anjupkg：跳过" in captured.err
    # the same folder again: nothing new, nothing fails
    assert cli.main([*a, "sync", "import", str(stick)]) == 0
    assert "已导入过" in capsys.readouterr().out


def test_a_database_locked_by_another_program_gets_one_chinese_sentence(
    tmp_path: Path,
    db_path: Path,
    township_db: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    import sqlite3

    county_db = str(tmp_path / "county.db")
    county_cli.main(["init", "--db", county_db, "--county-code", "433127"])
    args = ["enroll", "--db", county_db, "--township", "433127100", "--name", "x"]
    county_cli.main([*args, "--out", str(tmp_path / "e.json")])
    a = ["--db", str(db_path)]
    cli.main([*a, "enroll", str(tmp_path / "e.json")])
    stick = tmp_path / "stick"
    stick.mkdir()
    capsys.readouterr()
    sent = _json(capsys, [*a, "sync", "export", "--to", str(stick), "--json"])
    county_cli.main(["import", "--db", county_db, sent["path"]])  # type: ignore[index]
    capsys.readouterr()
    device = sent["device_id"]  # type: ignore[index]
    back = _json(
        capsys,
        ["export", "--db", county_db, "--device", device, "--to", str(stick), "--json"],
        county_cli.main,
    )
    other = sqlite3.connect(db_path)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        assert cli.main([*a, "sync", "import", back["file"]]) == 1  # type: ignore[index]
    finally:
        other.rollback()
        other.close()
    err = capsys.readouterr().err
    assert "同步时本机数据库出错" in err
    assert "sqlite" not in err.lower() and "SELECT" not in err and "Traceback" not in err
