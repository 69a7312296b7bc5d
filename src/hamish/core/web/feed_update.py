"""Following a feed: adding it, and checking it for new items with a conditional GET.

An update sends the ``ETag`` and ``Last-Modified`` the server gave last time; a ``304 Not
Modified`` costs the server nothing and changes nothing here but the time of the check. New
items are those whose id the feed did not have; they keep the time they were first seen, which
is what "new" means in a listing (``Feed.is_new``). Items are kept after they leave the feed
(an unread item does not vanish because the site published ten more), up to ``MAX_ITEMS``,
the oldest read ones going first.

A page given instead of a feed is looked at for the feed it announces
(``<link rel="alternate" type="application/rss+xml">``), as browsers and feed readers do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from hamish.core.annotations.model import utc_now
from hamish.core.loaders.decode import NotTextError, decode_bytes
from hamish.core.loaders.html_blocks import parse_document
from hamish.core.web.feed_store import Feed, FeedItem, FeedStore
from hamish.core.web.feeds import FEED_ACCEPT, FeedFormatError, ParsedFeed, parse_feed
from hamish.core.web.fetch import Fetched, FetchError, Validators, fetch
from hamish.core.web.pages import HTML_TYPES
from hamish.core.web.settings import FetchSettings
from hamish.core.web.urls import checked_url, host_name, resolved, url_key

MAX_ITEMS = 500
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


@dataclass(frozen=True)
class FeedCheck:
    feed: Feed
    """The feed as saved after the check."""
    new_items: int
    not_modified: bool = False


@dataclass(frozen=True)
class FeedUpdate:
    """One feed's part in an update of them all: its check, or why it failed."""

    feed: Feed
    """The feed as it was before the check."""
    check: FeedCheck | None
    error: FetchError | None = None


@dataclass(frozen=True)
class _Found:
    url: str
    """The feed's own URL (a page's announced feed, when a page was given)."""
    fetched: Fetched
    parsed: ParsedFeed | None
    """None when the server answered 304 Not Modified."""


def announced_feed(fetched: Fetched) -> str | None:
    """The first feed an HTML page links to as its alternate, as an absolute URL."""
    if fetched.media_type not in HTML_TYPES:
        return None
    try:
        text = decode_bytes(fetched.body, markup=True, transport_encoding=fetched.charset).text
    except NotTextError:
        return None
    root = parse_document(text)
    if root is None:
        return None
    for link in root.iter("link"):
        relations = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").strip().lower()
        if "alternate" in relations and kind in FEED_TYPES and link.get("href"):
            return resolved(fetched.final_url, link.get("href") or "")
    return None


def _fetch_feed(
    url: str, settings: FetchSettings | None, validators: Validators | None, *, discover: bool
) -> _Found:
    fetched = fetch(url, settings=settings, accept=FEED_ACCEPT, validators=validators)
    if fetched.not_modified:
        return _Found(url, fetched, None)
    try:
        parsed = parse_feed(fetched.body, fetched.final_url, content_type=fetched.content_type)
    except FeedFormatError as error:
        announced = announced_feed(fetched) if discover else None
        if announced is None or url_key(announced) == url_key(url):
            raise FetchError(url, str(error)) from None
        return _fetch_feed(announced, settings, None, discover=False)
    return _Found(url, fetched, parsed)


def _capped(items: list[FeedItem]) -> list[FeedItem]:
    if len(items) <= MAX_ITEMS:
        return items
    # Oldest first among the read ones, then among the rest: the first to go.
    doomed = sorted(items, key=lambda item: (not item.read, item.date))[: len(items) - MAX_ITEMS]
    gone = {id(item) for item in doomed}
    return [item for item in items if id(item) not in gone]


def merged(feed: Feed, found: Fetched, parsed: ParsedFeed, now: str) -> tuple[Feed, int]:
    """``feed`` with what an update found: items refreshed, new ones added; and their count."""
    known = {item.id: item for item in feed.items}
    fresh: list[FeedItem] = []
    for entry in parsed.entries:
        old = known.get(entry.id)
        if old is not None:
            known[entry.id] = replace(
                old,
                title=entry.title or old.title,
                link=entry.link or old.link,
                published=entry.published or old.published,
            )
        elif not any(item.id == entry.id for item in fresh):
            fresh.append(FeedItem(entry.id, entry.title, entry.link, entry.published, now))
    updated = replace(
        feed,
        title=parsed.title or feed.title,
        site=parsed.link or feed.site,
        kind=parsed.kind,
        checked=now,
        changed=now if fresh else feed.changed,
        etag=found.validators.etag,
        last_modified=found.validators.last_modified,
        error=None,
        items=tuple(_capped([*fresh, *known.values()])),
    )
    return updated, len(fresh)


def add_feed(
    store: FeedStore, url: str, *, settings: FetchSettings | None = None, now: str | None = None
) -> FeedCheck | None:
    """Fetch and follow the feed at ``url`` (or the one the page there announces); None if it
    is already followed. ``FetchError`` if it cannot be fetched or is not a feed."""
    stamp = now or utc_now()
    if store.feed(url) is not None:
        return None
    found = _fetch_feed(url, settings, None, discover=True)
    if found.parsed is None:  # a 304 to a request that sent no validators is answered as such
        raise FetchError(url, "HTTP 304 Not Modified")
    start = Feed(url=checked_url(found.url), title="", added=stamp)
    feed, new_items = merged(start, found.fetched, found.parsed, stamp)
    if not feed.title:
        feed = replace(feed, title=host_name(found.fetched.final_url))
    if not store.add(feed):
        return None
    return FeedCheck(feed, new_items)


def update_feed(
    store: FeedStore, feed: Feed, *, settings: FetchSettings | None = None, now: str | None = None
) -> FeedCheck:
    """Check ``feed`` for new items and save the result. A failure is saved as the feed's
    ``error`` and raised (``FetchError``); a feed removed meanwhile stays removed."""
    stamp = now or utc_now()
    validators = Validators(feed.etag, feed.last_modified)
    try:
        try:
            found = _fetch_feed(feed.url, settings, validators, discover=False)
        except FetchError as error:
            reason = error.reason
            store.change(feed.url, lambda current: replace(current, checked=stamp, error=reason))
            raise
        parsed = found.parsed
        if parsed is None:
            kept = store.change(feed.url, lambda now_: replace(now_, checked=stamp, error=None))
            return FeedCheck(kept, 0, not_modified=True)
        counted: list[int] = []

        def merge(current: Feed) -> Feed:
            updated, new_items = merged(current, found.fetched, parsed, stamp)
            counted.append(new_items)
            return updated

        saved = store.change(feed.url, merge)
        return FeedCheck(saved, counted[-1])
    except KeyError:
        return FeedCheck(feed, 0)


def update_feeds(
    store: FeedStore, feeds: Iterable[Feed], *, settings: FetchSettings | None = None
) -> Iterator[FeedUpdate]:
    """Check each of ``feeds`` in turn, saying how each went as soon as it is known: one feed
    that fails does not stop the others, and a caller that stops asking stops the update
    between two feeds (so the app can show progress, and quit without waiting for the rest)."""
    for feed in feeds:
        try:
            check = update_feed(store, feed, settings=settings)
        except FetchError as error:
            yield FeedUpdate(feed, None, error)
            continue
        yield FeedUpdate(feed, check)
