"""Load the sample into a database, idempotently, or reset a database to it."""

from __future__ import annotations

from sqlalchemy import Engine, select

from data_access.db import session_scope
from data_access.migrate import downgrade_to, upgrade_to_head
from data_access.models import Base, Locality
from data_access.writes import bump_data_version
from sample_data.builder import SampleBuilder
from sample_data.illustrative import add_illustrative
from sample_data.sources import add_demo_accounts, add_real_facts


def build_sample() -> list[Base]:
    builder = SampleBuilder()
    add_real_facts(builder)
    add_illustrative(builder)
    add_demo_accounts(builder)
    return builder.records


def load_sample(engine: Engine) -> int:
    """Add the sample records that are missing; returns how many were added.

    Records keep stable ids, so a second load adds nothing and never overwrites what a
    user has since changed in a sample record.
    """
    records = build_sample()
    added = 0
    with session_scope(engine) as session:
        by_model: dict[type[Base], list[Base]] = {}
        for record in records:
            by_model.setdefault(type(record), []).append(record)
        existing = set()
        for model, items in by_model.items():
            ids = [item.id for item in items]
            for start in range(0, len(ids), 500):
                existing.update(
                    session.scalars(select(model.id).where(model.id.in_(ids[start : start + 500])))
                )
        for record in records:  # in dependency order, as built
            if record.id not in existing:
                session.add(record)
                session.flush()
                added += 1
        if added:
            bump_data_version(session)
    return added


def reset_to_sample(engine: Engine) -> int:
    """Drop every table through the migrations, recreate them and load the sample."""
    downgrade_to(engine, "base")
    upgrade_to_head(engine)
    return load_sample(engine)


def load_sample_if_empty(engine: Engine) -> int:
    """First start: an empty database gets the sample; one with data is left alone."""
    with session_scope(engine, read_only=True) as session:
        if session.scalar(select(Locality.id).limit(1)) is not None:
            return 0
    return load_sample(engine)
