"""official documents: the time a session ended, an agency's own Word templates"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    # Plain ALTER TABLE on both databases: a batch copy of ``visit`` on SQLite would drop
    # the table that figures reported at a visit point to.
    op.add_column("visit", sa.Column("end_time", sa.String(length=40), nullable=True))
    op.create_table(
        "document_template",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_template")),
        sa.UniqueConstraint("kind", name=op.f("uq_document_template_kind")),
    )


def downgrade() -> None:
    op.drop_table("document_template")
    op.execute("ALTER TABLE visit DROP COLUMN end_time")  # SQLite 3.35 and later
