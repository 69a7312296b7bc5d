"""Annotations another hamish (a second terminal, or the CLI) wrote to the same store.

Every few seconds the store is asked whether its file changed (one ``stat``); if it did, each
open session's annotations are read and re-anchored in a thread, then handed to the session,
which tells whoever shows it. A session that changed its own annotations meanwhile keeps them,
and is reloaded on the next round instead, once the store holds its change too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from hamish.core.annotations.model import Anchored
    from hamish.core.session import ArticleSession
    from hamish.core.store import Store

POLL_SECONDS = 2.0


class StoreWatcher:
    def __init__(
        self,
        app: App[object],
        store: Store,
        sessions: set[ArticleSession],
        busy: Callable[[], bool],
    ) -> None:
        """``sessions`` are the ones open in readers (the panes showing them add and remove
        them); ``busy`` says when our own changes are still queued: the file will change again
        when they are written, so polling waits for that."""
        self.app = app
        self.store = store
        self.sessions = sessions
        self.busy = busy
        self._stale: set[ArticleSession] = set()

    def poll(self) -> None:
        if self.busy():
            return
        store, stale = self.store, self._stale
        snapshot = [
            (session, session.record.key, session.article.text, session.local_changes)
            for session in self.sessions
        ]

        def reload() -> None:
            from hamish.core.annotations.anchoring import anchor_all  # loaded by opening anyway

            if not store.reload_if_changed() and not stale:
                return
            stale.clear()
            for session, key, text, local_changes in snapshot:
                anchored = anchor_all(store.annotations_for(key), text)
                self.app.call_from_thread(self._show, session, anchored, local_changes)

        self.app.run_worker(
            reload, thread=True, exclusive=True, exit_on_error=False, group="store-poll"
        )

    def _show(self, session: ArticleSession, anchored: list[Anchored], local_changes: int) -> None:
        if session in self.sessions and not session.reload(anchored, local_changes):
            self._stale.add(session)
