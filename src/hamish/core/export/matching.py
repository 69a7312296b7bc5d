"""Deciding which known article each imported annotation belongs to.

Pure: the caller passes the store's article records, the ids it already holds and a function
that reads an article's current text, and gets back a plan to carry out. Matching goes from the
surest evidence to the weakest, and stops at the first that names exactly one article:

1. the article key the annotation carries (the store's identity, survives edits and moves);
2. the text hash (the same text under another key, e.g. a second copy of the file);
3. the web page's URL (an annotation from another tool names only that), narrowed by the
   quote when the page was saved more than once;
4. the quote with its context (``prefix + quote + suffix``), then the bare quote, found in the
   article's current text; several candidates are narrowed by title, and a tie stays unmatched:
   attaching a note to the wrong article is worse than asking the user.

A matched annotation is re-keyed to its article and otherwise kept as it is; opening the article
re-anchors it (status ``moved`` if the text has changed), so positions need no fixing here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from hamish.core.annotations.model import Annotation, ArticleRecord
from hamish.core.export.web_annotation_import import ImportedAnnotation
from hamish.core.web.urls import same_page


@dataclass(frozen=True)
class ImportPlan:
    to_add: tuple[Annotation, ...]
    """Annotations to store, each keyed to the article it matched."""
    skipped: tuple[ImportedAnnotation, ...]
    """Already in the store (or twice in the file, identical): left alone, never overwritten."""
    unmatched: tuple[ImportedAnnotation, ...]
    """No article, or more than one equally good article: not imported."""
    renamed: tuple[tuple[str, str], ...] = ()
    """(id in the file, id given) for each annotation that came after a different one with
    the same id in the file: both are kept, the later under a new id."""

    @property
    def imported_count(self) -> int:
        return len(self.to_add)

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)

    @property
    def unmatched_count(self) -> int:
        return len(self.unmatched)


class _Texts:
    """Article texts read on first use and kept, so a batch reads each file at most once."""

    def __init__(self, read: Callable[[ArticleRecord], str | None]) -> None:
        self._read = read
        self._texts: dict[str, str | None] = {}

    def get(self, record: ArticleRecord) -> str | None:
        if record.key not in self._texts:
            self._texts[record.key] = self._read(record)
        return self._texts[record.key]


def _one(candidates: list[ArticleRecord], title: str | None) -> ArticleRecord | None:
    if len(candidates) == 1:
        return candidates[0]
    titled = [record for record in candidates if title and record.title == title]
    return titled[0] if len(titled) == 1 else None


def _by_text(
    annotation: Annotation, title: str | None, articles: Sequence[ArticleRecord], texts: _Texts
) -> ArticleRecord | None:
    with_text = [(record, texts.get(record)) for record in articles]
    readable = [(record, text) for record, text in with_text if text is not None]
    context = annotation.prefix + annotation.quote + annotation.suffix
    in_context = [record for record, text in readable if context in text]
    if in_context:
        return _one(in_context, title)
    return _one([record for record, text in readable if annotation.quote in text], title)


def _match_article(
    imported: ImportedAnnotation,
    articles: Sequence[ArticleRecord],
    texts: _Texts,
) -> ArticleRecord | None:
    """The one article ``imported`` belongs to, or ``None`` (see the module docstring)."""
    annotation, source = imported.annotation, imported.source
    keys = [key for key in (annotation.article_key, source.article_key) if key]
    for key in keys:
        for record in articles:
            if record.key == key:
                return record
    hashes = {value for value in (annotation.text_hash, source.text_hash) if value}
    by_hash = [record for record in articles if record.text_hash in hashes]
    if by_hash:
        found = _one(by_hash, source.title)
        if found is not None:
            return found
    if source.url:
        by_url = [r for r in articles if r.url is not None and same_page(r.url, source.url)]
        if len(by_url) == 1:
            return by_url[0]
        if by_url:
            found = _by_text(annotation, source.title, by_url, texts)
            if found is not None:
                return found
    return _by_text(annotation, source.title, articles, texts)


def plan_import(
    imported: Iterable[ImportedAnnotation],
    articles: Sequence[ArticleRecord],
    *,
    existing_ids: Collection[str],
    article_text: Callable[[ArticleRecord], str | None],
    new_id: Callable[[], str] = lambda: str(uuid.uuid4()),
) -> ImportPlan:
    """What importing ``imported`` would do, given the store's articles and annotation ids.

    ``article_text`` returns an article's current text, or ``None`` if it cannot be read (a
    moved or deleted file); it is called at most once per article, and only when an annotation
    has to be matched by its quote. ``new_id`` names an annotation whose id the file had
    already used for a different one.
    """
    texts = _Texts(article_text)
    seen: dict[str, Annotation] = {}
    to_add: list[Annotation] = []
    skipped: list[ImportedAnnotation] = []
    unmatched: list[ImportedAnnotation] = []
    renamed: list[tuple[str, str]] = []
    for item in imported:
        if item.annotation.id in existing_ids:
            skipped.append(item)
            continue
        record = _match_article(item, articles, texts)
        if record is None:
            unmatched.append(item)
            continue
        keyed = replace(item.annotation, article_key=record.key)
        first = seen.get(keyed.id)
        if first == keyed:
            skipped.append(item)
            continue
        if first is not None:
            fresh = new_id()
            renamed.append((keyed.id, fresh))
            keyed = replace(keyed, id=fresh)
        seen[keyed.id] = keyed
        to_add.append(keyed)
    return ImportPlan(tuple(to_add), tuple(skipped), tuple(unmatched), tuple(renamed))
