"""A web page as an article: fetched, checked to be HTML, decoded and extracted like a saved
HTML file, and described (URLs, site, author, dates) for saving.

Decoding is the loaders' (``decode_bytes``): the HTTP header's charset first, then the page's
``<meta charset>``, then detection. Extraction is ``article_from_text``, as for a local
``.html``, so a page reads the same fetched, saved, or opened from the saved copy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from hamish.core.annotations.model import utc_now
from hamish.core.article import Article, BlockKind, WebOrigin
from hamish.core.loaders import article_from_text
from hamish.core.loaders.decode import NotTextError, decode_bytes
from hamish.core.loaders.html_blocks import parse_document
from hamish.core.loaders.html_metadata import page_facts
from hamish.core.loaders.saved_page import PageInfo
from hamish.core.web.fetch import FetchError, Progress, fetch
from hamish.core.web.settings import FetchSettings
from hamish.core.web.urls import host_name, resolved

HTML_TYPES = ("text/html", "application/xhtml+xml")
NO_TEXT = "no article text found"
_NOT_TEXT_KINDS = (BlockKind.TITLE, BlockKind.META)


@dataclass(frozen=True)
class WebPage:
    """A fetched page: the article hamish reads, and the bytes and facts to save it."""

    article: Article
    html: bytes
    """The body exactly as received (after HTTP content decoding: gzip and the like)."""
    info: PageInfo


def _origin(fetched_url: str, final_url: str, html_text: str, fetched_at: str) -> WebOrigin:
    root = parse_document(html_text)
    facts = page_facts(root) if root is not None else None
    canonical = resolved(final_url, facts.canonical) if facts and facts.canonical else None
    return WebOrigin(
        requested_url=fetched_url,
        final_url=final_url,
        canonical_url=canonical,
        site=(facts.site if facts else None) or host_name(final_url) or None,
        author=facts.author if facts else None,
        fetched=fetched_at,
    )


def page_from_bytes(
    url: str,
    final_url: str,
    body: bytes,
    *,
    content_type: str = "text/html",
    charset: str | None = None,
    fetched_at: str | None = None,
) -> WebPage:
    """The article in an HTML page's bytes; ``FetchError`` naming ``url`` if it has none."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        raise FetchError(url, f"not an HTML page ({media_type})")
    try:
        decoded = decode_bytes(body, markup=True, transport_encoding=charset)
        article = article_from_text(
            decoded, article_format="html", fallback_title=host_name(final_url) or final_url
        )
    except NotTextError as error:
        raise FetchError(url, error.reason) from None
    except RecursionError:
        raise FetchError(url, "cannot parse as html: nested too deeply") from None
    if all(block.kind in _NOT_TEXT_KINDS for block in article.blocks):
        raise FetchError(url, NO_TEXT)
    origin = _origin(url, final_url, decoded.text, fetched_at or utc_now())
    info = PageInfo(
        origin=origin,
        title=article.title,
        published=article.date,
        content_type=content_type,
        charset=charset,
    )
    return WebPage(dataclasses.replace(article, web=origin), body, info)


def fetch_page(
    url: str,
    *,
    settings: FetchSettings | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> WebPage:
    """Fetch ``url`` and read it as an article: what ``hamish URL`` shows and ``hamish add URL``
    saves. Raises ``FetchError`` (``FetchCancelled`` when ``cancel`` said stop).

    Blocking: a UI calls it from a worker thread, with ``progress`` and ``cancel`` (see
    ``fetch``).
    """
    fetched = fetch(url, settings=settings, progress=progress, cancel=cancel)
    return page_from_bytes(
        fetched.requested_url,
        fetched.final_url,
        fetched.body,
        content_type=fetched.content_type,
        charset=fetched.charset,
    )
