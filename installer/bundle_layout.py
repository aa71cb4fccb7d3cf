"""The shape of the bundle, named once for the spec, the packagers and the tests.

PyInstaller's one-folder bundle puts the executables at the top and everything
else under ``_internal/`` (``sys._MEIPASS``).  ``desktop/resources.py`` looks for
``resources/`` at ``sys._MEIPASS/resources`` and for the Alembic environment
beside it, so both data folders go to the top of ``_internal/`` unchanged.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

APP_NAME = "anju"
# The bundle's folder under dist/, and the package name.
BUNDLE_NAME = "anju"
INTERNAL = "_internal"

# The GUI program.  On Windows it has no console window; ``CLI_EXE`` is the same
# program with a console, so ``anju-cli --version`` and the subcommands print.
# On Linux a program always has its terminal, so one executable serves both.
GUI_EXE_LINUX = "anju"
GUI_EXE_WINDOWS = "anju.exe"
CLI_EXE_WINDOWS = "anju-cli.exe"

ENTRY_SCRIPT = REPO / "installer" / "entry.py"
ICON_SVG = REPO / "resources" / "icons" / "anju.svg"
ICON_PNG = REPO / "resources" / "icons" / "anju.png"
ICON_ICO = REPO / "resources" / "icons" / "anju.ico"

# (source folder in the repository, folder under _internal/)
DATA_DIRS: tuple[tuple[str, str], ...] = (
    ("resources", "resources"),
    ("migrations", "migrations"),
)

# Suffixes of files under those folders that the app never reads: bytecode
# caches of the source tree and the translators' .ts sources (the .qm is used).
SKIPPED_DATA: tuple[str, ...] = (".pyc", ".ts")

# Files that must be in every bundle, relative to _internal/: what the app opens
# by path at run time.  Checked after each build and by the tests.
REQUIRED_DATA: tuple[str, ...] = (
    "resources/fonts/wqy-zenhei.ttc",
    "resources/policies/default.toml",
    "resources/icons/anju.png",
    "resources/translations/anju_zh_CN.qm",
    "migrations/env.py",
)

# Qt modules the workstation (a Qt Widgets program) never imports.  A test checks
# that no module under desktop/ imports one of them.
EXCLUDED_QT_MODULES: tuple[str, ...] = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCharts", "QtDataVisualization", "QtDesigner", "QtGraphs",
    "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLabsStyleKit", "QtLocation",
    "QtMultimedia", "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc", "QtOpenGL",
    "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtQml", "QtQmlFeatures",
    "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort",
    "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools",
    "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView", "QtXml",
)  # fmt: skip

# Plugin folders not needed by a desktop Widgets program on X11/Windows: Wayland
# sessions run it through XWayland with the xcb plugin; embedded (eglfs), QML,
# designer and SQL plugins have no use here; and sync speaks HTTP through
# Python, so Qt's TLS and network-information plugins are never loaded.
EXCLUDED_QT_PLUGIN_DIRS: frozenset[str] = frozenset({
    "designer", "egldeviceintegrations", "generic", "qmllint", "qmlls", "qmltooling",
    "networkinformation", "renderers", "sceneparsers", "sqldrivers", "tls",
    "vectorimageformats",
    "wayland-decoration-client", "wayland-graphics-integration-client",
    "wayland-graphics-integration-server", "wayland-shell-integration",
})  # fmt: skip

# Single plugins left out (file name without "lib" and extension).  gtk3 would
# drag GTK into the bundle; the PDF image plugin drags in QtPdf; the virtual
# keyboard drags in QtQuick.  Qt before 6.10 (the series built for glibc 2.28,
# see installer/README.md) splits the Wayland plugin in two.
EXCLUDED_QT_PLUGINS: frozenset[str] = frozenset({
    "qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc", "qwayland", "qdirect2d",
    "qwayland-egl", "qwayland-generic",
    "qgtk3", "qpdf", "qicns", "qtga", "qtiff", "qwbmp", "qwebp",
    "qtvirtualkeyboardplugin",
})  # fmt: skip

# Libraries left to the system although PyInstaller would bundle them, with the
# Debian package that provides each: printing must talk to the machine's own
# CUPS (its configuration and protocol version), and libcups alone would bring
# GnuTLS, Kerberos and Avahi into the bundle.
SYSTEM_LIBRARIES: dict[str, str] = {"libcups.so.2": "libcups2"}

# Qt's own translations (standard dialogs, shortcuts): Chinese and English only.
KEPT_QT_TRANSLATIONS: tuple[str, ...] = ("_zh_CN.qm", "_en.qm")

# Python packages that are in a development environment but never in the app.
EXCLUDED_PY_MODULES: tuple[str, ...] = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "IPython",
    "mypy", "importlinter", "grimp", "psycopg", "psycopg_binary", "server", "setuptools",
    "pip", "readline", "alembic.testing", "sqlalchemy.testing", "faker.contrib.pytest",
    # Pillow stays for ReportLab's raster images; these image codecs and GUI
    # bridges are optional to it and bring large libraries.
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL.ImageQt",
    "PIL.ImageTk", "PIL._imagingtk",
)  # fmt: skip

# The demo township is made up with Faker("zh_CN"); Faker falls back to each
# provider's default locale (en_US, or en_GB for banks and la for lorem), so
# those stay and the other seventy-odd locales go.
KEPT_FAKER_LOCALES: frozenset[str] = frozenset({"zh_CN", "en_US", "en", "en_GB", "la"})

# Debian package layout.
DEB_PREFIX = "/opt/anju"
DEB_LAUNCHER = "/usr/bin/anju"
DEB_DESKTOP_FILE = "/usr/share/applications/anju.desktop"
DEB_ICON_PNG = "/usr/share/icons/hicolor/256x256/apps/anju.png"
DEB_ICON_SVG = "/usr/share/icons/hicolor/scalable/apps/anju.svg"
DEB_DOC_DIR = "/usr/share/doc/anju"


def project_version() -> str:
    """The version the packages carry: pyproject.toml is the one place it is written."""
    with (REPO / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def gui_exe_name(platform: str = sys.platform) -> str:
    return GUI_EXE_WINDOWS if platform == "win32" else GUI_EXE_LINUX


def executables(platform: str = sys.platform) -> tuple[str, ...]:
    """The programs at the top of the bundle on ``platform``."""
    if platform == "win32":
        return (GUI_EXE_WINDOWS, CLI_EXE_WINDOWS)
    return (GUI_EXE_LINUX,)


def migration_scripts() -> list[Path]:
    """The Python files Alembic loads by path at run time (not seen by PyInstaller)."""
    root = REPO / "migrations"
    return sorted([root / "env.py", *(root / "versions").glob("*.py")])
