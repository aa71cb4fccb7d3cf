"""The pre-release check: build the .deb, install it here, start it, remove it.

Slow (minutes) and it installs a package into this machine, so it runs only
when asked, as root on a Debian-based system:

    ANJU_BUILD_TEST=1 QT_QPA_PLATFORM=offscreen .venv/bin/pytest -q -m slow_build tests/installer

It builds the bundle and the package with ``installer/build deb`` in a fresh
clone of what is committed (nothing prepared: the script sets everything up), installs it
with dpkg, starts the installed ``anju`` offscreen with a fresh home folder (so
the first start builds the demo township in the user data directory) up to the
login window (and once more on a virtual X server when xvfb-run is there),
runs ``anju check`` on that database, upgrades to a package of a
newer version made from the same bundle, and removes the package: the user's
database must still be there.  The package is removed at the end even if it was
installed before the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SMOKE_LINE = "anju-smoke: login window shown"
BUILD_TIMEOUT_S = 3600
RUN_TIMEOUT_S = 300

pytestmark = [
    pytest.mark.slow_build,
    pytest.mark.skipif(
        os.environ.get("ANJU_BUILD_TEST") != "1",
        reason="builds and installs the .deb: set ANJU_BUILD_TEST=1 (see installer/README.md)",
    ),
]

sys.path.insert(0, str(REPO / "installer"))
import bundle_layout as L  # noqa: E402


def run(
    *args: str | Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = RUN_TIMEOUT_S,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout
    )


def installed_version() -> str | None:
    result = run("dpkg-query", "-W", "-f=${Status} ${Version}", L.BUNDLE_NAME)
    if result.returncode != 0 or not result.stdout.startswith("install ok installed"):
        return None
    return result.stdout.rsplit(" ", 1)[-1]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh clone of what is committed: no environment, no dist/, nothing prepared."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    path = tmp_path_factory.mktemp("clone") / "anju"
    cloned = run("git", "clone", "-q", REPO, path)
    assert cloned.returncode == 0, cloned.stderr
    assert not (path / ".venv").exists()
    return path


@pytest.fixture(scope="module")
def deb(clone: Path) -> Iterator[Path]:
    if shutil.which("dpkg") is None or os.geteuid() != 0:
        pytest.skip("needs dpkg and root (it installs the package)")
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    build = run(clone / "installer" / "build", "deb", env=env, cwd=clone, timeout=BUILD_TIMEOUT_S)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    arch = run("dpkg", "--print-architecture").stdout.strip()
    path = clone / "dist" / f"{L.BUNDLE_NAME}_{L.project_version()}_{arch}.deb"
    assert path.is_file()
    yield path
    if installed_version() is not None:
        run("dpkg", "-r", L.BUNDLE_NAME)


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    """A user with an empty home: nothing from the source checkout can leak in."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VIRTUAL_ENV", "ANJU_DB", "ANJU_RESOURCES"}
    }
    env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    (tmp_path / "home").mkdir()
    return env


def start_to_login(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(L.DEB_LAUNCHER, env={**env, "ANJU_SMOKE_EXIT_AT": "login"}, cwd=cwd)


def test_installed_package_starts_checks_upgrades_and_uninstalls_keeping_data(
    deb: Path, user_env: dict[str, str], tmp_path: Path
) -> None:
    version = L.project_version()
    home = Path(user_env["HOME"])
    database = Path(user_env["XDG_DATA_HOME"]) / "anju" / "anju.db"

    install = run("dpkg", "-i", deb)
    assert install.returncode == 0, install.stdout + install.stderr
    assert installed_version() == version

    # The program the package carries says the package's version.
    assert run(L.DEB_LAUNCHER, "--version", env=user_env).stdout.strip() == f"anju {version}"
    # In the applications menu with its icon.
    for path in (L.DEB_DESKTOP_FILE, L.DEB_ICON_PNG, L.DEB_ICON_SVG):
        assert Path(path).is_file(), path

    # First start: builds the demo township in the user data directory, shows the login.
    first = start_to_login(user_env, home)
    assert first.returncode == 0, first.stdout + first.stderr[-3000:]
    assert SMOKE_LINE in first.stdout.splitlines()
    assert database.is_file()

    # On a real X server too, when there is one to start: the xcb plugin and the
    # X libraries it needs are what a desktop user gets.
    xvfb = shutil.which("xvfb-run")
    if xvfb:
        x_env = {k: v for k, v in user_env.items() if k != "QT_QPA_PLATFORM"}
        on_x = run(xvfb, "-a", L.DEB_LAUNCHER, env={**x_env, "ANJU_SMOKE_EXIT_AT": "login"})
        assert SMOKE_LINE in on_x.stdout.splitlines(), on_x.stderr[-3000:]

    check = run(L.DEB_LAUNCHER, "check", env=user_env, cwd=home)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "全部通过" in check.stdout

    # Upgrade to a newer package: the data stays and still opens.
    newer = f"{version}+upgradecheck1"
    repack = run(
        sys.executable,
        REPO / "installer" / "package_deb.py",
        "--bundle",
        deb.parent / L.BUNDLE_NAME,
        "--out",
        tmp_path / "newer",
        "--work",
        tmp_path / "work",
        "--version",
        newer,
        timeout=BUILD_TIMEOUT_S,
    )
    assert repack.returncode == 0, repack.stderr
    upgrade = run("dpkg", "-i", repack.stdout.strip())
    assert upgrade.returncode == 0, upgrade.stdout + upgrade.stderr
    assert installed_version() == newer
    again = start_to_login(user_env, home)
    assert SMOKE_LINE in again.stdout.splitlines(), again.stderr[-3000:]
    assert run(L.DEB_LAUNCHER, "check", env=user_env, cwd=home).returncode == 0

    # Removing the package removes the program and keeps the user's data.
    remove = run("dpkg", "-r", L.BUNDLE_NAME)
    assert remove.returncode == 0, remove.stdout + remove.stderr
    assert installed_version() is None
    assert not Path(L.DEB_PREFIX).exists()
    assert not Path(L.DEB_LAUNCHER).exists()
    assert database.is_file() and database.stat().st_size > 0
