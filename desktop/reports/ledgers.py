"""Excel ledgers (台账) written with openpyxl in write-only mode.

Every sheet looks like the government templates townships hand up: a title
row, a line naming the unit and the date, two levels of merged Chinese headers
(a group over its columns; a column without a group spans both rows), the
header frozen, filters on, sensible column widths.  Dates are written as dates
and numbers as numbers so that the county can sort and sum them.

Write-only mode streams rows to disk, so 50 000 persons take constant memory;
that is why merged ranges, widths and the freeze are declared before the rows.

Decisions, and why:

- **Text is written as text, never as a formula.**  openpyxl stores a string
  that begins with ``=`` as a formula and one that reads like an error code
  (``#N/A``) as an error: a name imported as ``=HYPERLINK("http://…?id="&X5)``
  would come out as a live link that sends the row's resident ID on one click.
  Every such string is written as a string cell.  Strings that begin with one
  of ``= + - @``, a tab or a carriage return are also marked with Excel's
  quote prefix (the cell-format flag Excel sets when one types a leading
  apostrophe), which is the xlsx form of OWASP's advice to neutralise them: the
  cell shows the text exactly, stays text when someone edits it in Excel or WPS,
  and is exported as text to CSV.  The value itself is not changed, so a ledger
  re-imports with nothing changed (:func:`text_cell`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from desktop.reports.files import NO_PROGRESS, Cancelled, Progress, atomic_output

TEXT, INT, MONEY, DATE, DATETIME, FLOAT = "text", "int", "money", "date", "datetime", "float"

TITLE_ROW, NOTE_ROW, GROUP_ROW, HEADER_ROW = 1, 2, 3, 4
FIRST_DATA_ROW = 5

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    group: str = ""  # the upper header; empty: this column spans both header rows
    width: float = 12.0
    kind: str = TEXT
    number_format: str = ""


@dataclass(frozen=True, slots=True)
class SheetSpec:
    name: str  # the sheet tab (at most 31 characters)
    title: str
    note: str
    columns: tuple[Column, ...]
    rows: Iterable[Sequence[Any]]


# What makes Excel, WPS or a CSV reader take a cell for a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Strings openpyxl would store as error values rather than text.
_ERROR_LIKE = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


def needs_text_guard(value: Any) -> bool:
    """Whether a string would be read as a formula (or an error) unless written as text."""
    return isinstance(value, str) and (
        value.startswith(FORMULA_TRIGGERS) or value.strip() in _ERROR_LIKE
    )


def text_cell(ws: Worksheet, value: str) -> Cell:
    """``value`` as a text cell, quote-prefixed: never a formula, whatever it begins with."""
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def guard_row(ws: Worksheet, values: list[Any]) -> list[Any]:
    """The row with every string that could be taken for a formula made a text cell."""
    for i, value in enumerate(values):
        if needs_text_guard(value):
            values[i] = text_cell(ws, value)
    return values


def _header_cell(
    ws: Worksheet, value: str, *, size: float = 10, bold: bool = True
) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = Font(name="宋体", size=size, bold=bold)
    cell.alignment = _CENTER
    cell.border = _BORDER
    cell.fill = _HEAD_FILL
    return cell


def _safe_sheet_name(name: str, taken: set[str]) -> str:
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip() or "Sheet"
    clean = clean[:31]
    base, n = clean, 2
    while clean in taken:
        suffix = f"({n})"
        clean = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(clean)
    return clean


def _prepare(ws: Worksheet, spec: SheetSpec) -> None:
    cols = spec.columns
    last = get_column_letter(len(cols))
    for i, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.merged_cells.add(CellRange(f"A{TITLE_ROW}:{last}{TITLE_ROW}"))
    ws.merged_cells.add(CellRange(f"A{NOTE_ROW}:{last}{NOTE_ROW}"))
    # Groups: consecutive columns with one group share a merged upper header.
    i = 0
    while i < len(cols):
        col = cols[i]
        letter = get_column_letter(i + 1)
        if not col.group:
            ws.merged_cells.add(CellRange(f"{letter}{GROUP_ROW}:{letter}{HEADER_ROW}"))
            i += 1
            continue
        j = i
        while j + 1 < len(cols) and cols[j + 1].group == col.group:
            j += 1
        if j > i:
            ws.merged_cells.add(
                CellRange(f"{letter}{GROUP_ROW}:{get_column_letter(j + 1)}{GROUP_ROW}")
            )
        i = j + 1
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW}"
    ws.print_title_rows = f"{GROUP_ROW}:{HEADER_ROW}"
    ws.row_dimensions[TITLE_ROW].height = 28
    ws.row_dimensions[GROUP_ROW].height = 20
    ws.row_dimensions[HEADER_ROW].height = 30

    title = (
        text_cell(ws, spec.title)
        if needs_text_guard(spec.title)
        else WriteOnlyCell(ws, value=spec.title)
    )
    title.font = Font(name="宋体", size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.append([title])
    note = (
        text_cell(ws, spec.note)
        if needs_text_guard(spec.note)
        else WriteOnlyCell(ws, value=spec.note)
    )
    note.font = Font(name="宋体", size=10)
    ws.append([note])
    group_row: list[Any] = []
    header_row: list[Any] = []
    previous_group = None
    for col in cols:
        if not col.group:
            group_row.append(_header_cell(ws, col.header))
            header_row.append(_header_cell(ws, ""))
            previous_group = None
            continue
        group_row.append(_header_cell(ws, col.group if col.group != previous_group else ""))
        header_row.append(_header_cell(ws, col.header))
        previous_group = col.group
    ws.append(group_row)
    ws.append(header_row)


def _formats(cols: Sequence[Column]) -> list[str]:
    """The number format each column needs beyond openpyxl's own.

    ``date`` values already get ``yyyy-mm-dd`` from openpyxl, and whole yuan are
    plain integers; styling 300 000 cells of a persons ledger by hand would
    cost more than writing them.  Only datetimes (openpyxl would add seconds)
    and explicit formats (percentages) are styled here.
    """
    out = []
    for col in cols:
        if col.number_format:
            out.append(col.number_format)
        elif col.kind == DATETIME:
            out.append(DATETIME_FORMAT)
        else:
            out.append("")
    return out


def write_ledger(
    path: Path,
    sheets: Iterable[SheetSpec],
    *,
    total_rows: int = 0,
    cancel: threading.Event | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Write the sheets to ``path`` (whole or not at all); return the number of data rows."""
    written = 0
    with atomic_output(path) as tmp:
        wb = Workbook(write_only=True)
        taken: set[str] = set()
        for spec in sheets:
            ws = wb.create_sheet(_safe_sheet_name(spec.name, taken))
            _prepare(ws, spec)
            formats = _formats(spec.columns)
            styled = [i for i, f in enumerate(formats) if f]
            for row in spec.rows:
                values = guard_row(ws, list(row))
                for i in styled:
                    value = values[i]
                    if value is not None and value != "" and not isinstance(value, Cell):
                        cell = WriteOnlyCell(ws, value=value)
                        cell.number_format = formats[i]
                        values[i] = cell
                ws.append(values)
                written += 1
                if written % 500 == 0:
                    if cancel is not None and cancel.is_set():
                        raise Cancelled()
                    progress(written, max(total_rows, written))
        if not taken:
            wb.create_sheet("Sheet")
        wb.save(tmp)
    progress(written, max(total_rows, written))
    return written


def excel_value(value: Any) -> Any:
    """A value as Excel stores it: dates stay dates, datetimes lose their time zone."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, date | int | float | str) or value is None:
        return value
    return str(value)
