"""The annotation store: articles and annotations in one TinyDB file, as frozen dataclasses.

Every change is one read-modify-write of the file under ``storage.lock`` (a thread lock plus
an inter-process lock): reload if another process saved since we last looked, change the
documents, save atomically. When a write method returns, the change is fsynced and in place;
when it raises, nothing in memory has moved ahead of the file. Reads answer from memory and
do not look at the disk; call ``reload_if_changed()`` to pick up other processes' saves.

Annotations are identified by their uuid (``Annotation.id``), articles by ``ArticleRecord.key``;
TinyDB document ids are an internal detail of the file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from hamish.core import paths
from hamish.core.annotations.model import Annotation, ArticleRecord
from hamish.core.atomic_file import copy_durably
from hamish.core.file_names import stored_path
from hamish.core.store import migrations
from hamish.core.store.errors import StoreReadOnlyError, StoreWriteError
from hamish.core.store.file_format import Document
from hamish.core.store.index import StoreIndex
from hamish.core.store.locking import OnLockWait
from hamish.core.store.migrations import ANNOTATIONS_TABLE, ARTICLES_TABLE, META_DOC_ID, META_TABLE
from hamish.core.store.parsing import Tables
from hamish.core.store.storage import AtomicJSONStorage, TableEdits


def _annotation_order(annotation: Annotation) -> tuple[int, str, str]:
    return (annotation.start, annotation.created, annotation.id)


def annotation_document(annotation: Annotation) -> Document:
    """``annotation.to_record()`` with ``id`` and ``article_key`` first, so the index can be
    built from the file's bytes without decoding every document (``DocumentTable``)."""
    record = annotation.to_record()
    document: Document = {"id": record.pop("id"), "article_key": record.pop("article_key")}
    document.update(record)
    return document


