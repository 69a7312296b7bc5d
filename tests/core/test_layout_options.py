"""The rendering options: ``reorder=False`` (``--bidi terminal``) and ``shaping=False``.

With ``reorder=False`` the terminal runs the bidi algorithm itself, so hamish must hand it the
text in logical order, unmirrored and left-aligned: reordering or mirroring it first would get
it reversed twice. With ``shaping=False`` the terminal (or its font) shapes Arabic, so hamish
must draw the text's own letters, never presentation forms.
"""

from __future__ import annotations

import unicodedata

import icu
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.layout import Layout, LayoutOptions, VisualLine
from hamish.core.layout.text import char_width, display_text, drawable
from tests.core.icu_lines import is_presentation_form
from tests.core.layout_strategies import mixed_paragraphs


def layout_of(specs: list[BlockSpec], width: int, **options: bool) -> Layout:
    return Layout(Article.build(specs, title="t"), LayoutOptions(width, **options))


def lines(layout: Layout) -> list[VisualLine]:
    return [layout.line(row) for row in range(layout.row_count) if not layout.line(row).is_spacer]


def without_leading_zero_width(text: str) -> str:
    """Zero-width characters opening a paragraph are drawn after its first base (see
    ``test_layout_icu``); without them the drawn text is exactly the logical text."""
    index = 0
    while index < len(text) and char_width(text[index]) == 0:
        index += 1
    return text[index:] or "a"


def letters_and_marks(text: str) -> tuple[str, list[str]]:
    """Letters in order (presentation forms mapped back) and the marks as a multiset: a
    lam-alef ligature draws the marks of both its letters after itself."""
    letters = unicodedata.normalize("NFKC", text)
    return (
        "".join(c for c in letters if unicodedata.category(c) != "Mn"),
        sorted(c for c in letters if unicodedata.category(c) == "Mn"),
    )


def has_a_base(text: str) -> bool:
    """A paragraph of zero-width characters only hits a known engine bug (its first one is
    drawn; see ``test_layout_bidi_controls``)."""
    return any(char_width(char) for char in text)


kinds = st.sampled_from([BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(kinds, mixed_paragraphs().map(without_leading_zero_width)), min_size=1, max_size=3
    ),
    st.integers(8, 60),
    st.booleans(),
)
def test_no_reordering_gives_logical_order_left_aligned_unmirrored(
    blocks: list[tuple[BlockKind, str]], width: int, shaping: bool
) -> None:
    specs = [BlockSpec(kind, text, bulleted=kind is BlockKind.LIST_ITEM) for kind, text in blocks]
    layout = layout_of(specs, width, reorder=False, shaping=shaping)
    for line in lines(layout):
        block = layout.article.blocks[line.block]
        indent = {BlockKind.PARAGRAPH: 0, BlockKind.QUOTE: 2, BlockKind.LIST_ITEM: 2}[block.kind]
        assert line.glyphs[0].col == indent  # left-aligned whatever the direction
        col = indent
        for before, glyph in zip(line.glyphs, line.glyphs[1:], strict=False):
            assert before.end == glyph.start  # logical order, nothing skipped
        for glyph in line.glyphs:
            assert glyph.col == col and glyph.level == 0
            col += glyph.width
        for decoration in line.decorations:  # bullet and quote bar on the left too
            assert decoration.col < indent
        logical = drawable(display_text(layout.article.text[line.start : line.end]))
        if not shaping:  # the logical text itself: no mirrored bracket, no reordered letter
            assert line.text == logical
        else:  # shaped letters stand for the same letters, in the same order
            assert letters_and_marks(line.text) == letters_and_marks(logical)


def test_no_reordering_keeps_an_rtl_paragraph_as_written() -> None:
    text = "שלום (עולם) [1] 2"
    reordered = lines(layout_of([BlockSpec(BlockKind.PARAGRAPH, text)], 30))[0]
    logical = lines(layout_of([BlockSpec(BlockKind.PARAGRAPH, text)], 30, reorder=False))[0]
    assert reordered.text == "2 [1] (םלוע) םולש"
    assert reordered.glyphs[-1].col + reordered.glyphs[-1].width == 30
    assert logical.text == text
    assert logical.glyphs[0].col == 0


def test_no_reordering_puts_a_quote_bar_on_the_left() -> None:
    spec = BlockSpec(BlockKind.QUOTE, "שלום עולם")
    assert lines(layout_of([spec], 20))[0].decorations[0].col == 19
    assert lines(layout_of([spec], 20, reorder=False))[0].decorations[0].col == 0


def unmirrored(glyph_text: str, rtl: bool) -> str:
    """The glyph's characters before L4 (ICU's mirror mapping, independent of hamish's)."""
    if not rtl or not glyph_text:
        return glyph_text
    return str(icu.Char.charMirror(glyph_text[0])) + glyph_text[1:]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(mixed_paragraphs().filter(has_a_base), min_size=1, max_size=3),
    st.integers(8, 60),
    st.booleans(),
)
def test_unshaped_glyphs_draw_their_own_characters(
    paragraphs: list[str], width: int, reorder: bool
) -> None:
    specs = [BlockSpec(BlockKind.PARAGRAPH, p) for p in paragraphs]
    layout = layout_of(specs, width, shaping=False, reorder=reorder)
    text = layout.article.text
    for line in lines(layout):
        for glyph in line.glyphs:
            assert not any(map(is_presentation_form, glyph.text))
            own = drawable(display_text(text[glyph.start : glyph.end]))
            assert sorted(unmirrored(glyph.text, glyph.rtl)) == sorted(own)


def test_shaping_is_what_adds_presentation_forms() -> None:
    spec = BlockSpec(BlockKind.PARAGRAPH, "سلام على العالم")
    shaped = lines(layout_of([spec], 40))[0].text
    unshaped = lines(layout_of([spec], 40, shaping=False))[0].text
    assert all(is_presentation_form(c) for c in shaped if c != " ")
    assert unshaped == "ملاعلا ىلع مالس"
    assert "\ufefc" in shaped  # the lam-alef of "سلام", one cell for two letters
    assert len(shaped) == len(unshaped) - 1


def test_an_ordered_list_item_keeps_its_number_and_gets_no_bullet() -> None:
    article = Article.build(
        [
            BlockSpec(BlockKind.LIST_ITEM, "1. first step"),
            BlockSpec(BlockKind.LIST_ITEM, "a bullet item", bulleted=True),
            BlockSpec(BlockKind.LIST_ITEM, "٢. خطوة ثانية"),
        ],
        title="t",
    )
    layout = Layout(article, LayoutOptions(30))
    numbered, bulleted, arabic_numbered = (layout.line(row) for row in (0, 2, 4))
    assert numbered.decorations == () and arabic_numbered.decorations == ()
    assert [d.text for d in bulleted.decorations] == ["•"]
