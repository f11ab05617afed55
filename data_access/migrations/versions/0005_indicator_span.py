"""indicator values combined per span of years"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    # Filled by data_access.migrate after the upgrade (from the values already stored),
    # then kept up to date by every write of values (data_access/spans.py).
    op.create_table(
        "indicator_span",
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("indicator_id", sa.Uuid(), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("n_values", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("period_label", sa.String(length=100), nullable=True),
        sa.Column("is_illustrative", sa.Boolean(), nullable=False),
        sa.Column("is_flow", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_indicator_span_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_span_indicator_id_indicator"),
        ),
        sa.ForeignKeyConstraint(
            ["locality_id"], ["locality.id"], name=op.f("fk_indicator_span_locality_id_locality")
        ),
        sa.PrimaryKeyConstraint(
            "campaign_id",
            "locality_id",
            "indicator_id",
            "first_year",
            "last_year",
            name=op.f("pk_indicator_span"),
        ),
    )


def downgrade() -> None:
    op.drop_table("indicator_span")
