"""The folding rules: what two spellings of the same passage have in common.

Readers type "العلم نور" and expect to find "العِلْمُ نُورٌ", "الـعـلم" or a heading pasted as
presentation forms. Every code point folds to zero, one or (rarely) several code points:

* removed: harakat (U+064B-U+065F, U+0670, U+0610-U+061A, U+06D6-U+06ED), tatweel and the
  Unicode default-ignorables (ZWNJ/ZWJ, bidi controls, soft hyphen, U+FEFF, ...);
* one for one: أ إ آ ٱ -> ا, ى -> ي, Persian ی -> ي and ک -> ك (the same letters from another
  keyboard), optionally ة -> ه, Arabic-Indic and Persian digits -> ASCII, every whitespace
  character -> " ", and lower case (a character whose ``lower()`` is longer, like İ, folds to the
  lower case of its base letter so the fold stays one for one);
* Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) -> NFKC, then folded again; most
  become one letter, ligatures such as ﻻ or ﷲ become several ("expanding" characters).

Runs of whitespace then collapse to one space. The rules live in one table per option so that the
translate-based fold, the regular expressions that search the original text, and the map back
to the original all agree by construction.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

CodeRange = tuple[int, int]

HARAKAT: tuple[CodeRange, ...] = (
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06ED),
)
TATWEEL = 0x0640
DEFAULT_IGNORABLES: tuple[CodeRange, ...] = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
"""Default_Ignorable_Code_Point from the Unicode Character Database (DerivedCoreProperties)."""
PRESENTATION_FORMS: tuple[CodeRange, ...] = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
DIGIT_BLOCKS = (0x0660, 0x06F0)
"""First code points of the Arabic-Indic and the Persian (extended Arabic-Indic) digits."""
ONE_FOR_ONE = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك"}
TEH_MARBUTA = ("ة", "ه")

_CASED_BLOCKS: tuple[CodeRange, ...] = ((0x0000, 0xD7FF), (0xE000, 0xFFFF), (0x10000, 0x1FFFF))
"""Where characters with a lower case live (no plane above 1 has any; a test checks)."""
_WHITESPACE_BLOCKS: tuple[CodeRange, ...] = (
    (0x0000, 0x00FF),
    (0x1680, 0x1680),
    (0x2000, 0x205F),
    (0x3000, 0x3000),
)
"""Where ``str.isspace`` characters live (a test checks there are no others)."""


def code_points(ranges: Iterable[CodeRange]) -> Iterator[int]:
    for first, last in ranges:
        yield from range(first, last + 1)


@dataclass(frozen=True)
class FoldTable:
    """One option's rules in every shape the fast paths need.

    ``mapping`` holds only the code points that change: the empty string deletes, one code point
    replaces, more expand. ``preimages`` inverts the one-for-one part: for each folded character
    the other characters that fold to it, which is what a search pattern over the original text
    must accept in its place.
    """

    fold_teh_marbuta: bool
    mapping: dict[int, str]
    translate_table: dict[int, str | None]
    bmp_table: list[int | str | None]
    """``str.translate`` table indexed by code point below U+10000: a list lookup is faster than a
    dict miss, and characters above it raise ``IndexError`` and stay as they are, so it is only
    correct for texts without astral characters."""
    deletable: frozenset[int]
    attached: frozenset[int]
    """Deletable combining marks: they belong to the character before them, so a match that ends
    on a letter also takes the harakat written on it."""
    whitespace: frozenset[int]
    expanding: frozenset[int]
    preimages: dict[str, tuple[str, ...]]

    def fold(self, text: str) -> str:
        return collapse_spaces(text.translate(self.translate_table))


def collapse_spaces(text: str) -> str:
    """Every run of spaces as one space (``str.replace`` runs at C speed on long texts)."""
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _lower_case_map() -> dict[int, str]:
    """Code point -> its one-code-point lower case, for every character that has one.

    Lower-cases whole blocks with one ``str.lower`` call each instead of a call per character:
    it keeps building the table cheap enough to happen on the first search.
    """
    lowered: dict[int, str] = {}
    for first, last in _CASED_BLOCKS:
        for start in range(first, last + 1, 256):
            block = "".join(map(chr, range(start, min(start + 256, last + 1))))
            lower = block.lower()
            if lower == block:
                continue
            if len(lower) == len(block):
                pairs: Iterable[tuple[str, str]] = zip(block, lower, strict=True)
            else:
                pairs = ((char, char.lower()) for char in block)
            for char, low in pairs:
                if low != char:
                    lowered[ord(char)] = _one_code_point_lower(char, low)
    return lowered


def _one_code_point_lower(char: str, lower: str) -> str:
    if len(lower) == 1:
        return lower
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def _base_mapping(fold_teh_marbuta: bool) -> dict[int, str]:
    mapping = _lower_case_map()
    mapping.update((c, " ") for c in code_points(_WHITESPACE_BLOCKS) if chr(c).isspace())
    mapping.update((ord(source), target) for source, target in ONE_FOR_ONE.items())
    if fold_teh_marbuta:
        mapping[ord(TEH_MARBUTA[0])] = TEH_MARBUTA[1]
    for block in DIGIT_BLOCKS:
        mapping.update((block + digit, str(digit)) for digit in range(10))
    deleted = (*HARAKAT, (TATWEEL, TATWEEL), *DEFAULT_IGNORABLES)
    mapping.update((code_point, "") for code_point in code_points(deleted))
    return mapping


def _add_presentation_forms(mapping: dict[int, str]) -> None:
    """Presentation forms fold as their NFKC decomposition folds.

    A form whose fold is only marks or spaces (the isolated harakat U+FE70-U+FE7F are NFKC
    " ً") folds to nothing: it is a mark drawn on its own, not a word boundary.
    """
    table = {code_point: target or None for code_point, target in mapping.items()}
    for code_point in code_points(PRESENTATION_FORMS):
        char = chr(code_point)
        if code_point in mapping or unicodedata.normalize("NFKC", char) == char:
            continue
        folded = collapse_spaces(unicodedata.normalize("NFKC", char).translate(table)).strip()
        mapping[code_point] = folded


def _build(fold_teh_marbuta: bool) -> FoldTable:
    mapping = _base_mapping(fold_teh_marbuta)
    _add_presentation_forms(mapping)
    mapping = {
        code_point: target for code_point, target in mapping.items() if target != chr(code_point)
    }
    bmp_table: list[int | str | None] = list(range(0x10000))
    for code_point, target in mapping.items():
        if code_point < 0x10000:
            bmp_table[code_point] = (
                None if not target else ord(target) if len(target) == 1 else target
            )
    preimages: defaultdict[str, list[str]] = defaultdict(list)
    for code_point, target in sorted(mapping.items()):
        if len(target) == 1 and target != " ":
            preimages[target].append(chr(code_point))
    deletable = frozenset(code_point for code_point, target in mapping.items() if not target)
    return FoldTable(
        fold_teh_marbuta=fold_teh_marbuta,
        mapping=mapping,
        translate_table={code_point: target or None for code_point, target in mapping.items()},
        bmp_table=bmp_table,
        deletable=deletable,
        attached=frozenset(c for c in deletable if unicodedata.category(chr(c)) in {"Mn", "Me"}),
        whitespace=frozenset(c for c, target in mapping.items() if target == " ") | {0x20},
        expanding=frozenset(
            code_point for code_point, target in mapping.items() if len(target) > 1
        ),
        preimages={target: tuple(sources) for target, sources in preimages.items()},
    )


@lru_cache(maxsize=2)
def fold_table(fold_teh_marbuta: bool = False) -> FoldTable:
    """The rules for one option, built on first use (a few tens of milliseconds) and kept."""
    return _build(fold_teh_marbuta)


def fold(text: str, *, fold_teh_marbuta: bool = False) -> str:
    """``text`` as search compares it: see the module docstring for the rules."""
    return fold_table(fold_teh_marbuta).fold(text)
