"""The article's content key and word count, computed without a string per word.

Stores hold keys made as ``sha256(" ".join(nfc(text).split()))``: a different key would cut an
article off from its notes, so the streamed computation is checked against that formula.
"""

from __future__ import annotations

import hashlib
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core import article as article_module
from hamish.core.article import content_key, word_count

WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u2028\u2029\u202f\u3000"
SAMPLE = "عنوان\n\nالعِلْمُ نُورٌ  والجهل\tظلام.\r\n\u2028Second  line\xa0with NBSP\x1c and \u3000 x. "


def key_as_stores_have_it(text: str) -> str:
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:32]


def test_a_known_text_keeps_the_key_it_has_in_existing_stores() -> None:
    assert content_key(SAMPLE) == "ff44980f4e022ab1f5b28a982b68c466"
    assert word_count(SAMPLE) == 11


texts = st.text(
    st.one_of(st.sampled_from(WHITESPACE), st.sampled_from("ab\u0628\u064e\u05d0e\u0301\u00e9")),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(1, 9))
def test_key_and_count_equal_the_split_formula_whatever_the_slices(text: str, slice_chars: int):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(article_module, "_SLICE_CHARS", slice_chars)
        assert content_key(text) == key_as_stores_have_it(text)
        assert word_count(text) == len(text.split())


def test_a_long_text_is_cut_into_slices_with_the_same_key() -> None:
    text = ("word \u0628\u064e  \n\n" * 40_000) + "end"
    assert len(text) > 4 * article_module._SLICE_CHARS
    assert content_key(text) == key_as_stores_have_it(text)
    assert word_count(text) == len(text.split())
