"""A rule out of range never leaves the county: refused with the key named, nothing
published."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from server import cli
from server.models import CountyRecord


@pytest.mark.parametrize(
    ("toml", "key", "shown"),
    [
        ("[service]\nrespond_minutes = -5\n", "service.respond_minutes", "-5"),
        ("[service]\nwarning_fraction = 7.5\n", "service.warning_fraction", "7.5"),
        (
            "[monitoring]\nincome_line_per_head_year = -1\n",
            "monitoring.income_line_per_head_year",
            "-1",
        ),
        ("[site]\nassets_in_use_target = 1.5\n", "site.assets_in_use_target", "1.5"),
    ],
)
def test_a_number_out_of_range_is_refused_with_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str, key: str, shown: str
) -> None:
    db = str(tmp_path / "county.db")
    assert cli.main(["init", "--db", db, "--county-code", "433127"]) == 0
    rule = tmp_path / "rule.toml"
    rule.write_text(toml, encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["publish-policy", "--db", db, "--all", str(rule)]) == 1
    err = capsys.readouterr().err
    assert key in err and shown in err and "超出允许范围" in err
    county = cli.open_county(db)
    with county.sessions.begin() as s:
        published = s.scalar(
            select(func.count()).where(CountyRecord.table_name == "published_rules")
        )
    county.engine.dispose()
    assert published == 0


def test_a_rule_in_range_is_published(tmp_path: Path) -> None:
    db = str(tmp_path / "county.db")
    assert cli.main(["init", "--db", db, "--county-code", "433127"]) == 0
    rule = tmp_path / "rule.toml"
    rule.write_text("[service]\nrespond_minutes = 5\nwarning_fraction = 0.5\n", encoding="utf-8")
    assert cli.main(["publish-policy", "--db", db, "--all", str(rule)]) == 0
