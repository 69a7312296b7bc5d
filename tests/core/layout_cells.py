"""Where a logical range is drawn over a whole layout: what a highlight or selection paints.

The reader paints row by row through ``VisualLine.cells_of``; tests ask for a range at once.
"""

from __future__ import annotations

from hamish.core.layout import Layout


def cells_of(layout: Layout, start: int, end: int) -> dict[int, tuple[tuple[int, int], ...]]:
    """Every row's column ranges showing any of ``start:end`` (rows not touched are absent)."""
    if start >= end or not layout.article.blocks:
        return {}
    found: dict[int, tuple[tuple[int, int], ...]] = {}
    for row in range(layout.row_of(start), layout.row_of(end - 1) + 1):
        runs = layout.line(row).cells_of(start, end)
        if runs:
            found[row] = runs
    return found
