"""The user's own account: changing one's password (账户 → 修改密码).

The current password is asked first, so a laptop left open for a minute cannot
have its owner's password changed by someone else; the new one is typed twice.
Every refusal shows under its field and changes nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import DomainError
from desktop.messages import message
from desktop.services import auth
from desktop.ui.context import UiContext
from desktop.ui.errors import FieldErrors, error_text
from desktop.ui.i18n import message_language


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class ChangePasswordDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Change my password"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("%1, type your current password, then the new one twice.").replace(
                "%1", ctx.actor.display_name
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.errors = FieldErrors(self)
        self.old_password = _password_edit("old_password")
        self.new_password = _password_edit("new_password")
        self.new_password.setPlaceholderText(
            self.tr("At least %1 characters").replace("%1", str(auth.MIN_PASSWORD_LENGTH))
        )
        self.repeat = _password_edit("new_password_repeat")
        self.errors.add_row(form, self.tr("Current password"), self.old_password, "old_password")
        self.errors.add_row(form, self.tr("New password"), self.new_password, "new_password")
        self.errors.add_row(form, self.tr("New password again"), self.repeat, "repeat")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # a stale error goes as soon as its field is typed in again
        for field, edit in (
            ("old_password", self.old_password),
            ("new_password", self.new_password),
            ("repeat", self.repeat),
        ):
            edit.textEdited.connect(lambda _text, f=field: self.errors.clear_field(f))

    def submit(self) -> None:
        self.errors.clear()
        if self.new_password.text() != self.repeat.text():
            self.errors.set_text("repeat", message("passwords_differ", message_language()))
            return
        try:
            self.ctx.call(
                auth.change_own_password, self.old_password.text(), self.new_password.text()
            )
        except DomainError as error:
            field = error.field if error.field in self.errors.labels else "old_password"
            self.errors.set_text(field, error_text(error))
            return
        self.accept()
