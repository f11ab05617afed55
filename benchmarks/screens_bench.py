"""Screen speed at national scale: overview, locality, tracker, Excel exports, memory.

For each scale (1/10, 1/3 and the whole country by default) a dataset is generated with
``benchmarks.national`` (kept under var/ and reused) and measured in a fresh process:

- each screen rendered cold (Streamlit's caches emptied) and warm, as AppTest run time,
  median of several runs, signed in as an administrator (who sees everything);
- next to it, the floor measured in the same run: the SELECT statements that cold
  render sent, replayed on a bare sqlite3 connection (no ORM, no pandas, no Streamlit);
- the tracker's filters: the first run of each new filter (a cache miss);
- the exports on that data, next to XlsxWriter writing the same cells with no styles;
- at the largest scale, the peak resident memory of a real server process while a browser
  opens each screen and downloads the register.

Writes the screens section of docs/PERFORMANCE.md.

    .venv/bin/python -m benchmarks.screens_bench [--runs 5] [--scales 0.1,0.333,1]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import astuple
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.common import median_seconds, write_section
from tests.helpers.browser import free_port, start_app, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var"
TODAY = date(2026, 11, 22)  # fixed, so overdue counts are the same in every run
TARGETS = {"cold": 1.5, "warm": 0.3, "ratio": 3.0, "filter": 0.5, "memory_mb": 600}


def dataset(scale: float, rebuild: bool) -> tuple[Path, float | None]:
    """The dataset for a scale, built when missing; how long building took."""
    from benchmarks.national import build

    path = DATA / f"national-{scale:g}.sqlite3"
    timing = path.with_suffix(".seconds")  # how long the kept dataset took to build
    if path.exists() and not rebuild:
        return path, float(timing.read_text()) if timing.exists() else None
    for stale in DATA.glob(path.name + "*"):
        stale.unlink()
    counts = build(f"sqlite:///{path}", scale=scale)
    timing.write_text(f"{counts.seconds:.1f}")
    return path, counts.seconds


# --- measured in a fresh process, one per dataset ------------------------------------


class Statements:
    """The SQL a render sends, recorded so it can be replayed bare."""

    def __init__(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        self.recording = False
        self.seen: list[tuple[str, Any]] = []
        event.listen(Engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, parameters, _context, _many) -> None:
        if self.recording and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            self.seen.append((statement, parameters))

    def capture(self, action) -> list[tuple[str, Any]]:
        self.seen, self.recording = [], True
        try:
            action()
        finally:
            self.recording = False
        return self.seen


def _replay(path: Path, statements: list[tuple[str, Any]]) -> None:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        for statement, parameters in statements:
            connection.execute(statement, parameters).fetchall()
    finally:
        connection.close()


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _signed_in_app(page: str, query: dict[str, str] | None = None):
    from streamlit.testing.v1 import AppTest

    from benchmarks.national import ACCOUNTS, PASSWORD
    from tests.helpers.screens import sign_in

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    sign_in(app.run(), ACCOUNTS[0], PASSWORD)
    if query:
        app.query_params.update(query)
    app.switch_page(page).run()
    _assert_clean(app)
    return app


def _assert_clean(app) -> None:
    problems = [e.value for e in app.exception] + [e.value for e in app.error]
    if problems:
        raise RuntimeError(f"the screen shows an error: {problems[0]}")


def _screen(path: Path, recorder: Statements, page: str, runs: int, query=None) -> dict:
    app = _signed_in_app(page, query)

    def cold() -> None:
        _clear_caches()
        app.run()

    statements = recorder.capture(cold)
    _assert_clean(app)
    result = {
        "cold": median_seconds(cold, runs),
        "warm": median_seconds(app.run, runs),
        "floor": median_seconds(lambda: _replay(path, statements), runs),
        "queries": len(statements),
    }
    return result | {"app": app}


def _tracker_filters(app) -> float:
    """The first run of each new filter: each is a cache miss."""
    times = []
    for change in (
        lambda: app.multiselect(key="tracker-status").select("open"),
        lambda: app.multiselect(key="tracker-status").select("in_progress"),
        lambda: app.checkbox(key="tracker-overdue").check(),
        lambda: app.text_input(key="tracker-addressee").set_value("UBND Xã"),
        lambda: app.checkbox(key="tracker-overdue").uncheck(),
    ):
        change()
        started = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - started)
        _assert_clean(app)
    return statistics.median(times)


def _exports(runs: int) -> dict:
    from sqlalchemy import func, select

    from data_access import models as m
    from data_access.catalogue import list_localities, locality_tree
    from data_access.recommendations import TrackerFilter, list_recommendations
    from data_access.visit_views import visit_detail
    from domain.periods import Period
    from excel.minutes import visit_minutes
    from sample_data.sources import INFRASTRUCTURE
    from tests.helpers.data import overview_view
    from ui.data import engine
    from ui.exports import register_workbook, summary_workbook

    db = engine()
    tree = locality_tree(list_localities(db))
    with db.connect() as connection:
        campaign = connection.execute(
            select(m.Campaign.id, m.Campaign.name).where(m.Campaign.code == INFRASTRUCTURE)
        ).one()
        busiest = connection.scalar(
            select(m.Recommendation.visit_id)
            .group_by(m.Recommendation.visit_id)
            .order_by(func.count().desc())
            .limit(1)
        )
    rows, _ = list_recommendations(db, TODAY, TrackerFilter(), limit=None)
    view = overview_view(db, campaign.id, Period.years(2019, 2026), None, TODAY)
    detail = visit_detail(db, busiest, TODAY)
    table = [
        [tree.units[row].name]
        + [view.table.value(row, code) for code in (i.code for i in view.indicators)]
        for row in view.table.rows
    ]
    results = {}
    results["register"] = {
        "rows": len(rows),
        "tool": median_seconds(
            lambda: register_workbook(_Everything(db), TrackerFilter(), tree), runs
        ),
        "floor": median_seconds(lambda: _raw_xlsx(_cells(rows)), runs),
    }
    results["summary"] = {
        "rows": len(table),
        "tool": median_seconds(
            lambda: summary_workbook(view, tree, campaign, "Cả nước", "2019–2026"), runs
        ),
        "floor": median_seconds(lambda: _raw_xlsx(table), runs),
    }
    minutes_cells = _cells(detail.findings) + _cells(detail.recommendations)
    results["minutes"] = {
        "rows": len(minutes_cells),
        "tool": median_seconds(lambda: visit_minutes(detail), runs),
        "floor": median_seconds(lambda: _raw_xlsx(minutes_cells), runs),
    }
    return results


class _Everything:
    """The register's reads on the whole database, as an administrator sees it."""

    def __init__(self, db) -> None:
        self.db = db

    def every_recommendation(self, where):
        from data_access.recommendations import list_recommendations

        return list_recommendations(self.db, TODAY, where, limit=None)[0]

    def status_changes_of(self, ids):
        from data_access.visit_views import status_changes_of

        return status_changes_of(self.db, ids)

    def campaign_names(self):
        return {}

    @staticmethod
    def today():
        return TODAY


