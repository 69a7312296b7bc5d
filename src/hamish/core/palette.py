"""The reader's colours for one theme, each readable on it (WCAG AA in every view).

A theme names a handful of colours; the reader draws with more: a title, headings, a muted line
(the date, quotes), a highlight per colour of the table (``Color``), the selection and search
matches. Each is derived here from the theme's own colour and moved only as far as contrast
requires (``hamish.core.contrast``): the title keeps the theme's accent where it reads, a
highlight is the theme's background tinted with the colour's ink. The tints are kept apart from
the background and from each other in every view, so that no highlight vanishes or passes for
another in a 256-colour terminal, and selecting highlighted text shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from hamish.core.annotations.colors import Color
from hamish.core.contrast import Marked, Rgb, View, marked, mix, parse_hex, readable

HIGHLIGHT_SHARE = 0.35
"""How much of a colour's ink tints the background under highlighted text: enough to see at a
glance, little enough that the text on it stays close to the theme's own."""
SELECTION_SHARE = 0.45
MATCH_SHARE = 0.3
CURRENT_MATCH_SHARE = 0.6
MUTED_SHARE = 0.4
"""How far muted text moves from the foreground toward the background (Textual's muted text is
the foreground at 60 %)."""


@dataclass(frozen=True)
class ThemeColors:
    """What the reader takes from a theme."""

    background: Rgb
    foreground: Rgb
    accent: Rgb
    """The title's colour."""
    secondary: Rgb
    """The headings' colour."""
    warning: Rgb
    """Search matches are tinted with it."""


@dataclass(frozen=True)
class Marks:
    """The tints laid over text: a highlight per colour of the table, the selection, search
    matches and the current one."""

    highlights: Mapping[Color, Marked]
    selection: Marked
    match: Marked
    current_match: Marked


@dataclass(frozen=True)
class ReaderPalette:
    title: Rgb
    heading: Rgb
    muted: Rgb
    """The date and meta line, and block quotes."""
    theme: ThemeColors
    views: tuple[View, ...]

    @property
    def marks(self) -> Marks:
        """The tints, worked out when first asked for: finding eight tints apart from each
        other and from the page in every view is most of the palette's cost, and an article's
        first screen has nothing to tint."""
        return reader_marks(self.theme, self.views)


@lru_cache(maxsize=64)
def reader_palette(theme: ThemeColors, views: tuple[View, ...]) -> ReaderPalette:
    """Every colour the reader draws with on ``theme``, each reaching AA in every view (kept:
    switching themes asks again for each)."""
    page, text = theme.background, theme.foreground
    return ReaderPalette(
        title=readable(theme.accent, page, views),
        heading=readable(theme.secondary, page, views),
        muted=readable(mix(text, page, MUTED_SHARE), page, views),
        theme=theme,
        views=views,
    )


@lru_cache(maxsize=64)
def reader_marks(theme: ThemeColors, views: tuple[View, ...]) -> Marks:
    """``ReaderPalette.marks``: each tint apart from the page and from the tints before it."""
    page, text = theme.background, theme.foreground
    tints: list[Rgb] = []

    def tinted(ink: Rgb, share: float) -> Marked:
        found = marked(page, text, ink, share, views, avoid=tuple(tints))
        tints.append(found.background)
        return found

    highlights = {color: tinted(parse_hex(color.ink), HIGHLIGHT_SHARE) for color in Color}
    return Marks(
        highlights=highlights,
        selection=tinted(theme.accent, SELECTION_SHARE),
        match=tinted(theme.warning, MATCH_SHARE),
        current_match=tinted(theme.warning, CURRENT_MATCH_SHARE),
    )
