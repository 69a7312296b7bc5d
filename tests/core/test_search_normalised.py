"""The map from folded positions back to the original text, at every chunk size."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.search.folding import fold, fold_table
from hamish.core.search.normalised import NormalisedText, normalise, text_features

ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
    + list("أإآٱىةء")
    + ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0670", "\u0640"]
    + list("٠١٩۴۵0")
    + list("AbİZ")
    + ["\u200c", "\u200d", "\u200f", "\u202b", "\ufeff", "\u00ad"]
    + [" ", " ", " ", "\n", "\t", "\u00a0"]
    + ["ﻋ", "ﻠ", "ﻢ", "ﻻ", "ﷲ", "ﱞ", "ﷺ", "\U00010400", "\U000e0041"]
)
TEXTS = st.text(alphabet=ALPHABET, max_size=80)
CHUNK_SIZES = st.sampled_from([1, 2, 3, 7, 4096])


@settings(max_examples=300, deadline=None)
@given(TEXTS, CHUNK_SIZES, st.booleans())
def test_folded_text_is_the_fold_of_the_text_at_any_chunk_size(
    text: str, chunk_size: int, teh: bool
) -> None:
    normalised = NormalisedText(text, fold_teh_marbuta=teh, chunk_size=chunk_size)
    assert normalised.folded == fold(text, fold_teh_marbuta=teh)


@settings(max_examples=300, deadline=None)
@given(TEXTS, CHUNK_SIZES)
def test_each_folded_character_comes_from_its_origin(text: str, chunk_size: int) -> None:
    normalised = NormalisedText(text, chunk_size=chunk_size)
    mapping = fold_table().mapping
    origins = [normalised.origin(index) for index in range(len(normalised.folded))]
    assert origins == sorted(origins)
    for index, origin in enumerate(origins):
        char = text[origin]
        assert normalised.folded[index] in mapping.get(ord(char), char)
        if index == 0 or origins[index - 1] != origin:  # first output of its character
            assert normalised.folded_position(origin) == index


@settings(max_examples=300, deadline=None)
@given(TEXTS, CHUNK_SIZES, st.data())
def test_original_range_folds_back_to_the_folded_slice(
    text: str, chunk_size: int, data: st.DataObject
) -> None:
    normalised = NormalisedText(text, chunk_size=chunk_size)
    folded = normalised.folded
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    end = data.draw(st.integers(start + 1, len(folded)))
    original = normalised.original_range(start, end)
    if original is None:  # only when the slice cuts a ligature
        cut_start = start > 0 and normalised.origin(start - 1) == normalised.origin(start)
        cut_end = end < len(folded) and normalised.origin(end) == normalised.origin(end - 1)
        assert cut_start or cut_end
        return
    first, last = original
    assert fold(text[first:last]) == folded[start:end]
    assert ord(text[first]) not in fold_table().deletable  # starts on a character of its own
    assert last == len(text) or ord(text[last]) not in fold_table().attached


def test_trailing_harakat_belong_to_the_range_and_leading_ones_do_not() -> None:
    text = "\u064eعِلْمٌ\u200c"
    normalised = NormalisedText(text)
    assert normalised.folded == "علم"
    assert normalised.original_range(0, 3) == (1, 7)  # not the ZWNJ after the marks


def test_a_whitespace_run_maps_to_its_first_character() -> None:
    text = "a \n\t b"
    normalised = NormalisedText(text, chunk_size=2)
    assert normalised.folded == "a b"
    assert normalised.origin(1) == 1
    assert normalised.original_range(0, 2) == (0, 2)
    assert normalised.original_range(1, 3) == (1, 6)


def test_a_ligature_is_matched_whole_or_not_at_all() -> None:
    text = "اﻻب"
    normalised = NormalisedText(text)
    assert normalised.folded == "الاب"
    assert normalised.original_range(1, 3) == (1, 2)
    assert normalised.original_range(0, 2) is None
    assert normalised.original_range(2, 4) is None


def test_folded_position_of_a_deleted_character_is_the_next_folded_one() -> None:
    normalised = NormalisedText("بَـت")
    assert normalised.folded == "بت"
    assert [normalised.folded_position(index) for index in range(5)] == [0, 1, 1, 1, 2]


def test_invalid_ranges_are_refused() -> None:
    normalised = NormalisedText("abc")
    with pytest.raises(ValueError):
        normalised.original_range(2, 2)
    with pytest.raises(IndexError):
        normalised.origin(3)


def test_shared_instances_and_eager_normalise() -> None:
    text = "العلم نور " * 3
    assert NormalisedText.of(text) is NormalisedText.of(text)
    assert NormalisedText.of(text) is not NormalisedText.of(text, fold_teh_marbuta=True)
    assert normalise(text).is_folded


def test_text_features() -> None:
    assert text_features("العلم نور") == text_features("")
    assert not text_features("العلم نور").has_presentation_forms
    assert text_features("ﻋﻠﻢ").has_presentation_forms
    assert not text_features("ﻋﻠﻢ").has_expanding
    assert text_features("ﻻ").has_expanding
    assert text_features("\U0001f600").has_astral
    assert not text_features("\ufe00\ufb1d").has_presentation_forms  # same high bytes, not Arabic
