"""Time the start of Anju to its login window: installed package against source checkout.

    .venv/bin/python installer/measure_start.py [--installed /usr/bin/anju] [--runs 5]

Both programs open a copy of the same demo township (made once by the source
checkout), offscreen, with ``ANJU_SMOKE_EXIT_AT=login``, so each run ends as the
login window is shown; the time is from process start to that line.  Runs
alternate between the two programs so that a slow moment of a shared machine
hits both.  The first start of each program is reported apart from the median
of the later ones: the operating system's file cache is not dropped, so "first"
means the first start in this run, not a start after a reboot.  The CPU time
(user + system) of each run is reported too: on a busy machine it moves less
than the wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_to_login(command: list[str], db: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds to the login-window line, CPU seconds of the whole run).

    The CPU time is the steadier figure on a busy machine: waiting for a core
    does not count in it.
    """
    cpu_before = children_cpu()
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
                return elapsed, children_cpu() - cpu_before
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
    wall: dict[str, list[float]] = {name: [] for name in programs}
    cpu: dict[str, list[float]] = {name: [] for name in programs}
    with tempfile.TemporaryDirectory(prefix="anju-start-") as tmp:
        home = Path(tmp)
        env = isolated_env(home)
        demo = home / "demo.db"
        make_demo_db(demo, env)
        for name in programs:
            shutil.copyfile(demo, home / f"{name}.db")
        for _round in range(args.runs):
            for name, command in programs.items():
                seconds, cpu_seconds = time_to_login(command, home / f"{name}.db", env)
                wall[name].append(seconds)
                cpu[name].append(cpu_seconds)

    def later(values: list[float]) -> float:
        return statistics.median(values[1:])

    print(f"start to login window, offscreen, {args.runs} starts each (seconds)")
    print(f"{'':10} {'first':>8} {'median later':>13} {'median CPU':>11}")
    for name in programs:
        print(
            f"{name:10} {wall[name][0]:8.2f} {later(wall[name]):13.2f} "
            f"{statistics.median(cpu[name]):11.2f}"
        )
    ratios = (
        wall["installed"][0] / wall["source"][0],
        later(wall["installed"]) / later(wall["source"]),
        statistics.median(cpu["installed"]) / statistics.median(cpu["source"]),
    )
    print(
        f"{'ratio':10} {ratios[0]:8.2f} {ratios[1]:13.2f} {ratios[2]:11.2f}   (installed / source)"
    )
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
