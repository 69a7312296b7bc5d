"""A page's title, publication date, site, author and canonical URL as the page itself states
them.

The title is ``og:title`` before ``<title>``: the Open Graph title is the headline alone, while
``<title>`` usually carries the site's name too ("Headline | Daily Paper"). The date is the one
the page declares for machines (``article:published_time`` and its relatives) or, failing that,
the first ``<time datetime>`` inside the article. The value is kept as the page wrote it
(usually ISO 8601); what the reader sees is the ``<time>`` element's own text where the page
shows one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hamish.core.loaders.html_blocks import collapse

TITLE_META = ("og:title", "twitter:title")
DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)
MAX_DATE_CHARS = 64
"""Longer "dates" are not dates (a description mislabelled as one)."""
SITE_META = ("og:site_name", "application-name")
AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
)
MAX_NAME_CHARS = 200
"""Longer "names" are something else (a description, a list of every contributor)."""


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What a page says about itself, beyond its text: for saving a page from the web."""

    canonical: str | None
    """``<link rel="canonical">`` as written (possibly relative)."""
    site: str | None
    author: str | None


@dataclass(frozen=True, slots=True)
class PageDate:
    value: str
    shown_by: Any | None
    """The element in the article that shows this date, if any (a ``<time>``)."""


def _meta(root: Any) -> dict[str, str]:
    """``<meta>`` contents by lower-cased property, name or itemprop; the first one wins."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = collapse(meta.get("content") or "")
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (meta.get(attribute) or "").strip().lower()
            if key:
                found.setdefault(key, content)
    return found


def page_title(root: Any) -> str | None:
    meta = _meta(root)
    for key in TITLE_META:
        if key in meta:
            return meta[key]
    title = root.find(".//title")
    text = collapse(title.text_content()) if title is not None else ""
    return text or None


def _is_date(value: str) -> bool:
    return 0 < len(value) <= MAX_DATE_CHARS and any(char.isdigit() for char in value)


def _shown_dates(container: Any) -> list[tuple[str, Any]]:
    """(machine value, element) of the dates shown inside ``container``, in page order."""
    dates = []
    for element in container.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "time" or (element.get("itemprop") or "").lower() == "datepublished":
            value = collapse(element.get("datetime") or element.get("content") or "")
            if _is_date(value):
                dates.append((value, element))
    return dates


def page_date(root: Any, container: Any | None) -> PageDate | None:
    """The publication date, looking for shown dates only inside ``container``."""
    meta = _meta(root)
    declared = next((meta[key] for key in DATE_META if key in meta and _is_date(meta[key])), None)
    shown = _shown_dates(container) if container is not None else []
    if declared is not None:
        same_day = (element for value, element in shown if value[:10] == declared[:10])
        return PageDate(declared, next(same_day, None))
    if shown:
        return PageDate(*shown[0])
    return None


def common_ancestor(elements: Iterable[Any]) -> Any | None:
    """The deepest element that contains all of ``elements``."""
    common: list[Any] | None = None
    for element in elements:
        chain = [*reversed(list(element.iterancestors())), element]
        if common is None:
            common = chain
            continue
        depth = 0
        while depth < min(len(common), len(chain)) and common[depth] is chain[depth]:
            depth += 1
        common = common[:depth]
    return common[-1] if common else None


def _name(value: str | None) -> str | None:
    """A site or author name; a URL (``article:author`` often is a profile link) is not one."""
    if not value or len(value) > MAX_NAME_CHARS or value.startswith(("http:", "https:", "//")):
        return None
    return value


def page_facts(root: Any) -> PageFacts:
    meta = _meta(root)
    canonical = None
    for link in root.iter("link"):
        relations = (link.get("rel") or "").lower().split()
        if "canonical" in relations and (link.get("href") or "").strip():
            canonical = (link.get("href") or "").strip()
            break
    site = next((_name(meta.get(key)) for key in SITE_META if _name(meta.get(key))), None)
    author = next((_name(meta.get(key)) for key in AUTHOR_META if _name(meta.get(key))), None)
    return PageFacts(canonical, site, author)
