"""First run: either a new township, or a workstation joining one the county knows.

A new township: policy profile, county and township, first administrator.
Everything is written in one transaction when the user presses Finish
(``desktop.services.township.set_up``); the service decides what is valid.  An
error names its field, so the wizard goes back to the page holding that field
and shows the message under it.

Joining (a second laptop, or one replacing a stolen one): the county's enrolment
file makes this empty database the township's, through the same service as
``anju enroll``.  Its accounts arrive only with the county's first package, so
until then nobody can log in: the page itself offers the first exchange with the
county, as the system account, which the service allows only while there are no
accounts.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import DomainError, ValidationError
from desktop.services import auth, township
from desktop.services import sync as sync_service
from desktop.services.actor import SYSTEM
from desktop.services.township import TownshipInfo
from desktop.ui import i18n
from desktop.ui.errors import FieldErrors, error_text
from desktop.ui.tasks import JobCancelled, TaskRunner


class ChoicePage(QWizardPage):
    """New township, or join with the county's enrolment file."""

    def __init__(self, can_enrol: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("How does this workstation start?"))
        self.setSubTitle(
            self.tr(
                "Set up a new township only if the county has none for you yet. A second "
                "workstation, or one replacing a lost one, joins with the county's enrolment file."
            )
        )
        layout = QVBoxLayout(self)
        self.new_township = QRadioButton(self.tr("Set up a new township"))
        self.new_township.setObjectName("new_township")
        self.enrol = QRadioButton(self.tr("Join with the enrolment file from the county"))
        self.enrol.setObjectName("enrol")
        self.enrol.setEnabled(can_enrol)
        group = QButtonGroup(self)
        for button in (self.new_township, self.enrol):
            group.addButton(button)
            layout.addWidget(button)
        self.new_township.setChecked(True)
        layout.addStretch(1)

    def nextId(self) -> int:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard.enrol_page_id if self.enrol.isChecked() else wizard.profile_page_id


class ProfilePage(QWizardPage):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Policy profile"))
        self.setSubTitle(
            self.tr(
                "Choose the policy documents your county follows. They set the deadlines "
                "and targets Anju checks; the county can adjust them later."
            )
        )
        layout = QVBoxLayout(self)
        self.profiles = QListWidget()
        self.profiles.setObjectName("profiles")
        self.profiles.setWordWrap(True)
        self.profiles.setSpacing(4)
        self.profiles.setAlternatingRowColors(True)
        english = i18n.current_language() == i18n.LANG_EN
        # the default profile first, then the jurisdictions by name
        ordered = sorted(township.profiles().items(), key=lambda kv: (kv[0] != "default", kv[0]))
        for profile_id, profile in ordered:
            name = profile.name_en if english else profile.name
            source = self.tr("Source: %1").replace("%1", profile.source)
            item = QListWidgetItem(f"{name}\n{source}")
            item.setData(Qt.ItemDataRole.UserRole, profile_id)
            item.setToolTip(profile.source)
            self.profiles.addItem(item)
            if profile_id == "default":
                self.profiles.setCurrentItem(item)
        if self.profiles.currentRow() < 0:
            self.profiles.setCurrentRow(0)
        layout.addWidget(self.profiles)
        layout.addWidget(errors.add_label("profile", self.profiles))

    def profile_id(self) -> str:
        item = self.profiles.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def select(self, profile_id: str) -> None:
        for row in range(self.profiles.count()):
            if self.profiles.item(row).data(Qt.ItemDataRole.UserRole) == profile_id:
                self.profiles.setCurrentRow(row)


class AreaPage(QWizardPage):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("County and township"))
        self.setSubTitle(
            self.tr(
                "Names and administrative division codes (GB/T 2260) of your county and township."
            )
        )
        form = QFormLayout(self)
        self.county_name = QLineEdit()
        self.county_name.setPlaceholderText(self.tr("e.g. 永顺县"))
        self.county_code = QLineEdit()
        self.county_code.setPlaceholderText(self.tr("6 digits, e.g. 433127"))
        self.county_code.setMaxLength(6)
        self.township_name = QLineEdit()
        self.township_name.setPlaceholderText(self.tr("e.g. 灵溪镇"))
        self.township_code = QLineEdit()
        self.township_code.setPlaceholderText(self.tr("9 digits, starting with the county code"))
        self.township_code.setMaxLength(9)
        for widget, name in (
            (self.county_name, "county_name"),
            (self.county_code, "county_code"),
            (self.township_name, "township_name"),
            (self.township_code, "township_code"),
        ):
            widget.setObjectName(name)
        errors.add_row(form, self.tr("County name"), self.county_name, "county_name")
        errors.add_row(form, self.tr("County code"), self.county_code, "county_code")
        errors.add_row(form, self.tr("Township name"), self.township_name, "township_name")
        errors.add_row(form, self.tr("Township code"), self.township_code, "township_code")


