"""County ledgers: the same Excel ledgers a township exports, for one township or the county.

Decisions, and why:

- "The same ledgers" is meant literally: the county does not re-implement fourteen
  ledger layouts.  It writes the township's records (or every township's) from its
  JSON store into a scratch township database at the schema head, computes the
  derived columns as a laptop does after an import, and runs the township's own
  ``desktop.services.ledgers.export_ledger`` over it.  A ledger layout changed on
  the desktop is changed at the county by the same commit.
- The scratch database lives in a temporary directory removed afterwards; foreign
  keys are checked at the end of the load (records refer to each other in rings).
- For the whole county the scratch database holds every township; its "township" is
  the county (the ledger's heading names the county).  The township's rules are the
  profile it was enrolled with; the county's the default profile.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from desktop.services import derived, township
from desktop.services.actor import SYSTEM
from desktop.services.ledgers import TITLES, ExportResult, LedgerKind, export_ledger
from desktop.store.db import make_engine, make_session_factory
from desktop.store.migrate import open_database
from desktop.store.models import SYNCED_MODELS
from desktop.sync.values import column_names, row_from_wire
from server.county import K_COUNTY_CODE, County, _get
from server.models import CountyEnrolment, CountyRecord

KINDS: dict[str, str] = {k.value: TITLES[k] for k in LedgerKind}


def _blank(table: Table) -> dict[str, Any]:
    """A value for every column (its scalar default, else None): every row of one
    ``executemany`` names the same columns, and a record from an older laptop may lack
    a newer column."""
    out: dict[str, Any] = {}
    for column in table.columns:
        default: Any = column.default
        if default is None:
            out[column.name] = None
        elif default.is_scalar:
            out[column.name] = default.arg
        else:
            try:
                out[column.name] = default.arg(None)  # dict, list, the time now
            except Exception:
                out[column.name] = None
    return out


def _load(session: Session, county: County, township_code: str | None) -> None:
    with county.sessions.begin() as cs:
        county_code = str(_get(cs, K_COUNTY_CODE) or "")
        profile = "default"
        if township_code is not None:
            profile = (
                cs.scalar(
                    select(CountyEnrolment.profile)
                    .where(CountyEnrolment.township_code == township_code)
                    .order_by(CountyEnrolment.created_at.desc())
                    .limit(1)
                )
                or "default"
            )
        township.set_setting(session, township.K_COUNTY_CODE, county_code)
        township.set_setting(session, township.K_TOWNSHIP_CODE, township_code or county_code)
        township.set_setting(session, township.K_PROFILE, profile)
        conn = session.connection()
        conn.execute(text("PRAGMA defer_foreign_keys = ON"))
        for model in SYNCED_MODELS:
            table = model.__table__
            name = table.name  # type: ignore[attr-defined]
            known = column_names(name)
            blank = _blank(table)  # type: ignore[arg-type]
            query = select(CountyRecord.row_id, CountyRecord.values).where(
                CountyRecord.table_name == name
            )
            if township_code is not None and name not in ("areas", "published_rules"):
                query = query.where(CountyRecord.township_code == township_code)
            rows = []
            for row_id, values in cs.execute(query):
                wire = {k: v for k, v in values.items() if k in known}
                rows.append({**blank, **row_from_wire(name, wire), "id": row_id})
                if len(rows) >= 2000:
                    conn.execute(insert(table), rows)  # type: ignore[arg-type]
                    rows = []
            if rows:
                conn.execute(insert(table), rows)  # type: ignore[arg-type]
    derived.recompute_all(session)


def export_county_ledger(
    county: County, kind: str, out: Path, *, township_code: str | None = None
) -> ExportResult:
    """Write ``kind`` for one township (or, with None, the whole county) to ``out``."""
    with tempfile.TemporaryDirectory(prefix="anju-county-ledger-") as tmp:
        opened = open_database(Path(tmp) / "township.db", do_backup=False)
        opened.engine.dispose()
        engine = make_engine(Path(tmp) / "township.db")
        try:
            sessions = make_session_factory(engine)
            with sessions.begin() as session:
                _load(session, county, township_code)
            with sessions.begin() as session:
                return export_ledger(session, SYSTEM, kind, out)
        finally:
            engine.dispose()
