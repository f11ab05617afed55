"""The app as people run it (a server on 127.0.0.1) and Debian's Chromium to drive it; shared
by the browser tests and the benchmarks that measure through a browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from tests.helpers.data import IN_CI

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"  # screenshots and downloads of the browser tests
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
FINDING_BOXES = {  # a finding's kind: the box it is typed into on the visit's findings tab
    "achievement": "Thêm kết quả đạt được",
    "shortcoming": "Thêm hạn chế, tồn tại",
    "difficulty": "Thêm khó khăn, vướng mắc",
    "cause": "Thêm nguyên nhân",
}
IDLE = "[data-test-script-state='notRunning']"


def sign_in_at(page, username: str, password: str, timeout: float = 60_000) -> None:
    """At the sign-in screen, sign in as a person does; back when the app is idle."""
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    sign_out = page.locator("[data-testid='stSidebar']").get_by_text("Đăng xuất").first
    sign_out.wait_for(timeout=timeout)
    # The run that enters the app sets the cookie by a hidden frame's request (decision
    # 57), after the screen is drawn: wait for it, as a reload right after needs it.
    wait_for_session_cookie(page, timeout)
    page.wait_for_selector(IDLE, timeout=timeout)


def wait_for_session_cookie(page, timeout: float = 60_000) -> None:
    """Until the browser holds the session cookie (set by a request of a hidden frame, so
    there is no element to wait for)."""
    deadline = time.monotonic() + timeout / 1000
    while not any(c["name"] == "giamsat_phien" for c in page.context.cookies()):
        if time.monotonic() > deadline:
            raise TimeoutError("the session cookie was never set")
        page.wait_for_timeout(100)


def require_browser() -> None:
    """Skip without Chromium on a laptop; in CI a missing browser is a failure."""
    if not Path(CHROMIUM).exists():
        message = "Chromium is not installed (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def start_app(port: int, env: dict[str, str], output: IO | None = None) -> subprocess.Popen:
    """The app as people run it, on 127.0.0.1 only; file watching off, so an edit made
    while it runs never reloads it mid-measure. ``output``: where its log goes (never an
    unread pipe, which would stall the server once full)."""
    options = ["--server.address", "127.0.0.1", "--server.port", str(port)]
    options += ["--server.headless", "true", "--server.fileWatcherType", "none"]
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", *options],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=output if output is not None else subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )


def serve(folder: Path, **env: str) -> Iterator[str]:
    """An app process on the SQLite file in ``folder`` (whatever the shell's DATABASE_URL
    says), until the generator is closed; yields its address."""
    from tests.helpers.data import TODAY

    port = free_port()
    settings = {"GIAMSAT_DATA_DIR": str(folder), "GIAMSAT_TODAY": TODAY.isoformat()}
    process = start_app(port, {**settings, "DATABASE_URL": "", **env})
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_up(url, 60)
        except RuntimeError as never:
            pytest.fail(str(never))
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float = 120) -> None:
    """Until the app's health check answers; RuntimeError when it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the app did not start within {seconds:g} s")


