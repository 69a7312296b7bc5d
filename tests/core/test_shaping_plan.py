"""The shaping plan read off ``shaped_glyphs`` is the one the NFKC alignment of ``reshape``'s
output gives (``_aligned_plan``, how it was made before the glyphs said what they stand for)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from hamish.core.layout.arabic_forms import ZWJ, letter_forms
from hamish.core.layout.shaping import _aligned_plan, _plan
from hamish.core.layout.text import char_width

LETTERS = sorted(letter_forms())
TOKEN_CHARS = st.sampled_from(
    [
        *LETTERS,
        "\u0644",  # lam
        "\u0627",  # alef, and its hamza and madda forms: lam-alef ligatures
        "\u0623",
        "\u0625",
        "\u0622",
        "\u064e",  # fatha
        "\u0651",  # shadda
        "\u0670",  # superscript alef
        "\u08e2",  # a "haraka" that takes a cell
        "\u06dd",  # end of ayah (Prepend)
        "\u0640",  # tatweel
        ZWJ,
        "\u200c",  # ZWNJ
        "\u200f",  # RLM
        "\u05b0",  # a Hebrew point: a mark that is no haraka
        "a",
        "1",
        "\u0661",
        "\u4e00",  # two cells
        "\ufe0f",
        ".",
    ]
)


@settings(max_examples=500)
@given(st.lists(TOKEN_CHARS, min_size=1, max_size=10).map("".join))
@example("\u0644\u0627")
@example("\u0644\u064e\u0627")
@example("\u0628\u200d\u064e\u0644\u0627")
@example("\u0628\u200d\u08e2\u0644")
@example("\u0627\u0644\u0644\u0647")
def test_plan_is_the_aligned_plan(token: str) -> None:
    expected = _aligned_plan(token)
    plan = _plan(token)
    if expected is None or all(
        count == 1 and glyph == base
        for (count, glyph), base in zip(expected, [c for c in token if char_width(c)], strict=False)
    ):
        # Nothing changes: None, or a plan of every character as it is (harakat moved only).
        assert plan is None or plan == expected
    else:
        assert plan == expected


def test_every_form_takes_the_cells_its_letter_does() -> None:
    for letter, forms in letter_forms().items():
        for form in forms:
            if form:
                assert char_width(form) == char_width(letter), (letter, form)


def test_no_form_of_one_letter_is_outside_the_ranges_read_at_start() -> None:
    """``letter_forms`` reads only U+FB50-U+FBFF and U+FE70-U+FEFF."""
    import unicodedata

    from hamish.core.layout.arabic_forms import _SINGLE_LETTER_FORMS, PRESENTATION_FORMS

    def one_letter_form(code: int) -> bool:
        kind, *letters = unicodedata.decomposition(chr(code)).split() or ("",)
        return kind in ("<isolated>", "<initial>", "<medial>", "<final>") and len(letters) == 1

    skipped = set(PRESENTATION_FORMS) - set(_SINGLE_LETTER_FORMS)
    assert skipped and not any(one_letter_form(code) for code in skipped)
