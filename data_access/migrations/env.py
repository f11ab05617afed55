"""Alembic environment: uses the caller's connection when given one (the app, tests),
otherwise DATABASE_URL (the alembic command line)."""

from __future__ import annotations

from alembic import context

from data_access.config import load_settings
from data_access.db import create_db_engine
from data_access.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_db_engine(load_settings().database_url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