def _cells(records) -> list[list[str]]:
    """Records as rows of text cells, for the raw writer's floor."""
    return [[str(value) for value in astuple(record)] for record in records]


def _raw_xlsx(rows: list[list[Any]]) -> bytes:
    """The same cells as fast as XlsxWriter writes them: no styles, no logic."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, int | float) and value == value:
                sheet.write_number(r, c, value)
            elif value is not None:
                sheet.write_string(r, c, str(value))
    book.close()
    return buffer.getvalue()


def _busiest_commune(path: Path) -> str:
    """The commune with the most visits: its profile has the most to show."""
    import sqlite3

    with sqlite3.connect(path) as connection:
        return connection.execute(
            "select l.code from visit v join locality l on l.id = v.locality_id "
            "where l.level = 'commune' group by l.code order by count(*) desc, l.code limit 1"
        ).fetchone()[0]


def _child(path: Path, runs: int) -> None:
    from streamlit.runtime.pages_manager import PagesManager

    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["GIAMSAT_TODAY"] = TODAY.isoformat()
    # A running server is in navigation mode after its first run (see ui/shell.py).
    original_init = PagesManager.__init__

    def navigation_mode_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = navigation_mode_init
    recorder = Statements()
    results: dict[str, Any] = {"busiest_commune": _busiest_commune(path)}
    for name, page, query in (
        ("overview", "pages/overview.py", None),
        ("locality", "pages/locality.py", {"locality": results["busiest_commune"]}),
        ("tracker", "pages/recommendations.py", None),
    ):
        measured = _screen(path, recorder, page, runs, query)
        app = measured.pop("app")
        if name == "tracker":
            measured["filter"] = _tracker_filters(app)
        results[name] = measured
    results["exports"] = _exports(runs)
    print(json.dumps(results))


# --- peak memory of a real server ------------------------------------------------------


def server_peak_memory(path: Path, commune: str) -> float:
    """Peak resident set (VmHWM) of a server while a browser opens every screen."""
    from playwright.sync_api import sync_playwright

    from benchmarks.national import ACCOUNTS, PASSWORD
    from tests.helpers.browser import CHROMIUM, CHROMIUM_FLAGS, IDLE, sign_in_at

    port = free_port()
    server = start_app(
        port, {"DATABASE_URL": f"sqlite:///{path}", "GIAMSAT_TODAY": TODAY.isoformat()}
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            page.goto(url)
            sign_in_at(page, ACCOUNTS[0], PASSWORD, timeout=300_000)
            for address in (f"locality?locality={commune}", "recommendations"):
                page.goto(f"{url}/{address}")
                page.wait_for_selector(IDLE, timeout=300_000)
                page.locator("[data-testid='stSidebar']").get_by_text("Đăng xuất").wait_for(
                    timeout=300_000
                )
                page.wait_for_selector(IDLE, timeout=300_000)
            with page.expect_download(timeout=300_000):
                page.get_by_text("Tải sổ theo dõi kiến nghị (Excel)").click()
            browser.close()
        return _peak_resident_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _peak_resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc")


# --- the report -----------------------------------------------------------------------


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def report(results: dict[float, dict], built: dict[float, float | None], memory, runs) -> str:
    full = max(results)
    lines = [
        f"Measured {date.today():%d/%m/%Y} on this project's machine (2 cores, SQLite), "
        f"median of {runs} runs. Cold: Streamlit's caches emptied before the run (what the "
        "first viewer after any save waits); warm: the same screen again. Floor: the "
        "SELECT statements of the cold run replayed on a bare sqlite3 connection.",
        "",
        "| màn hình (quy mô) | lạnh | ấm | nền SQL | lạnh / nền | số truy vấn |",
        "|---|---|---|---|---|---|",
    ]
    for scale in sorted(results):
        for name, label in (
            ("overview", "Tổng quan"),
            ("locality", "Hồ sơ một xã"),
            ("tracker", "Theo dõi kiến nghị"),
        ):
            r = results[scale][name]
            ratio = r["cold"] / r["floor"]
            lines.append(
                f"| {label} ({scale:g}) | {r['cold']:.2f} s {_mark(r['cold'] <= TARGETS['cold'])}"
                f" | {r['warm']:.2f} s {_mark(r['warm'] <= TARGETS['warm'])} | "
                f"{r['floor']:.2f} s | {ratio:.1f}× {_mark(ratio <= TARGETS['ratio'])} | "
                f"{r['queries']} |"
            )
    tracker_filter = results[full]["tracker"]["filter"]
    lines += [
        "",
        f"Tracker filters at scale {full:g} (first run of a new filter, 500 rows a page): "
        f"{tracker_filter:.2f} s {_mark(tracker_filter <= TARGETS['filter'])} "
        f"(target ≤ {TARGETS['filter']} s).",
        "",
        f"| xuất Excel (quy mô {full:g}) | dòng | thời gian | nền XlsxWriter | tỷ lệ |",
        "|---|---|---|---|---|",
    ]
    for name, label in (
        ("register", "Sổ theo dõi kiến nghị"),
        ("summary", "Tổng hợp cả nước"),
        ("minutes", "Biên bản một buổi làm việc"),
    ):
        e = results[full]["exports"][name]
        lines.append(
            f"| {label} | {e['rows']:,} | {e['tool']:.2f} s | {e['floor']:.2f} s | "
            f"{e['tool'] / e['floor']:.1f}× |".replace(",", ".")
        )
    lines += ["", "Growth of cold time with the data (1/10 → full: data × 10):", ""]
    small = min(results)
    for name in ("overview", "locality", "tracker"):
        growth = results[full][name]["cold"] / results[small][name]["cold"]
        data_growth = full / small
        lines.append(
            f"- {name}: × {growth:.1f} for data × {data_growth:.0f} "
            f"{_mark(growth <= data_growth)} (no faster than linear)"
        )
    if memory is not None:
        lines += [
            "",
            f"Peak server memory at scale {full:g} (resident set of the Streamlit process after "
            f"opening every screen and downloading the register): {memory:.0f} MB "
            f"{_mark(memory <= TARGETS['memory_mb'])} (target ≤ {TARGETS['memory_mb']} MB).",
        ]
    seconds = built.get(full)
    if seconds is not None:
        lines += ["", f"Building the full-scale dataset took {seconds:.0f} s (target < 120 s)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="0.1,0.333,1")
    parser.add_argument("--rebuild", action="store_true", help="generate the datasets anew")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--child", type=Path)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.runs)
        return
    results, built = {}, {}
    for scale in (float(s) for s in args.scales.split(",")):
        path, built[scale] = dataset(scale, args.rebuild)
        child = ["-m", "benchmarks.screens_bench", "--child", str(path), "--runs", str(args.runs)]
        output = subprocess.run(
            [sys.executable, *child],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if output.returncode:
            sys.exit(f"measuring scale {scale:g} failed:\n{output.stderr[-3000:]}")
        results[scale] = json.loads(output.stdout.strip().splitlines()[-1])
        print(f"scale {scale:g}: {json.dumps(results[scale])}", flush=True)
    full = max(results)
    memory = (
        None
        if args.no_memory
        else server_peak_memory(dataset(full, False)[0], results[full]["busiest_commune"])
    )
    body = report(results, built, memory, args.runs)
    print(body)
    write_section(
        "screens",
        f"## Screens at national scale\n\n{body}\n\nReproduce: `make bench-screens` "
        "(builds the datasets under var/ on first use).",
    )


if __name__ == "__main__":
    main()
