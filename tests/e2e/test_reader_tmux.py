"""The sample article in a real terminal (tmux, 100×32): every right-to-left row on screen is
the engine's visual line for that row, and every Arabic row is shaped and stands against the
right edge of the text column (80 cells, centred), or of the whole width after ``w``."""

from __future__ import annotations

import re

import pytest

from hamish.core.layout import Layout, LayoutOptions, VisualLine
from hamish.core.layout.text import char_width
from hamish.core.loaders import load_article
from tests.e2e.conftest import HAMISH, ROOT, Terminal

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "articles" / "000_ba9713e08e0d77df.txt"
WIDTH, HEIGHT = 100, 32
FULL_WIDTH = WIDTH - 3  # one column of padding on each side, one of scrollbar
COLUMN = 80  # max_width's default: the spare 17 columns are shared by the margins
COLUMN_LEFT = 1 + (FULL_WIDTH - COLUMN) // 2
ARABIC_LETTER = re.compile("[\u0621-\u063f\u0641-\u064a]")  # tatweel has no forms
PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def cell_slice(text: str, start: int, end: int) -> str:
    """Columns ``start:end`` of a captured row (marks take no column of their own)."""
    out, col = [], 0
    for char in text:
        width = char_width(char)
        if start <= col < end and (width or out):
            out.append(char)
        col += width
    return "".join(out)


def drawn(line: VisualLine) -> str:
    """The row as a terminal shows it: padding spaces, then glyphs where the engine put them."""
    out, col = [], 0
    for glyph in line.glyphs:
        out.append(" " * (glyph.col - col) + glyph.text)
        col = glyph.col + glyph.width
    return "".join(out)


def rtl_rows_checked(screen: list[str], layout: Layout, left: int) -> int:
    """Assert each row on screen is the engine's line for it, drawn from column ``left``, and
    each right-to-left row is shaped and right-aligned; the number of right-to-left rows
    compared."""
    text_width = layout.width
    rows = screen[: min(HEIGHT - 2, layout.row_count)]  # then the status row and the footer
    compared = 0
    for row, shown in enumerate(rows):
        line = layout.line(row)
        assert not cell_slice(shown, 0, left).strip(), f"row {row} starts in the margin"
        text = cell_slice(shown, left, left + text_width).rstrip()
        assert text == drawn(line).rstrip(), f"row {row} differs"
        if line.rtl and line.glyphs:
            compared += 1
            assert not ARABIC_LETTER.search(text), f"row {row} has unshaped letters"
            assert PRESENTATION_FORM.search(text), f"row {row} is not shaped"
            # Right-aligned: the row ends at the right edge of the text area.
            assert sum(map(char_width, text)) == text_width, f"row {row} is not right-aligned"
    return compared


def test_sample_rows_are_the_engines_visual_lines(terminal: Terminal) -> None:
    terminal.start([*HAMISH, str(SAMPLE)], width=WIDTH, height=HEIGHT)
    screen = terminal.wait_for(lambda lines: any(PRESENTATION_FORM.search(row) for row in lines))
    layout = Layout(load_article(SAMPLE), LayoutOptions(COLUMN))
    assert rtl_rows_checked(screen, layout, left=COLUMN_LEFT) >= 15
    terminal.keys("w")  # the whole width
    screen = terminal.wait_for(lambda lines: any("the whole width" in row for row in lines))
    layout = Layout(load_article(SAMPLE), LayoutOptions(FULL_WIDTH))
    assert rtl_rows_checked(screen, layout, left=1) >= 15
