"""Shared fixtures: real databases (SQLite files, and PostgreSQL when configured)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from streamlit.runtime.pages_manager import PagesManager

from data_access.db import create_db_engine
from data_access.migrate import upgrade_to_head
from sample_data.load import load_sample
from tests.helpers.data import IN_CI, TODAY, app_database_url, prepare_app_database

POSTGRES_URL = os.environ.get("GIAMSAT_TEST_POSTGRES_URL")


def _backends() -> list[str]:
    return ["sqlite", "postgresql"]


def _fresh_postgres(database: str) -> Engine:
    """A new, empty PostgreSQL database next to the configured one."""
    if not POSTGRES_URL:
        if IN_CI:
            pytest.fail("GIAMSAT_TEST_POSTGRES_URL is not set: CI must run the PostgreSQL tests")
        pytest.skip("PostgreSQL not configured (set GIAMSAT_TEST_POSTGRES_URL)")
    admin = create_db_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    url = make_url(create_db_engine(POSTGRES_URL).url).set(database=database)
    return create_db_engine(url.render_as_string(hide_password=False))


def _engine_for(backend: str, tmp_path: Path, name: str = "giamsat_test") -> Engine:
    if backend == "sqlite":
        return create_db_engine(f"sqlite:///{tmp_path / 'test.sqlite3'}")
    return _fresh_postgres(name)


@pytest.fixture(params=_backends())
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database with no tables, on each backend."""
    engine = _engine_for(request.param, tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture(params=_backends())
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database on each backend."""
    engine = _engine_for(request.param, tmp_path)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session", params=_backends())
def sample_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """The sample dataset, loaded once per backend; tests must only read it."""
    engine = _engine_for(request.param, tmp_path_factory.mktemp("sample"), "giamsat_sample")
    upgrade_to_head(engine)
    load_sample(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=_backends())
def sample_app_env(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Environment for AppTest runs: a fresh database (SQLite file, or PostgreSQL for
    server mode) holding the sample and the test accounts."""
    monkeypatch.setenv("GIAMSAT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    if request.param == "postgresql":
        server = _fresh_postgres("giamsat_app")
        url = server.url.render_as_string(hide_password=False)
        server.dispose()
        monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("GIAMSAT_TODAY", TODAY.isoformat())
    # Tests want the traceback the app hides from users.
    monkeypatch.setenv("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
    # AppTest starts every run in Streamlit's legacy pages-folder mode; a running server
    # is in navigation mode after its first run (see ui/shell.py). Test that steady state;
    # the first-run switch is covered by the browser tests.
    original_init = PagesManager.__init__

    def navigation_mode_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", navigation_mode_init)
    # Streamlit caches live for the whole process: each app test starts clean.
    st.cache_resource.clear()
    st.cache_data.clear()
    prepare_app_database(tmp_path, app_database_url(tmp_path))
    return tmp_path
