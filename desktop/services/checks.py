"""Look at a township database without changing it: ``anju check`` and ``anju info``.

Support staff run these on a file a township sends in, or on a laptop that
misbehaves, so they must never write to it: no upgrade, no backup, no journal
mode change.  That is why these functions take a path rather than a session
from :func:`desktop.store.migrate.open_database` (which upgrades), and open the
file read-only themselves.

A read-only SQLite connection to a WAL database still creates the ``-wal`` and
``-shm`` files when they are missing, and cannot remove them afterwards.  When
there is no ``-wal`` file nobody has the database open and everything is in the
main file, so it is opened ``immutable`` and nothing at all is created; when
there is one (Anju is running, or it stopped abruptly) the ordinary read-only
open uses the files that are already there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from desktop.domain import resident_id
from desktop.services import township
from desktop.store.migrate import (
    SQLITE_MAGIC,
    DatabaseCorrupt,
    DatabaseMissing,
    NotAnjuDatabase,
    head_revision,
    known_revisions,
)
from desktop.store.models import Building, Grid, Household, Person, Site, User, Visit, WorkOrder

MAX_OFFENDERS = 5
"""How many offending rows each check names: enough to start looking."""


# ---------------------------------------------------------------- opening read-only


def _uri(path: Path) -> str:
    base = path.resolve().as_uri() + "?mode=ro"
    wal = path.with_name(path.name + "-wal")
    journal = path.with_name(path.name + "-journal")
    if not wal.exists() and not journal.exists():
        base += "&immutable=1"
    return base


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to an Anju database, refusing what is not one.

    Raises :class:`DatabaseMissing`, :class:`NotAnjuDatabase` or
    :class:`DatabaseCorrupt` with nothing written.
    """
    path = Path(path)
    if not path.is_file():
        raise DatabaseMissing(path)
    with path.open("rb") as fh:
        magic = fh.read(len(SQLITE_MAGIC))
    if magic != SQLITE_MAGIC:
        raise NotAnjuDatabase(path, "not an SQLite file" if magic else "empty file")
    try:
        con = sqlite3.connect(_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DatabaseCorrupt(path, str(exc)) from exc
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        con.close()
        raise DatabaseCorrupt(path, str(exc)) from exc
    if not {"alembic_version", "households", "persons", "settings"} <= tables:
        con.close()
        raise NotAnjuDatabase(path, "no Anju tables")
    return con


@contextmanager
def read_only_session(path: Path) -> Iterator[Session]:
    """An ORM session over a read-only connection, for reusing the services' queries."""
    engine = create_engine(
        "sqlite+pysqlite://", creator=lambda: connect_read_only(path), poolclass=NullPool
    )
    try:
        with Session(engine) as session:
            yield session
    except (sqlite3.DatabaseError, sa_exc.DBAPIError) as exc:
        raise DatabaseCorrupt(path, str(exc)) from exc
    finally:
        engine.dispose()


def _revision(con: sqlite3.Connection) -> str | None:
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------- anju check


@dataclass(frozen=True, slots=True)
class Offender:
    """One offending row, named the way a township worker finds it."""

    problem: str  # a message code (id_checksum...) or a short tag (persons->households)
    household_code: str = ""
    person_name: str = ""
    value: str = ""


@dataclass(frozen=True, slots=True)
class CheckResult:
    id: str  # integrity, foreign_keys, schema, resident_ids, resident_ids_unique, orphans, one_head
    ok: bool
    count: int  # how many offending rows in all
    offenders: tuple[Offender, ...] = ()  # the first MAX_OFFENDERS
    detail: str = ""


@dataclass(frozen=True, slots=True)
class CheckReport:
    path: str
    checks: tuple[CheckResult, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def _result(check_id: str, offenders: list[Offender], detail: str = "") -> CheckResult:
    return CheckResult(
        id=check_id,
        ok=not offenders,
        count=len(offenders),
        offenders=tuple(offenders[:MAX_OFFENDERS]),
        detail=detail,
    )


def _check_integrity(con: sqlite3.Connection) -> CheckResult:
    lines = [r[0] for r in con.execute("PRAGMA integrity_check")]
    if lines == ["ok"]:
        return _result("integrity", [])
    return _result("integrity", [Offender("integrity", value=line) for line in lines])


def _check_foreign_keys(con: sqlite3.Connection) -> CheckResult:
    offenders = [
        Offender(f"{table}->{parent}", value=f"rowid {rowid}")
        for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check")
    ]
    return _result("foreign_keys", offenders)


def _check_schema(con: sqlite3.Connection) -> CheckResult:
    current = _revision(con)
    head = head_revision()
    detail = f"{current or '-'} / {head}"
    if current == head:
        return _result("schema", [], detail)
    problem = "schema_newer" if current and current not in known_revisions() else "schema_older"
    return _result("schema", [Offender(problem, value=current or "")], detail)


def _check_resident_ids(con: sqlite3.Connection, today: date) -> tuple[CheckResult, CheckResult]:
    rows = con.execute(
        "SELECT COALESCE(h.code, ''), p.name, p.resident_id FROM persons p "
        "LEFT JOIN households h ON h.id = p.household_id "
        "WHERE p.deleted = 0 ORDER BY h.code, p.sort_order"
    ).fetchall()
    invalid: list[Offender] = []
    for code, name, number in rows:
        try:
            resident_id.parse(number or "", today=today)
        except resident_id.ResidentIdError as exc:
            invalid.append(Offender(exc.code, code, name, number or ""))
    # Two laptops may enter one person offline: the county records such a pair as a
    # duplicate for review (sync_conflicts), and a recorded pair is not a fault here.
    recorded: set[frozenset[str]] = set()
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "sync_conflicts" in tables:
        recorded = {
            frozenset((a, b))
            for a, b in con.execute(
                "SELECT row_id, other_row_id FROM sync_conflicts "
                "WHERE kind = 'duplicate' AND table_name = 'persons'"
            )
        }
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for pid, code, name, number in con.execute(
        "SELECT p.id, COALESCE(h.code, ''), p.name, p.resident_id FROM persons p "
        "LEFT JOIN households h ON h.id = p.household_id "
        "WHERE p.deleted = 0 AND p.resident_id IN ("
        "  SELECT resident_id FROM persons WHERE deleted = 0 AND resident_id != ''"
        "  GROUP BY resident_id HAVING COUNT(*) > 1) "
        "ORDER BY p.resident_id, h.code"
    ):
        groups.setdefault(number, []).append((pid, code, name))
    duplicates = [
        Offender("id_duplicate", code, name, number)
        for number, people in groups.items()
        if any(
            frozenset((a[0], b[0])) not in recorded
            for i, a in enumerate(people)
            for b in people[i + 1 :]
        )
        for _pid, code, name in people
    ]
    return _result("resident_ids", invalid), _result("resident_ids_unique", duplicates)


# (problem tag, SQL giving household code, person name, value) for each kind of orphan:
# a live row whose parent is missing or deleted.
_ORPHAN_QUERIES: tuple[tuple[str, str], ...] = (
    (
        "persons->households",
        "SELECT COALESCE(h.code, ''), c.name, c.resident_id FROM persons c "
        "LEFT JOIN households h ON h.id = c.household_id "
        "WHERE c.deleted = 0 AND (h.id IS NULL OR h.deleted = 1)",
    ),
    (
        "households->sites",
        "SELECT c.code, c.head_name, c.site_id FROM households c "
        "LEFT JOIN sites s ON s.id = c.site_id "
        "WHERE c.deleted = 0 AND (s.id IS NULL OR s.deleted = 1)",
    ),
    (
        "households->grids",
        "SELECT c.code, c.head_name, c.grid_id FROM households c "
        "LEFT JOIN grids g ON g.id = c.grid_id "
        "WHERE c.deleted = 0 AND c.grid_id IS NOT NULL AND (g.id IS NULL OR g.deleted = 1)",
    ),
    (
        "households->buildings",
        "SELECT c.code, c.head_name, c.building_id FROM households c "
        "LEFT JOIN buildings b ON b.id = c.building_id "
        "WHERE c.deleted = 0 AND c.building_id IS NOT NULL AND (b.id IS NULL OR b.deleted = 1)",
    ),
    (
        "grids->sites",
        "SELECT '', '', c.code FROM grids c LEFT JOIN sites s ON s.id = c.site_id "
        "WHERE c.deleted = 0 AND (s.id IS NULL OR s.deleted = 1)",
    ),
    (
        "buildings->sites",
        "SELECT '', '', c.code FROM buildings c LEFT JOIN sites s ON s.id = c.site_id "
        "WHERE c.deleted = 0 AND (s.id IS NULL OR s.deleted = 1)",
    ),
    (
        "buildings->grids",
        "SELECT '', '', c.code FROM buildings c LEFT JOIN grids g ON g.id = c.grid_id "
        "WHERE c.deleted = 0 AND c.grid_id IS NOT NULL AND (g.id IS NULL OR g.deleted = 1)",
    ),
    (
        "sites->areas",
        "SELECT '', '', c.code FROM sites c LEFT JOIN areas a ON a.id = c.area_id "
        "WHERE c.deleted = 0 AND (a.id IS NULL OR a.deleted = 1)",
    ),
    (
        "visits->households",
        "SELECT COALESCE(h.code, ''), '', c.visited_on FROM visits c "
        "LEFT JOIN households h ON h.id = c.household_id "
        "WHERE c.deleted = 0 AND (h.id IS NULL OR h.deleted = 1)",
    ),
    (
        "work_orders->households",
        "SELECT COALESCE(h.code, ''), c.caller_name, c.code FROM work_orders c "
        "LEFT JOIN households h ON h.id = c.household_id "
        "WHERE c.deleted = 0 AND c.household_id IS NOT NULL AND (h.id IS NULL OR h.deleted = 1)",
    ),
    (
        "work_orders->grids",
        "SELECT '', c.caller_name, c.code FROM work_orders c "
        "LEFT JOIN grids g ON g.id = c.grid_id "
        "WHERE c.deleted = 0 AND c.grid_id IS NOT NULL AND (g.id IS NULL OR g.deleted = 1)",
    ),
    (
        "work_order_events->work_orders",
        "SELECT '', '', c.kind || ' ' || c.order_id FROM work_order_events c "
        "LEFT JOIN work_orders o ON o.id = c.order_id "
        "WHERE c.deleted = 0 AND (o.id IS NULL OR o.deleted = 1)",
    ),
    (
        "monitoring_periods->households",
        "SELECT COALESCE(h.code, ''), '', c.entered_on FROM monitoring_periods c "
        "LEFT JOIN households h ON h.id = c.household_id "
        "WHERE c.deleted = 0 AND (h.id IS NULL OR h.deleted = 1)",
    ),
    (
        # a member who left the household keeps the services given (the history stays)
        "employment_services->persons",
        "SELECT COALESCE(h.code, ''), COALESCE(p.name, ''), c.service_date "
        "FROM employment_services c LEFT JOIN persons p ON p.id = c.person_id "
        "LEFT JOIN households h ON h.id = c.household_id "
        "WHERE c.deleted = 0 AND p.id IS NULL",
    ),
    (
        "user_grids->users",
        "SELECT '', '', c.user_id FROM user_grids c LEFT JOIN users u ON u.id = c.user_id "
        "WHERE u.id IS NULL",
    ),
    (
        "user_grids->grids",
        "SELECT '', '', c.grid_id FROM user_grids c LEFT JOIN grids g ON g.id = c.grid_id "
        "WHERE g.id IS NULL",
    ),
)


def _check_orphans(con: sqlite3.Connection) -> CheckResult:
    # An older schema may lack a table: the schema check reports that, not this one.
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    offenders = [
        Offender(tag, code or "", name or "", str(value or ""))
        for tag, sql in _ORPHAN_QUERIES
        if set(tag.split("->")) <= tables
        for code, name, value in con.execute(sql)
    ]
    return _result("orphans", offenders)


def _check_one_head(con: sqlite3.Connection) -> CheckResult:
    rows = con.execute(
        "SELECT h.code, COUNT(p.id), COALESCE(GROUP_CONCAT(p.name, '、'), '') "
        "FROM households h LEFT JOIN persons p ON p.household_id = h.id "
        "AND p.deleted = 0 AND p.relation = 'head' "
        "WHERE h.deleted = 0 GROUP BY h.id HAVING COUNT(p.id) != 1 ORDER BY h.code"
    ).fetchall()
    offenders = [
        Offender("no_head" if heads == 0 else "several_heads", code, names, str(heads))
        for code, heads, names in rows
    ]
    return _result("one_head", offenders)


def check_database(path: Path, *, today: date | None = None) -> CheckReport:
    """Run every check on the file at ``path``, read-only.  Raises a
    :class:`~desktop.store.migrate.StoreError` when it cannot be read at all."""
    path = Path(path)
    day = today or date.today()
    con = connect_read_only(path)
    try:
        ids, unique = _check_resident_ids(con, day)
        checks = (
            _check_integrity(con),
            _check_foreign_keys(con),
            _check_schema(con),
            ids,
            unique,
            _check_orphans(con),
            _check_one_head(con),
        )
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(path, str(exc)) from exc
    finally:
        con.close()
    return CheckReport(path=str(path), checks=checks)


# ---------------------------------------------------------------- anju info


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    path: str
    size_bytes: int
    county_code: str
    county_name: str
    township_code: str
    township_name: str
    demo: bool
    profile_id: str
    profile_name: str
    schema_revision: str
    schema_head: str
    last_sync_at: str | None
    sites: int
    grids: int
    buildings: int
    households: int
    persons: int
    visits: int
    work_orders: int
    users: int

    @property
    def set_up(self) -> bool:
        return bool(self.township_code)

    @property
    def schema_current(self) -> bool:
        return self.schema_revision == self.schema_head


def database_info(path: Path) -> DatabaseInfo:
    """What support staff ask first, read-only: where, which township, which rules, how big."""
    path = Path(path)
    con = connect_read_only(path)
    try:
        revision = _revision(con) or ""
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(path, str(exc)) from exc
    finally:
        con.close()
    with read_only_session(path) as session:
        info = township.township_info(session)
        profile_id = info.profile_id if info else ""
        profile_name = ""
        if profile_id:
            known = township.profiles().get(profile_id)
            profile_name = known.name if known else ""

        def live(
            model: type[Site | Grid | Building | Household | Person | Visit | WorkOrder | User],
        ) -> int:
            return int(
                session.scalar(
                    select(func.count()).select_from(model).where(model.deleted.is_(False))
                )
                or 0
            )

        counts = {
            "sites": live(Site),
            "grids": live(Grid),
            "buildings": live(Building),
            "households": live(Household),
            "persons": live(Person),
            "visits": live(Visit),
            "work_orders": live(WorkOrder),
            "users": live(User),
        }
    return DatabaseInfo(
        path=str(path),
        size_bytes=path.stat().st_size,
        county_code=info.county_code if info else "",
        county_name=info.county_name if info else "",
        township_code=info.township_code if info else "",
        township_name=info.township_name if info else "",
        demo=info.demo if info else False,
        profile_id=profile_id,
        profile_name=profile_name,
        schema_revision=revision,
        schema_head=head_revision(),
        last_sync_at=info.last_sync_at if info else None,
        **counts,
    )
