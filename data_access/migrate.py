"""Apply Alembic migrations: at app start, in tests, from the command line."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from data_access.config import PROJECT_ROOT
from data_access.spans import rebuild_spans, spans_missing


def alembic_config() -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "data_access" / "migrations"))
    return cfg


def _run(engine: Engine, action: str, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        getattr(command, action)(cfg, revision)


def upgrade_to_head(engine: Engine) -> None:
    _run(engine, "upgrade", "head")
    # A database from before the span table gets its spans once (see data_access/spans.py).
    with engine.begin() as connection:
        if spans_missing(connection):
            rebuild_spans(connection)


def downgrade_to(engine: Engine, revision: str) -> None:
    _run(engine, "downgrade", revision)
