"""What a package holds, both directions.

Header (clear, authenticated): ``sender``, ``recipient``, ``first`` and ``last``
(the range of the sender's stream positions it covers), ``count``, ``schema``
(:data:`SCHEMA_VERSION`), ``ack`` (the last position of the recipient's stream
the sender has applied), ``created`` (the sender's clock, corrected), from the
county ``clock`` (its word on the recipient's clock), and, in a device's first packages,
``enrol`` (its enrolment token and public keys).

Payload (encrypted): ``entries``, each ``[position, origin device, seq, hlc,
user, table, row, op, fields]``; ``receipts`` ``[[seq, status, reason], ...]``
for the recipient's own changes; ``receipts_upto``; ``blobs``, the photos its entries name (see
:mod:`desktop.sync.photos`).  A device's stream
positions are its change sequence numbers; the county's are positions in its
log, filtered to the recipient's township (positions in between belong to
others), so a package's range can hold fewer entries than it spans.

Reading a package of 100 000 changes makes some four million small lists and
dicts that live until it is applied.  Python's cycle collector would walk them
again and again as they are made (reading took twice as long with it); there are
no cycles among them, so :func:`.apply.paused_gc` holds it off while a package
is read and applied, and lets it run as before afterwards.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desktop.store.base import utcnow
from desktop.sync.apply import paused_gc
from desktop.sync.crypto import KeyPair, PeerKey, b64, open_sealed, seal, unb64
from desktop.sync.merge import ChangeData

SCHEMA_VERSION = 1
SUFFIX = ".anjupkg"


def random_file_name() -> str:
    """A name that says nothing about people or places."""
    return f"{secrets.token_hex(8)}{SUFFIX}"


@dataclass(frozen=True)
class Entry:
    pos: int
    change: ChangeData


@dataclass(frozen=True)
class Package:
    sender: str
    recipient: str
    first: int
    last: int
    ack: int
    entries: tuple[Entry, ...]
    receipts: tuple[tuple[int, str, str], ...] = ()
    receipts_upto: int = 0
    enrol: dict[str, Any] | None = None
    schema: int = SCHEMA_VERSION
    blobs: dict[str, bytes] = field(default_factory=dict)  # photos by content-hash name
    # when the sender wrote it, by the sender's (corrected) clock: read back by parse()
    created: datetime | None = None
    # the county's word on the recipient's clock: {"ahead": seconds} means the
    # recipient's last package was dated at least that far after the county received it
    clock: dict[str, Any] | None = None


def build(keys: KeyPair, recipient_box_public: str, package: Package) -> bytes:
    header: dict[str, Any] = {
        "sender": package.sender,
        "recipient": package.recipient,
        "first": package.first,
        "last": package.last,
        "count": len(package.entries),
        "schema": package.schema,
        "ack": package.ack,
        "created": utcnow().isoformat(),
    }
    if package.clock is not None:
        header["clock"] = package.clock
    if package.enrol is not None:
        header["enrol"] = package.enrol
    payload = {
        "entries": [[e.pos, *e.change.to_wire()] for e in package.entries],
        "receipts": [list(r) for r in package.receipts],
        "receipts_upto": package.receipts_upto,
        "blobs": {name: b64(data) for name, data in package.blobs.items()},
    }
    return seal(keys, recipient_box_public, header, payload)


def parse(
    data: bytes,
    *,
    my_id: str,
    my_keys: KeyPair,
    sender_key: Callable[[str], PeerKey | None],
) -> Package:
    with paused_gc():
        header, payload = open_sealed(
            data,
            my_id=my_id,
            my_keys=my_keys,
            sender_key=sender_key,
            schema_version=SCHEMA_VERSION,
        )
        entries = tuple(
            Entry(int(item[0]), ChangeData.from_wire(item[1:])) for item in payload["entries"]
        )
    receipts = tuple((int(s), str(st), str(r)) for s, st, r in payload.get("receipts", []))
    return Package(
        sender=str(header["sender"]),
        recipient=str(header["recipient"]),
        first=int(header["first"]),
        last=int(header["last"]),
        ack=int(header.get("ack", 0)),
        entries=entries,
        receipts=receipts,
        receipts_upto=int(payload.get("receipts_upto", 0)),
        enrol=header.get("enrol"),
        schema=int(header.get("schema", SCHEMA_VERSION)),
        blobs={str(k): unb64(str(v)) for k, v in payload.get("blobs", {}).items()},
        created=_time(header.get("created")),
        clock=header.get("clock") if isinstance(header.get("clock"), dict) else None,
    )


def _time(text: Any) -> datetime | None:
    try:
        when = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def entries_after(entries: Sequence[Entry], position: int) -> list[ChangeData]:
    return [e.change for e in entries if e.pos > position]
