"""The login window: user name and password, and on a demo township its accounts.

Five wrong passwords lock an account for a minute (``desktop.services.auth``);
the dialog says how many tries remain and how long to wait, in plain words at
the password field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import Role
from desktop.services import auth
from desktop.services.actor import Actor
from desktop.services.auth import LoginFailed
from desktop.services.clock import Clock, system_clock
from desktop.services.township import TownshipInfo
from desktop.ui.errors import FieldErrors, error_text
from desktop.ui.fonts import Heading
from desktop.ui.labels import label


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: Role
    password: str


def attempt_login(
    session_factory: sessionmaker[Session], username: str, password: str, clock: Clock
) -> Actor:
    """One login try in one transaction, committed even when it fails.

    The failed-try counter and the lock are written by ``auth.login``; the
    error is caught inside the transaction so that they are kept, then raised.
    """
    failure: LoginFailed | None = None
    with session_factory.begin() as session:
        try:
            actor = auth.login(session, username, password, clock=clock)
        except LoginFailed as exc:
            failure = exc
    if failure is not None:
        raise failure
    return actor


class LoginDialog(QDialog):
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        township: TownshipInfo,
        *,
        clock: Clock = system_clock,
        accounts: Sequence[DemoAccount] = (),
        username: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session_factory = session_factory
        self.township = township
        self.clock = clock
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Anju — log in"))
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        title = Heading(self.tr("Anju township workstation"), 1.5)
        layout.addWidget(title)
        place = f"{township.county_name} {township.township_name}".strip()
        if township.demo:
            place = self.tr("%1 (demo township)").replace("%1", place)
        self.place_label = QLabel(place)
        layout.addWidget(self.place_label)

        form = QFormLayout()
        self.username_edit = QLineEdit(username)
        self.username_edit.setObjectName("username")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = FieldErrors(self)
        form.addRow(self.tr("User name"), self.username_edit)
        self.errors.add_row(form, self.tr("Password"), self.password_edit, "password")
        layout.addLayout(form)

        self.accounts_view: QTreeWidget | None = None
        if accounts:
            layout.addWidget(QLabel(self.tr("Demo accounts (click one to fill in the fields):")))
            view = QTreeWidget()
            view.setObjectName("demo_accounts")
            view.setRootIsDecorated(False)
            view.setHeaderLabels(
                [self.tr("Name"), self.tr("Role"), self.tr("User name"), self.tr("Password")]
            )
            for account in accounts:
                item = QTreeWidgetItem(
                    [account.display_name, label(account.role), account.username, account.password]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, account)
                view.addTopLevelItem(item)
            for column in range(4):
                view.resizeColumnToContents(column)
            view.itemClicked.connect(self._fill_from_item)
            view.itemActivated.connect(self._fill_from_item)
            self.accounts_view = view
            layout.addWidget(view)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.login_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(self.tr("Log in"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password_edit if username else self.username_edit).setFocus()

    @Slot(QTreeWidgetItem)
    def _fill_from_item(self, item: QTreeWidgetItem) -> None:
        account: DemoAccount = item.data(0, Qt.ItemDataRole.UserRole)
        self.username_edit.setText(account.username)
        self.password_edit.setText(account.password)
        self.errors.clear()
        self.login_button.setFocus()

    def error(self) -> str:
        """The message shown at the password field ("" when none)."""
        return self.errors.text("password")

    @Slot()
    def try_login(self) -> None:
        self.errors.clear()
        username = self.username_edit.text().strip()
        if not username:
            self.errors.set_text("password", self.tr("Enter your user name."))
            self.username_edit.setFocus()
            return
        try:
            self.actor = attempt_login(
                self.session_factory, username, self.password_edit.text(), self.clock
            )
        except LoginFailed as exc:
            self.password_edit.clear()
            self.errors.set_text("password", error_text(exc))
            return
        self.accept()
