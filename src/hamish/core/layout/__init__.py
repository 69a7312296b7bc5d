"""The layout engine: an Article at a width, as rows of cells in visual order.

Data flows one way: Article → ``Layout(article, options)`` → ``VisualLine`` per row. Each block is
wrapped in *logical* order at word boundaries, measured in *shaped* cells; then each wrapped line
is reordered with bidi levels resolved on the whole paragraph (UAX #9 §3.4). Every ``VisualLine``
carries the exact map between its cells and logical offsets, which the cursor, selection, mouse,
highlights and search all go through.
"""

from hamish.core.layout.engine import Layout, LayoutOptions
from hamish.core.layout.visual import Glyph, VisualLine

__all__ = ["Glyph", "Layout", "LayoutOptions", "VisualLine"]
