"""Short texts outside an article (titles, notes, quotes, messages) laid out by the same engine.

Every piece of text hamish shows goes through bidi reordering and shaping; a note or a library
title drawn by anything else would read backwards in the terminal.
"""

from __future__ import annotations

import unicodedata

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.layout.engine import Layout, LayoutOptions
from hamish.core.layout.text import Measure, char_width
from hamish.core.layout.visual import VisualLine

_NO_WRAP = 1_000_000


def layout_text(
    text: str,
    width: int,
    *,
    shaping: bool = True,
    reorder: bool = True,
    max_lines: int | None = None,
    measure: Measure = char_width,
) -> list[VisualLine]:
    """``text`` (lines separated by "\\n") wrapped at ``width`` and reordered, spacers omitted."""
    specs = [BlockSpec(BlockKind.PARAGRAPH, line) for line in text.split("\n")]
    article = Article.build(specs, title="")
    layout = Layout(
        article, LayoutOptions(width, shaping=shaping, reorder=reorder, measure=measure)
    )
    lines: list[VisualLine] = []
    for row in range(layout.row_count):
        line = layout.line(row)
        if line.is_spacer:
            continue
        lines.append(line)
        if max_lines is not None and len(lines) >= max_lines:
            break
    return lines


_NEEDS_REORDERING = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI", "LRE", "LRO", "LRI"})


def needs_reordering(text: str) -> bool:
    """Whether ``text`` holds anything the engine would reorder or shape (right-to-left
    letters, Arabic digits, bidi controls): left-to-right text reads the same either way."""
    return any(unicodedata.bidirectional(char) in _NEEDS_REORDERING for char in text)


def visual_string(text: str, *, shaping: bool = True) -> str:
    """One line of ``text`` in visual order, unpadded: for labels and notifications."""
    lines = layout_text(" ".join(text.split()), _NO_WRAP, shaping=shaping)
    return lines[0].text if lines else ""
