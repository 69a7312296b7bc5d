"""Explicit embeddings, overrides and isolates in the drawn layout (UAX #9 X1-X10, L1-L2).

They are honoured within their paragraph, stop at its end (X8: every paragraph ends all of
them, terminated or not), are never drawn, and still own a cell of the map so the caret,
selection and highlights can reach them. Expected rows below are worked out by hand from the
rules and also checked against ICU.

The tests at the end pin two engine bugs these tests found and that are fixed: zero-width
controls losing their own level, and a paragraph of zero-width characters drawing one of them.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.bidi import paragraph_base_level
from hamish.core.layout import Layout, LayoutOptions, VisualLine
from hamish.core.layout.text import drawable
from tests.core.icu_lines import icu_drawn_line
from tests.core.layout_strategies import mixed_paragraphs
from tests.core.test_layout_icu import paragraphs_with_controls

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
OPENERS = [LRE, RLE, LRO, RLO, LRI, RLI, FSI]
CONTROLS = frozenset([*OPENERS, PDF, PDI, LRM, RLM, ALM])


def layout_of(paragraphs: list[str], width: int = 40, **options: bool) -> Layout:
    article = Article.build([BlockSpec(BlockKind.PARAGRAPH, p) for p in paragraphs], title="t")
    return Layout(article, LayoutOptions(width, **options))


def block_lines(layout: Layout, number: int) -> list[VisualLine]:
    return [
        line
        for line in (layout.line(row) for row in range(layout.row_count))
        if line.block == number and not line.is_spacer
    ]


def drawn(text: str, width: int = 40) -> list[str]:
    return [line.text for line in block_lines(layout_of([text], width), 0)]


HAND_CHECKED = [
    # RLO makes "abc" R at level 1: reversed, and the rest of the line is untouched.
    ("x \u202eabc\u202c y", ["x cba y"]),
    # LRO in an RTL paragraph: "גדה" is L at level 2, so it keeps its logical order.
    ("אב \u202dגדה\u202c וז", ["זו גדה בא"]),
    # RLE: "DEF" (L) rises to level 2 inside a level-1 embedding, which the space and "אב"
    # share; L2 reverses "DEF" twice and the embedding once.
    ("abc \u202bDEF \u05d0\u05d1\u202c ghi", ["abc \u05d1\u05d0 DEF ghi"]),
    # RLI: the isolate is one neutral for the text outside, so "1" stays left of it.
    ("a 1 \u2067\u05d0\u05d1 2\u2069 b", ["a 1 2 \u05d1\u05d0 b"]),
    # FSI takes its direction from its first strong character (Hebrew), like RLI.
    ("a \u2068\u05d0 b\u2069 c", ["a b \u05d0 c"]),
    # Mirroring follows the override: "(" forced to R at level 1 is drawn ")".
    ("a \u202e(b)\u202c", ["a (b)"]),
    # Unterminated: the override lasts to the end of the paragraph (and no further, below).
    ("one \u202etwo three", ["one eerht owt"]),
]


@pytest.mark.parametrize(("text", "rows"), HAND_CHECKED)
def test_explicit_formatting_is_honoured(text: str, rows: list[str]) -> None:
    assert drawn(text) == rows
    layout = layout_of([text])
    line = block_lines(layout, 0)[0]
    assert icu_drawn_line(text, line.base_level, 0, len(text)) == rows[0]


def same_rows(
    first: list[VisualLine], first_start: int, second: list[VisualLine], second_start: int
) -> None:
    """Two lists of rows are the same drawing of the same text, wherever the block starts."""

    def relative(lines: list[VisualLine], start: int) -> list[object]:
        return [
            (
                line.start - start,
                line.end - start,
                line.base_level,
                [
                    (g.col, g.width, g.start - start, g.end - start, g.text, g.level)
                    for g in line.glyphs
                ],
            )
            for line in lines
        ]

    assert relative(first, first_start) == relative(second, second_start)


@settings(max_examples=150, deadline=None)
@given(
    mixed_paragraphs(max_words=8),
    st.sampled_from(OPENERS),
    mixed_paragraphs(max_words=8),
    mixed_paragraphs(),
    st.sampled_from([9, 20, 50]),
)
def test_unterminated_controls_end_with_their_paragraph(
    before: str, opener: str, after: str, next_block: str, width: int
) -> None:
    assume(paragraph_base_level(next_block) is not None)  # else HL1 follows the block before
    leaking = before + opener + after
    together = layout_of([leaking, next_block], width)
    alone = layout_of([next_block], width)
    start = together.article.blocks[1].start
    same_rows(block_lines(together, 1), start, block_lines(alone, 0), 0)


def test_an_unterminated_override_does_not_reverse_the_next_paragraph() -> None:
    layout = layout_of(["one \u202etwo", "three four"])
    assert [line.text for line in block_lines(layout, 0)] == ["one owt"]
    assert [line.text for line in block_lines(layout, 1)] == ["three four"]


def test_an_unterminated_isolate_does_not_reach_the_next_paragraph() -> None:
    layout = layout_of(["\u05d0 \u2067b c", "d e \u05d1"])
    assert [line.text for line in block_lines(layout, 1)] == ["d e \u05d1"]
    assert block_lines(layout, 1)[0].base_level == 0


@settings(max_examples=200, deadline=None)
@given(
    st.lists(paragraphs_with_controls(), min_size=1, max_size=3),
    st.sampled_from([8, 15, 40]),
    st.booleans(),
    st.booleans(),
)
def test_controls_are_never_drawn_but_always_mapped(
    paragraphs: list[str], width: int, shaping: bool, reorder: bool
) -> None:
    layout = layout_of(paragraphs, width, shaping=shaping, reorder=reorder)
    text = layout.article.text
    covering: dict[int, int] = {}
    for row in range(layout.row_count):
        for glyph in layout.line(row).glyphs:
            assert drawable(glyph.text) == glyph.text, f"{glyph.text!r} would be drawn"
            assert not CONTROLS & set(glyph.text)
            for offset in range(glyph.start, glyph.end):
                covering[offset] = covering.get(offset, 0) + 1
    for block in layout.article.blocks:
        for offset in range(block.start, block.end):
            assert covering.get(offset) == 1, f"{text[offset]!r} at {offset} is not in one cell"
            if text[offset] in CONTROLS:
                row = layout.row_of(offset)
                assert layout.line(row).glyph_of(offset) is not None


# -- zero-width characters with a level of their own ---------------------------------------------
# LRM, RLM, ALM and the isolate controls (which X9 keeps) take part in L2 like any character: when
# one's level is lower than the characters on both sides, the run ends at it. The engine once
# folded them into the cluster before them and lost their level; these rows are ICU's and
# follow by hand.


def test_an_rlm_between_digits_separates_them() -> None:
    # ١ and ٢ are AN, raised to level 2 by I2; the RLM is R at level 1: two runs, laid out
    # right to left.
    assert [unicodedata.normalize("NFKC", row) for row in drawn("عدد ١\u200f٢")] == ["٢١ ددع"]


def test_an_lrm_between_hebrew_letters_separates_them() -> None:
    # In an LTR paragraph: א and ב at level 1, the LRM at 0 between them, so no reversal.
    assert drawn("x \u05d0\u200e\u05d1") == ["x \u05d0\u05d1"]


def test_adjacent_isolates_keep_their_order() -> None:
    # Each RLI…PDI is its own run at level 1 with the controls at 0: first isolate first.
    assert drawn(f"abc{RLI}\u05d0\u05d1{PDI}{RLI}\u05d2\u05d3{PDI}") == [
        "abc\u05d1\u05d0\u05d3\u05d2"
    ]


def test_a_number_before_an_isolate_stays_outside_it() -> None:
    # "5" (EN, level 2) and the LTR isolate (level 2) are split by the LRI at level 1.
    assert drawn(f"מספר 5{LRI}abc{PDI}") == ["abc5 רפסמ"]


# A paragraph made only of zero-width characters (a text file's line holding just an RLM, common
# in documents exported from word processors) draws nothing: its cluster's "base" is invisible too.


@pytest.mark.parametrize("text", ["\u200f", "\u202a\u064e", "\u200b", "\u200c\u200d"])
def test_a_paragraph_of_only_invisible_characters_draws_none_of_them(text: str) -> None:
    (line,) = block_lines(layout_of([text]), 0)
    assert drawable(line.text) == line.text
