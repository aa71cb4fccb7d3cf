"""County publications (policy override, holiday table) reaching a township over HTTP,
and the device's clock compared with the county's on every HTTP sync."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.commands import sync as sync_commands
from desktop.domain.sla import CHINA_TZ
from desktop.services import conflicts, township
from desktop.services import sync as sync_service
from desktop.services import work_orders as svc
from desktop.services.actor import SYSTEM
from desktop.services.auth import login
from desktop.services.clock import Clock, FixedClock
from desktop.store.base import clock_offset
from desktop.sync.keys import keys_path
from desktop.ui.sync_page import SyncPage
from desktop.ui.tasks import TaskRunner
from server import cli as county_cli
from server.county import County
from server.models import CountyRecord
from tests.gui.conftest import make_ui_context
from tests.sync.harness import OTHER_TOWNSHIP, TOWNSHIP, Node, make_node


@pytest.fixture
def node(county: County, tmp_path: Path) -> Iterator[Node]:
    n = make_node(county, tmp_path, name="a")
    yield n
    n.close()


class SystemClockOff:
    """The program's clock on a computer whose own clock is ``minutes`` fast: the
    computer's time corrected by the offset the program has measured so far."""

    def __init__(self, minutes: float):
        self.skew = timedelta(minutes=minutes)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.skew - clock_offset()


def _sync(node: Node, url: str, clock: Clock | None = None) -> sync_service.ImportInfo:
    extra = {} if clock is None else {"clock": clock}
    return sync_service.sync_now(
        node.sf, SYSTEM, keys_file=keys_path(node.path), server_url=url, **extra
    )


def _publish(county: County, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    url = county.engine.url.render_as_string(hide_password=False)
    code = county_cli.main([*args[:1], "--db", url, *args[1:]])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _income_line(node: Node) -> int:
    with node.session() as s:
        return township.policy(s).monitoring.income_line_per_head_year


def _published_count(county: County) -> int:
    with county.sessions.begin() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(CountyRecord)
                .where(CountyRecord.table_name == "published_rules")
            )
            or 0
        )


