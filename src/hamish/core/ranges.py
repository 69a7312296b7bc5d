"""Finding which of many logical ranges touch a stretch of text, without looking at them all.

The reader paints each visible row from the highlights and search matches on it. A search can
have tens of thousands of matches, and a row is drawn many times (every caret move repaints
it), so scanning every range per row would make each key cost as much as the whole search.
Ranges are kept sorted by start with a running maximum of their ends: the ones that can reach
a row are found by two bisections, and only those are looked at.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class RangeIndex(Generic[T]):
    """``items`` found by overlap with ``[start, end)``, given back in the order given."""

    def __init__(self, items: Sequence[T], span: Callable[[T], tuple[int, int]]) -> None:
        order = sorted(range(len(items)), key=lambda index: span(items[index])[0])
        self._items = [items[index] for index in order]
        self._order = order
        spans = [span(item) for item in self._items]
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]
        self._reach = list(accumulate(self._ends, max))
        """The furthest end among the ranges up to each one (never decreasing)."""

    def __len__(self) -> int:
        return len(self._items)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Every item whose range shares at least one offset with ``[start, end)``."""
        first = bisect_right(self._reach, start)  # before it, every range ends by ``start``
        last = bisect_left(self._starts, end)  # from it on, every range starts at ``end`` or later
        hits = [i for i in range(first, last) if self._ends[i] > start]
        if len(hits) > 1:
            hits.sort(key=self._order.__getitem__)
        return [self._items[i] for i in hits]
