"""What ``hamish doctor`` needs: a read-only diagnosis of the store (its index, every article's
file, their backups and what surrounds them), and restores that put backups back without ever
deleting a damaged file.

Every file of a store has its own ``.bak``, one save behind; a restore works file by file, under
the store's one lock, so a hamish saving meanwhile waits. These are plain functions on paths;
the CLI decides what to print and whether to ask first. Only ``hamish doctor`` imports this.
"""

from __future__ import annotations

import contextlib
import dataclasses
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
    temp_files_in,
    temp_prefix_for,
)
from hamish.core.counts import count
from hamish.core.store.errors import StoreRestoreError, StoreWriteError
from hamish.core.store.file_check import DAMAGED, FileCheck, FileState, check_file
from hamish.core.store.layout import SHARD_SUFFIX, annotations_dir, is_sharded, shard_files
from hamish.core.store.lock_reports import LockHolder
from hamish.core.store.locking import (
    StoreLock,
    current_holder,
    lock_path_for,
    unwritable_reason,
)


@dataclass(frozen=True)
class ShardCheck:
    """An article's file that is not usable, and its backup."""

    path: Path
    check: FileCheck
    backup: FileCheck

    @property
    def can_restore(self) -> bool:
        state = self.check.state
        return (state in DAMAGED or state is FileState.MISSING) and self.backup.usable


