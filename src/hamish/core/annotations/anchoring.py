"""Finding an annotation again in an article that may have changed since it was made.

The order is Hypothesis's (see /work/shared/notes/annotation-systems.md), each step only when the
one before fails:

1. the stored range still holds the quote, exactly or after folding (harakat, alef forms...):
   EXACT;
2. the exact quote elsewhere: the occurrence whose surroundings best match the stored prefix and
   suffix, the nearest to the old place on a tie: MOVED;
3. the quote elsewhere after folding (someone added or removed harakat): chosen the same way:
   MOVED;
4. approximately, in the folded text (``search.approximate``), scored like Hypothesis's
   match-quote: (50·quote + 20·prefix + 20·suffix + 2·position) / 92, at least
   ``MIN_FUZZY_SCORE``: FUZZY;
5. otherwise ORPHAN at the stored range: never dropped.

Every step is bounded on a 10 MB article: exact and folded searches are C-speed scans, candidate
lists are cut to the occurrences nearest the old place, and the approximate search (a Python
loop per character) only reads a window around the old place and windows around exact hits of
fragments of the quote.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation
from hamish.core.search.approximate import best_distance, find_approximate
from hamish.core.search.find import Range, find_all
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
MIN_FUZZY_SCORE = 0.6
"""A true match with a quarter of its letters changed but its context intact scores about 0.78;
one with both contexts rewritten as well about 0.43 (and is then too unlike the annotation to
claim it); an unrelated passage that happens to be within the error bound, with random context
(about 0.3 similar), about 0.55."""
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2
NEAREST_CANDIDATES = 256
"""Occurrences considered for a frequent quote: the nearest to the old place, plus every one
whose full stored context matches, which keeps choosing among thousands of "في" bounded."""
REFINED_CANDIDATES = 8
FRAGMENTS = 8
MIN_FRAGMENT = 5
HITS_PER_FRAGMENT = 4
MAX_WINDOWS = 16
WINDOW_SLACK = 16
FOLD_WHEN_PENDING = 3
"""``anchor_all`` folds the whole article once when this many annotations need a folded or
fuzzy search: each then costs a ``str.find`` instead of a scan of the original."""


def anchor(annotation: Annotation, text: str, normalised: NormalisedText | None = None) -> Anchored:
    """Where ``annotation`` is in ``text`` now; pass ``normalised`` (of ``text``) if at hand."""
    if normalised is None:
        normalised = NormalisedText.of(text)
    elif normalised.original is not text and normalised.original != text:
        raise ValueError("normalised is not the normalised form of text")
    found = _in_place_or_exact(annotation, text) or _searched(annotation, text, normalised)
    return found or Anchored(annotation, AnchorStatus.ORPHAN, annotation.start, annotation.end)


def anchor_all(annotations: Iterable[Annotation], text: str) -> list[Anchored]:
    """One result per annotation, in order, sharing one ``NormalisedText`` of ``text``."""
    kept = list(annotations)
    normalised = NormalisedText.of(text)
    quick = [_in_place_or_exact(annotation, text) for annotation in kept]
    if sum(result is None for result in quick) >= FOLD_WHEN_PENDING:
        normalised.folded  # noqa: B018 - fold once for all the searches below
    results: list[Anchored] = []
    for annotation, result in zip(kept, quick, strict=True):
        found = result or _searched(annotation, text, normalised)
        results.append(
            found or Anchored(annotation, AnchorStatus.ORPHAN, annotation.start, annotation.end)
        )
    return results


def _in_place_or_exact(annotation: Annotation, text: str) -> Anchored | None:
    if not annotation.quote:
        return None
    return _at_stored_range(annotation, text) or _exact_elsewhere(annotation, text)


def _searched(annotation: Annotation, text: str, normalised: NormalisedText) -> Anchored | None:
    if not fold(annotation.quote).strip():
        return None
    return _folded_elsewhere(annotation, text, normalised) or _fuzzy(annotation, normalised)


def _at_stored_range(annotation: Annotation, text: str) -> Anchored | None:
    start, end = annotation.start, annotation.end
    if not 0 <= start < end <= len(text):
        return None
    held = text[start:end]
    if held != annotation.quote:
        folded = fold(annotation.quote)
        if not folded.strip() or fold(held) != folded:
            return None
    return Anchored(annotation, AnchorStatus.EXACT, start, extend_over_marks(text, end))


def _exact_elsewhere(annotation: Annotation, text: str) -> Anchored | None:
    quote = annotation.quote
    starts = nearest_occurrences(text, quote, annotation.start, NEAREST_CANDIDATES)
    if not starts:
        return None
    if annotation.prefix or annotation.suffix:
        in_context = annotation.prefix + quote + annotation.suffix
        hits = nearest_occurrences(text, in_context, annotation.start, REFINED_CANDIDATES)
        starts = sorted({*starts, *(hit + len(annotation.prefix) for hit in hits)})
    candidates = [(start, start + len(quote)) for start in starts]
    start, end = _best_in_context(annotation, text, candidates)
    return _placed(annotation, text, start, end, AnchorStatus.MOVED)


def _folded_elsewhere(
    annotation: Annotation, text: str, normalised: NormalisedText
) -> Anchored | None:
    found = find_all(normalised, annotation.quote)
    if not found:
        return None
    found.sort(key=lambda candidate: abs(candidate[0] - annotation.start))
    start, end = _best_in_context(annotation, text, found[:NEAREST_CANDIDATES])
    return _placed(annotation, text, start, end, AnchorStatus.MOVED)


def _placed(
    annotation: Annotation, text: str, start: int, end: int, status: AnchorStatus
) -> Anchored:
    end = extend_over_marks(text, end)
    same = (start, end) == (annotation.start, annotation.end)
    return Anchored(annotation, AnchorStatus.EXACT if same else status, start, end)


def nearest_occurrences(text: str, needle: str, hint: int, limit: int) -> list[int]:
    """Start positions of up to ``limit`` occurrences of ``needle``, nearest to ``hint`` first;
    each step is one C-speed ``find`` or ``rfind``, so a frequent needle costs ``limit`` steps."""
    if not needle:
        return []
    hint = min(max(hint, 0), len(text))
    found: list[int] = []
    after = text.find(needle, hint)
    before = text.rfind(needle, 0, hint - 1 + len(needle))
    while len(found) < limit and (after >= 0 or before >= 0):
        if before < 0 or (after >= 0 and after - hint <= hint - before):
            found.append(after)
            after = text.find(needle, after + 1)
        else:
            found.append(before)
            before = text.rfind(needle, 0, before - 1 + len(needle))
    return found


def _best_in_context(annotation: Annotation, text: str, candidates: list[Range]) -> Range:
    """The candidate whose surroundings are most like the stored prefix and suffix.

    Exact common lengths rank every candidate cheaply; the best few by that and the few nearest
    are then compared by edit distance on folded text, which survives an edit right next to the
    passage (that would zero an exact common length).
    """

    def distance(candidate: Range) -> int:
        return abs(candidate[0] - annotation.start)

    if len(candidates) == 1:
        return candidates[0]

    def cheap(candidate: Range) -> tuple[int, int]:
        start, end = candidate
        before = _common_suffix(
            annotation.prefix, text[max(0, start - len(annotation.prefix)) : start]
        )
        after = _common_prefix(annotation.suffix, text[end : end + len(annotation.suffix)])
        return -(before + after), distance(candidate)

    shortlist = set(sorted(candidates, key=cheap)[:REFINED_CANDIDATES])
    shortlist.update(sorted(candidates, key=distance)[:REFINED_CANDIDATES])
    context = _FoldedContext.of(annotation)
    return min(shortlist, key=lambda c: (-context.similarity(text, *c), distance(c), c[0]))


@dataclass(frozen=True)
class _FoldedContext:
    prefix: str
    suffix: str

    @classmethod
    def of(cls, annotation: Annotation) -> _FoldedContext:
        return cls(fold(annotation.prefix), fold(annotation.suffix))

    def similarity(self, text: str, start: int, end: int) -> float:
        """Prefix similarity plus suffix similarity, each 0..1, on folded text."""
        before = fold(text[max(0, start - 2 * len(self.prefix) - 8) : start])
        after = fold(text[end : end + 2 * len(self.suffix) + 8])
        return similarity(self.prefix, before[len(before) - len(self.prefix) :]) + similarity(
            self.suffix, after[: len(self.suffix)]
        )


def similarity(stored: str, actual: str) -> float:
    """1 when ``stored`` occurs in ``actual``, falling with each edit needed (Hypothesis's
    textMatchScore); 1 when nothing was stored (the annotation was at the text's edge)."""
    if not stored:
        return 1.0
    if not actual:
        return 0.0
    return max(0.0, 1 - best_distance(stored, actual) / len(stored))


def _common_prefix(first: str, second: str) -> int:
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def _common_suffix(first: str, second: str) -> int:
    return _common_prefix(first[::-1], second[::-1])


def max_errors(quote_length: int) -> int:
    return min(MAX_ERRORS, quote_length // ERROR_FRACTION)


def _fuzzy(annotation: Annotation, normalised: NormalisedText) -> Anchored | None:
    quote = fold(annotation.quote)
    errors = max_errors(len(quote))
    if errors == 0:
        return None
    folded = normalised.folded
    hint = normalised.folded_position(annotation.start)
    context = _FoldedContext.of(annotation)
    best: tuple[float, int, int, int] | None = None
    for window_start, window_end in _windows(quote, folded, hint, errors):
        for match in find_approximate(quote, folded[window_start:window_end], errors):
            start, end = window_start + match.start, window_start + match.end
            before = folded[max(0, start - len(context.prefix)) : start]
            after = folded[end : end + len(context.suffix)]
            score = (
                QUOTE_WEIGHT * (1 - match.errors / len(quote))
                + PREFIX_WEIGHT * similarity(context.prefix, before)
                + SUFFIX_WEIGHT * similarity(context.suffix, after)
                + POSITION_WEIGHT * (1 - abs(start - hint) / max(1, len(folded)))
            ) / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)
            candidate = (score, -abs(start - hint), start, end)
            if best is None or candidate > best:
                best = candidate
    if best is None or best[0] < MIN_FUZZY_SCORE:
        return None
    start, end = _covering_range(normalised, best[2], best[3])
    return Anchored(annotation, AnchorStatus.FUZZY, start, end)


def _windows(quote: str, folded: str, hint: int, errors: int) -> list[Range]:
    """Where to run the approximate search: around the old place, and around exact hits of
    fragments of the quote (with few errors, some fragment survives intact), merged."""
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


def _covering_range(normalised: NormalisedText, start: int, end: int) -> Range:
    """The original range of a folded one, widened to whole ligatures if it cuts one."""
    exact = normalised.original_range(start, end)
    if exact is not None:
        return exact
    last = normalised.origin(end - 1) + 1
    return normalised.origin(start), extend_over_marks(normalised.original, last)
