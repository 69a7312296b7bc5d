"""Short texts outside an article (titles, notes, quotes, messages) laid out by the same engine.

Every piece of text hamish shows goes through bidi reordering and shaping; a note or a library
title drawn by anything else would read backwards in the terminal.
"""

from __future__ import annotations

from hamish.core.article import BLOCK_SEPARATOR, Article, BlockKind, BlockSpec
from hamish.core.bidi import bidi_class
from hamish.core.layout.engine import Layout, LayoutOptions
from hamish.core.layout.visual import VisualLine

_NO_WRAP = 1_000_000
ELLIPSIS = "…"


def layout_text(
    text: str,
    width: int,
    *,
    shaping: bool = True,
    reorder: bool = True,
    max_lines: int | None = None,
) -> list[VisualLine]:
    """``text`` (lines separated by "\\n") wrapped at ``width`` and reordered, spacers omitted.

    Cut to ``max_lines``, the text ends with ``ELLIPSIS`` where it was cut (at the end of the
    reading, so on the left of a right-to-left line), so a shortened quote never passes for
    the whole of it."""
    options = LayoutOptions(width, shaping=shaping, reorder=reorder)
    lines = _lines(text, options, None if max_lines is None else max_lines + 1)
    if max_lines is None or len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    cut = max(0, last.end - last.block * (len(BLOCK_SEPARATOR) - 1))  # "\n" is a separator
    while True:
        kept = text[:cut].rstrip()
        shortened = _lines(kept + ELLIPSIS, options, max_lines + 1)
        if len(shortened) <= max_lines or not kept:
            return shortened[:max_lines]
        space = max(kept.rfind(" "), kept.rfind("\n"))
        cut = space if space > 0 else len(kept) - 1


def _lines(text: str, options: LayoutOptions, limit: int | None) -> list[VisualLine]:
    specs = [BlockSpec(BlockKind.PARAGRAPH, line) for line in text.split("\n")]
    layout = Layout(Article.build(specs, title=""), options)
    lines: list[VisualLine] = []
    for row in range(layout.row_count):
        line = layout.line(row)
        if line.is_spacer:
            continue
        lines.append(line)
        if limit is not None and len(lines) >= limit:
            break
    return lines


_NEEDS_REORDERING = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI", "LRE", "LRO", "LRI"})


def needs_reordering(text: str) -> bool:
    """Whether ``text`` holds anything the engine would reorder or shape (right-to-left
    letters, Arabic digits, bidi controls): left-to-right text reads the same either way."""
    return any(bidi_class(char) in _NEEDS_REORDERING for char in text)


def visual_string(text: str, *, shaping: bool = True) -> str:
    """One line of ``text`` in visual order, unpadded: for labels and notifications."""
    lines = layout_text(" ".join(text.split()), _NO_WRAP, shaping=shaping)
    return lines[0].text if lines else ""
