"""Web pages as articles: charsets (header, meta, detection), extraction, metadata, and pages
saved to the library and read back offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamish.core.article import BlockKind
from hamish.core.library import library_entries
from hamish.core.loaders import load_article
from hamish.core.loaders.saved_page import read_sidecar, sidecar_path
from hamish.core.web.fetch import FetchError
from hamish.core.web.pages import fetch_page
from hamish.core.web.saved import find_saved_page, save_page
from tests.web_server import Page, Site, article_page, html

ARABIC = "تقول الدراسة إن القراءة اليومية تحسن الذاكرة وتزيد التركيز لدى الطلاب في المدارس."
HEBREW = "המחקר מראה כי קריאה יומית משפרת את הזיכרון ומגבירה את הריכוז אצל תלמידים."
PERSIAN = "پژوهش نشان می‌دهد که خواندن روزانه حافظه را بهتر می‌کند و تمرکز را می‌افزاید."


@pytest.mark.parametrize(
    ("text", "lang", "charset", "content_type", "head"),
    [
        # The header names the charset, the page does not.
        (ARABIC, "ar", "windows-1256", "text/html; charset=windows-1256", ""),
        # Only the page's meta names it.
        (HEBREW, "he", "iso-8859-8", "text/html", '<meta charset="iso-8859-8">'),
        # Nothing names it: UTF-8 is recognised.
        (PERSIAN, "fa", "utf-8", "text/html", ""),
        # Nothing names it: the code page is detected.
        (ARABIC, "ar", "windows-1256", "text/html", ""),
    ],
)
def test_rtl_pages_decode_from_header_meta_or_detection(
    site: Site, text: str, lang: str, charset: str, content_type: str, head: str
) -> None:
    title = " ".join(text.split()[:2])
    site.pages["/p"] = Page(article_page(title, text, lang=lang, head=head, charset=charset))
    site.pages["/p"].content_type = content_type
    article = fetch_page(site.url("/p")).article
    assert article.text.count(text) == 4
    assert article.title == title
    assert article.format == "html"
    assert article.blocks[1].direction == "rtl"


def test_the_header_charset_outranks_the_pages_meta(site: Site) -> None:
    body = article_page("כותרת", HEBREW, lang="he", head='<meta charset="utf-8">', charset="cp1255")
    site.pages["/he"] = Page(body, "text/html; charset=windows-1255")
    article = fetch_page(site.url("/he")).article
    assert HEBREW in article.text
    assert article.encoding == "windows-1255"


def test_a_gzip_page_reads_like_any_other(site: Site) -> None:
    site.pages["/z"] = Page(
        article_page("عنوان", ARABIC, lang="ar", charset="utf-8"), encoding="gzip"
    )
    assert ARABIC in fetch_page(site.url("/z")).article.text


def test_the_page_describes_itself(site: Site) -> None:
    head = (
        "<title>Headline | The Daily</title>"
        '<link rel="canonical" href="/story/42">'
        '<meta property="og:site_name" content="The Daily">'
        '<meta name="author" content="Rania Haddad">'
        '<meta property="article:published_time" content="2025-11-02T08:00:00Z">'
    )
    site.pages["/story/42"] = Page(
        article_page("عنوان المقال", ARABIC, lang="ar", head=head, charset="utf-8")
    )
    site.redirect("/s/42", "/story/42?utm_source=feed")
    page = fetch_page(site.url("/s/42"))
    origin = page.info.origin
    assert origin.requested_url == site.url("/s/42")
    assert origin.final_url == site.url("/story/42?utm_source=feed")
    assert origin.canonical_url == site.url("/story/42")
    assert origin.url == site.url("/story/42")
    assert (origin.site, origin.author) == ("The Daily", "Rania Haddad")
    assert origin.fetched and origin.fetched.endswith("Z")
    assert page.article.title == "عنوان المقال"
    assert page.article.date == page.info.published == "2025-11-02T08:00:00Z"
    assert page.article.web == origin


def test_without_a_site_name_the_host_names_the_site(site: Site) -> None:
    site.pages["/a"] = Page(article_page("t", ARABIC, lang="ar", charset="utf-8"))
    assert fetch_page(site.url("/a")).info.origin.site == "127.0.0.1"


def test_a_pdf_is_not_an_html_page(site: Site) -> None:
    site.pages["/doc.pdf"] = Page(b"%PDF-1.7\n...", "application/pdf")
    with pytest.raises(FetchError) as caught:
        fetch_page(site.url("/doc.pdf"))
    assert str(caught.value) == f"{site.url('/doc.pdf')}: not an HTML page (application/pdf)"


def test_a_page_without_article_text(site: Site) -> None:
    """A script-built page: the text would come from JavaScript, which hamish does not run."""
    shell = '<div id="app"></div><script>document.body.append("hello")</script>'
    site.pages["/empty"] = Page(html(shell, head="<title>App</title>"))
    with pytest.raises(FetchError) as caught:
        fetch_page(site.url("/empty"))
    assert str(caught.value).endswith(": no article text found")


def test_escape_sequences_from_the_web_stay_in_the_text_as_characters(site: Site) -> None:
    """The loader keeps them; every renderer draws them as symbols (as for files)."""
    hostile = f"{ARABIC} \x1b[2J\x1b]0;owned\x07"
    site.pages["/x"] = Page(article_page("\x1b[31mtitle", hostile, lang="ar", charset="utf-8"))
    article = fetch_page(site.url("/x")).article
    assert "\x1b[2J" in article.text


def test_a_saved_page_is_the_bytes_as_fetched_and_reads_offline_the_same(
    site: Site, tmp_path: Path
) -> None:
    body = article_page(
        "عنوان", ARABIC, lang="ar", head='<link rel="canonical" href="/c">', charset="cp1256"
    )
    site.pages["/ar"] = Page(body, "text/html; charset=windows-1256")
    page = fetch_page(site.url("/ar"))
    library = tmp_path / "library"
    saved = save_page(page, library)
    assert saved == library / "عنوان.html"
    assert saved.read_bytes() == body
    description = json.loads(sidecar_path(saved).read_text("utf-8"))
    assert description["charset"] == "windows-1256"
    assert description["final_url"] == site.url("/ar")
    assert description["canonical_url"] == site.url("/c")
    # Offline: the server is no longer asked.
    asked = len(site.requests)
    offline = load_article(saved)
    assert len(site.requests) == asked
    assert offline.text == page.article.text
    assert offline.key == page.article.key
    assert offline.web == page.article.web
    assert offline.source == saved


def test_saving_never_overwrites_and_finds_pages_by_any_of_their_urls(
    site: Site, tmp_path: Path
) -> None:
    site.pages["/one"] = Page(
        article_page(
            "Same", ARABIC, lang="ar", head='<link rel="canonical" href="/canon">', charset="utf-8"
        )
    )
    site.redirect("/short", "/one")
    library = tmp_path / "library"
    library.mkdir()
    (library / "Same.html").write_text("a user's own file")
    first = save_page(fetch_page(site.url("/short")), library)
    assert first.name == "Same (2).html"
    assert (library / "Same.html").read_text() == "a user's own file"
    for url in (site.url("/short"), site.url("/one"), site.url("/canon"), site.url("/canon#part")):
        assert find_saved_page(library, url) == first
    assert find_saved_page(library, site.url("/other")) is None
    second = save_page(fetch_page(site.url("/one")), library)
    assert second.name == "Same (3).html"
    assert find_saved_page(library, site.url("/canon")) == second  # the newest copy


def test_a_failed_html_write_removes_its_description(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hamish.core.web.saved as saved_module

    site.pages["/a"] = Page(article_page("t", ARABIC, lang="ar", charset="utf-8"))
    page = fetch_page(site.url("/a"))

    real_create = saved_module.create_file

    def disk_full(path: Path, pieces: list[bytes], **options: object) -> None:
        if path.suffix == ".html":  # the description is written first, then this fails
            raise OSError(28, "No space left on device")
        real_create(path, pieces, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(saved_module, "create_file", disk_full)
    library = tmp_path / "library"
    with pytest.raises(OSError):
        save_page(page, library)
    assert list(library.iterdir()) == []


def test_a_damaged_description_leaves_an_ordinary_page_with_a_notice(
    site: Site, tmp_path: Path
) -> None:
    site.pages["/a"] = Page(article_page("t", ARABIC, lang="ar", charset="utf-8"))
    saved = save_page(fetch_page(site.url("/a")), tmp_path)
    sidecar_path(saved).write_text("{ not json")
    article = load_article(saved)
    assert article.web is None
    assert ARABIC in article.text
    assert len(article.notices) == 1 and "unusable" in article.notices[0]
    assert read_sidecar(saved).info is None


def test_the_library_lists_a_saved_page_with_its_site_once(site: Site, tmp_path: Path) -> None:
    head = '<meta property="og:site_name" content="الجريدة">'
    site.pages["/a"] = Page(article_page("عنوان", ARABIC, lang="ar", head=head, charset="utf-8"))
    library = tmp_path / "library"
    save_page(fetch_page(site.url("/a")), library)
    entries = library_entries(None, bundled=tmp_path / "none", library=library)
    assert [(e.title, e.site, e.url) for e in entries] == [("عنوان", "الجريدة", site.url("/a"))]
    assert entries[0].problem is None
    assert entries[0].path is not None
    assert load_article(entries[0].path).blocks[0].kind is BlockKind.TITLE
