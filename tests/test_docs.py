"""The README is held to the code: every setting and every folder is described, in both
languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from data_access.config import SETTINGS, load_settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
VIETNAMESE, ENGLISH = README.split('<a id="english"></a>')
HALVES = {"vi": VIETNAMESE, "en": ENGLISH}


def _table_row(half: str, name: str) -> str | None:
    found = re.search(rf"^\| `{re.escape(name)}/?` \|.*$", half, re.MULTILINE)
    return found.group(0) if found else None


@pytest.mark.parametrize("language", sorted(HALVES))
@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.variable)
def test_every_setting_is_in_the_readme_with_its_default(setting, language):
    row = _table_row(HALVES[language], setting.variable)
    assert row, f"{setting.variable} is missing from the {language} settings table"
    if setting.default:
        assert f"`{setting.default}`" in row


def test_the_readme_lists_no_setting_the_code_does_not_read():
    documented = set(re.findall(r"^\| `((?:GIAMSAT|DATABASE)_[A-Z_]+)` \|", README, re.MULTILINE))
    assert documented == {setting.variable for setting in SETTINGS}


def test_defaults_come_from_the_settings_table():
    settings = load_settings({})
    assert settings.idle_minutes == 60
    assert settings.load_sample_on_empty is True
    assert settings.today_override is None
    assert settings.database_url == f"sqlite:///{ROOT / 'data' / 'giamsat.sqlite3'}"
    changed = load_settings({"GIAMSAT_IDLE_MINUTES": "15", "GIAMSAT_TODAY": "2026-11-22"})
    assert (changed.idle_minutes, changed.today().isoformat()) == (15, "2026-11-22")


@pytest.mark.parametrize("language", sorted(HALVES))
def test_every_folder_is_in_the_readme_table(language):
    folders = sorted(
        path.name
        for path in ROOT.iterdir()
        if path.is_dir()
        and not path.name.startswith(".")
        and path.name not in {"data", "var", "test-artifacts", "__pycache__"}
        and any(path.glob("*.py")) | any(path.glob("*.md"))
    )
    assert "texts" in folders
    missing = [name for name in folders if not _table_row(HALVES[language], name)]
    assert missing == []


def test_docs_figures_lists_every_indicator_with_its_kind(sample_engine):
    """docs/figures.md says how each indicator combines; it is held to the catalogue."""
    from data_access.catalogue import campaign_indicators, list_campaigns

    text = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8")
    indicators = {
        i.code: i
        for c in list_campaigns(sample_engine)
        for i in campaign_indicators(sample_engine, c.id)
    }
    for code, indicator in indicators.items():
        row = re.search(rf"^\|[^|]*\| `{code}` \| ([^|]*) \|", text, re.MULTILINE)
        assert row, f"{code} is missing from docs/figures.md"
        kind = (
            "ratio"
            if indicator.kind == "ratio"
            else "as of a date"
            if indicator.is_as_of
            else "flow"
        )
        assert row.group(1).startswith(kind), (code, row.group(1))
