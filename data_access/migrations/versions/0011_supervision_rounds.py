"""supervision rounds: a delegation's round, its scheduled localities, its visits, its report"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "supervision_round",
        sa.Column("delegation_id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=True),
        sa.Column("decision_number", sa.String(length=100), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("results", sa.Text(), nullable=True),
        sa.Column("shortcomings", sa.Text(), nullable=True),
        sa.Column("difficulties", sa.Text(), nullable=True),
        sa.Column("proposals", sa.Text(), nullable=True),
        sa.Column("report_status", sa.String(length=8), nullable=False),
        sa.Column("report_file_name", sa.String(length=300), nullable=True),
        sa.Column("report_content", sa.LargeBinary(), nullable=True),
        sa.Column("report_uploaded_by", sa.String(length=200), nullable=True),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finalised_by", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        *_record_columns(),
        sa.CheckConstraint(
            "report_status in ('draft','final')",
            name=op.f("ck_supervision_round_report_status"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_supervision_round_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["delegation.id"],
            name=op.f("fk_supervision_round_delegation_id_delegation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_round")),
    )
    op.create_index(
        op.f("ix_supervision_round_delegation_id"), "supervision_round", ["delegation_id"]
    )
    op.create_table(
        "round_locality",
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("scheduled_date", sa.Date(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["locality_id"], ["locality.id"], name=op.f("fk_round_locality_locality_id_locality")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["supervision_round.id"],
            name=op.f("fk_round_locality_round_id_supervision_round"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_locality")),
        sa.UniqueConstraint("round_id", "locality_id", name=op.f("uq_round_locality_round_id")),
    )
    op.create_index(op.f("ix_round_locality_round_id"), "round_locality", ["round_id"])
    op.create_table(
        "round_visit",
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("visit_id", sa.Uuid(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["supervision_round.id"],
            name=op.f("fk_round_visit_round_id_supervision_round"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_round_visit_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_visit")),
        sa.UniqueConstraint("visit_id", name=op.f("uq_round_visit_visit_id")),
    )
    op.create_index(op.f("ix_round_visit_round_id"), "round_visit", ["round_id"])


def downgrade() -> None:
    op.drop_table("round_visit")
    op.drop_table("round_locality")
    op.drop_table("supervision_round")
