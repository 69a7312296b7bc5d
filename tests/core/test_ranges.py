"""RangeIndex and SearchMatches answer as a scan of every range would, in the order given."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hamish.core.ranges import RangeIndex
from hamish.core.search.matches import SearchMatches

spans = st.tuples(st.integers(0, 200), st.integers(1, 60)).map(lambda p: (p[0], p[0] + p[1]))


def _identity(span: tuple[int, int]) -> tuple[int, int]:
    return span


@given(st.lists(spans, max_size=60), st.integers(0, 260), st.integers(1, 80))
def test_overlapping_equals_a_full_scan_in_the_given_order(
    items: list[tuple[int, int]], start: int, length: int
) -> None:
    end = start + length
    index = RangeIndex(items, _identity)
    expected = [item for item in items if item[0] < end and item[1] > start]
    assert index.overlapping(start, end) == expected
    assert len(index) == len(items)


def test_an_empty_index_finds_nothing() -> None:
    assert RangeIndex([], _identity).overlapping(0, 10) == []


@given(st.lists(st.integers(0, 500), unique=True, max_size=40), st.integers(0, 520))
def test_the_current_match_is_the_first_at_or_after_the_caret(
    starts: list[int], caret: int
) -> None:
    ranges = [(start, start + 1) for start in starts]
    matches = SearchMatches.found("q", ranges, caret)
    assert list(matches.ranges) == sorted(ranges)
    if not ranges:
        assert matches.current is None and matches.counter() == "no matches"
        assert matches.step(1) is matches
        return
    following = [r for r in sorted(ranges) if r[0] >= caret]
    assert matches.current_range == (following[0] if following else min(ranges))


def test_stepping_goes_round_both_ends() -> None:
    matches = SearchMatches.found("q", [(10, 12), (1, 3), (20, 22)], caret=15)
    assert matches.current_range == (20, 22) and matches.counter() == "3/3"
    assert matches.step(1).current_range == (1, 3)
    assert matches.step(-3).current_range == (20, 22)
    assert matches.on(0, 11) == [(1, 3), (10, 12)]
