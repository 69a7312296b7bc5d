"""HTML structure to blocks: headings, lists and their numbers, quotes, tables, breaks, inline
markup, white space, directions from ``dir`` and ``lang``, the title and the date."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamish.core.article import Article, BlockKind, Direction
from hamish.core.loaders import load_article

T, M, H, P = BlockKind.TITLE, BlockKind.META, BlockKind.HEADING, BlockKind.PARAGRAPH
Q, L = BlockKind.QUOTE, BlockKind.LIST_ITEM
FILLER = (
    "<p>This paragraph is here so that the page reads like an article, with enough running "
    "text around the structure under test for any extractor to take it for the main content.</p>"
)


def page(
    tmp_path: Path,
    body: str,
    *,
    head: str = "<title>Test page</title>",
    html: str = 'lang="en"',
    body_attributes: str = "",
    name: str = "page.html",
) -> Article:
    path = tmp_path / name
    path.write_text(
        f"<!doctype html><html {html}><head><meta charset='utf-8'>{head}</head>"
        f"<body {body_attributes}><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    return load_article(path)


def texts(article: Article, kind: BlockKind | None = None) -> list[str]:
    return [block.text for block in article.blocks if kind is None or block.kind is kind]


def items(article: Article) -> list[tuple[int, str]]:
    return [(block.level, block.text) for block in article.blocks if block.kind is L]


class TestLists:
    def test_start_and_value(self, tmp_path: Path) -> None:
        body = f'{FILLER}<ol start="4"><li>four</li><li value="10">ten</li><li>eleven</li></ol>'
        assert items(page(tmp_path, body)) == [(0, "4. four"), (0, "10. ten"), (0, "11. eleven")]

    def test_reversed(self, tmp_path: Path) -> None:
        body = f"{FILLER}<ol reversed><li>gold</li><li>silver</li><li>bronze</li></ol>"
        assert items(page(tmp_path, body)) == [(0, "3. gold"), (0, "2. silver"), (0, "1. bronze")]

    @pytest.mark.parametrize(
        ("kind", "markers"),
        [("a", ["a. ", "b. ", "c. "]), ("A", ["A. ", "B. ", "C. "]),
         ("i", ["i. ", "ii. ", "iii. "]), ("I", ["I. ", "II. ", "III. "])],
    )  # fmt: skip
    def test_type(self, tmp_path: Path, kind: str, markers: list[str]) -> None:
        body = f'{FILLER}<ol type="{kind}"><li>first</li><li>second</li><li>third</li></ol>'
        assert items(page(tmp_path, body)) == [
            (0, f"{markers[0]}first"), (0, f"{markers[1]}second"), (0, f"{markers[2]}third"),
        ]  # fmt: skip

    def test_nesting_and_text_after_a_nested_list(self, tmp_path: Path) -> None:
        body = (
            f"{FILLER}<ul><li>parent item<ol><li>child one</li><li>child two<ul>"
            "<li>grandchild</li></ul></li></ol>parent continues</li><li>sibling</li></ul>"
        )
        assert items(page(tmp_path, body)) == [
            (0, "parent item"), (1, "1. child one"), (1, "2. child two"), (2, "grandchild"),
            (0, "parent continues"), (0, "sibling"),
        ]  # fmt: skip

    def test_paragraphs_in_an_item_are_one_item(self, tmp_path: Path) -> None:
        body = f"{FILLER}<ol><li><p>first part</p><p>second part</p></li><li>next</li></ol>"
        assert items(page(tmp_path, body)) == [(0, "1. first part second part"), (0, "2. next")]


class TestBlocks:
    def test_headings_keep_their_level(self, tmp_path: Path) -> None:
        body = (
            f"<h1>Main title</h1>{FILLER}<h3>Third level</h3>{FILLER}<h6>Sixth level</h6>{FILLER}"
        )
        article = page(tmp_path, body)
        assert article.blocks[0].kind is T and article.blocks[0].text == "Main title"
        headings = [(b.level, b.text) for b in article.blocks if b.kind is H]
        assert headings == [(3, "Third level"), (6, "Sixth level")]

    def test_each_quoted_paragraph_is_a_quote(self, tmp_path: Path) -> None:
        body = f"{FILLER}<blockquote><p>First quoted.</p><p>Second quoted.</p></blockquote>"
        assert texts(page(tmp_path, body), Q) == ["First quoted.", "Second quoted."]

    def test_inline_markup_is_reduced_to_its_text(self, tmp_path: Path) -> None:
        body = (
            f'{FILLER}<p>Read <a href="/r">the <b>full</b> report</a> &amp; <em>weep</em>; '
            "<code>x &lt; y</code>, <span class='x'>H</span><sub>2</sub>O.</p>"
        )
        assert texts(page(tmp_path, body))[-1] == "Read the full report & weep; x < y, H2O."

    def test_white_space_collapses_but_no_break_space_stays(self, tmp_path: Path) -> None:
        body = f"{FILLER}<p>\n   spaced \t\n out\r\n  words&nbsp;here&#160;too  </p>"
        assert texts(page(tmp_path, body))[-1] == "spaced out words\u00a0here\u00a0too"

    def test_breaks(self, tmp_path: Path) -> None:
        body = f"{FILLER}<p>one line<br>same paragraph<br><br>\n<br>new paragraph</p>"
        assert texts(page(tmp_path, body))[-2:] == ["one line same paragraph", "new paragraph"]

    def test_preformatted_lines_are_kept_as_written(self, tmp_path: Path) -> None:
        body = f"{FILLER}<pre>def f(x):\n    return  x\n\n</pre>"
        assert texts(page(tmp_path, body))[-2:] == ["def f(x):", "    return  x"]

    def test_data_table_rows(self, tmp_path: Path) -> None:
        body = (
            f"{FILLER}<table><tr><th>City</th><th>Readers</th></tr>"
            "<tr><td>Cairo</td><td>1,200</td></tr><tr><td>Haifa</td><td>800</td></tr></table>"
        )
        assert texts(page(tmp_path, body))[-3:] == [
            "City | Readers",
            "Cairo | 1,200",
            "Haifa | 800",
        ]

    def test_invisible_text_is_not_text(self, tmp_path: Path) -> None:
        shown = [
            "The first paragraph of a page that hides some of its elements from readers.",
            "The second paragraph comes after an element hidden by its own attribute.",
            "The third paragraph follows a division hidden by style, scripts and styles.",
            "The last paragraph says the unseen elements above were all skipped.",
        ]
        body = (
            f"<p>{shown[0]}</p><p hidden>A paragraph hidden by its attribute.</p>"
            f"<p>{shown[1]}</p><div style='color: red; display: none'>Hidden by style.</div>"
            "<script>var inline = 'script text';</script><style>p{color:red}</style>"
            f"<noscript>Please enable scripts.</noscript><p>{shown[2]}</p>"
            f"<template><p>A template paragraph.</p></template><p>{shown[3]}</p>"
        )
        assert texts(page(tmp_path, body)) == ["Test page", *shown]


class TestDirection:
    def test_every_paragraph(self, tmp_path: Path) -> None:
        cases: list[tuple[str, Direction]] = [
            ("<p>none</p>", "auto"),
            ("<p dir='rtl'>own</p>", "rtl"),
            ("<div dir='rtl'><p>inherited</p></div>", "rtl"),
            ("<div dir='rtl'><p dir='ltr'>overridden</p></div>", "ltr"),
            ("<p dir='auto'>automatic</p>", "auto"),
            ("<p dir=' RTL '>capitals</p>", "rtl"),
            ("<div dir='rtl'><p dir='sideways'>invalid</p></div>", "rtl"),
            ("<p lang='he'>hebrew</p>", "rtl"),
            ("<p lang='fa-IR'>persian</p>", "rtl"),
            ("<p lang='ar-Latn'>latin</p>", "auto"),
            ("<p lang='ckb-Arab'>sorani</p>", "rtl"),
            ("<div lang='ar' dir='ltr'><p>explicit</p></div>", "ltr"),
            ("<p>mixed <span dir='rtl'>inline</span> span</p>", "auto"),
        ]
        body = FILLER + "".join(html for html, _ in cases)
        article = page(tmp_path, body)
        assert [block.direction for block in article.blocks[-len(cases) :]] == [
            direction for _, direction in cases
        ]

    def test_page_level_attributes(self, tmp_path: Path) -> None:
        article = page(tmp_path, f"{FILLER}{FILLER}", html='dir="rtl" lang="he"')
        assert {block.direction for block in article.blocks} == {"rtl"}
        article = page(tmp_path, FILLER, html="", body_attributes='dir="rtl"')
        assert [(block.kind, block.direction) for block in article.blocks] == [
            (T, "rtl"), (P, "rtl"),
        ]  # fmt: skip


class TestTitle:
    def test_leading_h1_is_the_title_block(self, tmp_path: Path) -> None:
        article = page(tmp_path, f"<h1>The headline</h1>{FILLER}", head="<title>Tab | Site</title>")
        assert article.title == "The headline"
        assert [b.kind for b in article.blocks] == [T, P]

    def test_og_title_before_the_title_element(self, tmp_path: Path) -> None:
        head = '<title>Headline | Daily Paper</title><meta property="og:title" content="Headline">'
        article = page(tmp_path, FILLER, head=head)
        assert article.title == "Headline"
        assert (article.blocks[0].kind, article.blocks[0].text) == (T, "Headline")

    def test_title_element(self, tmp_path: Path) -> None:
        article = page(tmp_path, FILLER, head="<title>\n  Only  &amp; the\ttitle </title>")
        assert article.title == "Only & the title"
        assert article.blocks[0].kind is T and article.blocks[0].text == "Only & the title"

    def test_without_any_title_the_file_name(self, tmp_path: Path) -> None:
        article = page(tmp_path, FILLER, head="", name="saved-page.htm")
        assert article.title == "saved-page"
        assert [b.kind for b in article.blocks] == [P]
        assert article.format == "html"


class TestDate:
    def test_declared_date_shown_by_a_time_element(self, tmp_path: Path) -> None:
        head = '<meta property="article:published_time" content="2025-03-03T09:00:00Z">'
        body = (
            "<h1>Headline</h1><p class='byline'>By A. Writer, "
            "<time datetime='2025-03-03T09:00:00Z'>March 3, 2025</time></p>" + FILLER
        )
        article = page(tmp_path, body, head=head)
        assert article.date == "2025-03-03T09:00:00Z"
        assert [(b.kind, b.text) for b in article.blocks][:2] == [
            (T, "Headline"), (M, "By A. Writer, March 3, 2025"),
        ]  # fmt: skip
        assert texts(article).count("By A. Writer, March 3, 2025") == 1

    def test_declared_date_alone(self, tmp_path: Path) -> None:
        head = '<meta property="article:published_time" content="2025-03-03">'
        article = page(tmp_path, f"<h1>Headline</h1>{FILLER}", head=head)
        assert article.date == "2025-03-03"
        assert [(b.kind, b.text) for b in article.blocks][:3] == [
            (T, "Headline"), (M, "2025-03-03"), (P, texts(article)[2]),
        ]  # fmt: skip

    def test_time_element_in_the_article(self, tmp_path: Path) -> None:
        body = f"<h1>Headline</h1>{FILLER}<p>Updated <time datetime='2024-12-01'>1 Dec</time></p>"
        article = page(tmp_path, body)
        assert article.date == "2024-12-01"
        assert [(b.kind, b.text) for b in article.blocks] == [
            (T, "Headline"), (M, "Updated 1 Dec"), (P, FILLER[3:-4]),
        ]  # fmt: skip

    def test_time_element_inside_a_long_paragraph(self, tmp_path: Path) -> None:
        paragraph = (
            "<p>The council met on <time datetime='2024-12-01'>the first of December</time> "
            "and agreed, after a long debate, to keep the library open on Sundays.</p>"
        )
        article = page(tmp_path, f"<h1>Headline</h1>{paragraph}{FILLER}")
        assert article.date == "2024-12-01"
        assert [(b.kind, b.text) for b in article.blocks][:3] == [
            (T, "Headline"), (M, "the first of December"), (P, texts(article)[2]),
        ]  # fmt: skip
        assert texts(article)[2].startswith("The council met on the first of December and")

    def test_date_line_opening_an_article_named_by_its_title_element(self, tmp_path: Path) -> None:
        article = page(
            tmp_path, f"<p>Published: March 3, 2025</p>{FILLER}", head="<title>T</title>"
        )
        assert article.date == "March 3, 2025"
        assert [b.kind for b in article.blocks] == [T, M, P]

    def test_date_line_under_the_title(self, tmp_path: Path) -> None:
        article = page(tmp_path, f"<h1>Headline</h1><p>Published: March 3, 2025</p>{FILLER}")
        assert article.date == "March 3, 2025"
        assert [(b.kind, b.text) for b in article.blocks][:2] == [
            (T, "Headline"), (M, "Published: March 3, 2025"),
        ]  # fmt: skip

    def test_no_date(self, tmp_path: Path) -> None:
        article = page(tmp_path, f"<h1>Headline</h1>{FILLER}")
        assert article.date is None
        assert M not in {block.kind for block in article.blocks}
