"""The annotation store: articles in an index file, each article's annotations in a file of
its own (``layout``), all handed out as frozen dataclasses.

Every change is one read-modify-write of one file under the store's lock (a thread lock plus an
inter-process lock on the index's ``.lock``): reload if another process saved since we last
looked, change the documents, save atomically. When a write method returns, the change is
fsynced and in place; when it raises, nothing in memory has moved ahead of the file. Reads
answer from memory and do not look at the disk; call ``reload_if_changed()`` to pick up other
processes' saves.

Annotations are identified by their uuid (``Annotation.id``) within their article, articles by
``ArticleRecord.key``; TinyDB document ids are an internal detail of each file. A method that
names an annotation without its article (``get_annotation(id)``, ``delete(id)``) searches every
article's file, which costs what the whole library costs; the app and the commands say which.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType

from hamish.core import paths
from hamish.core.annotations.model import Annotation, ArticleRecord
from hamish.core.file_names import stored_path
from hamish.core.store import locking, migrations
from hamish.core.store.errors import StoreReadOnlyError, StoreWriteError
from hamish.core.store.index import Indexed, StoreIndex
from hamish.core.store.layout import annotations_dir
from hamish.core.store.locking import OnLockWait
from hamish.core.store.migrations import ARTICLES_TABLE, META_DOC_ID, META_TABLE
from hamish.core.store.parsing import Tables
from hamish.core.store.shards import Shard, ShardSet, annotation_order
from hamish.core.store.storage import AtomicJSONStorage
from hamish.core.store.upgrade import migrated, upgrade

READING = "opened for reading"
"""``Store.read_only`` of a store opened with ``reading=True`` in a place it could write."""


class Store:
    """Use ``Store.open``; the constructor takes an already prepared index and folder."""

    def __init__(
        self,
        storage: AtomicJSONStorage,
        shards: ShardSet,
        *,
        read_only: str | None = None,
        unwritable: str | None = None,
    ) -> None:
        self._storage = storage
        self._articles = Indexed(storage)
        self._lock = storage.lock
        self._shards = shards
        self.read_only = read_only
        """Why this store refuses changes (opened for reading, or in a place it cannot write),
        or None. Every write then raises ``StoreReadOnlyError``."""
        self.unwritable = unwritable
        """Why the store's folder cannot be written here (a read-only file system or folder),
        when it was opened so as to be readable there anyway; None otherwise."""

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        on_lock_wait: OnLockWait | None = None,
        allow_read_only: bool = False,
        reading: bool = False,
    ) -> Store:
        """Open (creating if needed) the store whose index is ``path``, by default
        ``paths.database_path()``.

        An old schema is migrated in one atomic step after a copy of the index is kept as
        ``<name>.pre-v<N>-<time>`` (``upgrade``). Raises ``StoreCorruptError``/
        ``StoreVersionError`` without touching an unusable file. ``on_lock_wait``: see the
        property.

        With ``allow_read_only``, a store that cannot be written here (a read-only file system
        or folder: no lock file can be made) is opened for reading without the lock, and says
        why in ``read_only``; without it, that is a ``StoreError``. With ``reading`` the store
        is only read, wherever it is: nothing is created, locked, migrated or saved (an old
        schema is migrated in memory), so a command that only shows notes leaves every byte
        and every timestamp of the store as it was.
        """
        path = Path(path) if path is not None else paths.database_path()
        if not reading:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                if not allow_read_only:
                    raise StoreWriteError(path, error, replaced=False) from error
        storage = AtomicJSONStorage(path)
        storage.lock.on_wait = on_lock_wait
        try:
            read_only: str | None
            if reading:
                unwritable = locking.unwritable_reason(storage.path.parent)
                read_only = unwritable or READING
            else:
                unwritable = storage.lock.open_problem() if allow_read_only else None
                read_only = unwritable
            tables = storage.current()
            if read_only is None and (not storage.exists or migrations.needs_migration(tables)):
                with storage.lock:
                    storage.refresh()
                    _create_or_upgrade(storage)
            shards = _shard_set(storage, held=read_only is not None)
            store = cls(storage, shards, read_only=read_only, unwritable=unwritable)
            store._tables()
        except BaseException:
            storage.close()
            raise
        return store

    def close(self) -> None:
        with self._lock.thread:
            self._shards.close()
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
        """The index file (where a symbolic link leads)."""
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
        """Re-read the index and the open articles' files another process saved (a ``stat``
        of each); True if any was."""
        with self._lock.thread:
            changed = self._storage.refresh()
            self._tables()
            return self._shards.refresh() or changed

    # -- internals -------------------------------------------------------------------------

    def _tables(self) -> Tables:
        """The index's tables (``StoreClosedError`` once closed)."""
        return self._articles.tables()

    @property
    def _index(self) -> StoreIndex:
        return self._articles.index

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Around every change: refuses on a read-only store, else holds both locks, with the
        index as it is on disk (a damaged index stops every change, as a damaged file does)."""
        if self.read_only is not None:
            raise StoreReadOnlyError(self.path, self.read_only)
        with self._lock:
            self._storage.refresh()
            self._tables()
            yield

    def _shard(self, article_key: str) -> Shard:
        self._tables()  # refuses once closed
        return self._shards.shard(article_key)

    def _holding(self, annotation_id: str, article_key: str | None) -> Shard | None:
        """The file holding ``annotation_id``: ``article_key``'s, else (no key) any."""
        if article_key is not None:
            shard = self._shard(article_key)
            return shard if annotation_id in shard.index.annotation_doc else None
        self._tables()
        return self._shards.holding(annotation_id)

    # -- articles --------------------------------------------------------------------------

    def _decode_article(self, tables: Tables, doc_id: str) -> ArticleRecord | None:
        try:
            return ArticleRecord.from_record(tables[ARTICLES_TABLE][doc_id])
        except (KeyError, ValueError, TypeError):
            return None

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
            doc_id = self._index.article_doc.get(record.key)
            if doc_id is None:
                doc_id = self._index.next_doc_id(ARTICLES_TABLE)
            document = record.to_record()
            edits = {ARTICLES_TABLE: {doc_id: document}}
            if META_DOC_ID not in self._storage.current().get(META_TABLE, {}):
                edits[META_TABLE] = {META_DOC_ID: migrations.new_meta()}
            self._storage.commit(edits)
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
            record = self.get_article(key)
            if record is None:
                raise KeyError(key)
            self.save_article(edit(record))

    # -- annotations -----------------------------------------------------------------------

    def annotations_for(self, article_key: str) -> list[Annotation]:
        """The article's annotations in document order (start, then creation time)."""
        with self._lock.thread:
            return self._shard(article_key).annotations(article_key)

    def get_annotation(
        self, annotation_id: str, article_key: str | None = None
    ) -> Annotation | None:
        """The annotation ``annotation_id`` of ``article_key``; without a key, of any article
        (a search of every article's file)."""
        with self._lock.thread:
            shard = self._holding(annotation_id, article_key)
            return None if shard is None else shard.get(annotation_id)

    def add(self, annotation: Annotation) -> None:
        """Save a new annotation; durable when this returns. ``ValueError`` if its article
        already has one with its id."""
        with self._writing():
            shard = self._shards.shard(annotation.article_key)
            if annotation.id in shard.synced().annotation_doc:
                raise ValueError(f"annotation {annotation.id} already exists")
            shard.add({annotation.id: annotation})

    def put(self, annotation: Annotation) -> None:
        """Save ``annotation``, new or replacing the one of its article with its id."""
        with self._writing():
            shard = self._shards.shard(annotation.article_key)
            if annotation.id in shard.synced().annotation_doc:
                shard.replace(annotation)
            else:
                shard.add({annotation.id: annotation})

    def update(self, annotation: Annotation) -> None:
        """Replace the stored annotation with the same id, in whichever article it is (an
        update may move it to another); ``KeyError`` if there is none."""
        with self._writing():
            shard = self._shards.shard(annotation.article_key)
            if annotation.id in shard.synced().annotation_doc:
                shard.replace(annotation)
                return
            self._shards.refresh()
            old = self._shards.holding(annotation.id)
            if old is None or annotation.id not in old.synced().annotation_doc:
                raise KeyError(annotation.id)
            shard.add({annotation.id: annotation})  # first: a crash between keeps both
            old.remove(annotation.id)

    def delete(self, annotation_id: str, article_key: str | None = None) -> Annotation:
        """Remove an annotation and return it (for undo); ``KeyError`` if ``article_key``
        (without a key: any article) has none with this id."""
        with self._writing():
            if article_key is None:
                self._shards.refresh()
            shard = self._holding(annotation_id, article_key)
            deleted = None
            if shard is not None and annotation_id in shard.synced().annotation_doc:
                deleted = shard.get(annotation_id)
            if shard is None or deleted is None:
                raise KeyError(annotation_id)
            shard.remove(annotation_id)
            return deleted

    def add_many(self, annotations: Iterable[Annotation], skip_existing: bool = True) -> int:
        """Save many annotations with one write per article (imports); returns how many were
        added. Each article's file is written atomically; a crash between two leaves some
        articles' annotations saved, and running the import again adds the rest.

        Annotations whose id their article already has (or repeated in ``annotations``) are
        skipped, or, with ``skip_existing=False``, make the whole call raise ``ValueError``
        before anything is written.
        """
        with self._writing():
            fresh: dict[str, dict[str, Annotation]] = {}
            for annotation in annotations:
                key = annotation.article_key
                if key not in fresh:
                    fresh[key] = {}
                    self._shards.shard(key).synced()
                batch = fresh[key]
                stored = self._shards.shard(key).index.annotation_doc
                if annotation.id in stored or annotation.id in batch:
                    if not skip_existing:
                        raise ValueError(f"annotation {annotation.id} already exists")
                    continue
                batch[annotation.id] = annotation
            for article_key, batch in fresh.items():
                if batch:
                    self._shards.shard(article_key).add(batch)
            return sum(map(len, fresh.values()))

    def annotation_counts(self) -> dict[str, int]:
        """article key -> number of annotations, for articles that have any."""
        with self._lock.thread:
            self._tables()
            return {key: n for key, n in self._shards.counts().items() if n}

    def all_annotations(self) -> list[Annotation]:
        """Every readable annotation, grouped by article key, each group in document order."""
        with self._lock.thread:
            self._tables()
            found: list[Annotation] = []
            for shard in self._shards.every_shard():
                found += shard.annotations()
            found.sort(key=lambda a: (a.article_key, *annotation_order(a)))
            return found


def _shard_set(storage: AtomicJSONStorage, *, held: bool) -> ShardSet:
    """The articles' files of the store at ``storage``; for a store that may not be written
    (``held``) and is not yet in the current version, its migration held in memory."""
    directory = annotations_dir(storage.path)
    if not (held and storage.exists and migrations.needs_migration(storage.current())):
        return ShardSet(directory, storage.lock)
    index_tables, shards = migrated(storage)
    storage.hold(index_tables)
    return ShardSet(directory, storage.lock, held=shards)


def _create_or_upgrade(storage: AtomicJSONStorage) -> None:
    """Under the process lock: stamp a brand-new index, or migrate an old store."""
    if not storage.exists:
        storage.replace_all(migrations.new_database())
        return
    upgrade(storage)
