"""The county workspace: web accounts and sessions, 12345 requests, revocation with its
reason, the township's profile at enrolment, and the typed reporting tables.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import desktop.store.base


revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "county_accounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("display_name", sa.String(length=50), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("last_login_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_accounts")),
        sa.UniqueConstraint("username", name=op.f("uq_county_accounts_username")),
    )
    op.create_table(
        "county_hotline",
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("ticket", sa.String(length=40), nullable=False),
        sa.Column("taken_by", sa.String(length=50), nullable=False),
        sa.Column("taken_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_county_hotline")),
    )
    with op.batch_alter_table("county_hotline", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_county_hotline_township_code"), ["township_code"], unique=False
        )

    op.create_table(
        "county_web_sessions",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("expire_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_county_web_sessions")),
    )
    with op.batch_alter_table("county_web_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_county_web_sessions_expire_at"), ["expire_at"], unique=False
        )

    op.create_table(
        "rpt_areas",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rpt_areas")),
    )
    with op.batch_alter_table("rpt_areas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rpt_areas_code"), ["code"], unique=False)

    op.create_table(
        "rpt_grids",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rpt_grids")),
    )
    with op.batch_alter_table("rpt_grids", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rpt_grids_site_id"), ["site_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_rpt_grids_township_code"), ["township_code"], unique=False
        )

    op.create_table(
        "rpt_households",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("grid_id", sa.String(length=36), nullable=True),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("head_name", sa.String(length=50), nullable=False),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("room", sa.String(length=10), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("move_in_date", sa.Date(), nullable=True),
        sa.Column("monitoring", sa.String(length=20), nullable=False),
        sa.Column("old_house_status", sa.String(length=20), nullable=False),
        sa.Column("old_house_hazard", sa.Boolean(), nullable=False),
        sa.Column("old_house_demolished_on", sa.Date(), nullable=True),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("labourers", sa.Integer(), nullable=False),
        sa.Column("employed", sa.Integer(), nullable=False),
        sa.Column("in_work", sa.Integer(), nullable=False),
        sa.Column("zero_employment", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rpt_households")),
    )
    with op.batch_alter_table("rpt_households", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rpt_households_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rpt_households_site_id"), ["site_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_rpt_households_township_code"), ["township_code"], unique=False
        )

    op.create_table(
        "rpt_order_events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rpt_order_events")),
    )
    with op.batch_alter_table("rpt_order_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rpt_order_events_order_id"), ["order_id"], unique=False)

    op.create_table(
        "rpt_persons",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("resident_id", sa.String(length=18), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("labour", sa.String(length=20), nullable=False),
        sa.Column("employment", sa.String(length=20), nullable=False),
        sa.Column("monthly_income", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rpt_persons")),
    )
    with op.batch_alter_table("rpt_persons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rpt_persons_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_rpt_persons_township_code"), ["township_code"], unique=False
        )

    op.create_table(
        "rpt_sites",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rpt_sites")),
    )
    with op.batch_alter_table("rpt_sites", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rpt_sites_township_code"), ["township_code"], unique=False
        )

    op.create_table(
        "rpt_visits",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rpt_visits")),
    )
    with op.batch_alter_table("rpt_visits", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rpt_visits_household_day", ["household_id", "visited_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_rpt_visits_township_code"), ["township_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_rpt_visits_visited_on"), ["visited_on"], unique=False)

    op.create_table(
        "rpt_work_orders",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=True),
        sa.Column("grid_id", sa.String(length=36), nullable=True),
        sa.Column("household_id", sa.String(length=36), nullable=True),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("caller_name", sa.String(length=50), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("needs_site_visit", sa.Boolean(), nullable=False),
        sa.Column("received_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("respond_due", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("arrive_due", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("resolve_due", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("responded_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("arrived_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("resolved_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("next_stage", sa.String(length=20), nullable=False),
        sa.Column("next_due", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rpt_work_orders")),
    )
    with op.batch_alter_table("rpt_work_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rpt_work_orders_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_rpt_work_orders_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_rpt_work_orders_next_due"), ["next_due"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_rpt_work_orders_received_at"), ["received_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_rpt_work_orders_site_id"), ["site_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rpt_work_orders_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_rpt_work_orders_township_code"), ["township_code"], unique=False
        )

    with op.batch_alter_table("county_devices", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("revoked_at", desktop.store.base.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("revoked_reason", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("revoked_by", sa.String(length=50), server_default="", nullable=False)
        )

    with op.batch_alter_table("county_enrolments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("profile", sa.String(length=50), server_default="default", nullable=False)
        )


def downgrade() -> None:

    with op.batch_alter_table("county_enrolments", schema=None) as batch_op:
        batch_op.drop_column("profile")

    with op.batch_alter_table("county_devices", schema=None) as batch_op:
        batch_op.drop_column("revoked_by")
        batch_op.drop_column("revoked_reason")
        batch_op.drop_column("revoked_at")

    with op.batch_alter_table("rpt_work_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rpt_work_orders_township_code"))
        batch_op.drop_index(batch_op.f("ix_rpt_work_orders_status"))
        batch_op.drop_index(batch_op.f("ix_rpt_work_orders_site_id"))
        batch_op.drop_index(batch_op.f("ix_rpt_work_orders_received_at"))
        batch_op.drop_index(batch_op.f("ix_rpt_work_orders_next_due"))
        batch_op.drop_index(batch_op.f("ix_rpt_work_orders_household_id"))
        batch_op.drop_index(batch_op.f("ix_rpt_work_orders_grid_id"))

    op.drop_table("rpt_work_orders")
    with op.batch_alter_table("rpt_visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rpt_visits_visited_on"))
        batch_op.drop_index(batch_op.f("ix_rpt_visits_township_code"))
        batch_op.drop_index("ix_rpt_visits_household_day")

    op.drop_table("rpt_visits")
    with op.batch_alter_table("rpt_sites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rpt_sites_township_code"))

    op.drop_table("rpt_sites")
    with op.batch_alter_table("rpt_persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rpt_persons_township_code"))
        batch_op.drop_index(batch_op.f("ix_rpt_persons_household_id"))

    op.drop_table("rpt_persons")
    with op.batch_alter_table("rpt_order_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rpt_order_events_order_id"))

    op.drop_table("rpt_order_events")
    with op.batch_alter_table("rpt_households", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rpt_households_township_code"))
        batch_op.drop_index(batch_op.f("ix_rpt_households_site_id"))
        batch_op.drop_index(batch_op.f("ix_rpt_households_grid_id"))

    op.drop_table("rpt_households")
    with op.batch_alter_table("rpt_grids", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rpt_grids_township_code"))
        batch_op.drop_index(batch_op.f("ix_rpt_grids_site_id"))

    op.drop_table("rpt_grids")
    with op.batch_alter_table("rpt_areas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rpt_areas_code"))

    op.drop_table("rpt_areas")
    with op.batch_alter_table("county_web_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_county_web_sessions_expire_at"))

    op.drop_table("county_web_sessions")
    with op.batch_alter_table("county_hotline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_county_hotline_township_code"))

    op.drop_table("county_hotline")
    op.drop_table("county_accounts")
