"""What is different on Windows, checked on Linux with the Windows behaviour forced.

The Windows setup is built and tried by CI on a Windows runner
(.github/workflows/installers.yml); these run in the normal suite on every
machine:

- time zones: Windows has no zoneinfo database, so the deadlines' Asia/Shanghai
  comes from the tzdata package (forced here with an empty PYTHONTZPATH);
- the data folder: %LOCALAPPDATA%\\anju through platformdirs' Windows rules,
  never the roaming %APPDATA%;
- console output: a pipe or file gets the ANSI code page (forced with
  PYTHONIOENCODING=cp1252, or GBK), and the Chinese output must still come out;
- file locking: a ledger still open in WPS or Excel cannot be replaced (the
  rename fails with a permission error), and the user is told to close it;
- line endings and encodings: text mode on Windows writes CR LF and reads in
  the ANSI code page, so every file the program reads or writes is opened in
  binary mode or with an explicit encoding (and newline when written).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath

import platformdirs.windows
import pytest
from openpyxl import load_workbook

from desktop import paths
from desktop.cli import main

REPO = Path(__file__).resolve().parents[2]
RUN_TIMEOUT_S = 300


def anju(
    *args: str | Path, env: dict[str, str] | None = None, prelude: str = ""
) -> subprocess.CompletedProcess[bytes]:
    """The ``anju`` command in a fresh interpreter (bytes out: the test decodes)."""
    code = f"{prelude}\nimport sys\nfrom desktop.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        cwd=REPO,
        timeout=RUN_TIMEOUT_S,
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "anju.db"
    made = anju("--db", path, "demo", "--households", "3")
    assert made.returncode == 0, made.stderr.decode()
    return path


# ---------------------------------------------------------------- time zones


def test_program_works_without_a_system_time_zone_database(demo_db: Path) -> None:
    """An empty PYTHONTZPATH leaves zoneinfo only the tzdata package, as on Windows."""
    probe = anju(
        "--db",
        demo_db,
        "check",
        env={"PYTHONTZPATH": ""},
        prelude=(
            "import zoneinfo\n"
            "assert zoneinfo.TZPATH == (), zoneinfo.TZPATH\n"
            "from datetime import datetime\n"
            "from desktop.domain.sla import CHINA_TZ\n"
            "print('offset', datetime(2026, 1, 1, tzinfo=CHINA_TZ).utcoffset())"
        ),
    )
    out = probe.stdout.decode("utf-8")
    assert probe.returncode == 0, out + probe.stderr.decode()
    assert "offset 8:00:00" in out.splitlines()
    assert "全部通过" in out


def test_without_tzdata_the_program_would_not_start_on_windows() -> None:
    """The same start with the tzdata package hidden fails: the forcing above is real."""
    probe = anju(
        "--version",
        env={"PYTHONTZPATH": ""},
        prelude="import sys\nsys.modules['tzdata'] = None\nimport desktop.domain.sla",
    )
    assert probe.returncode != 0
    assert "ZoneInfoNotFoundError" in probe.stderr.decode()


# ---------------------------------------------------------------- the data folder


@pytest.fixture
def windows_dirs(monkeypatch: pytest.MonkeyPatch) -> Iterator[PureWindowsPath]:
    """platformdirs' Windows rules, reading the known folders as Windows sets them."""
    local = PureWindowsPath(r"C:\Users\网格员\AppData\Local")
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.setenv("APPDATA", r"C:\Users\网格员\AppData\Roaming")
    monkeypatch.setattr(
        platformdirs.windows,
        "_RESOLVE_WIN_FOLDER",
        platformdirs.windows.get_win_folder_from_env_vars,
    )
    monkeypatch.setattr(paths, "PLATFORM_DIRS", platformdirs.windows.Windows)
    monkeypatch.delenv("ANJU_DB", raising=False)
    yield local


def test_database_is_in_local_app_data_on_windows(windows_dirs: PureWindowsPath) -> None:
    db = PureWindowsPath(str(paths.resolve_db_path(None)))
    assert db == windows_dirs / "anju" / "anju.db"
    assert "Roaming" not in db.parts, "a roaming profile would copy the database at every log-off"


