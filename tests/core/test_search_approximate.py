"""Myers' bit-parallel search against the textbook dynamic programme."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.search.approximate import best_distance, find_approximate


def edit_distance(first: str, second: str) -> int:
    row = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        previous, row[0] = row[:], i
        for j, b in enumerate(second, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a != b))
    return row[-1]


def best_substring_distance(pattern: str, text: str) -> int:
    return min(
        edit_distance(pattern, text[start:end])
        for start in range(len(text) + 1)
        for end in range(start, len(text) + 1)
    )


SMALL = st.text(alphabet="abcع", min_size=1, max_size=9)


@settings(max_examples=300, deadline=None)
@given(SMALL, st.text(alphabet="abcع", max_size=14))
def test_best_distance_is_the_best_over_all_substrings(pattern: str, text: str) -> None:
    assert best_distance(pattern, text) == best_substring_distance(pattern, text)


@settings(max_examples=300, deadline=None)
@given(SMALL, st.text(alphabet="abcع", max_size=14), st.integers(0, 3))
def test_every_match_has_the_errors_it_reports_and_the_best_is_found(
    pattern: str, text: str, max_errors: int
) -> None:
    matches = find_approximate(pattern, text, max_errors)
    for match in matches:
        assert 0 <= match.start <= match.end <= len(text)
        assert edit_distance(pattern, text[match.start : match.end]) == match.errors
        assert match.errors <= max_errors
    best = best_substring_distance(pattern, text)
    if best <= min(max_errors, len(pattern) - 1):
        assert matches and matches[0].errors == best
    else:
        assert matches == []


def test_a_typo_is_found_where_it_is() -> None:
    text = "قال الحكيم إن العلم نوور والجهل ظلام"
    [*ends] = find_approximate("العلم نور", text, 2)
    assert {text[match.start : match.end] for match in ends} >= {"العلم نوور"}
    assert all(match.errors == 1 for match in ends)
