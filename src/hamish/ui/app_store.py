"""The app's store, from its opening to its last write.

Given open (the library, shown first, lists what it knows) or opened after an article's first
screen (``store_opening``); written by one background writer (``persistence``); watched for
what other processes write (``store_watch``). Changes made while it is being opened are held
and written once it is, or as the app ends; none is dropped on the way. The app holds one of
these and hands its panes ``for_panes`` and ``submit``; what the user must hear goes out as
the app's notifications.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hamish.ui.store_opening import StoreOpening

if TYPE_CHECKING:
    from textual.app import App

    from hamish.core.changes import Change
    from hamish.core.session import ArticleSession
    from hamish.core.store import Store
    from hamish.core.store.locking import OnLockWait
    from hamish.ui.persistence import StoreWriter
    from hamish.ui.store_watch import StoreWatcher

WORKER_GROUP = "store"
"""The group of the worker that opens the store (the app ends the opening when it ends)."""


class AppStore:
    def __init__(
        self,
        app: App[object],
        store: Store | None,
        *,
        open_later: bool,
        sessions: set[ArticleSession],
        on_lock_wait: OnLockWait,
    ) -> None:
        self._app = app
        self.store = store
        """The open store; None while it is being opened, or if it could not be."""
        self.opening = StoreOpening(on_lock_wait) if open_later and store is None else None
        self._pending = self.opening is not None
        self._held: list[Change] = []
        self._sessions = sessions
        self._on_lock_wait = on_lock_wait
        self.writer: StoreWriter | None = None
        self.watcher: StoreWatcher | None = None

    def for_panes(self) -> Store | None:
        """The store once the opening has ended (a pane's worker thread calls it: it waits)."""
        return self.opening.wait() if self.opening is not None else self.store

    def start(self) -> None:
        """As the app mounts: write to the store it was given, or open it after the first
        screen (which does not wait for it)."""
        if self.opening is not None:
            opening = self.opening
            self._app.call_after_refresh(
                lambda: self._app.run_worker(
                    opening.run, thread=True, exit_on_error=False, group=WORKER_GROUP
                )
            )
        else:
            self._start_writing()

    def opened(self) -> None:
        """The opening has ended: say why if it failed, else start writing, what was held
        first."""
        if self.opening is None or not self._pending:
            return
        self._pending = False
        if self.opening.problem is not None:
            self._app.notify(
                f"{self.opening.problem.rstrip('.')}. Reading on; highlights and notes will not "
                "be saved.",
                severity="error",
                timeout=20,
                markup=False,
            )
        self.store = self.opening.store
        self._start_writing()
        held, self._held = self._held, []
        for change in held:
            self.submit(change)

    def _start_writing(self) -> None:
        store = self.store
        if store is not None and store.read_only is not None:
            self._app.notify(
                f"{store.path} cannot be written here ({store.read_only}): "
                "reading only; highlights and notes will not be saved",
                severity="warning",
                timeout=15,
                markup=False,
            )
        elif store is not None:
            from hamish.ui.store_watch import POLL_SECONDS, StoreWatcher

            store.on_lock_wait = self._on_lock_wait
            self._start_writer(store)
            self.watcher = StoreWatcher(self._app, store, self._sessions, self.writes_pending)
            self._app.set_interval(POLL_SECONDS, self.watcher.poll)

    def _start_writer(self, store: Store) -> StoreWriter:
        from hamish.ui.persistence import StoreWriter

        self.writer = StoreWriter(store, self._app.post_message)
        return self.writer

    def submit(self, change: Change) -> None:
        """Make ``change`` durable (the background writer), hold it while the store opens, or
        say it cannot be saved (a reading position, quietly)."""
        from hamish.core.changes import SavePosition

        if self.writer is not None:
            self.writer.submit(change)
        elif self._pending:
            self._held.append(change)
        elif not isinstance(change, SavePosition):
            why = "no store is open" if self.store is None else "the store is read-only here"
            self._app.notify(f"Annotations are not saved: {why}.", severity="error", markup=False)

    def writes_pending(self) -> bool:
        return self.writer is not None and self.writer.pending > 0

    def at_exit(self, recovery_dir: Path) -> Path | None:
        """Write every queued change, those held while the store was opening included; what
        cannot be written goes to a recovery file, whose path is returned."""
        recovery: Path | None = None
        if self._pending and self.opening is not None:
            self.opening.release()  # a pane still waiting goes on without it
            self._pending = False
            held, self._held = self._held, []
            store = self.opening.run() if held else None  # now, if its worker never started
            if store is not None and store.read_only is None:
                writer = self._start_writer(store)
                for change in held:
                    writer.submit(change)
            else:
                from hamish.core.changes import SavePosition, write_recovery

                unsaved = [change for change in held if not isinstance(change, SavePosition)]
                if unsaved:
                    recovery = write_recovery(unsaved, recovery_dir)
        if self.writer is not None:
            recovery = self.writer.close(recovery_dir) or recovery
            self.writer = None
        return recovery

    def close(self) -> None:
        """Close the store (the app has ended), once its opening has ended if it was opening."""
        if self.opening is not None:
            self.opening.close()
        elif self.store is not None:
            self.store.close()
