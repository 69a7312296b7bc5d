"""What the Markdown and JSON exports agree on: order, identity, source and direction."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from hamish.core.annotations.model import Anchored
from hamish.core.article import Article
from hamish.core.bidi import paragraph_base_level

_NOT_HEX = re.compile(r"[^0-9a-f]")
BLOCK_ID_HEX = 8


def document_order(anchored: Iterable[Anchored]) -> list[Anchored]:
    """Found annotations by where they are now, then by when they were made.

    The id breaks the last ties so two highlights of one passage made in the same millisecond
    still export in the same order every time.
    """
    return sorted(
        (item for item in anchored if not item.orphaned),
        key=lambda item: (item.start, item.annotation.created, item.annotation.id),
    )


def orphan_order(anchored: Iterable[Anchored]) -> list[Anchored]:
    """Orphans by where they used to be, so they read in the order the article once had."""
    return sorted(
        (item for item in anchored if item.orphaned),
        key=lambda item: (item.start, item.annotation.created, item.annotation.id),
    )


def article_identity(article: Article, anchored: Sequence[Anchored]) -> str:
    """The store's key for the article.

    Annotations carry the key the store gave the article when it first saw it; the article's own
    ``key`` is the hash of its current text, which differs once the file has been edited. The
    annotations' key is the one an import can match, so it wins when they agree on one.
    """
    keys = {item.annotation.article_key for item in anchored if item.annotation.article_key}
    return keys.pop() if len(keys) == 1 else article.key


def article_source(article: Article) -> str | None:
    """Where the article is to be found: its URL for a page from the web (what anyone can
    open, and what other annotation tools anchor by), else its file."""
    if article.web is not None:
        return article.web.url
    return None if article.source is None else str(article.source)


def direction(text: str) -> str | None:
    """``rtl``/``ltr`` from the first strong character (UAX #9 P2/P3), ``None`` if it has none."""
    level = paragraph_base_level(text)
    if level is None:
        return None
    return "rtl" if level == 1 else "ltr"


def _hex_of(annotation_id: str) -> str:
    digits = _NOT_HEX.sub("", annotation_id.lower())
    if len(digits) >= BLOCK_ID_HEX:
        return digits
    return hashlib.sha256(annotation_id.encode("utf-8", "surrogatepass")).hexdigest()


def block_ids(annotation_ids: Sequence[str]) -> dict[str, str]:
    """Obsidian block ids ``h-<first 8 hex of the id>``, unique within one export.

    Eight hex digits keep ids short and stable across re-exports. Two uuids sharing their first
    eight digits in one article is unlikely but possible; those get all their hex digits instead
    (still stable, since it depends only on the ids).
    """
    full = {annotation_id: _hex_of(annotation_id) for annotation_id in annotation_ids}
    short = Counter(digits[:BLOCK_ID_HEX] for digits in full.values())
    return {
        annotation_id: "h-"
        + (digits[:BLOCK_ID_HEX] if short[digits[:BLOCK_ID_HEX]] == 1 else digits)
        for annotation_id, digits in full.items()
    }
