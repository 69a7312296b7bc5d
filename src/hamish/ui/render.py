"""Visual lines into Textual strips and Rich text.

The engine has already decided every cell; this only attaches styles. Nothing here reorders,
shapes or measures text.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from hamish.core.layout import Glyph, VisualLine
from hamish.core.layout.short_text import layout_text, needs_reordering
from hamish.core.layout.text import display_text

GlyphPaint = Callable[[Glyph], Style | None]


def line_strip(
    line: VisualLine,
    width: int,
    *,
    base: Style,
    text: Style,
    decoration: Style | None = None,
    paint: GlyphPaint | None = None,
) -> Strip:
    """A strip exactly ``width`` cells wide: padding, decorations and glyphs where the engine put
    them. Neighbouring cells in one style become one segment (an editor redraws every row of a
    paragraph at each keystroke, so this is on the typing path)."""
    cells: list[tuple[int, int, str, Style]] = [
        (
            glyph.col,
            glyph.width,
            glyph.text,
            text + extra if (extra := paint and paint(glyph)) else text,
        )
        for glyph in line.glyphs
    ]
    if line.decorations:
        deco_style = decoration or text
        cells.extend((item.col, 1, item.text, deco_style) for item in line.decorations)
        cells.sort(key=lambda cell: cell[0])
    segments: list[Segment] = []
    run: list[str] = []
    run_style = base
    col = 0

    def add(content: str, style: Style) -> None:
        nonlocal run_style
        if style is not run_style and run:
            segments.append(Segment("".join(run), run_style))
            run.clear()
        run_style = style
        run.append(content)

    for start, cell_width, content, style in cells:
        if start < col or start + cell_width > width:
            continue
        if start > col:
            add(" " * (start - col), base)
        add(content, style)
        col = start + cell_width
    if col < width:
        add(" " * (width - col), base)
    if run:
        segments.append(Segment("".join(run), run_style))
    return Strip(segments, width)


def line_text(line: VisualLine, style: Style | str = "") -> Text:
    """The glyphs of ``line`` as Rich text, padded on the left to where the engine placed them."""
    result = Text(no_wrap=True, overflow="crop", end="")
    col = 0
    for glyph in line.glyphs:
        if glyph.col > col:
            result.append(" " * (glyph.col - col))
        result.append(glyph.text, style)
        col = glyph.col + glyph.width
    return result


def bidi_lines(text: str, width: int, *, max_lines: int | None = None) -> str:
    """``text`` laid out by the engine at ``width``: visual lines joined by line breaks, for
    widgets that take a plain string (notifications), which must not wrap it again. Text
    with nothing to reorder is left for the widget to wrap, its control characters shown."""
    if not needs_reordering(text):
        return display_text(text)
    lines = layout_text(text, max(1, width), max_lines=max_lines)
    return "\n".join(line_text(line).plain for line in lines)


def bidi_text(
    text: str,
    width: int,
    *,
    style: Style | str = "",
    max_lines: int | None = None,
    shaping: bool = True,
) -> Text:
    """Any text (a title, a note, a quote) as display-ready Rich text of at most ``width`` cells."""
    lines = layout_text(text, max(1, width), max_lines=max_lines, shaping=shaping)
    joined = Text("\n", end="").join(line_text(line, style) for line in lines)
    # Already wrapped and reordered: Rich must never wrap it again (that would move the end of
    # a right-to-left line to the next line), only crop.
    joined.no_wrap = True
    joined.overflow = "crop"
    return joined


def literal_markup(text: str) -> str:
    """``text`` for a place Textual reads only as content markup (a palette hit's help): every
    ``[`` escaped, so that it shows as itself. ``textual.markup.escape`` leaves ``[2J`` alone,
    and a file name holding ``␛[2J ... [link=...]`` then fails to parse."""
    return text.replace("[", "\\[")
