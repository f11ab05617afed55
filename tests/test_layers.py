"""The layers of the README, held to the code: no import runs from a lower layer to a
higher one (so no two packages import each other), and SQL is written in one layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Higher numbers are higher layers; a module may import its own package or a lower layer.
LAYERS = {
    "server": 6,  # server.py: the web server around app.py
    "app": 6,
    "pages": 6,
    "ui": 5,
    "cli": 5,
    "excel": 4,
    "documents": 3,  # what official documents say, in Word; the checks of Office files
    "sample_data": 3,
    "data_access": 2,
    "domain": 1,
    "texts": 1,
}
SOURCES = sorted(
    path
    for package in LAYERS
    for path in (
        [ROOT / f"{package}.py"] if package in ("app", "server") else (ROOT / package).rglob("*.py")
    )
    if "migrations" not in path.parts
)


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(LAYERS)


def _package(path: Path) -> str:
    return path.relative_to(ROOT).parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_runs_upward(path):
    own = _package(path)
    upward = {name for name in _imported_packages(path) if LAYERS[name] >= LAYERS[own]}
    assert upward - {own} == set()


def test_the_layers_cover_the_code():
    assert len(SOURCES) > 80
    assert {_package(path) for path in SOURCES} == set(LAYERS)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_sql_is_written_only_in_the_data_layer(path):
    """Elsewhere an engine may be passed along (its type named), never a query built."""
    if _package(path) == "data_access":
        return
    from_sqlalchemy = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            from_sqlalchemy |= {a.name for a in node.names if a.name.startswith("sqlalchemy")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            from_sqlalchemy |= {alias.name for alias in node.names}
    assert from_sqlalchemy <= {"Engine"}
