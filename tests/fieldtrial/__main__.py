"""``scripts/field-trial``: run a long field trial and print what the audit found."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.fieldtrial.audit import audit
from tests.fieldtrial.world import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="field-trial", description="乡镇多台电脑协同的实地演练")
    parser.add_argument("--laptops", type=int, default=5)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--households", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--county", default=None, help="county database URL (default: SQLite)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="anju-trial-") as tmp:

        def progress(day: int) -> None:
            print(f"\r  day {day}/{args.days}", end="", file=sys.stderr, flush=True)

        world = run(
            Path(tmp),
            days=args.days,
            laptops=args.laptops,
            households=args.households,
            seed=args.seed,
            county_url=args.county,
            progress=progress,
        )
        try:
            report = audit(world)
        finally:
            world.close()
    print(file=sys.stderr)
    elapsed = time.perf_counter() - started
    f = world.figures
    print(f"field trial: {args.laptops} laptops x {args.days} days, seed {args.seed}")
    print(f"actions:                 {sum(f.actions.values())} ({dict(f.actions)})")
    print(f"refused by the rules:    {sum(f.refused.values())}")
    print(f"packages:                {dict(f.packages)}")
    print(f"decisions:               {f.decisions}")
    for line in report.lines():
        print(line)
    print(f"time:                    {elapsed:.0f} s")
    for name in (
        "nodes_that_differ",
        "values_lost",
        "conflict_sets_differ",
        "invariants",
        "checks_failed",
        "stalled",
    ):
        for item in getattr(report, name)[:5]:
            print(f"  {name}: {item}")
    return 0 if report.ok() else 1


if __name__ == "__main__":
    raise SystemExit(main())