# --- acting as a person does -------------------------------------------------------------


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_no_error_boxes(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Traceback").count() == 0


def choose(scope, label: str, option: str) -> None:
    """Pick an option of a select box the way a person does: open it, type, choose.

    The typing goes to the box itself once its list is open: typed into the page before
    the box has the focus (a loaded machine), the letters are lost, the long list stays
    unfiltered and draws only its first options. A run that redraws the box while the
    letters go in (a hidden frame answering just after sign-in) empties it too: the
    person sees the list unfiltered, closes it and types again, and so does this."""
    page = getattr(scope, "page", scope)  # a part of the page, or the page itself
    box = scope.get_by_role("combobox", name=label)
    wanted = page.get_by_role("option", name=option).first
    for attempt in range(3):
        _open_list(page, box)
        box.press_sequentially(option)
        try:
            wanted.wait_for(timeout=15_000)
        except Exception:
            if attempt == 2:
                raise
            close_list(page)
            settle(page)
            continue
        wanted.click()
        return


def choose_many(scope, label: str, option: str) -> None:
    """Add an option to a multiple choice box as a person does, and see it added. With a
    long list (13,000 localities) the box can take seconds to show the pick, or lose a
    pick made while a run redraws it: the person waits for the tag, and picks again only
    when none came. The list is closed afterwards."""
    page = getattr(scope, "page", scope)
    field = scope.locator("[data-testid='stMultiSelect']").filter(
        has=page.get_by_text(label, exact=True)
    )
    tag = field.get_by_text(option)  # the list is closed: the tags alone hold the text
    for attempt in range(3):
        choose(scope, label, option)
        close_list(page)
        try:
            tag.first.wait_for(timeout=20_000)
            return
        except Exception:
            if attempt == 2:
                raise
            settle(page)


def _open_list(page, box) -> None:
    for attempt in range(3):
        box.click()
        try:
            page.get_by_role("listbox").first.wait_for(timeout=10_000)
            return
        except Exception:
            # A click that landed while the screen was redrawn opens nothing; a person
            # clicks again.
            if attempt == 2:
                raise


def close_list(page) -> None:
    """Close an open select list as a person does (Escape), and make sure it closed: a
    list still open lies over the buttons under it, and a click meant for one of them
    lands on an option instead."""
    listbox = page.get_by_role("listbox")
    for attempt in range(3):
        page.keyboard.press("Escape")
        try:
            listbox.first.wait_for(state="hidden", timeout=10_000)
            return
        except Exception:
            if attempt == 2:
                raise


def drafts_in(folder: Path) -> list[str]:
    """The texts of every draft kept in the app's SQLite file in ``folder``."""
    from sqlalchemy import select

    from data_access.db import create_db_engine
    from data_access.models import Draft

    engine = create_db_engine(f"sqlite:///{folder / 'giamsat.sqlite3'}")
    try:
        with engine.connect() as connection:
            return list(connection.scalars(select(Draft.text)))
    finally:
        engine.dispose()


def wait_for_drafts(folder: Path, *texts: str) -> None:
    """The promise is "kept in the database as typed": wait until every text is there."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if set(texts) <= set(drafts_in(folder)):
            return
        time.sleep(0.2)
    pytest.fail(f"never reached the database: {set(texts) - set(drafts_in(folder))}")


def choose_file(page, key: str, path: Path) -> None:
    """Choose a file for the uploader ``key`` as a person does; back once it shows as
    uploaded (its chip, no spinner) and the app is idle.

    A file chosen while the run of the click before is still under way can be dropped
    when that run redraws the uploader (a loaded machine): the person sees the uploader
    empty and chooses again, and so does this."""
    uploader = page.locator(f".st-key-{key}")
    for attempt in range(3):
        uploader.locator("input[type=file]").set_input_files(str(path))
        try:
            # This file's chip (its title: the text may be shortened); a file chosen before
            # may still show its own.
            chip = uploader.locator(f"[data-testid='stFileChipName'][title='{path.name}']")
            chip.wait_for(timeout=20_000)
            break
        except Exception:
            if attempt == 2:
                raise
            settle(page)
    uploader.locator("[data-testid='stFileChipIconSpinner']").wait_for(
        state="detached", timeout=30_000
    )
    settle(page)


def download(page, button: str, name: str) -> Path:
    """Click a download button and keep the file, as the browser saves it."""
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=button).click()
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    download.value.save_as(path)
    return path


def settle(page) -> None:
    page.wait_for_selector(CONNECTED, timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)


def new_visit(
    page, delegation: str, chair: str | None = None, locality: str = "Phường Tam Kỳ"
) -> None:
    """On the visits screen: a visit to ``locality`` for the infrastructure campaign, by a
    new delegation; back when its record is open."""
    page.get_by_text("Tạo buổi làm việc mới").click()
    form = page.locator("[data-testid='stForm']")
    choose(form, "Địa phương", locality)
    choose(
        form,
        "Phong trào thi đua được giám sát",
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, "
        "chống lãng phí",
    )
    close_list(page)
    form.get_by_label("…hoặc tên đoàn mới").fill(delegation)
    if chair:
        form.get_by_label("Chủ trì").fill(chair)
    form.get_by_role("button", name="Tạo và mở biên bản").click()
    page.wait_for_url("**/visit?visit=*", timeout=60_000)
    settle(page)


def recommendation_box(page):
    """The visit's form for a new recommendation (its "Nội dung" box, its add button)."""
    return page.locator(".st-key-add-recommendation").locator("xpath=../..")


def add_finding(page, kind: str, text: str) -> None:
    """On an open visit: a finding of ``kind`` typed and added; back when its box is empty
    again (waiting for idle alone can see the page before the add's run has begun)."""
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Kết quả giám sát").click()
    page.get_by_label(FINDING_BOXES[kind]).fill(text)
    page.locator(f".st-key-add-{kind} button").click()
    expect(page.get_by_label(FINDING_BOXES[kind])).to_have_value("", timeout=30_000)
    settle(page)


def add_recommendation(page, text: str, addressee: str | None = None) -> None:
    """On an open visit: a recommendation typed and added, to a new ``addressee`` typed in
    when given; back when its box is empty again."""
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Kiến nghị").click()
    box = recommendation_box(page)
    box.get_by_label("Nội dung").fill(text)
    if addressee:
        page.get_by_label("Gửi đến").click()  # leaving the text keeps it as a draft (a rerun)
        settle(page)
        page.get_by_label("Gửi đến").fill(addressee)
        page.keyboard.press("Enter")
    page.locator(".st-key-add-recommendation button").click()
    expect(box.get_by_label("Nội dung")).to_have_value("", timeout=30_000)
    settle(page)
