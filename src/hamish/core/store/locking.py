"""Locks that make one database file safe for several threads and several hamish processes.

The process lock is an advisory lock on a separate ``<db>.lock`` file, never on the database
itself: every save puts a new inode at the database path, so a lock held on the old inode
would protect nothing. ``flock`` locks die with their process, so a crash cannot leave the
database locked. Two ``InterProcessLock`` objects in one process exclude each other too (each
has its own open file description), which is what lets tests use threads as "processes".

Holders keep the lock for one save (milliseconds), so a wait is normally unnoticeable. A
process that is stopped (ctrl+z, a debugger) or stuck holding it must not make every other
hamish hang in silence: after ``WAIT_NOTICE_AFTER`` seconds the waiter is told who holds it
(the holder writes its pid into the lock file), and after ``GIVE_UP_AFTER`` it gives up with
``StoreLockTimeout``, having written nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from hamish.core.store.errors import StoreLockError, StoreLockTimeout, describe_os_error

if TYPE_CHECKING:
    from hamish.core.store.lock_reports import LockHolder, LockWait

WAIT_NOTICE_AFTER = 1.0
"""Seconds of waiting for another process's lock before the waiter is told (``on_wait``)."""
GIVE_UP_AFTER = 30.0
"""Seconds of waiting after which the save fails instead (tests make it shorter)."""
_LONGEST_POLL = 0.05


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def database_path_for(lock_path: Path) -> Path:
    return lock_path.with_name(lock_path.name.removesuffix(".lock"))


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock_fd(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _is_held(fd: int) -> bool:
        if not _try_lock_fd(fd):
            return True
        _unlock_fd(fd)
        return False

else:
    import fcntl

    def _try_lock_fd(fd: int) -> bool:
        """Take the lock if it is free: True; False if another holder has it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _is_held(fd: int) -> bool:
        """Whether someone holds the lock; a shared probe works on a read-only descriptor."""
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False


def unwritable_reason(folder: Path) -> str | None:
    """Why nothing can be created in ``folder`` (a read-only file system, a folder without
    write permission), found without creating anything; None if something can, or if the
    folder does not exist yet."""
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    with contextlib.suppress(OSError):
        if statvfs is not None and statvfs(folder).f_flag & os.ST_RDONLY:
            return describe_os_error(OSError(errno.EROFS, os.strerror(errno.EROFS)))
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return describe_os_error(OSError(errno.EACCES, os.strerror(errno.EACCES)))
    return None


def _open_lock_file(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


def _read_pid(fd: int) -> int | None:
    with contextlib.suppress(OSError, ValueError):
        os.lseek(fd, 0, os.SEEK_SET)
        return int(os.read(fd, 32).strip()) or None
    return None


OnLockWait = Callable[["LockWait"], None]


class InterProcessLock:
    """An exclusive lock on ``path`` shared by every process that opens the same file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def open(self) -> int:
        """The lock file's descriptor, opening (and creating) it the first time; ``OSError``
        where it cannot be (a read-only file system or folder)."""
        if self._fd is None:
            self._fd = _open_lock_file(self.path)
        return self._fd

    def acquire(self, on_wait: OnLockWait | None = None) -> None:
        """Take the lock, waiting for another holder (see the module docstring). Raises
        ``StoreLockTimeout`` after ``GIVE_UP_AFTER`` seconds, ``OSError`` if the lock file
        cannot be opened or locked at all."""
        fd = self.open()
        started = time.monotonic()
        pause = 0.001
        told = False
        while not _try_lock_fd(fd):
            waited = time.monotonic() - started
            if waited >= GIVE_UP_AFTER:
                raise StoreLockTimeout(database_path_for(self.path), _read_pid(fd), waited)
            if not told and waited >= WAIT_NOTICE_AFTER and on_wait is not None:
                from hamish.core.store.lock_reports import LockWait

                on_wait(LockWait(database_path_for(self.path), _read_pid(fd), GIVE_UP_AFTER))
                told = True
            time.sleep(pause)
            pause = min(pause * 2, _LONGEST_POLL)
        with contextlib.suppress(OSError):  # who holds it, for anyone who waits meanwhile
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, b"%d\n" % os.getpid())

    def release(self) -> None:
        if self._fd is not None:
            _unlock_fd(self._fd)

    def close(self) -> None:
        """Closing the descriptor also drops any lock still held through it."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def current_holder(lock_path: Path) -> LockHolder | None:
    """Who holds the lock now (None if nobody), found without creating or writing anything,
    for ``hamish doctor``."""
    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.EACCES, errno.EISDIR):
            return None
        raise
    from hamish.core.store.lock_reports import LockHolder

    try:
        return LockHolder(_read_pid(fd)) if _is_held(fd) else None
    finally:
        os.close(fd)


class StoreLock:
    """Re-entrant: this thread holds the process lock from the outermost ``with`` to its end.

    ``thread`` alone guards in-memory state for readers; ``with store_lock:`` takes both,
    thread lock first, for every read-modify-write of the file. ``on_wait`` is called (from
    whichever thread is waiting) when another process keeps the lock for a while.
    """

    def __init__(self, lock_path: Path, on_wait: OnLockWait | None = None) -> None:
        self.thread = threading.RLock()
        self.on_wait = on_wait
        self._process = InterProcessLock(lock_path)
        self._depth = 0

    @property
    def path(self) -> Path:
        return self._process.path

    def open_problem(self) -> str | None:
        """Why the lock file cannot be opened here (a read-only file system or folder): every
        write needs it. None if it can."""
        with self.thread:
            try:
                self._process.open()
            except OSError as error:
                return describe_os_error(error)
            return None

    def __enter__(self) -> StoreLock:
        self.thread.acquire()
        if self._depth == 0:
            try:
                self._process.acquire(self.on_wait)
            except OSError as error:
                self.thread.release()
                raise StoreLockError(self.path, error) from error
            except BaseException:
                self.thread.release()
                raise
        self._depth += 1
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._depth -= 1
        try:
            if self._depth == 0:
                self._process.release()
        finally:
            self.thread.release()

    def close(self) -> None:
        with self.thread:
            self._process.close()
