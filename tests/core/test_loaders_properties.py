"""Properties over arbitrary input: a loader returns an Article or raises LoadError, nothing
else, and what it returns is internally consistent and faithful to the text it read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.article import Article
from hamish.core.loaders import (
    EMPTY_NOTICE,
    NO_TEXT_NOTICE,
    LoadError,
    article_from_text,
    load_article,
)
from hamish.core.loaders.decode import DecodedText, normalise_newlines
from hamish.core.loaders.parsed import SPACES

MARKUP_PIECES = [
    "\n", "\n\n", "\r\n", "# ", "## ", "> ", "- ", "1. ", "3) ", "    ", "```", "~~~", "*",
    "_", "`", "[a](b)", "![x](y)", "<b>", "</b>", "<!--", "-->", "---\n", "|", "|---|", "\\",
    "&amp;", "\t", "title: x\n", "تاريخ النشر: 07 يناير 2026", "سلام", "שלום", "\u200c",
    "\x1b[1m", "\u2028", "\u00a0", "Published: March 3, 2025", "Short heading",
]  # fmt: skip
article_texts = st.lists(
    st.one_of(st.text(max_size=40), st.sampled_from(MARKUP_PIECES)), max_size=40
).map("".join)


def assert_consistent(article: Article) -> None:
    for block in article.blocks:
        assert block.text
        assert "\n" not in block.text
        assert article.text[block.start : block.end] == block.text
    if not article.blocks:
        assert article.notices in {(EMPTY_NOTICE,), (NO_TEXT_NOTICE,)}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("random-bytes")


@settings(deadline=None, max_examples=300)
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".md", ".dat"]))
def test_random_bytes_give_an_article_or_a_load_error(
    scratch: Path, data: bytes, suffix: str
) -> None:
    path = scratch / f"random{suffix}"
    path.write_bytes(data)
    try:
        article = load_article(path)
    except LoadError as error:
        assert error.path == path
        assert len(str(error).splitlines()) == 1
        return
    assert_consistent(article)


@settings(deadline=None, max_examples=300)
@given(text=article_texts, article_format=st.sampled_from(["txt", "md"]))
def test_any_text_parses_consistently(text: str, article_format: str) -> None:
    decoded = DecodedText(normalise_newlines(text), "utf-8")
    article = article_from_text(decoded, article_format=article_format, fallback_title="t")
    assert_consistent(article)
    assert "\n" not in article.title


@settings(deadline=None, max_examples=300)
@given(text=article_texts)
def test_plain_text_keeps_every_character_but_layout_whitespace(text: str) -> None:
    """Only newlines and the spaces around lines may go; nothing is altered or invented."""
    normalised = normalise_newlines(text)
    decoded = DecodedText(normalised, "utf-8")
    article = article_from_text(decoded, article_format="txt", fallback_title="t")

    def visible(value: str) -> str:
        return "".join(char for char in value if char not in SPACES + "\n")

    assert visible(article.text) == visible(normalised)
