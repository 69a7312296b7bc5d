"""Bringing a store to the current schema version, on disk or only in memory.

Migrations (``migrations``) are pure functions on the whole store as version 1 kept it, one
``{table: {doc_id: document}}`` dict. Here that dict is assembled (from a version-1 file, or
from an index and every article's file), migrated, and cut again into the current layout.

On disk the switch is ONE atomic step. Under the store's lock: a copy of the index is kept as
``<name>.pre-v<N>-<time>``; every article's file is written and fsynced into a hidden folder,
which is renamed to the current version's folder (``layout.annotations_dir``); then the index
is replaced. A crash before that last rename leaves the old store whole: it is what the next
start reads and migrates again, and what this left behind is a hidden folder (removed by the
next attempt) or a complete new folder (set aside by it, never deleted). A crash after it
leaves the new store whole, the old folder (if any) kept as it was.

A store opened for reading is migrated the same way in memory and never written.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from hamish.core.atomic_file import (
    copy_durably,
    fsync_directory,
    temp_prefix_for,
    write_durably,
)
from hamish.core.store import migrations
from hamish.core.store.errors import StoreWriteError
from hamish.core.store.file_format import Document, encode_file, encode_table
from hamish.core.store.layout import (
    annotations_dir,
    is_sharded,
    shard_files,
    shard_name,
    staging_dir,
)
from hamish.core.store.migrations import ANNOTATIONS_TABLE, META_DOC_ID, META_TABLE
from hamish.core.store.shards import shard_meta
from hamish.core.store.storage import AtomicJSONStorage
from hamish.core.store.tables import RawTables

Shards = dict[str, RawTables]
"""File name -> the tables of that article's file."""


def whole_store(index: AtomicJSONStorage) -> RawTables:
    """The store as one dict, as version 1 kept it: every article's annotations in one
    ``annotations`` table. Reads every file (and raises what opening a damaged one raises)."""
    tables = {name: table.plain() for name, table in index.current().items()}
    version = migrations.schema_version(tables)
    if not is_sharded(version):
        return tables
    annotations = dict(tables.get(ANNOTATIONS_TABLE, {}))
    number = len(annotations)
    for path in shard_files(annotations_dir(index.path, version)):
        shard = AtomicJSONStorage(path, lock=index.lock)
        try:
            for document in shard.current().get(ANNOTATIONS_TABLE, {}).values():
                number += 1  # document ids are per file: number them afresh
                annotations[str(number)] = document
        finally:
            shard.close()
    tables[ANNOTATIONS_TABLE] = annotations
    return tables


def split_by_article(tables: RawTables) -> tuple[RawTables, Shards]:
    """A whole store cut into the index and one file per article. Annotations without an
    article key stay in the index's ``annotations`` table, kept as they are, never shown."""
    index = dict(tables)
    unfiled: dict[str, Document] = {}
    by_article: dict[str, RawTables] = {}
    for doc_id, document in tables.get(ANNOTATIONS_TABLE, {}).items():
        key = document.get("article_key")
        if type(key) is not str:
            unfiled[doc_id] = document
            continue
        shard = by_article.get(key)
        if shard is None:
            meta = {META_DOC_ID: shard_meta(key)}
            shard = by_article[key] = {META_TABLE: meta, ANNOTATIONS_TABLE: {}}
        shard[ANNOTATIONS_TABLE][doc_id] = document
    index[ANNOTATIONS_TABLE] = unfiled
    return index, {shard_name(key): shard for key, shard in by_article.items()}


def migrated(index: AtomicJSONStorage) -> tuple[RawTables, Shards]:
    """The store at ``index`` brought to the current version, in memory."""
    return split_by_article(migrations.migrate(whole_store(index)))


def upgrade(index: AtomicJSONStorage) -> None:
    """Under the store's lock: migrate the store on disk (see the module docstring)."""
    tables = index.current()
    if not migrations.needs_migration(tables):
        return  # another process migrated while we waited for the lock
    version = migrations.schema_version(tables)
    index_tables, shards = migrated(index)
    try:
        copy_durably(index.path, pre_migration_path(index.path, version))
        _publish(annotations_dir(index.path), shards)
    except OSError as error:
        raise StoreWriteError(index.path, error, replaced=False) from error
    index.replace_all(index_tables)


def _publish(target: Path, shards: Shards) -> None:
    """Every article's file, complete and durable, in the folder ``target``."""
    staging = staging_dir(target)
    for stale in target.parent.glob(f"{temp_prefix_for(target)}*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)  # an interrupted migration's: never read
    os.mkdir(staging, 0o700)
    try:
        for name, tables in shards.items():
            fragments = {table: encode_table(documents) for table, documents in tables.items()}
            write_durably(staging / name, encode_file(fragments))
        fsync_directory(staging)
        if target.exists():
            os.rename(target, set_aside_path(target))
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsync_directory(target.parent)


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")


def pre_migration_path(path: Path, version: int, now: datetime | None = None) -> Path:
    return path.with_name(f"{path.name}.pre-v{version}-{_stamp(now)}")


def set_aside_path(folder: Path, now: datetime | None = None) -> Path:
    """Where a folder found in the way of a migration is kept: one a crash left complete, or
    the newer folder of a store whose index was replaced by an older copy by hand."""
    return folder.with_name(f"{folder.name}.aside-{_stamp(now)}")
