"""The national-scale generator: the shape the benchmarks rely on, the same data from the
same seed, and figures the screens can read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.national import ACCOUNTS, build


def _summary(path: Path) -> tuple:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "select (select count(*) from indicator_value), (select round(sum(value), 1) "
            "from indicator_value where source like 'Số liệu minh họa sinh tự động%'), "
            "(select group_concat(text, '|') from (select text from recommendation "
            "order by visit_id, sort_order limit 50)), (select count(*) from work)"
        ).fetchone()


def test_a_small_national_dataset_is_complete_and_reproducible(tmp_path):
    first = build(f"sqlite:///{tmp_path / 'a.sqlite3'}", scale=0.01, seed=7)
    assert first.provinces == 34  # every province keeps at least one commune
    assert first.communes >= 34
    # 8 years of quarters, five or six indicators each, for every commune.
    assert 32 * 5 * first.communes <= first.values <= 32 * 6 * first.communes
    assert (first.works, first.visits) == (500, 50)
    assert first.findings == first.recommendations == 500
    build(f"sqlite:///{tmp_path / 'b.sqlite3'}", scale=0.01, seed=7)
    assert _summary(tmp_path / "a.sqlite3") == _summary(tmp_path / "b.sqlite3")
    with sqlite3.connect(tmp_path / "a.sqlite3") as connection:
        users = {name for (name,) in connection.execute("select username from app_user")}
        versions = dict(connection.execute("select id, version from data_version"))
    assert set(ACCOUNTS) <= users
    assert versions[2] >= 1  # dashboards cached before the build refresh
