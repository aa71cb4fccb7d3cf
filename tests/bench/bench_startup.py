"""Start-up, memory and demo-building figures of issue 2, measured in one run.

    scripts/bench tests/bench/bench_startup.py [--households 12000] [--db PATH]

1. ``anju demo --households N``: wall time of the real command (subprocess).
2. Start-up to a usable household list on that township (the real app path:
   open and check the database, log in through the service, main window, the
   households page showing its first rows), against a bare ``QApplication``
   with an empty ``QMainWindow`` shown, each in a fresh process, wall time from
   spawning the process to the child's "ready" line.  Median of several runs.
3. Resident memory (VmRSS) of the running app at that point.

Nothing is asserted: the figures are printed, with their ratio to the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
RUNS = 5

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
from pathlib import Path
from desktop.app import make_application, Shell
from desktop.services import auth, township
from desktop.services.demo import DEMO_ACCOUNTS
from desktop.store.db import make_session_factory
from desktop.store.migrate import open_database
from desktop.ui import fonts, i18n
from desktop.ui.context import Bus, UiContext
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner

app = make_application()
i18n.install_translators(app, "zh_CN")
fonts.apply_font_size(fonts.saved_point_size())
path = Path(sys.argv[1])
opened = open_database(path)
factory = make_session_factory(opened.engine)
admin = DEMO_ACCOUNTS[0]
with factory.begin() as s:
    actor = auth.login(s, admin.username, admin.password)
    info = township.township_info(s)
    policy = township.policy(s)
ctx = UiContext(factory, actor, info, policy, path, Bus(), tasks=TaskRunner(app))
window = MainWindow(ctx)
window.resize(1366, 768)
window.show()
keys = [p.key for p in __import__("desktop.ui.main_window", fromlist=["PAGES"]).PAGES]
window.show_page_at(keys.index("households"))
page = window.page("households")
deadline = time.monotonic() + 60
while page.model.rowCount() == 0 and time.monotonic() < deadline:
    app.processEvents()
app.processEvents()
rss = 0
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        rss = int(line.split()[1]) // 1024
print("ready", page.model.rowCount(), rss, flush=True)
ctx.tasks.wait_for_all()
"""


def timed_child(code: str, *args: str) -> tuple[float, list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PY, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ready"):
            elapsed = time.perf_counter() - start
            proc.wait(timeout=60)
            return elapsed, line.split()[1:]
    proc.wait()
    raise RuntimeError(f"child ended without a ready line (exit {proc.returncode})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=12000)
    parser.add_argument("--db", type=Path, help="reuse a demo database instead of building one")
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

    bare = [timed_child(BARE)[0] for _ in range(RUNS)]
    anju_runs = [timed_child(ANJU, str(db)) for _ in range(RUNS)]
    anju = [t for t, _ in anju_runs]
    rows, rss = anju_runs[-1][1][0], int(anju_runs[-1][1][1])
    b, a = statistics.median(bare), statistics.median(anju)
    print(
        f"bare QApplication + empty window: median {b * 1000:.0f} ms (runs: "
        + ", ".join(f"{t * 1000:.0f}" for t in bare)
        + ")"
    )
    print(
        f"Anju to a usable household list ({rows} rows shown): median {a * 1000:.0f} ms (runs: "
        + ", ".join(f"{t * 1000:.0f}" for t in anju)
        + ")"
    )
    print(f"ratio Anju / bare start: {a / b:.2f}x   (targets: under 1.5 s and under 3x)")
    print(f"resident memory of the app with the list open: {rss} MB (target under 300 MB)")


if __name__ == "__main__":
    main()
