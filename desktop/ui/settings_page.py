"""Settings: font size (applies at once), language (applies on restart), facts about the database."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services import status
from desktop.ui import fonts, i18n
from desktop.ui.context import UiContext


class SettingsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        heading = fonts.Heading(self.tr("Settings"))
        layout.addWidget(heading)

        display = QGroupBox(self.tr("Display"))
        form = QFormLayout(display)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.font_size = QSpinBox()
        self.font_size.setObjectName("font_size")
        self.font_size.setRange(fonts.MIN_POINT_SIZE, fonts.MAX_POINT_SIZE)
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(fonts.saved_point_size())
        self.font_size.setMinimumWidth(120)
        self.font_size.valueChanged.connect(self.set_font_size)
        form.addRow(self.tr("Font size"), self.font_size)

        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文（简体）", i18n.LANG_ZH)
        self.language.addItem("English", i18n.LANG_EN)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.saved_language())))
        self.language.currentIndexChanged.connect(self.set_language)
        form.addRow(self.tr("Language"), self.language)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        self.language_note.hide()
        form.addRow(self.language_note)
        layout.addWidget(display)

        about = QGroupBox(self.tr("This workstation"))
        facts = QFormLayout(about)
        town = ctx.township
        facts.addRow(self.tr("County"), QLabel(f"{town.county_name}（{town.county_code}）"))
        facts.addRow(self.tr("Township"), QLabel(f"{town.township_name}（{town.township_code}）"))
        profile_name = (
            ctx.policy.name if i18n.current_language() == i18n.LANG_ZH else ctx.policy.name_en
        )
        facts.addRow(self.tr("Policy profile"), QLabel(profile_name))
        path = QLabel(str(ctx.db_path.resolve()))
        path.setObjectName("database_path")
        path.setToolTip(path.text())
        # a long path must not widen the window; the tooltip holds all of it
        path.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts.addRow(self.tr("Database file"), path)
        self.schema_label = QLabel(ctx.call(status.schema_version) or "—")
        facts.addRow(self.tr("Schema version"), self.schema_label)
        layout.addWidget(about)
        layout.addStretch(1)

    @Slot(int)
    def set_font_size(self, size: int) -> None:
        fonts.save_point_size(size)
        fonts.apply_font_size(size)
        self.ctx.bus.font_size_changed.emit(size)

    @Slot(int)
    def set_language(self, _index: int) -> None:
        lang = str(self.language.currentData())
        i18n.save_language(lang)
        if lang == i18n.current_language():
            self.language_note.clear()
            self.language_note.hide()
        else:
            self.language_note.setText(
                self.tr("The new language applies the next time Anju starts.")
            )
            self.language_note.show()
