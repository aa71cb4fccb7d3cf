"""A package is readable only by its recipient and only as its sender wrote it:
anything else is refused with a typed error and nothing is applied."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from desktop.store.models import Household
from desktop.sync import package as pkg
from desktop.sync.crypto import KeyPair, PeerKey, open_sealed, seal
from desktop.sync.errors import EnrolmentError, PackageRejected
from tests.sync.harness import Node, add_household, get

SENDER = KeyPair.generate()
RECIPIENT = KeyPair.generate()


def _peer(revoked: bool = False) -> Callable[[str], PeerKey | None]:
    return lambda node: (
        PeerKey("s", SENDER.sign_public, SENDER.box_public, revoked) if node == "s" else None
    )


def _sealed(payload: object = None, **header: object) -> bytes:
    head = {"sender": "s", "recipient": "r", "schema": 1, **header}
    return seal(
        SENDER, RECIPIENT.box_public, head, payload if payload is not None else {"x": "户主张三"}
    )


def _open(data: bytes, peer: Callable[[str], PeerKey | None] | None = None) -> object:
    return open_sealed(
        data, my_id="r", my_keys=RECIPIENT, sender_key=peer or _peer(), schema_version=1
    )[1]


def test_round_trip_and_nothing_readable_in_clear() -> None:
    data = _sealed({"x": "户主张三 522601199001011234"})
    assert _open(data) == {"x": "户主张三 522601199001011234"}
    assert "张三".encode() not in data and b"522601199001011234" not in data


def test_every_flipped_byte_is_refused() -> None:
    data = _sealed()
    for i in range(0, len(data), max(1, len(data) // 97)):
        damaged = bytearray(data)
        damaged[i] ^= 0x01
        with pytest.raises(PackageRejected):
            _open(bytes(damaged))


@pytest.mark.parametrize("keep", [0, 3, 10, 30, -65, -1])
def test_truncated_file_is_refused_as_truncated(keep: int) -> None:
    data = _sealed()
    with pytest.raises(PackageRejected) as err:
        _open(data[:keep] if keep >= 0 else data[: len(data) + keep])
    assert err.value.code == "package_truncated"


def test_wrong_recipient_unknown_and_revoked_sender_newer_schema_unknown_suite() -> None:
    with pytest.raises(PackageRejected) as err:
        _open(
            seal(SENDER, RECIPIENT.box_public, {"sender": "s", "recipient": "x", "schema": 1}, {})
        )
    assert err.value.code == "package_wrong_recipient"
    with pytest.raises(PackageRejected) as err:
        _open(_sealed(), peer=lambda n: None)
    assert err.value.code == "package_unknown_sender"
    with pytest.raises(PackageRejected) as err:
        _open(_sealed(), peer=_peer(revoked=True))
    assert err.value.code == "package_revoked_sender"
    with pytest.raises(PackageRejected) as err:
        _open(_sealed(schema=99))
    assert err.value.code == "package_newer_schema"
    with pytest.raises(PackageRejected) as err:
        _open(b"PK\x03\x04 a zip file")
    assert err.value.code == "package_not_a_package"


def test_a_package_for_another_recipient_cannot_be_decrypted_by_it() -> None:
    other = KeyPair.generate()
    data = _sealed()
    with pytest.raises(PackageRejected):
        open_sealed(data, my_id="r", my_keys=other, sender_key=_peer(), schema_version=1)


def test_file_names_are_random_and_say_nothing() -> None:
    names = {pkg.random_file_name() for _ in range(100)}
    assert len(names) == 100
    assert all(re.fullmatch(r"[0-9a-f]{16}\.anjupkg", n) for n in names)


def test_damaged_package_from_the_county_applies_nothing(pair: tuple[Node, Node]) -> None:
    a, b = pair
    hid = add_household(a, "H-1", phone="13800000001")
    a.up()
    data, _ = b.county.export_for(b.device_id)
    before = b.records()
    for damaged in (data[:-10], data[:40] + bytes([data[40] ^ 0xFF]) + data[41:]):
        with pytest.raises(PackageRejected):
            b.receive(damaged)
    assert b.records() == before
    b.receive(data)
    assert get(b, Household, hid, "phone") == "13800000001"


def test_a_package_from_another_townships_device_is_refused(node_factory) -> None:
    a = node_factory(name="a")
    stranger = node_factory(name="s", township_code="433127101")
    a.sync()
    data, _ = a.county.export_for(a.device_id)
    with pytest.raises(PackageRejected) as err:
        stranger.receive(data)
    assert err.value.code == "package_wrong_recipient"


def test_unenrolled_device_and_reused_enrolment_are_refused(node_factory) -> None:
    a = node_factory(name="a")
    a.up()
    # the same enrolment token again, from another device's keys
    b = node_factory(name="b")
    with b.session() as s:
        from desktop.store.models import Setting

        row = s.get(Setting, "enrol_token")
        assert row is not None
        with a.session() as sa:
            used = json.loads(sa.get(Setting, "enrol_token").value)  # type: ignore[union-attr]
        token = json.loads(row.value)
        token["token"] = used["token"]
        row.value = json.dumps(token)
    with pytest.raises(EnrolmentError) as err:
        b.up()
    assert err.value.code == "enrolment_used"
    with b.session() as s:
        s.delete(s.get(Setting, "enrol_token"))
    with pytest.raises(PackageRejected) as rej:
        b.up()
    assert rej.value.code == "package_unknown_sender"


def test_revoked_device_is_refused(pair: tuple[Node, Node]) -> None:
    a, _ = pair
    a.county.revoke(a.device_id)
    add_household(a, "H-2")
    with pytest.raises(PackageRejected) as err:
        a.up()
    assert err.value.code == "package_revoked_sender"
