"""What the benchmark scripts share: their section of docs/PERFORMANCE.md, and a local
app server to measure."""

from __future__ import annotations

import socket
import time
import urllib.request
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
