"""The attacks: workbooks made to hang or bloat the import.

Each is refused (or read) in a subprocess with a time limit, so that a
regression fails the test instead of hanging the suite; nothing is imported.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook

from desktop.reports import ledger_import

READ = (
    "import sys, json; from pathlib import Path\n"
    "from desktop.domain.errors import ValidationError\n"
    "from desktop.reports.ledger_import import read_ledger\n"
    "try:\n"
    "    parsed = read_ledger(Path(sys.argv[1]))\n"
    "    print(json.dumps({'rows': parsed.row_count}))\n"
    "except ValidationError as exc:\n"
    "    print(json.dumps({'code': exc.code}))\n"
)


def _read(path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", READ, str(path)],
        capture_output=True,
        text=True,
        timeout=120,  # the old import ran past 150 s on the first of these
        check=True,
    )
    return result.stdout.strip()


def _ledger(path: Path, rows: int) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("人口")
    ws.append(["户编号", "姓名", "身份证号码", "与户主关系"])
    for i in range(rows):
        ws.append([f"S01-{i:05d}", "测试", "", "户主"])
    wb.save(path)


def test_a_sheet_claiming_the_whole_grid_reads_only_its_cells(tmp_path: Path) -> None:
    small = tmp_path / "small.xlsx"
    _ledger(small, 2)
    claimed = tmp_path / "claims-everything.xlsx"
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(claimed, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                if "<dimension" in text:
                    start = text.index("<dimension")
                    end = text.index("/>", start) + 2
                    text = text[:start] + '<dimension ref="A1:XFD1048576"/>' + text[end:]
                else:
                    text = text.replace(
                        "<sheetViews", '<dimension ref="A1:XFD1048576"/><sheetViews'
                    )
                data = text.encode()
            dst.writestr(item, data)
    assert claimed.stat().st_size < 10_000
    assert _read(claimed) == '{"rows": 2}'


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    small = tmp_path / "small.xlsx"
    _ledger(small, 1)
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        with dst.open("xl/padding.xml", "w") as fh:  # 260 MB of blanks, a few hundred KB packed
            chunk = b" " * (1 << 20)
            for _ in range(260):
                fh.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    assert _read(bomb) == '{"code": "ledger_zip_bomb"}'


def test_too_many_rows_are_refused_with_a_message(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    _ledger(big, ledger_import.MAX_ROWS + 1)
    assert _read(big) == '{"code": "ledger_too_many_rows"}'
