"""UAX #9 rule by rule, with expectations worked out by hand (or taken from the UAX #9 text and
BidiCharacterTest.txt, as noted). Hebrew letters are R, Arabic letters AL, Latin letters L."""

from __future__ import annotations

import pytest

from hamish.core.bidi import BidiParagraph, mirror_glyph, resolve_paragraph, visual_order

ALEF, BET, GIMEL, DALET = "\u05d0\u05d1\u05d2\u05d3"  # Hebrew, R
BEH, JEEM = "\u0628\u062c"  # Arabic, AL
LRE, RLE, PDF, LRO, RLO = "\u202a\u202b\u202c\u202d\u202e"
LRI, RLI, FSI, PDI = "\u2066\u2067\u2068\u2069"


def levels(text: str, base_level: int | None = None) -> tuple[int, ...]:
    return resolve_paragraph(text, base_level).levels


# --- P2/P3: paragraph level ------------------------------------------------------------


def test_paragraph_level_comes_from_the_first_strong_character() -> None:
    assert resolve_paragraph("12 " + BEH + " a").base_level == 1
    assert resolve_paragraph("12 a " + ALEF).base_level == 0
    assert resolve_paragraph("12 !").base_level == 0  # no strong character: LTR
    assert resolve_paragraph("a", base_level=1).base_level == 1  # forced


def test_paragraph_level_skips_isolates() -> None:
    assert resolve_paragraph(RLI + BEH + PDI + " a").base_level == 0
    assert resolve_paragraph(LRI + "a" + " " + ALEF).base_level == 0  # unmatched: to the end


# --- W rules: numbers and separators -----------------------------------------------------


def test_european_digits_after_arabic_letters_are_arabic_numbers_w2() -> None:
    # AL EN EN -> AL AN AN: in an LTR paragraph the number is at level 2, the letter at 1.
    assert levels(BEH + "12", 0) == (1, 2, 2)
    # Visually the digits stay left-to-right, to the left of the letter.
    assert visual_order([1, 2, 2]) == [1, 2, 0]


def test_w2_makes_es_between_digits_neutral_after_arabic_but_not_after_hebrew() -> None:
    # After AL: 1+2 is AN ES AN; W4 joins ES only between EN, so + is neutral between two
    # numbers (R for N1) and stays at the paragraph's level 1.
    assert levels(BEH + " 1+2") == (1, 1, 2, 1, 2)
    # After R the digits stay EN, W4 joins them into one number at level 2.
    assert levels(ALEF + " 1+2") == (1, 1, 2, 2, 2)
    # In Latin context W7 turns the whole number into L.
    assert levels("a 1+2") == (0, 0, 0, 0, 0)


def test_common_separator_joins_numbers_of_one_type_w4() -> None:
    assert levels(ALEF + " 1.5") == (1, 1, 2, 2, 2)
    assert levels(BEH + " 1,5") == (1, 1, 2, 2, 2)  # AN CS AN
    # Not a single separator between two numbers: neutral, R between R and a number.
    assert levels(ALEF + " 1. 5") == (1, 1, 2, 1, 1, 2)


def test_terminators_next_to_european_numbers_join_them_w5() -> None:
    assert levels(ALEF + " $12") == (1, 1, 2, 2, 2)
    assert levels(ALEF + " 12%") == (1, 1, 2, 2, 2)
    assert levels(ALEF + " $ 1") == (1, 1, 1, 1, 2)  # not adjacent: neutral
    # W2 runs first: after AL the digits are AN, which ET does not join.
    assert levels(BEH + " $12") == (1, 1, 1, 2, 2)


def test_nonspacing_marks_take_the_class_before_them_w1() -> None:
    fatha = "\u064e"
    assert levels("a" + BEH + fatha + "b", 0) == (0, 1, 1, 0)
    assert levels(fatha + "a", 1) == (1, 2)  # at sos (R) the mark is R
    assert levels(RLI + fatha + PDI + "a", 0) == (0, 1, 0, 0)  # first in the isolate: sos R


# --- N0: bracket pairs -------------------------------------------------------------------


