"""User text shown as Markdown reads literally: no markup, no link, no image."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.screens import read_as_shown
from ui.common import plain_markdown

TYPED = [
    "[bấm](http://evil.example)",
    "![ảnh](http://evil.example/p.png)",
    "Xem www.tamky.gov.vn/ke-hoach nhé",
    "gửi vanthu@tamky.gov.vn.",
    "**đậm** _nghiêng_ `mã` <b>html</b> # tiêu đề",
    "a `b` http://x/`y",
]


@pytest.mark.parametrize("text", TYPED)
def test_typed_text_reads_as_typed_and_holds_no_link(text):
    source = plain_markdown(text)
    assert read_as_shown(source) == text
    # Outside code spans (where Markdown makes no link), no bracket or parenthesis is left
    # unescaped, and no address remains for Streamlit to turn into a link.
    outside = re.sub(r"(`+).+?\1", " ", source)
    assert not re.search(r"(?<!\\)[\[\]()!<>*_#]", outside), outside
    assert not re.search(r"://|www\.|\w@\w", read_as_shown(outside)), outside


def test_typed_text_in_a_streamlit_caption_reads_as_typed():
    def page(texts):
        import streamlit as st

        from ui.common import plain_markdown

        for text in texts:
            st.caption(plain_markdown(text))

    app = AppTest.from_function(page, args=(TYPED,)).run()
    assert not app.exception
    assert [read_as_shown(c.value) for c in app.caption] == TYPED
