"""Export file names from hostile titles: never escaping the directory, never refused."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.export.filenames import safe_file_name, unique_file_name

RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Syria and Israel", "Syria and Israel.md"),
        ("بوادر تقارب تاريخي بين سوريا وإسرائيل", "بوادر تقارب تاريخي بين سوريا وإسرائيل.md"),
        ("نامه\u200cها", "نامه\u200cها.md"),  # ZWNJ spells Persian; it stays
        ("../../etc/passwd", "_.._etc_passwd.md"),
        ("..", "untitled.md"),
        ("...hidden", "hidden.md"),
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j.md"),
        ("line\nbreak\ttab", "line break tab.md"),
        ("bell\x07 esc\x1b del\x7f", "bell esc del.md"),
        ("cod.exe\u202etxt", "cod.exetxt.md"),  # a right-to-left override would hide ".exe"
        ("CON", "_CON.md"),
        ("con.tar", "_con.tar.md"),
        ("lpt9 ", "_lpt9.md"),
        ("COM10", "COM10.md"),
        ("trailing dots...", "trailing dots.md"),
        ("", "untitled.md"),
        ("\x00\x01", "untitled.md"),
        ("  spaced   out  ", "spaced out.md"),
        # Invisible characters would make two names no one can tell apart (issue 10, item 15).
        ("a\u200bb", "ab.md"),
        ("x\ufeffy\u2060z\u00ad\u180e", "xyz.md"),
        ("a\u200cb", "ab.md"),  # a joiner between Latin letters does nothing visible
        ("نامه\u200c", "نامه.md"),  # nor at the end
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧.md"),  # an emoji sequence keeps its joiners
        ("❤\ufe0f", "❤.md"),
        ("عدد \u0600١٢", "عدد \u0600١٢.md"),  # the Arabic number sign is drawn
    ],
)
def test_hostile_titles(title: str, expected: str) -> None:
    assert safe_file_name(title) == expected


def test_long_titles_are_cut_by_bytes_not_inside_a_letter() -> None:
    vocalised = "عَلَّمَ " * 100  # two-byte letters, each followed by marks
    name = safe_file_name(vocalised, max_bytes=60)
    assert len(name.encode("utf-8")) <= 60
    stem = name.removesuffix(".md")
    assert unicodedata.category(stem[-1])[0] == "M"  # ends with a whole letter and its marks
    assert vocalised.startswith(stem)
    assert not stem.endswith(" ")


def test_cutting_between_a_letter_and_its_mark_drops_the_letter() -> None:
    # 3 + 2 (ع) = 5 bytes; the fatha after it would make 7, so "ع" goes with its mark.
    assert safe_file_name("abcعَ", ".md", max_bytes=8) == "abc.md"


def test_json_extension_and_bad_extensions() -> None:
    assert safe_file_name("Notes", ".json") == "Notes.json"
    with pytest.raises(ValueError, match="extension"):
        safe_file_name("Notes", "/../x")


PIECES = [
    *'/\\:*?"<>|. \n\t\x00\x1b\u202e\u2066\u0651\u200b\u200c\u200d\ufeff',
    "..",
    "CON",
    "lpt1",
    "نور",
]
hostile = st.lists(st.one_of(st.characters(), st.sampled_from(PIECES)), max_size=200).map("".join)


@settings(deadline=None, max_examples=300)
@given(hostile, st.sampled_from([".md", ".json"]))
def test_any_title_gives_a_name_that_stays_in_its_directory(title: str, extension: str) -> None:
    name = safe_file_name(title, extension)
    assert name == safe_file_name(title, extension)
    assert name.endswith(extension)
    assert len(name.encode("utf-8")) <= 200
    assert not set(name) & set('/\\:*?"<>|')
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in name)
    assert not any(c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for c in name)
    for index, char in enumerate(name):  # format characters only as joiners between letters
        if unicodedata.category(char) == "Cf" and char in "\u200c\u200d":
            assert (
                index > 0
                and not name[index - 1].isascii()
                and name[index - 1] not in "\u200c\u200d"
            )
        elif unicodedata.category(char) == "Cf":
            assert char in "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"
    assert not name.startswith((".", " "))
    stem = name.removesuffix(extension)
    assert stem and not stem.endswith((".", " "))
    assert stem.split(".")[0].upper() not in RESERVED
    assert Path(name).name == name and os.path.basename(name) == name


def test_unique_names_count_up_and_ignore_case() -> None:
    assert unique_file_name("Notes.md", []) == "Notes.md"
    assert unique_file_name("Notes.md", ["notes.MD"]) == "Notes (2).md"
    assert unique_file_name("Notes.md", ["Notes.md", "Notes (2).md"]) == "Notes (3).md"


def test_unique_names_see_through_invisible_characters() -> None:
    assert unique_file_name("ab.md", ["a\u200bb.md"]) == "ab (2).md"


def test_unique_names_treat_decomposed_and_composed_letters_as_one() -> None:
    composed = unicodedata.normalize("NFC", "é.md")
    decomposed = unicodedata.normalize("NFD", "é.md")
    assert unique_file_name(composed, [decomposed]) == unicodedata.normalize("NFC", "é (2).md")