def test_db_option_and_environment_still_win_on_windows(
    windows_dirs: PureWindowsPath, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANJU_DB", r"D:\台账\anju.db")
    assert PureWindowsPath(str(paths.resolve_db_path(None))) == PureWindowsPath(r"D:\台账\anju.db")
    assert str(paths.resolve_db_path(r"E:\u盘\anju.db")) == r"E:\u盘\anju.db"


# ---------------------------------------------------------------- console output


@pytest.mark.parametrize("code_page", ["cp1252", "gbk"])
def test_chinese_output_survives_a_windows_pipe(demo_db: Path, code_page: str) -> None:
    """``anju-cli check > report.txt`` on an English (cp1252) or Chinese (GBK) Windows."""
    check = anju("--db", demo_db, "check", env={"PYTHONIOENCODING": code_page})
    assert check.returncode == 0, check.stderr.decode(errors="replace")
    text = check.stdout.decode("utf-8")
    assert "✓" in text and "全部通过" in text

    helped = anju("--help", env={"PYTHONIOENCODING": code_page})
    assert helped.returncode == 0, helped.stderr.decode(errors="replace")
    assert "子命令" in helped.stdout.decode("utf-8")

    refused = anju(
        "--db", demo_db.parent / "无此文件.db", "info", env={"PYTHONIOENCODING": code_page}
    )
    assert refused.returncode == 1
    assert "找不到数据库文件" in refused.stderr.decode("utf-8")


def test_a_stream_that_carries_chinese_is_left_alone(demo_db: Path) -> None:
    check = anju("--db", demo_db, "check", env={"PYTHONIOENCODING": "utf-16"})
    assert check.returncode == 0
    assert "全部通过" in check.stdout.decode("utf-16")


# ---------------------------------------------------------------- file locking


def test_ledger_open_in_another_program_is_named_and_left_whole(
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Windows refuses to replace a file WPS or Excel holds open: the rename raises
    PermissionError (WinError 32).  Forced here on the rename itself."""
    from desktop.demo.accounts import DEMO_ACCOUNTS

    monkeypatch.setenv("ANJU_USER", DEMO_ACCOUNTS[0].username)
    monkeypatch.setenv("ANJU_PASSWORD", DEMO_ACCOUNTS[0].password)
    ledger = tmp_path / "住户台账.xlsx"
    assert main(["--db", str(demo_db), "export", "--kind", "households", "--out", str(ledger)]) == 0
    before = ledger.read_bytes()
    capsys.readouterr()

    def held_open(src: object, dst: object) -> None:
        raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(dst))

    monkeypatch.setattr("desktop.reports.files.os.replace", held_open)
    assert main(["--db", str(demo_db), "export", "--kind", "households", "--out", str(ledger)]) == 1
    err = capsys.readouterr().err
    assert "正被其他程序打开" in err and "请先关闭该文件" in err and str(ledger) in err
    # The old ledger is whole and still opens; the finished copy did not linger.
    assert ledger.read_bytes() == before
    assert load_workbook(ledger, read_only=True).sheetnames
    assert sorted(p.name for p in tmp_path.iterdir()) == [ledger.name]


# ---------------------------------------------------------------- line endings and encodings

TEXT_READERS = {"read_text"}
TEXT_WRITERS = {"write_text"}


def _mode(call: ast.Call, position: int) -> str | None:
    for kw in call.keywords:
        if kw.arg == "mode" and isinstance(kw.value, ast.Constant):
            return str(kw.value.value)
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        return str(call.args[position].value)
    return None if call.keywords or len(call.args) > position else "r"


def text_mode_files_without_explicit_encoding() -> list[str]:
    """Every open()/Path.open()/read_text()/write_text() in desktop/ and server/ that
    would use the ANSI code page or CR LF on Windows."""
    found = []
    for path in sorted([*(REPO / "desktop").rglob("*.py"), *(REPO / "server").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            keywords = {kw.arg for kw in node.keywords}
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if name in TEXT_READERS | TEXT_WRITERS:
                if "encoding" not in keywords:
                    found.append(f"{where} {name}() without encoding")
                if name in TEXT_WRITERS and "newline" not in keywords:
                    found.append(f"{where} {name}() without newline")
            elif name == "open" and (node.args or node.keywords):
                # builtins.open(path, mode) or Path.open(mode) (a dialog's open() has no
                # arguments; os.open and Image.open take no mode string).
                mode = _mode(node, 1 if isinstance(func, ast.Name) else 0)
                if mode is None or "b" in mode:
                    continue
                if "encoding" not in keywords:
                    found.append(f"{where} open({mode!r}) without encoding")
                if set(mode) & set("wax+") and "newline" not in keywords:
                    found.append(f"{where} open({mode!r}) without newline")
    return found


def test_every_file_is_opened_binary_or_with_explicit_encoding_and_newline() -> None:
    assert text_mode_files_without_explicit_encoding() == []


def test_the_encoding_check_finds_what_it_looks_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "desktop" / "bad.py"
    fake.parent.mkdir()
    fake.write_text(
        "from pathlib import Path\n"
        "open('a.txt', 'w').write('x')\n"
        "Path('b').read_text()\n"
        "Path('c').write_text('x', encoding='utf-8')\n"
        "with open('d', 'rb') as fh: pass\n"
        "dialog.open()\n",
        encoding="utf-8",
    )
    (tmp_path / "server").mkdir()
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    found = sorted(line.split(" ", 1)[1] for line in text_mode_files_without_explicit_encoding())
    assert found == [
        "open('w') without encoding",
        "open('w') without newline",
        "read_text() without encoding",
        "write_text() without newline",
    ]
