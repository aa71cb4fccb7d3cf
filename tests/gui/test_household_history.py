"""The household page's history tab: who changed what and when, including what came by sync."""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.enums import Relation
from desktop.services import survey
from desktop.services.actor import Actor
from desktop.store.models import Change
from desktop.sync.capture import enable_capture
from desktop.sync.hlc import format_hlc
from desktop.ui.household_page import HouseholdPage
from tests.factories import make_household, make_site, make_user, member
from tests.gui.conftest import make_ui_context


def test_history_tab_lists_local_edits_and_synced_ones_in_words(
    qtbot: QtBot, township_db: sessionmaker[Session], admin: Actor, db_path: Path, tmp_path: Path
) -> None:
    handle = enable_capture(township_db)
    try:
        with township_db.begin() as s:
            site = make_site(s)
            h = make_household(
                s,
                site=site,
                code="S01-0042",
                members=[member("田大山", Relation.HEAD, labour="full", employment="unemployed")],
            )
            colleague = make_user(s, display_name="彭小军")
            hid = h.id
        with township_db.begin() as s:
            data = survey.household_input(s, admin, hid)
            head = dataclasses.replace(
                data.members[0], employment="employed", employer="溪州扶贫车间"
            )
            survey.save_household(
                s,
                admin,
                dataclasses.replace(data, members=(head,), room="502"),
                today=date(2026, 11, 22),
            )
        # an edit made on another workstation, received in a package
        with township_db.begin() as s:
            s.add(
                Change(
                    device_id="another-laptop",
                    seq=1,
                    hlc=format_hlc(1_795_000_000_000, 0),
                    user_id=colleague.user_id,
                    table_name="households",
                    row_id=hid,
                    op="update",
                    fields={"phone": ["13700002222", ""], "updated_at": ["x", "y"]},
                )
            )
    finally:
        handle.remove()

    ctx = make_ui_context(township_db, admin, db_path)
    page = HouseholdPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 720)
    page.show()
    assert page.show_household(hid)
    tab_bar = page.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(3).center())
    assert page.tabs.currentWidget() is page.history_view
    model = page.history_model
    rows = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    assert page.tabs.tabText(3) == f"变更记录（{len(rows)}）"
    texts = ["｜".join(str(v) for v in row) for row in rows]
    assert any("家庭成员 田大山" in t and "就业状态：未就业 → 务工" in t for t in texts), texts
    assert any("住户｜房号：" in t and " → 502" in t for t in texts), texts
    synced = next(t for t in texts if "电话" in t and "13700002222" in t)
    assert "彭小军 （同步）" in synced
    assert not any("updated_at" in t or "search_text" in t for t in texts)
    assert any("新增" in t for t in texts)  # the household's creation
    if os.environ.get("ANJU_KEEP_SHOTS"):
        page.grab().save(str(Path(os.environ["ANJU_KEEP_SHOTS"]) / "history_tab.png"))
