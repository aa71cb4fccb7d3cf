"""One column of a table takes the spare width, but never gets too narrow to read.

``QHeaderView.Stretch`` gives a column whatever the others leave; at 16 pt on a
1366-pixel screen that was nothing, and a work order's request read "楼上…".
:class:`FillColumn` gives the column the spare width when there is some and
``min_chars`` characters otherwise, and the table then scrolls sideways (its
horizontal scroll bar shows as needed) rather than pushing columns out of sight.
It follows the table's size, the other columns, the rows and the font size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.ui.fonts import font_notifier


class FillColumn(QObject):
    def __init__(self, table: QTableView, column: int, min_chars: int):
        super().__init__(table)
        self.table = table
        self.column = column
        self.min_chars = min_chars
        header = table.horizontalHeader()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        table.setHorizontalScrollBarPolicy(table.horizontalScrollBarPolicy().ScrollBarAsNeeded)
        table.viewport().installEventFilter(self)
        header.sectionResized.connect(self._resized)
        model = table.model()
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
                signal.connect(self.schedule)
        font_notifier().changed.connect(self.schedule)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        self.schedule()

    def schedule(self, *_args: object) -> None:
        self._timer.start()

    def _resized(self, index: int, _old: int, _new: int) -> None:
        if index != self.column:
            self.schedule()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.schedule()
        return False

    def minimum(self) -> int:
        return QFontMetrics(self.table.font()).horizontalAdvance("中") * self.min_chars

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(i)
            for i in range(header.count())
            if i != self.column and not header.isSectionHidden(i)
        )
        spare = self.table.viewport().width() - others
        width = max(spare, self.minimum())
        if header.sectionSize(self.column) != width:
            header.resizeSection(self.column, width)
