"""Arabic shaping inside the layout: contextual forms, lam-alef, harakat and ZWNJ kept."""

from __future__ import annotations

import unicodedata

from hamish.core.layout.shaping import Shaper
from hamish.core.layout.text import display_text, drawable

SHAPER = Shaper(shaping=True)
PLAIN = Shaper(shaping=False)


def forms(text: str) -> list[str]:
    """The decomposition tag of each glyph's base (``<initial>``, ``<final>`` ...)."""
    shaped = SHAPER.shape(text)
    return [unicodedata.decomposition(g[0]).split(" ")[0] for g in shaped.glyphs]


def test_letters_take_contextual_forms():
    # بيت: beh initial, yeh medial, teh final.
    assert forms("بيت") == ["<initial>", "<medial>", "<final>"]
    # A letter that does not join on the left (dal) ends the word's joining.
    assert forms("بدب") == ["<initial>", "<final>", "<isolated>"]


def test_lam_alef_is_one_cell_for_two_letters():
    shaped = SHAPER.shape("لا")
    assert shaped.glyphs == ("\ufefb",)
    assert shaped.starts == (0, 2) and shaped.widths == (1,)
    assert SHAPER.token_width("لا") == 1
    assert PLAIN.token_width("لا") == 2


def test_lam_alef_with_hamza_variants():
    for word, ligature in [("لأ", "\ufef7"), ("لإ", "\ufef9"), ("لآ", "\ufef5"), ("سلا", "\ufefc")]:
        glyphs = SHAPER.shape(word).glyphs
        assert ligature in "".join(glyphs), word


def test_harakat_are_kept_after_their_base():
    word = "بِسْمِ"
    shaped = SHAPER.shape(word)
    assert shaped.starts == (0, 2, 4, 6)
    assert [g[1:] for g in shaped.glyphs] == ["\u0650", "\u0652", "\u0650"]
    assert SHAPER.token_width(word) == 3


def test_harakat_between_lam_and_alef_stay_in_the_ligature_cell():
    shaped = SHAPER.shape("لَا")
    assert shaped.starts == (0, 3)
    assert shaped.glyphs[0][0] == "\ufefb" and "\u064e" in shaped.glyphs[0]


def test_allah_is_not_drawn_as_a_ligature():
    shaped = SHAPER.shape("الله")
    assert "\ufdf2" not in "".join(shaped.glyphs)
    assert len(shaped.glyphs) == 4


def test_zwnj_breaks_joining_and_is_not_drawn():
    shaped = SHAPER.shape("می\u200cخواهم")
    # meem initial, yeh final (ZWNJ stops the join), khah initial.
    bases = [unicodedata.decomposition(g[0]).split(" ")[0] for g in shaped.glyphs[:3]]
    assert bases == ["<initial>", "<final>", "<initial>"]
    assert all("\u200c" not in g for g in shaped.glyphs)
    assert shaped.starts[2] == 3  # the ZWNJ belongs to the yeh's cluster


def test_persian_letters_are_shaped():
    assert forms("پچژگ") == ["<initial>", "<medial>", "<final>", "<isolated>"]


def test_shaping_off_draws_the_letters_as_written():
    shaped = PLAIN.shape("لا بأس")
    assert "".join(shaped.glyphs) == "لا بأس"


def test_control_characters_become_visible_symbols_of_the_same_length():
    hostile = "a\x1b]0;pwned\x07b\x1b[2Jc\x9b31m\x7f\td"
    shown = display_text(hostile)
    assert len(shown) == len(hostile)
    assert not any(unicodedata.category(c) == "Cc" for c in shown)
    assert shown.startswith("a\u241b]0;pwned\u2407b\u241b[2Jc")


def test_bidi_controls_are_never_drawn():
    assert drawable("a\u202eb\u2067c\u200fd") == "abcd"


def test_empty_text_has_no_clusters():
    shaped = SHAPER.shape("")
    assert shaped.starts == (0,) and shaped.glyphs == () and len(shaped) == 0


def test_a_paragraph_of_only_zero_width_characters_still_has_a_cell() -> None:
    lone_mark = SHAPER.shape("\u064b")
    assert lone_mark.widths == (1,) and lone_mark.glyphs == ("\u25cc\u064b",)
    lone_control = SHAPER.shape("\u200f")
    assert lone_control.widths == (1,) and lone_control.glyphs == (" ",)