def test_a_policy_override_published_at_the_county_is_in_force_after_the_next_sync(
    county: County,
    server_url: str,
    node: Node,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _sync(node, server_url)
    assert _income_line(node) == 6600
    other = tmp_path / "other.toml"
    other.write_text("[monitoring]\nincome_line_per_head_year = 8000\n", encoding="utf-8")
    code, out = _publish(county, capsys, "publish-policy", "--township", OTHER_TOWNSHIP, str(other))
    assert code == 0, out
    override = tmp_path / "override.toml"
    override.write_text("[monitoring]\nincome_line_per_head_year = 7000\n", encoding="utf-8")
    code, out = _publish(county, capsys, "publish-policy", "--township", TOWNSHIP, str(override))
    assert code == 0 and "随下一个同步包送达" in out
    assert _income_line(node) == 6600  # not before the package arrives
    info = _sync(node, server_url)
    assert info.rules_applied == 1  # only its own township's
    assert _income_line(node) == 7000
    # a local override set after the publication stands; an older one does not
    with node.session() as s:
        township.set_setting(s, "policy_override", "[monitoring]\nincome_line_per_head_year = 7500")
        township.set_setting(s, "policy_override_at", "2000-01-01T00:00:00+00:00")
    assert _income_line(node) == 7000
    with node.session() as s:
        later = (datetime.now(UTC) + timedelta(minutes=1)).isoformat()
        township.set_setting(s, "policy_override_at", later)
    assert _income_line(node) == 7500


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[monitoring\nincome_line_per_head_year = 7000\n", "不是有效的 TOML"),
        ("[monitoring]\nincome_line = 7000\n", "没有“monitoring.income_line”"),
        ('[monitoring]\nincome_line_per_head_year = "七千"\n', "取值不对"),
        ('[service]\nday_count = "lunar"\n', "service.day_count"),
    ],
)
def test_a_bad_policy_file_is_refused_at_the_county_and_nothing_is_published(
    county: County, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, said: str
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    code, out = _publish(county, capsys, "publish-policy", "--all", str(bad))
    assert code == 1
    assert said in out
    assert _published_count(county) == 0


def test_a_holiday_table_published_at_the_county_makes_a_provisional_deadline_firm(
    county: County,
    server_url: str,
    node: Node,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    working = tmp_path / "working.toml"
    working.write_text('[service]\nday_count = "working"\n', encoding="utf-8")
    assert _publish(county, capsys, "publish-policy", "--all", str(working))[0] == 0
    _sync(node, server_url)
    clock = FixedClock(datetime(2031, 5, 2, 10, tzinfo=CHINA_TZ))  # Friday, year not known
    with node.session() as s:
        admin = login(s, "admin", "anju-admin-1")
    with node.session() as s:
        order = svc.intake(
            s,
            admin,
            description="厨房水管漏水",
            category="utilities",
            source="hotline",
            clock=clock,
        )
    assert order.row.provisional
    assert order.resolve_due == datetime(2031, 5, 7, 10, tzinfo=CHINA_TZ)
    table = tmp_path / "2031.json"
    table.write_text(json.dumps({"holidays": ["2031-05-05"], "workdays": []}), encoding="utf-8")
    code, out = _publish(county, capsys, "publish-holidays", str(table))
    assert code == 0 and "2031" in out
    _sync(node, server_url, clock)
    with node.session() as s:
        detail = svc.order_detail(s, admin, order.row.id)
    assert not detail.row.provisional
    assert detail.resolve_due == datetime(2031, 5, 8, 10, tzinfo=CHINA_TZ)
    assert [e.kind for e in detail.events].count("deadline_updated") == 1
    _sync(node, server_url, clock)  # applied once: no second recompute
    with node.session() as s:
        again = svc.order_detail(s, admin, order.row.id)
    assert len(again.events) == len(detail.events)


def test_two_workstations_applying_one_publication_record_one_deadline_change(
    county: County,
    server_url: str,
    node: Node,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each workstation recomputes the open orders when the table arrives; the events
    they make meet as one record, with no conflict."""
    working = tmp_path / "working.toml"
    working.write_text('[service]\nday_count = "working"\n', encoding="utf-8")
    assert _publish(county, capsys, "publish-policy", "--all", str(working))[0] == 0
    _sync(node, server_url)
    clock = FixedClock(datetime(2031, 5, 2, 10, tzinfo=CHINA_TZ))
    with node.session() as s:
        admin = login(s, "admin", "anju-admin-1")
    with node.session() as s:
        order = svc.intake(
            s, admin, description="楼道漏水", category="utilities", source="hotline", clock=clock
        )
    second = make_node(county, tmp_path, name="b", set_up=False)
    try:
        _sync(node, server_url)
        _sync(second, server_url)  # both hold the open order with a provisional deadline
        table = tmp_path / "2031.json"
        table.write_text(json.dumps({"holidays": ["2031-05-05"]}), encoding="utf-8")
        assert _publish(county, capsys, "publish-holidays", str(table))[0] == 0
        for _ in range(2):
            for n in (node, second):
                _sync(n, server_url, clock)
        for n in (node, second):
            with n.session() as s:
                detail = svc.order_detail(s, admin, order.row.id)
                found = conflicts.list_conflicts(s, SYSTEM)
            assert [e.kind for e in detail.events].count("deadline_updated") == 1
            assert detail.resolve_due == datetime(2031, 5, 8, 10, tzinfo=CHINA_TZ)
            assert found == []
            assert n.audit() == []
    finally:
        second.close()


def test_a_device_clock_ten_minutes_fast_is_told_one_minute_is_not(
    county: County,
    server_url: str,
    node: Node,
    qapp: QApplication,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    info = _sync(node, server_url, SystemClockOff(minutes=10))
    assert info.clock_off_minutes == 10
    # from now on that computer writes by the county's time; the warning stays
    assert abs(SystemClockOff(minutes=10).now() - datetime.now(UTC)) < timedelta(seconds=35)
    sync_commands._print_import(info)
    assert "本机时钟与县服务器相差 10 分钟，请校准系统时间" in capsys.readouterr().out
    with node.session() as s:
        assert sync_service.status(s, SYSTEM).clock_off_minutes == 10
        admin = login(s, "admin", "anju-admin-1")
    tasks = TaskRunner()
    page = SyncPage(make_ui_context(node.sf, admin, node.path, tasks=tasks))
    qtbot.addWidget(page)
    assert page.clock_label.isVisibleTo(page)
    assert "10" in page.clock_label.text()

    info = _sync(node, server_url, SystemClockOff(minutes=1))  # set nearly right
    assert info.clock_off_minutes is None
    sync_commands._print_import(info)
    assert "时钟" not in capsys.readouterr().out
    page.refresh()
    assert not page.clock_label.isVisibleTo(page)
    tasks.wait_for_all()
