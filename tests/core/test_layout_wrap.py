"""Wrapping in logical order at word boundaries, measured in shaped cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.layout.shaping import Shaper
from hamish.core.layout.wrap import wrap_paragraph
from tests.core.layout_strategies import mixed_paragraphs

SHAPER = Shaper(shaping=True)


def lines(text: str, width: int) -> list[str]:
    starts = wrap_paragraph(text, width, SHAPER)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def test_breaks_between_words_and_keeps_the_space_on_the_line():
    assert lines("one two three four", 9) == ["one two ", "three ", "four"]


def test_a_word_wider_than_the_line_is_broken_between_letters():
    assert lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_ligatures_are_measured_shaped():
    # "لا لا لا" is 8 code points but 5 cells once shaped: it fits in 5 columns.
    assert lines("لا لا لا", 5) == ["لا لا لا"]


def test_harakat_do_not_take_space():
    vocalised = "بِسْمِ بِسْمِ"
    assert lines(vocalised, 7) == [vocalised]


@settings(max_examples=300, deadline=None)
@given(mixed_paragraphs(), st.integers(1, 50))
def test_wrapped_lines_cover_the_text_and_fit(text, width):
    wrapped = lines(text, width)
    assert "".join(wrapped) == text
    for line in wrapped:
        cells = sum(SHAPER.shape(line).widths)
        assert cells <= width or len(SHAPER.shape(line).widths) == 1
