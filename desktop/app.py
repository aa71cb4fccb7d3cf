"""The one place that wires the GUI together: fonts, translations, database, login, window.

``run_gui(args)`` is what ``anju`` runs without a subcommand.  Everything it
builds is handed down explicitly (no globals): the main window receives a
:class:`~desktop.ui.context.UiContext`, and so does every page.

Start-up order (figures in ``tests/bench/bench_startup.py``):

- The store and the services load before Qt.  PySide6 reads the source of every
  module imported after it (its ``__feature__`` switch looks for the word
  "PySide6" in each); modules loaded before Qt are never read.  With
  SQLAlchemy and our store after Qt that reading took about 60 ms a start,
  now about 30.
- Only what the login window needs is imported before it shows: the main
  window, its pages and the setup wizard load later (the login window comes
  about 0.1 s sooner).  Once the login window is up, a background thread
  imports the main window, the dashboard and the household list while the
  user types the password, so that after "Log in" only building them is left,
  as before (without it the wait after "Log in" grew by about 50 ms).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import os
import sys
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session, sessionmaker

from desktop.errorlog import log_unexpected, unexpected_code
from desktop.messages import message
from desktop.paths import resolve_db_path
from desktop.private_files import use_private_temp
from desktop.services import auth, township
from desktop.services.clock import system_clock
from desktop.services.township import TownshipInfo
from desktop.store.db import make_session_factory
from desktop.store.migrate import StoreError, open_database
from desktop.sync.capture import enable_capture

# isort: split
# Qt after the store and services: see the module's docstring
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.resources import resource_path
from desktop.ui import fonts, i18n
from desktop.ui.context import Bus, UiContext
from desktop.ui.errors import show_error_box
from desktop.ui.login_dialog import DemoAccount, LoginDialog
from desktop.ui.tasks import JobCancelled, Progress, TaskRunner
from desktop.ui.wheel_guard import install_wheel_guard

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEMO_MODULE = "desktop.demo.builder"
SMALL_SCREEN_WIDTH = 1440


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(i18n.ORGANIZATION)
    app.setApplicationName(i18n.APPLICATION)
    install_wheel_guard(app)
    icon = resource_path("icons", "anju.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_gui(args: argparse.Namespace) -> int:
    app = make_application()
    i18n.install_translators(app, getattr(args, "lang", None) or i18n.saved_language())
    fonts.apply_font_size(fonts.saved_point_size())

    path = resolve_db_path(getattr(args, "db", None))
    try:
        opened = open_database(path)
    except StoreError as exc:
        text = message(exc.code, i18n.message_language(), **exc.message_params())
        QMessageBox.critical(
            None, QCoreApplication.translate("App", "Anju cannot open the database"), text
        )
        return 1
    install_error_hook(path)
    use_private_temp(path)
    session_factory = make_session_factory(opened.engine)
    # every edit from here on is recorded for sync in its own transaction
    enable_capture(session_factory)
    tasks = TaskRunner(app)
    try:
        info, username = first_run(session_factory, tasks, no_demo=bool(args.no_demo), db_path=path)
        if info is None:
            return 0
        shell = Shell(session_factory, path, tasks)
        if not shell.log_in(username):
            return 0
        return event_loop(app)
    finally:
        tasks.wait_for_all()
        opened.engine.dispose()


def install_error_hook(db_path: Path) -> None:
    """An error nobody caught: its details to the private log, one Chinese sentence on
    screen (never a traceback with residents' data in it; see desktop.errorlog)."""

    def hook(kind: type[BaseException], error: BaseException, tb: Any) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log = log_unexpected(error.with_traceback(tb), db_path=db_path)
        text = message(
            unexpected_code(error),
            i18n.message_language(),
            kind=kind.__name__,
            log=str(log or ""),
        )
        if QApplication.instance() is not None:
            show_error_box(None, text)

    sys.excepthook = hook


def event_loop(app: QApplication) -> int:
    """Run the application until its last window closes (tests replace this boundary)."""
    return app.exec()


def first_run(
    session_factory: sessionmaker[Session],
    tasks: TaskRunner,
    *,
    no_demo: bool,
    db_path: Path | None = None,
) -> tuple[TownshipInfo | None, str]:
    """The township of this database, creating it on first run; (None, "") if the user gave up."""
    with session_factory.begin() as session:
        info = township.township_info(session)
        has_accounts = bool(auth.list_users(session))
    if info is not None and has_accounts:
        return info, ""
    if info is not None:
        # enrolled from the county's file, but its first package (with the accounts)
        # has not been brought in: nobody could log in, so go back to that step
        from desktop.ui.setup_wizard import SetupWizard  # only a first run needs it

        wizard = SetupWizard(session_factory, db_path=db_path, tasks=tasks)
        wizard.resume_enrolment()
        accepted = wizard.exec()
        enrolled = wizard.township
        delete_now(wizard)
        if not accepted or enrolled is None:
            return None, ""
        return enrolled, ""
    if not no_demo and importlib.util.find_spec(DEMO_MODULE) is not None:
        try:
            tasks.run_with_progress(
                demo_job(session_factory, date.today()),
                QCoreApplication.translate("App", "Building the demo township, please wait…"),
            )
        except JobCancelled:
            pass
        except Exception as exc:
            show_error_box(
                None,
                QCoreApplication.translate(
                    "App",
                    "The demo township could not be built (%1). Set up a real township instead.",
                ).replace("%1", str(exc)),
            )
        with session_factory.begin() as session:
            info = township.township_info(session)
        if info is not None:
            return info, ""
    from desktop.ui.setup_wizard import SetupWizard

    wizard = SetupWizard(session_factory, db_path=db_path, tasks=tasks)
    accepted = wizard.exec()
    created, admin_username = wizard.township, wizard.admin_username
    delete_now(wizard)
    if not accepted or created is None:
        return None, ""
    return created, admin_username


def demo_accounts(info: TownshipInfo) -> list[DemoAccount]:
    """The accounts the login window lists: the demo's, on a demo township only."""
    if not info.demo:
        return []
    from desktop.demo.accounts import DEMO_ACCOUNTS

    return [DemoAccount(a.username, a.display_name, a.role, a.password) for a in DEMO_ACCOUNTS]


def demo_job(session_factory: sessionmaker[Session], today: date) -> Any:
    """The first-run demo township as a background job (its own session, its own thread)."""

    def job(cancel: threading.Event, progress: Progress) -> None:
        demo = importlib.import_module(DEMO_MODULE)
        with session_factory.begin() as session:
            demo.build_demo(
                session,
                households=demo.FIRST_RUN_HOUSEHOLDS,
                seed=demo.DEMO_SEED,
                today=today,
                progress=progress,
                cancel=cancel,
            )
            if cancel.is_set():
                raise JobCancelled()  # roll the half-built township back

    return job


# What the first screens after the login window need: the main window, the page it
# opens on and the household list, the page most used.
AFTER_LOGIN = (
    "desktop.ui.main_window",
    "desktop.ui.dashboard_page",
    "desktop.ui.households_page",
)


def preload_in_background(modules: tuple[str, ...]) -> threading.Thread:
    """Import ``modules`` on a background thread, while the GUI thread waits for the user.

    An import does the same whichever thread runs it, and Python's import locks
    make the GUI thread wait for a module that is half loaded here rather than
    load it twice.  A module that fails to import is left alone: the GUI
    thread's own import raises the error where it is handled.
    """

    def work() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:
                log.debug("preloading %s failed", name, exc_info=True)
                return

    thread = threading.Thread(target=work, name="anju-preload")
    thread.start()
    return thread


class Shell(QObject):
    """Login, then the main window; after a logout, login again."""

    def __init__(self, session_factory: sessionmaker[Session], db_path: Path, tasks: TaskRunner):
        super().__init__()
        self.session_factory = session_factory
        self.db_path = db_path
        self.tasks = tasks
        self.bus = Bus()
        self.window: MainWindow | None = None

    def log_in(self, username: str = "") -> bool:
        with self.session_factory.begin() as session:
            info = township.township_info(session)
            policy = township.policy(session)
        assert info is not None
        dialog = LoginDialog(
            self.session_factory, info, username=username, accounts=demo_accounts(info)
        )
        if smoke_stop_at_login(dialog):
            delete_now(dialog)
            return False
        # once the login window is up, load what comes after it while the user types
        QTimer.singleShot(0, dialog, lambda: preload_in_background(AFTER_LOGIN))
        accepted = dialog.exec()
        actor = dialog.actor
        delete_now(dialog)
        if not accepted or actor is None:
            return False
        from desktop.ui.main_window import MainWindow

        ctx = UiContext(
            session_factory=self.session_factory,
            actor=actor,
            township=info,
            policy=policy,
            db_path=self.db_path,
            bus=self.bus,
            clock=system_clock,
            tasks=self.tasks,
        )
        self.window = MainWindow(ctx)
        self.window.logged_out.connect(self.log_out)
        show_main_window(self.window)
        return True

    def log_out(self) -> None:
        """Close the window, then (once its dialogs have unwound) ask who logs in next."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)
        old = self.window
        self.window = None
        if old is not None:
            old.close()
            old.deleteLater()
        QTimer.singleShot(0, self._log_in_again)

    def _log_in_again(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        logged_in = self.log_in()
        app.setQuitOnLastWindowClosed(True)
        if not logged_in:
            app.quit()


SMOKE_ENV = "ANJU_SMOKE_EXIT_AT"
SMOKE_LOGIN_LINE = "anju-smoke: login window shown"


def smoke_stop_at_login(dialog: QWidget) -> bool:
    """The package check's stop: show the login window, say so on stdout, end cleanly.

    Only ``ANJU_SMOKE_EXIT_AT=login`` turns it on.  The .deb build check
    (tests/installer/test_build_deb.py) and installer/measure_start.py start the
    installed program offscreen and wait for this line, which proves the bundle
    found Qt, its resources and the migrations and got as far as the first window.
    """
    if os.environ.get(SMOKE_ENV) != "login":
        return False
    dialog.show()
    QCoreApplication.processEvents()
    if dialog.isVisible():
        print(SMOKE_LOGIN_LINE, flush=True)
    dialog.close()
    return True


def delete_now(window: QWidget) -> None:
    """Destroy a closed parentless window's Qt object here, on the GUI thread.

    Left to Python, a dialog held in a reference cycle (its form's error lines
    point back at it) is freed by the cycle collector, which runs on whichever
    thread happens to allocate, often the database worker counting the
    dashboard; Qt objects destroyed there stop their timers from the wrong
    thread and the program crashes ("QBasicTimer::stop: Failed. Possibly trying
    to stop from a different thread", then a segmentation fault, about one
    start in forty right after the login).
    """
    shiboken6.delete(window)


def show_main_window(window: QWidget) -> None:
    """Maximised on a laptop screen, a comfortable size on a large one."""
    screen = window.screen().availableGeometry()
    if screen.width() <= SMALL_SCREEN_WIDTH:
        # the geometry first: without a window manager (kiosk sessions) there is no maximising
        window.setGeometry(screen)
        window.showMaximized()
    else:
        window.resize(1280, 800)
        window.show()
