"""Store writes off the UI thread, in order, retried until they succeed.

The full-file rewrite that keeps the TinyDB file crash-safe costs tens of milliseconds at 10k
annotations and over a second at 100k, so it never runs on the event loop. One background thread
applies queued changes in the order they were made; a change that fails (disk full, read-only
directory) stays at the head of the queue, the user is told once, and it is retried every few
seconds. On quit whatever could not be written is saved to a recovery file.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from hamish.core.store import StoreClosedError, StoreError

if TYPE_CHECKING:
    from hamish.core.changes import Change
    from hamish.core.store import Store

RETRY_SECONDS = 5.0


class StoreWriter:
    @dataclass
    class Failed(Message):
        """A change could not be written; it stays queued and is retried."""

        change: Change
        error: StoreError

    @dataclass
    class Recovered(Message):
        """Every change that had failed is now written."""

    def __init__(self, store: Store, report: Callable[[Message], object]) -> None:
        """``report`` receives ``Failed`` and ``Recovered`` from the writer's thread (the app's
        thread-safe ``post_message``)."""
        self.store = store
        self._report = report
        self._queue: deque[Change] = deque()
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._idle = threading.Event()
        self._idle.set()
        self._failing = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="hamish-store", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def submit(self, change: Change) -> None:
        with self._lock:
            self._queue.append(change)
            self._idle.clear()
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._closed:
                    self._idle.set()
                    self._wake.wait()
                if not self._queue and self._closed:
                    self._idle.set()
                    return
                change = self._queue[0]
            try:
                change.apply(self.store)
            except StoreClosedError:
                return  # closing: what is still queued goes to the recovery file
            except StoreError as error:
                first_failure = not self._failing
                self._failing = True
                if first_failure:
                    self._report(self.Failed(change, error))
                with self._lock:
                    if self._closed:
                        self._idle.set()
                        return
                    self._wake.wait(RETRY_SECONDS)
                continue
            with self._lock:
                self._queue.popleft()
            if self._failing:
                self._failing = False
                self._report(self.Recovered())

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued is written; False if some change is still failing."""
        with self._lock:
            self._wake.notify()
        deadline = time.monotonic() + timeout
        while self._thread.is_alive() and time.monotonic() < deadline:
            if self._idle.wait(0.05):
                break
        return self.pending == 0

    def close(self, recovery_dir: Path, timeout: float = 10.0) -> Path | None:
        """Write what can be written; save the rest to a recovery file and return its path."""
        self.flush(min(timeout, 2.0) if self._failing else timeout)
        with self._lock:
            self._closed = True
            self._wake.notify()
            remaining = list(self._queue)
            self._queue.clear()
        self._thread.join(timeout=1.0)
        if not remaining:
            return None
        from hamish.core.changes import write_recovery

        return write_recovery(remaining, recovery_dir)
