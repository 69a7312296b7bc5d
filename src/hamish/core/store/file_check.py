"""What state a database file (or its backup) is in, read without locking or writing anything.

Shared by ``hamish doctor``, by ``restore_backup`` (which only restores a usable backup) and by
the storage's error messages (which say what to do, and that depends on the backup).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from hamish.core.annotations.model import Annotation
from hamish.core.atomic_file import NotAFile, close_handle, read_file
from hamish.core.store import migrations
from hamish.core.store.errors import MISSING, describe_os_error
from hamish.core.store.file_format import FORMAT_TABLE
from hamish.core.store.migrations import ANNOTATIONS_TABLE, ARTICLES_TABLE
from hamish.core.store.parsing import DamagedFile, parse_database


class FileState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    CORRUPT = "corrupt"
    EMPTY = "empty"
    TOO_NEW = "too-new"
    NOT_A_FILE = "not-a-file"
    """A directory, FIFO, socket or device where the file should be."""
    UNREADABLE = "unreadable"
    """The file is there but cannot be read (permissions, I/O error)."""


DAMAGED = frozenset({FileState.CORRUPT, FileState.EMPTY, FileState.NOT_A_FILE})
"""States a restore from the backup repairs: the file is there, and useless as it is."""


@dataclass(frozen=True)
class FileCheck:
    """One file (the database or its backup) as hamish would see it when opening it."""

    state: FileState
    problem: str = ""
    """Why it is not usable, phrased to follow the file name ("is not valid JSON (...)")."""
    schema_version: int | None = None
    articles: int = 0
    annotations: int = 0
    unreadable_annotations: int = 0
    """Documents in the annotations table hamish cannot read: kept in the file, not shown."""
    invalid_text: int = 0
    """Documents holding a lone surrogate (``"\\ud800"``): text no UTF-8 program can read."""

    @property
    def usable(self) -> bool:
        return self.state is FileState.OK


def _content(path: Path) -> bytes | FileCheck:
    try:
        found = read_file(path)
    except NotAFile as other:
        return FileCheck(FileState.NOT_A_FILE, other.problem)
    except OSError as error:
        return FileCheck(FileState.UNREADABLE, f"cannot be read ({describe_os_error(error)})")
    if found is None:
        return FileCheck(FileState.MISSING, MISSING)
    close_handle(found.handle)
    return found.content


def check_file(path: Path) -> FileCheck:
    """Read ``path`` without locking or writing anything and say what state it is in."""
    content = _content(path)
    if isinstance(content, FileCheck):
        return content
    try:
        tables = parse_database(content)
        version = migrations.schema_version(tables)
    except DamagedFile as damage:
        return FileCheck(FileState.EMPTY if damage.empty else FileState.CORRUPT, damage.problem)
    except migrations.SchemaError as error:
        return FileCheck(FileState.CORRUPT, f"is damaged: {error}")
    tables.pop(FORMAT_TABLE, None)
    if version > migrations.STORE_SCHEMA_VERSION:
        problem = (
            f"was written by a newer hamish (schema version {version}; "
            f"this one knows up to {migrations.STORE_SCHEMA_VERSION})"
        )
        return FileCheck(FileState.TOO_NEW, problem, schema_version=version)
    readable = 0
    documents = tables.get(ANNOTATIONS_TABLE, {})
    for document in documents.values():
        try:
            Annotation.from_record(document)
            readable += 1
        except (KeyError, ValueError, TypeError):
            pass
    articles = tables.get(ARTICLES_TABLE, {})
    return FileCheck(
        FileState.OK,
        schema_version=version,
        articles=len(articles),
        annotations=readable,
        unreadable_annotations=len(documents) - readable,
        invalid_text=sum(map(_holds_invalid_text, [*documents.values(), *articles.values()])),
    )


def _holds_invalid_text(document: object) -> bool:
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except (TypeError, ValueError):
        return False
    return False
