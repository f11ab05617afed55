"""drafts per person"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"

# Drafts kept before this revision name their author as "Full Name (username)".
_USERNAME = re.compile(r"\(([^()]+)\)\s*$")


def upgrade() -> None:
    with op.batch_alter_table("draft") as batch_op:
        batch_op.add_column(sa.Column("owner", sa.String(length=100), nullable=True))
    draft = sa.table("draft", sa.column("id"), sa.column("author"), sa.column("owner"))
    connection = op.get_bind()
    for draft_id, author in connection.execute(sa.select(draft.c.id, draft.c.author)).all():
        found = _USERNAME.search(author or "")
        owner = found.group(1) if found else ""
        connection.execute(draft.update().where(draft.c.id == draft_id).values(owner=owner))
    with op.batch_alter_table("draft") as batch_op:
        batch_op.alter_column("owner", existing_type=sa.String(length=100), nullable=False)
        batch_op.drop_constraint(op.f("uq_draft_scope"), type_="unique")
        batch_op.create_unique_constraint(op.f("uq_draft_scope_owner"), ["scope", "owner"])


def downgrade() -> None:
    with op.batch_alter_table("draft") as batch_op:
        batch_op.drop_constraint(op.f("uq_draft_scope_owner"), type_="unique")
        batch_op.create_unique_constraint(op.f("uq_draft_scope"), ["scope"])
        batch_op.drop_column("owner")
