"""Hypothesis strategies for mixed-direction paragraphs, shared by the layout and bidi tests."""

from __future__ import annotations

from hypothesis import strategies as st

ARABIC = "".join(chr(c) for c in range(0x0621, 0x063B)) + "".join(
    chr(c) for c in range(0x0641, 0x064B)
)
PERSIAN = "پچژگکی"
HEBREW = "".join(chr(c) for c in range(0x05D0, 0x05EB))
LATIN = "abcdefghijklmnopqrstuvwxyzABCXYZ"
DIGITS = "0123456789"
ARABIC_DIGITS = "".join(chr(c) for c in range(0x0660, 0x066A))
PERSIAN_DIGITS = "".join(chr(c) for c in range(0x06F0, 0x06FA))
PUNCTUATION = ".,:;!?-/%+#$'\"“”‹›«»،؛؟"
BRACKETS = "()[]{}<>"
HARAKAT = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670"
JOINERS = "\u200c\u200d"
PREPEND = "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u0890\u08e2"
"""Prepended concatenation marks (UAX #29 Prepend): they open the cluster after them."""

_WORD_ALPHABETS = [ARABIC + HARAKAT, PERSIAN + ARABIC + "\u200c", HEBREW, LATIN, DIGITS]


@st.composite
def marked_numbers(draw: st.DrawFn) -> str:
    """A number under a prepended mark, as in the Urdu year "؁۱۹۴۸".

    The digits are Arabic-Indic (AN like the marks), so mark and digits always share a level
    and UAX #9 alone keeps them side by side, which the ICU comparisons rely on. European
    digits can take another level than the mark (``test_layout_prepend.py`` pins that case).
    """
    return draw(st.text(PREPEND, min_size=1, max_size=2)) + draw(
        st.text(ARABIC_DIGITS, min_size=1, max_size=4)
    )


@st.composite
def words(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:
        return draw(marked_numbers())
    alphabet = draw(st.sampled_from(_WORD_ALPHABETS))
    word = draw(st.text(alphabet, min_size=1, max_size=9))
    if draw(st.booleans()):
        word = draw(st.sampled_from(BRACKETS[::2])) + word + draw(st.sampled_from(BRACKETS[1::2]))
    if draw(st.integers(0, 4)) == 0:
        word += draw(st.sampled_from(PUNCTUATION))
    return word


@st.composite
def mixed_paragraphs(draw: st.DrawFn, max_words: int = 24) -> str:
    """Prose-like text: words of one script each, spaces, punctuation, numbers, brackets."""
    parts = draw(
        st.lists(
            st.one_of(
                words(),
                st.text(DIGITS + ARABIC_DIGITS + PERSIAN_DIGITS + ".,:/-%", min_size=1, max_size=6),
                st.text(PUNCTUATION + BRACKETS + HARAKAT + JOINERS, min_size=1, max_size=3),
            ),
            min_size=1,
            max_size=max_words,
        )
    )
    separators = draw(
        st.lists(
            st.sampled_from([" ", " ", " ", "  ", ""]), min_size=len(parts), max_size=len(parts)
        )
    )
    return (
        "".join(part + sep for part, sep in zip(parts, separators, strict=True)).strip(" ") or "a"
    )


@st.composite
def paragraphs_with_prepend(draw: st.DrawFn) -> str:
    """A mixed paragraph with Prepend characters anywhere: before letters, marks, spaces, at
    either end, one after another."""
    chars = list(draw(mixed_paragraphs()))
    inserts = draw(st.lists(st.tuples(st.integers(0, len(chars)), st.sampled_from(PREPEND))))
    for position, char in sorted(inserts, reverse=True):
        chars.insert(position, char)
    return "".join(chars)
