"""A long paragraph is wrapped a slice at a time and shaped and resolved a window at a time; the
rows must be exactly those of the whole paragraph (issue 10 item 8).

``ParagraphCuts`` claims that UAX #9 gives both sides of an allowed cut the levels the whole
paragraph gives them: checked here at every position it allows, against whole-paragraph
resolution. The layout is then compared row by row, windows and slices made tiny so that
generated paragraphs are cut many times.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.bench.generate import arabic_article
from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.bidi import resolve_paragraph
from hamish.core.bidi.cuts import EXPLICIT_FORMATTING_CHARS, ParagraphCuts
from hamish.core.layout import Layout, LayoutOptions, windows, wrap
from hamish.core.layout.text import display_text
from tests.core.layout_strategies import mixed_paragraphs, paragraphs_with_prepend
from tests.core.test_layout_icu import paragraphs_with_controls

long_paragraphs = st.lists(
    st.one_of(mixed_paragraphs(), paragraphs_with_prepend(), paragraphs_with_controls()),
    min_size=1,
    max_size=10,
).map(" ".join)
"""Sentences of mixed scripts, numbers, brackets (some left open, some closed far away),
Prepend marks and now and then explicit formatting, joined into one paragraph."""


@pytest.mark.slow
@settings(max_examples=250, deadline=None)
@given(long_paragraphs, st.sampled_from([None, 0, 1]))
def test_every_allowed_cut_gives_both_sides_the_levels_of_the_whole(text, base_level):
    text = display_text(text)
    whole = resolve_paragraph(text, base_level)
    cuts = ParagraphCuts(text, whole.base_level)
    for position in range(len(text) + 1):
        if cuts.allows(position):
            left = resolve_paragraph(text[:position], whole.base_level).levels
            right = resolve_paragraph(text[position:], whole.base_level).levels
            assert left + right == whole.levels, (ascii(text), position)


def test_explicit_formatting_characters_are_all_of_their_classes() -> None:
    classes = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}
    found = {chr(c) for c in range(0x110000) if unicodedata.bidirectional(chr(c)) in classes}
    assert found == set(EXPLICIT_FORMATTING_CHARS)


def test_what_forbids_a_cut() -> None:
    rtl = "\u0628\u062c \u062f (\u0647 \u0648) \u0632 a"
    cuts = ParagraphCuts(rtl, 1)
    assert cuts.allows(rtl.index("\u062f"))  # an Arabic letter starts the right side
    assert not cuts.allows(rtl.index("\u0648"))  # inside a bracket pair
    assert not cuts.allows(rtl.index("a"))  # a letter of the other direction
    assert not cuts.allows(rtl.index(" "))  # not a strong character
    assert not ParagraphCuts("\u0628 \u202b\u062c\u202c \u062f", 1).possible  # embeddings
    overflowing = "\u0628 " + "(" * 64 + " \u062f"
    assert not ParagraphCuts(overflowing, 1).possible  # BD16 overflow cancels every pair


def layout(paragraph: str, width: int, *, shaping: bool, reorder: bool = True) -> Layout:
    article = Article.build([BlockSpec(BlockKind.PARAGRAPH, paragraph)], title="")
    return Layout(article, LayoutOptions(width, shaping=shaping, reorder=reorder))


def assert_same_rows(paragraph: str, width: int, window: int, *, shaping: bool, reorder: bool):
    whole = layout(paragraph, width, shaping=shaping, reorder=reorder)
    expected = [whole.line(row) for row in range(whole.row_count)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(windows, "WINDOW_CHARS", window)
        patch.setattr(wrap, "SLICE_CHARS", max(1, window // 3))
        windowed = layout(paragraph, width, shaping=shaping, reorder=reorder)
        for row in reversed(range(len(expected))):  # from the end too: windows out of order
            assert windowed.line(row) == expected[row], (ascii(paragraph), width, window, row)
        assert windowed.row_count == len(expected)


@settings(max_examples=300, deadline=None)
@given(
    long_paragraphs,
    st.integers(8, 40),
    st.integers(1, 120),
    st.booleans(),
    st.sampled_from([True, True, False]),
)
def test_windows_and_slices_draw_the_rows_of_the_whole_paragraph(
    paragraph, width, window, shaping, reorder
):
    assert_same_rows(paragraph, width, window, shaping=shaping, reorder=reorder)


def test_a_long_arabic_paragraph_is_cut_into_many_windows() -> None:
    paragraph = " ".join(arabic_article(200_000).split("\n\n")[2:])
    long_layout = layout(paragraph, 60, shaping=True)
    last = long_layout.row_count - 1
    long_layout.line(last)
    paragraph_windows = long_layout._windows[0]
    assert paragraph_windows.window_of(long_layout.row_count - 1)[0] > 3
    assert_same_rows(paragraph, 60, windows.WINDOW_CHARS // 4, shaping=True, reorder=True)


def test_the_first_screen_reads_only_the_start_of_a_long_paragraph() -> None:
    paragraph = " ".join(arabic_article(2_000_000).split("\n\n")[2:])
    first = layout(paragraph, 97, shaping=True)
    for row in range(31):
        first.line(row)
    assert not first.complete
    assert first._breakers[0].position < 2 * windows.WINDOW_CHARS  # the first window, no more
    assert first.estimated_rows() > 10_000
