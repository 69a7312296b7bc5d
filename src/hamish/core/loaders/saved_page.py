"""A web page saved by ``hamish add URL``: the HTML exactly as fetched, and beside it a small
JSON file (``PAGE.html.meta.json``) with what the bytes alone do not say.

That is the URLs (asked for, reached after redirects, canonical), the site, author, publication
and fetch dates, and the charset of the HTTP ``Content-Type`` header: the server's word on the
encoding, which outranks the page's own ``<meta charset>``, so the saved page is decoded offline
exactly as it was online. Keeping the HTML untouched (no comment added, no re-encoding) means
any browser opens it as it was, and what hamish read can always be checked against it.

The JSON is a separate file rather than a table in the store because it belongs to the page: a
user who moves both files keeps the URL, and the store stays an index of annotations. A missing
JSON file makes the page an ordinary HTML file; a damaged one does too, with a notice.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hamish.core.article import Article, WebOrigin

SIDECAR_SUFFIX = ".meta.json"
FORMAT = "hamish saved web page"
FORMAT_VERSION = 1
MAX_SIDECAR_BYTES = 64 * 1024


@dataclass(frozen=True)
class PageInfo:
    """Everything the sidecar holds."""

    origin: WebOrigin
    title: str
    published: str | None
    content_type: str
    """The HTTP ``Content-Type`` as the server sent it."""
    charset: str | None
    """Its charset, as a codec label Python knows (None when the header named none)."""


@dataclass(frozen=True)
class Sidecar:
    """The sidecar of a file, as read: its info, or why it could not be used."""

    info: PageInfo | None = None
    problem: str | None = None

    @property
    def charset(self) -> str | None:
        return self.info.charset if self.info is not None else None

    def applied_to(self, article: Article) -> Article:
        """``article`` with its web origin, or with a notice saying why it has none."""
        if self.problem is not None:
            return dataclasses.replace(article, notices=(*article.notices, self.problem))
        if self.info is None:
            return article
        return dataclasses.replace(
            article, web=self.info.origin, date=article.date or self.info.published
        )


def sidecar_path(page: Path) -> Path:
    return page.with_name(page.name + SIDECAR_SUFFIX)


def is_sidecar(name: str) -> bool:
    return name.endswith(SIDECAR_SUFFIX)


def info_json(info: PageInfo) -> str:
    origin = info.origin
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "title": info.title,
        "url": origin.requested_url,
        "final_url": origin.final_url,
        "canonical_url": origin.canonical_url,
        "site": origin.site,
        "author": origin.author,
        "published": info.published,
        "fetched": origin.fetched,
        "content_type": info.content_type,
        "charset": info.charset,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _text(document: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = document.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        raise ValueError(f"{key!r} is not a string")
    return value


def parse_info(text: str) -> PageInfo:
    """The sidecar's content; ``ValueError`` naming what is wrong."""
    document = json.loads(text)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("not a hamish page description")
    version = document.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ValueError(f"version {version!r} is not one this hamish reads")
    final_url = _text(document, "final_url", required=True) or ""
    origin = WebOrigin(
        requested_url=_text(document, "url") or final_url,
        final_url=final_url,
        canonical_url=_text(document, "canonical_url"),
        site=_text(document, "site"),
        author=_text(document, "author"),
        fetched=_text(document, "fetched"),
    )
    return PageInfo(
        origin=origin,
        title=_text(document, "title") or "",
        published=_text(document, "published"),
        content_type=_text(document, "content_type") or "",
        charset=_text(document, "charset"),
    )


def read_sidecar(page: Path) -> Sidecar:
    """The sidecar beside ``page``: none, its info, or the problem that made it unusable."""
    path = sidecar_path(page)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SIDECAR_BYTES + 1)
    except (OSError, ValueError):
        return Sidecar()
    try:
        if len(data) > MAX_SIDECAR_BYTES:
            raise ValueError("too large")
        return Sidecar(parse_info(data.decode("utf-8")))
    except (ValueError, RecursionError) as error:  # JSONDecodeError, UnicodeDecodeError too
        return Sidecar(problem=f"{path.name} is unusable ({error}); the page's URL is unknown")
