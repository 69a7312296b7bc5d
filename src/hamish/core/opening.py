"""Opening an article against the store: who it is, and where its annotations are now.

An article's identity (``ArticleRecord.key``) is the content key of its text when hamish first
saw it. Opening a file whose text hamish knows under another path is a move or rename: the record
follows the file. Opening a known path whose text changed is an edit: the record keeps its key
and its annotations, which are re-anchored in the new text (``anchoring``), moved ones persisted
at their new place, and the ones that cannot be found kept as orphans.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from hamish.core.annotations.anchoring import anchor_all
from hamish.core.annotations.model import (
    Anchored,
    AnchorStatus,
    Annotation,
    ArticleRecord,
    utc_now,
)
from hamish.core.article import Article
from hamish.core.changes import Change, PutAnnotation, SaveArticle
from hamish.core.store import Store, StoreWriteError


@dataclass(frozen=True)
class OpenedArticle:
    article: Article
    record: ArticleRecord
    anchored: tuple[Anchored, ...]
    """Every annotation of the article, orphans included, in document order."""


def article_path(article: Article) -> str | None:
    return None if article.source is None else str(article.source.expanduser().resolve())


def record_for(store: Store, article: Article, *, now: str | None = None) -> ArticleRecord:
    """The store's record for ``article`` (found by text, else by path, else new), brought up
    to date with the file as it is now; not saved."""
    stamp = now or utc_now()
    path = article_path(article)
    url = article.web.url if article.web is not None else None
    site = article.web.site if article.web is not None else None
    found = store.find_article(article.key, path)
    if found is None:
        record = ArticleRecord(
            key=article.key,
            text_hash=article.key,
            title=article.title,
            path=path,
            length=len(article.text),
            words=article.word_count,
            date=article.date,
            added=stamp,
            last_opened=stamp,
            url=url,
            site=site,
        )
    else:
        record = replace(
            found,
            text_hash=article.key,
            title=article.title or found.title,
            path=path or found.path,
            length=len(article.text),
            words=article.word_count,
            date=article.date or found.date,
            last_opened=stamp,
            url=url or found.url,
            site=site or found.site,
        )
    return record


def identify(store: Store, article: Article, *, now: str | None = None) -> ArticleRecord:
    """``record_for``, saved."""
    record = record_for(store, article, now=now)
    store.save_article(record)
    return record


def open_article(
    store: Store,
    article: Article,
    *,
    now: str | None = None,
    defer: Callable[[Change], None] | None = None,
) -> OpenedArticle:
    """The article's record and its annotations re-anchored in its current text.

    Annotations found elsewhere are saved at their new place. A save that fails (a full disk)
    is handed to ``defer`` to retry later, when given: the annotations are shown all the same.
    """
    record = record_for(store, article, now=now)
    _save(store, SaveArticle(record), defer)
    placed_ones: list[Anchored] = []
    for placed in anchor_all(store.annotations_for(record.key), article.text):
        if placed.status in (AnchorStatus.MOVED, AnchorStatus.FUZZY):
            moved = placed.annotation.moved(article.text, placed.start, placed.end, article.key)
            _save(store, PutAnnotation(moved), defer)
            placed = replace(placed, annotation=moved)
        placed_ones.append(placed)
    return OpenedArticle(article, record, tuple(sorted(placed_ones, key=document_order)))


def _save(store: Store, change: Change, defer: Callable[[Change], None] | None) -> None:
    if store.read_only is not None:
        return  # opened for reading, or where it cannot write: derived again next time
    try:
        change.apply(store)
    except StoreWriteError:
        if defer is None:
            raise
        defer(change)


def document_order(placed: Anchored) -> tuple[bool, int, str]:
    """Anchored annotations first by position, orphans last; ties by creation time."""
    return (placed.orphaned, placed.start, placed.annotation.created)


def place_new(annotation: Annotation) -> Anchored:
    """A just-created annotation, exactly where it was made."""
    return Anchored(annotation, AnchorStatus.EXACT, annotation.start, annotation.end)
