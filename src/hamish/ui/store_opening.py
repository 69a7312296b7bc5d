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
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamish.core.store import Store
    from hamish.core.store.locking import OnLockWait

GIVE_UP_SECONDS = 60.0
"""The longest anything waits for the opening (a lock held by another hamish is given up on
well before: ``locking.GIVE_UP_AFTER``); past it, reading goes on without the store."""


class StoreOpening:
    """One opening of the user's store: ``run`` it in a worker thread, ``wait`` for it from any
    other thread."""

    def __init__(self, on_lock_wait: OnLockWait) -> None:
        self._on_lock_wait = on_lock_wait
        self._done = threading.Event()
        self._started = threading.Event()
        self._finished = threading.Event()
        self.store: Store | None = None
        self.problem: str | None = None
        """Why the store could not be opened (one line), if it could not."""

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def run(self) -> Store | None:
        """Open the store where it can be written, else for reading only (as ``hamish FILE``
        did before its first screen); a ``StoreError`` becomes ``problem``."""
        self._started.set()
        from hamish.core.store import Store, StoreError

        try:
            self.store = Store.open(on_lock_wait=self._on_lock_wait, allow_read_only=True)
        except StoreError as error:
            self.problem = str(error)
        finally:
            self._finished.set()
            self._done.set()
        return self.store

    def wait(self, timeout: float = GIVE_UP_SECONDS) -> Store | None:
        """The store once ``run`` has ended (None if it failed, or did not end in time)."""
        self._done.wait(timeout)
        return self.store

    def release(self) -> None:
        """Stop anyone waiting (the app is ending): they go on as if the opening had failed."""
        self._done.set()

    def wait_until_run(self, timeout: float = GIVE_UP_SECONDS) -> Store | None:
        """The store once ``run`` itself has ended, even after ``release`` (None at once if it
        never started)."""
        if self._started.is_set():
            self._finished.wait(timeout)
        return self.store

    def close(self, timeout: float = GIVE_UP_SECONDS) -> None:
        """Close the store once the opening has ended (the app has ended: nothing uses it)."""
        store = self.wait_until_run(timeout)
        if store is not None and self._finished.is_set():
            store.close()


StoreSource = Callable[[], "Store | None"]
"""How a pane gets the store: it may wait for the opening, so it is called from a worker."""
