"""The county schema as create_all made it before the county had migrations.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import desktop.store.base


revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "county_blobs",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_county_blobs")),
    )
    op.create_table(
        "county_changes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("pos", sa.BigInteger(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=100), nullable=False),
        sa.Column("received_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_changes")),
        sa.UniqueConstraint("device_id", "seq", name=op.f("uq_county_changes_device_id")),
        sa.UniqueConstraint("pos", name=op.f("uq_county_changes_pos")),
    )
    with op.batch_alter_table("county_changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_county_changes_township_pos", ["township_code", "pos"], unique=False
        )

    op.create_table(
        "county_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("detected_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_conflicts")),
    )
    op.create_table(
        "county_devices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("sign_public_key", sa.Text(), nullable=False),
        sa.Column("box_public_key", sa.Text(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("enrolled_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("received_upto", sa.Integer(), nullable=False),
        sa.Column("acked_upto", sa.BigInteger(), nullable=False),
        sa.Column("receipts_upto", sa.Integer(), nullable=False),
        sa.Column("last_seen_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("clock_ahead_s", sa.Double(), nullable=True),
        sa.Column("clock_note_of", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_devices")),
    )
    with op.batch_alter_table("county_devices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_county_devices_township_code"), ["township_code"], unique=False
        )

    op.create_table(
        "county_enrolments",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("laptop_no", sa.Integer(), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("used_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_county_enrolments")),
    )
    op.create_table(
        "county_held",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_held")),
    )
    with op.batch_alter_table("county_held", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_county_held_device_id"), ["device_id"], unique=False)

    op.create_table(
        "county_parked",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("row_key", sa.String(length=100), nullable=False),
        sa.Column("change", sa.JSON(), nullable=False),
        sa.Column("waiting_for", sa.String(length=100), nullable=False),
        sa.Column("parked_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_parked")),
        sa.UniqueConstraint("device_id", "seq", name=op.f("uq_county_parked_device_id")),
    )
    with op.batch_alter_table("county_parked", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_county_parked_row_key"), ["row_key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_county_parked_township_code"), ["township_code"], unique=False
        )

    op.create_table(
        "county_records",
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=True),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("stamps", sa.JSON(), nullable=False),
        sa.Column("dup_key", sa.String(length=80), nullable=True),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_county_records")),
    )
    with op.batch_alter_table("county_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_county_records_dup_key"), ["dup_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_county_records_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_county_records_township_code"), ["township_code"], unique=False
        )

    op.create_table(
        "county_settings",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_county_settings")),
    )


def downgrade() -> None:

    op.drop_table("county_settings")
    with op.batch_alter_table("county_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_county_records_township_code"))
        batch_op.drop_index(batch_op.f("ix_county_records_owner_id"))
        batch_op.drop_index(batch_op.f("ix_county_records_dup_key"))

    op.drop_table("county_records")
    with op.batch_alter_table("county_parked", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_county_parked_township_code"))
        batch_op.drop_index(batch_op.f("ix_county_parked_row_key"))

    op.drop_table("county_parked")
    with op.batch_alter_table("county_held", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_county_held_device_id"))

    op.drop_table("county_held")
    op.drop_table("county_enrolments")
    with op.batch_alter_table("county_devices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_county_devices_township_code"))

    op.drop_table("county_devices")
    op.drop_table("county_conflicts")
    with op.batch_alter_table("county_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_county_changes_township_pos")

    op.drop_table("county_changes")
    op.drop_table("county_blobs")
