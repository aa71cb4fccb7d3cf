"""The county workspace in a real headless Chromium, against a real county server with
laptops syncing into it: log in, read the overview against SQL, drill to a household,
take a 12345 request and see it reach a laptop, revoke a laptop, publish a bad rule."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text, update

from desktop.demo.builder import build_demo
from desktop.domain import sla
from desktop.services import township
from desktop.store.models import Device, Household, WorkOrder
from desktop.sync.errors import PackageRejected
from server import accounts
from server.app import make_app
from server.models import CountyDevice, CountyEnrolment, CountyRecord, RptHousehold
from tests.server.browser import browser, login, need_browser, serving, shot
from tests.server.conftest import _pg_schema_url
from tests.sync.harness import COUNTY_CODE, OTHER_TOWNSHIP, TOWNSHIP, Node, make_county, make_node

PASSWORD = "county-pass-2026"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A county (PostgreSQL when reachable, else SQLite) with two townships: a demo one of
    40 households on two laptops, and a small second one; three county accounts."""
    need_browser()
    tmp = tmp_path_factory.mktemp("county-web")
    made = _pg_schema_url()
    county = make_county(made[0] if made else f"sqlite+pysqlite:///{tmp / 'county.db'}")
    today = sla.to_china(datetime.now(UTC)).date()

    def demo(node: Node) -> None:
        with node.session() as s:
            build_demo(s, households=40, seed=11, today=today)

    def second(node: Node) -> None:
        with node.session() as s:
            township.set_up(
                s,
                profile_id="guizhou",
                county_code=COUNTY_CODE,
                county_name="永顺县",
                township_code=OTHER_TOWNSHIP,
                township_name="泽家镇",
                admin_username="admin",
                admin_display_name="管理员",
                admin_password="anju-admin-1",
            )

    a = make_node(county, tmp, name="灵溪镇 1 号笔记本", before_enrolment=demo)
    with county.sessions.begin() as s:
        s.execute(
            update(CountyEnrolment)
            .where(CountyEnrolment.township_code == TOWNSHIP)
            .values(profile="xiangxi")
        )
    a.sync()
    b = make_node(county, tmp, name="灵溪镇 2 号笔记本", set_up=False)
    b.sync()
    c = make_node(
        county, tmp, name="泽家镇 1 号笔记本", township_code=OTHER_TOWNSHIP, before_enrolment=second
    )
    c.sync()
    with c.session() as s:
        from tests.sync.harness import admin as admin_of

        actor = admin_of(c)
        site = township.township_area(s)
        del site
    from tests.sync.harness import new_household

    for _ in range(3):
        new_household(c)
    c.sync()
    del actor
    with county.sessions.begin() as s:
        accounts.create_account(
            s, username="admin", display_name="县局管理员", role="admin", password=PASSWORD
        )
        accounts.create_account(
            s, username="viewer", display_name="县局查看", role="viewer", password=PASSWORD
        )
        accounts.create_account(
            s, username="desk", display_name="热线坐席", role="desk", password=PASSWORD
        )
    with serving(make_app(county)) as url:
        yield {"county": county, "url": url, "a": a, "b": b, "c": c, "tmp": tmp}
    for n in (a, b, c):
        n.close()
    county.engine.dispose()
    if made:
        from sqlalchemy import create_engine

        from tests.server.conftest import PG_URL

        engine = create_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{made[1]}" CASCADE'))
        engine.dispose()


@pytest.fixture
def page(world: dict[str, Any], tmp_path: Path) -> Iterator[Any]:
    with browser(tmp_path) as context:
        yield context.new_page()


def _cells(page: Any, row_text: str) -> list[str]:
    row = page.locator("table tbody tr", has_text=row_text).first
    return [c.strip() for c in row.locator("td").all_inner_texts()]


def test_login_refuses_wrong_passwords_then_locks(world: dict[str, Any], page: Any) -> None:
    url = world["url"]
    with world["county"].sessions.begin() as s:
        accounts.create_account(
            s, username="guesser", display_name="x", role="viewer", password=PASSWORD
        )
    page.goto(url + "/")
    assert page.url.startswith(url + "/login/")  # not signed in: sent to the login page
    for _ in range(accounts.MAX_FAILED_LOGINS):
        login(page, url, "guesser", "wrong-password")
        assert "用户名或密码不对" in page.inner_text(".errorlist")
    shot(page, "login-refused")
    login(page, url, "guesser", PASSWORD)  # the right password, but locked now
    assert "账号已锁定" in page.inner_text(".errorlist")


