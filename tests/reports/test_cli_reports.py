"""``anju print-cards``, ``anju export`` and ``anju hotline`` from the shell."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desktop.cli import main
from desktop.services.actor import Actor
from tests.reports.support import run_tool


def test_print_cards_for_a_grid(
    township_db: sessionmaker[Session],
    admin: Actor,
    codes: list[str],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "grid.pdf"
    args = ["--db", str(db_path), "print-cards", "--out", str(out), "--grid", "第一网格"]
    assert main([*args, "--date", "2026-11-22"]) == 0
    assert "2 户" in capsys.readouterr().out
    text = run_tool("pdftotext", out, "-")
    assert "田㐀福" in text and "覃春花" not in text


def test_errors_are_chinese_and_nothing_is_written(
    township_db: sessionmaker[Session],
    admin: Actor,
    codes: list[str],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "missing" / "cards.pdf"
    assert main(["--db", str(db_path), "print-cards", "--out", str(out)]) == 1
    assert "无法写入" in capsys.readouterr().err
    assert not out.parent.exists()
    assert main(["--db", str(db_path), "print-cards", "--out", str(out), "--grid", "没有"]) == 1
    assert "找不到“没有”" in capsys.readouterr().err
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not excel")
    assert main(["--db", str(db_path), "import-ledger", str(bad)]) == 1
    assert "不是 Excel" in capsys.readouterr().err


def test_hotline_setting(
    township_db: sessionmaker[Session],
    admin: Actor,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--db", str(db_path), "hotline"]) == 0
    assert capsys.readouterr().out.strip() == "12345"
    assert main(["--db", str(db_path), "hotline", "0743-5221234"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "hotline"]) == 0
    assert capsys.readouterr().out.strip() == "0743-5221234"


def test_a_building_name_several_sites_share_is_refused_with_the_choices(
    township_db: sessionmaker[Session],
    admin: Actor,
    codes: list[str],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.factories import make_building, make_grid, make_site

    with township_db.begin() as s:
        other = make_site(s, name="青山安置点", code="S02")
        make_building(s, other, make_grid(s, other, name="青山网格"), name="1栋", code="Q01")
    out = tmp_path / "cards.pdf"
    base = ["--db", str(db_path), "print-cards", "--out", str(out), "--date", "2026-11-22"]

    assert main([*base, "--building", "1栋"]) == 1
    err = capsys.readouterr().err
    assert "“1栋”有 2 处同名" in err
    assert "B01 1栋（幸福家园安置区）" in err and "Q01 1栋（青山安置点）" in err
    assert "编号" in err and not out.exists()  # nothing printed

    assert main([*base, "--building", "幸福家园安置区/1栋"]) == 0
    assert "户" in capsys.readouterr().out
    text = run_tool("pdftotext", out, "-")
    assert "田㐀福" in text
    out.unlink()
    assert main([*base, "--building", "B01"]) == 0  # a code is never ambiguous
    assert out.exists()
