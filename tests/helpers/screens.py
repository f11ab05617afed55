"""AppTest journeys: open the app, sign in, read what a person reads, create a visit."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from tests.helpers.data import TEST_PASSWORD

APP = str(Path(__file__).resolve().parent.parent.parent / "app.py")
SECRETARY = "Nguyễn Thư Ký (thuky)"  # how the history names the signed-in inspector


def sign_in(app: AppTest, username: str = "quantri.kt", password: str = TEST_PASSWORD) -> AppTest:
    app.text_input(key="login-username").set_value(username)
    app.text_input(key="login-password").set_value(password)
    app.button[0].click().run()
    return app


def open_app(query: dict[str, str] | None = None, username: str = "quantri.kt") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    if query:
        app.query_params.update(query)
    return sign_in(app.run(), username)


def cards(app) -> dict:
    """The figure cards of a screen by their labels as the user reads them."""
    return {read_as_shown(metric.label): metric for metric in app.metric}


def read_as_shown(markdown: str) -> str:
    """Markdown source as the user reads it: ``Kỳ \\(một phần\\)`` shows as
    ``Kỳ (một phần)`` (user text is escaped so that it is never read as markup)."""
    parts, start = [], 0
    for found in _CODE.finditer(markdown):  # a code span shows its text as it is
        parts.append(_ESCAPED.sub(r"\1", markdown[start : found.start()]))
        parts.append(found.group(2).removeprefix(" ").removesuffix(" "))
        start = found.end()
    parts.append(_ESCAPED.sub(r"\1", markdown[start:]))
    return "".join(parts)


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)")


def all_text(app: AppTest) -> str:
    """Everything a user can read: texts, metrics, tables."""
    parts = [e.value for e in app.markdown] + [e.value for e in app.caption]
    parts += [e.value for e in app.info] + [e.value for e in app.warning]
    parts += [e.value for e in app.title] + [e.value for e in app.header]
    parts += [f"{m.label} {m.value} {m.delta}" for m in app.metric]
    parts = [read_as_shown(str(p)) for p in parts]
    parts += [df.value.to_string() for df in app.dataframe if hasattr(df.value, "to_string")]
    return "\n".join(str(p) for p in parts)


def shown(table) -> pd.DataFrame:
    """A table as the user reads it: the text of each cell (a styled table keeps its
    numbers numeric underneath, so that sorting a column sorts by value)."""
    styler = table.proto.arrow_data.styler
    if not styler.display_values:
        return table.value
    return pa.ipc.open_stream(styler.display_values).read_all().to_pandas()


def assert_no_errors(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def select_label(box, label):
    """Choose an option by the text the user sees."""
    return box.select_index(box.options.index(label)).run()


def by_label(widgets, label: str):
    return next(w for w in widgets if w.label == label)


def start(username: str = "thuky") -> AppTest:
    """Open the app and sign in (the secretary, an inspector, unless said otherwise)."""
    return sign_in(AppTest.from_file(APP, default_timeout=60).run(), username)


def create_visit(app: AppTest, *, expect_success: bool = True) -> AppTest:
    app.switch_page("pages/visits.py").run()
    locality = by_label(app.selectbox, "Địa phương")
    option = next(o for o in locality.options if o.startswith("Phường Tam Kỳ"))
    locality.select_index(locality.options.index(option))
    by_label(app.multiselect, "Phong trào thi đua được giám sát").select(
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí"
    )
    by_label(app.text_input, "…hoặc tên đoàn mới").set_value(
        "Đoàn kiểm tra Sở Nội vụ thành phố Đà Nẵng"
    )
    by_label(app.text_input, "Chủ trì").set_value("Trần Văn Trưởng")
    by_label(app.button, "Tạo và mở biên bản").click().run()
    if expect_success:
        assert_no_errors(app)
    if "visit" in app.query_params:
        # The app moved to the new record; AppTest keeps asking for the page it was last
        # switched to, so follow the app there.
        app.switch_page("pages/visit.py").run()
    return app


def reload(app: AppTest) -> AppTest:
    """A new browser session on the same address: nothing carried in memory."""
    fresh = start()
    fresh.switch_page("pages/visit.py")
    fresh.query_params["visit"] = app.query_params["visit"]
    return fresh.run()
