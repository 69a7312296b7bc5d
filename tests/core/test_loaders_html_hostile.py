"""Hostile and broken HTML: control characters kept as text, pages without text, truncated and
garbage files, an extractor that fails; and properties over random bytes and tag soup."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.article import Article, BlockKind
from hamish.core.loaders import (
    EMPTY_NOTICE,
    NO_TEXT_NOTICE,
    LoadError,
    article_from_text,
    load_article,
)
from hamish.core.loaders.decode import DecodedText

FIXTURES = Path(__file__).parent / "fixtures" / "loaders" / "html"
OPENING = "Start of a paragraph long enough to be the article's main text, then "
CLOSING = " and the sentence goes on well past the inserted characters to its end."


def write(tmp_path: Path, content: str | bytes, name: str = "page.html") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def article_page(paragraph_html: str, *, head: str = "<title>Page</title>") -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>A headline</h1>"
        f"<p>{OPENING}{paragraph_html}{CLOSING}</p></article></body></html>"
    )


def assert_consistent(article: Article) -> None:
    assert "\n" not in article.title
    for block in article.blocks:
        assert block.text
        assert "\n" not in block.text
        assert article.text[block.start : block.end] == block.text
    if not article.blocks:
        assert article.notices in {(EMPTY_NOTICE,), (NO_TEXT_NOTICE,)}


class TestControlCharacters:
    def test_escape_sequences_and_controls_are_text(self, tmp_path: Path) -> None:
        paragraph = "a \x07 bell, \x1b[31mred\x1b[0m, a \x0b tab, \x1c, \x85 and &#27;[1m"
        article = load_article(write(tmp_path, article_page(paragraph)))
        expected = "a \x07 bell, \x1b[31mred\x1b[0m, a \x0b tab, \x1c, \x85 and \x1b[1m"
        assert article.blocks[1].text == OPENING + expected + CLOSING

    def test_format_characters_are_kept(self, tmp_path: Path) -> None:
        paragraph = "می\u200cخواهم, \u200fמרק\u200e, \u202eevil\u202c and \u00adshy"
        article = load_article(write(tmp_path, article_page(paragraph)))
        assert article.blocks[1].text == OPENING + paragraph + CLOSING

    @settings(deadline=None, max_examples=60)
    @given(
        inserted=st.text(
            st.characters(
                blacklist_categories=("Cs",),
                blacklist_characters="\x00\r\u2424",
            ),
            max_size=30,
        )
    )
    def test_any_characters_survive(self, inserted: str) -> None:
        decoded = DecodedText(article_page(html.escape(inserted, quote=False)), "utf-8")
        article = article_from_text(decoded, article_format="html", fallback_title="t")
        expected = re.sub("[ \t\n\f]+", " ", OPENING + inserted + CLOSING)
        assert article.blocks[1].text == expected


class TestNoText:
    @pytest.mark.parametrize(
        "page",
        [
            "<html><head><title>Only a title</title></head><body></body></html>",
            "<html><head><title>Only a title</title><script>var text = 'hidden words';</script>"
            "<style>body{}</style></head><body><img src='a.png'><!-- a comment --></body></html>",
            "<title>Only a title</title><body><select><option>One</option></select><hr></body>",
        ],
    )
    def test_notice(self, tmp_path: Path, page: str) -> None:
        article = load_article(write(tmp_path, page))
        assert article.blocks == ()
        assert article.notices == (NO_TEXT_NOTICE,)
        assert article.title == "Only a title"
        assert article.format == "html"

    @pytest.mark.parametrize("content", [b"", b"  \n\t\n", b"</p>", b"<!-- x", b"<br><hr>"])
    def test_empty_or_nothing(self, tmp_path: Path, content: bytes) -> None:
        article = load_article(write(tmp_path, content, "blank.htm"))
        assert article.blocks == ()
        assert article.notices in {(EMPTY_NOTICE,), (NO_TEXT_NOTICE,)}
        assert article.title == "blank"


def test_plain_text_named_html_is_still_read(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "Just a line of text, no markup at all."))
    assert [block.text for block in article.blocks] == ["Just a line of text, no markup at all."]


def test_xhtml_with_an_xml_declaration(tmp_path: Path) -> None:
    page = '<?xml version="1.0" encoding="UTF-8"?>\n' + article_page("in XHTML")
    article = load_article(write(tmp_path, page, "page.xhtml"))
    assert article.blocks[1].text == OPENING + "in XHTML" + CLOSING


def test_truncated_page(tmp_path: Path) -> None:
    data = (FIXTURES / "news-ar.html").read_bytes()
    cut = data.index("ويرى مؤرخو".encode()) + 30
    article = load_article(write(tmp_path, data[:cut]))
    assert article.title == "القراءة في الهوامش تعود بصيغة رقمية"
    assert article.blocks[2].text.startswith("أظهرت دراسة جديدة")
    assert_consistent(article)


def test_deep_nesting(tmp_path: Path) -> None:
    page = "<div>" * 20_000 + "deep" + "</div>" * 20_000 + "<p>" + OPENING + CLOSING + "</p>"
    try:
        article = load_article(write(tmp_path, page))
    except LoadError:
        return
    assert_consistent(article)


def test_extractor_failure_falls_back_to_the_article_element(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(trafilatura, "bare_extraction", fail)
    article = load_article(FIXTURES / "news-ar.html")
    assert [block.kind for block in article.blocks[:3]] == [
        BlockKind.TITLE, BlockKind.META, BlockKind.PARAGRAPH,
    ]  # fmt: skip
    assert article.blocks[-1].text.startswith("شارك المقال")  # less precise, but readable
    for chrome in ("ملفات تعريف الارتباط", "تكنولوجيا", "معرض الكتاب", "مقال رائع"):
        assert chrome not in article.text


def test_without_an_article_element_the_fallback_skips_navigation(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    page = (
        "<body><header><a href='/'>Site</a></header><nav><a href='/a'>Section</a></nav>"
        "<div><h2>Heading</h2><p>Body text.</p></div><aside>Popular</aside>"
        "<div role='navigation'>Pages 1 2 3</div><footer>Copyright</footer></body>"
    )
    article = load_article(write(tmp_path, page))
    assert [block.text for block in article.blocks] == ["Heading", "Body text."]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("random-html")


@settings(deadline=None, max_examples=150)
@given(data=st.binary(max_size=800), suffix=st.sampled_from([".html", ".htm"]))
def test_random_bytes_give_an_article_or_a_load_error(
    scratch: Path, data: bytes, suffix: str
) -> None:
    path = write(scratch, data, f"random{suffix}")
    try:
        article = load_article(path)
    except LoadError as error:
        assert error.path == path
        assert len(str(error).splitlines()) == 1
        return
    assert_consistent(article)


TAG_SOUP = [
    "<p>", "</p>", "<div dir='rtl'>", "</div>", "<ol start=3 reversed>", "<ol type=i>", "<ul>",
    "</ul>", "<li value=x>", "<li>", "</li>", "</ol>", "<h1>", "</h1>", "<h2 dir=auto>",
    "</h2>", "<blockquote>", "</blockquote>", "<br>", "<pre>", "</pre>", "<table><tr><td>",
    "</td><td>", "<tr>", "</table>", "<script>", "</script>", "<style>", "<!--", "-->",
    "<title>", "</title>", "<meta property='og:title' content='og'>", "<time datetime='2025'>",
    "<meta property='article:published_time' content='2025-01-02'>", "</time>", "&amp;",
    "&#27;", "&#0;", "&nbsp;", "&bogus;", "\x1b[31m", "\x07", "سلام عليكم ", "שלום ", "word ",
    "Some longer sentence of English text that an extractor might keep. ", "<a href=x>",
    "</a>", "<nav>", "</nav>", "<", ">", '"', "'", "<?xml version='1.0' encoding='utf-8'?>",
    "<html lang=he>", "<body dir=ltr>", "\n", "\u200c", "<img alt=x>", "<hr>", "<dl><dt>",
    "<dd>", "<p hidden>", "<span style='display:none'>", "<button>", "</button>", "<svg>",
]  # fmt: skip


@settings(deadline=None, max_examples=200)
@given(pieces=st.lists(st.one_of(st.sampled_from(TAG_SOUP), st.text(max_size=20)), max_size=60))
def test_tag_soup_parses_consistently(pieces: list[str]) -> None:
    decoded = DecodedText("".join(pieces).replace("\x00", ""), "utf-8")
    article = article_from_text(decoded, article_format="html", fallback_title="t")
    assert_consistent(article)
    assert article.format == "html"
