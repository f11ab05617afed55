"""Vietnamese formats and the message catalogue."""

import re
from datetime import date
from pathlib import Path

import pytest

from texts.formats import (
    format_amount,
    format_compact,
    format_date,
    format_formal_date,
    format_number,
)
from texts.messages import LANGUAGES, MESSAGES, translate


def test_vietnamese_numbers():
    assert format_number(1234567.8, 1) == "1.234.567,8"
    assert format_amount(203.4, "tỷ đồng", 1) == "203,4 tỷ đồng"
    assert format_amount(36.4, "%", 1) == "36,4%"
    assert format_number(139) == "139"
    assert format_number(None) == "–"
    assert format_number(float("nan")) == "–"


def test_a_card_figure_is_shortened_only_when_it_would_not_fit():
    assert format_compact(1581) == "1.581"  # whole
    assert format_compact(61.7, 1) == "61,7"
    assert format_compact(12345) == "12.345"  # six characters still fit
    assert format_compact(123456) == "123 nghìn"
    assert format_compact(2707.4, 1) == "2,7 nghìn"  # of tỷ đồng: 2,7 nghìn tỷ
    assert format_compact(8281.25, 1) == "8,3 nghìn"
    assert format_compact(1_234_567) == "1,2 triệu"
    assert format_compact(123_456_789) == "123 triệu"
    assert format_compact(-2707.4, 1) == "-2,7 nghìn"
    assert format_compact(4_200_000_000) == "4,2 tỷ"
    assert format_compact(2707.4, 1, "en") == "2,7 thousand"  # numbers stay Vietnamese
    assert format_compact(None) == "–"


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


SOURCES = ("app.py", "pages/*.py", "ui/**/*.py", "excel/*.py", "cli/*.py")
_LITERAL_KEY = re.compile(r"""["']([a-z_]+(?:\.[a-z_0-9]+)*)["']""")
# t(f"rstatus.{status}"), t(f"cell.{problem.reason}", ...): a family of keys by prefix.
_KEY_FAMILY = re.compile(r"""\b(?:t|translate)\(\s*f["']([a-z_]+\.(?:[a-z_0-9]+\.)*)\{""")
_KEY_CALL = re.compile(r"""\b(?:t|translate)\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)*)["']""")


def _sources() -> dict[Path, str]:
    root = Path(__file__).resolve().parents[2]
    return {
        path: path.read_text(encoding="utf-8") for pattern in SOURCES for path in root.glob(pattern)
    }


def test_every_message_key_the_screens_and_files_use_exists():
    """A key missing from the catalogue would show its code to the user."""
    code = _sources()
    called = {match.group(1) for text in code.values() for match in _KEY_CALL.finditer(text)}
    assert len(called) > 250, "too few message keys found: the pattern is wrong"
    assert sorted(key for key in called if key not in MESSAGES) == []


def test_every_message_in_the_catalogue_is_used():
    """A key nobody reads is a translation nobody maintains; families count by prefix."""
    code = _sources()
    literals = {m.group(1) for text in code.values() for m in _LITERAL_KEY.finditer(text)}
    families = {m.group(1) for text in code.values() for m in _KEY_FAMILY.finditer(text)}
    assert {"rstatus.", "cell.", "file."} <= families, "key families not found: pattern wrong"
    unused = [
        key
        for key in MESSAGES
        if key not in literals and not any(key.startswith(family) for family in families)
    ]
    assert unused == []


def test_english_counts_take_the_singular():
    assert translate("visit.follow_up", "en", n=1) == "Follow-up (1 update)"
    assert translate("visit.follow_up", "en", n=3) == "Follow-up (3 updates)"
    assert translate("visit.follow_up", "vi", n=1) == "Theo dõi thực hiện (1 cập nhật)"
    assert translate("imports.problems", "en", n=1).startswith("The file has 1 problem;")


def test_a_count_word_agrees_with_its_number():
    assert translate("rstatus.overdue", "en", days=1) == "1 day overdue"
    assert translate("rstatus.overdue", "en", days=12) == "12 days overdue"
    assert translate("rstatus.overdue", "vi", days=1) == "Quá hạn 1 ngày"
    done = translate("sync.done", "en", sent=1, received=4, conflicts=0)
    assert done == "Synced: 1 record sent, 4 received, 0 new conflicts."


# Words ending in s that are right after a 1: "1 works" (a works), "row 1 has".
_SAME_IN_BOTH = {"works", "has", "is", "was"}
_FIELD = re.compile(r"\{(\w+)")


@pytest.mark.parametrize("key", sorted(k for k in MESSAGES if "{" in MESSAGES[k]["en"]))
def test_no_english_text_says_one_of_a_plural(key):
    """Every number of the message set to 1: no "1 figures", "1 days", "1 pieces"."""
    ones = {field: 1 for field in _FIELD.findall(MESSAGES[key]["en"])}
    text = translate(key, "en", **ones)
    wrong = [w for w in re.findall(r"(?<![\d,./])1 ([a-z]+s)\b", text) if w not in _SAME_IN_BOTH]
    assert wrong == [], text
