"""Finding an annotation again in an article that may have changed since it was made.

The order is that of the Hypothesis client (its anchoring and match-quote), each step only when the
one before fails:

1. the stored range still holds the quote, exactly or after folding (harakat, alef forms...):
   EXACT;
2. the exact quote elsewhere: the occurrence whose surroundings best match the stored prefix and
   suffix, the nearest to where it should be on a tie: MOVED;
3. the quote elsewhere after folding (someone added or removed harakat), chosen the same way:
   MOVED;
4. approximately, scored like Hypothesis's match-quote (``anchoring_fuzzy``): FUZZY;
5. otherwise ORPHAN at the stored range: never dropped.

"Where it should be" is the stored start, or in ``anchor_all`` the stored start shifted as much as
the annotation before it moved, since edits move whole stretches of an article together. Steps 2
and 3 look in a window around that place first and search the whole article only when the window
has no occurrence in a convincing context, so re-anchoring thousands of annotations after an
edit costs windows, not scans of a 10 MB text.
"""

from __future__ import annotations

from collections.abc import Iterable

from hamish.core.annotations.anchoring_context import (
    Range,
    best_in_context,
    nearest_occurrences,
)
from hamish.core.annotations.anchoring_fuzzy import fuzzy
from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation
from hamish.core.search.folding import fold
from hamish.core.search.normalised import NormalisedText, extend_over_marks

WINDOW = 4096
"""How far each side of the expected place the first, cheap search looks."""
GOOD_CONTEXT = 1.5
"""Prefix plus suffix similarity (out of 2) that makes a candidate in the window good enough
without looking through the whole article for a better one."""
NEAREST_CANDIDATES = 256
"""Occurrences weighed when the whole article is searched: the nearest ones, which keeps
choosing among thousands of "في" bounded."""


def anchor(annotation: Annotation, text: str, normalised: NormalisedText | None = None) -> Anchored:
    """Where ``annotation`` is in ``text`` now; pass ``normalised`` (of ``text``) if at hand."""
    if normalised is None:
        normalised = NormalisedText.of(text)
    elif normalised.original is not text and normalised.original != text:
        raise ValueError("normalised is not the normalised form of text")
    hint = _clamped(annotation.start, text)
    found = _in_place_or_exact(annotation, text, hint)
    return found or _searched(annotation, normalised, hint) or _orphan(annotation)


def anchor_all(annotations: Iterable[Annotation], text: str) -> list[Anchored]:
    """One result per annotation, in the order given, sharing one ``NormalisedText``."""
    kept = list(annotations)
    normalised = NormalisedText.of(text)
    results: list[Anchored] = [_orphan(annotation) for annotation in kept]
    shift = 0
    for index in sorted(range(len(kept)), key=lambda index: kept[index].start):
        annotation = kept[index]
        hint = _clamped(annotation.start + shift, text)
        found = _in_place_or_exact(annotation, text, hint) or _searched(
            annotation, normalised, hint
        )
        if found is not None:
            results[index] = found
            shift = found.start - annotation.start
    return results


def _clamped(position: int, text: str) -> int:
    return min(max(position, 0), len(text))


def _orphan(annotation: Annotation) -> Anchored:
    return Anchored(annotation, AnchorStatus.ORPHAN, annotation.start, annotation.end)


def _in_place_or_exact(annotation: Annotation, text: str, hint: int) -> Anchored | None:
    if not annotation.quote:
        return None
    return _at_stored_range(annotation, text) or _exact_elsewhere(annotation, text, hint)


def _searched(annotation: Annotation, normalised: NormalisedText, hint: int) -> Anchored | None:
    if not annotation.quote or not fold(annotation.quote).strip():
        return None
    return _folded_elsewhere(annotation, normalised, hint) or fuzzy(annotation, normalised, hint)


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


def _exact_elsewhere(annotation: Annotation, text: str, hint: int) -> Anchored | None:
    quote = annotation.quote

    def occurrences(low: int = 0, high: int | None = None) -> list[Range]:
        starts = nearest_occurrences(text, quote, hint, NEAREST_CANDIDATES, low, high)
        return [(start, start + len(quote)) for start in starts]

    best = _chosen(annotation, text, hint, occurrences(hint - WINDOW, hint + WINDOW + len(quote)))
    if best is None:
        best = _chosen(annotation, text, hint, occurrences(), required=0.0)
    return None if best is None else _placed(annotation, text, best, AnchorStatus.MOVED)


def _folded_elsewhere(
    annotation: Annotation, normalised: NormalisedText, hint: int
) -> Anchored | None:
    """Step 3, near the expected place (folding only that window) and then everywhere (folding
    the article once, shared by every annotation that gets this far)."""
    text, quote = normalised.original, fold(annotation.quote)
    low = max(0, hint - WINDOW)
    window = NormalisedText(text[low : hint + WINDOW + 2 * len(annotation.quote)])
    near = _folded_occurrences(window, quote, hint - low, offset=low)
    best = _chosen(annotation, text, hint, near)
    if best is None:
        everywhere = _folded_occurrences(normalised, quote, hint)
        best = _chosen(annotation, text, hint, everywhere, required=0.0)
    return None if best is None else _placed(annotation, text, best, AnchorStatus.MOVED)


def _folded_occurrences(
    normalised: NormalisedText, folded_quote: str, hint: int, offset: int = 0
) -> list[Range]:
    """Original ranges of the occurrences of ``folded_quote`` in the folded text nearest to
    ``hint`` (an original position), each shifted by ``offset``."""
    folded_hint = normalised.folded_position(hint)
    found = []
    for start in nearest_occurrences(
        normalised.folded, folded_quote, folded_hint, NEAREST_CANDIDATES
    ):
        original = normalised.original_range(start, start + len(folded_quote))
        if original is not None:
            found.append((original[0] + offset, original[1] + offset))
    return found


def _chosen(
    annotation: Annotation,
    text: str,
    hint: int,
    candidates: list[Range],
    required: float = GOOD_CONTEXT,
) -> Range | None:
    """The best candidate in context, if there is one and its context is at least ``required``."""
    if not candidates:
        return None
    best, score = best_in_context(annotation, text, candidates, hint)
    return best if score >= required else None


def _placed(annotation: Annotation, text: str, found: Range, status: AnchorStatus) -> Anchored:
    start, end = found[0], extend_over_marks(text, found[1])
    same = (start, end) == (annotation.start, annotation.end)
    return Anchored(annotation, AnchorStatus.EXACT if same else status, start, end)
