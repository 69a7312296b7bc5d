"""The user's store, opened in a thread once the reader's first screen is on the terminal.

An article's first screen needs nothing from the store: its annotations and the place the
reader left it are applied once the pane has opened the article's session, after that screen.
Opening the store (importing it, TinyDB and its storage, reading the index, perhaps waiting for
another hamish's lock or upgrading an old store) was a fifth of the time to that screen. So
``hamish FILE`` starts without it; the app opens it here and tells the panes, which wait for it
before they open a session. A store that cannot be opened is said in the app (the reader reads
on, saving nothing) rather than on stderr before the terminal is taken over: the article is
there to read.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamish.core.store import Store
    from hamish.core.store.locking import OnLockWait

GIVE_UP_SECONDS = 60.0
"""The longest anything waits for the opening (a lock held by another hamish is given up on
well before: ``locking.GIVE_UP_AFTER``); past it, reading goes on without the store."""


class StoreOpening:
    """One opening of the user's store: ``run`` in a worker thread, ``wait`` for it from any
    other thread. ``run`` opens the store once, whoever calls it first: the app, ending before
    its worker started, calls it too, to write what was held."""

    def __init__(self, on_lock_wait: OnLockWait) -> None:
        self._on_lock_wait = on_lock_wait
        self._lock = threading.Lock()
        self._done = threading.Event()
        """Set when the opening has ended, or waiting for it has been given up (``release``)."""
        self._ran = False
        self._closed = False
        self.store: Store | None = None
        self.problem: str | None = None
        """Why the store could not be opened (one line), if it could not."""

    def run(self) -> Store | None:
        """Open the store where it can be written, else for reading only (as ``hamish FILE``
        did before its first screen); a ``StoreError`` becomes ``problem``. Once only: a later
        call waits for the first to end and returns what it opened."""
        with self._lock:
            if not self._ran and not self._closed:
                self._ran = True
                from hamish.core.store import Store, StoreError

                try:
                    self.store = Store.open(on_lock_wait=self._on_lock_wait, allow_read_only=True)
                except StoreError as error:
                    self.problem = str(error)
            self._done.set()
            return self.store

    def wait(self, timeout: float = GIVE_UP_SECONDS) -> Store | None:
        """The store once the opening has ended (None if it failed, was given up on, or did
        not end in time)."""
        self._done.wait(timeout)
        return self.store

    def release(self) -> None:
        """Stop anyone waiting (the app is ending): they go on as if the opening had failed."""
        self._done.set()

    def close(self) -> None:
        """Close the store (the app has ended: nothing uses it), after an opening under way;
        an opening that has not started will not."""
        with self._lock:
            self._closed = True
            if self.store is not None:
                self.store.close()