class AdminPage(QWizardPage):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None):
        super().__init__(parent)
        self.errors = errors
        self.setTitle(self.tr("First administrator"))
        self.setSubTitle(
            self.tr(
                "The township administrator manages grids, users and devices. "
                "Keep the password safe: nobody can read it back."
            )
        )
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("At least %1 characters").replace("%1", str(auth.MIN_PASSWORD_LENGTH))
        )
        self.password_repeat = QLineEdit()
        self.password_repeat.setEchoMode(QLineEdit.EchoMode.Password)
        for widget, name in (
            (self.username, "username"),
            (self.display_name, "display_name"),
            (self.password, "password"),
            (self.password_repeat, "password_repeat"),
        ):
            widget.setObjectName(name)
        errors.add_row(form, self.tr("User name"), self.username, "username")
        errors.add_row(form, self.tr("Full name"), self.display_name, "display_name")
        errors.add_row(form, self.tr("Password"), self.password, "password")
        errors.add_row(form, self.tr("Password again"), self.password_repeat, "password_repeat")
        self.setFinalPage(True)

    def nextId(self) -> int:
        return -1

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard.create_township()


class EnrolPage(QWizardPage):
    """Enrol from the county's file, then bring in the county's first package."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        db_path: Path | None,
        tasks: TaskRunner | None,
        errors: FieldErrors,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session_factory = session_factory
        self.db_path = db_path
        self.tasks = tasks
        self.errors = errors
        self.enrolled = False
        self.has_accounts = False
        self.device_id = ""
        self.setTitle(self.tr("Join with the county's enrolment file"))
        self.setSubTitle(
            self.tr(
                "The county creates one enrolment file for this workstation. It works once, "
                "and only for its township."
            )
        )
        layout = QVBoxLayout(self)
        self.choose_button = QPushButton(self.tr("Choose the enrolment file…"))
        self.choose_button.setObjectName("choose_enrolment")
        self.choose_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(errors.add_label("enrolment", self.choose_button))
        self.status = QLabel()
        self.status.setObjectName("enrol_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.export_button = QPushButton(self.tr("Write the first package to a USB drive…"))
        self.export_button.setObjectName("export_first")
        self.export_button.clicked.connect(self.choose_export_folder)
        self.import_button = QPushButton(self.tr("Import sync package…"))
        self.import_button.setObjectName("import_package")
        self.import_button.clicked.connect(self.choose_package)
        self.sync_button = QPushButton(self.tr("Sync over the network"))
        self.sync_button.setObjectName("sync_now")
        self.sync_button.clicked.connect(self.sync_now)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.import_button, self.sync_button):
            button.setVisible(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(errors.add_label("first_package", self.import_button))
        layout.addStretch(1)
        self.setFinalPage(True)

    def nextId(self) -> int:
        return -1

    def isComplete(self) -> bool:
        return self.enrolled and self.has_accounts

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the enrolment file"))
        if path:
            self.enrol_from(Path(path))

    def enrol_from(self, path: Path) -> bool:
        """Enrol in one transaction; on an error nothing is written and the page says why."""
        assert self.db_path is not None
        self.errors.clear()
        try:
            with self.session_factory.begin() as session:
                result = sync_service.enroll(
                    session,
                    None,
                    enrolment_file=path,
                    keys_file=sync_service.keys_file(self.db_path),
                )
        except DomainError as exc:
            self.errors.set_text("enrolment", error_text(exc))
            return False
        self.enrolled = True
        self.choose_button.setEnabled(False)
        wizard = self.wizard()
        if wizard is not None:  # the database is the township's now: no way back
            wizard.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.device_id = result.device_id
        self.refresh()
        return True

    def refresh(self) -> None:
        with self.session_factory.begin() as session:
            self.has_accounts = bool(auth.list_users(session))
        waiting = self.enrolled and not self.has_accounts
        for button in (self.export_button, self.import_button, self.sync_button):
            button.setVisible(waiting)
        if self.has_accounts:
            self.status.setText(
                self.tr(
                    "Enrolled, and the county's package brought this township's records and "
                    "accounts. Press Finish and log in with your usual account."
                )
            )
        elif self.enrolled:
            self.status.setText(
                self.tr(
                    "Enrolled. The township's records and accounts have not arrived yet. "
                    'If the county server is reachable, press "Sync over the network". '
                    "Otherwise write the first package to a USB drive and take it to the "
                    "county; then import the package the county gives back."
                )
            )
        self.completeChanged.emit()

    def _run(self, job: Any, label: str) -> Any:
        """A sync job: with a progress dialog in the app, directly when there is no runner."""
        self.errors.clear()
        try:
            if self.tasks is not None:
                return self.tasks.run_with_progress(job, label, self)
            return job(threading.Event(), lambda done, total: None)
        except JobCancelled:
            return None
        except DomainError as exc:
            self.errors.set_text("first_package", error_text(exc))
            return None

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB drive"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        assert self.db_path is not None
        job = sync_service.export_job(
            self.session_factory, SYSTEM, db_path=self.db_path, folder=folder
        )
        info = self._run(job, self.tr("Writing the package…"))
        if info is not None:
            self.status.setText(
                self.tr(
                    "Written and verified: %1. Take it to the county; then import the "
                    "package the county gives back."
                ).replace("%1", str(info.path))
            )

    def choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a package"), "", self.tr("Anju packages (*.anjupkg)")
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        assert self.db_path is not None
        job = sync_service.import_job(self.session_factory, SYSTEM, db_path=self.db_path, path=path)
        if self._run(job, self.tr("Importing the package…")) is not None:
            self.refresh()

    def sync_now(self) -> None:
        assert self.db_path is not None
        job = sync_service.sync_job(self.session_factory, SYSTEM, db_path=self.db_path)
        if self._run(job, self.tr("Syncing with the county…")) is not None:
            self.refresh()

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard.finish_enrolment()


class SetupWizard(QWizard):
    """Produces :attr:`township` and :attr:`admin_username` when accepted."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        parent: QWidget | None = None,
        *,
        db_path: Path | None = None,
        tasks: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.session_factory = session_factory
        self.township: TownshipInfo | None = None
        self.admin_username = ""
        self.setWindowTitle(self.tr("Set up Anju for your township"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(720, 520)
        self.errors = FieldErrors(self)
        self.choice_page = ChoicePage(can_enrol=db_path is not None)
        self.enrol_page = EnrolPage(session_factory, db_path, tasks, self.errors)
        self.profile_page = ProfilePage(self.errors)
        self.area_page = AreaPage(self.errors)
        self.admin_page = AdminPage(self.errors)
        self.page_of_field: dict[str, int] = {}
        self.addPage(self.choice_page)
        for page, fields in (
            (self.profile_page, ("profile",)),
            (self.area_page, ("county_name", "county_code", "township_name", "township_code")),
            (
                self.admin_page,
                ("username", "display_name", "password", "password_repeat"),
            ),
        ):
            page_id = self.addPage(page)
            for name in fields:
                self.page_of_field[name] = page_id
        self.profile_page_id = self.page_of_field["profile"]
        self.enrol_page_id = self.addPage(self.enrol_page)

    def resume_enrolment(self) -> None:
        """Open on the join page of a workstation enrolled earlier whose accounts have not
        come from the county yet (the wizard was closed while waiting for them)."""
        self.enrol_page.enrolled = True
        self.enrol_page.choose_button.setEnabled(False)
        with self.session_factory.begin() as session:
            self.enrol_page.device_id = sync_service.status(session, SYSTEM).device_id
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setStartId(self.enrol_page_id)
        self.enrol_page.refresh()

    def finish_enrolment(self) -> bool:
        """The enrolled township, for the app to continue to the login window."""
        with self.session_factory.begin() as session:
            self.township = township.township_info(session)
        self.admin_username = ""
        return self.township is not None

    def create_township(self) -> bool:
        """Write everything in one transaction; on an error show it at its field."""
        self.errors.clear()
        admin = self.admin_page
        if admin.password.text() != admin.password_repeat.text():
            self.errors.set_text(
                "password_repeat",
                self.tr("The two passwords differ; type the same password twice."),
            )
            return False
        area = self.area_page
        try:
            with self.session_factory.begin() as session:
                info = township.set_up(
                    session,
                    profile_id=self.profile_page.profile_id(),
                    county_code=area.county_code.text().strip(),
                    county_name=area.county_name.text(),
                    township_code=area.township_code.text().strip(),
                    township_name=area.township_name.text(),
                    admin_username=admin.username.text(),
                    admin_display_name=admin.display_name.text(),
                    admin_password=admin.password.text(),
                )
        except ValidationError as exc:
            self.show_error(exc)
            return False
        self.township = info
        self.admin_username = admin.username.text().strip()
        return True

    def show_error(self, error: ValidationError) -> None:
        target = self.page_of_field.get(error.field or "")
        if target is not None:
            while self.currentId() != target and self.currentId() != self.startId():
                self.back()
        self.errors.show(error)

    def field_error(self, field: str) -> str:
        """The message shown under ``field`` ("" when none)."""
        return self.errors.text(field)

    def current_page_title(self) -> str:
        page = self.currentPage()
        return page.title() if page is not None else ""
