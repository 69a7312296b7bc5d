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
    temp_files_beside,
    temp_prefix_for,
)
from hamish.core.counts import count
from hamish.core.store.errors import StoreRestoreError, StoreWriteError
from hamish.core.store.file_check import DAMAGED, FileCheck, FileState, check_file
from hamish.core.store.locking import LockHolder, StoreLock, current_holder, lock_path_for


@dataclass(frozen=True)
class DoctorReport:
    """Everything ``hamish doctor`` says about a store: the database and its backup, and what
    around them matters (a link, the lock, the folder, leftovers of interrupted saves)."""

    path: Path
    database: FileCheck
    backup_path: Path
    backup: FileCheck
    linked_from: Path | None = None
    """The path asked about, when it is a symbolic link to ``path``."""
    lock_holder: LockHolder | None = None
    """Another process holding the lock right now (saving, or stopped while saving)."""
    unwritable: str | None = None
    """Why hamish cannot save in the folder (a read-only file system), or None."""
    leftovers: tuple[Path, ...] = ()
    """Temporary files of saves that were interrupted (removed by the next save)."""
    kept_copies: tuple[Path, ...] = ()
    """Damaged files a restore moved aside, and copies kept before a migration."""

    @property
    def healthy(self) -> bool:
        state = self.database.state
        return (
            state in (FileState.OK, FileState.MISSING)
            and not (state is FileState.MISSING and self.backup.state is not FileState.MISSING)
            and not self.database.invalid_text
        )

    @property
    def can_restore(self) -> bool:
        """Whether ``restore_backup`` would act without ``force``: the file is damaged or
        missing and the backup is usable. A too-new file is not damaged: upgrade instead."""
        state = self.database.state
        return (state in DAMAGED or state is FileState.MISSING) and self.backup.usable

    @property
    def summary(self) -> str:
        """One line for the user: the state, and what to do about it in every state."""
        path, database, backup = self.path, self.database, self.backup
        backup_text = f"the backup {self.backup_path} " + (
            f"holds {count(backup.annotations, 'annotation')}" if backup.usable else backup.problem
        )
        state = database.state
        if state is FileState.OK and database.invalid_text:
            holds = "holds" if database.invalid_text == 1 else "hold"
            return (
                f"{path} is readable, but {count(database.invalid_text, 'record')} {holds} text "
                "that is not valid Unicode (a lone surrogate such as \\ud800, from a file edited "
                f"by hand or by another program): hamish shows it as \ufffd and keeps it as it "
                f"is; {backup_text}"
            )
        if state is FileState.OK:
            unreadable = database.unreadable_annotations
            extra = (
                f" ({unreadable} more hamish cannot read, kept as they are)" if unreadable else ""
            )
            return (
                f"{path} is healthy: {count(database.articles, 'article')}, "
                f"{count(database.annotations, 'annotation')}{extra}, "
                f"schema version {database.schema_version}; {backup_text}"
            )
        if state is FileState.MISSING and backup.state is FileState.MISSING:
            return f"{path} does not exist yet; hamish creates it when it first needs it"
        if state is FileState.TOO_NEW:
            return f"{path} {database.problem}; upgrade hamish to use it"
        if state is FileState.UNREADABLE:
            return f"{path} {database.problem}; let your user read and write it, then try again"
        if self.can_restore:
            return f"{path} {database.problem}; {backup_text}: {RESTORE}"
        if backup.state is FileState.MISSING:
            return f"{path} {database.problem}; there is no backup: move it aside to start afresh"
        if state is FileState.MISSING:
            return f"{path} does not exist and {backup_text}: move the backup aside to start afresh"
        return (
            f"{path} {database.problem}, and {backup_text}: both are damaged; move both aside to "
            "start afresh, or repair one by hand"
        )


RESTORE = "restore it with `hamish doctor --restore` (the damaged file is kept beside it)"


def _unwritable(folder: Path) -> str | None:
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    with contextlib.suppress(OSError):
        if statvfs is not None and statvfs(folder).f_flag & os.ST_RDONLY:
            return "read-only file system"
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return "no permission to write in the folder"
    return None


def _kept_copies(path: Path) -> tuple[Path, ...]:
    """The ``.corrupt-*`` files ``restore_backup`` moves aside and the ``.pre-v*`` copies a
    migration keeps (see ``repository.pre_migration_path``)."""
    with contextlib.suppress(OSError):
        return tuple(
            sorted(
                candidate
                for pattern in (f"{path.name}.corrupt-*", f"{path.name}.pre-v*")
                for candidate in path.parent.glob(pattern)
            )
        )
    return ()


def diagnose(path: Path) -> DoctorReport:
    """The state of the database at ``path``, of its ``.bak`` and of what surrounds them;
    reads only (no lock taken, nothing created)."""
    asked = Path(path)
    path = link_target(asked)
    backup_path = backup_path_for(path)
    database = check_file(path)
    backup = check_file(backup_path)
    try:
        holder = current_holder(lock_path_for(path))
    except OSError:
        holder = None
    return DoctorReport(
        path=path,
        database=database,
        backup_path=backup_path,
        backup=backup,
        linked_from=asked if asked != path else None,
        lock_holder=holder,
        unwritable=_unwritable(path.parent),
        leftovers=tuple(temp_files_beside(path)),
        kept_copies=_kept_copies(path),
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
