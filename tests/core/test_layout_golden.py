"""Golden rows of the sample article at widths 40, 80 and 120, exactly as the reader draws them.

Each golden file has one line per row: padding spaces, then every glyph's text at its column
(decorations too); spacer rows are empty. Any change to wrapping, shaping, alignment or order
shows up as a diff. ``HAMISH_UPDATE_GOLDEN=1`` rewrites the files after the checks below pass.

A golden must not be able to encode a wrong order: every golden row is also compared with ICU's
``writeReordered`` of the row's logical range (``icu_lines``), the row's Arabic presentation forms
mapped back to letters with NFKC, and its padding is checked to right-align RTL rows.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hamish.core.article import Article, BlockKind
from hamish.core.layout import Glyph, Layout, LayoutOptions, VisualLine
from hamish.core.layout.text import char_width, display_text
from hamish.core.layout.visual import Decoration
from hamish.core.loaders import load_article
from tests.core.icu_lines import icu_drawn_line, unshaped_cells

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "articles" / "000_ba9713e08e0d77df.txt"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
WIDTHS = (40, 80, 120)


def render_row(line: VisualLine) -> str:
    """The row as a terminal shows it: cells left to right, nothing after the last one."""
    pieces = sorted(
        [(glyph.col, glyph.width, glyph.text) for glyph in line.glyphs]
        + [(mark.col, sum(map(char_width, mark.text)), mark.text) for mark in line.decorations]
    )
    row: list[str] = []
    col = 0
    for start, width, text in pieces:
        assert start >= col, f"row {line.row}: cells overlap at column {start}"
        row.append(" " * (start - col) + text)
        col = start + width
    return "".join(row)


def render(layout: Layout) -> str:
    return "".join(render_row(layout.line(row)) + "\n" for row in range(layout.row_count))


@pytest.fixture(scope="module")
def article() -> Article:
    return load_article(SAMPLE)


def check_against_icu(article: Article, layout: Layout, golden_rows: list[str]) -> None:
    """Every golden row is ICU's order of the row's text, placed where the base level says."""
    assert len(golden_rows) == layout.row_count
    for row, golden in enumerate(golden_rows):
        line = layout.line(row)
        if line.is_spacer:
            assert golden == ""
            continue
        block = article.blocks[line.block]
        padding = len(golden) - len(golden.lstrip(" ")) if line.rtl else 0
        content = golden[padding:]
        if line.rtl:  # flush right: padding plus the content's cells fill the row exactly
            cells = sum(map(char_width, content))
            assert padding + cells == layout.width or (padding == 0 and cells > layout.width)
        expected = icu_drawn_line(
            display_text(block.text),
            line.base_level,
            line.start - block.start,
            line.end - block.start,
        )
        if line.rtl:  # leading spaces are padding or whitespace L1 moved there; both blank
            expected = expected.lstrip(" ")
        ours, theirs = unshaped_cells(content, expected)
        assert ours == theirs, f"width {layout.width} row {row}: {content!r} vs ICU {expected!r}"


@pytest.mark.parametrize("width", WIDTHS)
def test_sample_rows_match_the_golden_file(article: Article, width: int) -> None:
    layout = Layout(article, LayoutOptions(width))
    drawn = render(layout)
    golden_path = GOLDEN_DIR / f"layout_sample_w{width}.txt"
    check_against_icu(article, layout, drawn.split("\n")[:-1])
    if os.environ.get("HAMISH_UPDATE_GOLDEN") == "1":
        golden_path.write_text(drawn, encoding="utf-8")
    golden = golden_path.read_text(encoding="utf-8")
    check_against_icu(article, layout, golden.split("\n")[:-1])
    assert drawn == golden, f"{golden_path.name} differs (HAMISH_UPDATE_GOLDEN=1 regenerates)"


def test_rows_are_rendered_cell_by_cell() -> None:
    """The renderer the goldens rely on: padding, glyphs at their columns, decorations."""
    glyphs = (
        Glyph(col=3, width=1, start=0, end=1, text="a", level=0),
        Glyph(col=4, width=2, start=1, end=2, text="\U0001f600", level=0),
        Glyph(col=6, width=0, start=2, end=3, text="", level=0),
        Glyph(col=6, width=1, start=3, end=5, text="b\u064e", level=0),
    )
    line = VisualLine(0, 0, BlockKind.QUOTE, 0, 5, 0, glyphs, (Decoration(0, "\u258e"),))
    assert render_row(line) == "\u258e  a\U0001f600b\u064e"
