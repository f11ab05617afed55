"""Load the sample into a database, idempotently, or reset a database to it."""

from __future__ import annotations

from sqlalchemy import Engine

from data_access.accounts import SYSTEM
from data_access.catalogue import has_localities
from data_access.migrate import downgrade_to, upgrade_to_head
from data_access.models import Base
from data_access.official_catalogue import install_on_first_start
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
    """Drop every table through the migrations, recreate them and load the sample, then
    the rest of the official catalogue, as on a first start."""
    downgrade_to(engine, "base")
    upgrade_to_head(engine)
    added = load_sample(engine)
    install_on_first_start(engine, SYSTEM)
    return added


def first_start(engine: Engine, *, with_sample: bool) -> None:
    """An empty database gets the sample (when wanted) and the official catalogue built
    into the tool; one with data is left alone. The sample goes first: its units are the
    catalogue's own (the same ids), and its succession links are kept."""
    if has_localities(engine):
        return
    if with_sample:
        load_sample(engine)
    install_on_first_start(engine, SYSTEM)
