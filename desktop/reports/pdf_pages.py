"""Pages of a card PDF as pixels, for the preview and the system printer.

What the printer gets is the very PDF that "save as PDF" writes, rendered by
PDFium, so the preview, the paper and the file never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pypdfium2 as pdfium


@dataclass(frozen=True, slots=True)
class PagePixels:
    width: int
    height: int
    stride: int
    rgba: bytes  # 8 bits per channel, R G B A


class PdfPages:
    """An open PDF; use from one thread only."""

    def __init__(self, path: Path):
        self._doc = pdfium.PdfDocument(str(path))

    def __len__(self) -> int:
        return len(self._doc)

    def size_points(self, index: int) -> tuple[float, float]:
        page = self._doc[index]
        try:
            return float(page.get_width()), float(page.get_height())
        finally:
            page.close()

    def render(self, index: int, dpi: float) -> PagePixels:
        page = self._doc[index]
        try:
            image = page.render(scale=dpi / 72.0).to_pil().convert("RGBA")
        finally:
            page.close()
        return PagePixels(image.width, image.height, image.width * 4, image.tobytes())

    def close(self) -> None:
        self._doc.close()

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
