"""Time the start of Anju to its login window: installed package against source checkout.

    .venv/bin/python installer/measure_start.py [--installed /usr/bin/anju] [--runs 5]

Both programs open a copy of the same demo township (made once by the source
checkout), offscreen, with ``ANJU_SMOKE_EXIT_AT=login``, so each run ends as the
login window is shown; the time is from process start to that line.  Runs
alternate between the two programs so that a slow moment of a shared machine
hits both.  The first start of each program is reported apart from the median
of the later ones: the operating system's file cache is not dropped, so "first"
means the first start in this run, not a start after a reboot.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SMOKE_LINE = "anju-smoke: login window shown"
TIMEOUT_S = 180


def source_command() -> list[str]:
    script = REPO / ".venv" / "bin" / "anju"
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop"]


def isolated_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        ANJU_SMOKE_EXIT_AT="login",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    env.pop("ANJU_DB", None)
    return env


def make_demo_db(path: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [*source_command(), "--db", str(path), "demo"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=TIMEOUT_S,
    )


def time_to_login(command: list[str], db: Path, env: dict[str, str]) -> float:
    """Seconds from starting ``command`` to its login-window line."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*command, "--db", str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if line.strip() == SMOKE_LINE:
                elapsed = time.perf_counter() - start
                proc.wait(timeout=TIMEOUT_S)
                return elapsed
        raise RuntimeError(f"{command[0]} ended (code {proc.wait()}) before the login window")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installed", default="/usr/bin/anju", help="the installed program")
    parser.add_argument("--runs", type=int, default=5, help="starts of each program")
    args = parser.parse_args(argv)
    if args.runs < 2:
        parser.error("--runs must be at least 2 (one first start, one or more later)")
    if shutil.which(args.installed) is None:
        parser.error(f"{args.installed} is not installed (installer/build deb, then dpkg -i)")

    programs = {"installed": [args.installed], "source": source_command()}
    times: dict[str, list[float]] = {name: [] for name in programs}
    with tempfile.TemporaryDirectory(prefix="anju-start-") as tmp:
        home = Path(tmp)
        env = isolated_env(home)
        demo = home / "demo.db"
        make_demo_db(demo, env)
        for name in programs:
            shutil.copyfile(demo, home / f"{name}.db")
        for _round in range(args.runs):
            for name, command in programs.items():
                times[name].append(time_to_login(command, home / f"{name}.db", env))

    print(f"start to login window, offscreen, {args.runs} starts each (seconds)")
    print(f"{'':10} {'first':>8} {'median later':>13}")
    for name, values in times.items():
        print(f"{name:10} {values[0]:8.2f} {statistics.median(values[1:]):13.2f}")
    first = times["installed"][0] / times["source"][0]
    later = statistics.median(times["installed"][1:]) / statistics.median(times["source"][1:])
    print(f"{'ratio':10} {first:8.2f} {later:13.2f}   (installed / source)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
