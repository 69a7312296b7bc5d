"""Prepend characters (UAX #29 GB9b) open the cluster of the character after them (issue 13).

The Urdu date comes from the Universal Declaration of Human Rights in Urdu: U+0601 ARABIC SIGN
SANAH stands before the year it spans. Clustered with the space before it, it once took the
space's level and was drawn on the wrong side of the number.
"""

from __future__ import annotations

import pytest

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.layout import Layout, LayoutOptions
from hamish.core.layout.shaping import get_shaper
from tests.core.icu_lines import icu_drawn_line
from tests.core.test_bidi_icu import compare_with_icu

URDU = "جنرل اسمبلی نے ۱۰؍ دسمبر ؁۱۹۴۸ء کو ”انسانی حقوق"
SANAH = "\u0601"


def lines(text: str, width: int, *, shaping: bool) -> Layout:
    article = Article.build([BlockSpec(BlockKind.PARAGRAPH, text)], title="")
    return Layout(article, LayoutOptions(width, shaping=shaping))


def test_the_urdu_year_reads_hamza_sanah_digits_from_left_to_right() -> None:
    layout = lines(URDU, 100, shaping=True)
    assert "\ufe80" + SANAH + "۱۹۴۸" in layout.line(0).text  # ء (isolated form) ؁ ۱۹۴۸
    unshaped = lines(URDU, 100, shaping=False)
    assert "ء" + SANAH + "۱۹۴۸" in unshaped.line(0).text


@pytest.mark.parametrize("width", [100, 30, 17, 9])
def test_the_urdu_example_matches_icu_code_point_by_code_point(width: int) -> None:
    """Levels and L2 order of every code point (the resolver), and the drawn order of every
    line (the engine's clusters, L3, L4): both as ICU has them."""
    compare_with_icu(URDU, None)
    layout = lines(URDU, width, shaping=False)
    for row in range(layout.row_count):
        line = layout.line(row)
        expected = icu_drawn_line(URDU, line.base_level, line.start, line.end)
        assert line.text == expected, (width, row)


def test_the_sanah_and_the_first_digit_are_one_cluster_of_two_cells() -> None:
    shaped = get_shaper(False).shape("دسمبر ؁۱۹۴۸ء")
    year = shaped.starts.index(6)
    assert (shaped.starts[year + 1], shaped.bases[year], shaped.widths[year]) == (8, 7, 2)
    assert (shaped.prefixes[year], shaped.glyphs[year]) == (SANAH, "۱")


def test_prepend_characters_chain_and_keep_their_marks() -> None:
    shaped = get_shaper(False).shape("\u0600\u06011 \u0601\u064e2 x\u0601")
    clusters = [
        (shaped.text[a:b], prefix)
        for a, b, prefix in zip(shaped.starts, shaped.starts[1:], shaped.prefixes, strict=False)
    ]
    assert clusters[0] == ("\u0600\u06011", "\u0600\u0601")  # GB9b, twice
    assert ("\u0601\u064e", "") in clusters  # a mark after it closes its own cluster
    assert clusters[-1] == ("\u0601", "")  # at the end of a word: a cluster of its own


def test_an_odd_level_cluster_draws_its_prepend_character_after_its_base() -> None:
    # RLO makes the sanah and the digit R (level 1): right to left, the sanah is on the right.
    layout = lines("\u202e" + SANAH + "1\u202c", 20, shaping=False)
    assert layout.line(0).text == "1" + SANAH
    assert icu_drawn_line("\u202e" + SANAH + "1\u202c", 0, 0, 4) == "1" + SANAH


def test_a_prepend_character_stays_with_its_digits_where_uax9_alone_would_part_them() -> None:
    # In a left-to-right paragraph with no strong letter, "؀" (AN) is at level 2 and "0" (EN,
    # made L by W7) at level 0: UAX #9 per code point reverses the sign with the "؀٠ " before
    # it, away from its digit, and ICU draws it so. GB9b keeps "؀0" one cluster, placed by its
    # base "0", as the sign spans the number that follows it.
    text = "\u0600\u0660 \u06000"
    assert icu_drawn_line(text, 0, 0, len(text)) == "\u0600 \u0600\u06600"
    assert lines(text, 40, shaping=False).line(0).text == " \u0600\u0660\u06000"
