"""``anju demo --households 12000``: time, peak memory and database size.

Runs the real command in a subprocess (start-up, migrations, generation, one
commit), then, as the baseline measured in the same run, writes the very same
rows into a fresh copy of the schema with bare sqlite3 ``executemany``: the
ratio is what generating believable data costs on top of storing it.  Prints
figures, asserts nothing except that the command succeeded.

    scripts/bench tests/bench/bench_demo.py [--households N]
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TABLES = (
    "sites",
    "grids",
    "buildings",
    "households",
    "persons",
    "visits",
    "work_orders",
    "work_order_events",
    "monitoring_periods",
    "employment_services",
)


def run_demo(anju: Path, db: Path, households: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(anju), "demo", "--households", str(households), "--db", str(db)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def copy_rows(source: Path, target: Path) -> float:
    """Write every generated row again into an empty schema, in one transaction."""
    src = sqlite3.connect(source)
    schema = [
        sql
        for (sql,) in src.execute(
            "SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL"
        )
    ]
    rows = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
    src.close()
    dst = sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA journal_mode = WAL")
    dst.execute("PRAGMA synchronous = FULL")
    for sql in schema:
        dst.execute(sql)
    start = time.perf_counter()
    dst.execute("BEGIN")
    for table, data in rows.items():
        if data:
            marks = ", ".join("?" * len(data[0]))
            dst.executemany(f"INSERT INTO {table} VALUES ({marks})", data)
    dst.execute("COMMIT")
    elapsed = time.perf_counter() - start
    dst.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=12_000)
    args = parser.parse_args()
    anju = Path(sys.executable).with_name("anju")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        seconds = run_demo(anju, db, args.households)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        con = sqlite3.connect(db)
        persons = con.execute("SELECT COUNT(*) FROM persons").fetchone()[0]
        con.close()
        size_mb = db.stat().st_size / 1024 / 1024
        baseline = copy_rows(db, Path(tmp) / "copy.db")
    print(f"households        {args.households}")
    print(f"persons           {persons}")
    print(f"anju demo         {seconds:.1f} s (whole command, start-up included)")
    print(f"baseline          {baseline:.1f} s (the same rows with sqlite3 executemany)")
    print(f"ratio             {seconds / baseline:.1f}x")
    print(f"peak memory       {peak_mb:.0f} MB")
    print(f"database size     {size_mb:.1f} MB")


if __name__ == "__main__":
    main()
