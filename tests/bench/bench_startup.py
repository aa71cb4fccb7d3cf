"""Start-up, memory and demo-building figures of issue 2, measured in one run.

    scripts/bench tests/bench/bench_startup.py [--households 12000] [--db PATH]
                                               [--runs 5] [--think 1.5]

1. ``anju demo --households N``: wall time of the real command (subprocess).
2. Start-up to a usable household list on that township, through the program's
   own path (``desktop.app.run_gui``, what ``anju --db PATH`` runs): open and
   check the database, the login window with its demo accounts, the demo
   administrator's name and password put in and "Log in" pressed as soon as
   the window is visible, the main window, then the household list chosen in
   the navigation as soon as the main window is visible, until its first rows
   are in the table.  Against a bare ``QApplication`` with an empty
   ``QMainWindow`` shown.  Each start is a fresh process; the time runs from
   spawning it to its "ready" line; the time to the login window is printed
   too.  Bare and Anju starts alternate, so a busy moment of a shared machine
   hits both; medians of several.  The CPU time of each whole run is printed
   as well: on a busy machine it moves less than the wall time.
3. A second series waits ``--think`` seconds at the login window, as a person
   typing does, and times what is left after "Log in" (the program loads the
   main window and the list's modules while the login window waits).
4. Resident memory (VmRSS) of the running app with the list open.

Nothing is asserted: the figures are printed, with their ratio to the baseline.

**How this measures, and why it changed.**  The children run from bytecode, in
a private cache written by one unmeasured start of each: an installed Anju
always does (the bundle ships bytecode; a checkout writes ``__pycache__`` at
its first start).  Until now the children ran with ``PYTHONDONTWRITEBYTECODE=1``
(the development environment sets it too), so every start compiled Anju's own
modules from source, about 0.2 s that no user waits for.  The children also
rebuilt the start by hand and skipped the login window, which users do see
(its demo accounts import the demo generator and Faker).  The figure is now
the program's own path with no typing time: work done while the login window
waits only counts in the second series.

**Figures** (the 2-core development machine, shared with other work; 12 000
households, 50 000 persons; medians of 12 starts, before and after starts
alternating in one run):

| ms | bare | login window | usable list | ratio | from Log in, after 1.5 s | CPU |
| --- | --- | --- | --- | --- | --- | --- |
| before | 98 | 685 | 1057 | 10.8x | 460 | 1353 |
| after | 98 | 578 | 966 | 9.9x | 431 | 1254 |

Measured the earlier way (hand-built start, no bytecode) the same code went
from 1210-1235 ms (12-13x) to 1130-1160 ms (11.3-11.6x); the 1.8-1.9 s noted
before were taken on a busier machine.

**Why 3x the bare start is out of reach.**  A bare start is ~100 ms here, so
3x is ~300 ms.  Measured alone in fresh processes on the same machine, warm
bytecode: the interpreter plus ``import sqlalchemy.orm`` takes ~250 ms (the
interpreter alone 21 ms), plus Anju's models ~100 ms more; a bare Qt window
~110 ms; checking one password with Argon2id at argon2-cffi's defaults (64
MiB, 3 passes, 4 lanes) 125-180 ms.  SQLAlchemy, Qt and one password check
alone come to ~5x before any of Anju's own code runs.  Meeting 3x would mean
dropping the ORM from the start or weakening the password hash; we do
neither.  Of what was left above that floor, Faker (imported with the demo
accounts, ~60 ms) and the sync package with ``cryptography`` (imported by the
status bar, ~55 ms) now load only when used; the next run gave: bare 101 ms,
login window 548 ms, usable list 907 ms (9.0x), 353 ms from Log in after 1.5 s,
138 MB.  Still there: the dashboard's count on the database worker competes for
the interpreter with the household list being built when the list is opened at
once (~60-100 ms), and the first page's risk levels (~30 ms).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop.demo.accounts import DEMO_ACCOUNTS

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
RUNS = 5
THINK_S = 1.5

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1366, 768); w.show()
app.processEvents()
print("ready", flush=True)
"""

