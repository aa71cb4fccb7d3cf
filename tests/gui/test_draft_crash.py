"""A half-typed household survives the program being killed.

The form runs in a child process (offscreen Qt) on the same township file; the
child types a name and a room, the autosave keeps the draft, and the child is
killed with SIGKILL, with no chance to clean up.  Opening the form again offers
the draft, and continuing it brings back what was typed.

Run as a script (``python tests/gui/test_draft_crash.py DB``) this file is the
child.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.models import Draft
from desktop.ui.context import UiContext
from desktop.ui.household_form import HouseholdForm
from tests.factories import make_building, make_grid, make_site

ROOT = Path(__file__).resolve().parents[2]


def _draft_count(factory: sessionmaker[Session]) -> int:
    with factory.begin() as s:
        return int(s.scalar(select(func.count()).select_from(Draft)) or 0)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_draft_survives_kill_9_and_is_offered_again(
    qtbot: QtBot,
    township_db: sessionmaker[Session],
    ui_context: UiContext,
    db_path: Path,
) -> None:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园安置区", code="XF")
        make_building(s, site, make_grid(s, site), name="3栋")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), str(db_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        qtbot.waitUntil(
            lambda: child.poll() is not None or _draft_count(township_db) > 0, timeout=60_000
        )
        assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
        # Let the child autosave once more after it typed everything, then kill it.
        qtbot.waitUntil(lambda: _draft_has_room(township_db), timeout=60_000)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    form = HouseholdForm(ui_context, autosave_ms=60_000)
    qtbot.addWidget(form)
    form.show()
    assert form.draft_offered()
    assert "未保存的草稿" in form.banner_text.text()
    qtbot.mouseClick(form.continue_button, Qt.MouseButton.LeftButton)
    assert not form.draft_offered()
    values = form.values()
    assert values["household"]["room"] == "501"
    assert values["members"][0]["name"] == "张三丰"
    # Saving clears the draft.
    form.cards[0].widget("resident_id").setText("433127196805010114")  # type: ignore[attr-defined]
    assert form.save(), [b.error_text() for b in form.fields.values()]
    assert _draft_count(township_db) == 0


def _draft_has_room(factory: sessionmaker[Session]) -> bool:
    with factory.begin() as s:
        draft = s.scalar(select(Draft).limit(1))
        return draft is not None and draft.data.get("household", {}).get("room") == "501"


def _child(db: Path) -> int:
    """Open the form as the administrator, type, and wait to be killed."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from desktop.services.auth import login
    from desktop.store.db import make_session_factory
    from desktop.store.migrate import open_database
    from desktop.ui import i18n
    from tests.conftest import ADMIN_PASSWORD
    from tests.gui.conftest import make_ui_context

    app = QApplication([])
    i18n.install_translators(app, i18n.LANG_ZH)
    factory = make_session_factory(open_database(db).engine)
    with factory.begin() as s:
        actor = login(s, "admin", ADMIN_PASSWORD)
    form = HouseholdForm(make_ui_context(factory, actor, db), autosave_ms=200)
    form.show()

    def type_things() -> None:
        name = form.cards[0].widget("name")
        event = QInputMethodEvent()
        event.setCommitString("张三丰")
        QApplication.sendEvent(name, event)
        room = form.field_widget("room")
        assert isinstance(room, QLineEdit)
        QTest.keyClicks(room, "501")

    QTimer.singleShot(100, type_things)
    return app.exec()


if __name__ == "__main__":
    sys.exit(_child(Path(sys.argv[1])))
