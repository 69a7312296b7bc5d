"""find_all: exact original ranges for folded matches, by either strategy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.search.find import find_all, find_in_folded, find_in_original
from hamish.core.search.folding import fold, fold_table
from hamish.core.search.normalised import NormalisedText


def matched(text: str, query: str, **options: bool) -> list[str]:
    return [text[start:end] for start, end in find_all(text, query, **options)]


def test_the_brief_example() -> None:
    assert matched("قال: العِلْمُ نُورٌ.", "العلم نور") == ["العِلْمُ نُورٌ"]


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("هذا الكِتَابُ مفيد", "الكتاب", "الكِتَابُ"),  # harakat in the text
        ("هذا الكتاب مفيد", "الكِتَابُ", "الكتاب"),  # harakat in the query
        ("هذا الكـــتاب مفيد", "الكتاب", "الكـــتاب"),  # tatweel
        ("قال إبراهيم", "ابراهيم", "إبراهيم"),  # alef with hamza below
        ("قال ابراهيم", "إبراهيم", "ابراهيم"),
        ("ذهب إلى السوق", "الي", "إلى"),  # alef maksura
        ("عام ٢٠٢٤ م", "2024", "٢٠٢٤"),  # Arabic-Indic digits
        ("سال ۱۴۰۳", "1403", "۱۴۰۳"),  # Persian digits
        ("می\u200cخواهم", "میخواهم", "می\u200cخواهم"),  # ZWNJ
        ("The Quick fox", "quick FOX", "Quick fox"),  # case
        ("ﺍﻟﻌﻠﻢ ﻧﻮﺭ", "العلم نور", "ﺍﻟﻌﻠﻢ ﻧﻮﺭ"),  # pasted presentation forms
        ("لا إله إلا ﷲ", "الله", "ﷲ"),  # a ligature matched whole
        ("العلم\n\n  نور", "العلم نور", "العلم\n\n  نور"),  # a whitespace run
        ("العلم نور", "العلم\tنور", "العلم نور"),
    ],
)
def test_finds_across_spellings(text: str, query: str, expected: str) -> None:
    assert matched(text, query) == [expected]


def test_teh_marbuta_option() -> None:
    text = "المدرسة والمدرسه"
    assert matched(text, "المدرسة") == ["المدرسة"]
    assert matched(text, "المدرسة", fold_teh_marbuta=True) == ["المدرسة", "المدرسه"]
    normalised = NormalisedText.of(text)  # built without the option: find_all still honours it
    assert len(find_all(normalised, "المدرسه", fold_teh_marbuta=True)) == 2


def test_a_harakah_after_the_last_letter_belongs_to_the_match() -> None:
    text = "في العِلْمِ نورٌ"
    assert matched(text, "العل") == ["العِلْ"]  # the sukun sits on the lam
    assert matched(text, "العلم") == ["العِلْمِ"]


@pytest.mark.parametrize("query", ["", " ", "\n\t", "\u064e\u064f", "\u200c\u0640", "ﱞ"])
def test_empty_or_ignorable_queries_match_nothing(query: str) -> None:
    assert find_all("العِلْمُ نُورٌ  والجهل ظلام", query) == []


def test_matches_do_not_overlap_and_come_in_order() -> None:
    assert find_all("aaaa", "aa") == [(0, 2), (2, 4)]


def test_a_query_starting_with_a_space_matches_a_whitespace_run_once() -> None:
    text = "ب   ن ب\n\u200c ن"
    assert find_all(text, " ن") == [(1, 5), (7, 11)]
    assert find_all(text, "ب ") == [(0, 2), (6, 8)]


PLAIN = (
    list("ابتعلمنوي")
    + list("أإآىة")
    + ["\u064e", "\u064f", "\u0651", "\u0652", "\u0640"]
    + list("١2۲")
    + list("Aa")
    + ["\u200c", "\u200f", "\ufeff"]
    + [" ", " ", " ", "\n", "\u00a0"]
    + ["ﻋ", "ﻢ", "ﱞ"]
)
LIGATURES = ["ﻻ", "ﷲ"]
TEXTS = st.text(alphabet=st.sampled_from(PLAIN + LIGATURES), min_size=1, max_size=60)
NO_LIGATURES = st.text(alphabet=st.sampled_from(PLAIN), min_size=1, max_size=60)


@st.composite
def text_and_query(draw: st.DrawFn, texts: st.SearchStrategy[str] = TEXTS) -> tuple[str, str]:
    """A text and a query taken from it, often re-spelled (other harakat, alef forms...)."""
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 12)))
    query = text[start:end]
    if draw(st.booleans()):
        query = draw(st.sampled_from([fold(query), query.replace("أ", "ا"), query + "\u064e"]))
    return text, query


@settings(max_examples=400, deadline=None)
@given(text_and_query())
def test_every_match_folds_to_the_query_and_a_taken_query_is_found(
    case: tuple[str, str],
) -> None:
    text, query = case
    folded_query = fold(query)
    matches = find_all(text, query)
    for start, end in matches:
        assert fold(text[start:end]) == folded_query
        assert ord(text[start]) not in fold_table().deletable
        assert end == len(text) or ord(text[end]) not in fold_table().attached
    assert [start for start, _ in matches] == sorted({start for start, _ in matches})
    if folded_query.strip():
        assert matches  # the query was taken from the text, so it is there


@settings(max_examples=200, deadline=None)
@given(text_and_query(NO_LIGATURES), st.booleans())
def test_both_strategies_agree(case: tuple[str, str], teh: bool) -> None:
    text, query = case
    by_pattern = find_in_original(NormalisedText(text, fold_teh_marbuta=teh), query)
    by_folding = find_in_folded(NormalisedText(text, fold_teh_marbuta=teh, chunk_size=3), query)
    assert by_pattern == by_folding


def test_the_pattern_strategy_refuses_texts_with_ligatures() -> None:
    with pytest.raises(ValueError):
        find_in_original(NormalisedText("ﻻ"), "لا")


def test_a_query_that_only_the_ligature_splits_is_not_matched() -> None:
    assert find_all("ﻻ", "ل") == []
    assert find_all("ﻻ ل", "ل") == [(2, 3)]


def test_astral_characters_fold_too() -> None:
    text = "\U00010400\U000e0041x"  # Deseret capital long I, a tag character
    assert find_all(text, "\U00010428x") == [(0, 3)]
