"""The library's Feeds section, headless, against a local HTTP server: items new and unread
first with their dates, titles drawn by the engine; Enter opens an item and marks it read,
``s`` saves it to the library, ``r`` marks it read or unread, ``u`` updates with progress."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from hamish.core.layout.short_text import visual_string
from hamish.core.store import Store
from hamish.core.web.feed_store import Feed, FeedStore
from hamish.core.web.feed_update import add_feed
from hamish.ui.app import HamishApp
from hamish.ui.screens.library import LibraryScreen
from hamish.ui.screens.reader import ReaderScreen
from hamish.ui.widgets.feeds_section import FeedsSection
from tests.ui.conftest import screen_lines
from tests.ui.test_web_pilot import TEXT, messages, until
from tests.web_server import Page, Site, article_page, serving

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>صحيفة الصباح</title><link>/</link>{extra}
<item><title>مفاوضات باريس</title><link>/news/1</link><guid isPermaLink="false">1</guid>
  <pubDate>Mon, 05 Jan 2026 08:00:00 GMT</pubDate></item>
<item><title>Talks in Paris</title><link>/news/2</link><guid isPermaLink="false">2</guid>
  <pubDate>Tue, 06 Jan 2026 08:00:00 GMT</pubDate></item>
</channel></rss>"""
URGENT = """<item><title>عاجل</title><link>/news/3</link><guid isPermaLink="false">3</guid>
  <pubDate>Sun, 04 Jan 2026 08:00:00 GMT</pubDate></item>"""


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Iterator[Site]:
    with serving(monkeypatch) as running:
        running.pages["/rss.xml"] = Page(RSS.format(extra="").encode(), "application/rss+xml")
        for number, title in (("1", "مفاوضات باريس"), ("2", "Talks in Paris"), ("3", "عاجل")):
            body = article_page(title, TEXT, lang="ar", charset="utf-8")
            running.pages[f"/news/{number}"] = Page(body)
        with closing(FeedStore.open(data_dir / "feeds.json")) as feeds:
            add_feed(feeds, running.url("/rss.xml"), now="2026-01-07T10:00:00.000Z")
        yield running


def stored_feed(data_dir: Path) -> Feed:
    with closing(FeedStore.open(data_dir / "feeds.json")) as feeds:
        (feed,) = feeds.feeds()
        return feed


def section(app: HamishApp) -> FeedsSection:
    library = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
    return library.query_one(FeedsSection)


def shown_items(app: HamishApp) -> list[tuple[str, str, bool]]:
    """(title, state, read) of every item the section lists, in order."""
    return [
        (item.title, feed.state(item), item.read)
        for feed, item in section(app).rows
        if item is not None
    ]


async def open_library(app: HamishApp, pilot: object) -> FeedsSection:
    await until(pilot, lambda: section(app).feeds, "the feeds")  # type: ignore[arg-type]
    feeds = section(app)
    feeds.option_list.focus()
    return feeds


def choose(feeds: FeedsSection, title: str) -> None:
    rows = [i for i, (_, item) in enumerate(feeds.rows) if item and item.title == title]
    feeds.option_list.highlighted = rows[0]


async def test_items_are_listed_new_first_with_dates_rtl_titles_right_aligned(
    site: Site, store: Store
) -> None:
    app = HamishApp([], store=store, use_bidi_driver=False)
    async with app.run_test(size=(100, 26)) as pilot:
        await until(pilot, lambda: section(app).feeds, "the feeds")
        await pilot.pause()
        # Half the height, the articles list scrolls: its titles still fit their rows.
        library = app.screen
        assert isinstance(library, LibraryScreen)
        first = visual_string(library.entries[0].title)
        assert any(first in line for line in screen_lines(app)), first
        await open_library(app, pilot)
        await pilot.pause()
        assert shown_items(app) == [
            ("Talks in Paris", "new", False),
            ("مفاوضات باريس", "new", False),
        ]
        lines = screen_lines(app)
        heading = str(section(app).query_one("#feeds-heading", Static).render())
        assert heading.startswith("Feeds · 2 new · 2 unread")
        for title in ("صحيفة الصباح", "مفاوضات باريس"):
            row = next(line for line in lines if visual_string(title) in line)
            assert row.rstrip(" ▎▊").endswith(visual_string(title)), row  # right-aligned
            assert title not in row  # never in logical order
        assert any("new · 2026-01-05" in line for line in lines)
        assert any(
            "RSS · 2 new · 2 unread · checked 2026-01-07 10:00 UTC" in line for line in lines
        )


