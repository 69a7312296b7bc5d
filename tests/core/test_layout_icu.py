"""Differential test of the whole layout engine against ICU: every visual line, as drawn.

``test_bidi_icu.py`` proves the levels and the L2 order of the resolver. This proves what the
reader actually shows: the engine's wrapping, its clusters, its per-line reordering, mirroring
(L4) and marks after their base (L3) give, line by line, exactly the string ICU's
``writeReordered`` gives for the same logical range of the same paragraph at the same paragraph
level (see ``icu_lines``). Shaping is off, so both sides draw the text's own characters.

What is kept out of the generated text, and why (each pinned by an explicit test below):
- Zero-width characters at the start of a paragraph. hamish draws them after the paragraph's
  first base character (a terminal has nothing to put a leading mark on); ICU draws them first.
- A mark directly after an explicit formatting character (LRM, RLM, ALM, embeddings, overrides,
  isolates). hamish keeps such a mark on the cell before it, whose level places it; UAX #9 gives
  it a level of its own (W1 makes it ON after an isolate control, the new embedding's direction
  after LRE/RLE/LRO/RLO), which can put it elsewhere in the line, on no base at all.
- The three ICU 77 deviations from UAX #9 listed in ``test_bidi_icu.py`` (its ``_assemble``).
- A Prepend mark before digits of another level: UAX #29 keeps the mark with its digits, UAX #9
  per code point can part them (``layout_strategies.marked_numbers``, ``test_layout_prepend.py``).

Zero-width characters with a level of their own (LRM, RLM, ALM, LRI, RLI, FSI, PDI) are NOT kept
out: this test found that the engine once lost their level by folding them into the cluster
before them; the engine now runs L2 over every code point and places clusters by their base.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.layout import Layout, LayoutOptions, VisualLine
from hamish.core.layout.text import char_width, display_text
from tests.core.icu_lines import icu_base_level, icu_drawn_line
from tests.core.layout_strategies import PREPEND, mixed_paragraphs
from tests.core.test_bidi_icu import EXPLICIT, _assemble

WIDTHS = (8, 11, 19, 40, 80)
NON_BMP = ["\U0001f600", "\U00010900"]  # a wide emoji (ON) and a Phoenician letter (R)
_EXPLICIT_SET = frozenset(EXPLICIT)
_ZERO_WIDTH_MARKS = ("Mn", "Me")
OWN_LEVEL_CONTROLS = frozenset("\u200e\u200f\u061c\u2066\u2067\u2068\u2069")
"""Zero-width characters that X9 keeps: they have a level of their own, which L2 uses."""


def comparable(text: str) -> str:
    """``text`` without what the module docstring lists, keeping every other character."""
    kept: list[str] = []
    for char in _assemble(list(text), ("\u2329", "\u232a")):
        if not kept and char_width(char) == 0:
            continue
        if unicodedata.category(char) in _ZERO_WIDTH_MARKS and _after_explicit(kept):
            continue
        kept.append(char)
    return "".join(kept) or "a"


def _after_explicit(kept: list[str]) -> bool:
    """Whether the last character that is not a mark or BN is an explicit formatting one."""
    for char in reversed(kept):
        if unicodedata.category(char) in _ZERO_WIDTH_MARKS or char in "\u200c\u200d":
            continue
        return char in _EXPLICIT_SET
    return False


@st.composite
def paragraphs_with_controls(draw: st.DrawFn) -> str:
    """A mixed paragraph with explicit formatting characters and non-BMP characters inserted,
    never between a Prepend mark and its number (which would put the mark before a character of
    another level: kept out, see the module docstring)."""
    chars = list(draw(mixed_paragraphs(max_words=16)))
    inserts = draw(
        st.lists(
            st.tuples(st.integers(0, len(chars)), st.sampled_from([*EXPLICIT, *NON_BMP])),
            max_size=8,
        )
    )
    for position, char in sorted(inserts, reverse=True):
        if position == 0 or chars[position - 1] not in PREPEND:
            chars.insert(position, char)
    return "".join(chars)


def build(paragraphs: list[str], width: int) -> Layout:
    article = Article.build([BlockSpec(BlockKind.PARAGRAPH, p) for p in paragraphs], title="t")
    return Layout(article, LayoutOptions(width, shaping=False))


def assert_lines_match_icu(paragraphs: list[str], width: int) -> None:
    layout = build(paragraphs, width)
    for row in range(layout.row_count):
        line = layout.line(row)
        if line.is_spacer:
            continue
        block = layout.article.blocks[line.block]
        display = display_text(block.text)
        context = f"{display!r} width={width} row={row} base={line.base_level}"
        strong_level = icu_base_level(display)
        if strong_level is not None:  # otherwise HL1: the level of the paragraph before
            assert line.base_level == strong_level, context
        start, end = line.start - block.start, line.end - block.start
        expected = icu_drawn_line(display, line.base_level, start, end)
        assert line.text == expected, context
        assert_placed_contiguously(line, layout.width)


def assert_placed_contiguously(line: VisualLine, width: int) -> None:
    """Glyphs sit side by side; an RTL line is flush right, an LTR line flush left."""
    col = line.glyphs[0].col if line.glyphs else 0
    for glyph in line.glyphs:
        assert glyph.col == col
        col += glyph.width
    if line.glyphs and line.rtl and col <= width:
        assert col == width
    elif line.glyphs:
        assert line.glyphs[0].col == 0


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(
    st.lists(mixed_paragraphs().map(comparable), min_size=1, max_size=3), st.sampled_from(WIDTHS)
)
@example(["abc (אבג) def"], 8)
@example(["نص [عربي] مع (أقواس) وعلامات َ؟"], 11)
@example(["שלום (a [b] c) עולם"], 19)
def test_drawn_lines_match_icu(paragraphs: list[str], width: int) -> None:
    assert_lines_match_icu(paragraphs, width)


@settings(max_examples=250, deadline=None)
@given(
    st.lists(paragraphs_with_controls().map(comparable), min_size=1, max_size=2),
    st.sampled_from(WIDTHS),
)
@example(["a\u202eabc (d)\u202c e"], 8)
@example(["\u2067abc\u2069 ب \u2066ج د\u2069 (1)"], 11)
@example(["x \U0001f600 \u202bאב [c] \U00010900\u202c y"], 19)
def test_drawn_lines_with_explicit_formatting_match_icu(paragraphs: list[str], width: int) -> None:
    assert_lines_match_icu(paragraphs, width)


# -- what the generators leave out, pinned ------------------------------------------------------


def drawn(text: str, width: int = 40) -> list[str]:
    layout = build([text], width)
    return [layout.line(row).text for row in range(layout.row_count)]


def test_marks_at_the_start_of_a_paragraph_are_drawn_after_its_first_letter() -> None:
    # ICU draws the fatha first, on nothing; hamish puts it on the first letter it can.
    assert drawn("\u064eab") == ["a\u064eb"]
    assert drawn("\u064e\u05d0\u05d1") == ["\u05d1\u05d0\u064e"]


def test_a_mark_after_a_joiner_stays_on_the_letter_before_the_joiner() -> None:
    # ZWNJ is part of the grapheme before it (UAX #29), so the kasra stays on the space, as
    # ICU also draws once the ZWNJ (class BN, removed by X9) is left out.
    assert drawn("\u05d0. \u200c\u0650") == [" \u0650.\u05d0"]
    assert icu_drawn_line("\u05d0. \u200c\u0650", 1, 0, 5) == " \u0650.\u05d0"


def test_a_mark_after_a_bidi_control_stays_on_the_cell_before_it() -> None:
    # RLE opens an embedding at level 1 in which W1 gives the fatha R; hamish draws it on "a".
    assert drawn("a\u202b\u064e\u05d0\u202c") == ["a\u064e\u05d0"]
