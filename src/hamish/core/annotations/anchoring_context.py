"""How well a candidate place matches an annotation's stored prefix and suffix.

Shared by the exact, folded and fuzzy steps of ``anchoring``: whichever way a candidate was
found, the 32 characters stored on each side decide between candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from hamish.core.annotations.model import Annotation
from hamish.core.search.folding import fold

Range = tuple[int, int]
REFINED_CANDIDATES = 8


@dataclass(frozen=True)
class FoldedContext:
    """The stored prefix and suffix, folded: the context may have gained harakat too."""

    prefix: str
    suffix: str

    @classmethod
    def of(cls, annotation: Annotation) -> FoldedContext:
        return cls(fold(annotation.prefix), fold(annotation.suffix))

    def similarity(self, text: str, start: int, end: int) -> float:
        """Prefix similarity plus suffix similarity (0..2) of ``text[start:end]``'s surroundings."""
        before = fold(text[max(0, start - 2 * len(self.prefix) - 8) : start])
        after = fold(text[end : end + 2 * len(self.suffix) + 8])
        return similarity(self.prefix, before[len(before) - len(self.prefix) :]) + similarity(
            self.suffix, after[: len(self.suffix)]
        )

    def folded_similarities(self, folded: str, start: int, end: int) -> tuple[float, float]:
        """Prefix and suffix similarity of a range of already folded text."""
        before = folded[max(0, start - len(self.prefix)) : start]
        after = folded[end : end + len(self.suffix)]
        return similarity(self.prefix, before), similarity(self.suffix, after)


def similarity(stored: str, actual: str) -> float:
    """1 when ``stored`` occurs in ``actual``, falling with each edit needed (Hypothesis's
    textMatchScore); 1 when nothing was stored (the annotation was at the text's edge)."""
    if not stored:
        return 1.0
    if not actual:
        return 0.0
    from hamish.core.search.approximate import best_distance  # only when a quote repeats

    return max(0.0, 1 - best_distance(stored, actual) / len(stored))


def best_in_context(
    annotation: Annotation, text: str, candidates: list[Range], hint: int
) -> tuple[Range, float]:
    """The candidate whose surroundings are most like the stored ones, nearest ``hint`` on a
    tie, with its context similarity (0..2).

    Exact common lengths rank every candidate cheaply; the best few by that and the few nearest
    are then compared by edit distance on folded text, which survives an edit right next to the
    passage (that would zero an exact common length).
    """

    def distance(candidate: Range) -> int:
        return abs(candidate[0] - hint)

    def cheap(candidate: Range) -> tuple[int, int]:
        start, end = candidate
        before = text[max(0, start - len(annotation.prefix)) : start]
        after = text[end : end + len(annotation.suffix)]
        common = _common_suffix(annotation.prefix, before) + _common_prefix(
            annotation.suffix, after
        )
        return -common, distance(candidate)

    perfect = [c for c in candidates if -cheap(c)[0] == len(annotation.prefix + annotation.suffix)]
    if perfect:  # the stored context, character for character: nothing can match better
        return min(perfect, key=lambda candidate: (distance(candidate), candidate[0])), 2.0
    shortlist = set(sorted(candidates, key=cheap)[:REFINED_CANDIDATES])
    shortlist.update(sorted(candidates, key=distance)[:REFINED_CANDIDATES])
    context = FoldedContext.of(annotation)
    scored = [(context.similarity(text, *candidate), candidate) for candidate in shortlist]
    score, best = min(scored, key=lambda item: (-item[0], distance(item[1]), item[1][0]))
    return best, score


def nearest_occurrences(
    text: str, needle: str, hint: int, limit: int, lowest: int = 0, highest: int | None = None
) -> list[int]:
    """Start positions of up to ``limit`` occurrences of ``needle`` inside
    ``text[lowest:highest]``, nearest to ``hint`` first. Each step is one C-speed ``find`` or
    ``rfind``; note that running out of occurrences costs a scan to the window's ends."""
    if not needle:
        return []
    lowest = max(lowest, 0)
    highest = len(text) if highest is None else min(highest, len(text))
    hint = min(max(hint, lowest), highest)
    found: list[int] = []
    after = text.find(needle, hint, highest)
    before = text.rfind(needle, lowest, min(highest, hint - 1 + len(needle)))
    while len(found) < limit and (after >= 0 or before >= 0):
        if before < 0 or (after >= 0 and after - hint <= hint - before):
            found.append(after)
            after = text.find(needle, after + 1, highest)
        else:
            found.append(before)
            before = text.rfind(needle, lowest, before - 1 + len(needle))
    return found


def _common_prefix(first: str, second: str) -> int:
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def _common_suffix(first: str, second: str) -> int:
    return _common_prefix(first[::-1], second[::-1])
