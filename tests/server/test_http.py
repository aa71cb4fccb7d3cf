"""Devices and the county exchanging the same package bytes over HTTP on loopback."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.services import sync as sync_service
from desktop.services.actor import SYSTEM
from desktop.store.models import Household
from desktop.sync.errors import PackageRejected, TransferError
from desktop.sync.http_client import exchange
from desktop.sync.keys import keys_path
from server.county import County
from server.models import CountyChange
from tests.sync.harness import Node, add_household, edit, get, make_node


def _sync(node: Node, url: str) -> sync_service.ImportInfo:
    return sync_service.sync_now(node.sf, SYSTEM, keys_file=keys_path(node.path), server_url=url)


def test_two_devices_and_the_county_converge_over_http(
    county: County, server_url: str, tmp_path: Path
) -> None:
    a = make_node(county, tmp_path, name="a")
    b = make_node(county, tmp_path, name="b", set_up=False)
    try:
        hid = add_household(a, "H-1", phone="13800000001")
        for node in (a, b, a, b):
            _sync(node, server_url)
        assert get(b, Household, hid, "phone") == "13800000001"
        edit(a, Household, hid, phone="13811111111")
        edit(b, Household, hid, room="501")
        for node in (a, b, a, b):
            _sync(node, server_url)
        assert a.records() == b.records()
        county_rows = county.record_values("433127100")
        assert county_rows[("households", hid)]["phone"] == "13811111111"
        assert county_rows[("households", hid)]["room"] == "501"
        with a.session() as s:
            assert sync_service.status(s, SYSTEM).pending == 0
    finally:
        a.close()
        b.close()


def test_bad_bytes_get_a_typed_refusal_and_a_dead_server_a_clear_error(server_url: str) -> None:
    with pytest.raises(PackageRejected) as err:
        exchange(server_url, b"ANJUSYNC\x00\x00\x00\x10{}")
    assert err.value.code == "package_truncated"
    with pytest.raises(TransferError) as down:
        exchange("http://127.0.0.1:9", b"x", timeout=5)
    assert down.value.code == "server_unreachable"


def test_concurrent_uploads_never_lose_or_duplicate(
    county: County, server_url: str, tmp_path: Path
) -> None:
    nodes = [make_node(county, tmp_path, name=f"n{i}") for i in range(6)]
    try:
        for i, node in enumerate(nodes):
            for k in range(20):
                add_household(node, f"H-{i}-{k}")
        exports = [node.export() for node in nodes]
        errors: list[BaseException] = []

        def upload(data: bytes) -> None:
            try:
                exchange(server_url, data)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=upload, args=(e.data,)) for e in exports]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        with county.sessions.begin() as s:
            # the devices' changes; the county adds entries of its own (the conflicts it
            # found: six laptops each set up an "admin")
            devices = CountyChange.op != "conflict"
            total = s.scalar(select(func.count()).select_from(CountyChange).where(devices))
            distinct = s.scalar(select(func.count(func.distinct(CountyChange.pos))))
            everything = s.scalar(select(func.count()).select_from(CountyChange))
        assert total == sum(e.count for e in exports)
        assert distinct == everything
    finally:
        for node in nodes:
            node.close()


def test_anju_sync_now_prints_the_counts(
    county: County, server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from desktop import cli

    a = make_node(county, tmp_path, name="a")
    try:
        add_household(a, "H-1")
        a.engine.dispose()
        assert cli.main(["--db", str(a.path), "sync", "now", "--server", server_url, "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["status"] == "applied"
        assert cli.main(["--db", str(a.path), "sync", "now", "--server", "http://127.0.0.1:9"]) == 1
        assert "无法连接县级服务器" in capsys.readouterr().err
        with a.session() as s:
            assert sync_service.status(s, SYSTEM).pending == 0
    finally:
        a.close()


def test_no_change_travels_twice_over_http(county: County, server_url: str, tmp_path: Path) -> None:
    """Each exchange carries only what is new both ways: nothing of the previous answer
    comes again, nothing already acknowledged goes again."""
    a = make_node(county, tmp_path, name="a")
    b = make_node(county, tmp_path, name="b", set_up=False)
    seen: list[tuple[int, int, int]] = []
    real = county.import_package

    def counting(data: bytes):  # type: ignore[no-untyped-def]
        result = real(data)
        seen.append((result.first, result.last, sum(result.counts.values())))
        return result

    county.import_package = counting  # type: ignore[method-assign]
    try:
        add_household(a, "H-first")  # and its site
        for node in (a, b, a, b):
            _sync(node, server_url)
        for round_ in range(3):
            add_household(a, f"H-{round_}")
            answers = [_sync(node, server_url) for node in (a, b)]
            assert sum(answers[0].counts.values()) == 0  # a gets nothing back
            assert answers[1].counts.get("applied") == 1  # b gets the one household, once
            assert answers[1].counts.get("skipped", 0) == 0
        uploads = seen[-6:]
        assert [n for _first, _last, n in uploads if n] == [1, 1, 1]  # a's three, once each
    finally:
        a.close()
        b.close()


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ({}, b""),  # no body, no length
        ({"Content-Length": "0"}, b""),
        ({"Content-Length": "abc"}, b""),
    ],
)
def test_an_empty_or_unreadable_request_is_a_bad_request(
    server_url: str, headers: dict[str, str], body: bytes
) -> None:
    import http.client
    import json
    from urllib.parse import urlsplit

    where = urlsplit(server_url)
    conn = http.client.HTTPConnection(where.hostname or "", where.port, timeout=10)
    try:
        conn.putrequest("POST", "/api/v1/sync", skip_accept_encoding=True)
        for k, v in headers.items():
            conn.putheader(k, v)
        conn.endheaders(body)
        answer = conn.getresponse()
        assert answer.status == 400
        if answer.getheader("Content-Type", "").startswith("application/json"):
            assert json.loads(answer.read())["code"] == "package_empty"
        # else waitress refused a length that is not a number before the app saw it
    finally:
        conn.close()


@pytest.mark.parametrize("length", [None, "", "0", "abc", "-3", "1e3"])
def test_the_sync_app_answers_400_to_a_missing_empty_or_bad_length(
    county: County, length: str | None
) -> None:
    """The same through the WSGI app itself, whatever server passes the header on."""
    import io
    import json

    from server.app import make_app

    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/api/v1/sync", "wsgi.input": io.BytesIO()}
    if length is not None:
        environ["CONTENT_LENGTH"] = length
    status: list[str] = []
    body = b"".join(make_app(county)(environ, lambda s, h: status.append(s)))
    assert status == ["400 Bad Request"]
    assert json.loads(body)["code"] == "package_empty"
