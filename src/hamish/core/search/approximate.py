"""Approximate substring search: where does a pattern occur with at most k edits?

Myers' bit-parallel algorithm (as in Hypothesis's approx-string-match), with Python integers as
the bit vectors: one column of the edit-distance table costs a dozen integer operations whatever
the pattern's length. It is still a Python loop per text character, so callers run it over
windows of a few thousand characters, never over a whole article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ApproximateMatch:
    errors: int
    start: int
    end: int


def _column_scores(pattern: str, text: Iterable[str], *, anchored: bool) -> list[int]:
    """For each prefix ``text[:j+1]``: the edit distance between ``pattern`` and the best
    substring of the text ending at ``j+1`` (or, ``anchored``, the whole prefix)."""
    length = len(pattern)
    masks: dict[str, int] = {}
    for index, char in enumerate(pattern):
        masks[char] = masks.get(char, 0) | (1 << index)
    full = (1 << length) - 1
    top = 1 << (length - 1)
    carry = 1 if anchored else 0
    positive, negative, score = full, 0, length
    scores: list[int] = []
    for char in text:
        equal = masks.get(char, 0)
        vertical = equal | negative
        horizontal = (((equal & positive) + positive) ^ positive) | equal
        plus = negative | (~(horizontal | positive) & full)
        minus = positive & horizontal
        if plus & top:
            score += 1
        elif minus & top:
            score -= 1
        plus = ((plus << 1) | carry) & full
        minus = (minus << 1) & full
        positive = minus | (~(vertical | plus) & full)
        negative = plus & vertical
        scores.append(score)
    return scores


def best_distance(pattern: str, text: str) -> int:
    """The fewest edits that turn ``pattern`` into some substring of ``text``."""
    if not pattern:
        return 0
    return min(_column_scores(pattern, text, anchored=False), default=len(pattern))


def find_approximate(
    pattern: str, text: str, max_errors: int, *, limit: int = 16
) -> list[ApproximateMatch]:
    """The best places (fewest errors first, at most ``limit``) where ``pattern`` occurs in
    ``text`` with at most ``max_errors`` edits.

    Ends within ``max_errors`` come in clusters around each occurrence; every end of a cluster
    that reaches its fewest errors is kept, since "nour" and "nouur" for "nour" differ by where
    they stop and only the text after them (the caller's suffix) can tell which was meant.
    """
    if not pattern or max_errors < 0:
        return []
    max_errors = min(max_errors, len(pattern) - 1)
    scores = _column_scores(pattern, text, anchored=False)
    ends: list[tuple[int, int]] = []
    cluster: list[tuple[int, int]] = []
    for index, score in enumerate([*scores, max_errors + 1]):
        if score <= max_errors:
            cluster.append((score, index + 1))
        elif cluster:
            fewest = min(cluster)[0]
            ends.extend(end for end in cluster if end[0] == fewest)
            cluster = []
    ends.sort()
    matches = [_with_start(pattern, text, end, errors) for errors, end in ends[:limit]]
    return sorted(matches)


def _with_start(pattern: str, text: str, end: int, errors: int) -> ApproximateMatch:
    """Where the match ending at ``end`` starts: the pattern and the text read backwards from
    ``end``, anchored there, give the distance for every candidate length; of those that reach
    ``errors`` the one closest to the pattern's length wins (no needless boundary edits)."""
    length = len(pattern)
    first = max(0, end - length - errors)
    backwards = text[first:end][::-1]
    scores = _column_scores(pattern[::-1], backwards, anchored=True)
    best_span = min(
        (span for span, score in enumerate(scores, start=1) if score == errors),
        key=lambda span: abs(span - length),
        default=length,
    )
    return ApproximateMatch(errors, end - best_span, end)
