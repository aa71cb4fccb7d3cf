"""The "print cards" and "export/import ledger" buttons the household pages carry.

They live apart from their dialogs so that opening the household list does not
load ReportLab, openpyxl and PDFium (about 0.4 s of start-up on a cheap
laptop): each dialog module is imported when its button is first clicked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from desktop.ui.context import UiContext

if TYPE_CHECKING:
    from desktop.services.printing import Selection
    from desktop.ui.ledger_export_dialog import LedgerExportDialog
    from desktop.ui.print_dialog import PrintCardsDialog

ScopeProvider = Callable[[], "tuple[Selection, str] | None"]


class PrintCardsButton(QPushButton):
    """ "Print cards" for whatever the page shows: ``scope()`` says which households."""

    def __init__(self, ctx: UiContext, scope: ScopeProvider, parent: QWidget | None = None):
        super().__init__(parent)
        self.setText(self.tr("Print cards"))
        self.setObjectName("print_cards_button")
        self.setToolTip(self.tr("Print the explanation cards (明白卡) of these households"))
        self.ctx = ctx
        self.scope = scope
        self.dialog: PrintCardsDialog | None = None
        self.clicked.connect(self.open_dialog)

    def open_dialog(self) -> PrintCardsDialog | None:
        from desktop.ui.print_dialog import PrintCardsDialog

        scope = self.scope()
        if scope is None:
            return None
        self.dialog = PrintCardsDialog(self.ctx, scope[0], scope[1], self.window())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        return self.dialog


class LedgerButtons(QWidget):
    """ "Export ledger" (any account) and "Import ledger" (accounts that may write)."""

    def __init__(
        self,
        ctx: UiContext,
        scope: Callable[[], tuple[Selection, str]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.scope = scope
        self.export_button = QPushButton(self.tr("Export ledger"))
        self.export_button.setObjectName("export_ledger_button")
        self.import_button = QPushButton(self.tr("Import ledger"))
        self.import_button.setObjectName("import_ledger_button")
        self.import_button.setVisible(ctx.actor.can_write)
        self.export_button.clicked.connect(self.open_export)
        self.import_button.clicked.connect(self.open_import)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.export_button)
        layout.addWidget(self.import_button)
        self.dialog: QDialog | None = None

    def open_export(self) -> LedgerExportDialog:
        from desktop.ui.ledger_export_dialog import LedgerExportDialog

        selection, text = self.scope()
        dialog = LedgerExportDialog(self.ctx, selection, text, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def open_import(self) -> QDialog:
        from desktop.ui.ledger_import_wizard import LedgerImportWizard

        wizard = LedgerImportWizard(self.ctx, self.window())
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        self.dialog = wizard
        return wizard
