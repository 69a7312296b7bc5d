"""Writing a file so that a crash, a full disk or a second process leaves the old version or the
new one, never a mix, never an empty file and never someone else's file replaced by accident.

Every write goes to a temporary file in the target's directory, is fsynced (``F_FULLFSYNC`` on
macOS, where plain ``fsync`` stops at the drive's cache), and only then gets the target's name:

* ``replace_file`` renames it over the target (optionally keeping the replaced version as
  ``<name>.bak``): the store, the config file, exports with ``--force``;
* ``create_file`` hard-links it to the target, which fails if the name is taken, even by a race:
  new exports, copies into the library, recovery files.

The directory is fsynced after the rename, so the new name survives a power cut too. The I/O
steps are module-level functions so tests can inject disk-full and read-only faults exactly
where they happen.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_IS_WINDOWS = sys.platform == "win32"
_BINARY = getattr(os, "O_BINARY", 0)
PRIVATE = 0o600
"""Mode of a new file only its owner may read (the store, recovery files: people's notes)."""
SHARED = 0o666
"""Mode of a new file as the umask allows (exports, the config file, library copies)."""
_NO_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS})
"""``link`` errors that mean "this file system has no hard links", not "the name is taken"."""


def link_target(path: Path) -> Path:
    """Where ``path`` leads if it is a symbolic link (followed to the end of a chain), else
    ``path``. Writing there, not at the link, keeps the link: people keep notes and settings in
    synced folders and link them in. The folders of a path that is not a link are kept as the
    user named them; a loop is left for opening the file to report (ELOOP)."""
    followed = path
    for _ in range(40):
        try:
            target = os.readlink(followed)
        except OSError:  # not a link (EINVAL), or nothing there: this is the place
            break
        followed = followed.parent / target
    if followed == path:
        return path
    return Path(os.path.realpath(followed.parent)) / followed.name


def backup_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


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


class NotAFile(Exception):
    """Something other than a file is at the path: reading a FIFO would wait forever for a
    writer, a device could be endless, a directory holds no bytes."""

    def __init__(self, path: Path, mode: int) -> None:
        self.path = path
        self.kind = file_kind(mode)
        self.problem = f"is {self.kind}, not a file"
        super().__init__(f"{path} {self.problem}")


def file_kind(mode: int) -> str:
    """What ``stat.st_mode`` says the thing is, for messages ("a directory")."""
    kinds = [
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ]
    return next((name for test, name in kinds if test(mode)), "a file")


def read_file(path: Path) -> ReadFile | None:
    """The file's bytes and the version they came from, read through one descriptor so the two
    agree even if another process replaces the file meanwhile. None if there is no file;
    ``NotAFile`` if something else is there (opened without blocking, so a FIFO cannot hang
    us, and checked on the descriptor, so nothing can be swapped in between)."""
    try:
        fd = os.open(path, os.O_RDONLY | _BINARY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket cannot be opened at all
            raise NotAFile(path, os.stat(path).st_mode) from None
        raise
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise NotAFile(path, status.st_mode)
        version = FileVersion.of(status)
        chunks = []
        while chunk := os.read(fd, max(version.size, 1 << 16)):
            chunks.append(chunk)
    except BaseException:
        os.close(fd)
        raise
    return ReadFile(b"".join(chunks), version, _kept(fd))


def _kept(fd: int) -> int | None:
    if _IS_WINDOWS:  # pragma: no cover
        os.close(fd)
        return None
    return fd


def close_handle(handle: int | None) -> None:
    if handle is not None:
        with contextlib.suppress(OSError):
            os.close(handle)


def _create_temp(path: Path, mode: int) -> tuple[int, str]:
    """A new, empty temporary file beside ``path``, named so ``remove_stale_temp_files`` finds
    it; ``O_EXCL`` so it is never someone else's file."""
    prefix = temp_prefix_for(path)
    while True:
        # os.urandom, as secrets.token_hex uses, without secrets' import of hmac and OpenSSL.
        name = os.fspath(path.with_name(f"{prefix}{os.urandom(4).hex()}.tmp"))
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, mode), name
        except FileExistsError:
            continue


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


