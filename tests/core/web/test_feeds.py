"""Feeds: RSS 2.0, Atom and RDF read with feedparser; following them in ``feeds.json``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from hamish.core.annotations.model import shown_time
from hamish.core.web.feed_store import Feed, FeedItem, FeedStore, feeds_in_order
from hamish.core.web.feed_update import MAX_ITEMS, add_feed, update_feed, update_feeds
from hamish.core.web.feeds import FeedFormatError, parse_feed
from hamish.core.web.fetch import FetchError
from tests.web_server import Page, Site, html

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
  <title>أخبار &amp; آراء</title><link>/</link>
  <item><title>الخبر الأول</title><link>/news/1</link>
    <pubDate>Tue, 06 Jan 2026 09:30:00 +0200</pubDate><guid isPermaLink="false">n1</guid></item>
  <item><title>A &lt;b&gt;bold&lt;/b&gt; claim</title><link>news/2</link>
    <pubDate>the day after tomorrow</pubDate><guid isPermaLink="false">n2</guid></item>
  <item><title>No date, no guid</title><link>https://elsewhere.example/x</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/">
  <title>בלוג</title><id>urn:blog</id><updated>2026-01-05T00:00:00Z</updated>
  <link rel="alternate" href="./"/>
  <entry><title>רשומה</title><id>urn:e1</id><link href="posts/1"/>
    <updated>2026-01-05T10:00:00Z</updated></entry>
  <entry><title type="html">&lt;em&gt;Old&lt;/em&gt; post</title><id>urn:e0</id>
    <link href="/blog/posts/0"/><updated>31/31/2025 99:99</updated></entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://x/"><title>RDF news</title><link>http://x/</link></channel>
  <item rdf:about="http://x/1"><title>First</title><link>http://x/1</link>
    <dc:date>2025-12-31T23:00:00Z</dc:date></item>
</rdf:RDF>
"""


@pytest.fixture
def feeds(tmp_path: Path) -> Iterator[FeedStore]:
    store = FeedStore.open(tmp_path / "feeds.json")
    yield store
    store.close()


def test_rss_links_are_made_absolute_and_bad_dates_dropped() -> None:
    parsed = parse_feed(RSS.encode(), "http://news.test/feeds/main.xml")
    assert (parsed.title, parsed.kind, parsed.link) == ("أخبار & آراء", "RSS", "http://news.test/")
    first, second, third = parsed.entries
    assert (first.title, first.link) == ("الخبر الأول", "http://news.test/news/1")
    assert first.published == "2026-01-06T07:30:00Z"
    assert first.id == "n1"
    assert second.link == "http://news.test/feeds/news/2"
    assert second.published is None
    assert second.id == "n2"
    assert third.id == "https://elsewhere.example/x"
    assert third.published is None


def test_atom_honours_xml_base_and_reduces_html_titles_to_text() -> None:
    parsed = parse_feed(ATOM.encode(), "http://blog.test/atom.xml")
    assert (parsed.title, parsed.kind) == ("בלוג", "Atom")
    new, old = parsed.entries
    assert new.link == "http://blog.test/blog/posts/1"
    assert new.published == "2026-01-05T10:00:00Z"
    assert old.title == "Old post"
    assert old.published is None


def test_rdf_is_read() -> None:
    parsed = parse_feed(RDF.encode(), "http://x/rdf")
    assert parsed.kind == "RDF"
    assert [(e.title, e.link, e.published) for e in parsed.entries] == [
        ("First", "http://x/1", "2025-12-31T23:00:00Z")
    ]


@pytest.mark.parametrize("data", [b"<html><body>a page</body></html>", b"garbage <<<", b""])
def test_what_is_not_a_feed_is_refused(data: bytes) -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse_feed(data, "http://x/")
    assert str(caught.value).startswith("not a feed")


