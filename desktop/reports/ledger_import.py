"""Reading a ledger workbook: refuse what is not one, find its header, hand over the rows.

A township's old ledgers come in many templates, so the header is found, not
assumed: the row (among the first ones) with most recognised column titles,
where a title merged over two header rows is read from the upper row.  Cells
come back as openpyxl reads them (dates as datetimes, numbers as numbers,
text as text); turning them into records is the service's job.

Decisions, and why (hostile or broken workbooks):

- **Sizes are checked before opening.**  A workbook over :data:`MAX_FILE_BYTES`
  is refused, and so is one whose parts would unpack to more than
  :data:`MAX_UNPACKED_BYTES` or any part packed more than
  :data:`MAX_PACK_RATIO` to one (a 0.7 MB zip bomb once unpacked to 922 MB).
  The sizes are read from the zip's directory, which costs nothing; a part
  that lies about its size fails zipfile's own check when read.
- **Declared dimensions are ignored.**  A 4.9 KB sheet claiming
  ``A1:XFD1048576`` made openpyxl pad every row to 16 384 cells; each sheet's
  dimensions are reset so only the cells that exist are read.
- **Rows are capped** at :data:`MAX_ROWS` per workbook, with a message saying
  so, before any is imported: a county-sized township (50 000 persons) fits,
  and a 100 000-row sheet is refused in seconds instead of running for
  twenty minutes.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from desktop.domain.errors import ValidationError
from desktop.reports.files import atomic_output
from desktop.reports.ledger_columns import header_map, normalise_header
from desktop.reports.ledgers import guard_row

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ENCRYPTED_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
HEADER_SCAN_ROWS = 15
MIN_MATCHES = 2

Match = tuple[str, str]  # (scope, key), see ledger_columns.header_map


@dataclass(frozen=True, slots=True)
class SheetColumn:
    index: int  # 0-based column index
    header: str  # as printed
    match: Match | None  # what Anju recognised (the user may change it)


@dataclass(slots=True)
class LedgerSheet:
    name: str
    header_row: int  # 1-based
    columns: tuple[SheetColumn, ...]
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)  # (row number, values)


@dataclass(slots=True)
class ParsedLedger:
    path: str
    sheets: list[LedgerSheet]

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)


def check_workbook_file(path: Path) -> None:
    """Refuse, with a reason, a file that is missing, empty, encrypted, an old .xls or not Excel."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head == OLE_MAGIC:
                data = fh.read(1 << 20)
                if any(marker in data for marker in ENCRYPTED_MARKERS):
                    raise ValidationError("ledger_encrypted", field="file", path=str(path))
                raise ValidationError("ledger_old_xls", field="file", path=str(path))
    except FileNotFoundError:
        raise ValidationError("ledger_missing", field="file", path=str(path)) from None
    except IsADirectoryError:
        raise ValidationError("ledger_not_xlsx", field="file", path=str(path)) from None
    except PermissionError as exc:
        raise ValidationError(
            "ledger_unreadable", field="file", path=str(path), detail=exc.strerror or ""
        ) from None
    if not head:
        raise ValidationError("ledger_empty", field="file", path=str(path))
    if not zipfile.is_zipfile(path):
        raise ValidationError("ledger_not_xlsx", field="file", path=str(path))


MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 250 * 1024 * 1024
MAX_PACK_RATIO = 200
MAX_ROWS = 60_000


