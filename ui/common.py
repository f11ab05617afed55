"""Shared widgets and labels: language, translated words, locality names."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

import pandas as pd
import streamlit as st

from data_access.catalogue import CampaignRecord
from domain.localities import LocalityTree
from texts.formats import format_number
from texts.messages import DEFAULT_LANGUAGE, translate

K = TypeVar("K")

LANGUAGE_KEY = "language"
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def language() -> str:
    return st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)


def t(key: str, **values: object) -> str:
    return translate(key, language(), **values)


def tm(key: str, **values: object) -> str:
    """``t`` for what Streamlit reads as Markdown (headers, captions, notices): the values
    filled in (names, reasons, typed text) are shown literally, the message's own markup
    stays."""
    return t(key, **{k: plain_markdown(v) if isinstance(v, str) else v for k, v in values.items()})


def persistent_widget_key(key: str, default: object) -> str:
    """A widget's own state is dropped when the page changes; its value is kept under
    ``key`` and the widget (``_<key>``) is re-seeded from it at every run."""
    st.session_state.setdefault(key, default)
    widget_key = f"_{key}"
    st.session_state[widget_key] = st.session_state[key]
    return widget_key


def keep_widget_value(key: str) -> None:
    st.session_state[key] = st.session_state[f"_{key}"]


TRANSLATED_CHOICES_KEY = "translated_choices"


def translated_choice(key: str) -> str:
    """``key``, noted as a select box whose options are words of the chosen language."""
    st.session_state.setdefault(TRANSLATED_CHOICES_KEY, set()).add(key)
    return key


def _language_chosen() -> None:
    """The new language kept, and each translated select box's choice given back to it:
    a choice left as it was would keep showing its words in the old language ("Tất cả" on
    the English screen), because Streamlit sends a choice's words only when it moves."""
    keep_widget_value(LANGUAGE_KEY)
    for key in st.session_state.get(TRANSLATED_CHOICES_KEY, ()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


LANGUAGE_PARAM = "lang"


def language_switch() -> None:
    """Sidebar switch. The choice lives in the session, across pages, and in the address
    (``?lang=en``), so that a reload or a bookmarked link opens in the same language."""
    asked = st.query_params.get(LANGUAGE_PARAM)
    if LANGUAGE_KEY not in st.session_state and asked in LANGUAGE_NAMES:
        st.session_state[LANGUAGE_KEY] = asked  # a new session: the address decides
    st.sidebar.radio(
        # In both languages whatever the screen's: found by a person who reads only one.
        f"{translate('app.language', 'vi')} / {translate('app.language', 'en')}",
        options=list(LANGUAGE_NAMES),
        format_func=LANGUAGE_NAMES.__getitem__,
        key=persistent_widget_key(LANGUAGE_KEY, DEFAULT_LANGUAGE),
        on_change=_language_chosen,
        horizontal=True,
    )
    chosen = language()
    if chosen == DEFAULT_LANGUAGE:
        if LANGUAGE_PARAM in st.query_params:
            del st.query_params[LANGUAGE_PARAM]
    elif asked != chosen:
        st.query_params[LANGUAGE_PARAM] = chosen


def widget_texts() -> None:
    """Streamlit's file uploader has no setting for its own words ("Upload", "… per file"):
    its button says ours, and its limit line gives way to our label and help, which name
    the size and the kinds of file. Fixed text of ours only, never a user's."""
    button = t("upload.button").replace('"', "")
    st.html(
        "<style>"
        "[data-testid='stFileUploaderDropzoneInstructions']{display:none}"
        "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer']"
        "{display:none}"
        f"[data-testid='stFileUploaderDropzone'] button::after{{content:\"{button}\"}}"
        "</style>"
    )


def is_english() -> bool:
    return language() == "en"


def localized(row: object, field: str) -> str:
    """``name_vi`` or ``name_en`` of an indicator row, by the chosen language."""
    return getattr(row, f"{field}_{language()}")


def indicator_label(indicator: object, unit: str | None = None) -> str:
    """An indicator's name with its unit (``unit``: another than its own, a scaled one):
    "Tổng mức đầu tư (tỷ đồng)"; the unit is left out where the name already says it,
    "Số công trình" rather than "Số công trình (công trình)"."""
    name = localized(indicator, "name")
    unit = localized(indicator, "unit") if unit is None else unit
    return name if not unit or unit.casefold() in name.casefold() else f"{name} ({unit})"


def unit_name(tree: LocalityTree, unit_id) -> str:
    """A unit's name, marked when it no longer exists."""
    unit = tree.units[unit_id]
    return f"{unit.name} ({t('former')})" if unit.valid_to else unit.name


def successor_text(tree: LocalityTree, unit_id) -> str:
    """``nay: Phường Tam Kỳ (một phần), …`` for an abolished unit; empty otherwise."""
    return ", ".join(succession_name(name, kind) for name, kind in tree.successor_names(unit_id))


def succession_name(name: str, kind: str) -> str:
    """``Phường Tam Kỳ (một phần)``: a successor or predecessor, and how much of it."""
    return f"{name} ({t('locality.part') if kind == 'partial' else t('locality.whole')})"


def source_legend() -> dict[str, str]:
    """How a chart names where its figures come from (reported, or illustrative)."""
    return {
        "source_title": t("col.source"),
        "reported": t("source.reported"),
        "illustrative": t("source.illustrative"),
    }


def data_source(is_illustrative: bool) -> str:
    return t("source.illustrative") if is_illustrative else t("source.reported")


def illustrative_mark(is_illustrative: bool) -> str:
    return " *" if is_illustrative else ""


def choose_campaign(
    campaigns: Sequence[CampaignRecord],
    key: str = "campaign",
    only: Sequence[UUID] | None = None,
) -> CampaignRecord | None:
    """Pick a campaign; ``only``: these campaigns, in this order."""
    by_id = {campaign.id: campaign for campaign in campaigns}
    options = [i for i in only if i in by_id] if only is not None else list(by_id)
    if not options:
        st.info(t("filter.no_campaign"))
        return None
    chosen = st.selectbox(
        t("filter.campaign"),
        options=options,
        format_func=lambda i: by_id[i].name,
        key=key,
        placeholder=t("filter.choose"),
    )
    return by_id[chosen]


def choose_one(
    container, label: str, names: Mapping[K, str], key: str | None = None, **options: Any
) -> K | None:
    """A select box over ``names``' keys that shows their names; ``options`` go to Streamlit
    (``index``, a ``placeholder`` other than "choose"). Names that are words of the chosen
    language want ``key=translated_choice(...)``; names of places, people or campaigns do
    not, and a box in a form must not be given back its choice (its pick not yet sent
    would be undone)."""
    options.setdefault("placeholder", t("filter.choose"))
    return container.selectbox(label, list(names), format_func=names.get, key=key, **options)


def choose_several(container, label: str, names: Mapping[K, str], key: str) -> list[K]:
    """A multiple choice box over ``names``' keys that shows their names (as for
    ``choose_one``: registered as a translated choice by the caller, if ever)."""
    return container.multiselect(
        label, list(names), format_func=names.get, key=key, placeholder=t("filter.choose")
    )


def choose_or_all(container, label: str, names: Mapping[UUID, str], key: str) -> UUID | None:
    """A select box whose first choice, "Tất cả", means no filter (None)."""
    return container.selectbox(
        label,
        options=[None, *names],
        format_func=lambda i: t("filter.all_below") if i is None else names[i],
        key=translated_choice(key),
        # None, chosen, is at times shown as nothing chosen: the placeholder says it too.
        placeholder=t("filter.all_below"),
    )


def year_range(first: int, last: int) -> list[int]:
    return list(range(first, max(last, first) + 1))


def plain_markdown(text: str) -> str:
    """User text shown literally: every ASCII punctuation mark is escaped, so a
    ``[x](javascript:…)`` or ``**`` typed in a finding is never turned into markup.
    (HTML is already escaped by Streamlit.) Streamlit turns a bare address
    (``http://…``, ``www.…``, ``a@b.vn``) into a link whatever is escaped: those are shown
    as code, readable and copyable, never a link out of the tool."""
    parts, start = [], 0
    for found in _ADDRESS.finditer(text):
        parts.append(_escaped(text[start : found.start()]))
        parts.append(_code(found.group()))
        start = found.end()
    parts.append(_escaped(text[start:]))
    return "".join(parts)


def _escaped(text: str) -> str:
    return "".join("\\" + ch if ch in _MARKDOWN_PUNCTUATION else ch for ch in text)


def _code(text: str) -> str:
    """An inline code span holding ``text`` as it is (its fence longer than any run of
    backticks inside)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return (
        f"{fence} {text} {fence}"
        if text.startswith("`") or text.endswith("`")
        else (f"{fence}{text}{fence}")
    )


_ADDRESS = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


_MARKDOWN_PUNCTUATION = set("\\`*_{}[]()<>#+-.!|~:$&\"'=%/;?@^,")


def recommendation_status(status: str, days_overdue: int) -> str:
    """``Quá hạn 53 ngày`` for an overdue recommendation, its status otherwise."""
    return t("rstatus.overdue", days=days_overdue) if days_overdue else t(f"rstatus.{status}")


OVERDUE_BACKGROUND = "background-color: #fdecea"


def overdue_rows(columns: Mapping[str, list], late: list[bool]):
    """The table with its overdue rows tinted red (the status says so in words too)."""
    return pd.DataFrame(columns).style.apply(
        lambda row: [OVERDUE_BACKGROUND if late[row.name] else ""] * len(row), axis=1
    )


def choose_statuses(container, codes: Sequence[str], family: str, key: str) -> tuple[str, ...]:
    """Statuses to keep (none chosen: all), each shown as ``<family>.<code>`` reads."""
    chosen = container.multiselect(
        t("col.status"),
        options=list(codes),
        format_func=lambda code: t(f"{family}.{code}"),
        key=translated_choice(key),
        placeholder=t("filter.all_below"),  # none chosen keeps all, as the boxes beside say
    )
    return tuple(chosen)


def date_range(container, label: str, key: str) -> tuple[date | None, date | None]:
    """A range picker; (start, end), either None while the user has not picked it."""
    dates = container.date_input(label, value=(), format="DD/MM/YYYY", key=key)
    # A range picker gives (), (start,) or (start, end) while the user picks.
    return (*dates, None, None)[:2] if isinstance(dates, tuple) else (dates, dates)


def provinces_on(tree: LocalityTree, on: date) -> list[UUID]:
    """The provinces that exist on ``on``, by name: the choices of an area box."""
    provinces = (
        u for u in tree.units.values() if u.level == "province" and u.existed_during(on, on)
    )
    return [u.id for u in sorted(provinces, key=lambda u: u.name)]


def check_note(value: float, restated: float | None, decimals: int) -> str:
    """What a check figure says beside the periods it restates: their sum, and the gap."""
    total = restated or 0.0
    gap = round(value - total, decimals)
    sign = "+" if gap > 0 else "-"
    return t(
        "figures.check_note",
        sum=format_number(total, decimals),
        gap=t("figures.check_matches")
        if gap == 0
        else t("figures.check_differs", diff=sign + format_number(abs(gap), decimals)),
    )


def styled_numbers(
    frame: pd.DataFrame, decimals: Mapping[str, int], illustrative: set[tuple[int, str]]
):
    """A table whose numbers stay numbers (a column sorts by value), shown the Vietnamese
    way: ``1.739,4``, `` *`` after an illustrative figure (``illustrative``: row position
    and column), ``–`` for none."""

    def shown(places: int, mark: str = ""):
        return lambda value: "–" if pd.isna(value) else format_number(float(value), places) + mark

    styler = frame.style.format({column: shown(d) for column, d in decimals.items()})
    marked: dict[str, list[object]] = {}
    for position, column in illustrative:
        marked.setdefault(column, []).append(frame.index[position])
    for column, rows in marked.items():
        styler = styler.format(
            shown(decimals[column], illustrative_mark(True)), subset=pd.IndexSlice[rows, [column]]
        )
    return styler


def show_chart(
    build: Callable[..., Any],
    *args: Any,
    events: dict[str, Any] | None = None,
    width: str = "stretch",
    **options: Any,
) -> Any:
    """A chart from one of ``ui.charts``' builders, built once per distinct input: the
    same view redrawn (a warm screen, a rerun) reuses the spec. ``events``: Streamlit's
    options for a chart that is clicked (``on_select``, ``key``…); ``width="content"``
    keeps the size the builder gave."""
    spec = _chart_spec(build.__name__, *args, **options)
    return st.vega_lite_chart(spec=spec, width=width, **(events or {}))


@st.cache_data(show_spinner=False, max_entries=256)
def _chart_spec(builder: str, *args: Any, **options: Any) -> dict:
    from ui import charts

    return charts.vega_spec(getattr(charts, builder)(*args, **options))
