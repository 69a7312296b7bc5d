"""The generated Bidi_Mirroring_Glyph / Bidi_Paired_Bracket tables agree with ICU.

``src/hamish/core/bidi/_tables.py`` is generated once by ``tools/gen_bidi_tables.py``; this
re-derives both properties from ICU for every character that Python's ``unicodedata`` (the
source of hamish's bidi classes) knows, so a stale or hand-edited table fails here.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import icu

from hamish.core.bidi import _tables, mirror_glyph
from hamish.core.bidi.brackets import BRACKETS


def assigned_characters() -> list[str]:
    return [
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF and unicodedata.category(chr(code)) != "Cn"
    ]


def test_mirror_glyphs_match_icu() -> None:
    mismatches = [
        (f"U+{ord(char):04X}", mirror_glyph(char), chr(icu.Char.charMirror(ord(char))))
        for char in assigned_characters()
        if mirror_glyph(char) != chr(icu.Char.charMirror(ord(char)))
    ]
    assert mismatches == []


def test_paired_brackets_match_icu() -> None:
    opening, closing = icu.UBidiPairedBracketType.OPEN, icu.UBidiPairedBracketType.CLOSE
    expected: dict[str, tuple[bool, str]] = {}
    for char in assigned_characters():
        kind = icu.Char.getIntPropertyValue(ord(char), icu.UProperty.BIDI_PAIRED_BRACKET_TYPE)
        if kind not in (opening, closing):
            continue
        paired = chr(icu.Char.getBidiPairedBracket(ord(char)))
        opener = char if kind == opening else paired
        expected[char] = (kind == opening, unicodedata.normalize("NFD", opener))
    ours = {char: value for char, value in BRACKETS.items() if unicodedata.category(char) != "Cn"}
    assert ours == expected


def test_angle_brackets_pair_with_their_canonical_equivalents() -> None:
    """BD16: U+2329/U+232A are canonically U+3008/U+3009, so all four share one identity."""
    identities = {BRACKETS[char][1] for char in "\u2329\u232a\u3008\u3009"}
    assert identities == {"\u3008"}
    assert BRACKETS["\u2329"][0] and BRACKETS["\u3008"][0]
    assert not BRACKETS["\u232a"][0] and not BRACKETS["\u3009"][0]


def test_generated_module_names_its_source() -> None:
    assert _tables.ICU_VERSION and _tables.UNICODE_VERSION
    assert _tables.__doc__ is not None and "GENERATED" in _tables.__doc__


def test_runtime_does_not_import_icu() -> None:
    """ICU is a test-only dependency: the reader must resolve bidi text without it."""
    script = (
        "import sys\n"
        "from hamish.core.bidi import resolve_paragraph, mirror_glyph\n"
        "resolve_paragraph('a (\\u0628) 12'); mirror_glyph('(')\n"
        "print('icu' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
