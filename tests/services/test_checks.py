"""``check_database`` and ``database_info`` read a file and never change it."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain import resident_id
from desktop.services.checks import (
    MAX_OFFENDERS,
    CheckResult,
    DatabaseMissing,
    check_database,
    database_info,
)
from desktop.store.migrate import DatabaseCorrupt, NotAnjuDatabase, head_revision
from tests.services.demo_support import (
    TODAY,
    copy_db,
    execute,
    make_demo_db,
    query,
    quick_password_hashing,
)


@pytest.fixture(scope="module", autouse=True)
def quick_hashing() -> Iterator[None]:
    with quick_password_hashing():
        yield


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("checks") / "demo.db"
    make_demo_db(path, households=120)
    return path


@pytest.fixture
def spoilt(demo_db: Path, tmp_path: Path) -> Path:
    return copy_db(demo_db, tmp_path / "spoilt.db")


def _failed(path: Path) -> dict[str, CheckResult]:
    report = check_database(path, today=TODAY)
    return {c.id: c for c in report.checks if not c.ok}


def _member(path: Path, sort_order: int = 0) -> tuple[str, str, str, str]:
    """(person id, name, household id, household code) of one member of the first household."""
    row = query(
        path,
        "SELECT p.id, p.name, h.id, h.code FROM persons p JOIN households h "
        "ON h.id = p.household_id WHERE p.sort_order = ? ORDER BY h.code LIMIT 1",
        sort_order,
    )[0]
    return str(row[0]), str(row[1]), str(row[2]), str(row[3])


def test_a_fresh_demo_passes_every_check(demo_db: Path) -> None:
    report = check_database(demo_db, today=TODAY)
    assert report.ok
    assert [c.id for c in report.checks] == [
        "integrity",
        "foreign_keys",
        "schema",
        "resident_ids",
        "resident_ids_unique",
        "orphans",
        "one_head",
    ]


def test_a_wrong_check_digit_is_named_by_household_and_person(spoilt: Path) -> None:
    person_id, name, _, code = _member(spoilt)
    good = str(query(spoilt, "SELECT resident_id FROM persons WHERE id = ?", person_id)[0][0])
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    execute(spoilt, "UPDATE persons SET resident_id = ? WHERE id = ?", bad, person_id)
    failed = _failed(spoilt)
    assert set(failed) == {"resident_ids"}
    result = failed["resident_ids"]
    assert result.count == 1
    offender = result.offenders[0]
    assert (offender.problem, offender.household_code, offender.person_name, offender.value) == (
        "id_checksum",
        code,
        name,
        bad,
    )


def test_a_duplicate_resident_id_names_both_people(spoilt: Path) -> None:
    first_id, first_name, _, _ = _member(spoilt, 0)
    second_id, second_name, _, _ = _member(spoilt, 1)
    number = str(query(spoilt, "SELECT resident_id FROM persons WHERE id = ?", first_id)[0][0])
    execute(spoilt, "UPDATE persons SET resident_id = ? WHERE id = ?", number, second_id)
    failed = _failed(spoilt)
    assert set(failed) == {"resident_ids_unique"}
    names = {o.person_name for o in failed["resident_ids_unique"].offenders}
    assert names == {first_name, second_name}
    # A deleted record does not count: the duplicate was deleted, all is well again.
    execute(spoilt, "UPDATE persons SET deleted = 1 WHERE id = ?", second_id)
    assert check_database(spoilt, today=TODAY).ok


def test_a_second_head_and_a_missing_head_are_caught(spoilt: Path) -> None:
    person_id, name, household_id, code = _member(spoilt, 1)
    execute(spoilt, "UPDATE persons SET relation = 'head' WHERE id = ?", person_id)
    result = _failed(spoilt)["one_head"]
    assert [(o.problem, o.household_code, o.value) for o in result.offenders] == [
        ("several_heads", code, "2")
    ]
    assert name in result.offenders[0].person_name
    execute(spoilt, "UPDATE persons SET relation = 'son' WHERE household_id = ?", household_id)
    result = _failed(spoilt)["one_head"]
    assert [(o.problem, o.household_code) for o in result.offenders] == [("no_head", code)]


def test_orphans_are_caught(spoilt: Path) -> None:
    _, name, household_id, code = _member(spoilt)
    execute(spoilt, "UPDATE households SET deleted = 1 WHERE id = ?", household_id)
    orphans = _failed(spoilt)["orphans"]
    problems = {(o.problem, o.household_code) for o in orphans.offenders}
    assert ("persons->households", code) in problems
    assert name in {o.person_name for o in orphans.offenders}
    execute(spoilt, "UPDATE households SET deleted = 0 WHERE id = ?", household_id)
    execute(
        spoilt,
        "UPDATE sites SET deleted = 1 WHERE id = (SELECT site_id FROM households WHERE id = ?)",
        household_id,
    )
    tags = {o.problem for o in _failed(spoilt)["orphans"].offenders}
    assert {"households->sites", "grids->sites"} & tags


def test_broken_references_and_an_old_schema_are_reported(spoilt: Path) -> None:
    con = sqlite3.connect(spoilt)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE visits SET household_id = 'gone' WHERE rowid = 1")
    con.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    con.commit()
    con.close()
    failed = _failed(spoilt)
    assert {"foreign_keys", "orphans", "schema"} <= set(failed)
    assert failed["schema"].offenders[0].problem == "schema_newer"
    assert failed["foreign_keys"].offenders[0].problem == "visits->households"


def test_many_offenders_are_counted_but_only_the_first_few_named(spoilt: Path) -> None:
    execute(spoilt, "UPDATE persons SET resident_id = substr(resident_id, 1, 17)")
    result = _failed(spoilt)["resident_ids"]
    assert result.count > MAX_OFFENDERS
    assert len(result.offenders) == MAX_OFFENDERS
    assert {o.problem for o in result.offenders} == {"id_length"}


def _fingerprint(path: Path) -> tuple[str, int, list[str]]:
    siblings = sorted(p.name for p in path.parent.iterdir())
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, siblings


def test_checking_and_describing_change_nothing(spoilt: Path) -> None:
    before = _fingerprint(spoilt)
    check_database(spoilt, today=TODAY)
    database_info(spoilt)
    assert _fingerprint(spoilt) == before  # same bytes, same mtime, no -wal or -shm left


def test_a_database_in_use_is_read_beside_its_wal(spoilt: Path) -> None:
    """With the app running (a -wal file present), the check reads it without writing."""
    writer = sqlite3.connect(spoilt)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("UPDATE persons SET resident_id = '1' WHERE rowid = 1")
    writer.commit()
    try:
        assert spoilt.with_name(spoilt.name + "-wal").exists()
        main_bytes = hashlib.sha256(spoilt.read_bytes()).hexdigest()
        assert "resident_ids" in _failed(spoilt)  # the change still in the WAL is seen
        assert hashlib.sha256(spoilt.read_bytes()).hexdigest() == main_bytes
    finally:
        writer.close()


def test_what_cannot_be_read_is_refused(tmp_path: Path, demo_db: Path) -> None:
    with pytest.raises(DatabaseMissing):
        check_database(tmp_path / "nowhere.db")
    text = tmp_path / "notes.txt"
    text.write_text("不是数据库", encoding="utf-8")
    with pytest.raises(NotAnjuDatabase):
        check_database(text)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE things (x)")
    con.close()
    with pytest.raises(NotAnjuDatabase):
        database_info(other)
    broken = tmp_path / "broken.db"
    data = bytearray(demo_db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page
    broken.write_bytes(bytes(data))
    with pytest.raises((DatabaseCorrupt, NotAnjuDatabase)):
        check_database(broken)


def test_info_names_the_township_and_counts_its_records(demo_db: Path) -> None:
    info = database_info(demo_db)
    assert (info.county_code, info.county_name) == ("433127", "永顺县")
    assert (info.township_code, info.township_name) == ("433127100", "灵溪镇")
    assert info.profile_id == "xiangxi" and "湘西" in info.profile_name
    assert info.schema_revision == head_revision() and info.schema_current
    assert info.demo and info.households == 120
    assert info.persons == query(demo_db, "SELECT COUNT(*) FROM persons")[0][0]
    assert info.visits > 0 and info.work_orders > 0 and info.users == 6
    assert resident_id.is_valid(str(query(demo_db, "SELECT resident_id FROM persons")[0][0]))