def test_adding_a_feed_stores_its_items_all_new(site: Site, feeds: FeedStore) -> None:
    site.pages["/rss"] = Page(RSS.encode(), "application/rss+xml")
    checked = add_feed(feeds, site.url("/rss"), now="2026-01-07T10:00:00.000Z")
    assert checked is not None and checked.new_items == 3
    (feed,) = feeds.feeds()
    assert feed.title == "أخبار & آراء" and feed.url == site.url("/rss")
    assert feed.new == feed.unread == 3
    assert add_feed(feeds, site.url("/rss")) is None  # already followed
    assert len(feeds.feeds()) == 1


def test_a_page_that_announces_its_feed_is_followed_through_it(
    site: Site, feeds: FeedStore
) -> None:
    link = '<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
    site.pages["/blog/"] = Page(html("<p>a blog</p>", head=link))
    site.pages["/atom.xml"] = Page(ATOM.encode(), "application/atom+xml")
    checked = add_feed(feeds, site.url("/blog/"))
    assert checked is not None
    assert checked.feed.url == site.url("/atom.xml")


def test_a_feed_that_does_not_parse_is_not_added(site: Site, feeds: FeedStore) -> None:
    site.pages["/bad"] = Page(b"<rss><channel><title>x", "application/rss+xml")
    site.pages["/bad"].body = b"\x89PNG not xml at all"
    with pytest.raises(FetchError) as caught:
        add_feed(feeds, site.url("/bad"))
    assert str(caught.value).startswith(f"{site.url('/bad')}: not a feed")
    assert feeds.feeds() == []


def test_updates_are_conditional_and_find_only_new_items(site: Site, feeds: FeedStore) -> None:
    site.pages["/rss"] = Page(RSS.encode(), "application/rss+xml", etag='"1"')
    add_feed(feeds, site.url("/rss"), now="2026-01-07T10:00:00.000Z")
    feed = feeds.mark_read(site.url("/rss"), "n1")

    same = update_feed(feeds, feed, now="2026-01-07T11:00:00.000Z")
    assert same.not_modified and same.new_items == 0
    assert site.requests[-1].headers["if-none-match"] == '"1"'
    assert same.feed.checked == "2026-01-07T11:00:00.000Z"

    fresh = '<item><title>جديد</title><guid isPermaLink="false">n3</guid></item>'
    more = RSS.replace("<item>", fresh + "<item>", 1)
    site.pages["/rss"] = Page(more.encode(), "application/rss+xml", etag='"2"')
    changed = update_feed(feeds, same.feed, now="2026-01-07T12:00:00.000Z")
    assert changed.new_items == 1
    feed = changed.feed
    assert feed.etag == '"2"'
    order = [(item.title, feed.is_new(item), item.read) for item in feed.ordered_items()]
    assert order[0] == ("جديد", True, False)
    assert order[-1] == ("الخبر الأول", False, True)
    assert (feed.new, feed.unread) == (1, 3)


def test_read_state_set_during_an_update_is_kept(site: Site, tmp_path: Path) -> None:
    """The app marks an item read while ``feeds update`` (another process) is fetching."""
    site.pages["/rss"] = Page(RSS.encode(), "application/rss+xml")
    path = tmp_path / "feeds.json"
    updater, app = FeedStore.open(path), FeedStore.open(path)
    try:
        add_feed(updater, site.url("/rss"))
        stale = updater.feeds()[0]
        app.mark_read(site.url("/rss"), "n2")
        site.pages["/rss"] = Page(RSS.replace("n1", "n9").encode(), "application/rss+xml")
        update_feed(updater, stale)
        items = {item.id: item for item in app.feeds()[0].items}
        assert items["n2"].read
        assert "n9" in items and "n1" in items  # items that left the feed are kept
    finally:
        updater.close()
        app.close()


def test_a_failed_update_is_recorded_and_raised(site: Site, feeds: FeedStore) -> None:
    site.pages["/rss"] = Page(RSS.encode(), "application/rss+xml")
    checked = add_feed(feeds, site.url("/rss"))
    assert checked is not None
    site.pages["/rss"] = Page(b"gone", status=410)
    with pytest.raises(FetchError):
        update_feed(feeds, checked.feed)
    assert feeds.feeds()[0].error == "HTTP 410 Gone"
    assert len(feeds.feeds()[0].items) == 3


