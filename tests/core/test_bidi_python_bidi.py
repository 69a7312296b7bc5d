"""python-bidi as a second oracle: the resolver's visual order against Rust's unicode-bidi.

python-bidi 0.6 wraps the unicode-bidi crate (0.3.18), an implementation independent of both
ICU and hamish. It exposes only ``get_display``: L1 and L2 on each paragraph, without L3 or L4
(marks stay before their base, brackets are not mirrored) and without an index map. So what is
compared is the string hamish's levels give by L1 and L2 alone, for single-line paragraphs, with
the same base direction (or both applying P2/P3).

Characters removed by X9 (BN, LRE, RLE, LRO, RLO, PDF) are left out of both strings: UAX #9
leaves their levels, hence their places, to the implementation (§5.2), and the two differ.

Where python-bidi departs from UAX #9 (ICU and hamish agree with the spec; pinned below):
1. L1 does not reset a segment separator (TAB) inside a line: "a<TAB>b" in a right-to-left
   paragraph stays "a<TAB>b" instead of "b<TAB>a". The generator has no TAB.
2. L1 does not reset whitespace or isolate controls at the end of a line while an embedding or
   override is still open there. The generator drops such trailing characters.
"""

from __future__ import annotations

import re

import bidi
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hamish.core.bidi import bidi_class, resolve_paragraph, visual_order
from tests.core.icu_lines import icu_drawn_line
from tests.core.test_bidi_icu import EXPLICIT, PLAIN_GROUPS

REMOVED_BY_X9 = {"BN", "LRE", "RLE", "LRO", "RLO", "PDF"}
GROUPS = [[char for char in group if char != "\t"] for group in [*PLAIN_GROUPS, EXPLICIT]]
_EMBEDDINGS = re.compile("[\u202a\u202b\u202d\u202e]")
_LINE_END_WHITESPACE = re.compile("[ \u2066-\u2069\u202a-\u202e\u200b-\u200d\ufeff]+$")
BASE_DIRECTIONS = {None: None, 0: "L", 1: "R"}


def without_python_bidi_deviations(pieces: list[str]) -> str:
    """The pieces joined, with deviation 2 of the module docstring cut off the end."""
    text = "".join({"<ANGLE-OPEN>": "\u2329", "<ANGLE-CLOSE>": "\u232a"}.get(p, p) for p in pieces)
    if _EMBEDDINGS.search(text):
        text = _LINE_END_WHITESPACE.sub("", text)
    return text


paragraphs = st.lists(
    st.one_of([st.sampled_from(group) for group in GROUPS]), min_size=1, max_size=40
).map(without_python_bidi_deviations)


def kept(text: str) -> str:
    return "".join(char for char in text if bidi_class(char) not in REMOVED_BY_X9)


def l2_string(text: str, base_level: int | None) -> str:
    """The paragraph as one line after L1 and L2: what ``get_display`` draws."""
    levels = resolve_paragraph(text, base_level).line_levels(0, len(text))
    return "".join(text[index] for index in visual_order(levels))


@settings(max_examples=1500, deadline=None)
@given(paragraphs, st.sampled_from([None, None, 0, 1]))
@example("abc (\u05d0\u05d1\u05d2) 12", 1)
@example("\u0628\u064e 1.5% [x]", None)
@example("a\u202b\u05d0 (b)\u202c c \u2067\u0628\u2069 d", 0)
def test_visual_order_matches_python_bidi(text: str, base_level: int | None) -> None:
    theirs = bidi.get_display(text, base_dir=BASE_DIRECTIONS[base_level])
    assert kept(l2_string(text, base_level)) == kept(theirs), ascii(text)


# -- where python-bidi departs from UAX #9, pinned with the spec's reading -------------------


def test_a_tab_inside_a_line_is_reset_to_the_paragraph_level_l1() -> None:
    # L1 clause 1: a segment separator goes to the paragraph level (1); "a" and "b" are L (2),
    # so the line reads b, TAB, a from left to right. ICU agrees; python-bidi 0.6 does not.
    assert resolve_paragraph("a\tb", 1).line_levels(0, 3) == [2, 1, 2]
    assert l2_string("a\tb", 1) == icu_drawn_line("a\tb", 1, 0, 3) == "b\ta"
    assert bidi.get_display("a\tb", base_dir="R") == "a\tb", "python-bidi fixed L1 for TAB"


def test_trailing_whitespace_in_an_open_embedding_is_reset_l1() -> None:
    # L1 clause 4: whitespace at the end of a line goes to the paragraph level, whatever the
    # embedding it sits in. "5" (EN, level 2), LRE (removed), " " -> 1: the space is leftmost.
    text = "5\u202a "
    assert resolve_paragraph(text, 1).line_levels(0, 3)[2] == 1
    assert kept(l2_string(text, 1)) == kept(icu_drawn_line(text, 1, 0, 3)) == " 5"
    assert kept(bidi.get_display(text, base_dir="R")) == "5 ", "python-bidi fixed L1 here"
