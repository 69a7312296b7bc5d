"""A URL as the app and every command read it: the saved copy if there is one, else fetched;
saved once; and how far a fetch has got, in words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hamish.core.opening import identify
from hamish.core.store import Store
from hamish.core.web.fetch import FetchError, Progress
from hamish.core.web.progress import progress_text, size_text
from hamish.core.web.saved import read_url, save_url
from hamish.core.web.settings import FetchSettings
from tests.web_server import Page, Site, article_page

TEXT = "שלום עולם, זהו מאמר קצר על ספרים וקוראים בעיר העתיקה."


@pytest.fixture
def page(site: Site) -> str:
    body = article_page("מאמר", TEXT, lang="he", charset="utf-8")
    site.pages["/article"] = Page(body)
    site.redirect("/short", "/article")
    return site.url("/short")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "hamish.json") as opened:
        yield opened


def test_an_unsaved_url_is_fetched_with_its_progress(site: Site, page: str, tmp_path: Path) -> None:
    seen: list[Progress] = []
    article = read_url(page, tmp_path / "library", progress=seen.append)
    assert article.title == "מאמר" and TEXT in article.text
    assert article.source is None and article.web is not None
    assert article.web.final_url == site.url("/article")
    body_size = len(site.pages["/article"].body)
    assert seen and seen[-1].received == body_size and seen[-1].expected == body_size


def test_a_saved_url_reads_the_library_copy_without_fetching(
    site: Site, page: str, tmp_path: Path, store: Store
) -> None:
    library = tmp_path / "library"
    kept = save_url(store, page, library)
    asked = len(site.requests)
    for url in (page, site.url("/article")):  # asked for, or reached after the redirect
        article = read_url(url, library)
        assert article.source == kept.path and TEXT in article.text
    assert len(site.requests) == asked


def test_a_page_is_saved_once(site: Site, page: str, tmp_path: Path, store: Store) -> None:
    library = tmp_path / "library"
    first = save_url(store, page, library)
    assert first.new and first.path.parent == library
    assert first.article.source == first.path.resolve()
    identify(store, first.article)  # what the caller does with a new page
    again = save_url(store, page, library)
    assert (again.new, again.path) == (False, first.path)
    assert sorted(entry.name for entry in library.iterdir()) == [
        first.path.name,
        first.path.name + ".meta.json",
    ]


def test_fetch_failures_name_the_url(
    site: Site, tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = site.url("/nothing")
    with pytest.raises(FetchError, match=f"^{missing}: HTTP 404"):
        read_url(missing, tmp_path)
    with pytest.raises(FetchError, match=f"^{missing}: HTTP 404"):
        save_url(store, missing, tmp_path / "library")
    assert not (tmp_path / "library").exists()
    monkeypatch.setenv("HAMISH_HTTP_TIMEOUT", "soon")
    with pytest.raises(FetchError, match=f"^{missing}: HAMISH_HTTP_TIMEOUT must be a number"):
        read_url(missing, tmp_path)
    assert FetchSettings.from_environment({"HAMISH_HTTP_TIMEOUT": "3"}).read_timeout == 1


def test_a_cancelled_fetch_stops(page: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="cancelled"):
        read_url(page, tmp_path, cancel=lambda: True)


@pytest.mark.parametrize(
    ("received", "expected", "said"),
    [
        (0, None, "0 bytes received"),
        (1, None, "1 byte received"),
        (1536, 4096, "1.5 KB of 4.0 KB (37%)"),
        (3 * 1024 * 1024, 20 * 1024 * 1024, "3.0 MB of 20.0 MB (15%)"),
        (5000, 4000, "4.9 KB of 3.9 KB (100%)"),  # a server that said less than it sent
        (10, 0, "10 bytes received"),
    ],
)
def test_progress_in_words(received: int, expected: int | None, said: str) -> None:
    assert progress_text(received, expected) == said


def test_sizes_in_words() -> None:
    assert size_text(1023) == "1,023 bytes"
    assert size_text(5 * 1024**4) == "5,120.0 GB"
