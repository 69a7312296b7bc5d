"""hamish's Arabic forms are arabic-reshaper's, with the settings hamish used it with.

arabic-reshaper is the oracle here (a test dependency only): its letter table, and its output
for any text, except where it loses its place after a zero-width joiner before a lam-alef (it
then raised IndexError, or drew the wrong letters).
"""

from __future__ import annotations

import re

import arabic_reshaper
from arabic_reshaper.letters import LETTERS_ARABIC
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.layout import Layout, LayoutOptions
from hamish.core.layout.arabic_forms import ZWJ, letter_forms, reshape

ORACLE = arabic_reshaper.ArabicReshaper(
    configuration={
        "delete_harakat": False,
        "support_ligatures": True,
        "ARABIC LIGATURE ALLAH": False,
        "ARABIC LIGATURE LAM WITH ALEF": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE": True,
    }
)
LETTERS = "".join(LETTERS_ARABIC)
MARKS = "\u064b\u064e\u0650\u0651\u0652\u0670\u0610\u06d6\u08d4\u08f0"
OTHERS = " a1٣\u200c\u200f\u0600.«"
HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d4-\u08ff]")  # fmt: skip  # noqa: E501
LAM_ALEF = re.compile("\u0644[\u0627\u0623\u0625\u0622]")


def texts(alphabet: str) -> st.SearchStrategy[str]:
    """Short texts, lam and the alefs often enough to make ligatures."""
    return st.text(st.sampled_from(alphabet + "\u0644\u0644\u0627\u0623\u0625\u0622"), max_size=10)


def test_the_forms_are_unicodes_presentation_forms_as_arabic_reshaper_tabulates_them() -> None:
    assert letter_forms() == LETTERS_ARABIC


@settings(max_examples=500)
@given(texts(LETTERS + MARKS + OTHERS + "\u0640"))
def test_text_is_shaped_as_arabic_reshaper_shapes_it(text: str) -> None:
    assert reshape(text) == ORACLE.reshape(text)


def _oracle_loses_its_place(text: str) -> bool:
    """A joiner (dropped from its output) before a lam-alef (found by place in the text)."""
    bare = HARAKAT.sub("", text)
    return any(ZWJ in bare[: match.start()] for match in LAM_ALEF.finditer(bare))


@settings(max_examples=500)
@given(texts(LETTERS + MARKS + OTHERS + ZWJ * 4))
def test_with_joiners_too_and_never_failing(text: str) -> None:
    shaped = reshape(text)
    if not _oracle_loses_its_place(text):
        assert shaped == ORACLE.reshape(text)


def test_a_joiner_before_a_lam_alef_draws_the_ligature() -> None:
    """arabic-reshaper raised IndexError here, and the layout (the whole reader) with it."""
    word = ZWJ + "ةهلآ"
    assert reshape(word) == "\ufe94\ufeeb\ufef6"  # teh marbuta, heh initial, lam-alef final
    article = Article.build([BlockSpec(BlockKind.PARAGRAPH, f"نص {word} نص")], title="t")
    line = Layout(article, LayoutOptions(40)).line(0)
    assert "\ufef6" in line.text
