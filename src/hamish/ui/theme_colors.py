"""The reader's colours as CSS variables of the current theme, and the reading pane's styles.

``HamishApp.get_css_variables`` adds ``palette_variables`` (the text colours) to Textual's for
each theme, so the widgets' CSS names ``$hamish-heading`` and gets colours computed for that
theme by ``hamish.core.palette``; the reading pane and the notes' swatches take theirs, the
tints included, from ``reading_styles``. The views the colours must read in are the terminal's:
truecolor, and 256 colours as Rich downgrades them (what it sends to a terminal without
``COLORTERM=truecolor``).

An ANSI theme (``ansi-dark``, ``ansi-light``) leaves its colours to the terminal's palette, which
hamish cannot see; its text stays in the terminal's own foreground (the one colour known to read
on the terminal's background), and its highlights are explicit pairs, readable anywhere, tinted
from the palette Textual assumes for the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.color_triplet import ColorTriplet
from rich.style import Style
from rich.terminal_theme import TerminalTheme
from textual.color import Color as TextualColor

from hamish.core.contrast import Marked, Rgb, View, hex_of
from hamish.core.palette import ReaderPalette, ThemeColors, reader_palette


def _truecolor(colour: Rgb) -> Rgb:
    return colour


@lru_cache(maxsize=4096)
def _256_colours(colour: Rgb) -> Rgb:
    shown = RichColor.from_rgb(*colour).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return (shown.red, shown.green, shown.blue)


TERMINAL_VIEWS: tuple[View, ...] = (_truecolor, _256_colours)


def _rgb(triplet: ColorTriplet) -> Rgb:
    return (triplet.red, triplet.green, triplet.blue)


def _shown(value: str, terminal: TerminalTheme, *, default: Rgb) -> Rgb:
    """A theme colour as a terminal shows it: an ANSI one in ``terminal``'s palette."""
    colour = TextualColor.parse(value)
    if colour.ansi is None:
        return colour.rgb
    return default if colour.ansi < 0 else _rgb(terminal.ansi_colors[colour.ansi])


def theme_palette(variables: Mapping[str, str], terminal: TerminalTheme) -> ReaderPalette:
    """The reader's colours for the theme whose Textual variables are ``variables``."""
    page = _shown(variables["background"], terminal, default=_rgb(terminal.background_color))
    text = _shown(variables["foreground"], terminal, default=_rgb(terminal.foreground_color))
    theme = ThemeColors(
        background=page,
        foreground=text,
        accent=_shown(variables["accent"], terminal, default=text),
        secondary=_shown(variables["secondary"], terminal, default=text),
        warning=_shown(variables["warning"], terminal, default=text),
    )
    return reader_palette(theme, TERMINAL_VIEWS)


def palette_variables(variables: Mapping[str, str], terminal: TerminalTheme) -> dict[str, str]:
    """``$hamish-*`` for the theme whose Textual variables are ``variables``: the text colours.
    The tints (highlights, selection, matches) are for ``reading_styles`` alone, and worked out
    when first drawn."""
    palette = theme_palette(variables, terminal)
    ansi = TextualColor.parse(variables["background"]).ansi is not None
    return {
        "hamish-title": "ansi_default" if ansi else hex_of(palette.title),
        "hamish-heading": "ansi_default" if ansi else hex_of(palette.heading),
        "hamish-muted": "ansi_default" if ansi else hex_of(palette.muted),
    }


class ReadingStyles(Mapping[str, Style]):
    """The reading pane's styles drawn from a theme: each kind of block's text (``title``,
    ``meta``, ``heading``, ``quote``, ``text``) and the bullets and bars beside them
    (``decoration``); the marks over the text: each colour's highlight (``hl-yellow``...), the
    selection, search matches and the current one, and the caret, bold while the view has focus.

    Styles, not CSS component classes: Textual styles every component class of a widget again
    whenever it gains or loses focus, and the reader had seventeen of them. The marks' styles
    are made when one is first asked for (``ReaderPalette.marks``)."""

    def __init__(self, variables: Mapping[str, str], terminal: TerminalTheme) -> None:
        def colour(name: str) -> RichColor:
            return TextualColor.parse(variables[name]).rich_color

        self._palette = theme_palette(variables, terminal)
        self._styles: dict[str, Style] = {
            "title": Style(bold=True, color=colour("hamish-title")),
            "meta": Style(italic=True, color=colour("hamish-muted")),
            "heading": Style(bold=True, color=colour("hamish-heading")),
            "quote": Style(color=colour("hamish-muted")),
            "text": Style(),
            "decoration": Style(color=colour("primary")),
            "caret": Style(reverse=True),
            "caret-focused": Style(reverse=True, bold=True),
        }
        self._marked = False

    def _mark_styles(self) -> None:
        marks = self._palette.marks

        def pair(colours: Marked, **attributes: bool) -> Style:
            return Style(
                color=RichColor.from_rgb(*colours.text),
                bgcolor=RichColor.from_rgb(*colours.background),
                **attributes,
            )

        self._styles.update(
            {f"hl-{color}": pair(colours) for color, colours in marks.highlights.items()}
        )
        self._styles["selection"] = pair(marks.selection)
        self._styles["match"] = pair(marks.match, underline=True)
        self._styles["match-current"] = pair(marks.current_match, bold=True, underline=True)
        self._marked = True

    def __getitem__(self, name: str) -> Style:
        if name not in self._styles and not self._marked:
            self._mark_styles()
        return self._styles[name]

    def __iter__(self) -> Iterator[str]:
        if not self._marked:
            self._mark_styles()
        return iter(self._styles)

    def __len__(self) -> int:
        if not self._marked:
            self._mark_styles()
        return len(self._styles)


def reading_styles(variables: Mapping[str, str], terminal: TerminalTheme) -> ReadingStyles:
    """``ReadingStyles`` for the theme whose Textual variables are ``variables``."""
    return ReadingStyles(variables, terminal)