def _discard(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def _written_temp(path: Path, pieces: Sequence[bytes], mode: int) -> tuple[int, str]:
    """A complete, fsynced temporary copy of the new content beside ``path``, still open. On
    failure the temporary file is gone and the error raised."""
    fd, name = _create_temp(path, mode)
    try:
        with contextlib.suppress(FileNotFoundError):
            if not _IS_WINDOWS:
                os.fchmod(fd, os.stat(path).st_mode & 0o777)
        _write_all(fd, pieces)
        _fsync_file(fd)
    except BaseException:
        close_handle(fd)
        _discard(name)
        raise
    return fd, name


def _stage_backup(path: Path) -> str | None:
    """A second name for the current file, to become ``.bak`` once the new file is in place.

    A hard link costs nothing and cannot differ from the original, which is never modified in
    place; file systems without links get a copy. None if there is no current file.
    """
    staging = os.fspath(path.with_name(f"{temp_prefix_for(path)}bak.{os.getpid()}.tmp"))
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


@dataclass(frozen=True)
class Written:
    version: FileVersion
    handle: int | None
    """Open on the new file with ``keep_open`` (POSIX), else None."""


class WriteFailed(OSError):
    """An OSError during ``replace_file``, and whether the new file had already replaced the
    old one (then it is in place, but perhaps not durably)."""

    def __new__(cls, cause: OSError, *, replaced: bool) -> WriteFailed:
        return super().__new__(cls, cause.errno, cause.strerror, cause.filename)

    def __init__(self, cause: OSError, *, replaced: bool) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause), cause.filename)
        self.cause = cause
        self.replaced = replaced


def replace_file(
    path: Path,
    pieces: Sequence[bytes],
    *,
    keep_backup: bool = False,
    mode: int = SHARED,
    keep_open: bool = False,
) -> Written:
    """Replace ``path`` with the concatenation of ``pieces``; a new file gets ``mode``, an
    existing one keeps its own. A symbolic link stays: its target is replaced (``link_target``).

    Order: write and fsync a temporary file; with ``keep_backup``, give the current file a
    second name; rename the temporary file over ``path``; rename the second name to ``.bak``;
    fsync the directory. Up to the first rename nothing visible changes, and the previous
    version is reachable under some name at every moment. If only the ``.bak`` rename fails,
    the save stands and ``.bak`` stays one version older. Raises ``WriteFailed``; unless
    ``replaced``, the old file and its backup are untouched and the temporary files are gone.
    """
    replaced = False
    fd: int | None = None
    temp_name: str | None = None
    staged_backup: str | None = None
    try:
        path = link_target(path)
        fd, temp_name = _written_temp(path, pieces, mode)
        if keep_backup:
            staged_backup = _stage_backup(path)
        _replace(temp_name, path)
        replaced = True
        if staged_backup is not None:
            try:
                _replace(staged_backup, backup_path_for(path))
            except OSError:
                _discard(staged_backup)
        fsync_directory(path.parent)
        version = FileVersion.of(os.fstat(fd))
    except OSError as error:
        close_handle(fd)
        if not replaced:
            for name in (temp_name, staged_backup):
                if name is not None:
                    _discard(name)
        raise WriteFailed(error, replaced=replaced) from error
    if not keep_open:
        close_handle(fd)
        return Written(version, None)
    return Written(version, _kept(fd))


def create_file(path: Path, pieces: Sequence[bytes], *, mode: int = SHARED) -> None:
    """Create ``path`` holding the concatenation of ``pieces``, all at once.

    Raises ``FileExistsError`` if the name is taken (also when another process takes it while
    we write), and any other ``OSError`` (missing directory, disk full) with nothing left
    behind: never an empty or partial file under ``path``.
    """
    fd, temp_name = _written_temp(path, pieces, mode)
    close_handle(fd)
    try:
        _place_new(temp_name, path)
        fsync_directory(path.parent)
    finally:
        _discard(temp_name)


def _place_new(temp_name: str, path: Path) -> None:
    try:
        os.link(temp_name, path)
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        if os.path.lexists(path):  # no hard links here: check, then rename (a small race)
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(temp_name, path)


def copy_durably(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` (replacing it) and fsync, for backups and restores."""
    write_durably(target, [source.read_bytes()])


def write_durably(path: Path, pieces: Sequence[bytes]) -> None:
    """Write ``pieces`` to ``path`` (replacing it, private to its owner) and fsync it: for a
    file nobody reads before the caller publishes it (a copy, a folder still being filled).
    The directory entry is the caller's to make durable."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, PRIVATE)
    try:
        _write_all(fd, pieces)
        _fsync_file(fd)
    finally:
        os.close(fd)


def temp_files_beside(path: Path) -> list[Path]:
    """Temporary files of writes to ``path`` that are in progress or were interrupted."""
    return temp_files_in(path.parent, temp_prefix_for(path))


def temp_files_in(directory: Path, prefix: str = ".") -> list[Path]:
    """Temporary files in ``directory`` of writes in progress or interrupted: those named
    ``<prefix>...tmp``, by default those of every file there."""
    try:
        with os.scandir(directory) as entries:
            return sorted(
                Path(entry.path)
                for entry in entries
                if entry.name.startswith(prefix) and entry.name.endswith(".tmp")
            )
    except OSError:
        return []


def remove_stale_temp_files(leftovers: list[Path]) -> list[Path]:
    """Delete temporary files a killed process left (``temp_files_beside``, ``temp_files_in``).
    Only safe while no other process writes there (the store's process lock): else the "stale"
    file may be another process's save in progress."""
    removed = []
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            os.unlink(leftover)
            removed.append(leftover)
    return removed
