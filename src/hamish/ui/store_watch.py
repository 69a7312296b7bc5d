"""Annotations another hamish (a second terminal, or the CLI) wrote to the same store.

Every few seconds the store is asked whether its file changed (one ``stat``); if it did, each
open article's annotations are read and re-anchored in a thread, then shown. A pane that changed
its own annotations meanwhile keeps them, and is refreshed on the next round instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamish.core.annotations.anchoring import anchor_all
from hamish.core.annotations.model import Anchored
from hamish.ui.widgets.reader_pane import ReaderPane

if TYPE_CHECKING:
    from hamish.ui.app import HamishApp

POLL_SECONDS = 2.0


class StoreWatcher:
    def __init__(self, app: HamishApp) -> None:
        self.app = app
        self._stale_panes: set[int] = set()

    def poll(self) -> None:
        app, store, writer = self.app, self.app.store, self.app.writer
        if store is None or (writer is not None and writer.pending):
            return  # our own changes first: the file will change when they are written
        panes = [
            (pane, pane.opened.record.key, pane.article.text, pane.generation)
            for screen in app.screen_stack
            for pane in screen.query(ReaderPane)
            if pane.opened is not None
        ]
        stale = self._stale_panes

        def reload() -> None:
            if not store.reload_if_changed() and not stale:
                return
            stale.clear()
            for pane, key, text, generation in panes:
                anchored = anchor_all(store.annotations_for(key), text)
                app.call_from_thread(self._show, pane, anchored, generation)

        app.run_worker(reload, thread=True, exclusive=True, group="store-poll")

    def _show(self, pane: ReaderPane, anchored: list[Anchored], generation: int) -> None:
        if pane.is_mounted and not pane.reload(anchored, generation):
            self._stale_panes.add(id(pane))
