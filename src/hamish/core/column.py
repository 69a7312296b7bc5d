"""The comfortable width: an article set in a centred column, as glow and frogmouth show it.

Lines across a 200-column terminal are hard to follow from one end to the next. The reader
lays the article out at the column's width and centres the column by widening its margins,
so every cell <-> offset conversion, which counts from the text's first column, is unchanged:
the caret, the mouse, the selection and highlights need not know there is a column.
"""

from __future__ import annotations

COMFORTABLE_WIDTH = 80
"""The column's width by default (the ``max_width`` setting): glow's, and about the 60-80
characters typographers give a line of prose, with room for a wide Arabic line."""
MARGIN = 1
"""The blank column kept on each side of the text even at full width."""


def column_margins(available: int, max_width: int) -> tuple[int, int]:
    """The (left, right) margins that centre a text column of at most ``max_width`` cells in
    ``available`` cells (the text's width plus ``MARGIN`` on each side); ``max_width`` 0 is no
    limit. An odd cell left over goes to the right margin."""
    text = available - 2 * MARGIN
    if max_width <= 0 or text <= max_width:
        return MARGIN, MARGIN
    spare = text - max_width
    return MARGIN + spare // 2, MARGIN + spare - spare // 2
