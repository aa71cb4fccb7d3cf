"""Local bookkeeping of sync: row clocks, peers, packages, conflicts, receipts.

None of these tables travels in packages; each node keeps its own.  See
``desktop/sync/__init__.py`` for the design they serve.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, utcnow


class SyncRowStamp(Base):
    """Per synced row, which change last set each field: ``{field: [hlc, device, seq]}``.

    The merge compares an incoming change with these stamps instead of reading
    the row's whole history.
    """

    __tablename__ = "sync_row_stamps"
    table_name: Mapped[str] = mapped_column(String(50), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    stamps: Mapped[dict[str, Any]]


class SyncPeer(Base):
    """The other end of a package stream (on a device: the county).

    ``received_upto``: the last position of the peer's stream applied here.
    ``acked_upto``: the last position of our stream the peer has acknowledged.
    """

    __tablename__ = "sync_peers"
    peer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    sign_public_key: Mapped[str] = mapped_column(Text, default="")
    box_public_key: Mapped[str] = mapped_column(Text, default="")
    server_url: Mapped[str] = mapped_column(String(200), default="")
    received_upto: Mapped[int] = mapped_column(Integer, default=0)
    acked_upto: Mapped[int] = mapped_column(Integer, default=0)
    last_sync_at: Mapped[datetime | None]


class SyncPackage(Base):
    """One package written or read, for the Sync page's list and for support."""

    __tablename__ = "sync_packages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    direction: Mapped[str] = mapped_column(String(10))  # out / in
    peer_id: Mapped[str] = mapped_column(String(36))
    file_name: Mapped[str] = mapped_column(String(200), default="")
    first: Mapped[int] = mapped_column(Integer, default=0)
    last: Mapped[int] = mapped_column(Integer, default=0)
    change_count: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20))  # written / applied / held / replayed
    applied: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncHeldPackage(Base):
    """A verified package that arrived after a gap, kept until the gap is filled."""

    __tablename__ = "sync_held_packages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    peer_id: Mapped[str] = mapped_column(String(36))
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncConflict(Base):
    """Two values written without seeing each other, or an edit racing a delete,
    or two persons with one resident ID: kept for a person to review.

    Found by the county and received from it (``desktop.sync.merge`` ``CONFLICT_OP``
    entries), so every node holds the same conflicts under the same ids.
    ``kept_*`` is the value that stood when the county found it, ``other_*`` the one
    that did not win; what stands now is read from the record itself.
    ``decision`` is the reviewer's decision that settled it (``ref``, ``by``, ``hlc``,
    ``device``, ``value``), the same on every node.
    """

    __tablename__ = "sync_conflicts"
    __table_args__ = (Index("ix_sync_conflicts_status", "status"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # field / delete / duplicate
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(50))
    base: Mapped[Any] = mapped_column(JSON, nullable=True)
    kept: Mapped[Any] = mapped_column(JSON, nullable=True)
    kept_device: Mapped[str] = mapped_column(String(36), default="")
    kept_user: Mapped[str | None] = mapped_column(String(36))
    kept_hlc: Mapped[str] = mapped_column(String(40), default="")
    other: Mapped[Any] = mapped_column(JSON, nullable=True)
    other_device: Mapped[str] = mapped_column(String(36), default="")
    other_user: Mapped[str | None] = mapped_column(String(36))
    other_hlc: Mapped[str] = mapped_column(String(40), default="")
    other_row_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(10), default="open")  # open / resolved
    decision: Mapped[Any] = mapped_column(JSON, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(36))
    resolved_at: Mapped[datetime | None]
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncReceipt(Base):
    """What the county said about one of our changes: accepted, rejected or conflict."""

    __tablename__ = "sync_receipts"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(100), default="")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncEviction(Base):
    """A record the county moved out of this township (a household relocated to
    another township, with its members and files).

    Received in the county's package; the rows of one move are removed together,
    children first, once none of them has an edit of ours the county has not
    acknowledged (``held`` until then, ``removed`` after).
    """

    __tablename__ = "sync_evictions"
    __table_args__ = (Index("ix_sync_evictions_state", "state", "move_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    move_id: Mapped[str] = mapped_column(String(36))
    ordinal: Mapped[int] = mapped_column(Integer)  # removal order within the move
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(10), default="held")  # held / removed
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None]