@dataclass(frozen=True)
class DoctorReport:
    """Everything ``hamish doctor`` says about a store: the index and its backup, the articles'
    files, and what around them matters (a link, the lock, the folder, leftovers of
    interrupted saves)."""

    path: Path
    database: FileCheck
    """The index; for a store with a file per article, its counts are the whole store's."""
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
    annotations_dir: Path | None = None
    """The folder of the articles' files; None for a store kept in one file (version 1)."""
    shard_count: int = 0
    """How many articles' files were checked."""
    damaged_shards: tuple[ShardCheck, ...] = ()

    @property
    def index_usable(self) -> bool:
        return self.database.state in (FileState.OK, FileState.MISSING) and not (
            self.database.state is FileState.MISSING and self.backup.state is not FileState.MISSING
        )

    @property
    def healthy(self) -> bool:
        return self.index_usable and not self.damaged_shards and not self.database.invalid_text

    @property
    def can_restore(self) -> bool:
        """Whether ``restore_store`` would act without ``force``: a file is damaged or missing
        and its backup is usable. A too-new file is not damaged: upgrade instead."""
        state = self.database.state
        index = (state in DAMAGED or state is FileState.MISSING) and self.backup.usable
        return index or any(shard.can_restore for shard in self.damaged_shards)

    def restorable_shards(self, *, force: bool = False) -> list[Path]:
        """The articles' files a restore puts back: the damaged ones with a usable backup, or,
        with ``force``, every one whose backup is usable."""
        if not force:
            return [shard.path for shard in self.damaged_shards if shard.can_restore]
        if self.annotations_dir is None:
            return []
        files = shard_files(self.annotations_dir)
        return [path for path in files if check_file(backup_path_for(path)).usable]

    @property
    def summary(self) -> str:
        """One line for the user: the state, and what to do about it in every state."""
        path, database, backup = self.path, self.database, self.backup
        holds = (
            count(backup.articles, "article")
            if self.annotations_dir is not None
            else count(backup.annotations, "annotation")
        )
        backup_text = f"the backup {self.backup_path} " + (
            f"holds {holds}" if backup.usable else backup.problem
        )
        state = database.state
        if state is FileState.OK and self.damaged_shards:
            return self._shards_summary()
        if state is FileState.OK and database.invalid_text:
            verb = "holds" if database.invalid_text == 1 else "hold"
            return (
                f"{path} is readable, but {count(database.invalid_text, 'record')} {verb} text "
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

    def _shards_summary(self) -> str:
        damaged = self.damaged_shards
        first = damaged[0]
        files = "file is" if len(damaged) == 1 else "files are"
        text = (
            f"{self.path} is readable, but {len(damaged)} of its articles' {files} not: "
            f"{first.path} {first.check.problem}"
        )
        if all(shard.can_restore for shard in damaged):
            return f"{text}; {RESTORE}"
        return (
            f"{text}; `hamish doctor --restore` puts back the backups that are usable; move "
            "the others aside (with their backups) to start those articles afresh"
        )


RESTORE = "restore it with `hamish doctor --restore` (the damaged file is kept beside it)"


def _kept_copies(path: Path, current: Path) -> tuple[Path, ...]:
    """The ``.corrupt-*`` files a restore moves aside (beside the index and among the
    articles' files), the ``.pre-v*`` copies a migration keeps, and the articles' folders it
    left behind or set aside (``upgrade``)."""
    patterns = [f"{path.name}.corrupt-*", f"{path.name}.pre-v*", f"{path.name}.annotations-v*"]
    with contextlib.suppress(OSError):
        found = [
            candidate
            for pattern in patterns
            for candidate in path.parent.glob(pattern)
            if candidate != current
        ]
        found += current.glob(f"*{SHARD_SUFFIX}.corrupt-*")
        return tuple(sorted(found))
    return ()


def _leftovers(path: Path, folder: Path | None) -> tuple[Path, ...]:
    return tuple(temp_files_beside(path) + (temp_files_in(folder) if folder else []))


def _check_shards(folder: Path) -> tuple[int, FileCheck, tuple[ShardCheck, ...]]:
    """How many files there are, their totals (as one ``FileCheck``), and the unusable ones:
    damaged, or missing while their backup is there."""
    files = shard_files(folder)
    with contextlib.suppress(OSError):
        orphaned = {
            name.removesuffix(".bak") for name in os.listdir(folder) if name.endswith(".json.bak")
        }
        files += [folder / name for name in sorted(orphaned) if not (folder / name).exists()]
    totals = FileCheck(FileState.OK)
    damaged: list[ShardCheck] = []
    for path in files:
        check = check_file(path)
        if not check.usable:
            damaged.append(ShardCheck(path, check, check_file(backup_path_for(path))))
            continue
        totals = dataclasses.replace(
            totals,
            annotations=totals.annotations + check.annotations,
            unreadable_annotations=totals.unreadable_annotations + check.unreadable_annotations,
            invalid_text=totals.invalid_text + check.invalid_text,
        )
    return len(files), totals, tuple(damaged)


def diagnose(path: Path) -> DoctorReport:
    """The state of the store whose index is ``path``, of the backups and of what surrounds
    them; reads only (no lock taken, nothing created)."""
    asked = Path(path)
    path = link_target(asked)
    backup_path = backup_path_for(path)
    database = check_file(path)
    folder = None
    shard_count = 0
    damaged: tuple[ShardCheck, ...] = ()
    version = database.schema_version
    if database.usable and version is not None and is_sharded(version):
        folder = annotations_dir(path, version)
        shard_count, totals, damaged = _check_shards(folder)
        database = dataclasses.replace(
            database,
            annotations=database.annotations + totals.annotations,
            unreadable_annotations=database.unreadable_annotations + totals.unreadable_annotations,
            invalid_text=database.invalid_text + totals.invalid_text,
        )
    try:
        holder = current_holder(lock_path_for(path))
    except OSError:
        holder = None
    return DoctorReport(
        path=path,
        database=database,
        backup_path=backup_path,
        backup=check_file(backup_path),
        linked_from=asked if asked != path else None,
        lock_holder=holder,
        unwritable=unwritable_reason(path.parent),
        leftovers=_leftovers(path, folder),
        kept_copies=_kept_copies(path, folder or annotations_dir(path)),
        annotations_dir=folder,
        shard_count=shard_count,
        damaged_shards=damaged,
    )


# -- restoring ----------------------------------------------------------------------------


def _aside_path(path: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    return candidate


def restore_backup(path: Path, *, force: bool = False, lock_path: Path | None = None) -> Path:
    """Put a copy of ``<path>.bak`` in place of an unusable file of the store.

    The damaged file is moved to ``<name>.corrupt-<UTC time>`` (never deleted) and that path is
    returned; if there was no file, ``path`` itself is returned. Refuses (``StoreRestoreError``)
    if the backup is unusable, or, unless ``force``, if the file is healthy or was written by a
    newer hamish (restoring would lose its latest changes). ``lock_path``: the store's lock,
    for an article's file (default: the lock beside ``path``, the index's).
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
    lock = StoreLock(lock_path or lock_path_for(path))
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


def restore_store(report: DoctorReport, *, force: bool = False) -> list[tuple[Path, Path]]:
    """Restore every file of the store ``report`` found damaged (with ``force``: every file
    that has a usable backup, i.e. the store as it was one save before). Returns each restored
    file with where its damaged version went (the file itself if it was missing). Raises
    ``StoreRestoreError`` if the index needs a restore it cannot have."""
    restored: list[tuple[Path, Path]] = []
    if not report.index_usable or (force and report.backup.usable):
        restored.append((report.path, restore_backup(report.path, force=force)))
    lock = lock_path_for(report.path)
    for shard in report.restorable_shards(force=force):
        restored.append((shard, restore_backup(shard, force=force, lock_path=lock)))
    return restored


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