def check_workbook_limits(path: Path) -> None:
    """Refuse a workbook too big to open safely (see the module's docstring)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            "ledger_too_big", field="file", path=str(path), mb=MAX_FILE_BYTES // 2**20
        )
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except zipfile.BadZipFile:
        raise ValidationError("ledger_not_xlsx", field="file", path=str(path)) from None
    unpacked = sum(i.file_size for i in infos)
    bomb = any(
        i.file_size > 1_000_000 and i.file_size > MAX_PACK_RATIO * max(i.compress_size, 1)
        for i in infos
    )
    if unpacked > MAX_UNPACKED_BYTES or bomb:
        raise ValidationError("ledger_zip_bomb", field="file", path=str(path))


def open_workbook(path: Path) -> Any:
    """A workbook checked and opened read-only, values only, its dimensions ignored."""
    check_workbook_file(path)
    check_workbook_limits(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            "ledger_not_xlsx", field="file", path=str(path), detail=type(exc).__name__
        ) from None
    for ws in wb.worksheets:
        reset = getattr(ws, "reset_dimensions", None)
        if reset is not None:
            reset()  # read the cells that are there, not the range the file claims
    return wb


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _find_header(rows: Sequence[tuple[Any, ...]], known: dict[str, Match]) -> int | None:
    best, best_n = None, 0
    for i, row in enumerate(rows):
        n = sum(1 for v in row if normalise_header(v) in known)
        if n > best_n:
            best, best_n = i, n
    return best if best_n >= MIN_MATCHES else None


def _columns(
    rows: Sequence[tuple[Any, ...]], header_index: int, known: dict[str, Match]
) -> tuple[SheetColumn, ...]:
    header = rows[header_index]
    above = rows[header_index - 1] if header_index > 0 else ()
    out = []
    seen: set[Match] = set()
    for i, value in enumerate(header):
        text = _text(value)
        match = known.get(normalise_header(text)) if text else None
        if match is None and i < len(above):
            upper = _text(above[i])
            if upper and normalise_header(upper) in known:
                text, match = upper, known[normalise_header(upper)]
        if match is not None and match in seen:
            match = None  # a second column with the same title is left for the user to map
        if match is not None:
            seen.add(match)
        if text or match:
            out.append(SheetColumn(i, text, match))
    return tuple(out)


def read_ledger(path: Path) -> ParsedLedger:
    """Every sheet with a recognisable header, with its data rows (blank rows left out)."""
    wb = open_workbook(path)
    known = header_map()
    sheets: list[LedgerSheet] = []
    any_cells = False
    total_rows = 0
    try:
        for ws in wb.worksheets:
            it = ws.iter_rows(values_only=True)
            top: list[tuple[Any, ...]] = []
            for row in it:
                top.append(tuple(row))
                if len(top) >= HEADER_SCAN_ROWS:
                    break
            if any(any(v is not None for v in r) for r in top):
                any_cells = True
            index = _find_header(top, known)
            if index is None:
                continue
            sheet = LedgerSheet(ws.title, index + 1, _columns(top, index, known))
            number = index + 1
            for row in (*top[index + 1 :], *(tuple(r) for r in it)):
                number += 1
                if any(v is not None and _text(v) != "" for v in row):
                    sheet.rows.append((number, row))
                    total_rows += 1
                    if total_rows > MAX_ROWS:
                        raise ValidationError(
                            "ledger_too_many_rows", field="file", path=str(path), max=MAX_ROWS
                        )
            sheets.append(sheet)
    finally:
        wb.close()
    if not sheets:
        code = "ledger_no_header" if any_cells else "ledger_empty"
        raise ValidationError(code, field="file", path=str(path))
    return ParsedLedger(str(path), sheets)


@dataclass(frozen=True, slots=True)
class ReportLine:
    sheet: str
    row: int
    column: str
    reason: str


@dataclass(frozen=True, slots=True)
class HouseholdLine:
    """One household of the file in the report: what became of it and why."""

    code: str
    result: str  # 新增 / 更新 / 无变化 / 暂缓导入
    rows: str  # the rows of the file naming it, "5、6、7"
    reason: str  # for a held household: which rows held it back


def write_import_report(
    path: Path,
    title: str,
    summary: str,
    lines: Sequence[ReportLine],
    households: Sequence[HouseholdLine] = (),
) -> None:
    """The rows not taken and what became of each household, kept beside the ledger
    for the township's records."""
    with atomic_output(path) as tmp:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("导入报告")
        for col, width in zip("ABCD", (16, 8, 18, 70), strict=True):
            ws.column_dimensions[col].width = width
        t = WriteOnlyCell(ws, value=title)
        t.font = Font(bold=True, size=14)
        ws.append([t])
        ws.append(guard_row(ws, [summary]))
        ws.append(["工作表", "行号", "列", "原因"])
        ws.freeze_panes = "A4"
        for line in lines:
            ws.append(guard_row(ws, [line.sheet, line.row, line.column, line.reason]))
        if households:
            hs = wb.create_sheet("各户结果")
            for col, width in zip("ABCD", (22, 12, 18, 70), strict=True):
                hs.column_dimensions[col].width = width
            hs.append(["户编号", "结果", "行号", "说明"])
            hs.freeze_panes = "A2"
            for h in households:
                hs.append(guard_row(hs, [h.code, h.result, h.rows, h.reason]))
        wb.save(tmp)
