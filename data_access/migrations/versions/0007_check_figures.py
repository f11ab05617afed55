"""check figures: a flow that restates recorded periods is kept apart, never added"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    # A plain ADD COLUMN on both databases: no table rebuild, every value stays a figure.
    op.add_column(
        "indicator_value",
        sa.Column("is_check", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("indicator_value") as batch_op:
        batch_op.drop_column("is_check")
