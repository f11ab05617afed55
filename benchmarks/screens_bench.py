"""Screen speed at national scale: overview, locality, tracker, Excel exports, memory.

For each scale (1/10, 1/3 and the whole country by default) a dataset is generated with
``benchmarks.national`` (kept under var/ and reused), loaded as well into a throw-away
PostgreSQL database when one is given (``--postgres``, by default the tests'
GIAMSAT_TEST_POSTGRES_URL; ``make bench-screens`` starts one as CI does), and measured on
each database in a fresh process:

- each screen rendered cold (Streamlit's caches emptied), after an import of figures (the
  figures' caches refreshed, the catalogue's kept) and warm, as AppTest run time, median
  of several runs, signed in as an administrator (who sees everything);
- next to it, the floor measured in the same run: the SELECT statements that cold
  render sent, replayed on a bare driver connection (sqlite3 or psycopg: no ORM, no
  pandas, no Streamlit);
- the tracker's filters: the first run of each new filter (a cache miss);
- the exports on that data, next to XlsxWriter writing the same cells with no styles;
- at the largest scale, the peak resident memory of a real server process while a browser
  opens each screen and downloads the register.

Writes the screens section of docs/PERFORMANCE.md.

    .venv/bin/python -m benchmarks.screens_bench [--runs 5] [--scales 0.1,0.333,1]
        [--postgres URL]
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

from benchmarks.common import fresh_postgres_database, median_seconds, write_section
from tests.helpers.browser import free_port, start_app, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var"
TODAY = date(2026, 11, 22)  # fixed, so overdue counts are the same in every run
TARGETS = {"cold": 1.0, "warm": 0.2, "ratio": 3.0, "filter": 0.5, "memory_mb": 600}
DATABASES = ("SQLite", "PostgreSQL")


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


def postgres_dataset(admin_url: str, scale: float) -> tuple[str, float]:
    """The dataset for a scale loaded anew into a database of its own on that server;
    its URL and how long loading took."""
    from benchmarks.national import build

    url = fresh_postgres_database(admin_url, f"screens_{scale:g}".replace(".", "_"))
    return url, build(url, scale=scale).seconds


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


def _replay(url: str, statements: list[tuple[str, Any]]) -> None:
    """The statements on a bare driver connection, their rows fetched."""
    from sqlalchemy import make_url

    address = make_url(url)
    if address.get_backend_name() == "sqlite":
        import sqlite3

        connection = sqlite3.connect(address.database)
    else:
        import psycopg

        connection = psycopg.connect(
            address.set(drivername="postgresql").render_as_string(hide_password=False)
        )
    try:
        cursor = connection.cursor()
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            cursor.fetchall()
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


def _figures_imported(url: str) -> None:
    """What an import of figures tells every server: the figures changed, the catalogue
    did not (the counters only; no figure of the dataset changes)."""
    from data_access.db import create_db_engine, session_scope
    from data_access.writes import bump_data_version

    engine = create_db_engine(url)
    try:
        with session_scope(engine) as session:
            bump_data_version(session, figures=True, catalogue=False)
    finally:
        engine.dispose()


def _screen(url: str, recorder: Statements, page: str, runs: int, query=None, choose=None) -> dict:
    """``choose``: what the user picks on the screen before it is measured."""
    app = _signed_in_app(page, query)
    if choose is not None:
        choose(app)
        app.run()
        _assert_clean(app)

    def cold() -> None:
        _clear_caches()
        app.run()

    statements = recorder.capture(cold)
    _assert_clean(app)
    result = {
        "cold": median_seconds(cold, runs),
        "imported": median_seconds(app.run, runs, before=lambda: _figures_imported(url)),
        "warm": median_seconds(app.run, runs),
        "floor": median_seconds(lambda: _replay(url, statements), runs),
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


def _busiest_commune(url: str) -> str:
    """The commune with the most visits: its profile has the most to show."""
    from sqlalchemy import text

    from data_access.db import create_db_engine

    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(
                text(
                    "select l.code from visit v join locality l on l.id = v.locality_id "
                    "where l.level = 'commune' group by l.code "
                    "order by count(*) desc, l.code limit 1"
                )
            ).scalar_one()
    finally:
        engine.dispose()


def _largest_province(url: str):
    """The province with the most units below it: the slowest one clicked on the map."""
    from data_access.catalogue import list_localities, locality_tree
    from data_access.db import create_db_engine

    engine = create_db_engine(url)
    try:
        tree = locality_tree(list_localities(engine))
    finally:
        engine.dispose()
    provinces = [u.id for u in tree.units.values() if u.level == "province" and not u.valid_to]
    return max(provinces, key=lambda unit_id: len(tree.descendants(unit_id)))


def _child(url: str, runs: int) -> None:
    from streamlit.runtime.pages_manager import PagesManager

    os.environ["DATABASE_URL"] = url
    os.environ["GIAMSAT_TODAY"] = TODAY.isoformat()
    # A running server is in navigation mode after its first run (see ui/shell.py).
    original_init = PagesManager.__init__

    def navigation_mode_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = navigation_mode_init
    recorder = Statements()
    results: dict[str, Any] = {"busiest_commune": _busiest_commune(url)}
    province = _largest_province(url)

    def choose_province(app) -> None:
        app.selectbox(key="province").set_value(province)

    for name, page, query, choose in (
        ("overview", "pages/overview.py", None, None),
        ("province", "pages/overview.py", None, choose_province),
        ("locality", "pages/locality.py", {"locality": results["busiest_commune"]}, None),
        ("tracker", "pages/recommendations.py", None, None),
    ):
        measured = _screen(url, recorder, page, runs, query, choose)
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
            # A register this large is prepared first (with progress), then downloaded.
            page.get_by_text("Chuẩn bị sổ theo dõi kiến nghị").click()
            with page.expect_download(timeout=300_000):
                page.get_by_text("Tải sổ theo dõi kiến nghị đã chuẩn bị").click(timeout=300_000)
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


def _screen_cells(r: dict) -> str:
    ratio = r["cold"] / r["floor"]
    return (
        f"{r['cold']:.2f} s {_mark(r['cold'] <= TARGETS['cold'])} | "
        f"{r['imported']:.2f} s {_mark(r['imported'] <= TARGETS['cold'])} | "
        f"{r['warm']:.2f} s {_mark(r['warm'] <= TARGETS['warm'])} | "
        f"{r['floor']:.2f} s | {ratio:.1f}× {_mark(ratio <= TARGETS['ratio'])}"
    )


SCREENS = (
    ("overview", "Tổng quan"),
    ("province", "Tổng quan một tỉnh (tỉnh lớn nhất)"),
    ("locality", "Hồ sơ một xã"),
    ("tracker", "Theo dõi kiến nghị"),
)


def report(
    results: dict[str, dict[float, dict]],
    built: dict[str, dict[float, float | None]],
    memory: float | None,
    runs: int,
) -> str:
    databases = [d for d in DATABASES if d in results]
    scales = sorted(results["SQLite"])
    full, small = max(scales), min(scales)
    header = " | ".join(
        f"{d}: lạnh | sau nhập số liệu | ấm | nền SQL | lạnh / nền" for d in databases
    )
    lines = [
        f"Measured {date.today():%d/%m/%Y} on this project's machine (2 cores), median of "
        f"{runs} runs, on {' and '.join(databases)}. Cold: Streamlit's caches emptied before "
        "the run (the first viewer after the server starts or the catalogue changes); after "
        "an import of figures: the caches an import of figures or a save of reported figures "
        "refreshes (the figures', not the catalogue's; what the first viewer after it waits); "
        "warm: the same screen again. "
        "Floor: the SELECT statements of the cold run replayed on a bare driver connection. "
        f"Targets: cold ≤ {TARGETS['cold']} s, warm ≤ {TARGETS['warm']} s, cold within "
        f"{TARGETS['ratio']:g}× the floor.",
        "",
        f"| màn hình (quy mô) | {header} |",
        "|---|" + "---|" * (5 * len(databases)),
    ]
    for scale in scales:
        for name, label in SCREENS:
            cells = " | ".join(_screen_cells(results[d][scale][name]) for d in databases)
            lines.append(f"| {label} ({scale:g}) | {cells} |")
    lines += [""]
    for d in databases:
        tracker_filter = results[d][full]["tracker"]["filter"]
        lines.append(
            f"- Tracker filters on {d} at scale {full:g} (first run of a new filter, 500 rows "
            f"a page): {tracker_filter:.2f} s {_mark(tracker_filter <= TARGETS['filter'])} "
            f"(target ≤ {TARGETS['filter']} s)."
        )
    lines += [
        "",
        f"| xuất Excel (quy mô {full:g}) | dòng | "
        + " | ".join(f"{d}: thời gian | nền XlsxWriter | tỷ lệ" for d in databases)
        + " |",
        "|---|---|" + "---|" * (3 * len(databases)),
    ]
    for name, label in (
        ("register", "Sổ theo dõi kiến nghị"),
        ("summary", "Tổng hợp cả nước"),
        ("minutes", "Biên bản một buổi làm việc"),
    ):
        cells = []
        for d in databases:
            e = results[d][full]["exports"][name]
            cells.append(f"{e['tool']:.2f} s | {e['floor']:.2f} s | {e['tool'] / e['floor']:.1f}×")
        rows = f"{results['SQLite'][full]['exports'][name]['rows']:,}".replace(",", ".")
        lines.append(f"| {label} | {rows} | {' | '.join(cells)} |")
    lines += ["", f"Growth of cold time with the data (1/{1 / small:g} → {full:g}):", ""]
    for d in databases:
        for name, _ in SCREENS:
            growth = results[d][full][name]["cold"] / results[d][small][name]["cold"]
            data_growth = full / small
            lines.append(
                f"- {d}, {name}: × {growth:.1f} for data × {data_growth:.0f} "
                f"{_mark(growth <= data_growth)} (no faster than linear)"
            )
    lines += ["", "Loading the dataset (generation included):", ""]
    for scale in scales:
        sqlite = built["SQLite"].get(scale)
        postgres = built.get("PostgreSQL", {}).get(scale)
        line = f"- scale {scale:g}: SQLite " + (
            f"{sqlite:.0f} s" if sqlite else "not timed (a dataset kept from before)"
        )
        if postgres is not None:
            line += f", PostgreSQL {postgres:.0f} s"
            if sqlite:
                ratio = postgres / sqlite
                line += f" ({ratio:.1f}× SQLite {_mark(ratio <= 2)}; target ≤ 2×)"
        lines.append(line)
    if memory is not None:
        lines += [
            "",
            f"Peak server memory at scale {full:g} on SQLite (resident set of the Streamlit "
            "process after opening every screen and downloading the register): "
            f"{memory:.0f} MB {_mark(memory <= TARGETS['memory_mb'])} "
            f"(target ≤ {TARGETS['memory_mb']} MB).",
        ]
    return "\n".join(lines)


def _measure(url: str, runs: int) -> dict:
    child = ["-m", "benchmarks.screens_bench", "--child", url, "--runs", str(runs)]
    output = subprocess.run([sys.executable, *child], cwd=ROOT, capture_output=True, text=True)
    if output.returncode:
        sys.exit(f"measuring {url} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="0.1,0.333,1")
    parser.add_argument("--rebuild", action="store_true", help="generate the datasets anew")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--postgres", default=os.environ.get("GIAMSAT_TEST_POSTGRES_URL"))
    parser.add_argument("--child", help="a database URL: measure it, print JSON")
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.runs)
        return
    results: dict[str, dict[float, dict]] = {"SQLite": {}}
    built: dict[str, dict[float, float | None]] = {"SQLite": {}}
    if args.postgres:
        results["PostgreSQL"], built["PostgreSQL"] = {}, {}
    for scale in (float(s) for s in args.scales.split(",")):
        path, built["SQLite"][scale] = dataset(scale, args.rebuild)
        results["SQLite"][scale] = _measure(f"sqlite:///{path}", args.runs)
        print(f"SQLite {scale:g}: {json.dumps(results['SQLite'][scale])}", flush=True)
        if args.postgres:
            url, built["PostgreSQL"][scale] = postgres_dataset(args.postgres, scale)
            print(f"PostgreSQL {scale:g} loaded in {built['PostgreSQL'][scale]:.0f} s", flush=True)
            results["PostgreSQL"][scale] = _measure(url, args.runs)
            print(f"PostgreSQL {scale:g}: {json.dumps(results['PostgreSQL'][scale])}", flush=True)
    full = max(results["SQLite"])
    memory = (
        None
        if args.no_memory
        else server_peak_memory(dataset(full, False)[0], results["SQLite"][full]["busiest_commune"])
    )
    body = report(results, built, memory, args.runs)
    print(body)
    write_section(
        "screens",
        f"## Screens at national scale\n\n{body}\n\nReproduce: `make bench-screens` "
        "(builds the datasets under var/ on first use, and starts a throw-away PostgreSQL "
        "as CI does).",
    )


if __name__ == "__main__":
    main()