def test_the_overview_matches_sql_and_drills_to_a_household(
    world: dict[str, Any], page: Any
) -> None:
    url, county = world["url"], world["county"]
    login(page, url, "viewer", PASSWORD)
    page.wait_for_url(url + "/")
    assert page.locator("h1").inner_text().startswith("全县总览")
    shot(page, "overview")
    with county.engine.connect() as conn:
        households = conn.execute(
            text("SELECT count(*) FROM rpt_households WHERE township_code = :t"), {"t": TOWNSHIP}
        ).scalar()
        persons = conn.execute(
            text("SELECT count(*) FROM rpt_persons WHERE township_code = :t"), {"t": TOWNSHIP}
        ).scalar()
        zero = conn.execute(
            text(
                "SELECT count(*) FROM rpt_households WHERE township_code = :t AND zero_employment"
            ),
            {"t": TOWNSHIP},
        ).scalar()
        other = conn.execute(
            text("SELECT count(*) FROM rpt_households WHERE township_code = :t"),
            {"t": OTHER_TOWNSHIP},
        ).scalar()
    cells = _cells(page, TOWNSHIP)
    assert households == 40
    assert cells[1] == str(households) and cells[2] == str(persons)
    assert cells[7] == str(zero)  # after the three monitoring categories
    assert _cells(page, OTHER_TOWNSHIP)[1] == str(other) == "3"
    assert page.get_attribute("svg.chart", "aria-label") == "每月走访户数与受理工单数"

    page.locator("table tbody tr", has_text=TOWNSHIP).first.locator("a").click()
    page.wait_for_url(re.compile(r".*/township/"))
    shot(page, "township")
    page.locator("table tbody tr").first.locator("a").click()
    page.wait_for_url(re.compile(r".*/site/"))
    shot(page, "site")
    page.locator("table tbody tr").first.locator("a").click()
    page.wait_for_url(re.compile(r".*/grid/"))
    shot(page, "grid")
    code = page.locator("table tbody tr").first.locator("a").inner_text()
    page.locator("table tbody tr").first.locator("a").click()
    page.wait_for_url(re.compile(r".*/household/"))
    shot(page, "household")
    assert code in page.locator("h1").inner_text()
    ids = page.locator("table").first.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert ids and all(re.fullmatch(r"\d{6}\*{8}[\dX]{4}", i) for i in ids)  # viewer: masked


def test_a_hotline_request_reaches_a_laptop_with_its_deadlines(
    world: dict[str, Any], page: Any
) -> None:
    url, county, a = world["url"], world["county"], world["a"]
    with county.sessions.begin() as s:
        household = s.scalar(
            select(RptHousehold).where(RptHousehold.township_code == TOWNSHIP).limit(1)
        )
        assert household is not None
        code, grid = household.code, household.grid_id
    login(page, url, "desk", PASSWORD)
    page.goto(url + "/hotline/")
    page.get_by_role("button", name="转办乡镇").click()  # nothing described: refused
    assert "请填写诉求内容" in page.inner_text(".field-error")
    page.get_by_label("转办乡镇").select_option(TOWNSHIP)
    page.get_by_label("12345 工单号").fill("2026120400123")
    page.get_by_label("诉求类别").select_option("utilities")
    page.get_by_label("住户编号（可不填）").fill(code)
    page.get_by_label("诉求内容").fill("家里停水两天了，请尽快处理")
    page.get_by_role("button", name="转办乡镇").click()
    page.wait_for_url(url + "/hotline/")
    assert "已转办乡镇" in page.inner_text(".messages")
    row = page.locator("#requests tbody tr", has_text="2026120400123")
    assert "回应（3分钟）" in row.inner_text()  # racing the 3-minute response
    shot(page, "hotline")

    a.sync()  # the township's laptop receives it, in the household's grid, on the clock
    with a.session() as s:
        order = s.scalar(select(WorkOrder).where(WorkOrder.description.like("家里停水%")))
        assert order is not None
        assert order.source == "county" and order.grid_id == grid
        assert order.respond_due is not None and order.resolve_due is not None
        order_id = order.id
    from desktop.services import work_orders
    from tests.sync.harness import admin as admin_of

    with a.session() as s:
        work_orders.respond(s, admin_of(a), order_id, note="已联系水务")
    a.sync()
    page.reload()
    row = page.locator("#requests tbody tr", has_text="2026120400123")
    assert "已响应" in row.inner_text()  # the township's step came back
    assert "到达现场（3小时）" in row.inner_text()


