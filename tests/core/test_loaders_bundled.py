"""The articles shipped in ``articles/`` load cleanly and have the structure they were written
with, since they double as hamish's demo and as the layout engine's hardest real cases."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from hamish.core.article import Article, BlockKind
from hamish.core.loaders import load_article

ARTICLES = Path(__file__).resolve().parents[2] / "articles"
SAMPLE_NAME = "000_ba9713e08e0d77df.txt"
ALL = sorted(path.name for path in ARTICLES.iterdir() if path.suffix in {".txt", ".md"})

FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
FATHATAN, DAMMATAN, KASRATAN = "\u064b", "\u064c", "\u064d"
ZWNJ = "\u200c"
ARABIC_INDIC_DIGITS = re.compile("[\u0660-\u0669]")


def load(name: str) -> Article:
    return load_article(ARTICLES / name)


def kinds(article: Article) -> set[BlockKind]:
    return {block.kind for block in article.blocks}


def named(prefix: str) -> str:
    matches = [name for name in ALL if name.startswith(prefix)]
    assert len(matches) == 1, matches
    return matches[0]


def test_the_bundle_has_the_sample_and_five_articles() -> None:
    assert ALL[0] == SAMPLE_NAME
    assert len(ALL) == 6


@pytest.mark.parametrize("name", ALL)
def test_loads_cleanly(name: str) -> None:
    article = load(name)
    assert article.notices == ()
    assert article.encoding == "utf-8"
    assert article.blocks[0].kind is BlockKind.TITLE
    assert article.title == article.blocks[0].text
    assert sum(block.kind is BlockKind.PARAGRAPH for block in article.blocks) >= 3
    assert BlockKind.HEADING in kinds(article)
    for block in article.blocks:
        assert block.text
        assert "\n" not in block.text
        assert article.text[block.start : block.end] == block.text


@pytest.mark.parametrize("name", ALL[1:])
def test_written_articles_are_a_readable_length(name: str) -> None:
    assert 1800 <= (ARTICLES / name).stat().st_size <= 5200


def test_english_markdown() -> None:
    article = load(named("010_"))
    assert article.format == "md"
    assert article.title == "Movable Type and the Slow Revolution of Reading"
    assert article.date == "2026-01-12"
    assert {BlockKind.QUOTE, BlockKind.LIST_ITEM, BlockKind.META} <= kinds(article)
    items = [block for block in article.blocks if block.kind is BlockKind.LIST_ITEM]
    assert {block.level for block in items} == {0, 1}
    assert [block.text[:3] for block in items if block.text[0].isdigit()] == ["1. ", "2. ", "3. "]
    assert "**" not in article.text and "*" not in article.text


def test_hebrew_text() -> None:
    article = load(named("020_"))
    assert article.format == "txt"
    assert article.blocks[1].kind is BlockKind.META
    assert article.date == "14 בינואר 2026, 08:30"
    headings = [block.text for block in article.blocks if block.kind is BlockKind.HEADING]
    assert len(headings) >= 3
    assert all(re.search("[\u05d0-\u05ea]", heading) for heading in headings)


def test_arabic_mixed_with_latin_digits_and_brackets() -> None:
    article = load(named("030_"))
    assert article.date == "٧ يناير ٢٠٢٦"
    assert {BlockKind.LIST_ITEM, BlockKind.HEADING, BlockKind.QUOTE} <= kinds(article)
    text = article.text
    for needle in ("Unicode", "UAX #9", "Python", "GNOME Terminal", "2026-01-07", "75%"):
        assert needle in text
    assert "٣٫٥ مليون" in text
    assert ARABIC_INDIC_DIGITS.search(text)
    for pair in ("(", ")", "[", "]", "«", "»", "[…]"):
        assert pair in text
    assert any(block.level == 1 for block in article.blocks if block.kind is BlockKind.LIST_ITEM)


def test_vocalised_arabic_is_fully_vocalised() -> None:
    article = load(named("040_"))
    for mark in (FATHA, DAMMA, KASRA, SUKUN, SHADDA, FATHATAN, DAMMATAN, KASRATAN):
        assert mark in article.text, unicodedata.name(mark)
    words = re.findall("[\u0621-\u064a\u064b-\u0652\u0670]+", article.text)
    assert len(words) > 100
    assert all(any(unicodedata.category(char) == "Mn" for char in word) for word in words)


def test_persian_keeps_zero_width_non_joiners() -> None:
    article = load(named("050_"))
    assert f"می{ZWNJ}خواهم" in article.text
    assert f"کتاب{ZWNJ}ها" in article.text
    assert article.date == "۱۷ دی ۱۴۰۴"