def test_bracket_example_from_uax9() -> None:
    # UAX #9 N0 example "AB(CD[&ef]!)gh" in an RTL paragraph (uppercase = R).
    text = ALEF + BET + "(" + GIMEL + DALET + "[&ef]!)gh"
    assert levels(text, 1) == (1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 2, 2)


def test_brackets_around_opposite_text_follow_the_context_n0c() -> None:
    # RTL paragraph, L inside and L before: the brackets become L (c1).
    assert levels("a(b)", 1) == (2, 2, 2, 2)
    # R before instead: they take the embedding direction (c2).
    assert levels(ALEF + "(b)", 1) == (1, 1, 2, 1)
    # Nothing strong inside: N0 leaves them to N1/N2.
    assert levels("a(!)" + ALEF, 1) == (2, 1, 1, 1, 1)


def test_marks_after_a_resolved_bracket_follow_it() -> None:
    # BidiCharacterTest.txt, "Nonspacing marks applied to paired brackets" (ICU 77 gives the
    # final mark of the first two lines the other direction; see test_bidi_icu.py).
    assert levels("a(b)\u0331", 1) == (2, 2, 2, 2, 2)
    assert levels(ALEF + "(" + BET + ")\u0331", 0) == (1, 1, 1, 1, 1)
    assert levels("\u0661(\u0662)\u0331", 0) == (2, 1, 2, 1, 1)


def test_angle_brackets_pair_with_canonical_equivalents() -> None:
    # BidiCharacterTest.txt: U+2329 pairs with U+3009 (c1 makes both L, so all is level 2);
    # unpaired, the final bracket would sit between L and eos R at level 1.
    assert levels("a \u2329b.1\u3009", 1) == (2, 2, 2, 2, 2, 2, 2)
    assert levels(ALEF + " \u3008" + BET + ".1\u232a", 0) == (1, 1, 1, 1, 1, 2, 1)


def test_bracket_stack_holds_63_openers() -> None:
    # 63 nested pairs resolve by c1 (L before, L inside): the closers are L at level 2.
    nested = levels("a" + "(" * 63 + "b" + ")" * 63, 1)
    assert set(nested[65:]) == {2}
    # The 64th opener overflows BD16: no pair at all, the closers sit between L and eos R.
    overflowing = levels("a" + "(" * 64 + "b" + ")" * 64, 1)
    assert set(overflowing[66:]) == {1}
    assert set(overflowing[:66]) == {2}


# --- X rules: isolates, embeddings, overflow ---------------------------------------------


def test_isolate_content_does_not_affect_the_outside() -> None:
    text = "a " + RLI + BEH + " " + JEEM + PDI + " b"
    assert levels(text, 0) == (0, 0, 0, 1, 1, 1, 0, 0, 0)


def test_first_strong_isolate_takes_its_direction_from_its_content() -> None:
    assert levels(FSI + BEH + " a" + PDI, 0) == (0, 1, 1, 2, 0)
    assert levels(FSI + "a " + BEH + PDI, 1) == (1, 2, 2, 3, 1)


def test_unmatched_pdi_is_a_plain_neutral() -> None:
    assert levels("a" + PDI + "b", 1) == (2, 2, 2)


def test_override_makes_everything_strong() -> None:
    # RLO: 'ab' become R at level 1; the PDF and RLO take their neighbour's level.
    assert levels("x" + RLO + "ab" + PDF + "y", 0) == (0, 0, 1, 1, 1, 0)


def test_pdi_takes_the_override_around_it_x6a() -> None:
    # x and y sit at level 2; between them, inside RLO at level 1, an unmatched PDI. X6a makes
    # it R (level 1); were it neutral, N1 would make it L (level 2) between two L sos/eos.
    # (ICU 77 leaves such a PDI neutral; see test_bidi_icu.py.)
    paragraph = resolve_paragraph(LRE + "x" + PDF + RLO + PDI + LRE + "y" + PDF + PDF, 0)
    assert (paragraph.levels[1], paragraph.levels[4], paragraph.levels[6]) == (2, 1, 2)


