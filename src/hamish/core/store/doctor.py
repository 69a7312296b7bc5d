"""What ``hamish doctor`` needs: a read-only diagnosis of the database and its backup, and a
restore that puts the backup back without ever deleting the damaged file.

Both are plain functions on paths; the CLI decides what to print and whether to ask first.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from hamish.core.annotations.model import Annotation
from hamish.core.store import migrations
from hamish.core.store.atomic import (
    backup_path_for,
    copy_durably,
    fsync_directory,
    lock_path_for,
    temp_prefix_for,
)
from hamish.core.store.errors import StoreRestoreError, StoreWriteError
from hamish.core.store.layout import LAYOUT_TABLE
from hamish.core.store.locking import StoreLock
from hamish.core.store.migrations import ANNOTATIONS_TABLE, ARTICLES_TABLE
from hamish.core.store.parsing import DamagedFile, parse_database


class FileState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    CORRUPT = "corrupt"
    EMPTY = "empty"
    TOO_NEW = "too-new"


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


def _holds_invalid_text(document: object) -> bool:
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except (TypeError, ValueError):
        return False
    return False


def check_file(path: Path) -> FileCheck:
    """Read ``path`` without locking or writing anything and say what state it is in."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return FileCheck(FileState.MISSING, "does not exist")
    except OSError as error:
        return FileCheck(FileState.CORRUPT, f"cannot be read ({error.strerror or error})")
    try:
        tables = parse_database(content)
        version = migrations.schema_version(tables)
    except DamagedFile as damage:
        return FileCheck(FileState.EMPTY if damage.empty else FileState.CORRUPT, damage.problem)
    except migrations.SchemaError as error:
        return FileCheck(FileState.CORRUPT, f"is damaged: {error}")
    tables.pop(LAYOUT_TABLE, None)
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
    invalid = [*documents.values(), *articles.values()]
    return FileCheck(
        FileState.OK,
        schema_version=version,
        articles=len(articles),
        annotations=readable,
        unreadable_annotations=len(documents) - readable,
        invalid_text=sum(map(_holds_invalid_text, invalid)),
    )


@dataclass(frozen=True)
class DoctorReport:
    path: Path
    state: FileState
    problem: str
    schema_version: int | None
    articles: int
    annotations: int
    unreadable_annotations: int
    invalid_text: int
    backup_path: Path
    backup_state: FileState
    backup_annotations: int
    summary: str
    """One line for the user."""

    @property
    def healthy(self) -> bool:
        return self.state in (FileState.OK, FileState.MISSING) and not (
            self.state is FileState.MISSING and self.backup_state is not FileState.MISSING
        )

    @property
    def can_restore(self) -> bool:
        """Whether ``restore_backup`` would act without ``force``: the file is damaged or
        missing and the backup is usable. A too-new file is not damaged: upgrade instead."""
        unusable = self.state in (FileState.CORRUPT, FileState.EMPTY, FileState.MISSING)
        return unusable and self.backup_state is FileState.OK


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _summary(path: Path, database: FileCheck, backup_path: Path, backup: FileCheck) -> str:
    if backup.state is FileState.OK:
        backup_text = f"the backup {backup_path} holds {_count(backup.annotations, 'annotation')}"
    else:
        backup_text = f"the backup {backup_path} {backup.problem}"
    if database.state is FileState.OK and database.invalid_text:
        return (
            f"{path} is readable, but {_count(database.invalid_text, 'record')} "
            f"{'holds' if database.invalid_text == 1 else 'hold'} text that is not valid "
            "Unicode (a lone surrogate such as \\ud800, from a file edited by hand or by another "
            f"program): hamish shows it as \ufffd and keeps it as it is; {backup_text}"
        )
    if database.state is FileState.OK:
        unreadable = database.unreadable_annotations
        extra = f" ({unreadable} more hamish cannot read, kept as they are)" if unreadable else ""
        return (
            f"{path} is healthy: {_count(database.articles, 'article')}, "
            f"{_count(database.annotations, 'annotation')}{extra}, "
            f"schema version {database.schema_version}; {backup_text}"
        )
    if database.state is FileState.MISSING and backup.state is FileState.MISSING:
        return f"{path} does not exist yet; hamish creates it when it first needs it"
    if database.state is FileState.TOO_NEW:
        return f"{path} {database.problem}; upgrade hamish to use it"
    action = "restore it" if backup.state is FileState.OK else "it cannot be restored"
    return f"{path} {database.problem}; {backup_text}: {action}"


def diagnose(path: Path) -> DoctorReport:
    """The state of the database at ``path`` and of its ``.bak``; reads only."""
    path = Path(path)
    backup_path = backup_path_for(path)
    database = check_file(path)
    backup = check_file(backup_path)
    return DoctorReport(
        path=path,
        state=database.state,
        problem=database.problem,
        schema_version=database.schema_version,
        articles=database.articles,
        annotations=database.annotations,
        unreadable_annotations=database.unreadable_annotations,
        invalid_text=database.invalid_text,
        backup_path=backup_path,
        backup_state=backup.state,
        backup_annotations=backup.annotations,
        summary=_summary(path, database, backup_path, backup),
    )


def _aside_path(path: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    return candidate


def restore_backup(path: Path, *, force: bool = False) -> Path:
    """Put a copy of ``<path>.bak`` in place of an unusable database.

    The damaged file is moved to ``<name>.corrupt-<UTC time>`` (never deleted) and that path is
    returned; if there was no file, ``path`` itself is returned. Refuses (``StoreRestoreError``)
    if the backup is unusable, or, unless ``force``, if the database is healthy or was written
    by a newer hamish (restoring would lose its latest changes).
    """
    path = Path(path)
    backup_path = backup_path_for(path)
    backup = check_file(backup_path)
    if backup.state is not FileState.OK:
        raise StoreRestoreError(
            f"cannot restore {path}: its backup {backup_path} {backup.problem}",
            path=path,
            backup_path=backup_path,
        )
    lock = StoreLock(lock_path_for(path))
    try:
        with lock:
            database = check_file(path)
            if database.state in (FileState.OK, FileState.TOO_NEW) and not force:
                raise StoreRestoreError(
                    f"{path} is readable ({database.state}); restoring the older backup "
                    "would lose its latest changes, so it was left as it is",
                    path=path,
                    backup_path=backup_path,
                )
            return _swap_in_backup(path, backup_path, database.state is not FileState.MISSING)
    except OSError as error:
        raise StoreWriteError(path, error, replaced=False) from error
    finally:
        lock.close()


def _swap_in_backup(path: Path, backup_path: Path, database_exists: bool) -> Path:
    staging = path.with_name(f"{temp_prefix_for(path)}restore.{os.getpid()}.tmp")
    copy_durably(backup_path, staging)
    try:
        aside = path
        if database_exists:
            aside = _aside_path(path)
            try:
                os.link(path, aside)  # the damaged bytes stay reachable at every moment
            except OSError:
                os.rename(path, aside)
        os.replace(staging, path)
        fsync_directory(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staging)
        raise
    return aside
