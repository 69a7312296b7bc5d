"""Schema versions of the store and the path from old versions to the current one.

The version lives in the ``_meta`` table (document ``"1"``) of the index; a file without it is
version 1, which is what hamish wrote before it stamped versions. Migrations are pure functions
on the raw ``{table: {doc_id: document}}`` dict of the whole store (its annotations in one
table, as version 1 kept them), so they can be tested on fixtures without any I/O, and the store
applies a whole chain in ONE atomic step (``upgrade``): a crash leaves either the old store
(migrate again on the next start) or the fully migrated one, never a half-migrated mix.

Migrations must not modify their argument; they return a new dict (documents they do not touch
may be shared). Tests replace ``MIGRATIONS`` and ``STORE_SCHEMA_VERSION`` to exercise the
machinery, so the rest of the store reads both through this module at call time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hamish.core.annotations.model import utc_now
from hamish.core.store.tables import RawTables

STORE_SCHEMA_VERSION = 2
META_TABLE = "_meta"
META_DOC_ID = "1"
ARTICLES_TABLE = "articles"
ANNOTATIONS_TABLE = "annotations"

Migration = Callable[[RawTables], RawTables]


def _documents_unchanged(tables: RawTables) -> RawTables:
    """Version 2 keeps each article's annotations in a file of its own (``layout``); the
    documents themselves are what version 1 held, and the store cuts them into files."""
    return tables


MIGRATIONS: dict[int, Migration] = {1: _documents_unchanged}
"""``MIGRATIONS[n]`` turns a version-``n`` database into a version-``n + 1`` one."""


class SchemaError(ValueError):
    """The ``_meta`` table is present but its version is not a positive integer."""


def schema_version(tables: Mapping[str, Mapping[str, Any]]) -> int:
    meta = tables.get(META_TABLE)
    if not meta:
        return 1
    document = meta.get(META_DOC_ID)
    if document is None:
        return 1
    version = document.get("schema_version", 1) if isinstance(document, Mapping) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SchemaError(f"its schema version is {version!r}, not a positive integer")
    return version


def meta_document(tables: Mapping[str, Mapping[str, Any]]) -> dict[str, Any] | None:
    document = tables.get(META_TABLE, {}).get(META_DOC_ID)
    return dict(document) if isinstance(document, Mapping) else None


def new_meta(now: str | None = None) -> dict[str, Any]:
    return {"schema_version": STORE_SCHEMA_VERSION, "app": "hamish", "created": now or utc_now()}


def new_database(now: str | None = None) -> RawTables:
    """What a brand-new file holds: the version stamp and the two (empty) tables."""
    return {META_TABLE: {META_DOC_ID: new_meta(now)}, ARTICLES_TABLE: {}, ANNOTATIONS_TABLE: {}}


def needs_migration(tables: Mapping[str, Mapping[str, Any]]) -> bool:
    return schema_version(tables) < STORE_SCHEMA_VERSION


def migrate(tables: RawTables, *, now: str | None = None) -> RawTables:
    """``tables`` brought up to ``STORE_SCHEMA_VERSION``, its ``_meta`` stamped with where it
    came from. Raises ``LookupError`` if a step is missing (a bug: every version needs one)."""
    start = version = schema_version(tables)
    while version < STORE_SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise LookupError(f"no migration from schema version {version}")
        tables = step(tables)
        version += 1
    meta = meta_document(tables) or {}
    meta.update(schema_version=version)
    if version != start:
        meta.update(migrated_from=start, migrated_at=now or utc_now())
    migrated = dict(tables)
    migrated[META_TABLE] = {**tables.get(META_TABLE, {}), META_DOC_ID: meta}
    return migrated
