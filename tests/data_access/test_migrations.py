"""Migrations: from empty to head, and a downgrade/upgrade round trip."""

from sqlalchemy import inspect

from data_access.migrate import downgrade_to, upgrade_to_head
from data_access.models import Base


def test_upgrade_from_empty_creates_every_table(empty_engine):
    upgrade_to_head(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_downgrade_and_upgrade_round_trip(empty_engine):
    upgrade_to_head(empty_engine)
    downgrade_to(empty_engine, "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    upgrade_to_head(empty_engine)
    assert set(Base.metadata.tables) <= set(inspect(empty_engine).get_table_names())


def test_upgrade_twice_is_harmless(engine):
    upgrade_to_head(engine)
    assert "locality" in inspect(engine).get_table_names()


def test_models_match_the_migrations(engine):
    """A model change without its migration would fail here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_every_code_list_in_the_model_is_in_a_migration():
    """The CHECK constraints come from domain.vocabulary: a new code needs a migration."""
    from pathlib import Path

    from sqlalchemy import CheckConstraint

    versions = Path(__file__).resolve().parents[2] / "data_access/migrations/versions"
    migrations = "".join(path.read_text(encoding="utf-8") for path in versions.glob("*.py"))
    clauses = [
        str(constraint.sqltext)
        for table in Base.metadata.tables.values()
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint) and " in (" in str(constraint.sqltext)
    ]
    assert len(clauses) >= 17
    assert [clause for clause in clauses if clause not in migrations] == []


def test_the_audit_log_refuses_updates_and_deletes_in_the_database(engine):
    """Append-only by convention was not enough: any SQL could rewrite who did what."""
    import pytest
    from sqlalchemy import select, text
    from sqlalchemy.exc import DBAPIError

    from data_access.db import session_scope
    from data_access.models import AuditEvent

    with session_scope(engine) as s:
        s.add(AuditEvent(actor="Quản trị (admin)", action="create", entity="visit"))
    for statement in (
        "UPDATE audit_event SET actor = 'someone else'",
        "DELETE FROM audit_event",
    ):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    with session_scope(engine, read_only=True) as s:
        assert s.scalars(select(AuditEvent.actor)).all() == ["Quản trị (admin)"]
