"""Pages from the web in the app, headless, against a local HTTP server: ``hamish URL`` starts at
once and fetches with its progress shown, Escape stops, a failure is one line naming the URL,
ctrl+o / the palette's "Open URL…" does the same, and a saved page opens from the library."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

from hamish.core.opening import identify
from hamish.core.store import Store
from hamish.core.web.pages import fetch_page
from hamish.core.web.progress import size_text
from hamish.core.web.saved import save_url
from hamish.ui.app import HamishApp
from hamish.ui.screens.dialogs import UrlDialog
from hamish.ui.screens.fetching import FetchScreen
from hamish.ui.screens.info import info_rows
from hamish.ui.screens.library import LibraryScreen
from hamish.ui.screens.reader import ReaderScreen
from tests.web_server import Page, Site, article_page, closed_port, serving

TITLE = "مفاوضات باريس"
TEXT = "قالت الصحيفة إن المفاوضات في باريس استمرت ثلاثة أيام قبل أن يتفق الطرفان على بيان مشترك."
HEAD = '<meta property="og:site_name" content="الصحيفة">'


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    with serving(monkeypatch) as running:
        running.pages["/news"] = Page(
            article_page(TITLE, TEXT, lang="ar", head=HEAD, charset="utf-8")
        )
        yield running


def gated(site: Site, path: str) -> threading.Event:
    """A long page at ``path`` that stops halfway until the returned event is set."""
    gate = threading.Event()
    body = article_page(TITLE, TEXT * 300, lang="ar", charset="utf-8")
    site.pages[path] = Page(body, gate=gate)
    return gate


async def until(pilot: Pilot[None], condition: Callable[[], object], what: str) -> None:
    """Let the app (and the fetching thread) run until ``condition()`` holds."""
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


def messages(app: HamishApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def url_app(url: str, store: Store) -> HamishApp:
    return HamishApp([url], store=store, use_bidi_driver=False)


def background_threads() -> list[threading.Thread]:
    """The app's daemon threads still running (a fetch), other tests' left out."""
    return [
        t
        for t in threading.enumerate()
        if t.name == "hamish-background" and t.is_alive() and t not in EARLIER
    ]


@pytest.fixture(autouse=True)
def earlier_threads() -> Iterator[None]:
    """A test that failed with a fetch still waiting leaves its thread behind for a while."""
    EARLIER.update(threading.enumerate())
    yield


EARLIER: set[threading.Thread] = set()


async def test_a_url_opens_over_the_library_after_showing_its_progress(
    site: Site, store: Store
) -> None:
    gate = gated(site, "/long")
    url = site.url("/long")
    app = url_app(url, store)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, FetchScreen), "the fetch dialog")
        dialog = app.screen
        assert isinstance(dialog, FetchScreen)
        size = len(site.pages["/long"].body)
        halfway = f"{size_text(size // 2)} of {size_text(size)} ({size // 2 * 100 // size}%)"
        await until(pilot, lambda: dialog.status == halfway, "the first half, in bytes")
        assert str(dialog.query_one("#fetch-status", Static).render()) == halfway
        assert isinstance(app.screen_stack[-2], LibraryScreen)  # the UI is up meanwhile
        gate.set()
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        assert pane.article.title == TITLE and pane.article.web is not None
        assert pane.article.web.final_url == url
        assert pane.session is not None and pane.session.record.url == url
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_a_page_that_arrives_under_another_screen_opens_when_it_closes(
    site: Site, store: Store
) -> None:
    gate = gated(site, "/long")
    app = url_app(site.url("/long"), store)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, FetchScreen), "the fetch dialog")
        await pilot.press("ctrl+p")  # the palette, over the dialog
        assert isinstance(app.screen, CommandPalette)
        gate.set()
        await until(pilot, lambda: not background_threads(), "the fetch to end")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)  # not closed under the user's feet
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        assert [type(s) for s in app.screen_stack] == [LibraryScreen, ReaderScreen]


async def test_escape_stops_a_fetch_at_once(site: Site, store: Store) -> None:
    gate = gated(site, "/long")
    url = site.url("/long")
    app = url_app(url, store)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, FetchScreen), "the fetch dialog")
        await until(pilot, lambda: " of " in app.screen.status, "progress")  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert f"Stopped: {url}" in messages(app)
        gate.set()  # the fetch reads on, sees it was stopped, and opens nothing
        await until(pilot, lambda: not background_threads(), "the fetch to end")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert not any(isinstance(screen, ReaderScreen) for screen in app.screen_stack)
        assert messages(app) == [f"Stopped: {url}"]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/report.pdf", "not an HTML page (application/pdf)"),
        (None, "cannot connect (connection refused)"),
    ],
)
async def test_a_failure_is_one_line_naming_the_url(
    site: Site, store: Store, path: str | None, reason: str
) -> None:
    site.pages["/report.pdf"] = Page(b"%PDF-1.4", "application/pdf")
    url = site.url(path) if path else f"http://127.0.0.1:{closed_port()}/x"
    app = url_app(url, store)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: messages(app), "a message")
        assert messages(app) == [f"{url}: {reason}"]
        assert isinstance(app.screen, LibraryScreen) and app.is_running


async def test_open_url_from_the_palette(site: Site, store: Store) -> None:
    app = HamishApp([], store=store, use_bidi_driver=False)
    async with app.run_test(size=(100, 32)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "App: Open URL…" in titles
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Open URL")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, UrlDialog), "the URL dialog")
        await pilot.press(*site.url("/news"), "enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        assert app.screen.pane.article.title == TITLE
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, UrlDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_a_saved_page_opens_from_the_library_without_fetching(
    site: Site, store: Store, data_dir: Path
) -> None:
    kept = save_url(store, site.url("/news"), data_dir / "articles")
    identify(store, kept.article)
    asked = len(site.requests)
    app = url_app(site.url("/news"), store)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        assert app.screen.pane.article.source == kept.path
    assert len(site.requests) == asked


def test_the_info_screen_names_a_web_articles_url_site_and_fetch_date(site: Site) -> None:
    article = fetch_page(site.url("/news")).article
    rows = {label: value.plain for label, value in info_rows(article, None, ())}
    assert "File" not in rows
    assert rows["URL"] == site.url("/news")
    assert rows["Site"].strip() == "ﺔﻔﻴﺤﺼﻟﺍ"  # الصحيفة, shaped by the engine
    assert article.web is not None and article.web.fetched is not None
    assert rows["Fetched"] == f"{article.web.fetched[:10]} {article.web.fetched[11:16]} UTC"


async def test_a_bad_timeout_variable_is_said_in_the_app(
    site: Site, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMISH_HTTP_TIMEOUT", "soon")
    app = url_app(site.url("/news"), store)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: messages(app), "a message")
        assert messages(app) == [
            f"{site.url('/news')}: HAMISH_HTTP_TIMEOUT must be a number of seconds, not 'soon'"
        ]