def test_revoking_a_laptop_refuses_its_next_package_and_tells_the_township(
    world: dict[str, Any], page: Any
) -> None:
    url, county, a, b = world["url"], world["county"], world["a"], world["b"]
    login(page, url, "admin", PASSWORD)
    page.goto(url + "/devices/")
    shot(page, "devices")
    page.locator("#devices tbody tr", has_text=b.name).get_by_role("link", name="停用…").click()
    page.get_by_role("button", name="确认停用").click()  # no reason: refused at the field
    assert "请写明停用原因" in page.inner_text(".field-error")
    shot(page, "revoke")
    page.get_by_label("停用原因").fill("笔记本在入户途中丢失")
    page.get_by_role("button", name="确认停用").click()
    page.wait_for_url(url + "/devices/")
    assert "已停用" in page.locator("#devices tbody tr", has_text=b.name).inner_text()
    with county.sessions.begin() as s:
        device = s.get(CountyDevice, b.device_id)
        assert device is not None and device.revoked and device.revoked_by == "admin"
        assert device.revoked_reason == "笔记本在入户途中丢失"
    with pytest.raises(PackageRejected) as refused:
        b.up()
    assert refused.value.code == "package_revoked_sender"
    a.sync()  # the township's other laptop is told
    with a.session() as s:
        told = s.get(Device, b.device_id)
        assert told is not None and told.revoked is True


def test_a_bad_rule_is_refused_with_its_field_and_a_good_one_is_applied(
    world: dict[str, Any], page: Any
) -> None:
    url, county, c = world["url"], world["county"], world["c"]
    login(page, url, "admin", PASSWORD)
    page.goto(url + "/publish/")
    box = page.get_by_label("政策规则调整（TOML）")
    box.fill("[service]\nrespond_minutes = -5\n")
    page.get_by_role("button", name="校验并发布").first.click()
    error = page.inner_text(".field-error")
    assert "service.respond_minutes" in error and "超出允许范围" in error
    shot(page, "publish-refused")
    box = page.get_by_label("政策规则调整（TOML）")
    box.fill("[service]\nwarning_fraction = 7.5\n")
    page.get_by_role("button", name="校验并发布").first.click()
    assert "service.warning_fraction" in page.inner_text(".field-error")
    with county.sessions.begin() as s:
        published = s.scalar(
            select(func.count()).where(CountyRecord.table_name == "published_rules")
        )
    assert published == 0
    page.get_by_label("发布范围").select_option(OTHER_TOWNSHIP)
    page.get_by_label("政策规则调整（TOML）").fill("[service]\nrespond_minutes = 5\n")
    page.get_by_role("button", name="校验并发布").first.click()
    page.wait_for_url(url + "/publish/")
    assert "0/1" in page.inner_text("#published")
    c.sync()  # it applies the rule; its next package tells the county so
    c.up()
    page.reload()
    assert "1/1 已应用" in page.inner_text("#published")
    shot(page, "publish")
    with c.session() as s:
        assert township.policy(s).service.respond_minutes == 5


def test_conflicts_and_ledgers_pages(world: dict[str, Any], page: Any) -> None:
    url, a = world["url"], world["a"]
    login(page, url, "admin", PASSWORD)
    page.goto(url + "/conflicts/")
    assert page.locator("h1").inner_text().startswith("待核对的冲突")
    shot(page, "conflicts")
    page.goto(url + "/ledgers/")
    page.get_by_label("台账").select_option("households")
    page.get_by_label("范围").select_option(TOWNSHIP)
    with page.expect_download() as info:
        page.get_by_role("button", name="导出 Excel").click()
    shot(page, "ledgers")
    assert info.value.suggested_filename.endswith(".xlsx")
    path = world["tmp"] / "ledger.xlsx"
    info.value.save_as(path)
    import openpyxl

    sheet = openpyxl.load_workbook(path).worksheets[0]
    codes = {str(c.value) for row in sheet.iter_rows() for c in row if c.value}
    with a.session() as s:
        mine = set(s.scalars(select(Household.code).where(Household.deleted.is_(False))))
    assert mine <= codes
