"""What ``hamish doctor`` needs: a read-only diagnosis of the database and its backup, and a
restore that puts the backup back without ever deleting the damaged file.

Both are plain functions on paths; the CLI decides what to print and whether to ask first.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hamish.core.atomic_file import (
    backup_path_for,
    copy_durably,
    fsync_directory,
    link_target,
    temp_prefix_for,
)
from hamish.core.store.errors import StoreRestoreError, StoreWriteError
from hamish.core.store.file_check import DAMAGED, FileCheck, FileState, check_file
from hamish.core.store.locking import StoreLock, lock_path_for


@dataclass(frozen=True)
class DoctorReport:
    path: Path
    state: FileState
    problem: str
    schema_version: int | None
    articles: int
    annotations: int
    unreadable_annotations: int
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
        unusable = self.state in DAMAGED or self.state is FileState.MISSING
        return unusable and self.backup_state is FileState.OK


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _summary(path: Path, database: FileCheck, backup_path: Path, backup: FileCheck) -> str:
    if backup.state is FileState.OK:
        backup_text = f"the backup {backup_path} holds {_count(backup.annotations, 'annotation')}"
    else:
        backup_text = f"the backup {backup_path} {backup.problem}"
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
    path = link_target(Path(path))
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
    path = link_target(Path(path))
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
