"""The load script on a small scale: simultaneous browser sessions save and read against
one server, and every save they saw confirmed is in the database afterwards."""

from __future__ import annotations

from benchmarks.load_test import report, run
from benchmarks.national import build
from tests.helpers.browser import require_browser


def test_simultaneous_sessions_lose_no_save(tmp_path):
    require_browser()
    source = tmp_path / "national.sqlite3"
    build(f"sqlite:///{source}", scale=0.01, seed=3)
    logs, saved, load = run(3, 0.4, source, think=0.5)
    confirmed = {text for log in logs for text in log.confirmed}
    assert [log.errors for log in logs] == [[], [], []]
    assert len(confirmed) >= 3  # each session saved at least once
    assert confirmed <= saved  # none lost
    text = report(logs, saved, load, 0.4, 0.01, 0.5)
    assert "lost: 0 ✓" in text and "Errors shown: 0 ✓" in text
