"""The matches of one search in one article, and which of them is current."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from hamish.core.ranges import RangeIndex
from hamish.core.search.find import Range


def _span(found: Range) -> Range:
    return found


@dataclass(frozen=True)
class SearchMatches:
    """Found ranges in document order; ``current`` indexes the one the reader is on."""

    query: str
    ranges: tuple[Range, ...]
    current: int | None
    index: RangeIndex[Range] = field(compare=False, repr=False)

    @classmethod
    def found(cls, query: str, ranges: Sequence[Range], caret: int) -> SearchMatches:
        """The matches, the current one being the first at or after ``caret`` (else the first)."""
        ordered = tuple(sorted(ranges))
        following = bisect_left(ordered, (caret, caret))
        current = None if not ordered else following % len(ordered)
        return cls(query, ordered, current, RangeIndex(ordered, _span))

    def step(self, by: int) -> SearchMatches:
        """The next (``by`` > 0) or previous match made current, round the end of the article."""
        if self.current is None:
            return self
        return replace(self, current=(self.current + by) % len(self.ranges))

    @property
    def current_range(self) -> Range | None:
        return None if self.current is None else self.ranges[self.current]

    def on(self, start: int, end: int) -> list[Range]:
        """The matches that show in ``[start, end)`` (one row of the reader)."""
        return self.index.overlapping(start, end)

    def counter(self) -> str:
        """``3/21`` for the reader's search line, ``no matches`` when there are none."""
        return "no matches" if self.current is None else f"{self.current + 1}/{len(self.ranges)}"
