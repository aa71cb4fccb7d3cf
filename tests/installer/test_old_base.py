"""The .deb for UOS and Kylin: built on an older Debian, it needs no newer glibc.

Slow (a Debian system made with debootstrap, Python built there, the bundle
built there; then a second, plain system to install it on) and it needs root,
so it runs only when asked, with the pre-release check:

    ANJU_BUILD_TEST=1 .venv/bin/pytest -q -m slow_build tests/installer

``ANJU_OLD_BASE`` picks the release: ``bullseye`` (Debian 11, glibc 2.31, as
Kylin V10 SP1; the default, since its packages are on Debian's main mirror) or
``buster`` (Debian 10, glibc 2.28, as UOS 20; only on archive.debian.org, which
CI reaches: .github/workflows/installers.yml).

The test builds with ``installer/build deb --base SUITE``, reads with
``objdump -T`` the newest glibc symbol version any file of the built bundle
requires and fails above the release's glibc, then installs the package on a
plain system of that release and uses it (installer/linux-base/try-package).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 3 * 3600
GLIBC = {"buster": (2, 28), "bullseye": (2, 31)}
SUITE = os.environ.get("ANJU_OLD_BASE", "bullseye")

pytestmark = [
    pytest.mark.slow_build,
    pytest.mark.skipif(
        os.environ.get("ANJU_BUILD_TEST") != "1",
        reason="builds in an older Debian: set ANJU_BUILD_TEST=1 (see installer/README.md)",
    ),
]

sys.path.insert(0, str(REPO / "installer"))
import bundle_layout as L  # noqa: E402
import glibc_check  # noqa: E402


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=REPO, timeout=BUILD_TIMEOUT_S
    )


@pytest.fixture(scope="module")
def built() -> Path:
    if SUITE not in GLIBC:
        pytest.fail(f"ANJU_OLD_BASE={SUITE}: bullseye or buster")
    if os.geteuid() != 0 or shutil.which("debootstrap") is None:
        pytest.skip("needs root and debootstrap")
    build = run(REPO / "installer" / "build", "deb", "--base", SUITE)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return REPO / "dist" / SUITE


def test_bundle_built_on_the_older_base_needs_no_newer_glibc(built: Path) -> None:
    bundle = built / L.BUNDLE_NAME
    files = glibc_check.elf_files(bundle)
    assert len(files) > 50, "Python, its extensions, Qt and its plugins"
    requirements = glibc_check.glibc_requirements(files)
    too_new = glibc_check.over(requirements, GLIBC[SUITE])
    assert not too_new, {str(p.relative_to(bundle)): v for p, v in too_new.items()}
    # What the package asks of the system says the same.
    deb = next(built.glob(f"{L.BUNDLE_NAME}_{L.project_version()}_*.deb"))
    depends = run("dpkg-deb", "-f", deb, "Depends").stdout
    needed = glibc_check.show(max(requirements.values()))
    assert depends.startswith(f"libc6 (>= {needed}), ")


def test_package_installs_and_works_on_a_plain_system_of_that_release(built: Path) -> None:
    deb = next(built.glob(f"{L.BUNDLE_NAME}_{L.project_version()}_*.deb"))
    tried = run(REPO / "installer" / "linux-base" / "chroot-try", SUITE, deb)
    assert tried.returncode == 0, tried.stdout[-3000:] + tried.stderr[-3000:]
    lines = tried.stdout.splitlines()
    glibc = glibc_check.show(GLIBC[SUITE])
    assert any(line.startswith("ok installed:") and f"glibc {glibc}" in line for line in lines)
    for check in (
        f"ok --version: anju {L.project_version()}",
        "ok first start: login window shown",
        "ok check: all passed on the demo township",
        "ok check without the system time-zone database",
        "ok removed; the database is kept",
    ):
        assert check in lines, tried.stdout
