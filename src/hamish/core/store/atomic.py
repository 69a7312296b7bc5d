"""File operations that leave either the old or the new database on disk, never a mix.

A save writes the whole file to a temporary file in the same directory, fsyncs it,
``os.replace``-s it over the database, keeps the replaced version as ``<db>.bak`` and fsyncs
the directory (details in ``write_atomically``). A crash at any point leaves a complete old or
new file; only the rename makes the new version visible. The I/O steps are module-level
functions so tests can inject disk-full and read-only faults exactly where they happen.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_IS_WINDOWS = sys.platform == "win32"


def backup_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def temp_prefix_for(path: Path) -> str:
    return f".{path.name}."


@dataclass(frozen=True)
class FileVersion:
    """Identity of one version of the file: a save makes a new inode, an in-place edit a new
    size or mtime. Holding the last-seen version open (see ``ReadFile``) stops the inode number
    from being reused while we compare against it."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, stat: os.stat_result) -> FileVersion:
        return cls(stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def current_version(path: Path) -> FileVersion | None:
    """The version now at ``path``; None if there is no file."""
    try:
        return FileVersion.of(os.stat(path))
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class ReadFile:
    content: bytes
    version: FileVersion
    handle: int | None
    """A descriptor kept open on the version read (POSIX); None on Windows, which cannot
    replace a file another handle holds open."""


def read_file(path: Path) -> ReadFile | None:
    """The file's bytes and the version they came from, read through one descriptor so the two
    agree even if another process replaces the file meanwhile. None if there is no file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    try:
        version = FileVersion.of(os.fstat(fd))
        chunks = []
        while chunk := os.read(fd, max(version.size, 1 << 16)):
            chunks.append(chunk)
    except BaseException:
        os.close(fd)
        raise
    handle: int | None = fd
    if _IS_WINDOWS:  # pragma: no cover
        os.close(fd)
        handle = None
    return ReadFile(b"".join(chunks), version, handle)


def close_handle(handle: int | None) -> None:
    if handle is not None:
        with contextlib.suppress(OSError):
            os.close(handle)


def _create_temp(directory: Path, prefix: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)


def _write_all(fd: int, pieces: Sequence[bytes]) -> None:
    for piece in pieces:
        view = memoryview(piece)
        while view:
            written = os.write(fd, view)
            view = view[written:]


def _replace(source: str, target: Path) -> None:
    attempts = 20 if _IS_WINDOWS else 1
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:  # Windows: a reader has the target open for a moment
            if attempt == attempts - 1:
                raise
            time.sleep(0.05)


if sys.platform == "darwin":  # pragma: no cover - macOS: plain fsync skips the drive cache
    import fcntl

    def _fsync_file(fd: int) -> None:
        fcntl.fcntl(fd, fcntl.F_FULLFSYNC)

else:

    def _fsync_file(fd: int) -> None:
        os.fsync(fd)


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable. Windows has no directory fsync; some file systems
    refuse it (EINVAL), in which case the rename is as durable as that file system allows."""
    if _IS_WINDOWS:  # pragma: no cover
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _stage_backup(path: Path, prefix: str) -> str | None:
    """A second name for the current file, to become ``.bak`` once the new file is in place.

    A hard link costs nothing and cannot differ from the original, which is never modified in
    place; file systems without links get a copy. None if there is no current file.
    """
    staging = os.fspath(path.with_name(f"{prefix}bak.{os.getpid()}.tmp"))
    with contextlib.suppress(FileNotFoundError):
        os.unlink(staging)
    try:
        os.link(path, staging)
    except FileNotFoundError:
        return None
    except OSError:
        try:
            copy_durably(path, Path(staging))
        except FileNotFoundError:
            return None
        except OSError:
            _discard(staging)
            raise
    return staging


def _discard(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


@dataclass(frozen=True)
class Written:
    version: FileVersion
    handle: int | None


class WriteFailed(Exception):
    """An OSError during a save, and whether the new file had already replaced the old one."""

    def __init__(self, cause: OSError, *, replaced: bool) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.replaced = replaced


def write_atomically(path: Path, pieces: Sequence[bytes], *, keep_backup: bool = True) -> Written:
    """Replace ``path`` with the concatenation of ``pieces``.

    Order: write and fsync a temporary file; give the current file a second name; rename the
    temporary file over ``path``; rename the second name to ``.bak``; fsync the directory. Up
    to the first rename nothing visible changes, and the previous version is reachable under
    some name at every moment. If only the ``.bak`` rename fails, the save stands and ``.bak``
    stays one version older. Raises ``WriteFailed``; unless ``replaced``, the old file and its
    backup are untouched and the temporary files are gone.
    """
    directory = path.parent
    prefix = temp_prefix_for(path)
    replaced = False
    fd: int | None = None
    temp_name: str | None = None
    staged_backup: str | None = None
    try:
        fd, temp_name = _create_temp(directory, prefix)
        with contextlib.suppress(FileNotFoundError):
            if not _IS_WINDOWS:
                os.fchmod(fd, os.stat(path).st_mode & 0o777)
        _write_all(fd, pieces)
        _fsync_file(fd)
        if keep_backup:
            staged_backup = _stage_backup(path, prefix)
        _replace(temp_name, path)
        replaced = True
        if staged_backup is not None:
            try:
                _replace(staged_backup, backup_path_for(path))
            except OSError:
                _discard(staged_backup)
        fsync_directory(directory)
        version = FileVersion.of(os.fstat(fd))
    except OSError as error:
        if fd is not None:
            close_handle(fd)
        if not replaced:
            for name in (temp_name, staged_backup):
                if name is not None:
                    _discard(name)
        raise WriteFailed(error, replaced=replaced) from error
    if _IS_WINDOWS:  # pragma: no cover
        os.close(fd)
        return Written(version, None)
    return Written(version, fd)


def copy_durably(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` (replacing it) and fsync, for backups and restores."""
    data = source.read_bytes()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        _write_all(fd, [data])
        _fsync_file(fd)
    finally:
        os.close(fd)


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete temporary files a killed process left behind. Only safe under the process lock:
    otherwise the "stale" file may be another process's save in progress."""
    removed = []
    prefix = temp_prefix_for(path)
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed
