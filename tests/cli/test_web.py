"""URLs on the command line: ``hamish add URL``, and a URL wherever a PATH goes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamish.core.loaders.saved_page import sidecar_path
from hamish.core.store import Store
from tests.cli.conftest import Hamish, annotate, assert_one_error_line, no_raw_controls
from tests.web_server import Page, Site, article_page, closed_port

TEXT = "قالت الصحيفة إن المفاوضات في باريس استمرت ثلاثة أيام قبل أن يتفق الطرفان على بيان مشترك."
TITLE = "مفاوضات باريس"
HEAD = (
    '<link rel="canonical" href="/news/paris">'
    '<meta property="og:site_name" content="الصحيفة">'
    '<meta name="author" content="سلمى">'
)


@pytest.fixture
def page(site: Site) -> str:
    """An Arabic article in Windows-1256, its charset only in the HTTP header."""
    body = article_page(TITLE, TEXT, lang="ar", head=HEAD, charset="cp1256")
    site.pages["/news/paris"] = Page(body, "text/html; charset=windows-1256")
    site.redirect("/p", "/news/paris?from=rss")
    return site.url("/p")


def library(environment: Path) -> list[str]:
    folder = environment / "articles"
    return sorted(entry.name for entry in folder.iterdir()) if folder.exists() else []


def test_add_url_saves_the_page_as_fetched_with_its_description(
    hamish: Hamish, site: Site, page: str, environment: Path
) -> None:
    result = hamish("add", page)
    assert result.code == 0, result.err
    saved = environment / "articles" / f"{TITLE}.html"
    assert library(environment) == [saved.name, saved.name + ".meta.json"]
    assert saved.read_bytes() == site.pages["/news/paris"].body
    description = json.loads(sidecar_path(saved).read_text("utf-8"))
    assert description["url"] == page
    assert description["final_url"] == site.url("/news/paris?from=rss")
    assert description["canonical_url"] == site.url("/news/paris")
    assert (description["site"], description["author"]) == ("الصحيفة", "سلمى")
    assert description["charset"] == "windows-1256"
    assert result.out == f"{page} -> {saved} ({TITLE} · الصحيفة)\n"
    with Store.open() as store:
        (record,) = store.list_articles()
    assert (record.url, record.site, record.path) == (
        site.url("/news/paris"),
        "الصحيفة",
        str(saved.resolve()),
    )
    again = hamish("add", page)
    assert again.code == 0 and "already in the library" in again.out
    assert len(library(environment)) == 2


def test_list_names_the_site_and_url(hamish: Hamish, site: Site, page: str) -> None:
    hamish("add", page)
    listed = hamish("list").out
    entry = listed[listed.index(TITLE) :].split("\n\n")[0].splitlines()
    assert entry[1].startswith("    الصحيفة · 0 annotations")
    assert entry[2] == "    " + site.url("/news/paris")


@pytest.mark.parametrize(
    ("path", "page", "reason"),
    [
        ("/missing", None, "HTTP 404 Not Found"),
        ("/broken", Page(b"boom", status=500), "HTTP 500 Internal Server Error"),
        ("/doc.pdf", Page(b"%PDF-1.4", "application/pdf"), "not an HTML page (application/pdf)"),
        ("/slow", Page(stall=True), "timed out"),
        (
            "/shell",
            Page(b"<html><head><title>t</title></head><body></body></html>"),
            "no article text found",
        ),
    ],
)
def test_add_url_failures_are_one_line_and_write_nothing(
    hamish: Hamish,
    site: Site,
    environment: Path,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    page: Page | None,
    reason: str,
) -> None:
    # A short bound only where the server stalls on purpose; the others answer at once, and a
    # busy machine must not turn their answer into a timeout.
    monkeypatch.setenv("HAMISH_HTTP_TIMEOUT", "1.5" if page is not None and page.stall else "30")
    if page is not None:
        site.pages[path] = page
    result = hamish("add", site.url(path))
    assert result.code == 2
    assert_one_error_line(result.err, f"hamish: {site.url(path)}: {reason}")
    assert library(environment) == []


def test_unreachable_and_malformed_urls(hamish: Hamish, environment: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/a"
    result = hamish("add", url)
    assert result.code == 2
    assert_one_error_line(result.err, f"{url}: cannot connect (connection refused)")
    result = hamish("notes", "http://exa mple.org/")
    assert_one_error_line(result.err, "http://exa mple.org/: malformed URL")
    assert library(environment) == []


def test_a_bad_timeout_variable_is_named(
    hamish: Hamish, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMISH_HTTP_TIMEOUT", "soon")
    result = hamish("add", page)
    assert_one_error_line(result.err, "HAMISH_HTTP_TIMEOUT must be a number of seconds")
    result = hamish(page)
    assert result.code == 2
    assert_one_error_line(result.err, "HAMISH_HTTP_TIMEOUT must be a number of seconds")


def test_add_keeps_going_after_a_bad_url(
    hamish: Hamish, site: Site, page: str, environment: Path
) -> None:
    result = hamish("add", site.url("/nothing"), page)
    assert result.code == 2
    assert_one_error_line(result.err, "HTTP 404")
    assert f"{TITLE}.html" in library(environment)


def test_a_saved_page_is_used_offline_by_url(hamish: Hamish, site: Site, page: str) -> None:
    hamish("add", page)
    asked = len(site.requests)
    # By the URL asked for, the one reached, or the canonical one.
    annotate(hamish, page, "المفاوضات في باريس", "--note", "ثلاثة أيام")
    notes = hamish("notes", site.url("/news/paris"), "--plain")
    assert notes.code == 0, notes.err
    assert notes.out.splitlines()[1] == site.url("/news/paris")
    assert "ثلاثة أيام" in notes.out
    found = hamish("search", "بيان مشترك", site.url("/news/paris?from=rss"))
    assert found.code == 0 and TITLE in found.out
    assert len(site.requests) == asked  # nothing was fetched again


def test_an_unsaved_url_is_fetched_each_time_and_remembered_by_url(
    hamish: Hamish, site: Site, page: str, environment: Path
) -> None:
    annotate(hamish, page, "بيان مشترك")
    assert library(environment) == []
    with Store.open() as store:
        (record,) = store.list_articles()
    assert (record.path, record.url) == (None, site.url("/news/paris"))
    asked = len(site.requests)
    assert hamish("notes", page).code == 0
    assert len(site.requests) > asked
    listed = hamish("list").out
    assert "read from the web, not saved" in listed
    exported = hamish("export", "--all")
    assert exported.code == 0
    assert_one_error_line(exported.err, f"{site.url('/news/paris')}: read from the web, not saved")
    assert f'\nsource: "{site.url("/news/paris")}"\n' in exported.out


def test_exports_carry_the_url(hamish: Hamish, site: Site, page: str) -> None:
    hamish("add", page)
    annotate(hamish, page, "المفاوضات في باريس")
    canonical = site.url("/news/paris")
    markdown = hamish("export", page).out
    assert f'\nsource: "{canonical}"\n' in markdown
    document = json.loads(hamish("export", page, "--format", "json").out)
    (item,) = document["first"]["items"]
    assert item["target"]["source"] == canonical
    assert item["target"]["hamish:article"].startswith("urn:hamish:article:")
    assert document["hamish:article"]["url"] == canonical
    assert document["hamish:article"]["source"].startswith("file://")


def test_import_matches_a_saved_page_by_url(
    hamish: Hamish, site: Site, page: str, environment: Path
) -> None:
    """A Hypothesis-style annotation names only the page's URL and the quote."""
    hamish("add", page)
    (environment / "hamish.json").unlink()
    (environment / "hamish.json.bak").unlink(missing_ok=True)
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hypothes.is/a/abc123",
        "type": "Annotation",
        "bodyValue": "from another tool",
        "target": {
            "source": site.url("/news/paris"),
            "selector": [{"type": "TextQuoteSelector", "exact": "ثلاثة أيام"}],
        },
    }
    result = hamish("import", "-", stdin=json.dumps(foreign).encode())
    assert result.code == 0, result.err
    assert result.out.startswith("imported 1, skipped 0 (already present), unmatched 0")
    notes = hamish("notes", page, "--plain").out
    assert "from another tool" in notes


def test_hostile_titles_from_the_web_are_drawn_safely(hamish: Hamish, site: Site) -> None:
    body = article_page("\x1b]0;owned\x07\x1b[2J عنوان", TEXT, lang="ar", charset="utf-8")
    site.pages["/evil"] = Page(body)
    result = hamish("add", site.url("/evil"), "--visual")
    assert result.code == 0, result.err
    assert no_raw_controls([result.out, hamish("list", "--visual").out])
