"""Turn the one-folder bundle into a Debian package (UOS, Kylin, Debian, Ubuntu).

``installer/build deb`` runs PyInstaller and then this script:

    python installer/package_deb.py --bundle dist/anju --out dist

Layout: the bundle under ``/opt/anju``, ``/usr/bin/anju`` a symbolic link to it,
the menu entry and icons in the usual freedesktop places.  There are no
maintainer scripts: dpkg's triggers refresh the menu and icon caches, and the
user's data lives in the home folder, which a package never touches, so removing
or upgrading the package keeps it (the app upgrades the database at its next
start, after a backup).

Depends lists only what the bundle deliberately leaves to the system (glibc,
the X connection library and the OpenGL/EGL drivers, fontconfig's
configuration, and CUPS for printing); everything else is in the bundle, so
``dpkg -i`` works offline on any desktop installation.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_layout as L
from glibc_check import elf_files, glibc_needed, show

HERE = Path(__file__).resolve().parent
CONTROL_TEMPLATE = HERE / "debian" / "control.in"
DESKTOP_FILE = HERE / "debian" / "anju.desktop"
COPYRIGHT_FILE = HERE / "debian" / "copyright"

# Left to the system on purpose (PyInstaller's own rule: they must match the
# machine's graphics stack), present on every desktop installation.
# Then the ones the bundle leaves out on purpose (bundle_layout.SYSTEM_LIBRARIES).
SYSTEM_DEPENDS = (
    "libxcb1",
    "libgl1",
    "libegl1",
    "fontconfig-config",
    *sorted(set(L.SYSTEM_LIBRARIES.values())),
)
# Sonames those packages (and glibc) provide: a bundled library may need them.
SYSTEM_SONAMES = re.compile(
    r"^(ld-linux.*|libc|libm|libdl|libpthread|librt|libutil|libresolv|libcrypt|libanl"
    r"|libxcb|libGL|libEGL|libGLX|libOpenGL|libGLdispatch|libdrm)\.so(\.\d+)*$"
)


def left_to_system(soname: str) -> bool:
    return SYSTEM_SONAMES.match(soname) is not None or soname in L.SYSTEM_LIBRARIES


def render_control(
    template: str, *, version: str, arch: str, installed_size_kib: int, depends: str
) -> str:
    out = (
        template.replace("@VERSION@", version)
        .replace("@ARCH@", arch)
        .replace("@INSTALLED_SIZE@", str(installed_size_kib))
        .replace("@DEPENDS@", depends)
    )
    leftover = re.findall(r"@[A-Z_]+@", out)
    if leftover:
        raise ValueError(f"unfilled fields in control template: {leftover}")
    return out


def needed_sonames(path: Path) -> list[str]:
    result = subprocess.run(
        ["readelf", "-d", str(path)], capture_output=True, text=True, check=False
    )
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", result.stdout)


def unbundled_libraries(bundle: Path, files: list[Path]) -> dict[str, list[str]]:
    """Libraries a bundled binary links to that are neither bundled nor left to the system."""
    present = {p.name for p in bundle.rglob("*.so*")}
    missing: dict[str, list[str]] = {}
    for path in files:
        for soname in needed_sonames(path):
            if soname in present or left_to_system(soname):
                continue
            missing.setdefault(soname, []).append(str(path.relative_to(bundle)))
    return missing


def depends_line(glibc: tuple[int, ...]) -> str:
    return ", ".join([f"libc6 (>= {show(glibc)})", *SYSTEM_DEPENDS])


def dpkg_arch() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def tree_size_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink():
            total += 1
        elif path.is_file():
            total += (path.stat().st_size + 1023) // 1024
    return total


def stage(bundle: Path, root: Path) -> None:
    """Lay the package tree out under ``root`` with the modes dpkg expects."""
    if root.exists():
        shutil.rmtree(root)
    prefix = root / L.DEB_PREFIX.lstrip("/")
    shutil.copytree(bundle, prefix, symlinks=True)
    launcher = root / L.DEB_LAUNCHER.lstrip("/")
    launcher.parent.mkdir(parents=True)
    launcher.symlink_to(Path(L.DEB_PREFIX) / L.GUI_EXE_LINUX)
    for src, dest in (
        (DESKTOP_FILE, L.DEB_DESKTOP_FILE),
        (L.ICON_PNG, L.DEB_ICON_PNG),
        (L.ICON_SVG, L.DEB_ICON_SVG),
        (COPYRIGHT_FILE, f"{L.DEB_DOC_DIR}/copyright"),
    ):
        target = root / dest.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            os.chmod(Path(dirpath) / name, 0o755)
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_symlink():
                continue
            executable = path.stat().st_mode & 0o111 or path.suffix == ".so" or ".so." in name
            os.chmod(path, 0o755 if executable else 0o644)


def build(bundle: Path, out: Path, work: Path, version: str | None = None) -> Path:
    """The .deb of ``bundle``; ``version`` overrides pyproject's only to test upgrades."""
    version = version or L.project_version()
    exe = bundle / L.GUI_EXE_LINUX
    if not exe.is_file():
        raise SystemExit(f"no bundle at {bundle} (run PyInstaller first)")
    for rel in L.REQUIRED_DATA:
        if not (bundle / L.INTERNAL / rel).is_file():
            raise SystemExit(f"the bundle lacks {L.INTERNAL}/{rel}")
    files = elf_files(bundle)
    missing = unbundled_libraries(bundle, files)
    if missing:
        lines = "\n".join(f"  {name} (for {users[0]})" for name, users in sorted(missing.items()))
        raise SystemExit(
            "the bundle links to libraries it does not carry; install them on the build "
            f"machine (scripts/setup does) and build again:\n{lines}"
        )
    arch = dpkg_arch()
    root = work / f"{L.BUNDLE_NAME}_{version}_{arch}"
    stage(bundle, root)
    control = render_control(
        CONTROL_TEMPLATE.read_text(encoding="utf-8"),
        version=version,
        arch=arch,
        installed_size_kib=tree_size_kib(root),
        depends=depends_line(glibc_needed(files)),
    )
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(control, encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{L.BUNDLE_NAME}_{version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=L.REPO / "dist" / L.BUNDLE_NAME)
    parser.add_argument("--out", type=Path, default=L.REPO / "dist")
    parser.add_argument("--work", type=Path, default=L.REPO / "build" / "deb")
    parser.add_argument(
        "--version", help="package version other than pyproject's (upgrade tests only)"
    )
    args = parser.parse_args(argv)
    deb = build(args.bundle, args.out, args.work, args.version)
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
