"""What the installers are built from is all there and agrees with itself.

Fast checks in the normal suite: the files the PyInstaller spec and the Inno
Setup script name exist, the Windows script names only programs the spec makes,
the menu entry is valid, the package version comes from pyproject.toml, and no
module of the app imports a Qt module the bundle leaves out.  Building and
installing the .deb is tests/installer/test_build_deb.py (slow, opt-in).
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
INSTALLER = REPO / "installer"
ISS = INSTALLER / "windows" / "anju.iss"
SPEC = INSTALLER / "anju.spec"
DESKTOP = INSTALLER / "debian" / "anju.desktop"
CONTROL = INSTALLER / "debian" / "control.in"


def load(name: str) -> ModuleType:
    """Import a module from installer/ (a folder of scripts, not a package)."""
    if str(INSTALLER) not in sys.path:
        sys.path.insert(0, str(INSTALLER))
    spec = importlib.util.spec_from_file_location(name, INSTALLER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


L = load("bundle_layout")
glibc_check = load("glibc_check")
package_deb = load("package_deb")


def pyproject_version() -> str:
    with (REPO / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


# ---------------------------------------------------------------- the spec


def test_every_file_the_spec_names_exists() -> None:
    for path in (L.ENTRY_SCRIPT, L.ICON_ICO, L.ICON_PNG, L.ICON_SVG):
        assert path.is_file(), path
    for src, dest in L.DATA_DIRS:
        assert (REPO / src).is_dir(), src
        assert src == dest, "desktop/resources.py looks for the folders under their own names"
    # What the app opens by path at run time is in the source folders the spec copies.
    for rel in L.REQUIRED_DATA:
        assert (REPO / rel).is_file(), rel
    assert L.migration_scripts()[0].name == "env.py"
    assert len(L.migration_scripts()) >= 2, "env.py and at least one revision"
    text = SPEC.read_text(encoding="utf-8")
    assert "import bundle_layout as L" in text
    assert "L.ENTRY_SCRIPT" in text and "L.DATA_DIRS" in text


def test_entry_script_runs_the_anju_command() -> None:
    text = L.ENTRY_SCRIPT.read_text(encoding="utf-8")
    assert "from desktop.cli import main" in text


def qt_modules_imported_by_the_app() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r"PySide6\.(Qt\w+)", text))
        for names in re.findall(r"from PySide6 import \(?([\w\s,]+)\)?", text):
            found.update(n.strip() for n in names.split(",") if n.strip().startswith("Qt"))
    return found


def test_no_app_module_imports_a_qt_module_the_bundle_leaves_out() -> None:
    used = qt_modules_imported_by_the_app()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    left_out = used & set(L.EXCLUDED_QT_MODULES)
    assert not left_out, (
        f"desktop/ imports {sorted(left_out)}, which installer/bundle_layout.py "
        "EXCLUDED_QT_MODULES leaves out of the bundle: take it off that list"
    )


def test_qt_translations_kept_are_chinese_and_english() -> None:
    assert L.KEPT_QT_TRANSLATIONS == ("_zh_CN.qm", "_en.qm")


# ---------------------------------------------------------------- Windows


def iss_text() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, or Inno Setup misreads 安居"
    return raw.decode("utf-8-sig")


def iss_defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, flags=re.M))


def expand(value: str, defines: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], value)


def iss_paths(text: str) -> tuple[list[str], list[str]]:
    """(paths on the build machine, paths under {app} on the user's machine)."""
    defines = {**iss_defines(text), "AppVersion": L.project_version()}
    build: list[str] = []
    installed: list[str] = []
    for key in ("SetupIconFile", "LicenseFile", "InfoBeforeFile", "InfoAfterFile"):
        for value in re.findall(rf"^{key}=(.+)$", text, flags=re.M):
            build.append(expand(value.strip(), defines))
    build += [expand(v, defines) for v in re.findall(r'\bSource:\s*"([^"]+)"', text)]
    for value in re.findall(r'\b(?:Filename|UninstallDisplayIcon)[:=]\s*"?([^";\n]+)', text):
        value = expand(value.strip(), defines)
        if value.startswith("{app}\\"):
            installed.append(value.removeprefix("{app}\\"))
    return build, installed


def test_every_file_the_windows_script_names_exists_or_is_made_by_the_spec() -> None:
    text = iss_text()
    build, installed = iss_paths(text)
    assert build and installed
    bundle = (ISS.parent / iss_defines(text)["BundleDir"].replace("\\", "/")).resolve()
    assert bundle == REPO / "dist" / L.BUNDLE_NAME
    for name in build:
        path = (ISS.parent / name.replace("\\", "/")).resolve()
        if path.is_relative_to(bundle):
            rel = path.relative_to(bundle).as_posix()
            # Made by the spec on Windows: the two programs and the _internal folder.
            assert rel in L.executables("win32") or rel == f"{L.INTERNAL}/*", rel
        else:
            assert path.is_file(), f"{ISS.name} names {name}, which does not exist"
    for name in installed:
        assert name in L.executables("win32"), f"{{app}}\\{name} is not made by the spec"


def test_windows_install_is_per_user_and_keeps_data_out_of_the_program_folder() -> None:
    text = iss_text()
    assert re.search(r"^PrivilegesRequired=lowest$", text, flags=re.M)
    # {autopf} is %LOCALAPPDATA%\Programs for a per-user install.
    assert re.search(r"^DefaultDirName=\{autopf\}\\", text, flags=re.M)
    assert "{autoprograms}" in text, "a Start-menu entry"
    assert "localappdata}\\anju" not in text.lower(), "setup never touches the user's data"
    # An upgrade finds the installed copy by its AppId.
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", text, flags=re.M)


def test_windows_version_comes_from_pyproject_through_the_build_script() -> None:
    text = iss_text()
    assert "#ifndef AppVersion" in text and "#error" in text
    assert not re.search(r"^#define\s+AppVersion\b", text, flags=re.M), "no written version"
    build = (INSTALLER / "build").read_text(encoding="utf-8")
    assert '"//DAppVersion=$version"' in build
    assert "L.project_version()" in build
    assert L.project_version() == pyproject_version()


def test_build_script_is_executable_bash() -> None:
    build = INSTALLER / "build"
    assert build.stat().st_mode & stat.S_IXUSR
    assert build.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash")


def test_windows_icon_holds_every_size_up_to_256() -> None:
    data = L.ICON_ICO.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = {struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


# ---------------------------------------------------------------- Debian


def test_desktop_entry_is_valid_with_chinese_name() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name[zh_CN]"] == "安居"
    assert re.search(r"[\u4e00-\u9fff]", entry["Comment[zh_CN]"])
    assert entry["Exec"].split()[0] == Path(L.DEB_LAUNCHER).name
    assert entry["Icon"] == Path(L.DEB_ICON_PNG).stem == L.ICON_PNG.stem
    assert entry["Terminal"] == "false"


def test_control_version_comes_from_pyproject() -> None:
    template = CONTROL.read_text(encoding="utf-8")
    assert re.search(r"^Version: @VERSION@$", template, flags=re.M), "no written version"
    control = package_deb.render_control(
        template,
        version=L.project_version(),
        arch="amd64",
        installed_size_kib=1234,
        depends=package_deb.depends_line((2, 28)),
    )
    fields = dict(re.findall(r"^([\w-]+): (.*)$", control, flags=re.M))
    assert fields["Version"] == pyproject_version()
    assert fields["Package"] == L.BUNDLE_NAME
    assert fields["Depends"].startswith("libc6 (>= 2.28), ")
    # What the bundle leaves to the system on purpose is asked for by the package.
    for package in L.SYSTEM_LIBRARIES.values():
        assert package in fields["Depends"].split(", ")
    assert fields["Installed-Size"] == "1234"


def test_control_template_with_a_field_left_unfilled_is_refused() -> None:
    with pytest.raises(ValueError, match="@EXTRA@"):
        package_deb.render_control(
            "Version: @VERSION@\nX: @EXTRA@\n",
            version="1",
            arch="amd64",
            installed_size_kib=1,
            depends="libc6",
        )


# ---------------------------------------------------------------- glibc


def host_glibc() -> tuple[int, ...]:
    return glibc_check.parse_version(os.confstr("CS_GNU_LIBC_VERSION").split()[-1])


def compile_c(source: str, out: Path, *flags: str) -> Path:
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None or shutil.which("objdump") is None:
        pytest.skip("needs a C compiler and objdump (build-essential, binutils)")
    src = out.with_suffix(".c")
    src.write_text(source, encoding="utf-8")
    subprocess.run([gcc, "-O0", *flags, "-o", str(out), str(src)], check=True)
    src.unlink()
    return out


# A library that asks for memcpy as glibc 2.14 made it (x86-64's current one)
# and puts as 2.2.5, the first versioned symbols: it runs on any glibc >= 2.14.
OLD_LIBRARY = """
#include <stdio.h>
#include <string.h>
void copy(char *d, const char *s, size_t n) { memcpy(d, s, n); puts(d); }
"""
# Any program linked on glibc 2.34 or newer asks for __libc_start_main@GLIBC_2.34.
PROGRAM = "int main(void) { return 0; }\n"


@pytest.fixture
def small_bundle(tmp_path: Path) -> Path:
    """A bundle-shaped folder: a program, a library, a link and a data file."""
    if sys.platform != "linux" or struct.calcsize("P") != 8:
        pytest.skip("the fixture is an x86-64/aarch64 Linux ELF")
    bundle = tmp_path / "anju"
    internal = bundle / L.INTERNAL
    internal.mkdir(parents=True)
    compile_c(OLD_LIBRARY, internal / "libold.so.1", "-shared", "-fPIC")
    (internal / "libold.so").symlink_to("libold.so.1")
    compile_c(PROGRAM, bundle / "anju")
    (internal / "base_library.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    return bundle


def test_glibc_a_library_requires_is_read_from_its_undefined_symbols(small_bundle: Path) -> None:
    library = small_bundle / L.INTERNAL / "libold.so.1"
    # memcpy@GLIBC_2.14 on x86-64; aarch64 starts at 2.17 for everything.
    assert glibc_check.glibc_required_by(library) in {(2, 14), (2, 17)}
    # The link and the data file are not read; each ELF file once.
    assert glibc_check.elf_files(small_bundle) == [library, small_bundle / "anju"]


def test_bundle_built_here_is_refused_for_an_older_glibc(
    small_bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if host_glibc() < (2, 34):
        pytest.skip("the program fixture needs glibc 2.34 only when linked on 2.34 or newer")
    files = glibc_check.elf_files(small_bundle)
    assert package_deb.glibc_needed(files) == (2, 34)
    assert package_deb.depends_line((2, 34)).startswith("libc6 (>= 2.34), ")

    assert glibc_check.main([str(small_bundle), "--max", "2.28"]) == 1
    out, err = capsys.readouterr()
    assert "needs glibc 2.34" in out
    assert "1 files need a glibc newer than 2.28" in err
    assert f"2.34  {small_bundle / 'anju'}" in err
    assert "libold" not in err, "the library is fine on 2.28"

    assert glibc_check.main([str(small_bundle), "--max", "2.34"]) == 0
    assert glibc_check.main([str(small_bundle / L.INTERNAL), "--max", "2.28"]) == 0


def test_glibc_versions_are_read_in_both_objdump_formats() -> None:
    new = "0000000000000000      DF *UND*\t0000000000000000 (GLIBC_2.34) __libc_start_main\n"
    old = "0000000000000000      DF *UND*\t0000000000000000  GLIBC_2.2.5 puts\n"
    defined = "00000000000870d0 g    DF .text\t0000000000000078  GLIBC_2.35  pthread_x\n"
    private = "0000000000000000      DF *UND*\t0000000000000000 (GLIBC_PRIVATE) _dl_x\n"
    found = glibc_check.UNDEFINED_GLIBC.findall(new + old + defined + private)
    assert [glibc_check.parse_version(v) for v in found] == [(2, 34), (2, 2, 5)]


def test_package_tree_layout(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / L.INTERNAL / "resources").mkdir(parents=True)
    (bundle / L.GUI_EXE_LINUX).write_bytes(b"#!/bin/sh\n")
    (bundle / L.GUI_EXE_LINUX).chmod(0o700)
    (bundle / L.INTERNAL / "resources" / "data.toml").write_text("x = 1\n")
    root = tmp_path / "root"
    package_deb.stage(bundle, root)

    launcher = root / L.DEB_LAUNCHER.lstrip("/")
    assert launcher.is_symlink()
    assert Path(launcher.readlink()) == Path(L.DEB_PREFIX) / L.GUI_EXE_LINUX
    program = root / L.DEB_PREFIX.lstrip("/") / L.GUI_EXE_LINUX
    assert stat.S_IMODE(program.stat().st_mode) == 0o755
    data = root / L.DEB_PREFIX.lstrip("/") / L.INTERNAL / "resources" / "data.toml"
    assert stat.S_IMODE(data.stat().st_mode) == 0o644
    for dest in (L.DEB_DESKTOP_FILE, L.DEB_ICON_PNG, L.DEB_ICON_SVG, f"{L.DEB_DOC_DIR}/copyright"):
        assert (root / dest.lstrip("/")).is_file(), dest
    # Nothing goes where users keep their data, so removing the package leaves it.
    assert {p.name for p in root.iterdir()} == {"opt", "usr"}


def test_icons_are_a_256px_png_and_a_valid_svg() -> None:
    png = L.ICON_PNG.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (256, 256)
    root = ET.fromstring(L.ICON_SVG.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 256 256"


# ---------------------------------------------------------------- CI workflow

WORKFLOW = REPO / ".github" / "workflows" / "installers.yml"


def test_ci_workflow_runs_scripts_that_exist_and_holds_the_uos_glibc() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    named = set(re.findall(r"\binstaller/[\w./-]+", text))
    assert {
        "installer/build",
        "installer/glibc_check.py",
        "installer/linux-base/provision",
    } <= named
    for rel in named:
        path = REPO / rel.rstrip(".")
        assert path.is_file(), f"{WORKFLOW.name} names {rel}, which does not exist"
        if path.suffix not in {".py", ".md"}:
            assert path.stat().st_mode & stat.S_IXUSR, f"{rel} is run directly: executable bit"
    # Built on Debian 10 and held to its glibc (UOS 20), twice: in the build and on the runner.
    assert "debian:buster" in text
    assert "ANJU_GLIBC_MAX=2.28" in text and "glibc_check.py dist/anju --max 2.28" in text
    # The Windows setup: built on Windows, installed silently as a normal user.
    assert "runs-on: windows-latest" in text and "installer/build windows" in text
    assert "/VERYSILENT" in text and "/CURRENTUSER" in text
    assert "actions/upload-artifact" in text


def test_linux_base_scripts_are_executable_bash() -> None:
    for name in ("chroot-build", "chroot-try", "provision", "try-package", "apt-sources"):
        path = INSTALLER / "linux-base" / name
        assert path.stat().st_mode & stat.S_IXUSR, name
        assert path.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash"), name
        syntax = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
        assert syntax.returncode == 0, f"{name}: {syntax.stderr}"
    pinned = dict(
        re.findall(
            r"^(\w+)=(\S+)$", (INSTALLER / "linux-base" / "python.env").read_text("utf-8"), re.M
        )
    )
    assert pinned["ANJU_PYTHON_VERSION"].startswith("3.11.")
    assert re.fullmatch(r"[0-9a-f]{64}", pinned["ANJU_PYTHON_SHA256"])
