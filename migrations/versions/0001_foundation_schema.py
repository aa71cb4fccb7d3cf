"""foundation schema

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
        "areas",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["areas.id"], name=op.f("fk_areas_parent_id_areas")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_areas")),
    )
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_areas_code"), ["code"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("via", sa.String(length=10), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_at", ["at"], unique=False)

    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("recorded_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
        sa.UniqueConstraint("device_id", "seq", name=op.f("uq_changes_device_id")),
    )
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.create_index("ix_changes_hlc", ["hlc"], unique=False)
        batch_op.create_index("ix_changes_row", ["table_name", "row_id"], unique=False)

    op.create_table(
        "devices",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column("sign_public_key", sa.Text(), nullable=False),
        sa.Column("box_public_key", sa.Text(), nullable=False),
        sa.Column("enrolled_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
    )
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("form", sa.String(length=50), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("saved_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("user_id", "form", "record_id", name=op.f("uq_drafts_user_id")),
    )
    op.create_table(
        "monthly_snapshots",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("scope_id", sa.String(length=36), nullable=False),
        sa.Column("scope_code", sa.String(length=30), nullable=False),
        sa.Column("scope_name", sa.String(length=100), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("labourers", sa.Integer(), nullable=False),
        sa.Column("employed", sa.Integer(), nullable=False),
        sa.Column("zero_employment", sa.Integer(), nullable=False),
        sa.Column("monitored", sa.Integer(), nullable=False),
        sa.Column("visited", sa.Integer(), nullable=False),
        sa.Column("open_orders", sa.Integer(), nullable=False),
        sa.Column("overdue_orders", sa.Integer(), nullable=False),
        sa.Column("old_house_overdue", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monthly_snapshots")),
    )
    with op.batch_alter_table("monthly_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            "ix_monthly_snapshots_month_scope", ["month", "scope", "scope_id"], unique=False
        )

    op.create_table(
        "published_rules",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("published_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_rules")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("base", sa.JSON(), nullable=True),
        sa.Column("kept", sa.JSON(), nullable=True),
        sa.Column("kept_device", sa.String(length=36), nullable=False),
        sa.Column("kept_user", sa.String(length=36), nullable=True),
        sa.Column("kept_hlc", sa.String(length=40), nullable=False),
        sa.Column("other", sa.JSON(), nullable=True),
        sa.Column("other_device", sa.String(length=36), nullable=False),
        sa.Column("other_user", sa.String(length=36), nullable=True),
        sa.Column("other_hlc", sa.String(length=40), nullable=False),
        sa.Column("other_row_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decision", sa.JSON(), nullable=True),
        sa.Column("resolved_by", sa.String(length=36), nullable=True),
        sa.Column("resolved_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("detected_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflicts_status", ["status"], unique=False)

    op.create_table(
        "sync_evictions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("move_id", sa.String(length=36), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("received_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("removed_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_evictions")),
    )
    with op.batch_alter_table("sync_evictions", schema=None) as batch_op:
        batch_op.create_index("ix_sync_evictions_state", ["state", "move_id"], unique=False)

    op.create_table(
        "sync_held_packages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("peer_id", sa.String(length=36), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_held_packages")),
    )
    op.create_table(
        "sync_packages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("peer_id", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("change_count", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("applied", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_packages")),
    )
    op.create_table(
        "sync_peers",
        sa.Column("peer_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("sign_public_key", sa.Text(), nullable=False),
        sa.Column("box_public_key", sa.Text(), nullable=False),
        sa.Column("server_url", sa.String(length=200), nullable=False),
        sa.Column("received_upto", sa.Integer(), nullable=False),
        sa.Column("acked_upto", sa.Integer(), nullable=False),
        sa.Column("last_sync_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("peer_id", name=op.f("pk_sync_peers")),
    )
    op.create_table(
        "sync_receipts",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=100), nullable=False),
        sa.Column("received_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_receipts")),
    )
    op.create_table(
        "sync_row_stamps",
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("stamps", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_sync_row_stamps")),
    )
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("display_name", sa.String(length=50), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("last_login_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_username"), ["username"], unique=False)

    op.create_table(
        "sites",
        sa.Column("area_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("chief_name", sa.String(length=50), nullable=False),
        sa.Column("chief_phone", sa.String(length=20), nullable=False),
        sa.Column("facilities", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name=op.f("fk_sites_area_id_areas")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
    )
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sites_code"), ["code"], unique=False)

    op.create_table(
        "grids",
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("leader_user_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["leader_user_id"], ["users.id"], name=op.f("fk_grids_leader_user_id_users")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_grids_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grids")),
    )
    with op.batch_alter_table("grids", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grids_code"), ["code"], unique=False)

    op.create_table(
        "job_vacancies",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=True),
        sa.Column("employer", sa.String(length=100), nullable=False),
        sa.Column("position", sa.String(length=100), nullable=False),
        sa.Column("openings", sa.Integer(), nullable=False),
        sa.Column("monthly_wage", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("contact", sa.String(length=50), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_job_vacancies_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_vacancies")),
    )
    with op.batch_alter_table("job_vacancies", schema=None) as batch_op:
        batch_op.create_index("ix_job_vacancies_code", ["code"], unique=False)

    op.create_table(
        "site_assets",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("area", sa.Integer(), nullable=False),
        sa.Column("in_use", sa.Boolean(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("yearly_income", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_site_assets_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_assets")),
    )
    with op.batch_alter_table("site_assets", schema=None) as batch_op:
        batch_op.create_index("ix_site_assets_code", ["code"], unique=False)

    op.create_table(
        "support_projects",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("investment", sa.Integer(), nullable=False),
        sa.Column("jobs", sa.Integer(), nullable=False),
        sa.Column("relocated_jobs", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_support_projects_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_projects")),
    )
    with op.batch_alter_table("support_projects", schema=None) as batch_op:
        batch_op.create_index("ix_support_projects_code", ["code"], unique=False)

    op.create_table(
        "buildings",
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("grid_id", sa.String(length=36), nullable=True),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("floors", sa.Integer(), nullable=False),
        sa.Column("leader_person_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["grid_id"], ["grids.id"], name=op.f("fk_buildings_grid_id_grids")),
        sa.ForeignKeyConstraint(
            ["leader_person_id"],
            ["persons.id"],
            name=op.f("fk_buildings_leader_person_id_persons"),
            use_alter=True,
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_buildings_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buildings")),
    )
    with op.batch_alter_table("buildings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_buildings_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_buildings_grid_id"), ["grid_id"], unique=False)

    op.create_table(
        "user_grids",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("grid_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["grids.id"], name=op.f("fk_user_grids_grid_id_grids")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_grids_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_grids")),
    )
    with op.batch_alter_table("user_grids", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_grids_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index("ix_user_grids_pair", ["user_id", "grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_user_grids_user_id"), ["user_id"], unique=False)

    op.create_table(
        "households",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("grid_id", sa.String(length=36), nullable=True),
        sa.Column("building_id", sa.String(length=36), nullable=True),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("room", sa.String(length=10), nullable=False),
        sa.Column("origin_village", sa.String(length=100), nullable=False),
        sa.Column("move_in_date", sa.Date(), nullable=True),
        sa.Column("keys_handed_on", sa.Date(), nullable=True),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("monitoring", sa.String(length=20), nullable=False),
        sa.Column("monitoring_since", sa.Date(), nullable=True),
        sa.Column("monitoring_reason", sa.String(length=200), nullable=False),
        sa.Column("monitoring_exit_date", sa.Date(), nullable=True),
        sa.Column("monitoring_exit_reason", sa.String(length=200), nullable=False),
        sa.Column("old_house_status", sa.String(length=20), nullable=False),
        sa.Column("old_house_hazard", sa.Boolean(), nullable=False),
        sa.Column("old_house_demolished_on", sa.Date(), nullable=True),
        sa.Column("old_house_reclaimed_on", sa.Date(), nullable=True),
        sa.Column("old_house_note", sa.String(length=200), nullable=False),
        sa.Column("property_certificate", sa.Boolean(), nullable=False),
        sa.Column("vegetable_plot", sa.Boolean(), nullable=False),
        sa.Column("income_industry", sa.String(length=100), nullable=False),
        sa.Column("cadre_name", sa.String(length=50), nullable=False),
        sa.Column("cadre_phone", sa.String(length=20), nullable=False),
        sa.Column("head_name", sa.String(length=50), nullable=False),
        sa.Column("head_pinyin", sa.String(length=200), nullable=False),
        sa.Column("member_count", sa.Integer(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["building_id"], ["buildings.id"], name=op.f("fk_households_building_id_buildings")
        ),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["grids.id"], name=op.f("fk_households_grid_id_grids")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_households_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
    )
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_households_building_id"), ["building_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_households_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_head_name"), ["head_name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_households_head_pinyin"), ["head_pinyin"], unique=False
        )
        batch_op.create_index(
            "ix_households_list", ["grid_id", "deleted", "search_text"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_households_member_count"), ["member_count"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_households_monitoring"), ["monitoring"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_households_move_in_date"), ["move_in_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_households_phone"), ["phone"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_site_id"), ["site_id"], unique=False)

    op.create_table(
        "attachments",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("dated", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=80), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_attachments_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attachments_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "monitoring_periods",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.Column("entry_reason", sa.String(length=200), nullable=False),
        sa.Column("exited_on", sa.Date(), nullable=True),
        sa.Column("exit_reason", sa.String(length=200), nullable=False),
        sa.Column("risk_types", sa.JSON(), nullable=False),
        sa.Column("income_per_head", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_monitoring_periods_household_id_households"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_periods")),
    )
    with op.batch_alter_table("monitoring_periods", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_monitoring_periods_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "persons",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("name_pinyin", sa.String(length=200), nullable=False),
        sa.Column("name_initials", sa.String(length=50), nullable=False),
        sa.Column("resident_id", sa.String(length=18), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("ethnicity", sa.String(length=20), nullable=False),
        sa.Column("education", sa.String(length=20), nullable=False),
        sa.Column("health", sa.String(length=20), nullable=False),
        sa.Column("disability_grade", sa.Integer(), nullable=True),
        sa.Column("labour", sa.String(length=20), nullable=False),
        sa.Column("schooling", sa.String(length=20), nullable=False),
        sa.Column("employment", sa.String(length=20), nullable=False),
        sa.Column("employment_place", sa.String(length=20), nullable=False),
        sa.Column("employer", sa.String(length=100), nullable=False),
        sa.Column("monthly_income", sa.Integer(), nullable=False),
        sa.Column("employed_since", sa.Date(), nullable=True),
        sa.Column("skills", sa.String(length=200), nullable=False),
        sa.Column("training_wish", sa.String(length=200), nullable=False),
        sa.Column("medical_insurance", sa.Boolean(), nullable=False),
        sa.Column("pension_insurance", sa.Boolean(), nullable=False),
        sa.Column("dibao", sa.Boolean(), nullable=False),
        sa.Column("tekun", sa.Boolean(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("special_groups", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_persons_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
    )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index(
            "ix_persons_coverage", ["household_id", "deleted", "labour", "employment"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_persons_household_id"), ["household_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_persons_name_initials"), ["name_initials"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_persons_name_pinyin"), ["name_pinyin"], unique=False)
        batch_op.create_index(batch_op.f("ix_persons_phone"), ["phone"], unique=False)
        batch_op.create_index(batch_op.f("ix_persons_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "visits",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("income", sa.JSON(), nullable=False),
        sa.Column("income_per_head", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("alerts", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_visits_household_id_households")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_visits_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visits_coverage", ["household_id", "deleted", "visited_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_visits_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visits_visited_on"), ["visited_on"], unique=False)

    op.create_table(
        "employment_services",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_employment_services_household_id_households"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_employment_services_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employment_services")),
    )
    with op.batch_alter_table("employment_services", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_employment_services_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(
            "ix_employment_services_person_day", ["person_id", "service_date"], unique=False
        )

    op.create_table(
        "monitoring_measures",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("period_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_monitoring_measures_household_id_households"),
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["monitoring_periods.id"],
            name=op.f("fk_monitoring_measures_period_id_monitoring_periods"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_measures")),
    )
    with op.batch_alter_table("monitoring_measures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_monitoring_measures_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "work_orders",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=True),
        sa.Column("grid_id", sa.String(length=36), nullable=True),
        sa.Column("caller_name", sa.String(length=50), nullable=False),
        sa.Column("caller_phone", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("location", sa.String(length=100), nullable=False),
        sa.Column("needs_site_visit", sa.Boolean(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("handler_id", sa.String(length=36), nullable=True),
        sa.Column("received_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("respond_due", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("arrive_due", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("resolve_due", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("responded_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("arrived_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("resolved_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("followed_up_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("satisfaction", sa.String(length=20), nullable=False),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("linked_order_id", sa.String(length=36), nullable=True),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("clock_start", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("last_step_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("reopened", sa.Integer(), nullable=False),
        sa.Column("next_stage", sa.String(length=20), nullable=False),
        sa.Column("next_due", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("next_warn_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("deadline_provisional", sa.Boolean(), nullable=False),
        sa.Column("escalated_at", desktop.store.base.UTCDateTime(), nullable=True),
        sa.Column("department", sa.String(length=100), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("merged_into_id", sa.String(length=36), nullable=True),
        sa.Column("extension_state", sa.String(length=20), nullable=False),
        sa.Column("extension_days", sa.Integer(), nullable=False),
        sa.Column("extension_reason", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["grids.id"], name=op.f("fk_work_orders_grid_id_grids")
        ),
        sa.ForeignKeyConstraint(
            ["handler_id"], ["users.id"], name=op.f("fk_work_orders_handler_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_work_orders_household_id_households")
        ),
        sa.ForeignKeyConstraint(
            ["linked_order_id"],
            ["work_orders.id"],
            name=op.f("fk_work_orders_linked_order_id_work_orders"),
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["work_orders.id"],
            name=op.f("fk_work_orders_merged_into_id_work_orders"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_work_orders_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_orders")),
    )
    with op.batch_alter_table("work_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_orders_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_orders_code"), ["code"], unique=False)
        batch_op.create_index(
            "ix_work_orders_coverage",
            ["status", "deleted", "grid_id", "household_id", "resolve_due"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_work_orders_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_work_orders_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_work_orders_next_due"), ["next_due"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_work_orders_received_at"), ["received_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_work_orders_status"), ["status"], unique=False)

    op.create_table(
        "work_order_events",
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("device_time", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", desktop.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["work_orders.id"], name=op.f("fk_work_order_events_order_id_work_orders")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_work_order_events_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_order_events")),
    )
    with op.batch_alter_table("work_order_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_work_order_events_order_id"), ["order_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("work_order_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_order_events_order_id"))

    op.drop_table("work_order_events")
    with op.batch_alter_table("work_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_orders_status"))
        batch_op.drop_index(batch_op.f("ix_work_orders_received_at"))
        batch_op.drop_index(batch_op.f("ix_work_orders_next_due"))
        batch_op.drop_index(batch_op.f("ix_work_orders_household_id"))
        batch_op.drop_index(batch_op.f("ix_work_orders_grid_id"))
        batch_op.drop_index("ix_work_orders_coverage")
        batch_op.drop_index(batch_op.f("ix_work_orders_code"))
        batch_op.drop_index(batch_op.f("ix_work_orders_category"))

    op.drop_table("work_orders")
    with op.batch_alter_table("monitoring_measures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_monitoring_measures_household_id"))

    op.drop_table("monitoring_measures")
    with op.batch_alter_table("employment_services", schema=None) as batch_op:
        batch_op.drop_index("ix_employment_services_person_day")
        batch_op.drop_index(batch_op.f("ix_employment_services_household_id"))

    op.drop_table("employment_services")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visits_visited_on"))
        batch_op.drop_index(batch_op.f("ix_visits_household_id"))
        batch_op.drop_index("ix_visits_coverage")

    op.drop_table("visits")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_persons_resident_id"))
        batch_op.drop_index(batch_op.f("ix_persons_phone"))
        batch_op.drop_index(batch_op.f("ix_persons_name_pinyin"))
        batch_op.drop_index(batch_op.f("ix_persons_name_initials"))
        batch_op.drop_index(batch_op.f("ix_persons_household_id"))
        batch_op.drop_index("ix_persons_coverage")

    op.drop_table("persons")
    with op.batch_alter_table("monitoring_periods", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_monitoring_periods_household_id"))

    op.drop_table("monitoring_periods")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_household_id"))

    op.drop_table("attachments")
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_households_site_id"))
        batch_op.drop_index(batch_op.f("ix_households_phone"))
        batch_op.drop_index(batch_op.f("ix_households_move_in_date"))
        batch_op.drop_index(batch_op.f("ix_households_monitoring"))
        batch_op.drop_index(batch_op.f("ix_households_member_count"))
        batch_op.drop_index("ix_households_list")
        batch_op.drop_index(batch_op.f("ix_households_head_pinyin"))
        batch_op.drop_index(batch_op.f("ix_households_head_name"))
        batch_op.drop_index(batch_op.f("ix_households_grid_id"))
        batch_op.drop_index(batch_op.f("ix_households_code"))
        batch_op.drop_index(batch_op.f("ix_households_category"))
        batch_op.drop_index(batch_op.f("ix_households_building_id"))

    op.drop_table("households")
    with op.batch_alter_table("user_grids", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_grids_user_id"))
        batch_op.drop_index("ix_user_grids_pair")
        batch_op.drop_index(batch_op.f("ix_user_grids_grid_id"))

    op.drop_table("user_grids")
    with op.batch_alter_table("buildings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buildings_grid_id"))
        batch_op.drop_index(batch_op.f("ix_buildings_code"))

    op.drop_table("buildings")
    with op.batch_alter_table("support_projects", schema=None) as batch_op:
        batch_op.drop_index("ix_support_projects_code")

    op.drop_table("support_projects")
    with op.batch_alter_table("site_assets", schema=None) as batch_op:
        batch_op.drop_index("ix_site_assets_code")

    op.drop_table("site_assets")
    with op.batch_alter_table("job_vacancies", schema=None) as batch_op:
        batch_op.drop_index("ix_job_vacancies_code")

    op.drop_table("job_vacancies")
    with op.batch_alter_table("grids", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grids_code"))

    op.drop_table("grids")
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sites_code"))

    op.drop_table("sites")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_username"))

    op.drop_table("users")
    op.drop_table("sync_row_stamps")
    op.drop_table("sync_receipts")
    op.drop_table("sync_peers")
    op.drop_table("sync_packages")
    op.drop_table("sync_held_packages")
    with op.batch_alter_table("sync_evictions", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_evictions_state")

    op.drop_table("sync_evictions")
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_conflicts_status")

    op.drop_table("sync_conflicts")
    op.drop_table("settings")
    op.drop_table("published_rules")
    with op.batch_alter_table("monthly_snapshots", schema=None) as batch_op:
        batch_op.drop_index("ix_monthly_snapshots_month_scope")

    op.drop_table("monthly_snapshots")
    op.drop_table("drafts")
    op.drop_table("devices")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_row")
        batch_op.drop_index("ix_changes_hlc")

    op.drop_table("changes")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_at")

    op.drop_table("audit_events")
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_areas_code"))

    op.drop_table("areas")
