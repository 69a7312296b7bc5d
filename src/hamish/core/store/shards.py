"""The articles' files: one TinyDB file of annotations per article, opened when first asked for.

A ``Shard`` is one such file with the lookups over it. ``ShardSet`` is the folder: it keeps the
files in use open (a few dozen, each holding one descriptor on the version it read) and reads
the others only when a question is about every article (exports, searching notes, counts),
closing them again. For a store that may not be migrated on disk, it holds in memory what the
files would be (``upgrade.migrated``).

Writes go through the same ``AtomicJSONStorage`` as the index and under the index's lock, so
each file is replaced atomically, with its own backup, and never over a version not seen.
"""

from __future__ import annotations

import contextlib
import os
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from hamish.core.annotations.model import Annotation
from hamish.core.atomic_file import (
    FileVersion,
    NotAFile,
    close_handle,
    current_version,
    fsync_directory,
    read_file,
    remove_stale_temp_files,
    temp_files_in,
)
from hamish.core.store import migrations
from hamish.core.store.errors import StoreWriteError
from hamish.core.store.file_format import Document, decode_fragment, table_lines
from hamish.core.store.index import Indexed, StoreIndex
from hamish.core.store.layout import shard_files, shard_name
from hamish.core.store.locking import StoreLock
from hamish.core.store.migrations import ANNOTATIONS_TABLE, META_DOC_ID, META_TABLE
from hamish.core.store.storage import AtomicJSONStorage
from hamish.core.store.tables import RawTables, count_by

KEPT_OPEN = 32
"""Articles' files kept open at once: those of the articles being read, and a few more."""


def annotation_document(annotation: Annotation) -> Document:
    """``annotation.to_record()`` with ``id`` and ``article_key`` first, so the index can be
    built from the file's bytes without decoding every document (``DocumentTable``)."""
    record = annotation.to_record()
    document: Document = {"id": record.pop("id"), "article_key": record.pop("article_key")}
    document.update(record)
    return document


def annotation_order(annotation: Annotation) -> tuple[int, str, str]:
    return (annotation.start, annotation.created, annotation.id)


def shard_meta(article_key: str | None) -> Document:
    meta: Document = {"schema_version": migrations.STORE_SCHEMA_VERSION}
    if article_key is not None:
        meta["article_key"] = article_key
    return meta


class Shard(Indexed):
    """One file of annotations. Reads answer from memory; writes are made with the store's
    lock held, after ``synced``."""

    def __init__(
        self,
        storage: AtomicJSONStorage,
        article_key: str | None,
        before_save: Callable[[], None],
    ) -> None:
        super().__init__(storage)
        self.article_key = article_key
        """The article whose file this is; None for a file found by listing the folder."""
        self._before_save = before_save

    def decode(self, doc_id: str) -> Annotation | None:
        """None for a document hamish cannot read (kept in the file, not shown)."""
        try:
            return Annotation.from_record(self.tables()[ANNOTATIONS_TABLE][doc_id])
        except (KeyError, ValueError, TypeError):
            return None

    def annotations(self, article_key: str | None = None) -> list[Annotation]:
        """The readable annotations of ``article_key`` (default: every article in the file),
        each article's in document order."""
        index = self.index
        groups = index.article_annotations
        keys = groups if article_key is None else [article_key]
        found = [self.decode(index.annotation_doc[i]) for key in keys for i in groups.get(key, {})]
        annotations = [annotation for annotation in found if annotation is not None]
        annotations.sort(key=lambda a: (a.article_key, *annotation_order(a)))
        return annotations

    def get(self, annotation_id: str) -> Annotation | None:
        doc_id = self.index.annotation_doc.get(annotation_id)
        return None if doc_id is None else self.decode(doc_id)

    def counts(self) -> dict[str, int]:
        return {key: len(ids) for key, ids in self.index.article_annotations.items()}

    # -- writing (the store's process lock held) -----------------------------------------------

    def synced(self) -> StoreIndex:
        """The newest version on disk, and its index."""
        self.storage.refresh()
        return self.index

    def _commit(self, edits: Mapping[str, Document | None]) -> None:
        changes: dict[str, Mapping[str, Document | None]] = {ANNOTATIONS_TABLE: edits}
        if META_DOC_ID not in self.storage.current().get(META_TABLE, {}):
            changes[META_TABLE] = {META_DOC_ID: shard_meta(self.article_key)}
        self._before_save()
        self.storage.commit(changes)

    def add(self, annotations: Mapping[str, Annotation]) -> None:
        """Save new annotations (ids not in this file) in one write."""
        index = self.synced()
        doc_ids = {i: index.next_doc_id(ANNOTATIONS_TABLE) for i in annotations}
        self._commit({doc_ids[i]: annotation_document(a) for i, a in annotations.items()})
        for annotation_id, annotation in annotations.items():
            index.put_annotation(doc_ids[annotation_id], annotation_id, annotation.article_key)

    def replace(self, annotation: Annotation) -> None:
        """Save ``annotation`` over every document of its id, which this file holds."""
        index = self.synced()
        main, *duplicates = index.annotation_docs(annotation.id)
        edits: dict[str, Document | None] = {main: annotation_document(annotation)}
        edits.update(dict.fromkeys(duplicates))
        self._commit(edits)
        index.put_annotation(main, annotation.id, annotation.article_key)

    def remove(self, annotation_id: str) -> None:
        """Remove every document of ``annotation_id``, which this file holds."""
        index = self.synced()
        self._commit(dict.fromkeys(index.annotation_docs(annotation_id)))
        index.remove_annotation(annotation_id)


