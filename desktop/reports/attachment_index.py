"""The printed index of households' files (一户一档材料目录), as a PDF.

One table per sheet: household code and head, kind of file, its date, its
title and the stored file's short name (the first characters of its hash,
enough to find it in the folder), so the paper file and the database match.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.reports.cards import FONT, register_font, wrap
from desktop.reports.files import atomic_output
from desktop.reports.labels import label

TITLE = "一户一档材料目录"
COLUMNS = (("序号", 0.07), ("户编号", 0.15), ("户主", 0.10), ("材料类型", 0.16),
           ("日期", 0.13), ("标题", 0.27), ("文件", 0.12))  # fmt: skip


def write_index(
    path: Path, rows: Sequence[Any], *, unit: str, today: date, font_path: Path
) -> None:
    register_font(font_path)
    width, height = A4
    margin = 15 * mm
    usable = width - 2 * margin
    with atomic_output(Path(path)) as tmp:
        c = Canvas(str(tmp), pagesize=A4)
        c.setTitle(TITLE)

        def header() -> float:
            c.setFont(FONT, 15)
            c.drawCentredString(width / 2, height - margin - 10, TITLE)
            c.setFont(FONT, 8.5)
            c.drawString(
                margin,
                height - margin - 26,
                f"填报单位：{unit}    截至：{today.year}年{today.month}月{today.day}日    共{len(rows)}份",
            )
            y = height - margin - 44
            x = margin
            c.setFont(FONT, 8.5)
            for caption, share in COLUMNS:
                c.drawString(x + 1.5, y, caption)
                x += share * usable
            c.line(margin, y - 3, width - margin, y - 3)
            return y - 3

        y = header()
        for serial, r in enumerate(rows, start=1):
            cells = [
                str(serial),
                r.household_code,
                r.head_name,
                label("attachment", r.kind),
                f"{r.dated.year}年{r.dated.month}月{r.dated.day}日",
                r.title,
                r.file_name[:12],
            ]
            wrapped = [
                wrap(text, 8, share * usable - 3)
                for text, (_, share) in zip(cells, COLUMNS, strict=True)
            ]
            need = max(len(w) for w in wrapped) * 11 + 4
            if y - need < margin:
                c.showPage()
                y = header()
            c.setFont(FONT, 8)
            x = margin
            for lines, (_, share) in zip(wrapped, COLUMNS, strict=True):
                for i, line in enumerate(lines):
                    c.drawString(x + 1.5, y - 11 * (i + 1), line)
                x += share * usable
            y -= need
            c.setLineWidth(0.2)
            c.line(margin, y, width - margin, y)
        c.showPage()
        c.save()
