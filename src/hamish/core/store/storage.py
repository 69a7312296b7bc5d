"""A TinyDB storage that never corrupts, never overwrites a file it could not read, and never
loses another process's write.

Stock ``JSONStorage`` rewrites the file in place with no lock, so a crash or a second process
can leave it unreadable. This storage:

* saves through ``atomic_file.replace_file`` (temp file, fsync, replace, ``.bak``, fsync of the
  directory), so the file on disk is always a complete old or new version;
* refuses a file that is empty, does not parse, is not shaped like a TinyDB database or has a
  newer schema version, and then never writes to it (the repair is ``hamish doctor``);
* keeps the parsed tables in memory and re-reads only when the file's identity (inode, size,
  mtime) differs from the version last read or written, and refuses to save over a version it
  has not seen (``StoreConflictError``); callers hold ``lock`` around read-modify-write;
* re-encodes only the documents a ``commit`` names, reusing the bytes of all others (see
  ``file_format``), so a save costs a join and a write rather than a full ``json.dumps``.

Plain TinyDB can use it (``TinyDB(path, storage=AtomicJSONStorage)``): ``read`` returns a
private copy and ``write`` re-encodes everything, exactly as safe, as slow as stock.
"""

from __future__ import annotations

import copy
import marshal
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from hamish.core.atomic_file import (
    PRIVATE,
    FileVersion,
    NotAFile,
    WriteFailed,
    backup_path_for,
    close_handle,
    current_version,
    link_target,
    read_file,
    remove_stale_temp_files,
    replace_file,
    temp_files_beside,
)
from hamish.core.store.errors import (
    StoreClosedError,
    StoreConflictError,
    StoreCorruptError,
    StoreReadError,
    StoreWriteError,
)
from hamish.core.store.file_check import check_file
from hamish.core.store.file_format import FORMAT_TABLE, Document, encode_document, encode_file
from hamish.core.store.locking import StoreLock, lock_path_for
from hamish.core.store.parsing import DamagedFile, Tables, check_version, tables_from_file
from hamish.core.store.tables import DocumentTable, RawTables

TableEdits = Mapping[str, Mapping[str, Document | None]]
"""table -> document id -> the new document, or None to delete it."""


def _copy_tables(tables: Tables) -> RawTables:
    plain = {name: table.plain() for name, table in tables.items()}
    try:  # marshal copies plain JSON-shaped data at C speed
        copied: RawTables = marshal.loads(marshal.dumps(plain))
    except ValueError:
        copied = copy.deepcopy(plain)
    return copied