class Store:
    """Use ``Store.open``; the constructor takes an already prepared storage."""

    def __init__(self, storage: AtomicJSONStorage, *, read_only: str | None = None) -> None:
        self._storage = storage
        self._lock = storage.lock
        self.read_only = read_only
        """Why this store cannot be written here (``open(allow_read_only=True)``), or None.
        Every write then raises ``StoreReadOnlyError``."""
        self._index = StoreIndex({})
        self._indexed_tables = -1
        """The storage's ``tables_replaced`` when the index was built."""

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        on_lock_wait: OnLockWait | None = None,
        allow_read_only: bool = False,
    ) -> Store:
        """Open (creating if needed) the database at ``path``, default ``paths.database_path()``.

        An old schema is migrated in one atomic write after a copy of the file is kept as
        ``<name>.pre-v<N>-<time>``. Raises ``StoreCorruptError``/``StoreVersionError`` without
        touching an unusable file. ``on_lock_wait``: see the property.

        With ``allow_read_only``, a store that cannot be written here (a read-only file system
        or folder: no lock file can be made) is opened for reading without the lock, as it is
        (neither created nor migrated), and says why in ``read_only``; without it, that is a
        ``StoreError``.
        """
        path = Path(path) if path is not None else paths.database_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            if not allow_read_only:
                raise StoreWriteError(path, error, replaced=False) from error
        storage = AtomicJSONStorage(path)
        storage.lock.on_wait = on_lock_wait
        try:
            read_only = storage.lock.open_problem() if allow_read_only else None
            tables = storage.current()
            if read_only is None and (not storage.exists or migrations.needs_migration(tables)):
                with storage.lock:
                    storage.refresh()
                    _create_or_migrate(storage)
            store = cls(storage, read_only=read_only)
            store._tables()
        except BaseException:
            storage.close()
            raise
        return store

    def close(self) -> None:
        self._storage.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self._storage.path

    @property
    def backup_path(self) -> Path:
        return self._storage.backup_path

    @property
    def on_lock_wait(self) -> OnLockWait | None:
        """Called with a ``LockWait`` (its ``message`` is one line for the user) when a write
        has waited a second for another process's lock; the write gives up with
        ``StoreLockTimeout`` after ``locking.GIVE_UP_AFTER`` seconds. Called on the thread
        that writes: the app's writer thread, so it must hand the message to the UI thread."""
        return self._storage.lock.on_wait

    @on_lock_wait.setter
    def on_lock_wait(self, callback: OnLockWait | None) -> None:
        self._storage.lock.on_wait = callback

    def reload_if_changed(self) -> bool:
        """Re-read the file if another process saved it; True if it did."""
        with self._lock.thread:
            changed = self._storage.refresh()
            self._tables()
            return changed

    # -- internals -------------------------------------------------------------------------

    def _tables(self) -> Tables:
        """The in-memory tables, the index rebuilt if the storage loaded a new version."""
        tables = self._storage.current()
        if self._indexed_tables != self._storage.tables_replaced:
            self._index = StoreIndex(tables)
            self._indexed_tables = self._storage.tables_replaced
        return tables

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Around every change: refuses on a read-only store, else holds both locks."""
        if self.read_only is not None:
            raise StoreReadOnlyError(self.path, self.read_only)
        with self._lock:
            yield

    def _synced(self) -> Tables:
        """Before a change (process lock held): the newest version on disk."""
        self._storage.refresh()
        return self._tables()

    def _commit(self, edits: TableEdits) -> None:
        tables = self._storage.current()
        if META_DOC_ID not in tables.get(META_TABLE, {}):
            edits = {**edits, META_TABLE: {META_DOC_ID: migrations.new_meta()}}
        self._storage.commit(edits)

    @staticmethod
    def _decode(tables: Tables, doc_id: str) -> Annotation | None:
        """None for a document hamish cannot read (kept in the file, not shown)."""
        try:
            return Annotation.from_record(tables[ANNOTATIONS_TABLE][doc_id])
        except (KeyError, ValueError, TypeError):
            return None

    @staticmethod
    def _decode_article(tables: Tables, doc_id: str) -> ArticleRecord | None:
        try:
            return ArticleRecord.from_record(tables[ARTICLES_TABLE][doc_id])
        except (KeyError, ValueError, TypeError):
            return None

    # -- articles --------------------------------------------------------------------------

    def get_article(self, key: str) -> ArticleRecord | None:
        with self._lock.thread:
            tables = self._tables()
            doc_id = self._index.article_doc.get(key)
            return None if doc_id is None else self._decode_article(tables, doc_id)

    def find_article(self, text_hash: str, path: str | None) -> ArticleRecord | None:
        """The article whose text has ``text_hash``; else the one last seen at ``path`` (its file
        was edited since); else None."""
        with self._lock.thread:
            self._tables()
            key = self._index.article_by_hash.get(text_hash)
            if key is None and path is not None:
                key = self._index.article_by_path.get(stored_path(path))
            return None if key is None else self.get_article(key)

    def save_article(self, record: ArticleRecord) -> None:
        """Insert or replace the article with ``record.key``."""
        with self._writing():
            self._synced()
            doc_id = self._index.article_doc.get(record.key)
            if doc_id is None:
                doc_id = self._index.next_doc_id(ARTICLES_TABLE)
            document = record.to_record()
            self._commit({ARTICLES_TABLE: {doc_id: document}})
            self._index.put_article(doc_id, record.key, document)

    def list_articles(self) -> list[ArticleRecord]:
        """Every article, in the order they were first saved."""
        with self._lock.thread:
            tables = self._tables()
            found = [self._decode_article(tables, d) for d in self._index.article_doc.values()]
            return [record for record in found if record is not None]

    def set_position(self, key: str, offset: int, furthest: int = 0) -> None:
        """Remember the reading position (and how far the reader got, which only grows);
        raises ``KeyError`` for an unknown article."""
        self.update_article(key, lambda record: record.with_position(offset, furthest))

    def update_article(self, key: str, edit: Callable[[ArticleRecord], ArticleRecord]) -> None:
        """Replace the article's record with ``edit`` of it as the file holds it now (another
        process may have changed it); raises ``KeyError`` for an unknown article."""
        with self._writing():
            self._synced()
            record = self.get_article(key)
            if record is None:
                raise KeyError(key)
            self.save_article(edit(record))

    # -- annotations -----------------------------------------------------------------------

    def annotations_for(self, article_key: str) -> list[Annotation]:
        """The article's annotations in document order (start, then creation time)."""
        with self._lock.thread:
            tables = self._tables()
            ids = self._index.article_annotations.get(article_key, {})
            annotation_doc = self._index.annotation_doc
            found = [self._decode(tables, annotation_doc[i]) for i in ids]
            annotations = [annotation for annotation in found if annotation is not None]
            annotations.sort(key=_annotation_order)
            return annotations

    def get_annotation(self, annotation_id: str) -> Annotation | None:
        with self._lock.thread:
            tables = self._tables()
            doc_id = self._index.annotation_doc.get(annotation_id)
            return None if doc_id is None else self._decode(tables, doc_id)

    def add(self, annotation: Annotation) -> None:
        """Save a new annotation; durable when this returns. ``ValueError`` if its id exists."""
        with self._writing():
            self._synced()
            if annotation.id in self._index.annotation_doc:
                raise ValueError(f"annotation {annotation.id} already exists")
            doc_id = self._index.next_doc_id(ANNOTATIONS_TABLE)
            self._commit({ANNOTATIONS_TABLE: {doc_id: annotation_document(annotation)}})
            self._index.put_annotation(doc_id, annotation.id, annotation.article_key)

    def update(self, annotation: Annotation) -> None:
        """Replace the stored annotation with the same id; ``KeyError`` if there is none."""
        with self._writing():
            self._synced()
            doc_ids = self._index.annotation_docs(annotation.id)
            if not doc_ids:
                raise KeyError(annotation.id)
            main, *duplicates = doc_ids
            edits: dict[str, Document | None] = {main: annotation_document(annotation)}
            edits.update(dict.fromkeys(duplicates))
            self._commit({ANNOTATIONS_TABLE: edits})
            self._index.put_annotation(main, annotation.id, annotation.article_key)

    def delete(self, annotation_id: str) -> Annotation:
        """Remove an annotation and return it (for undo); ``KeyError`` if there is none."""
        with self._writing():
            tables = self._synced()
            doc_ids = self._index.annotation_docs(annotation_id)
            deleted = self._decode(tables, doc_ids[0]) if doc_ids else None
            if deleted is None:
                raise KeyError(annotation_id)
            self._commit({ANNOTATIONS_TABLE: dict.fromkeys(doc_ids)})
            self._index.remove_annotation(annotation_id)
            return deleted

    def add_many(self, annotations: Iterable[Annotation], skip_existing: bool = True) -> int:
        """Save many annotations in ONE write (imports); returns how many were added.

        Annotations whose id is already stored (or repeated in ``annotations``) are skipped, or,
        with ``skip_existing=False``, make the whole call raise ``ValueError`` before writing.
        """
        with self._writing():
            self._synced()
            fresh: dict[str, Annotation] = {}
            for annotation in annotations:
                if annotation.id in self._index.annotation_doc or annotation.id in fresh:
                    if not skip_existing:
                        raise ValueError(f"annotation {annotation.id} already exists")
                    continue
                fresh[annotation.id] = annotation
            if not fresh:
                return 0
            doc_ids = {i: self._index.next_doc_id(ANNOTATIONS_TABLE) for i in fresh}
            documents: dict[str, Document | None] = {
                doc_ids[i]: annotation_document(annotation) for i, annotation in fresh.items()
            }
            self._commit({ANNOTATIONS_TABLE: documents})
            for annotation_id, annotation in fresh.items():
                self._index.put_annotation(
                    doc_ids[annotation_id], annotation_id, annotation.article_key
                )
            return len(fresh)

    def annotation_counts(self) -> dict[str, int]:
        """article key -> number of annotations, for articles that have any."""
        with self._lock.thread:
            self._tables()
            return {key: len(ids) for key, ids in self._index.article_annotations.items()}

    def all_annotations(self) -> list[Annotation]:
        """Every readable annotation, grouped by article key, each group in document order."""
        with self._lock.thread:
            tables = self._tables()
            found = [self._decode(tables, d) for d in self._index.annotation_doc.values()]
            annotations = [annotation for annotation in found if annotation is not None]
            annotations.sort(key=lambda a: (a.article_key, *_annotation_order(a)))
            return annotations


def _create_or_migrate(storage: AtomicJSONStorage) -> None:
    """Under the process lock: stamp a brand-new file, or migrate an old one in one write."""
    if not storage.exists:
        storage.replace_all(migrations.new_database())
        return
    tables = storage.current()
    if not migrations.needs_migration(tables):
        return  # another process migrated while we waited for the lock
    version = migrations.schema_version(tables)
    migrated = migrations.migrate({name: table.plain() for name, table in tables.items()})
    try:
        copy_durably(storage.path, pre_migration_path(storage.path, version))
    except OSError as error:
        raise StoreWriteError(storage.path, error, replaced=False) from error
    storage.replace_all(migrated)


def pre_migration_path(path: Path, version: int, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    return path.with_name(f"{path.name}.pre-v{version}-{stamp}")