def _counted_lines(path: Path) -> dict[str, int] | None:
    """article key -> annotations in the file at ``path``, read from its lines if hamish wrote
    it (``file_format.table_lines``) and its version is not newer than this hamish; else None."""
    try:
        found = read_file(path)
    except (OSError, NotAFile):
        return None
    if found is None:
        return None
    close_handle(found.handle)
    meta = table_lines(found.content, META_TABLE)
    annotations = table_lines(found.content, ANNOTATIONS_TABLE)
    if not meta or not meta.startswith(b'"1":') or annotations is None:
        return None
    try:
        version = migrations.schema_version(
            {META_TABLE: {META_DOC_ID: decode_fragment(META_DOC_ID, meta)}}
        )
    except (ValueError, migrations.SchemaError):
        return None
    if version > migrations.STORE_SCHEMA_VERSION:
        return None
    return count_by(annotations, "id", "article_key")


class ShardSet:
    """The folder of the articles' files, or, for a store read without migrating it, what they
    would hold (``held``: file name -> tables, never written)."""

    def __init__(
        self, directory: Path, lock: StoreLock, *, held: Mapping[str, RawTables] | None = None
    ) -> None:
        self.directory = directory
        self._lock = lock
        self._held = held
        self._open: OrderedDict[str, Shard] = OrderedDict()
        self._counted: dict[str, tuple[FileVersion | None, dict[str, int]]] = {}
        """File name -> its version when counted, and its counts."""
        self._swept = False

    def shard(self, article_key: str) -> Shard:
        """The file of ``article_key``'s annotations (empty if it has none yet)."""
        return self._at(shard_name(article_key), article_key)

    def _at(self, name: str, article_key: str | None) -> Shard:
        shard = self._open.get(name)
        if shard is not None:
            self._open.move_to_end(name)
            shard.article_key = shard.article_key or article_key
            return shard
        storage = AtomicJSONStorage(self.directory / name, lock=self._lock)
        if self._held is not None:
            storage.hold(self._held.get(name, {}))
        shard = self._open[name] = Shard(storage, article_key, self._before_save)
        while len(self._open) > KEPT_OPEN:
            _, evicted = self._open.popitem(last=False)
            evicted.storage.close()
        return shard

    def names(self) -> list[str]:
        if self._held is not None:
            return sorted(self._held)
        return [path.name for path in shard_files(self.directory)]

    @contextlib.contextmanager
    def _reading(self, name: str) -> Iterator[Shard]:
        """The file ``name``: the open one, else one read for the caller and closed after."""
        if name in self._open or self._held is not None:
            yield self._at(name, None)
            return
        storage = AtomicJSONStorage(self.directory / name, lock=self._lock)
        try:
            yield Shard(storage, None, self._before_save)
        finally:
            storage.close()

    def every_shard(self) -> Iterator[Shard]:
        """Every file, for questions about all articles. Files not already open are read for
        the question and closed after it, so a library of thousands never holds them all."""
        for name in self.names():
            with self._reading(name) as shard:
                yield shard

    def counts(self) -> dict[str, int]:
        """article key -> annotations (none decoded); a file that is not open is read again
        only when it changed since it was last counted."""
        counts: dict[str, int] = {}
        for name in self.names():
            if name in self._open or self._held is not None:
                found = self._at(name, None).counts()
            else:
                found = self._counted_file(name)
            for key, number in found.items():
                counts[key] = counts.get(key, 0) + number
        return counts

    def _counted_file(self, name: str) -> dict[str, int]:
        path = self.directory / name
        version = current_version(path)
        cached = self._counted.get(name)
        if cached is not None and version is not None and cached[0] == version:
            return cached[1]
        found = _counted_lines(path)
        if found is None:  # a file hamish did not write, or one it must refuse: read it whole
            with self._reading(name) as shard:
                found = shard.counts()
        self._counted[name] = (version, found)
        return found

    def holding(self, annotation_id: str) -> Shard | None:
        """The file that holds ``annotation_id``, whichever article it is under: the open
        files first, then those whose bytes contain the id. A search of the whole library,
        for callers that cannot say which article."""
        for shard in list(self._open.values()):
            if annotation_id in shard.index.annotation_doc:
                return shard
        needle = annotation_id.encode("utf-8", "surrogatepass")
        for name in self.names():
            if name in self._open or not self._may_hold(name, needle):
                continue
            shard = self._at(name, None)
            if annotation_id in shard.index.annotation_doc:
                return shard
        return None

    def _may_hold(self, name: str, needle: bytes) -> bool:
        """False only if the file's bytes surely lack ``needle`` (a file written by hand
        may spell a non-ASCII id as escapes, so only an ASCII id is looked for)."""
        if self._held is not None or not needle.isascii():
            return True
        try:
            found = read_file(self.directory / name)
        except (OSError, NotAFile):
            return True  # opening it says what is wrong
        if found is None:
            return False
        close_handle(found.handle)
        return needle in found.content

    def refresh(self) -> bool:
        """Re-read every open file another process saved; True if any was."""
        changed = [shard.storage.refresh() for shard in list(self._open.values())]
        return any(changed)

    def _before_save(self) -> None:
        """Before a save (the lock held): the folder, its creation made durable; and, the
        first time, the temporary files of interrupted saves in it, every article's (a writer
        holds the lock while it has one, so any there now is stale)."""
        if not self.directory.is_dir():
            try:
                os.makedirs(self.directory, exist_ok=True)
                fsync_directory(self.directory.parent)
            except OSError as error:
                raise StoreWriteError(self.directory, error, replaced=False) from error
        if not self._swept:
            remove_stale_temp_files(temp_files_in(self.directory))
            self._swept = True

    def close(self) -> None:
        for shard in self._open.values():
            shard.storage.close()
        self._open.clear()
