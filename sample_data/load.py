"""Load the sample into a database, idempotently, or reset a database to it."""

from __future__ import annotations

from sqlalchemy import Engine

from data_access.catalogue import has_localities
from data_access.migrate import downgrade_to, upgrade_to_head
from data_access.models import Base
from data_access.writes import add_missing_records
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
    return add_missing_records(engine, build_sample())


def reset_to_sample(engine: Engine) -> int:
    """Drop every table through the migrations, recreate them and load the sample."""
    downgrade_to(engine, "base")
    upgrade_to_head(engine)
    return load_sample(engine)


def load_sample_if_empty(engine: Engine) -> int:
    """First start: an empty database gets the sample; one with data is left alone."""
    return 0 if has_localities(engine) else load_sample(engine)