async def test_enter_opens_an_item_and_marks_it_read(
    site: Site, store: Store, data_dir: Path
) -> None:
    app = HamishApp([], store=store, use_bidi_driver=False)
    async with app.run_test(size=(100, 32)) as pilot:
        feeds = await open_library(app, pilot)
        choose(feeds, "مفاوضات باريس")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        assert app.screen.pane.article.title == "مفاوضات باريس"
        assert app.screen.pane.article.web is not None
        await until(pilot, lambda: ("مفاوضات باريس", "read", True) in shown_items(app), "read")
        states = {item.id: item.read for item in stored_feed(data_dir).items}
        assert states == {"1": True, "2": False}
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert shown_items(app)[-1] == ("مفاوضات باريس", "read", True)  # read ones last
        choose(section(app), "مفاوضات باريس")
        await pilot.press("r")
        # Unread again, it is one of what the last update found: new.
        await until(pilot, lambda: ("مفاوضات باريس", "new", False) in shown_items(app), "r")
        assert not any(item.read for item in stored_feed(data_dir).items)


async def test_s_saves_an_item_to_the_library(site: Site, store: Store, data_dir: Path) -> None:
    app = HamishApp([], store=store, use_bidi_driver=False)
    async with app.run_test(size=(100, 32)) as pilot:
        feeds = await open_library(app, pilot)
        choose(feeds, "Talks in Paris")
        await pilot.press("s")
        saved = data_dir / "articles" / "Talks in Paris.html"
        await until(pilot, lambda: f"Saved in the library: {saved}" in messages(app), "saved")
        assert saved.read_bytes() == site.pages["/news/2"].body
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert saved in [entry.path for entry in library.entries]  # listed at once
        await until(pilot, lambda: not app.writer.pending, "the record written")  # type: ignore[union-attr]
        (record,) = store.list_articles()
        assert (record.path, record.url) == (str(saved.resolve()), site.url("/news/2"))
        await pilot.press("s")
        already = f"Already in the library: {saved}"
        await until(pilot, lambda: already in messages(app), "already saved")
        assert sorted(p.name for p in saved.parent.iterdir()) == [
            saved.name,
            saved.name + ".meta.json",
        ]


async def test_u_updates_the_feeds_with_progress(site: Site, store: Store) -> None:
    gate = threading.Event()
    newer = RSS.format(extra=URGENT).encode()
    site.pages["/rss.xml"] = Page(newer, "application/rss+xml", gate=gate)
    app = HamishApp([], store=store, use_bidi_driver=False)
    async with app.run_test(size=(100, 32)) as pilot:
        feeds = await open_library(app, pilot)
        await pilot.press("u")
        heading = feeds.query_one("#feeds-heading", Static)
        await until(pilot, lambda: "updating: 0 of 1 checked" in str(heading.render()), "0 of 1")
        gate.set()
        await until(pilot, lambda: "Feeds updated: 1 new item" in messages(app), "updated")
        await until(pilot, lambda: shown_items(app)[0][0] == "عاجل", "the new item listed")
        assert shown_items(app)[0] == ("عاجل", "new", False)
        assert ("مفاوضات باريس", "unread", False) in shown_items(app)  # no longer new
        assert "updating" not in str(heading.render())


async def test_a_damaged_feeds_file_is_said_and_the_library_still_works(
    store: Store, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "feeds.json").write_bytes(b'{"feeds": {"1": ')
    app = HamishApp([], store=store, use_bidi_driver=False)
    async with app.run_test(size=(100, 32)) as pilot:
        # The message is posted to the app as the problem is set: wait for both.
        await until(pilot, lambda: section(app).problem and messages(app), "the problem")
        said = messages(app)
        assert len(said) == 1 and "feeds.json is not valid JSON" in said[0]
        heading = str(section(app).query_one("#feeds-heading", Static).render())
        assert heading.startswith("Feeds: cannot be shown: ")
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#library-list", OptionList).option_count >= 5
