"""Line breaking in logical order, measured in shaped cells.

A line holds whole words and the spaces after them; the spaces count, so that every code point of
a paragraph sits in exactly one cell of exactly one line and the cell map stays a bijection (no
"hanging" whitespace past the edge). A word wider than the line is broken between clusters.
"""

from __future__ import annotations

import re

from hamish.core.layout.shaping import BREAK_SPACES, Shaper

_CHUNK = re.compile(f"[^{BREAK_SPACES}]+[{BREAK_SPACES}]*|[{BREAK_SPACES}]+")


def wrap_paragraph(text: str, width: int, shaper: Shaper) -> tuple[int, ...]:
    """Start offsets of the lines of ``text`` wrapped at ``width`` cells (always starts with 0)."""
    width = max(1, width)
    line_starts = [0]
    used = 0
    for chunk in _CHUNK.finditer(text):
        piece = chunk.group()
        word = piece.rstrip(BREAK_SPACES)
        piece_width = shaper.token_width(word) + (len(piece) - len(word))
        if used + piece_width <= width:
            used += piece_width
            continue
        if used and piece_width <= width:
            line_starts.append(chunk.start())
            used = piece_width
            continue
        used = _break_inside(text, chunk.start(), chunk.end(), width, used, line_starts, shaper)
    return _snap_to_clusters(text, line_starts, shaper)


def _break_inside(
    text: str,
    start: int,
    end: int,
    width: int,
    used: int,
    line_starts: list[int],
    shaper: Shaper,
) -> int:
    """Place a chunk that does not fit on a line of its own, cluster by cluster."""
    if used:
        line_starts.append(start)
        used = 0
    shaped = shaper.shape(text[start:end])
    for cluster_start, cluster_width in zip(shaped.starts, shaped.widths, strict=False):
        if used and used + cluster_width > width:
            line_starts.append(start + cluster_start)
            used = 0
        used += cluster_width
    return used


def _snap_to_clusters(text: str, line_starts: list[int], shaper: Shaper) -> tuple[int, ...]:
    """Zero-width characters stay with the cluster before them, never open a line."""
    measure = shaper.measure
    snapped = [0]
    for start in line_starts[1:]:
        while start < len(text) and measure(text[start]) == 0:
            start += 1
        if start < len(text) and start > snapped[-1]:
            snapped.append(start)
    return tuple(snapped)
