"""Vietnamese formats and the message catalogue."""

from datetime import date

import pytest

from ui.formatting import format_amount, format_date, format_formal_date, format_number
from ui.i18n import LANGUAGES, MESSAGES, translate


def test_vietnamese_numbers():
    assert format_number(1234567.8, 1) == "1.234.567,8"
    assert format_amount(203.4, "tỷ đồng", 1) == "203,4 tỷ đồng"
    assert format_amount(36.4, "%", 1) == "36,4%"
    assert format_number(139) == "139"
    assert format_number(None) == "–"
    assert format_number(float("nan")) == "–"


def test_vietnamese_dates():
    assert format_date(date(2023, 9, 14)) == "14/09/2023"
    assert format_formal_date(date(2023, 9, 14)) == "ngày 14 tháng 9 năm 2023"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_exists_in_both_languages(key):
    for language in LANGUAGES:
        assert MESSAGES[key].get(language), f"{key} has no {language} text"


def test_translate_fills_values():
    assert translate("overview.reporting", "vi", n=2, total=3) == "2/3 địa phương báo cáo"
    assert translate("overview.reporting", "en", n=2, total=3) == "2/3 localities reported"


def test_every_message_key_the_screens_use_exists():
    """A key missing from the catalogue would show its code to the user."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sources = [*root.glob("ui/*.py"), *root.glob("pages/*.py"), root / "app.py"]
    used = {
        match.group(1)
        for source in sources
        for match in re.finditer(r'\bt\(\s*"([^"{]+)"', source.read_text(encoding="utf-8"))
    }
    assert used, "no message key found: the pattern is wrong"
    assert sorted(key for key in used if key not in MESSAGES) == []
