"""Where a long paragraph may be resolved in pieces with exactly the levels of the whole.

Why: UAX #9 resolves a paragraph as a whole (§3.4), which for a one-paragraph article of ten
megabytes means seconds and gigabytes before the first screen. A cut at ``p`` is safe, so
that ``text[:p]`` and ``text[p:]`` resolved as paragraphs of the same level give every
character its level in the whole, when:

1. the paragraph holds no explicit formatting character (X1–X8 do nothing: it is one level
   run and one isolating run sequence at the paragraph level, with sos = eos = e, the
   paragraph's direction, and so are both pieces);
2. ``text[p]`` is a strong character of direction e (L, or R/AL, per the paragraph level);
3. no bracket pair of BD16 on the whole paragraph encloses the cut, and BD16 does not
   overflow there (an overflow anywhere cancels every pair).

Then no rule reads across the cut differently. W1–W7 look back only as far as the first
strong type, and ``text[p]`` is one that no W rule changes. W4 and W5 need a number or a
separator on both sides of the cut, and ``text[p]`` is neither. N0 pairs are the same on
each side (3), and its look back from an opener after ``p`` stops at ``text[p]``. N1 turns
the neutrals just before ``p`` into e whether they stand before ``text[p]`` (direction e) or
before the left piece's eos (also e). I1–I2 and §5.2 are per character. The layout engine's
property tests check the claim against whole-paragraph resolution.
"""

from __future__ import annotations

from bisect import bisect_left

from hamish.core.bidi.brackets import bracket_pairs
from hamish.core.bidi.classes import bidi_class
from hamish.core.bidi.levels import is_rtl

EXPLICIT_FORMATTING_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The characters of classes LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI and PDI."""


class ParagraphCuts:
    """Answers "may this paragraph be resolved in two pieces at ``p``?" (see the module).

    Building it reads the whole paragraph once, in C apart from one step per bracket.
    """

    def __init__(self, text: str, base_level: int) -> None:
        self._text = text
        self._strong = ("R", "AL") if is_rtl(base_level) else ("L",)
        pairs = None
        if not any(char in text for char in EXPLICIT_FORMATTING_CHARS):
            pairs = bracket_pairs(text)  # without explicit formatting every bracket is ON
        self.possible = pairs is not None
        # Cut positions no pair may enclose: (opener, closer] of every pair, merged.
        self._enclosed_starts: list[int] = []
        self._enclosed_ends: list[int] = []
        for opener, closer in pairs or ():
            if self._enclosed_ends and opener < self._enclosed_ends[-1]:
                self._enclosed_ends[-1] = max(self._enclosed_ends[-1], closer)
            else:
                self._enclosed_starts.append(opener)
                self._enclosed_ends.append(closer)

    def allows(self, position: int) -> bool:
        """Whether ``text[:position]`` and ``text[position:]`` resolve as in the whole."""
        if not (self.possible and 0 < position < len(self._text)):
            return False
        if bidi_class(self._text[position]) not in self._strong:
            return False
        index = bisect_left(self._enclosed_ends, position)
        return not (index < len(self._enclosed_ends) and self._enclosed_starts[index] < position)
