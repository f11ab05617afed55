"""Documents printed as a printer would: LibreOffice turns them into PDF, poppler reads the
PDF back as text and page images (Debian's libreoffice-writer, libreoffice-calc and
poppler-utils; CI installs them)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.browser import ARTIFACTS
from tests.helpers.data import IN_CI

TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdftoppm")


def require_office() -> None:
    """Skip without LibreOffice and poppler on a laptop; in CI their absence fails."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"not installed: {', '.join(missing)} (apt-get install libreoffice poppler-utils)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@dataclass(frozen=True)
class Printed:
    text: str  # as laid out on the pages (pdftotext -layout)
    pages: int


def print_to_pdf(content: bytes, name: str) -> Printed:
    """``content`` (a .docx or .xlsx named ``name``) converted to PDF; its page images go to
    ``test-artifacts/`` as ``<stem>-<page>.png``."""
    require_office()
    with tempfile.TemporaryDirectory(prefix="giamsat-print-") as folder:
        source = Path(folder) / name
        source.write_bytes(content)
        # A profile of its own: two conversions at once never share (and lock) one.
        profile = Path(folder) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = source.with_suffix(".pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        info = subprocess.run(
            ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
        ).stdout
        pages = int(
            next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1]
        )
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(pdf), str(ARTIFACTS / source.stem)],
            check=True,
            capture_output=True,
        )
    return Printed(text, pages)


def words(text: str) -> str:
    """The text with every run of spaces and line ends made one space: a line a reader sees
    whole may be wrapped or justified on the page."""
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """The text without any space: poppler splits some accented words of centred cells
    ("Ch ưa th ực hiện"), which a reader of the page never sees."""
    return "".join(text.split())
