"""Reading an RSS, Atom or RDF feed's bytes into titles, links and dates.

feedparser does the reading: it knows every RSS dialect, Atom 0.3 and 1.0, RDF, and the broken
feeds found in the wild (undeclared entities, wrong encodings, dates in a dozen formats). It is
only ever handed bytes, never a URL or a file name, so fetching stays with hamish's HTTP client
and its limits. Around it: links are made absolute against the feed's own URL (the one reached
after redirects), titles written as HTML are reduced to their text, and a date that does not
parse is dropped rather than guessed.
"""

from __future__ import annotations

import calendar
import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from hamish.core.loaders.html_blocks import collapse, parse_document
from hamish.core.web.urls import resolved

FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/rdf+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
)
FEED_KINDS = {
    "rss": "RSS",
    "atom": "Atom",
    "rss09": "RDF",
    "rss10": "RDF",
    "cdf": "CDF",
}
_MARKUP_TYPES = ("text/html", "application/xhtml+xml")


class FeedFormatError(ValueError):
    """The bytes are not a feed; ``str()`` says why, for ``URL: reason``."""


@dataclass(frozen=True)
class FeedEntry:
    id: str
    """The entry's own id, else its link, else a hash of its title and date."""
    title: str
    link: str | None
    """Absolute http(s) URL, None if the entry has no usable link."""
    published: str | None
    """ISO 8601 UTC (``2026-01-07T10:00:00Z``); None if missing or unreadable."""


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    link: str | None
    """The site the feed belongs to."""
    kind: str
    """RSS, Atom or RDF."""
    entries: tuple[FeedEntry, ...]


def _text(value: Any, detail: Any) -> str:
    """A title as plain text: markup removed when the feed says it is markup."""
    text = value if isinstance(value, str) else ""
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    if kind in _MARKUP_TYPES and "<" in text:
        root = parse_document(f"<body>{text}</body>")
        text = root.text_content() if root is not None else text
    return collapse(text)


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = dict.get(entry, key)  # not entry.get: it maps keys with a deprecation warning
        if moment is None:
            continue
        try:
            when = datetime.fromtimestamp(calendar.timegm(moment), UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            continue
        return when.isoformat().replace("+00:00", "Z")
    return None


def _entry(entry: Any, base: str) -> FeedEntry:
    title = _text(entry.get("title"), entry.get("title_detail"))
    raw_link = entry.get("link")
    link = resolved(base, raw_link) if isinstance(raw_link, str) and raw_link else None
    published = _date(entry)
    own_id = entry.get("id")
    if not isinstance(own_id, str) or not own_id.strip():
        own_id = link or hashlib.sha256(f"{title}\n{published}".encode()).hexdigest()[:24]
    return FeedEntry(own_id.strip(), title, link, published)


def _kind(version: str) -> str:
    for prefix, name in sorted(FEED_KINDS.items(), key=lambda item: -len(item[0])):
        if version.startswith(prefix):
            return name
    return version.upper()


def parse_feed(data: bytes, url: str, *, content_type: str = "") -> ParsedFeed:
    """The feed in ``data``, fetched from ``url``; ``FeedFormatError`` if it is none."""
    import feedparser  # loaded only when a feed is read

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        result = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as error:  # feedparser is lenient; anything it still raises is the feed's
        raise FeedFormatError(f"not a readable feed ({type(error).__name__}: {error})") from None
    version = result.get("version") or ""
    if not version and not result.entries:
        problem = result.get("bozo_exception")
        detail = f": {problem}" if problem else ""
        raise FeedFormatError(f"not a feed (no RSS, Atom or RDF found{detail})")
    channel = result.feed
    raw_link = channel.get("link")
    return ParsedFeed(
        title=_text(channel.get("title"), channel.get("title_detail")),
        link=resolved(url, raw_link) if isinstance(raw_link, str) and raw_link else None,
        kind=_kind(version),
        entries=tuple(_entry(entry, url) for entry in result.entries),
    )
