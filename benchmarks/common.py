"""What the benchmark scripts share: their section of docs/PERFORMANCE.md and medians.
The app server and the browser they drive are the tests' own (``tests.helpers.browser``)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERFORMANCE = ROOT / "docs" / "PERFORMANCE.md"


def write_section(name: str, section: str) -> None:
    """Replace (or add) the text between ``<!-- name:start -->`` and ``<!-- name:end -->``,
    leaving what the other scripts and people wrote around it."""
    text = PERFORMANCE.read_text(encoding="utf-8") if PERFORMANCE.exists() else "# Performance\n"
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{section.strip()}\n{end}"
    if start in text:
        before, _, rest = text.partition(start)
        _, _, after = rest.partition(end)
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    PERFORMANCE.write_text(text, encoding="utf-8")


def median_seconds(function, runs: int, before=None) -> float:
    """The median wall time of ``runs`` calls, each after ``before`` (not timed)."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def fresh_postgres_database(admin_url: str, name: str, template: str | None = None) -> str:
    """A database ``name`` created anew (dropped first) on the server of ``admin_url``:
    empty, or a copy of ``template`` (a database nobody is connected to); its URL."""
    from sqlalchemy import make_url, text

    from data_access.db import create_db_engine

    admin = create_db_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)
