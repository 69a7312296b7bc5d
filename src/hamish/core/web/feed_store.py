"""The feeds a user follows, their items and what has been read: ``feeds.json`` beside the store.

A file of its own, because feed items come and go by the hundred with every update while the
annotation store is rewritten whole on every save: kept apart, neither slows the other, and a
damaged feed list can never cost a note. It is written by the store's own ``AtomicJSONStorage``
(temporary file, fsync, rename, ``.bak``, inter-process lock, damaged files refused and never
overwritten), so ``hamish feeds update`` from cron and the app marking an item read never lose
each other's writes. It is plain TinyDB JSON: one document per feed, its items inside.

Every change is a read-modify-write under the lock (``change``): an update fetches first, with
no lock held, then merges what it fetched into the feed as it is on disk at that moment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from hamish.core import paths
from hamish.core.annotations.model import shown_time
from hamish.core.store import AtomicJSONStorage
from hamish.core.web.urls import same_page

FEEDS_TABLE = "feeds"
ItemState = Literal["new", "unread", "read"]


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    link: str | None
    published: str | None
    """ISO 8601 UTC as the feed dates it, None if it does not (or not readably)."""
    first_seen: str
    """When an update first found it."""
    read: bool = False

    @property
    def published_day(self) -> str | None:
        """The day the feed dates it, ``2026-01-07``."""
        return self.published[: len("2026-01-07")] if self.published else None

    @property
    def date(self) -> str:
        """What the item is ordered and shown by: its own date, else when it was found."""
        return self.published or self.first_seen


@dataclass(frozen=True)
class Feed:
    url: str
    """The feed's address as the user added it: its identity."""
    title: str
    site: str | None = None
    """The site's URL, as the feed gives it."""
    kind: str = ""
    added: str = ""
    checked: str | None = None
    """The last update, successful or not."""
    changed: str | None = None
    """The last update that found new items: those are the new ones."""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    """Why the last update failed; None after a successful one."""
    items: tuple[FeedItem, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def is_new(self, item: FeedItem) -> bool:
        return not item.read and self.changed is not None and item.first_seen == self.changed

    def state(self, item: FeedItem) -> ItemState:
        """What a listing says of ``item``: new (found by the last update that found any),
        unread, or read."""
        return "new" if self.is_new(item) else "read" if item.read else "unread"

    @property
    def unread(self) -> int:
        return sum(1 for item in self.items if not item.read)

    @property
    def new(self) -> int:
        return sum(1 for item in self.items if self.is_new(item))

    @property
    def facts(self) -> tuple[str, ...]:
        """What a listing says under the feed's title: kind, new, unread, last checked."""
        checked = f"checked {shown_time(self.checked)}" if self.checked else "never checked"
        return (self.kind or "feed", f"{self.new} new", f"{self.unread} unread", checked)

    def ordered_items(self) -> list[FeedItem]:
        """New items first, then the other unread ones, then those read; newest first in each."""
        by_date = sorted(self.items, key=lambda item: (item.date, item.id), reverse=True)
        return sorted(by_date, key=lambda item: (not self.is_new(item), item.read))

    def with_read(self, item_id: str, read: bool = True) -> Feed:
        items = tuple(replace(i, read=read) if i.id == item_id else i for i in self.items)
        return replace(self, items=items)

    def to_document(self) -> dict[str, Any]:
        document = dict(self.extra)
        document.update(
            url=self.url,
            title=self.title,
            site=self.site,
            kind=self.kind,
            added=self.added,
            checked=self.checked,
            changed=self.changed,
            etag=self.etag,
            last_modified=self.last_modified,
            error=self.error,
            items=[
                {
                    "id": item.id,
                    "title": item.title,
                    "link": item.link,
                    "published": item.published,
                    "first_seen": item.first_seen,
                    "read": item.read,
                }
                for item in self.items
            ],
        )
        return document

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> Feed:
        """``ValueError``/``TypeError``/``KeyError`` for a document this hamish cannot read."""

        def optional(key: str, source: Mapping[str, Any] = document) -> str | None:
            value = source.get(key)
            return None if value is None else str(value)

        items = tuple(
            FeedItem(
                id=str(item["id"]),
                title=str(item.get("title", "")),
                link=optional("link", item),
                published=optional("published", item),
                first_seen=str(item.get("first_seen", "")),
                read=bool(item.get("read", False)),
            )
            for item in document.get("items", ())
        )
        known = set(cls.__dataclass_fields__) - {"extra"}
        return cls(
            url=str(document["url"]),
            title=str(document.get("title", "")),
            site=optional("site"),
            kind=str(document.get("kind", "")),
            added=str(document.get("added", "")),
            checked=optional("checked"),
            changed=optional("changed"),
            etag=optional("etag"),
            last_modified=optional("last_modified"),
            error=optional("error"),
            items=items,
            extra={key: value for key, value in document.items() if key not in known},
        )


def feeds_in_order(feeds: Iterable[Feed]) -> list[Feed]:
    """The feeds with new items first, then those with the most unread, then by title: the
    order a listing shows them in."""
    return sorted(feeds, key=lambda feed: (-feed.new, -feed.unread, feed.title.casefold()))


class FeedStore:
    """Use ``closing(FeedStore.open())``; a file it cannot use raises ``StoreError`` (one line)
    on first use, and is never written to."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self._storage = storage

    @classmethod
    def open(cls, path: Path | None = None) -> FeedStore:
        return cls(AtomicJSONStorage.in_directory(path or paths.feeds_path()))

    def close(self) -> None:
        self._storage.close()

    def _documents(self) -> dict[str, Feed]:
        """Doc id -> feed, in the order the feeds were added; unreadable documents are left
        in the file untouched."""
        table: Mapping[str, Any] = self._storage.current().get(FEEDS_TABLE, {})
        found: dict[str, Feed] = {}
        for doc_id in sorted(table, key=lambda d: (len(d), d)):
            try:
                found[doc_id] = Feed.from_document(table[doc_id])
            except (KeyError, ValueError, TypeError):
                continue
        return found

    def _find(self, url: str) -> tuple[str, Feed] | None:
        """The feed at ``url`` and its document id, the feeds built once."""
        return next(
            ((d, feed) for d, feed in self._documents().items() if same_page(feed.url, url)), None
        )

    def feeds(self) -> list[Feed]:
        with self._storage.lock.thread:
            self._storage.refresh()
            return list(self._documents().values())

    def feed(self, url: str) -> Feed | None:
        return next((feed for feed in self.feeds() if same_page(feed.url, url)), None)

    def add(self, feed: Feed) -> bool:
        """Save a new feed; False (and nothing written) if one with its URL exists."""
        with self._storage.lock:
            self._storage.refresh()
            if self._find(feed.url) is not None:
                return False
            table: Mapping[str, Any] = self._storage.current().get(FEEDS_TABLE, {})
            doc_id = str(max((int(d) for d in table if d.isdigit()), default=0) + 1)
            self._storage.commit({FEEDS_TABLE: {doc_id: feed.to_document()}})
            return True

    def change(self, url: str, edit: Callable[[Feed], Feed]) -> Feed:
        """Replace the feed at ``url`` by ``edit`` of it as it is on disk now; ``KeyError`` if
        there is none."""
        with self._storage.lock:
            self._storage.refresh()
            found = self._find(url)
            if found is None:
                raise KeyError(url)
            doc_id, feed = found
            changed = edit(feed)
            self._storage.commit({FEEDS_TABLE: {doc_id: changed.to_document()}})
            return changed

    def mark_read(self, url: str, item_id: str, read: bool = True) -> Feed:
        return self.change(url, lambda feed: feed.with_read(item_id, read))

    def remove(self, url: str) -> Feed:
        """Forget the feed and its items; ``KeyError`` if there is none."""
        with self._storage.lock:
            self._storage.refresh()
            found = self._find(url)
            if found is None:
                raise KeyError(url)
            doc_id, removed = found
            self._storage.commit({FEEDS_TABLE: {doc_id: None}})
            return removed
