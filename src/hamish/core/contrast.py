"""WCAG 2 contrast, and colours moved just as far as they must go to reach it.

A theme gives a reader its colours, but not a promise that text drawn in them can be read: a
heading in the theme's secondary colour may sit at 1.9:1 on its background, and a highlight
chosen for dark themes turns dark-on-dark in a light one. So the reader's colours are derived
per theme here: each starts from the theme's own colour and moves toward black or white only as
far as WCAG AA (4.5:1, https://www.w3.org/TR/WCAG22/#contrast-minimum) requires.

A terminal does not always show the colour it is sent: a 256-colour terminal shows the nearest
colour of its palette, which can be darker, lighter, or the same as the background. Every check
therefore takes ``views``, functions that give what a terminal shows for a colour, and passes
only if it passes in all of them. The interface supplies the views (the terminal library decides
the downgrade); this module stays free of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

Rgb = tuple[int, int, int]
View = Callable[[Rgb], Rgb]
"""What a terminal shows when sent a colour."""

AA = 4.5
"""WCAG 2 level AA for normal text."""
BLACK: Rgb = (0, 0, 0)
WHITE: Rgb = (255, 255, 255)
APART = 30
"""How far a tint must stay from the page (largest channel difference) to be seen at all: a
step of the 256-colour cube is 40, of its grey ramp 10."""
_STEPS = 50


def parse_hex(text: str) -> Rgb:
    """``#rrggbb`` as a triple."""
    digits = text.removeprefix("#")
    if len(digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {text!r}")
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def hex_of(colour: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


_LINEAR = tuple(_linear(channel) for channel in range(256))


def luminance(colour: Rgb) -> float:
    """Relative luminance as WCAG 2 defines it (sRGB, 0 for black to 1 for white)."""
    red, green, blue = colour
    return 0.2126 * _LINEAR[red] + 0.7152 * _LINEAR[green] + 0.0722 * _LINEAR[blue]


def contrast(first: Rgb, second: Rgb) -> float:
    """The WCAG contrast ratio, from 1 (same luminance) to 21 (black and white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: Rgb, other: Rgb, share: float) -> Rgb:
    """``colour`` taken ``share`` of the way to ``other``."""
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(colour, other, strict=True))
    return (red, green, blue)


def worst_contrast(text: Rgb, background: Rgb, views: Sequence[View]) -> float:
    return min(contrast(view(text), view(background)) for view in views)


def apart(first: Rgb, second: Rgb, views: Sequence[View]) -> int:
    """The smallest, over ``views``, of the largest channel difference: 0 when a terminal would
    show the two as one colour."""
    return min(_channel_gap(view(first), view(second)) for view in views)


def _channel_gap(first: Rgb, second: Rgb) -> int:
    return max(abs(first[0] - second[0]), abs(first[1] - second[1]), abs(first[2] - second[2]))


def _chroma(colour: Rgb) -> int:
    """How far a colour is from grey (0 for a grey)."""
    return max(colour) - min(colour)


def _extreme_for(background: Rgb) -> Rgb:
    """Black or white, whichever reads better on ``background``."""
    return BLACK if contrast(BLACK, background) >= contrast(WHITE, background) else WHITE


def _other(extreme: Rgb) -> Rgb:
    return WHITE if extreme == BLACK else BLACK


def _toward(colour: Rgb, target: Rgb, good: Callable[[Rgb], bool]) -> Rgb | None:
    """The first colour on the way from ``colour`` to ``target`` that is ``good``."""
    for step in range(_STEPS + 1):
        candidate = mix(colour, target, step / _STEPS)
        if good(candidate):
            return candidate
    return None


def _text_on(background: Rgb, text: Rgb, views: Sequence[View], minimum: float) -> Rgb | None:
    """``text`` moved toward black or white (the one that reads better in truecolor first)
    until it reaches ``minimum`` on ``background`` in every view; None if neither gets there."""
    preferred = _extreme_for(background)
    for extreme in (preferred, _other(preferred)):
        if worst_contrast(extreme, background, views) >= minimum:
            return _toward(text, extreme, lambda c: worst_contrast(c, background, views) >= minimum)
    return None


def readable(text: Rgb, background: Rgb, views: Sequence[View], minimum: float = AA) -> Rgb:
    """``text``, moved toward black or white just far enough to reach ``minimum`` on
    ``background`` in every view (black or white itself if nothing does)."""
    return _text_on(background, text, views, minimum) or _extreme_for(background)


@dataclass(frozen=True)
class Marked:
    """Text over a tinted background (a highlight, the selection, a search match)."""

    text: Rgb
    background: Rgb


def marked(
    page: Rgb,
    text: Rgb,
    ink: Rgb,
    share: float,
    views: Sequence[View],
    *,
    avoid: Sequence[Rgb] = (),
    minimum: float = AA,
) -> Marked:
    """``text`` on the ``page`` tinted with ``share`` of ``ink``, readable in every view.

    The tint must look apart from the page and from the tints in ``avoid`` in every view (one
    that a 256-colour terminal rounds to the page colour marks nothing, one it rounds to another
    highlight's tint hides which colour was chosen), keep a colour if the ink has one (not round
    to a grey), and some text, black or white at worst, must reach ``minimum`` on it. The first
    tint that does is taken on the way to the ink, else on the way away from the text's side
    (darker under light text), else the other way; a grey one only if no coloured one fits. The
    text then moves from ``text`` just as far as it must.
    """
    coloured = _chroma(ink) >= APART

    def fits(tint: Rgb, keep_colour: bool) -> bool:
        return (
            all(apart(tint, other, views) >= APART for other in (page, *avoid))
            and (not keep_colour or all(_chroma(view(tint)) >= APART for view in views))
            and any(worst_contrast(extreme, tint, views) >= minimum for extreme in (BLACK, WHITE))
        )

    start = mix(page, ink, share)
    away = _extreme_for(text)
    # Looking apart matters more than keeping a colour a 256-colour terminal would round to
    # grey: only if no coloured tint fits is a grey one taken.
    for keep_colour in (True, False) if coloured else (False,):
        for target in (ink, away, _other(away)):
            tint = _toward(start, target, partial(fits, keep_colour=keep_colour))
            if tint is not None:
                return Marked(_text_on(tint, text, views, minimum) or _extreme_for(tint), tint)
    return Marked(_other(away), away)
