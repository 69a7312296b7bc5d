"""Locks that make one database file safe for several threads and several hamish processes.

The process lock is an advisory lock on a separate ``<db>.lock`` file, never on the database
itself: every save puts a new inode at the database path, so a lock held on the old inode
would protect nothing. ``flock`` locks die with their process, so a crash cannot leave the
database locked. Two ``InterProcessLock`` objects in one process exclude each other too (each
has its own open file description), which is what lets tests use threads as "processes".
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

from hamish.core.store.errors import StoreLockError


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_fd(fd: int) -> None:
        while True:
            os.lseek(fd, 0, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(0.005)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class InterProcessLock:
    """An exclusive lock on ``path`` shared by every process that opens the same file.

    Blocks until the lock is free: holders keep it only for one save (milliseconds), and a
    holder that dies releases it, so waiting is safer than timing out and failing a save.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        _lock_fd(self._fd)

    def release(self) -> None:
        if self._fd is not None:
            _unlock_fd(self._fd)

    def close(self) -> None:
        """Closing the descriptor also drops any lock still held through it."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class StoreLock:
    """Re-entrant: this thread holds the process lock from the outermost ``with`` to its end.

    ``thread`` alone guards in-memory state for readers; ``with store_lock:`` takes both,
    thread lock first, for every read-modify-write of the file.
    """

    def __init__(self, lock_path: Path) -> None:
        self.thread = threading.RLock()
        self._process = InterProcessLock(lock_path)
        self._depth = 0

    @property
    def path(self) -> Path:
        return self._process.path

    def __enter__(self) -> StoreLock:
        self.thread.acquire()
        if self._depth == 0:
            try:
                self._process.acquire()
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
