"""The fuzzy step of anchoring: an edited passage, found approximately and scored like Hypothesis.

The approximate search is a Python loop per character, so it never reads the whole article. It
looks first in a window around where the passage should be, folding only that window; only when
that finds nothing convincing does it fold the whole article (once per ``NormalisedText``) and
also look around exact hits of fragments of the quote (with a few errors, some fragment of it
survives intact).
"""

from __future__ import annotations

from collections.abc import Callable

from hamish.core.annotations.anchoring_context import FoldedContext, Range, nearest_occurrences
from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation
from hamish.core.search.folding import fold
from hamish.core.search.normalised import NormalisedText, extend_over_marks

ERROR_FRACTION = 4
"""At most one edit per this many folded characters of the quote (and never more than 256).

Hypothesis allows half the quote; with Arabic's small alphabet and short function words, half
the letters wrong matches almost any phrase of the same length. A quarter still admits far more
than real edits to a passage (a fixed typo, a changed word), and a quote shorter than four
folded characters gets no approximate matching at all: one typo would be a third of it.
"""
MAX_ERRORS = 256
MIN_FUZZY_SCORE = 0.7
"""Measured on the bench's generated Arabic, two unrelated 32-character contexts are 0.28
similar (median; 0.34 at the 90th percentile). So a true match with a quarter of its letters
changed but its context intact scores (50·0.75 + 20 + 20 + 2)/92 = 0.86, and one with a typo in
12 letters and one side of its context rewritten 0.80; an unrelated short phrase one edit away
with unrelated context scores 0.64 (0.66 at the 90th percentile), and is refused. A passage
whose text and both contexts were all rewritten scores about as low, and becomes an orphan."""
DISTINCTIVE_LENGTH = 16
CLOSE_FRACTION = 8
"""A match of a quote of at least ``DISTINCTIVE_LENGTH`` folded characters with at most one
error per ``CLOSE_FRACTION`` is taken whatever its context: the bench's text, full of common
words, has no such match of an unrelated passage in 5000-character windows (measured for 16 to
32 characters; 12-character quotes one edit away do match by chance, 3% of windows). This
keeps a passage with a typo whose neighbours were both rewritten."""
CONFIDENT_SCORE = 0.8
"""A match this good in the window around the old place is taken without searching further."""
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2
FRAGMENTS = 8
MIN_FRAGMENT = 5
HITS_PER_FRAGMENT = 4
MAX_WINDOWS = 16
WINDOW_SLACK = 16


def max_errors(quote_length: int) -> int:
    return min(MAX_ERRORS, quote_length // ERROR_FRACTION)


def fuzzy(annotation: Annotation, normalised: NormalisedText, hint: int) -> Anchored | None:
    """The best approximate match, as FUZZY, if it scores at least ``MIN_FUZZY_SCORE`` or is
    close to a distinctive quote."""
    quote = fold(annotation.quote)
    allowed = max_errors(len(quote))
    if allowed == 0:
        return None
    text = normalised.original
    context = FoldedContext.of(annotation)
    margin = max(1024, 2 * len(annotation.quote))
    low, high = max(0, hint - margin), min(len(text), hint + len(annotation.quote) + margin)
    window = NormalisedText(text[low:high])

    def from_window(start: int, end: int) -> Range:
        first, last = covering_range(window, start, end)
        return low + first, low + last

    search = _Search(quote, allowed, context, hint, len(text))
    best = search.best(window.folded, [(0, len(window.folded))], from_window)
    if best is None or best[0] < CONFIDENT_SCORE:
        folded = normalised.folded
        windows = _windows(quote, folded, normalised.folded_position(hint), allowed)
        found = search.best(folded, windows, lambda s, e: covering_range(normalised, s, e))
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    if best is None:
        return None
    score, errors, (start, end) = best
    close = len(quote) >= DISTINCTIVE_LENGTH and errors <= len(quote) // CLOSE_FRACTION
    if score < MIN_FUZZY_SCORE and not close:
        return None
    return Anchored(annotation, AnchorStatus.FUZZY, start, end)


class _Search:
    """Scores approximate matches of one quote (Hypothesis's match-quote weights)."""

    def __init__(
        self, quote: str, errors: int, context: FoldedContext, hint: int, length: int
    ) -> None:
        self.quote, self.errors, self.context = quote, errors, context
        self.hint, self.length = hint, max(1, length)

    def best(
        self, folded: str, windows: list[Range], to_original: Callable[[int, int], Range]
    ) -> tuple[float, int, Range] | None:
        """The best match in the windows: its score, its errors and its original range."""
        from hamish.core.search.approximate import find_approximate  # only for lost quotes

        best: tuple[tuple[float, int, int], int, Range] | None = None
        for window_start, window_end in windows:
            for match in find_approximate(self.quote, folded[window_start:window_end], self.errors):
                start, end = window_start + match.start, window_start + match.end
                original = to_original(start, end)
                prefix, suffix = self.context.folded_similarities(folded, start, end)
                score = (
                    QUOTE_WEIGHT * (1 - match.errors / len(self.quote))
                    + PREFIX_WEIGHT * prefix
                    + SUFFIX_WEIGHT * suffix
                    + POSITION_WEIGHT * (1 - abs(original[0] - self.hint) / self.length)
                ) / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)
                # on a tie, no needless edits at the ends, then the nearest
                key = (score, -abs(end - start - len(self.quote)), -abs(original[0] - self.hint))
                if best is None or key > best[0]:
                    best = (key, match.errors, original)
        return None if best is None else (best[0][0], best[1], best[2])


def _windows(quote: str, folded: str, hint: int, errors: int) -> list[Range]:
    """Around the old place and around exact hits of fragments of the quote, merged, the ones
    nearest the old place first."""
    margin = max(1024, 2 * len(quote))
    windows = [(hint - margin, hint + len(quote) + margin)]
    count = min(FRAGMENTS, errors + 1, len(quote) // MIN_FRAGMENT)
    if count >= 2:
        size = len(quote) // count
        for index in range(count):
            offset = index * size
            fragment = quote[offset : offset + size]
            for hit in nearest_occurrences(folded, fragment, hint + offset, HITS_PER_FRAGMENT):
                start = hit - offset
                pad = errors + WINDOW_SLACK
                windows.append((start - pad, start + len(quote) + pad))
    clipped = sorted((max(0, start), min(len(folded), end)) for start, end in windows)
    merged: list[Range] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    merged.sort(key=lambda window: 0 if window[0] <= hint <= window[1] else abs(window[0] - hint))
    return merged[:MAX_WINDOWS]


def covering_range(normalised: NormalisedText, start: int, end: int) -> Range:
    """The original range of a folded one, widened to whole ligatures if it cuts one."""
    exact = normalised.original_range(start, end)
    if exact is not None:
        return exact
    last = normalised.origin(end - 1) + 1
    return normalised.origin(start), extend_over_marks(normalised.original, last)
