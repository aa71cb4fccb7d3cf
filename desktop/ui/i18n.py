"""Interface language: preferences, Qt translators, and the language of domain messages.

Simplified Chinese is the default; English is the second locale.  Source strings
in the code are English (``self.tr("...")``); ``resources/translations/anju_zh_CN.qm``
turns them into Chinese, and Qt's own ``qtbase_zh_CN.qm`` does the same for
standard dialog buttons (确定/取消).  A language change applies on restart: Qt
widgets do not re-translate themselves, and half-translated windows confuse.

Qt 6 added shortcut letters to a few labels of its own file chooser ("&Look
in:", "Files of &type:") and the Chinese translation shipped with it still
has only the old wording, so the chooser spoke English beside Chinese.  Those
strings are translated in our own file (:data:`QT_GAPS`, context of the Qt
class): Qt asks our translator when its own has no answer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from desktop.resources import resource_path

ORGANIZATION = "anju"
APPLICATION = "anju"

LANG_ZH = "zh_CN"
LANG_EN = "en"
LANGUAGES = (LANG_ZH, LANG_EN)
KEY_LANGUAGE = "ui/language"
DEFAULT_LANGUAGE = LANG_ZH

# Qt's own strings its shipped qtbase_zh_CN.qm lacks (see the module's docstring).
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)

_current = DEFAULT_LANGUAGE
_installed: list[QTranslator] = []
_buffers: list[bytes] = []  # Qt reads translations from these without copying


def preferences() -> QSettings:
    """The user's interface preferences (font size, language), apart from the township data.

    An INI file in the user's config directory on every platform, so tests can
    redirect it with ``QSettings.setPath`` and support staff can read it.
    """
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def saved_language() -> str:
    value = str(preferences().value(KEY_LANGUAGE, DEFAULT_LANGUAGE))
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(lang)
    prefs = preferences()
    prefs.setValue(KEY_LANGUAGE, lang)
    prefs.sync()


def current_language() -> str:
    """The language the running interface uses (``zh_CN`` or ``en``)."""
    return _current


def message_language() -> str:
    """The language argument of :func:`desktop.messages.message` for the running interface."""
    return "zh" if _current == LANG_ZH else "en"


def app_translation_file() -> str:
    return str(resource_path("translations", "anju_zh_CN.qm"))


def install_translators(app: QCoreApplication, lang: str) -> None:
    """Make ``lang`` the interface language; replaces translators installed before."""
    global _current
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _buffers.clear()
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    if _current == LANG_EN:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # Read into memory rather than letting Qt map the file: rewriting a mapped
    # .qm (while translating, or a test run beside one) would crash the app.
    try:
        data = Path(app_translation_file()).read_bytes()
    except OSError:
        data = b""
    ours = QTranslator()
    if data and ours.load(data):
        _buffers.append(data)
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load("qtbase_zh_CN", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