def test_old_read_items_go_first_when_a_feed_grows_too_long(site: Site, feeds: FeedStore) -> None:
    items = "".join(
        f"<item><title>t{n}</title><guid>g{n}</guid>"
        f"<pubDate>Mon, 01 Jan 2024 00:{n // 60 % 60:02d}:{n % 60:02d} GMT</pubDate></item>"
        for n in range(MAX_ITEMS + 20)
    )
    rss = f'<rss version="2.0"><channel><title>big</title>{items}</channel></rss>'
    site.pages["/big"] = Page(rss.encode(), "application/rss+xml")
    checked = add_feed(feeds, site.url("/big"))
    assert checked is not None
    assert len(checked.feed.items) == MAX_ITEMS
    assert "g0" not in {item.id for item in checked.feed.items}  # the oldest went


def test_removing_and_round_tripping_documents(feeds: FeedStore) -> None:
    item = FeedItem("i", "عنوان", "http://x/1", None, "2026-01-01T00:00:00.000Z")
    feed = Feed("http://x/feed", "x", items=(item,), extra={"future": 1})
    assert Feed.from_document(feed.to_document()) == feed
    assert Feed.from_document(feed.to_document()).extra == {"future": 1}
    assert feeds.add(feed)
    assert feeds.feed("HTTP://X/feed") == feed
    assert feeds.remove("http://x/feed") == feed
    assert feeds.feeds() == []
    with pytest.raises(KeyError):
        feeds.remove("http://x/feed")


def test_updating_every_feed_goes_on_past_a_failure_and_stops_when_asked(
    site: Site, feeds: FeedStore
) -> None:
    site.pages["/rss"] = Page(RSS.encode(), "application/rss+xml")
    site.pages["/atom"] = Page(ATOM.encode(), "application/atom+xml")
    for path in ("/rss", "/atom"):
        add_feed(feeds, site.url(path))
    site.pages["/rss"] = Page(b"gone", status=410)
    outcomes = list(update_feeds(feeds, feeds.feeds()))
    assert [outcome.feed.url for outcome in outcomes] == [site.url("/rss"), site.url("/atom")]
    failed, checked = outcomes
    assert failed.check is None and str(failed.error) == f"{site.url('/rss')}: HTTP 410 Gone"
    assert checked.error is None and checked.check is not None
    asked = len(site.requests)
    first = next(update_feeds(feeds, feeds.feeds()))  # a caller that stops after one feed
    assert first.feed.url == site.url("/rss")
    assert len(site.requests) == asked + 1


def test_what_a_listing_says_of_feeds_and_items() -> None:
    seen, later = "2026-01-07T10:00:00.000Z", "2026-01-08T09:30:00.000Z"
    old = FeedItem("o", "old", None, "2026-01-02T08:00:00Z", seen, read=True)
    kept = FeedItem("k", "kept", None, None, seen)
    fresh = FeedItem("f", "fresh", None, "2026-01-08T07:00:00Z", later)
    feed = Feed("http://x/f", "Zeta", kind="RSS", checked=later, changed=later)
    feed = replace(feed, items=(old, kept, fresh))
    assert [feed.state(item) for item in (old, kept, fresh)] == ["read", "unread", "new"]
    assert [item.id for item in feed.ordered_items()] == ["f", "k", "o"]
    assert (old.published_day, kept.published_day) == ("2026-01-02", None)
    assert feed.facts == ("RSS", "1 new", "2 unread", "checked 2026-01-08 09:30 UTC")
    quiet = Feed("http://x/q", "alpha", items=(kept,))
    assert quiet.facts == ("feed", "0 new", "1 unread", "never checked")
    busy = Feed("http://x/b", "Beta", items=(old,))
    assert feeds_in_order([busy, quiet, feed]) == [feed, quiet, busy]
    assert shown_time("2026-01-07") == "2026-01-07"
