"""The cell ↔ offset map: every code point in exactly one cell, every cell back to its text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.layout import Layout, LayoutOptions, VisualLine
from tests.core.layout_strategies import mixed_paragraphs, paragraphs_with_prepend


def build(paragraphs: list[str], width: int, *, shaping: bool = True) -> Layout:
    article = Article.build([BlockSpec(BlockKind.PARAGRAPH, p) for p in paragraphs], title="t")
    return Layout(article, LayoutOptions(width, shaping=shaping))


def rows(layout: Layout) -> list[VisualLine]:
    return [layout.line(row) for row in range(layout.row_count)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(mixed_paragraphs(), paragraphs_with_prepend()), min_size=1, max_size=3),
    st.integers(8, 60),
    st.booleans(),
)
def test_each_code_point_is_in_exactly_one_cell(paragraphs, width, shaping):
    layout = build(paragraphs, width, shaping=shaping)
    text = layout.article.text
    covered = [0] * len(text)
    for line in rows(layout):
        previous_end = -1
        for glyph in line.glyphs:
            assert glyph.col >= previous_end, "glyphs overlap"
            previous_end = glyph.col + glyph.width
            for offset in range(glyph.start, glyph.end):
                covered[offset] += 1
        if line.glyphs:
            assert min(g.start for g in line.glyphs) == line.start
            assert max(g.end for g in line.glyphs) == line.end
            assert sum(g.end - g.start for g in line.glyphs) == line.end - line.start
    for block in layout.article.blocks:
        assert covered[block.start : block.end] == [1] * (block.end - block.start)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(mixed_paragraphs(), paragraphs_with_prepend()), min_size=1, max_size=3),
    st.integers(8, 60),
)
def test_rows_fit_and_map_both_ways(paragraphs, width):
    layout = build(paragraphs, width)
    for line in rows(layout):
        for glyph in line.glyphs:
            if glyph.width == 0:
                continue
            assert glyph.col + glyph.width <= layout.width or len(line.glyphs) == 1
            for col in range(glyph.col, glyph.col + glyph.width):
                assert line.offset_at(col) == glyph.start
            for offset in range(glyph.start, glyph.end):
                assert line.col_of(offset) == glyph.col
                assert layout.row_of(offset) == line.row


@settings(max_examples=300, deadline=None)
@given(mixed_paragraphs(), st.integers(8, 40), st.data())
def test_cell_ranges_round_trip_to_logical_text(paragraph, width, data):
    layout = build([paragraph], width)
    text = layout.article.text
    line = layout.line(data.draw(st.integers(0, layout.row_count - 1)))
    if not line.glyphs:
        return
    # Any set of cells: the text it shows, mapped back, covers exactly those cells.
    picked = data.draw(st.lists(st.sampled_from(line.glyphs), min_size=1, unique=True))
    start, end = min(g.start for g in picked), max(g.end for g in picked)
    selected = [g for g in line.glyphs if g.start < end and g.end > start]
    assert (
        "".join(text[g.start : g.end] for g in sorted(selected, key=lambda g: g.start))
        == (text[start:end])
    )
    runs = line.cells_of(start, end)
    cells = {col for left, right in runs for col in range(left, right)}
    assert cells == {c for g in selected for c in range(g.col, g.col + g.width)}


def test_offsets_between_blocks_belong_to_the_block_before():
    layout = build(["first paragraph", "second"], 40)
    first = layout.article.blocks[0]
    assert layout.row_of(first.end) == layout.row_of(first.end - 1)
    assert layout.line(1).is_spacer


def test_spacer_rows_have_no_cells():
    layout = build(["one", "two"], 20)
    spacer = layout.line(1)
    assert spacer.glyphs == () and spacer.offset_at(0) is None and spacer.cells_of(0, 99) == ()


def test_estimated_rows_become_exact_once_indexed():
    layout = build(["word " * 50] * 30, 30)
    assert layout.known_rows == 0
    layout.line(0)
    assert not layout.complete
    assert layout.estimated_rows() > layout.known_rows
    total = layout.row_count
    assert layout.complete and layout.estimated_rows() == total == layout.known_rows
