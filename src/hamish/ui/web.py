"""Pages from the web in the app: open a URL in a reader, or save it to the library.

Both go through ``FetchScreen`` (progress, Escape stops) with a job that imports the HTTP client
only when it runs, so the app starts without it. Opening uses the page saved with that URL in
the library when there is one, as every command does (``core.web.saved.read_url``); saving is
``hamish add URL`` (``save_url``), the store told through the app's writer like any change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hamish.core import paths
from hamish.core.annotations.model import ArticleRecord
from hamish.core.changes import SaveArticle
from hamish.core.file_names import shown_path
from hamish.core.loaders import LoadError
from hamish.core.loaders.progressive import ArticleLoad
from hamish.core.opening import record_for
from hamish.core.web.saved import KeptPage, read_url, save_url
from hamish.ui.screens.fetching import FetchScreen

if TYPE_CHECKING:
    from hamish.core.web.fetch import Progress
    from hamish.ui.app import HamishApp

Saved = tuple[KeptPage, ArticleRecord | None]
"""A page kept in the library, and the record to save when it is new there."""


class WebPages:
    def __init__(self, app: HamishApp) -> None:
        self.app = app

    def open(self, url: str, *, opened: Callable[[], object] | None = None) -> None:
        """Show the page at ``url`` in a reader; ``opened`` is called once it is shown (not
        when the fetch failed or was stopped)."""
        library = paths.library_dir()

        def job(progress: Callable[[Progress], None], cancel: Callable[[], bool]) -> ArticleLoad:
            return ArticleLoad(read_url(url, library, progress=progress, cancel=cancel))

        def arrived(loaded: ArticleLoad | None) -> None:
            if loaded is not None:
                self.app.open_reader(loaded)
                if opened is not None:
                    opened()

        self.app.push_screen(FetchScreen("Opening", url, job), arrived)

    def save(self, url: str, *, saved: Callable[[Path], object] | None = None) -> None:
        """Fetch the page at ``url`` and keep it in the library, as ``hamish add URL`` does;
        ``saved`` is given its file when it is new there."""
        store = self.app.store
        if store is None:
            self.app.notify(
                "Pages cannot be saved: no store is open.", severity="error", markup=False
            )
            return
        library = paths.library_dir()

        def job(progress: Callable[[Progress], None], cancel: Callable[[], bool]) -> Saved:
            try:
                kept = save_url(store, url, library, progress=progress, cancel=cancel)
            except OSError as error:
                reason = f"cannot write to {library}: {error.strerror or error}"
                raise LoadError(url, reason) from None
            return kept, record_for(store, kept.article) if kept.new else None

        def arrived(result: Saved | None) -> None:
            if result is None:
                return
            kept, record = result
            where = shown_path(kept.path)
            if record is None:
                self.app.notify(f"Already in the library: {where}", markup=False)
                return
            self.app.reading.submit(SaveArticle(record))
            self.app.notify(f"Saved in the library: {where}", markup=False)
            if saved is not None:
                saved(kept.path)

        self.app.push_screen(FetchScreen("Saving to the library", url, job), arrived)