def test_embeddings_stop_at_max_depth_125() -> None:
    # 63 RLEs reach level 125; the 64th overflows and is ignored: L there is 126.
    assert levels(RLE * 64 + "x", 0)[-1] == 126
    # LREs: 62 valid (2..124), the 63rd overflows. Its PDF only cancels the overflow.
    assert levels(LRE * 63 + PDF + "x", 0)[-1] == 124
    assert levels(LRE * 62 + PDF + "x", 0)[-1] == 122
    # Isolates overflow too: the PDI of an overflowed LRI pops nothing.
    assert levels(LRI * 63 + "x" + PDI + "y", 0)[-2:] == (124, 124)


def test_characters_removed_by_x9_get_the_previous_level() -> None:
    paragraph = resolve_paragraph("a" + RLE + ALEF + PDF, 0)
    assert paragraph.levels == (0, 0, 1, 1)
    assert paragraph.line_levels(0, 4) == [0, 0, 1, 0]  # L1: trailing PDF goes to base level


# --- BidiCharacterTest.txt lines (Unicode's conformance data; ICU 77 fails all but the
# --- canonical-bracket ones, see test_bidi_icu.py) -----------------------------------------

CONFORMANCE_LINES = [
    # Explicit directional overrides applied to paired brackets and to isolates.
    "202A 05D0 0028 05D1 202C 202D 0029;2;1;x 3 3 3 x x 2;3 2 1 6",
    "202A 05D0 0028 05D1 202C 202D 0029 202C;2;1;x 3 3 3 x x 2 x;3 2 1 6",
    "202B 0061 0028 0062 202C 202E 0029;2;0;x 2 2 2 x x 1;6 1 2 3",
    "202B 0061 0028 0062 202C 202E 0029 202C;2;0;x 2 2 2 x x 1 x;6 1 2 3",
    "202D 0028 202C 202A 05D0 0029 05D1;2;1;x 2 x x 3 3 3;1 6 5 4",
    "202D 0028 202C 202A 05D0 0029 05D1 202C;2;1;x 2 x x 3 3 3 x;1 6 5 4",
    "202E 0028 202C 202B 0061 0029 0062;2;0;x 1 x x 2 2 2;4 5 6 1",
    "202E 0028 202C 202B 0061 0029 0062 202C;2;0;x 1 x x 2 2 2 x;4 5 6 1",
    "202D 05D0 202B 05D1 202C 2068 05D2 2069 202B 05D3 202C 05D4 202C;2;1;"
    "x 2 x 3 x 2 3 2 x 3 x 2 x;1 3 5 6 7 9 11",
    # Nonspacing marks applied to paired brackets.
    "0061 0028 0062 0029 0331;1;1;2 2 2 2 2;0 1 2 3 4",
    "0061 0028 0332 0062 0029 0333;1;1;2 2 2 2 2 2;0 1 2 3 4 5",
    "05D0 0028 05D1 0029 0331;0;0;1 1 1 1 1;4 3 2 1 0",
    "05D0 0028 0332 05D1 0029 0333;0;0;1 1 1 1 1 1;5 4 3 2 1 0",
    "0661 0028 0662 0029 0331;0;0;2 1 2 1 1;4 3 2 1 0",
    "0661 0028 0332 0662 0029 0333;0;0;2 1 1 2 1 1;5 4 3 2 1 0",
    "0041 200F 005B 05D0 005D 200D 20D6;0;0;0 1 1 1 1 x 1;0 6 4 3 2 1",
    # Canonically equivalent brackets pair.
    "0061 0020 2329 0062 002E 0031 3009;1;1;2 2 2 2 2 2 2;0 1 2 3 4 5 6",
    "05D0 0020 3008 05D1 002E 0031 232A;0;0;1 1 1 1 1 2 1;6 5 4 3 2 1 0",
]


