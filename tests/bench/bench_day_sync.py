"""A day's sync on a county-sized township, by stick and over HTTP, against the
program's start-up measured in the same run.

    scripts/bench tests/bench/bench_day_sync.py [--households 12000] [--changes 1000]

Two laptops of one township (``anju demo`` on the first, then enrolled; the second
enrolled empty and filled by the county) and a county on SQLite.  A grid member's
day on the second laptop (household form saves until about ``--changes`` changes are
pending) reaches the first:

- by stick: the second laptop's export to a folder (written, read back, verified),
  the county's import, the county's package for the first laptop, its import;
- over HTTP (another day): both laptops press 立即同步 against the county's server
  on loopback.

The baseline is the program's own start-up to a usable household list on the first
laptop's township (the path ``tests/bench/bench_startup.py`` measures), median of
three starts in this run.  The setting up (the first laptop's whole township going
up, the second receiving it) is printed too.  Nothing is asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import waitress
from sqlalchemy import select

from desktop.demo.accounts import DEMO_ACCOUNTS
from desktop.services import survey
from desktop.services import sync as sync_service
from desktop.services.actor import SYSTEM
from desktop.services.auth import actor_for
from desktop.store.db import make_engine, make_session_factory
from desktop.store.migrate import open_database
from desktop.store.models import Household, User
from desktop.sync.capture import enable_capture
from desktop.sync.keys import keys_path
from server.app import make_app
from server.county import County, create_enrolment, create_schema, init_county

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def _startup_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "bench_startup", ROOT / "tests/bench/bench_startup.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _laptop(path: Path):  # type: ignore[no-untyped-def]
    opened = open_database(path)
    sf = make_session_factory(opened.engine)
    enable_capture(sf)
    return opened.engine, sf


def _enrol(county: County, sf, path: Path, tmp: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    with county.sessions.begin() as s:
        enrolment = create_enrolment(s, township_code="433127100", name=name)
    file = tmp / f"{name}.json"
    file.write_bytes(enrolment.to_bytes())
    with sf.begin() as s:
        has_admin = s.scalar(select(User).where(User.username == DEMO_ACCOUNTS[0].username))
        actor = actor_for(has_admin) if has_admin is not None else None
        sync_service.enroll(s, actor, enrolment_file=file, keys_file=keys_path(path))


def _day(sf, changes: int, rng: random.Random) -> int:  # type: ignore[no-untyped-def]
    """Household form saves until about ``changes`` changes wait to be sent."""
    with sf.begin() as s:
        ids = list(s.scalars(select(Household.id).where(Household.deleted.is_(False))))
        admin = _admin(s)
    start_pending = _pending(sf)
    while _pending(sf) - start_pending < changes:
        for hid in rng.sample(ids, 20):
            with sf.begin() as s:
                form = survey.household_input(s, admin, hid)
                phone = f"139{rng.randrange(10**8):08d}"
                survey.save_household(s, admin, dataclasses.replace(form, phone=phone), shown=form)
    return _pending(sf) - start_pending


def _admin(s):  # type: ignore[no-untyped-def]
    user = s.scalar(select(User).where(User.username == DEMO_ACCOUNTS[0].username))
    return actor_for(user)


def _pending(sf) -> int:  # type: ignore[no-untyped-def]
    with sf.begin() as s:
        return sync_service.status(s, SYSTEM).pending


def _t(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    took = time.perf_counter() - start
    print(f"  {label}: {took:.2f} s")
    return out, took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=12000)
    parser.add_argument("--changes", type=int, default=1000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="anju-daysync-"))
    rng = random.Random(7)
    a_path, b_path = tmp / "a.db", tmp / "b.db"
    subprocess.run(
        [
            str(Path(PY).parent / "anju"),
            "demo",
            "--households",
            str(args.households),
            "--seed",
            "7",
            "--db",
            str(a_path),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    county = County(make_engine(f"sqlite+pysqlite:///{tmp / 'county.db'}"))
    create_schema(county.engine)
    with county.sessions.begin() as s:
        init_county(s, "433127", "http://127.0.0.1")
    a_engine, a = _laptop(a_path)
    b_engine, b = _laptop(b_path)
    print(f"township: {args.households} households; setting up")
    _enrol(county, a, a_path, tmp, "a")
    _enrol(county, b, b_path, tmp, "b")
    stick = tmp / "stick"
    stick.mkdir()
    with a.begin() as s:
        first = sync_service.export_to(s, SYSTEM, keys_file=keys_path(a_path), folder=stick)
    _t(
        f"county imports the whole township ({first.count} changes)",
        county.import_package,
        first.path.read_bytes(),
    )
    with b.begin() as s:
        hello = sync_service.export_to(s, SYSTEM, keys_file=keys_path(b_path), folder=stick)
    county.import_package(hello.path.read_bytes())
    data, _ = county.export_for(hello.device_id)
    back = stick / "to-b.anjupkg"
    back.write_bytes(data)
    _t("a fresh laptop receives the township", lambda: _import(b, b_path, back))

    with a.begin() as s:
        a_device = sync_service.status(s, SYSTEM).device_id
    data, _ = county.export_for(a_device)  # the first laptop in step: its receipts arrive
    (stick / "a0.anjupkg").write_bytes(data)
    _t(
        "the first laptop takes the county's word on its township",
        _import,
        a,
        a_path,
        stick / "a0.anjupkg",
    )

    made = _day(b, args.changes, rng)
    print(f"by stick, a day of {made} changes from the second laptop to the first:")
    usb = 0.0
    with b.begin() as s:
        out, took = _t(
            "export to the stick (written, read back)",
            sync_service.export_to,
            s,
            SYSTEM,
            keys_file=keys_path(b_path),
            folder=stick,
        )
    usb += took
    _, took = _t("county import", county.import_package, out.path.read_bytes())
    usb += took
    (data, _), took = _t("county export for the first laptop", county.export_for, a_device)
    usb += took
    down = stick / "to-a.anjupkg"
    down.write_bytes(data)
    _, took = _t("the first laptop imports it", _import, a, a_path, down)
    usb += took

    server = waitress.create_server(make_app(county), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{server.effective_port}"
    for sf, path in ((a, a_path), (b, b_path)):  # both in step first
        sync_service.sync_now(sf, SYSTEM, keys_file=keys_path(path), server_url=url)
    made = _day(b, args.changes, rng)
    print(f"over HTTP, a day of {made} changes from the second laptop to the first:")
    _, up = _t(
        "the second laptop's 立即同步",
        sync_service.sync_now,
        b,
        SYSTEM,
        keys_file=keys_path(b_path),
        server_url=url,
    )
    _, down_s = _t(
        "the first laptop's 立即同步",
        sync_service.sync_now,
        a,
        SYSTEM,
        keys_file=keys_path(a_path),
        server_url=url,
    )
    http = up + down_s
    server.close()
    a_engine.dispose()
    b_engine.dispose()

    startup = _startup_module()
    cache = Path(tempfile.mkdtemp(prefix="anju-bench-pyc-"))
    admin = DEMO_ACCOUNTS[0]

    def start() -> float:
        times, _ = startup.timed_child(
            startup.ANJU, cache, str(a_path), admin.username, admin.password, "0"
        )
        return float(times["ready"])

    start()  # writes the bytecode, as an installed program ships it
    start_s = statistics.median(start() for _ in range(3))
    print(f"program start-up to a usable household list: {start_s:.2f} s (median of 3)")
    print(f"a day's sync by stick: {usb:.2f} s = {usb / start_s:.2f}x start-up")
    print(f"a day's sync over HTTP: {http:.2f} s = {http / start_s:.2f}x start-up")


def _import(sf, path: Path, file: Path):  # type: ignore[no-untyped-def]
    with sf.begin() as s:
        return sync_service.import_file(s, SYSTEM, keys_file=keys_path(path), path=file)


if __name__ == "__main__":
    main()
