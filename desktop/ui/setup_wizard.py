"""First run on a real township: policy profile, county and township, first administrator.

Everything is written in one transaction when the user presses Finish
(``desktop.services.township.set_up``); the service decides what is valid.  An
error names its field, so the wizard goes back to the page holding that field
and shows the message under it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import ValidationError
from desktop.services import auth, township
from desktop.services.township import TownshipInfo
from desktop.ui import i18n
from desktop.ui.errors import FieldErrors


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

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard.create_township()


class SetupWizard(QWizard):
    """Produces :attr:`township` and :attr:`admin_username` when accepted."""

    def __init__(self, session_factory: sessionmaker[Session], parent: QWidget | None = None):
        super().__init__(parent)
        self.session_factory = session_factory
        self.township: TownshipInfo | None = None
        self.admin_username = ""
        self.setWindowTitle(self.tr("Set up Anju for your township"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(720, 520)
        self.errors = FieldErrors(self)
        self.profile_page = ProfilePage(self.errors)
        self.area_page = AreaPage(self.errors)
        self.admin_page = AdminPage(self.errors)
        self.page_of_field: dict[str, int] = {}
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
