"""index for one value per exact period"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    # The dashboards check, for every value, that no better value exists for the same
    # locality, indicator and period: one probe of this index each.
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.create_index(
            "ix_indicator_value_period",
            ["campaign_id", "locality_id", "indicator_id", "period_start", "period_end"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.drop_index("ix_indicator_value_period")
