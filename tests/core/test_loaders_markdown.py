"""Markdown articles: structure to block kinds, inline markup to its text, front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamish.core.article import Article, BlockKind
from hamish.core.loaders import load_article

T, M, H, P = BlockKind.TITLE, BlockKind.META, BlockKind.HEADING, BlockKind.PARAGRAPH
Q, L = BlockKind.QUOTE, BlockKind.LIST_ITEM


def load_md(tmp_path: Path, text: str, name: str = "doc.md") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_article(path)


def summary(article: Article) -> list[tuple[BlockKind, int, str]]:
    return [(block.kind, block.level, block.text) for block in article.blocks]


class TestTitle:
    def test_leading_h1_is_the_title_block(self, tmp_path: Path) -> None:
        article = load_md(tmp_path, "# The *Title*\n\nBody.\n\n## Part\n\nMore.\n")
        assert article.title == "The Title"
        assert summary(article) == [
            (T, 0, "The Title"),
            (P, 0, "Body."),
            (H, 2, "Part"),
            (P, 0, "More."),
        ]
        assert article.format == "md"

    def test_without_leading_h1_the_first_heading_names_it(self, tmp_path: Path) -> None:
        article = load_md(tmp_path, "Intro.\n\n### Third level\n\n# Late H1\n")
        assert article.title == "Third level"
        assert summary(article) == [(P, 0, "Intro."), (H, 3, "Third level"), (H, 1, "Late H1")]

    def test_without_headings_the_file_name_names_it(self, tmp_path: Path) -> None:
        article = load_md(tmp_path, "Just text.\n", name="my-notes.markdown")
        assert article.title == "my-notes"
        assert summary(article) == [(P, 0, "Just text.")]

    def test_setext_h1_counts(self, tmp_path: Path) -> None:
        article = load_md(tmp_path, "Title here\n==========\n\nBody.\n")
        assert summary(article)[0] == (T, 0, "Title here")

    def test_suffix_is_case_insensitive(self, tmp_path: Path) -> None:
        article = load_md(tmp_path, "# A\n\n*b*\n", name="UPPER.MD")
        assert summary(article) == [(T, 0, "A"), (P, 0, "b")]


class TestFrontMatter:
    def test_supplies_title_and_date_and_is_not_text(self, tmp_path: Path) -> None:
        text = '---\ntitle: "From: the matter"\ndate: 2025-03-03\ntags: [a, b]\n---\n\nBody.\n'
        article = load_md(tmp_path, text)
        assert article.title == "From: the matter"
        assert article.date == "2025-03-03"
        assert summary(article) == [
            (T, 0, "From: the matter"),
            (M, 0, "2025-03-03"),
            (P, 0, "Body."),
        ]
        assert "tags" not in article.text

    def test_front_matter_title_wins_over_h1_text(self, tmp_path: Path) -> None:
        article = load_md(tmp_path, "---\ntitle: 'It''s short'\n---\n# A longer heading\n\nx\n")
        assert article.title == "It's short"
        assert summary(article)[0] == (T, 0, "A longer heading")
        assert len(article.blocks) == 2

    def test_unclosed_front_matter_is_markdown(self, tmp_path: Path) -> None:
        article = load_md(tmp_path, "---\n\nParagraph.\n")
        assert summary(article) == [(P, 0, "Paragraph.")]
        assert article.date is None

    def test_date_line_under_the_h1(self, tmp_path: Path) -> None:
        article = load_md(tmp_path, "# T\n\nPublished: March 3, 2025\n\nBody.\n")
        assert article.date == "March 3, 2025"
        assert summary(article) == [
            (T, 0, "T"),
            (M, 0, "Published: March 3, 2025"),
            (P, 0, "Body."),
        ]


class TestBlocks:
    def test_block_quote(self, tmp_path: Path) -> None:
        article = load_md(tmp_path, "# T\n\n> first line\n> same paragraph\n>\n> second\n")
        assert summary(article)[1:] == [(Q, 0, "first line same paragraph"), (Q, 0, "second")]

    def test_bullets_have_no_marker_and_a_nesting_level(self, tmp_path: Path) -> None:
        text = "- one\n- two\n  - two a\n    * deep\n- three\n"
        assert summary(load_md(tmp_path, text)) == [
            (L, 0, "one"),
            (L, 0, "two"),
            (L, 1, "two a"),
            (L, 2, "deep"),
            (L, 0, "three"),
        ]

    def test_ordered_items_keep_their_numbers(self, tmp_path: Path) -> None:
        text = "3. three\n4. four\n   1) inner\n"
        assert summary(load_md(tmp_path, text)) == [
            (L, 0, "3. three"),
            (L, 0, "4. four"),
            (L, 1, "1) inner"),
        ]

    def test_loose_list_item_paragraphs_join(self, tmp_path: Path) -> None:
        text = "- first para\n\n  second para\n\n- next\n"
        assert summary(load_md(tmp_path, text)) == [
            (L, 0, "first para second para"),
            (L, 0, "next"),
        ]

    def test_fenced_and_indented_code_are_verbatim_lines(self, tmp_path: Path) -> None:
        text = "```python\ndef f(x):\n    return *x*\n\n```\n\n    indented   code\n"
        assert summary(load_md(tmp_path, text)) == [
            (P, 0, "def f(x):"),
            (P, 0, "    return *x*"),
            (P, 0, "indented   code"),
        ]

    def test_thematic_break_is_dropped(self, tmp_path: Path) -> None:
        assert summary(load_md(tmp_path, "a\n\n***\n\nb\n")) == [(P, 0, "a"), (P, 0, "b")]

    def test_table_rows_become_paragraphs(self, tmp_path: Path) -> None:
        text = "| a | b |\n|---|---|\n| 1 | **2** |\n"
        assert summary(load_md(tmp_path, text)) == [(P, 0, "a | b"), (P, 0, "1 | 2")]

    def test_html_block_keeps_text_and_direction(self, tmp_path: Path) -> None:
        article = load_md(
            tmp_path, '<p dir="rtl">שלום\n<b>עולם</b> &amp; כל</p>\n\n<!-- hidden -->\n'
        )
        assert summary(article) == [(P, 0, "שלום עולם & כל")]
        assert article.blocks[0].direction == "rtl"
        assert load_md(tmp_path, "plain\n").blocks[0].direction == "auto"


class TestInline:
    @pytest.mark.parametrize(
        ("source", "text"),
        [
            ("*em* and **strong** and ~~gone~~", "em and strong and gone"),
            ("see [the docs](https://example.org 'x') now", "see the docs now"),
            ("an ![alt *text*](pic.png) image", "an alt text image"),
            ("run `python3 -m hamish` here", "run python3 -m hamish here"),
            ("<span class='x'>kept</span> text", "kept text"),
            ("a\\*b &amp; c", "a*b & c"),
            ("soft\nbreak", "soft break"),
            ("hard  \nbreak", "hard break"),
            ("hard\\\nbreak", "hard break"),
            ("العدد ٣٫٥ (Python) «نص»", "العدد ٣٫٥ (Python) «نص»"),
        ],
    )
    def test_markup_reduces_to_text(self, tmp_path: Path, source: str, text: str) -> None:
        article = load_md(tmp_path, source + "\n")
        assert summary(article) == [(P, 0, text)]

    def test_no_block_text_contains_a_newline(self, tmp_path: Path) -> None:
        text = "# T\nx\n\n> a\nb\n\n- c\n  d\n\n```\ne\nf\n```\n<div>\ng\nh\n</div>\n"
        article = load_md(tmp_path, text)
        assert all("\n" not in block.text for block in article.blocks)
        assert [block.text for block in article.blocks] == ["T", "x", "a b", "c d", "e", "f", "g h"]


@pytest.mark.parametrize("source", ["<!-- only a comment -->\n", "***\n", "![](empty-alt.png)\n"])
def test_markup_without_text_says_so(tmp_path: Path, source: str) -> None:
    article = load_md(tmp_path, source, name="bare.md")
    assert article.blocks == ()
    assert article.title == "bare"
    assert article.notices == ("no readable text",)