ANJU = """
import sys, time
from types import SimpleNamespace
import desktop.app
from PySide6.QtCore import QTimer

app = desktop.app.make_application()
username, password, think = sys.argv[2], sys.argv[3], float(sys.argv[4])
state = {"step": "login", "window": None, "shown": None}

def top(name):
    for widget in app.topLevelWidgets():
        if type(widget).__name__ == name and widget.isVisible():
            return widget
    return None

def drive():
    # one step per tick: each waits for what a person would see before acting
    if state["step"] == "login":
        dialog = top("LoginDialog")
        if dialog is not None and state["shown"] is None:
            state["shown"] = time.monotonic()
            print("login", flush=True)
        if dialog is not None and time.monotonic() - state["shown"] >= think:
            print("press", flush=True)
            dialog.username_edit.setText(username)
            dialog.password_edit.setText(password)
            state["step"] = "window"
            dialog.try_login()  # what the Log in button does
    elif state["step"] == "window":
        window = top("MainWindow")
        if window is not None:
            state["window"] = window
            state["step"] = "list"
            window.go_to([e.key for e in window.entries].index("households"))
    elif state["step"] == "list":
        page = state["window"].page("households")
        if page.model.rowCount() > 0:
            app.processEvents()
            rss = 0
            for line in open("/proc/self/status"):
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) // 1024
            print("ready", page.model.rowCount(), rss, flush=True)
            timer.stop()
            state["window"].close()

timer = QTimer()
timer.setInterval(1)
timer.timeout.connect(drive)
timer.start()
sys.exit(desktop.app.run_gui(SimpleNamespace(db=sys.argv[1], lang="zh_CN", no_demo=True)))
"""


def child_env(cache: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed_child(code: str, cache: Path, *args: str) -> tuple[dict[str, float], list[str]]:
    """Seconds from spawning the child to each line it prints, and the CPU time of the
    whole run (user + system, all threads, until the child ends)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PY, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=child_env(cache),
        cwd=ROOT,
    )
    assert proc.stdout is not None
    times: dict[str, float] = {}
    fields: list[str] = []
    for line in proc.stdout:
        word, *rest = line.split()
        times.setdefault(word, time.perf_counter() - start)
        if word == "ready":
            fields = rest
            break
    proc.wait(timeout=60)
    if "ready" not in times:
        raise RuntimeError(f"child ended without a ready line (exit {proc.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    times["cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return times, fields


def ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:.0f} ms (runs: "
        + ", ".join(f"{v * 1000:.0f}" for v in values)
        + ")"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=12000)
    parser.add_argument("--db", type=Path, help="reuse a demo database instead of building one")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument(
        "--think", type=float, default=THINK_S, help="seconds at the login window, second series"
    )
    args = parser.parse_args()
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="anju-bench-cfg-"))

    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp(prefix="anju-bench-")) / "township.db"
        start = time.perf_counter()
        subprocess.run(
            [
                str(Path(PY).parent / "anju"),
                "demo",
                "--households",
                str(args.households),
                "--seed",
                "7",
                "--db",
                str(db),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        demo_s = time.perf_counter() - start
        print(
            f"anju demo --households {args.households}: {demo_s:.1f} s "
            f"({args.households / demo_s:,.0f} households/s), file {db.stat().st_size / 2**20:.0f} MiB"
        )

    admin = DEMO_ACCOUNTS[0]
    cache = Path(tempfile.mkdtemp(prefix="anju-bench-pyc-"))

    def anju_child(think: float) -> tuple[dict[str, float], list[str]]:
        return timed_child(ANJU, cache, str(db), admin.username, admin.password, str(think))

    # the first start of each writes the bytecode, which an installed program ships
    timed_child(BARE, cache)
    anju_child(0)
    bare: list[dict[str, float]] = []
    anju: list[dict[str, float]] = []
    typed: list[dict[str, float]] = []
    fields: list[str] = []
    for _ in range(args.runs):  # alternated, so that a busy moment of the machine hits all
        bare.append(timed_child(BARE, cache)[0])
        times, fields = anju_child(0)
        anju.append(times)
        typed.append(anju_child(args.think)[0])
    rows, rss = fields[0], int(fields[1])
    b = statistics.median(t["ready"] for t in bare)
    a = statistics.median(t["ready"] for t in anju)
    print(f"bare QApplication + empty window: {ms([t['ready'] for t in bare])}")
    print(f"Anju to its login window: {ms([t['login'] for t in anju])}")
    print(
        f"Anju to a usable household list ({rows} rows shown), "
        f"logging in at once: {ms([t['ready'] for t in anju])}"
    )
    print(f"ratio Anju / bare start: {a / b:.2f}x   (targets: under 1.5 s and under 3x)")
    print(
        f"after {args.think:g} s at the login window, from Log in to the usable list: "
        + ms([t["ready"] - t["press"] for t in typed])
    )
    print(
        f"CPU time of a whole run (user + system): bare {ms([t['cpu'] for t in bare])}; "
        f"Anju {ms([t['cpu'] for t in anju])}"
    )
    print(f"resident memory of the app with the list open: {rss} MB (target under 300 MB)")


if __name__ == "__main__":
    main()
