"""A real county server on loopback and Debian's Chromium driving it (Playwright).

The browser is the system's ``/usr/bin/chromium`` (``scripts/setup --test`` installs
it with apt); Playwright never downloads one.  Without it (or without Playwright)
the browser tests skip with the reason.  Each test gets a fresh user-data dir.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).parents[2] / "docs" / "county"


def chromium_path() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def need_browser() -> str:
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed (Debian package chromium; scripts/setup --test)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Playwright's Python package is not installed (pip install -e .[dev])")
    return path


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by waitress on a free loopback port, stopped afterwards."""
    import waitress

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            server.asyncore.loop(timeout=0.1, count=1, map=server._map)  # type: ignore[union-attr]
        server.close()
        server.task_dispatcher.shutdown()  # type: ignore[union-attr]

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:
        stop.set()
        thread.join(timeout=10)


@contextmanager
def browser(tmp: Path) -> Iterator[Any]:
    """A Chromium context (1366×768, Chinese) with a fresh profile."""
    path = need_browser()
    from playwright.sync_api import sync_playwright

    profile = tmp / "chromium-profile"
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=path,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1366, "height": 768},
            locale="zh-CN",
            accept_downloads=True,
        )
        try:
            yield context
        finally:
            context.close()


def shot(page: Any, name: str) -> None:
    """Screenshot the page: into docs/county/ with ``ANJU_COUNTY_SHOTS=1`` (to refresh the
    pictures a person looks at), else into a temporary folder, so an ordinary test run
    leaves the work tree as it was."""
    where = (
        SHOTS
        if os.environ.get("ANJU_COUNTY_SHOTS")
        else Path(tempfile.gettempdir()) / "anju-county-shots"
    )
    where.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(where / f"{name}.png"), full_page=True)


def login(page: Any, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
