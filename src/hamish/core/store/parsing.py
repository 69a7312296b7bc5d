"""From the bytes of a database file to tables, or to a precise reason why not.

Shared by the storage (which refuses to use, and so never overwrites, a damaged file) and by
``hamish doctor`` (which reports the same reasons without opening a store).
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from hamish.core.atomic_file import backup_path_for
from hamish.core.store import migrations
from hamish.core.store.errors import StoreVersionError
from hamish.core.store.file_format import FORMAT_TABLE, split_file
from hamish.core.store.tables import DocumentTable, RawTables

Tables = dict[str, DocumentTable]


class DamagedFile(ValueError):
    """Why bytes are not a usable database; ``empty`` separates "nothing there" from "garbage"."""

    def __init__(self, problem: str, *, empty: bool = False) -> None:
        super().__init__(problem)
        self.problem = problem
        self.empty = empty


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """json.loads of 10^5 documents triggers dozens of useless collections; skip them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def parse_database(content: bytes) -> RawTables:
    """The tables in ``content``, or ``DamagedFile`` saying what is wrong with it."""
    if not content.strip():
        problem = "is empty (0 bytes)" if not content else "contains only whitespace"
        raise DamagedFile(problem, empty=True)
    try:
        with _gc_paused():
            data = json.loads(content.decode("utf-8-sig"), parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        # Cut short: the error is at the very end, or a string runs into the end of the file.
        tail = error.doc[error.pos :].strip()
        truncated = len(tail) <= 5 or error.msg.startswith("Unterminated string")
        hint = ", so it looks truncated" if truncated else ""
        reason = error.msg.removesuffix(" at")  # "Unterminated string starting at"
        raise DamagedFile(
            f"is not valid JSON ({reason} at line {error.lineno} column {error.colno}{hint})"
        ) from error
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            problem = "it ends inside a character, so it looks truncated"
        else:
            problem = f"byte {error.start} is not UTF-8"
        raise DamagedFile(f"is not valid JSON ({problem})") from error
    except (ValueError, RecursionError) as error:  # NaN/Infinity, absurd nesting
        raise DamagedFile(f"is not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise DamagedFile(f"is JSON but not a TinyDB database (top level is {type(data).__name__})")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DamagedFile(f"is not a TinyDB database (table {name!r} is not an object)")
        if not all(type(document) is dict for document in table.values()):
            raise DamagedFile(f"is not a TinyDB database (table {name!r} holds a non-object)")
    return data


def check_version(tables: Mapping[str, Mapping[str, Any]], path: Path) -> int:
    """The file's schema version; ``DamagedFile`` if it is malformed, ``StoreVersionError`` if
    it is newer than this hamish."""
    try:
        version = migrations.schema_version(tables)
    except migrations.SchemaError as error:
        raise DamagedFile(f"is damaged: {error}") from error
    if version > migrations.STORE_SCHEMA_VERSION:
        raise StoreVersionError(
            path, backup_path_for(path), version, migrations.STORE_SCHEMA_VERSION
        )
    return version


def tables_from_file(content: bytes) -> Tables:
    """The tables in a file's bytes: cut into lines if ``file_format`` wrote it, else parsed (and
    checked) as JSON. Raises ``DamagedFile``."""
    fragments = split_file(content)
    if fragments is not None:
        return {name: DocumentTable.of_fragments(docs) for name, docs in fragments.items()}
    parsed = parse_database(content)
    parsed.pop(FORMAT_TABLE, None)
    return {name: DocumentTable.of_documents(docs) for name, docs in parsed.items()}
