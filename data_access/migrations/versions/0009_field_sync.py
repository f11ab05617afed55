"""field sync: registered laptops, merge bases, conflicts, sync log; attached bytes in the DB"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    op.create_table(
        "attachment_content",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_content")),
    )
    op.create_table(
        "sync_base",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=True),
        sa.Column("sent", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("entity", "record_id", name=op.f("pk_sync_base")),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("visit_id", sa.Uuid(), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("base_value", sa.JSON(), nullable=False),
        sa.Column("kept_value", sa.JSON(), nullable=False),
        sa.Column("other_value", sa.JSON(), nullable=False),
        sa.Column("other_side", sa.String(length=200), nullable=False),
        sa.Column("laptop_id", sa.Uuid(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=200), nullable=True),
        sa.Column("resolution", sa.String(length=12), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflict_open", ["resolved_at", "visit_id"], unique=False)

    op.create_table(
        "sync_laptop",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("secret", sa.String(length=64), nullable=False),
        sa.Column("delegation_ids", sa.JSON(), nullable=False),
        sa.Column("locality_ids", sa.JSON(), nullable=False),
        sa.Column("registered_by", sa.String(length=200), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_laptop")),
    )
    op.create_table(
        "sync_log",
        sa.Column("laptop_id", sa.Uuid(), nullable=False),
        sa.Column("laptop_name", sa.String(length=200), nullable=False),
        sa.Column("push_id", sa.Uuid(), nullable=True),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("sent", sa.JSON(), nullable=False),
        sa.Column("received", sa.JSON(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("refused", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_log")),
        sa.UniqueConstraint("push_id", name=op.f("uq_sync_log_push_id")),
    )
    with op.batch_alter_table("sync_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_log_laptop_id"), ["laptop_id"], unique=False)

    op.create_table(
        "sync_state",
        sa.Column("laptop_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("server_name", sa.String(length=300), nullable=False),
        sa.Column("secret", sa.String(length=64), nullable=False),
        sa.Column("delegation_ids", sa.JSON(), nullable=False),
        sa.Column("locality_ids", sa.JSON(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("server_cursor", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pending_push_id", sa.Uuid(), nullable=True),
        sa.Column("pending_package", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("laptop_id", name=op.f("pk_sync_state")),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    with op.batch_alter_table("sync_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_log_laptop_id"))

    op.drop_table("sync_log")
    op.drop_table("sync_laptop")
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_conflict_open")

    op.drop_table("sync_conflict")
    op.drop_table("sync_base")
    op.drop_table("attachment_content")
