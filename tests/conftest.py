"""Shared fixtures: real databases (SQLite files, and PostgreSQL when configured)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.pages_manager import PagesManager

from benchmarks.common import fresh_postgres_database
from data_access.db import create_db_engine
from data_access.migrate import upgrade_to_head
from sample_data.load import load_sample
from tests.helpers.data import IN_CI, TODAY, app_database_url, prepare_app_database
from tests.helpers.field import FieldTrip, copy_sqlite, field_trip, url_of

POSTGRES_URL = os.environ.get("GIAMSAT_TEST_POSTGRES_URL")
# The suite runs in several processes (pytest-xdist): each has databases of its own on the
# one server, or one would drop (WITH FORCE) the database another is using.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _backends() -> list[str]:
    return ["sqlite", "postgresql"]


def _fresh_postgres(database: str, template: str | None = None) -> Engine:
    """A new PostgreSQL database next to the configured one: empty, or a copy of
    ``template`` (a database nobody is connected to)."""
    if not POSTGRES_URL:
        if IN_CI:
            pytest.fail("GIAMSAT_TEST_POSTGRES_URL is not set: CI must run the PostgreSQL tests")
        pytest.skip("PostgreSQL not configured (set GIAMSAT_TEST_POSTGRES_URL)")
    if WORKER:
        database = f"{database}_{WORKER}"
        template = template and f"{template}_{WORKER}"
    return create_db_engine(fresh_postgres_database(POSTGRES_URL, database, template))


def _fresh_postgres_url(database: str) -> str:
    server = _fresh_postgres(database)
    url = server.url.render_as_string(hide_password=False)
    server.dispose()
    return url


@pytest.fixture
def postgres_url() -> str:
    """The address of a new, empty PostgreSQL database (for app processes to share)."""
    return _fresh_postgres_url("giamsat_shared")


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


@pytest.fixture
def sample_app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Environment for AppTest runs: a fresh SQLite file holding the sample and the test
    accounts. A screen's logic is the same on both databases, whose SQL the data layer's
    tests run on each; a module whose screens differ in server mode (administration, the
    sync) or that takes a whole journey to the shared server uses ``server_app_env``."""
    return _app_env("sqlite", tmp_path, monkeypatch)


@pytest.fixture(params=_backends())
def server_app_env(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The same on each backend: a SQLite file, or PostgreSQL for server mode."""
    return _app_env(request.param, tmp_path, monkeypatch)


def _app_env(backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIAMSAT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    if backend == "postgresql":
        monkeypatch.setenv("DATABASE_URL", _fresh_postgres_url("giamsat_app"))
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


@pytest.fixture(scope="session", params=_backends())
def field_trip_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FieldTrip]:
    """A server and two laptops that took out the Tam Kỳ visit, built once per backend;
    tests work on copies (``trip``)."""
    folder = tmp_path_factory.mktemp("field-trip")
    server = _engine_for(request.param, folder, "giamsat_trip_template")
    upgrade_to_head(server)
    trip = field_trip(server, folder)
    for engine in (server, *trip.laptops.values()):
        engine.dispose()  # a PostgreSQL template must have no connection
    yield trip


@pytest.fixture
def trip(field_trip_template: FieldTrip, tmp_path: Path) -> Iterator[FieldTrip]:
    """A fresh copy of the field trip: the server and its laptops as checked out."""
    template = field_trip_template
    if template.server.dialect.name == "sqlite":
        server = copy_sqlite(template.server, tmp_path / "server.sqlite3")
    else:
        server = _fresh_postgres("giamsat_trip", template="giamsat_trip_template")
    laptops = {
        name: copy_sqlite(laptop, tmp_path / f"{name}.sqlite3")
        for name, laptop in template.laptops.items()
    }
    copy = FieldTrip(
        server, url_of(server), laptops, template.tam_ky, template.visit_id, template.delegation_id
    )
    yield copy
    for engine in (server, *laptops.values()):
        engine.dispose()
