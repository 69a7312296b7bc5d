"""Clusters and Arabic shaping: the cells a paragraph is made of, before it is reordered.

A *cluster* is what occupies one place on screen: a base character with the zero-width characters
that follow it (harakat, ZWNJ, bidi controls). Zero-width characters at the very start of a
paragraph belong to the first base. A Prepend character (UAX #29 GB9b: U+0600–U+0605 and the
other prepended concatenation marks, some Indic repha) opens the cluster of the character after
it, which stays its base: the Urdu year sign in "؁۱۹۴۸" goes with the digits, not the space
before it. With shaping on, an Arabic letter's cluster draws the
letter's contextual presentation form, and a lam followed by an alef become ONE cluster drawn as
the lam-alef ligature, covering both letters and their marks: that is how one cell can stand for
several code points, and why the cell ↔ offset map is built here and not guessed later.

Shaping draws Arabic letters in their presentation forms (``arabic_forms``: arabic-reshaper's
rules, harakat kept, the lam-alef ligatures and no others, e.g. not "Allah", which terminals
measure one cell but fonts draw wide), one whitespace-delimited token at a time: Arabic joining
never crosses a space, so the result equals shaping the whole paragraph, and tokens repeat so
much in real text that a per-token cache makes shaping nearly free.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from hamish.core.layout.arabic_forms import reshape, shaped_glyphs
from hamish.core.layout.text import (
    PREPEND,
    VARIATION_SELECTOR_16,
    WIDENED_BY_VS16,
    char_width,
    drawable,
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
    """Cells of each cluster, its prefix included."""
    prefixes: tuple[str, ...]
    """The Prepend characters a cluster opens with, before its glyph ("" for most)."""

    def __len__(self) -> int:
        return len(self.widths)


def _segment(text: str) -> tuple[list[int], list[int], list[int]]:
    widths = [char_width(char) for char in text]
    if 0 not in widths:  # most words: every character is a cluster of its own
        return list(range(len(text))), list(range(len(text))), widths
    starts: list[int] = []
    bases: list[int] = []
    cluster_widths: list[int] = []
    for index, width in enumerate(widths):
        if width == 0 and starts:
            continue
        if starts and cluster_widths[-1] == 0:
            # Only zero-width characters so far: this base adopts them.
            bases[-1] = index
            cluster_widths[-1] = width
            continue
        starts.append(index)
        bases.append(index)
        cluster_widths.append(width)
    return starts, bases, cluster_widths


@lru_cache(maxsize=_TOKEN_CACHE_LIMIT)
def _plan(token: str) -> ShapingPlan | None:
    """How ``token`` is drawn shaped, aligned to its clusters; None if shaping changes nothing.

    ``shaped_glyphs`` says which characters each glyph stands for; as long as the glyphs of
    the characters that take cells come in the text's order (always, but for a haraka that
    takes a cell after a joiner), that is the plan. Otherwise it is worked out as it was before
    the glyphs said it (``_aligned_plan``), or the token is left unshaped.
    """
    bases = [index for index, char in enumerate(token) if char_width(char)]
    takes_cells = set(bases)
    covered: list[int] = []
    plan: list[tuple[int, str]] = []
    changed = False
    for sources, glyph in shaped_glyphs(token):
        if not char_width(glyph):
            continue
        drawn = [source for source in sources if source in takes_cells]
        if not drawn:
            return _aligned_plan(token)
        covered.extend(drawn)
        plan.append((len(drawn), glyph))
        changed = changed or len(drawn) > 1 or glyph != token[drawn[0]]
    if covered != bases:
        return _aligned_plan(token)
    return tuple(plan) if changed else None


def _aligned_plan(token: str) -> ShapingPlan | None:
    """The plan from ``reshape``'s string alone: every presentation form decomposes (NFKC) into
    the letters it stands for, which tells how many clusters each glyph covers. Output that
    cannot be aligned that way is left unshaped rather than guessed."""
    shaped = reshape(token)
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


@dataclass(frozen=True, slots=True)
class _Piece:
    """One token's clusters, relative to the token; what the per-token cache holds.

    ``lead`` zero-width characters at the token's start are not in its first cluster: in a
    paragraph they belong to the cluster before (``lead_text`` is what they add to it).
    """

    starts: tuple[int, ...]
    bases: tuple[int, ...]
    glyphs: tuple[str, ...]
    widths: tuple[int, ...]
    prefixes: tuple[str, ...]
    lead: int
    lead_text: str


_TOKENS = re.compile(f"[{_SPACE}]+|[^{_SPACE}]+")


class Shaper:
    """Shapes and measures text for one combination of options, caching per token."""

    def __init__(self, *, shaping: bool) -> None:
        self.shaping = shaping
        self._pieces: dict[str, _Piece] = {}

    def token_width(self, token: str) -> int:
        """Cells ``token`` takes once shaped (lam-alef ligatures take one cell for two letters)."""
        if token.isascii():
            return len(token)  # display text has no ASCII controls: one cell each
        return sum(self._piece(token).widths)

    def _piece(self, token: str) -> _Piece:
        piece = self._pieces.get(token)
        if piece is None:
            piece = self._shape_token(token)
            if len(self._pieces) >= _TOKEN_CACHE_LIMIT:
                self._pieces.clear()
            self._pieces[token] = piece
        return piece

    def _shape_token(self, token: str) -> _Piece:
        starts, bases, widths = _segment(token)
        if not starts or widths[0] == 0:
            return _Piece((), (), (), (), (), len(token), drawable(token))
        lead = bases[0]
        starts[0] = lead
        if len(starts) == len(token):  # no zero-width characters: nothing to drop or attach
            glyphs = list(token)
        else:
            ends = [*starts[1:], len(token)]
            glyphs = [drawable(token[start:end]) for start, end in zip(starts, ends, strict=True)]
        plan = (
            _plan(token)
            if self.shaping and token[lead] not in _SPACE and _ARABIC.search(token)
            else None
        )
        if plan and len(plan) == len(token):  # one glyph per character, no marks: just forms
            glyphs = [glyph for _, glyph in plan]
            widths = [char_width(glyph) for glyph in glyphs]
        elif plan:
            merged_starts, merged_bases, merged_glyphs, merged_widths = [], [], [], []
            cluster = 0
            for covered, glyph in plan:
                if covered == 1:
                    marks = glyphs[cluster][1:]
                else:
                    marks = "".join(g[1:] for g in glyphs[cluster : cluster + covered])
                merged_starts.append(starts[cluster])
                merged_bases.append(bases[cluster])
                merged_glyphs.append(glyph + marks)
                merged_widths.append(char_width(glyph))
                cluster += covered
            starts, bases, glyphs, widths = (
                merged_starts, merged_bases, merged_glyphs, merged_widths
            )  # fmt: skip
        if VARIATION_SELECTOR_16 in token:
            widths = [
                2 if token[base] in WIDENED_BY_VS16 and VARIATION_SELECTOR_16 in glyph else width
                for base, glyph, width in zip(bases, glyphs, widths, strict=True)
            ]
        prefixes = [""] * len(starts)
        if not PREPEND.isdisjoint(token):
            starts, bases, glyphs, widths, prefixes = _prepended(
                starts, bases, glyphs, widths, len(token)
            )
        return _Piece(
            tuple(starts),
            tuple(bases),
            tuple(glyphs),
            tuple(widths),
            tuple(prefixes),
            lead,
            drawable(token[:lead]),
        )

    def shape(self, text: str) -> ShapedParagraph:
        """Clusters of ``text`` (a block's display text) with their glyphs.

        Token by token, from the cache: joining never crosses a space, so shaping each token
        alone is shaping the paragraph. Zero-width characters stay with the cluster before them,
        or, at the start of the paragraph, with the first one.
        """
        starts: list[int] = []
        bases: list[int] = []
        glyphs: list[str] = []
        widths: list[int] = []
        prefixes: list[str] = []
        pending_start: int | None = None
        pending_text = ""
        for match in _TOKENS.finditer(text):
            offset = match.start()
            piece = self._piece(match.group())
            if piece.lead:
                if glyphs:
                    glyphs[-1] += piece.lead_text
                else:
                    pending_start = offset if pending_start is None else pending_start
                    pending_text += piece.lead_text
            if not piece.starts:
                continue
            starts.extend([offset + start for start in piece.starts])
            bases.extend([offset + base for base in piece.bases])
            glyphs.extend(piece.glyphs)
            widths.extend(piece.widths)
            prefixes.extend(piece.prefixes)
            if pending_start is not None:
                first = len(starts) - len(piece.starts)
                starts[first] = pending_start
                glyphs[first] = glyphs[first][:1] + pending_text + glyphs[first][1:]
                pending_start, pending_text = None, ""
        if pending_start is not None:
            # Only zero-width characters: one cell anyway, so the caret and a selection can reach
            # them; a lone mark is shown on a dotted circle, as text renderers do.
            starts, bases, widths, prefixes = [0], [0], [1], [""]
            glyphs = [DOTTED_CIRCLE + pending_text if pending_text else " "]
        return ShapedParagraph(
            text=text,
            starts=(*starts, len(text)),
            bases=tuple(bases),
            glyphs=tuple(glyphs),
            widths=tuple(widths),
            prefixes=tuple(prefixes),
        )


def _prepended(
    starts: list[int], bases: list[int], glyphs: list[str], widths: list[int], length: int
) -> tuple[list[int], list[int], list[str], list[int], list[str]]:
    """UAX #29 GB9b: a Prepend character with nothing after it in its cluster joins the next.

    The joined cluster keeps the later base, whose level places it; the Prepend characters
    become its prefix. One that ends the token (before a space) stays a cluster of its own.
    """
    joined: tuple[list[int], list[int], list[str], list[int], list[str]] = ([], [], [], [], [])
    new_starts, new_bases, new_glyphs, new_widths, new_prefixes = joined
    waiting: list[int] = []  # bare Prepend clusters, by index
    ends = [*starts[1:], length]
    for index, (start, base, glyph) in enumerate(zip(starts, bases, glyphs, strict=True)):
        if ends[index] == start + 1 and glyph in PREPEND:
            waiting.append(index)
            continue
        new_starts.append(starts[waiting[0]] if waiting else start)
        new_bases.append(base)
        new_glyphs.append(glyph)
        new_widths.append(widths[index] + sum(widths[w] for w in waiting))
        new_prefixes.append("".join(glyphs[w] for w in waiting))
        waiting.clear()
    for index in waiting:
        new_starts.append(starts[index])
        new_bases.append(bases[index])
        new_glyphs.append(glyphs[index])
        new_widths.append(widths[index])
        new_prefixes.append("")
    return joined


@lru_cache(maxsize=16)
def get_shaper(shaping: bool) -> Shaper:
    """One shaper per option set, so a resize keeps the token caches warm."""
    return Shaper(shaping=shaping)


BREAK_SPACES = _SPACE
