"""Screenshots of every page at 1366×768, at the default font size and at 16 pt.

Run ``scripts/screenshots`` (offscreen: no display needed).  It builds a small
demo township in a temporary folder, logs in as the demo administrator and as
a grid member, and writes ``docs/screens/<who>-<page>-<size>pt.png`` for each
page and for the windows a grid member opens most (the household form, the
visit form, a new work order, a work order's window).  Look at them after a
change to a screen: a column cut off, a heading that did not grow or a button
pushed out of sight shows here first.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.app import make_application  # noqa: E402
from desktop.services import auth, demo, township  # noqa: E402
from desktop.services.clock import system_clock  # noqa: E402
from desktop.services.households import HouseholdFilter, list_households  # noqa: E402
from desktop.store.db import make_session_factory  # noqa: E402
from desktop.store.migrate import open_database  # noqa: E402
from desktop.ui import fonts, i18n  # noqa: E402
from desktop.ui.context import Bus, UiContext  # noqa: E402
from desktop.ui.main_window import PAGES, MainWindow  # noqa: E402
from desktop.ui.tasks import TaskRunner  # noqa: E402

OUT = ROOT / "docs" / "screens"
SIZES = (fonts.DEFAULT_POINT_SIZE, 16)
SCREEN = (1366, 768)
HOUSEHOLDS = 120


def settle(app: QApplication, rounds: int = 30) -> None:
    """Let queued work (counts on the database worker, layouts) finish."""
    import time

    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, name: str) -> None:
    """The window as the user sees it, in 256 colours (a third of the size in the repository,
    the text as crisp: the screens are flat colours and grey anti-aliasing)."""
    path = OUT / f"{name}.png"
    image = (
        widget.grab()
        .toImage()
        .convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    )
    image.save(str(path), "PNG", 9)
    print(path.relative_to(ROOT))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="anju-screens-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    app = make_application()
    i18n.install_translators(app, i18n.LANG_ZH)
    opened = open_database(work / "demo.db")
    factory = make_session_factory(opened.engine)
    with factory.begin() as s:
        demo.build_demo(s, households=HOUSEHOLDS, seed=demo.DEMO_SEED, today=date.today())
    tasks = TaskRunner(app)
    for account in (demo.DEMO_ACCOUNTS[0], demo.DEMO_ACCOUNTS[1]):
        who = "admin" if account.role.value == "admin" else "grid-member"
        with factory.begin() as s:
            actor = auth.login(s, account.username, account.password)
            info = township.township_info(s)
            policy = township.policy(s)
            first = list_households(s, actor, HouseholdFilter(), limit=1)[0].id
        assert info is not None
        ctx = UiContext(factory, actor, info, policy, work / "demo.db", Bus(), system_clock, tasks)
        for size in SIZES:
            fonts.apply_font_size(size)
            window = MainWindow(ctx)
            window.setGeometry(0, 0, *SCREEN)
            window.show()
            settle(app)
            for index, entry in enumerate(PAGES):
                window.go_to(index)
                settle(app)
                save(window, f"{who}-{entry.key}-{size}pt")
            households = window.page("households")
            open_household = getattr(households, "open_household", None)
            if open_household is not None:
                window.go_to(1)
                open_household(first)
                settle(app)
                save(window, f"{who}-household-{size}pt")
                if actor.can_write:
                    from desktop.ui.household_form import HouseholdFormDialog
                    from desktop.ui.visit_form import VisitFormDialog

                    for name, cls in (("form", HouseholdFormDialog), ("visit", VisitFormDialog)):
                        dialog = cls(ctx, first, window)
                        dialog.setGeometry(0, 0, *SCREEN)
                        dialog.show()
                        settle(app)
                        save(dialog, f"{who}-{name}-{size}pt")
                        dialog.form.autosave_timer.stop()
                        dialog.done(0)
            orders = window.page("work_orders")
            window.go_to(3)
            if actor.can_write and hasattr(orders, "open_intake"):
                intake = orders.open_intake()
                settle(app)
                save(intake, f"{who}-intake-{size}pt")
                intake.done(0)
            model = getattr(orders, "model", None)
            if model is not None and model.rowCount():
                detail = orders.open_detail(model.rows[0].id)
                settle(app)
                save(detail, f"{who}-order-{size}pt")
                detail.done(0)
            window.close()
            window.deleteLater()
            settle(app, 5)
    tasks.wait_for_all()
    fonts.apply_font_size(fonts.DEFAULT_POINT_SIZE)
    opened.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
