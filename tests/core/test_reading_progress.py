"""Where the reader is: the words left after any offset, what the status row says, how far the
screen shows, and the furthest point kept apart from the position (issue 11, item 4)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core import article as article_module
from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.layout import Layout, LayoutOptions
from hamish.core.reading_progress import Whereabouts, WordIndex, seen_through

WORDS = st.text(st.sampled_from("ab \n\u0628\u064e\u05d0\t"), max_size=120)


def words_starting_at_or_after(text: str, offset: int) -> int:
    """The slow, obvious count: words whose first character is at ``offset`` or later."""
    count, in_word = 0, False
    for index, char in enumerate(text):
        starts = not char.isspace() and not in_word
        in_word = not char.isspace()
        count += starts and index >= offset
    return count


@settings(max_examples=200, deadline=None)
@given(WORDS, st.integers(1, 9))
def test_words_after_counts_the_words_that_start_there_or_later(text: str, slice_chars: int):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(article_module, "WORD_INDEX_SLICE", slice_chars)  # many slices, short text
        index = WordIndex(text)
    assert index.total == len(text.split())
    for offset in range(len(text) + 2):
        assert index.words_after(offset) == words_starting_at_or_after(text, offset), offset


def test_the_status_row_says_position_furthest_and_minutes_left() -> None:
    index = WordIndex("word " * 1000)
    assert Whereabouts.at(0, 2500, 5000, index).describe() == "at 0% · 50% read · 5 min left"
    assert Whereabouts.at(4000, 0, 5000, index).describe() == "at 80% · 80% read · 1 min left"
    assert Whereabouts.at(4900, 0, 5000, index).describe() == (
        "at 98% · 98% read · under a minute left"
    )
    assert Whereabouts.at(4996, 5000, 5000, index).describe() == "at 99% · 100% read · the end"
    # Before the article has been read in, the minutes are not guessed.
    assert Whereabouts.at(10, 20, 100).describe() == "at 10% · 20% read"


def test_seen_through_is_the_end_of_the_last_row_on_screen() -> None:
    specs = [BlockSpec(BlockKind.PARAGRAPH, f"Paragraph {n} has a few words.") for n in range(9)]
    article = Article.build(specs, title="")
    layout = Layout(article, LayoutOptions(40))
    layout.index()
    assert seen_through(layout, 0, 3) == layout.line(2).end
    assert seen_through(layout, 0, 1000) == len(article.text)  # all of it fits
    assert seen_through(Layout(Article.build([], title=""), LayoutOptions(40)), 0, 5) is None
