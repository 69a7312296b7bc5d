"""In-memory lookups over the raw tables, so queries at 10^4-10^5 annotations never scan.

Rebuilt from scratch whenever the storage loads a new version of the file, and updated by the
repository after each of its own successful saves. It holds ids only; the documents stay in
the storage's tables, and nothing here reads them after the build, so the order of "save,
then update the index" cannot make it look at the wrong version of a document.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import chain
from typing import Any, cast

from hamish.core.store.migrations import ANNOTATIONS_TABLE, ARTICLES_TABLE
from hamish.core.store.parsing import Tables
from hamish.core.store.storage import AtomicJSONStorage
from hamish.core.store.tables import DocumentTable


class StoreIndex:
    def __init__(self, tables: Mapping[str, DocumentTable]) -> None:
        self._tables = tables
        self.annotation_doc: dict[str, str] = {}
        """annotation id (uuid) -> TinyDB document id."""
        self.annotation_article: dict[str, str] = {}
        """annotation id -> article key."""
        self.article_annotations: dict[str, dict[str, None]] = {}
        """article key -> ids of its annotations (an insertion-ordered set)."""
        self.shadowed: dict[str, list[str]] = {}
        """annotation id -> older documents with the same id (a hand-merged file); an update or
        delete of that id removes them too, so a deleted note cannot come back."""
        self.article_doc: dict[str, str] = {}
        """article key -> document id."""
        self.article_by_hash: dict[str, str] = {}
        self.article_by_path: dict[str, str] = {}
        self._article_lookups: dict[str, tuple[object, object]] = {}
        self._next_doc_id: dict[str, int] = {}
        self._index_annotations(tables.get(ANNOTATIONS_TABLE))
        for doc_id, document in tables.get(ARTICLES_TABLE, {}).items():
            key = document.get("key")
            if type(key) is str:
                self.put_article(doc_id, key, document)

    def _index_annotations(self, documents: DocumentTable | None) -> None:
        """The common case (every document has string ``id`` and ``article_key``, no id twice)
        runs at C speed with ``zip``; at 10^4 documents this is a good part of an open."""
        if documents is None:
            return
        doc_ids, ids, keys = documents.string_fields("id", "article_key")
        try:
            annotation_doc = dict(zip(ids, doc_ids, strict=True))
        except TypeError:  # an unhashable id
            annotation_doc = {}
        if len(annotation_doc) != len(doc_ids) or set(map(type, chain(ids, keys))) - {str}:
            self._index_annotations_carefully(documents)
            return
        string_ids, string_keys = cast(list[str], ids), cast(list[str], keys)  # checked above
        self.annotation_doc = cast(dict[str, str], annotation_doc)
        self.annotation_article = dict(zip(string_ids, string_keys, strict=True))
        article_annotations = self.article_annotations
        for annotation_id, article_key in zip(string_ids, string_keys, strict=True):
            group = article_annotations.get(article_key)
            if group is None:
                article_annotations[article_key] = {annotation_id: None}
            else:
                group[annotation_id] = None

    def _index_annotations_carefully(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        """Any file: documents without usable ids are set aside, repeated ids shadowed."""
        for doc_id, document in documents.items():
            annotation_id = document.get("id")
            article_key = document.get("article_key")
            if type(annotation_id) is not str or type(article_key) is not str:
                continue  # kept in the file as it is, not shown
            if annotation_id in self.annotation_doc:
                self.shadowed.setdefault(annotation_id, []).append(
                    self.annotation_doc[annotation_id]
                )
                self._unlink_from_article(annotation_id)
            self.annotation_doc[annotation_id] = doc_id
            self.annotation_article[annotation_id] = article_key
            self.article_annotations.setdefault(article_key, {})[annotation_id] = None

    def next_doc_id(self, table: str) -> str:
        """A document id not used in ``table``: one past the largest, as TinyDB itself does."""
        if table not in self._next_doc_id:
            used = (int(doc_id) for doc_id in self._tables.get(table, {}) if doc_id.isdigit())
            self._next_doc_id[table] = max(used, default=0) + 1
        doc_id = self._next_doc_id[table]
        self._next_doc_id[table] = doc_id + 1
        return str(doc_id)

    # -- annotations -----------------------------------------------------------------------

    def annotation_docs(self, annotation_id: str) -> list[str]:
        """Every document holding ``annotation_id``, the indexed one first."""
        main = self.annotation_doc.get(annotation_id)
        if main is None:
            return []
        return [main, *self.shadowed.get(annotation_id, ())]

    def put_annotation(self, doc_id: str, annotation_id: str, article_key: str) -> None:
        """Index a saved annotation (new, or replacing all documents of that id)."""
        self.remove_annotation(annotation_id)
        self.annotation_doc[annotation_id] = doc_id
        self.annotation_article[annotation_id] = article_key
        self.article_annotations.setdefault(article_key, {})[annotation_id] = None

    def remove_annotation(self, annotation_id: str) -> None:
        self._unlink_from_article(annotation_id)
        self.annotation_doc.pop(annotation_id, None)
        self.annotation_article.pop(annotation_id, None)
        self.shadowed.pop(annotation_id, None)

    def _unlink_from_article(self, annotation_id: str) -> None:
        key = self.annotation_article.get(annotation_id)
        ids = self.article_annotations.get(key) if key is not None else None
        if key is not None and ids is not None:
            ids.pop(annotation_id, None)
            if not ids:
                del self.article_annotations[key]

    # -- articles --------------------------------------------------------------------------

    def put_article(self, doc_id: str, key: str, document: Mapping[str, Any]) -> None:
        """Index an article document, new or replacing the one stored for ``key``."""
        old_hash, old_path = self._article_lookups.get(key, (None, None))
        self._forget(self.article_by_hash, old_hash, key)
        self._forget(self.article_by_path, old_path, key)
        self.article_doc[key] = doc_id
        text_hash = document.get("text_hash", key)
        path = document.get("path")
        if type(text_hash) is str:
            self.article_by_hash[text_hash] = key
        if type(path) is str:
            self.article_by_path[path] = key
        self._article_lookups[key] = (text_hash, path)

    @staticmethod
    def _forget(mapping: dict[str, str], value: object, key: str) -> None:
        if type(value) is str and mapping.get(value) == key:
            del mapping[value]


class Indexed:
    """A file's tables and the lookups over them, rebuilt whenever its storage loads a new
    version (another process saved it) and kept up to date by whoever saves through it."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage
        self._index = StoreIndex({})
        self._built_from = -1
        """The storage's ``tables_replaced`` when the lookups were built."""

    def tables(self) -> Tables:
        tables = self.storage.current()
        if self._built_from != self.storage.tables_replaced:
            self._index = StoreIndex(tables)
            self._built_from = self.storage.tables_replaced
        return tables

    @property
    def index(self) -> StoreIndex:
        self.tables()
        return self._index
