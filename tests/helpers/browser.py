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
from pathlib import Path
from typing import IO

import pytest

from tests.helpers.data import IN_CI

ROOT = Path(__file__).resolve().parent.parent.parent
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
IDLE = "[data-test-script-state='notRunning']"


def sign_in_at(page, username: str, password: str, timeout: float = 60_000) -> None:
    """At the sign-in screen, sign in as a person does; back when the app is idle."""
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    sign_out = page.locator("[data-testid='stSidebar']").get_by_text("Đăng xuất").first
    sign_out.wait_for(timeout=timeout)
    # The first run with pages switches to its page and the next one sets the cookie
    # (decision 37): until the cookie is there, "idle" can be the moment between the two.
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
