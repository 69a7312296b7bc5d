"""Clusters and Arabic shaping: the cells a paragraph is made of, before it is reordered.

A *cluster* is what occupies one place on screen: a base character with the zero-width characters
that follow it (harakat, ZWNJ, bidi controls). Zero-width characters at the very start of a
paragraph belong to the first base. With shaping on, an Arabic letter's cluster draws the
letter's contextual presentation form, and a lam followed by an alef become ONE cluster drawn as
the lam-alef ligature, covering both letters and their marks: that is how one cell can stand for
several code points, and why the cell ↔ offset map is built here and not guessed later.

Shaping is done by arabic-reshaper (harakat kept; the "Allah" ligature off, because terminals
measure it one cell but fonts draw it wide), one whitespace-delimited token at a time: Arabic
joining never crosses a space, so the result equals shaping the whole paragraph, and tokens repeat
so much in real text that a per-token cache makes shaping nearly free.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import arabic_reshaper

from hamish.core.layout.text import Measure, char_width, drawable

_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={
        "delete_harakat": False,
        "support_ligatures": True,
        "ARABIC LIGATURE ALLAH": False,
        "ARABIC LIGATURE LAM WITH ALEF": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE": True,
    }
)
_ARABIC = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_SPACE = " \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
"""Break opportunities. No-break spaces (U+00A0, U+2007, U+202F) are deliberately absent."""
_TOKEN_CACHE_LIMIT = 100_000
DOTTED_CIRCLE = "\u25cc"

ShapingPlan = tuple[tuple[int, str], ...]
"""Per output glyph of a token: (how many input clusters it covers, the glyph)."""


@dataclass(frozen=True, slots=True)
class ShapedParagraph:
    """A paragraph's clusters: cluster ``i`` covers ``text[starts[i]:starts[i + 1]]``."""

    text: str
    starts: tuple[int, ...]
    """Cluster start offsets, plus ``len(text)`` as a sentinel."""
    bases: tuple[int, ...]
    """Offset of each cluster's base character, whose bidi level places the cluster."""
    glyphs: tuple[str, ...]
    """What to draw: the (shaped) base glyph first, then the cluster's drawable marks."""
    widths: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.widths)


def _segment(text: str, measure: Measure) -> tuple[list[int], list[int], list[int]]:
    starts: list[int] = []
    bases: list[int] = []
    widths: list[int] = []
    for index, char in enumerate(text):
        width = measure(char)
        if width == 0 and starts:
            continue
        if starts and widths[-1] == 0:
            # Only zero-width characters so far: this base adopts them.
            bases[-1] = index
            widths[-1] = width
            continue
        starts.append(index)
        bases.append(index)
        widths.append(width)
    return starts, bases, widths


@lru_cache(maxsize=_TOKEN_CACHE_LIMIT)
def _plan(token: str) -> ShapingPlan | None:
    """How arabic-reshaper draws ``token``, aligned to its clusters; None if it changes nothing.

    arabic-reshaper returns only a string. Every presentation form decomposes (NFKC) into the
    letters it stands for, which tells how many input clusters each output glyph covers. Any
    output that cannot be aligned that way is left unshaped rather than guessed.
    """
    shaped = _RESHAPER.reshape(token)
    if shaped == token:
        return None
    in_bases = [char for char in token if char_width(char)]
    out_bases = [char for char in shaped if char_width(char)]
    plan: list[tuple[int, str]] = []
    consumed = 0
    for glyph in out_bases:
        target = unicodedata.normalize("NFKC", glyph)
        for count in range(1, 5):
            letters = "".join(in_bases[consumed : consumed + count])
            if unicodedata.normalize("NFKC", letters) == target:
                break
        else:
            return None
        plan.append((count, glyph))
        consumed += count
    if consumed != len(in_bases):
        return None
    return tuple(plan)


class Shaper:
    """Shapes and measures text for one combination of options, caching per token."""

    def __init__(self, *, shaping: bool, measure: Measure = char_width) -> None:
        self.shaping = shaping
        self.measure = measure
        self._token_widths: dict[str, int] = {}

    def token_width(self, token: str) -> int:
        """Cells ``token`` takes once shaped (lam-alef ligatures take one cell for two letters)."""
        width = self._token_widths.get(token)
        if width is None:
            width = sum(map(self.measure, token)) if not token.isascii() else len(token)
            if self.shaping and _ARABIC.search(token):
                plan = _plan(token)
                if plan:
                    width -= sum(count - 1 for count, _ in plan)
            if len(self._token_widths) >= _TOKEN_CACHE_LIMIT:
                self._token_widths.clear()
            self._token_widths[token] = width
        return width

    def shape(self, text: str) -> ShapedParagraph:
        """Clusters of ``text`` (a block's display text) with their glyphs."""
        starts, bases, widths = _segment(text, self.measure)
        ends = [*starts[1:], len(text)] if starts else []
        # The base first, then its marks; drawable() on all of it, since the "base" of a cluster
        # of zero-width characters only (a lone RLM) is itself invisible.
        glyphs = [
            drawable(text[base] + text[start:base] + text[base + 1 : end])
            for start, base, end in zip(starts, bases, ends, strict=True)
        ]
        if widths and widths[0] == 0:
            # Only zero-width characters: one cell anyway, so the caret and a selection can reach
            # them; a lone mark is shown on a dotted circle, as text renderers do.
            widths[0] = 1
            glyphs[0] = DOTTED_CIRCLE + glyphs[0] if glyphs[0] else " "
        if self.shaping and _ARABIC.search(text):
            starts, bases, glyphs, widths = self._apply_shaping(text, starts, bases, glyphs, widths)
        return ShapedParagraph(
            text=text,
            starts=(*starts, len(text)),
            bases=tuple(bases),
            glyphs=tuple(glyphs),
            widths=tuple(widths),
        )

    def _apply_shaping(
        self,
        text: str,
        starts: list[int],
        bases: list[int],
        glyphs: list[str],
        widths: list[int],
    ) -> tuple[list[int], list[int], list[str], list[int]]:
        out_starts: list[int] = []
        out_bases: list[int] = []
        out_glyphs: list[str] = []
        out_widths: list[int] = []
        count = len(starts)
        index = 0
        while index < count:
            if text[bases[index]] in _SPACE:
                out_starts.append(starts[index])
                out_bases.append(bases[index])
                out_glyphs.append(glyphs[index])
                out_widths.append(widths[index])
                index += 1
                continue
            end = index
            while end < count and text[bases[end]] not in _SPACE:
                end += 1
            token_end = starts[end] if end < count else len(text)
            token = text[starts[index] : token_end]
            plan = _plan(token) if _ARABIC.search(token) else None
            if plan is None:
                out_starts.extend(starts[index:end])
                out_bases.extend(bases[index:end])
                out_glyphs.extend(glyphs[index:end])
                out_widths.extend(widths[index:end])
            else:
                cluster = index
                for covered, glyph in plan:
                    marks = "".join(g[1:] for g in glyphs[cluster : cluster + covered])
                    out_starts.append(starts[cluster])
                    out_bases.append(bases[cluster])
                    out_glyphs.append(glyph + marks)
                    out_widths.append(self.measure(glyph))
                    cluster += covered
            index = end
        return out_starts, out_bases, out_glyphs, out_widths


@lru_cache(maxsize=16)
def get_shaper(shaping: bool, measure: Measure = char_width) -> Shaper:
    """One shaper per option set, so a resize keeps the token caches warm."""
    return Shaper(shaping=shaping, measure=measure)


def is_break_space(char: str) -> bool:
    return char in _SPACE


BREAK_SPACES = _SPACE