@pytest.mark.parametrize("line", CONFORMANCE_LINES)
def test_bidi_character_test_lines(line: str) -> None:
    code_points, direction, paragraph_level, expected_levels, expected_order = line.split(";")
    text = "".join(chr(int(code, 16)) for code in code_points.split())
    paragraph = resolve_paragraph(text, {"0": 0, "1": 1, "2": None}[direction])
    assert paragraph.base_level == int(paragraph_level)
    line_levels = paragraph.line_levels(0, len(text))
    removed = {"BN", "LRE", "RLE", "LRO", "RLO", "PDF"}
    shown = [
        "x" if paragraph.classes[i] in removed else str(level)
        for i, level in enumerate(line_levels)
    ]
    assert " ".join(shown) == expected_levels
    order = [i for i in visual_order(line_levels) if paragraph.classes[i] not in removed]
    assert order == [int(index) for index in expected_order.split()]


# --- L1 and L2 ---------------------------------------------------------------------------


def test_trailing_whitespace_of_a_line_goes_to_the_paragraph_level() -> None:
    paragraph = resolve_paragraph("ab  cd", base_level=1)
    assert paragraph.levels == (2, 2, 2, 2, 2, 2)
    assert paragraph.line_levels(0, 4) == [2, 2, 1, 1]
    assert paragraph.line_levels(4, 6) == [2, 2]
    # In the RTL paragraph the line's trailing spaces end up at its left edge.
    assert visual_order([2, 2, 1, 1]) == [3, 2, 0, 1]


def test_segment_separator_and_whitespace_before_it_reset() -> None:
    paragraph = resolve_paragraph("ab \tcd" + LRI, base_level=1)
    assert paragraph.line_levels(0, 7) == [2, 2, 1, 1, 2, 2, 1]


def test_visual_order_of_known_level_sequences() -> None:
    assert visual_order([]) == []
    assert visual_order([0, 0, 1, 1, 0]) == [0, 1, 3, 2, 4]
    assert visual_order([1, 1, 1]) == [2, 1, 0]
    assert visual_order([0, 1, 2, 2, 1, 0]) == [0, 4, 2, 3, 1, 5]
    assert visual_order([2, 2, 0]) == [0, 1, 2]  # even levels only: nothing moves


def test_line_levels_rejects_ranges_outside_the_paragraph() -> None:
    with pytest.raises(ValueError):
        resolve_paragraph("abc").line_levels(2, 4)


# --- L4, API details ---------------------------------------------------------------------


def test_mirror_glyphs() -> None:
    pairs = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{"}
    pairs |= {"<": ">", ">": "<", "«": "»", "»": "«"}
    for char, mirrored in pairs.items():
        assert mirror_glyph(char) == mirrored
    assert mirror_glyph("a") == "a"
    assert mirror_glyph(BEH) == BEH


def test_non_bmp_characters_are_one_code_point_each() -> None:
    phoenician_alef, emoji = "\U00010900", "\U0001f600"
    paragraph = resolve_paragraph("a " + phoenician_alef + emoji + phoenician_alef)
    assert paragraph.classes == ("L", "WS", "R", "ON", "R")
    assert paragraph.levels == (0, 0, 1, 1, 1)


def test_empty_paragraph() -> None:
    paragraph = resolve_paragraph("")
    assert (paragraph.levels, paragraph.base_level, paragraph.line_levels(0, 0)) == ((), 0, [])


def test_paragraph_separator_is_rejected() -> None:
    with pytest.raises(ValueError):
        resolve_paragraph("a\nb")


def test_result_is_a_frozen_paragraph() -> None:
    paragraph = resolve_paragraph(BEH + " a")
    assert isinstance(paragraph, BidiParagraph)
    assert paragraph.classes == ("AL", "WS", "L")
    with pytest.raises(AttributeError):
        paragraph.base_level = 0  # type: ignore[misc]


@pytest.mark.slow
def test_a_million_code_point_paragraph_resolves() -> None:
    unit = "Reading " + ALEF + BET + " and " + BEH + JEEM + " (12) [" + BEH + "] 3.5% "
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    paragraph = resolve_paragraph(text)
    assert len(paragraph.levels) == 1_000_000
    assert paragraph.base_level == 0
    assert paragraph.levels[: len(unit)] == levels(unit + "R", 0)[: len(unit)]
    assert {paragraph.levels[i] for i, c in enumerate(text[:50_000]) if c in ALEF + BEH} == {1}
