"""A save on the visit record at national scale: the server time of the page run that a
finding's "Thêm" starts, on a draft visit of the full-scale dataset, next to the floor of the
same page run with nothing saved. AppTest runs the whole visit page (it has no fragment
reruns), so this is an upper bound: in the browser the save reruns only its tab.

    python -m benchmarks.visit_save [--scale 1] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.common import write_section
from benchmarks.screens_bench import TODAY, _signed_in_app, dataset

TARGET = 0.3  # seconds of server time per save (issue "Never lose or overwrite a word")


def _draft_visit(path: Path) -> str:
    import sqlite3
    import uuid

    with sqlite3.connect(path) as connection:
        (found,) = connection.execute(
            "SELECT id FROM visit WHERE status = 'draft' AND deleted_at IS NULL LIMIT 1"
        ).fetchone()
    return str(uuid.UUID(found))


def measure(scale: float, runs: int) -> dict[str, float]:
    source, _ = dataset(scale, rebuild=False)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / source.name  # saves go to a copy: the dataset stays as built
        shutil.copy(source, copy)
        os.environ["DATABASE_URL"] = f"sqlite:///{copy}"
        os.environ["GIAMSAT_TODAY"] = TODAY.isoformat()
        app = _signed_in_app("pages/visit.py", {"visit": _draft_visit(copy)})
        app.run()
        saves, plain = [], []
        for n in range(runs):
            field = ":new_finding:achievement"
            box = next(a for a in app.text_area if (a.key or "").endswith(field))
            box.set_value(f"Kết luận đo thời gian số {n}")
            started = time.perf_counter()
            app.button(key="add-achievement").click().run()
            saves.append(time.perf_counter() - started)
            if app.exception:
                raise RuntimeError(app.exception[0].value)
            started = time.perf_counter()
            app.run()
            plain.append(time.perf_counter() - started)
    return {"save": statistics.median(saves), "floor": statistics.median(plain)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    result = measure(args.scale, args.runs)
    mark = "✓" if result["save"] <= TARGET else "✗"
    section = f"""
## A save on the visit record at national scale (`python -m benchmarks.visit_save`)

Measured {date.today():%d/%m/%Y} on this project's machine (2 cores, SQLite), scale {args.scale:g},
median of {args.runs} runs: adding a finding to a draft visit, the page run it starts takes
**{result["save"]:.2f} s** of server time {mark} (target ≤ {TARGET:g} s), next to
{result["floor"]:.2f} s for the same page run with nothing saved. AppTest runs the whole page
(all eight tabs); in the browser a save reruns only its own tab, so this is an upper bound.
"""
    write_section("visit-save", section)
    print(section.strip())


if __name__ == "__main__":
    main()
