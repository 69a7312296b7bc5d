"""The folding rules, one by one, and the properties the search relies on."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.search.folding import (
    _CASED_BLOCKS,
    _WHITESPACE_BLOCKS,
    CodeRange,
    fold,
    fold_table,
)


def in_ranges(code_point: int, ranges: tuple[CodeRange, ...]) -> bool:
    return any(first <= code_point <= last for first, last in ranges)


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("العِلْمُ", "العلم"),  # fatha-kasra-sukun-damma (U+064B-U+065F)
        ("نُورٌ", "نور"),  # dammatan
        ("رَحْمٰن", "رحمن"),  # superscript alef U+0670
        ("صلى\u0610", "صلي"),  # U+0610-U+061A: honorific signs
        ("قرآن\u06d6", "قران"),  # U+06D6-U+06ED: Quranic annotation marks
        ("ال\u0654", "ال"),  # hamza above written as a combining mark
    ],
)
def test_harakat_are_removed(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_tatweel_is_removed() -> None:
    assert fold("الـعـــلم") == "العلم"


@pytest.mark.parametrize("alef", ["أ", "إ", "آ", "ٱ", "ا"])
def test_alef_forms_fold_to_bare_alef(alef: str) -> None:
    assert fold(f"{alef}حمد") == "احمد"


def test_alef_maksura_folds_to_yeh() -> None:
    assert fold("على مستوى") == "علي مستوي"


def test_persian_yeh_and_keheh_fold_to_arabic_letters() -> None:
    assert fold("کتابی") == fold("كتابي") == "كتابي"


def test_teh_marbuta_folds_only_when_asked() -> None:
    assert fold("مدرسة") == "مدرسة"
    assert fold("مدرسة", fold_teh_marbuta=True) == "مدرسه"


def test_arabic_indic_and_persian_digits_fold_to_ascii() -> None:
    assert fold("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert fold("۰۱۲۳۴۵۶۷۸۹") == "0123456789"


@pytest.mark.parametrize(
    "ignorable",
    list("\u200c\u200d\u200e\u200f\u202b\u202c\u2067\u2069\u061c\u00ad\ufeff\u200b"),
)
def test_default_ignorables_are_removed(ignorable: str) -> None:
    assert fold(f"می{ignorable}خواهم") == "ميخواهم"


def test_latin_is_lower_cased() -> None:
    assert fold("Hello WORLD") == "hello world"


def test_characters_with_a_longer_lower_case_still_fold_one_for_one() -> None:
    assert "İ".lower() != "i"  # two code points: i + combining dot
    assert fold("İstanbul") == "istanbul"
    for code_point, target in fold_table().mapping.items():
        if unicodedata.category(chr(code_point)) in {"Lu", "Lt"}:
            assert len(target) == 1, hex(code_point)


@pytest.mark.parametrize(
    ("shaped", "plain"),
    [
        ("ﻋﻠﻢ", "علم"),  # initial, medial, final forms
        ("ﺍﻟﻌﻠﻢ ﻧﻮﺭ", "العلم نور"),
        ("ﻻ", "لا"),  # lam-alef ligature: one character, two letters
        ("ﻷ", "لا"),  # lam-alef with hamza: the hamza folds away too
        ("ﷲ", "الله"),
        ("ﱞ", ""),  # shadda with dammatan, isolated: a mark, not a word boundary
        ("\ufe70", ""),  # isolated fathatan
    ],
)
def test_presentation_forms_fold_to_their_letters(shaped: str, plain: str) -> None:
    assert fold(shaped) == plain


@pytest.mark.parametrize(
    "whitespace", [" ", "\n", "\t", "\r\n", "\u00a0", "\u2003", "\n\n \t", "\u3000"]
)
def test_whitespace_runs_fold_to_one_space(whitespace: str) -> None:
    assert fold(f"a{whitespace}b") == "a b"


def test_whitespace_with_ignorables_inside_is_still_one_run() -> None:
    assert fold("a \u200f\n\u064e b") == "a b"


def test_other_characters_are_kept() -> None:
    text = "ء ؤ ئ ه، ؛ ؟ «» — שלום 123 !"
    assert fold(text) == text


TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(" \n\t\u00a0\u200c\u200fAaİZß"),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert fold(once, fold_teh_marbuta=True) == fold(text, fold_teh_marbuta=True)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_fold_is_local_up_to_whitespace_runs(first: str, second: str) -> None:
    """What search relies on: folding a concatenation is concatenating the folds, except that a
    space ending one and a space starting the other become one."""
    left, right = fold(first), fold(second)
    if left.endswith(" ") and right.startswith(" "):
        right = right[1:]
    assert fold(first + second) == left + right


def test_no_folded_character_is_deleted_or_changed_again() -> None:
    table = fold_table()
    for target in table.mapping.values():
        for char in target:
            assert table.mapping.get(ord(char), char) == char


def test_expanding_characters_are_only_presentation_forms() -> None:
    table = fold_table()
    assert table.expanding
    for code_point in table.expanding:
        assert in_ranges(code_point, ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF)))
        target = table.mapping[code_point]
        assert not target.startswith(" ") and not target.endswith(" ")


def test_whitespace_and_cased_blocks_cover_every_such_character() -> None:
    """The table builder scans only these blocks; this Python's Unicode must agree."""
    for code_point in range(sys.maxunicode + 1):
        if 0xD800 <= code_point <= 0xDFFF:
            continue
        char = chr(code_point)
        if char.isspace():
            assert in_ranges(code_point, _WHITESPACE_BLOCKS), hex(code_point)
        if char.lower() != char:
            assert in_ranges(code_point, _CASED_BLOCKS), hex(code_point)