class AtomicJSONStorage(Storage):
    """See the module docstring. Not for use after ``close()``."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        create_dirs: bool = False,
        *,
        lock: StoreLock | None = None,
    ) -> None:
        """``lock``: one shared with other files of the same store (its articles' files share
        the index's), left open by ``close``; by default the file has its own."""
        super().__init__()
        self.path = link_target(Path(path))
        """The database file: where ``path`` leads if it is a symbolic link, so the backup, the
        lock and every save go beside the real file and the link stays a link."""
        self.backup_path = backup_path_for(self.path)
        if create_dirs:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._owns_lock = lock is None
        self.lock = StoreLock(lock_path_for(self.path)) if lock is None else lock
        self.tables_replaced = 0
        """How many times the tables were replaced wholesale (read from the file, or rewritten
        by ``replace_all``): whoever indexes them rebuilds the index when this moves."""
        self._closed = False
        self._loaded = False
        self._tables: Tables = {}
        self._seen: FileVersion | None = None
        self._seen_handle: int | None = None
        self._temp_files_cleaned = False
        self._detached = False

    @classmethod
    def in_directory(cls, path: Path) -> AtomicJSONStorage:
        """The storage for ``path``, its directory created; ``StoreWriteError`` if it cannot be."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreWriteError(path, error, replaced=False) from error
        return cls(path)

    # -- reading ---------------------------------------------------------------------------

    def load(self) -> Tables:
        """Read the file afresh (also after a failed save). A missing file is an empty database
        unless its backup exists: then something deleted it, and starting empty would soon
        replace that backup with nothing."""
        with self.lock.thread:
            self._check_open()
            try:
                result = read_file(self.path)
            except NotAFile as other:
                raise self._corrupt(other.problem) from None
            except OSError as error:
                raise StoreReadError(self.path, error) from error
            if result is None:
                if self.backup_path.exists():
                    raise self._corrupt("is missing although its backup exists")
                self._adopt({}, None, None)
                return self._tables
            try:
                tables = tables_from_file(result.content)
                check_version(tables, self.path)
            except DamagedFile as damage:
                close_handle(result.handle)
                raise self._corrupt(damage.problem, empty=damage.empty) from damage
            except BaseException:
                close_handle(result.handle)
                raise
            self._adopt(tables, result.version, result.handle)
            return self._tables

    def _corrupt(self, problem: str, *, empty: bool = False) -> StoreCorruptError:
        backup = check_file(self.backup_path)
        return StoreCorruptError(
            self.path,
            self.backup_path,
            problem,
            backup_problem=None if backup.usable else backup.problem,
            empty=empty,
        )

    def hold(self, tables: RawTables) -> None:
        """Serve ``tables`` as this file's content without reading or writing the file: what a
        store opened for reading shows of a file it may not migrate on disk. ``refresh`` then
        leaves them as they are, and a save is refused."""
        with self.lock.thread:
            self._adopt(
                {name: DocumentTable.of_documents(documents) for name, documents in tables.items()},
                None,
                None,
            )
            self._detached = True

    def _adopt(self, tables: Tables, version: FileVersion | None, handle: int | None) -> None:
        self._tables = tables
        self._set_seen(version, handle)
        self._loaded = True
        self.tables_replaced += 1

    def _set_seen(self, version: FileVersion | None, handle: int | None) -> None:
        close_handle(self._seen_handle)
        self._seen, self._seen_handle = version, handle

    @property
    def exists(self) -> bool:
        """Whether the loaded state came from a file (False: no file yet)."""
        return self._seen is not None

    def current(self) -> Tables:
        """The tables as last read or written, loading them if needed. Callers must not modify
        them: change documents through ``commit``."""
        with self.lock.thread:
            self._check_open()
            return self._tables if self._loaded else self.load()

    def changed_on_disk(self) -> bool:
        """Whether the file is not the version the in-memory tables came from (one stat)."""
        if self._detached:
            return False
        return not self._loaded or current_version(self.path) != self._seen

    def refresh(self) -> bool:
        """Reload if the file changed on disk; True if it did."""
        with self.lock.thread:
            self._check_open()
            if not self.changed_on_disk():
                return False
            self.load()
            return True

    def invalidate(self) -> None:
        """Forget the in-memory state; the next access re-reads the file."""
        with self.lock.thread:
            self._loaded = False
            self._detached = False
            self._tables = {}
            self._set_seen(None, None)

    # -- writing ---------------------------------------------------------------------------

    def commit(self, edits: TableEdits) -> None:
        """Apply ``edits`` and save the whole file atomically, encoding only the changed
        documents. Hold ``lock`` and ``refresh()`` first. On failure the in-memory state is
        dropped, so it can never run ahead of the file."""
        with self.lock:
            self._check_writable()
            encoded = {
                table: {
                    doc_id: None if document is None else encode_document(doc_id, document)
                    for doc_id, document in documents.items()
                }
                for table, documents in edits.items()
            }
            try:
                for table, documents in edits.items():
                    table_documents = self._tables.get(table)
                    if table_documents is None:
                        table_documents = self._tables[table] = DocumentTable.of_fragments({})
                    for doc_id, document in documents.items():
                        fragment = encoded[table][doc_id]
                        if document is None or fragment is None:
                            table_documents.remove(doc_id)
                        else:
                            table_documents.put(doc_id, document, fragment)
                self._save_tables()
            except BaseException:
                self.invalidate()
                raise

    def replace_all(self, tables: RawTables) -> None:
        """Save ``tables`` as the whole database in one atomic write (creation, migrations,
        plain TinyDB writes). Everything is encoded afresh."""
        with self.lock:
            self._check_writable()
            try:
                self._tables = {
                    name: DocumentTable.of_documents(dict(documents))
                    for name, documents in tables.items()
                    if name != FORMAT_TABLE
                }
                self.tables_replaced += 1
                self._save_tables()
            except BaseException:
                self.invalidate()
                raise

    def _check_writable(self) -> None:
        self._check_open()
        if self._detached:
            raise StoreConflictError(self.path)
        if not self._loaded:
            self.load()
        elif self.changed_on_disk():
            raise StoreConflictError(self.path)

    def _save_tables(self) -> None:
        payload = encode_file({name: table.fragments() for name, table in self._tables.items()})
        if not self._temp_files_cleaned:
            remove_stale_temp_files(temp_files_beside(self.path))  # safe: we hold the lock
            self._temp_files_cleaned = True
        try:
            written = replace_file(
                self.path, payload, keep_backup=True, mode=PRIVATE, keep_open=True
            )
        except WriteFailed as failure:
            raise StoreWriteError(self.path, failure.cause, replaced=failure.replaced) from None
        self._set_seen(written.version, written.handle)

    # -- the TinyDB Storage interface ------------------------------------------------------

    def read(self) -> RawTables | None:
        with self.lock.thread:
            self.refresh()
            if not self.exists:
                return None
            return _copy_tables(self._tables)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        for name, table in data.items():
            if not isinstance(name, str) or not isinstance(table, dict):
                raise TypeError(f"table {name!r} must be a dict under a str name")
        self.replace_all({name: dict(table) for name, table in data.items()})

    def close(self) -> None:
        with self.lock.thread:
            self._closed = True
            self.invalidate()
            if self._owns_lock:
                self.lock.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreClosedError(self.path)
