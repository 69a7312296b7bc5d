"""The Textual application: wiring only. Screens show, the core computes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import WorkerFailed

from hamish.core.annotations.model import ArticleRecord, Color
from hamish.core.article import Article
from hamish.core.changes import Change
from hamish.core.config import ConfigError, save_setting
from hamish.core.library import LibraryEntry, library_entries
from hamish.core.loaders import LoadError
from hamish.core.loaders.progressive import ArticleLoad, load_progressively
from hamish.core.paths import bundled_articles_dir, data_dir, library_dir
from hamish.core.session import OpenedArticle, open_article
from hamish.core.store import Store, StoreError
from hamish.ui.commands import LibrarySearch, binding_commands
from hamish.ui.driver import hamish_driver
from hamish.ui.keymap import binding_ids, keymap_problems
from hamish.ui.notifications import SafeNotifications
from hamish.ui.persistence import StoreWriter
from hamish.ui.screens.help import HelpScreen
from hamish.ui.screens.library import LibraryScreen
from hamish.ui.screens.reader import ReaderScreen
from hamish.ui.screens.search_results import SearchResultsScreen
from hamish.ui.store_watch import POLL_SECONDS, StoreWatcher
from hamish.ui.widgets.reader_pane import Goal, ReaderPane


class HamishApp(SafeNotifications):
    CSS_PATH = "hamish.tcss"
    TITLE = "hamish"
    COMMANDS = App.COMMANDS | {LibrarySearch}
    BINDINGS: list[BindingType] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding("escape", "back", "Back", show=False, id="app.back"),
        Binding("b", "library", "Library", id="app.library"),
    ]

    def __init__(
        self,
        articles: Sequence[Article | ArticleLoad] = (),
        *,
        store: Store | None = None,
        shaping: bool = True,
        reorder: bool = True,
        color: Color = Color.YELLOW,
        export_dir: Path | None = None,
        theme: str | None = None,
        keymap: Mapping[str, str] | None = None,
        config_problems: Sequence[str] = (),
        config_path: Path | None = None,
        use_bidi_driver: bool = True,
    ) -> None:
        driver = hamish_driver(explicit_bidi=reorder) if use_bidi_driver else None
        super().__init__(driver_class=driver)
        self.articles = [a if isinstance(a, ArticleLoad) else ArticleLoad(a) for a in articles]
        self.shaping = shaping
        self.reorder = reorder
        self.color = color
        self.store = store
        self.writer: StoreWriter | None = None
        self.recovery_file: Path | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.store_watcher = StoreWatcher(self)
        self.config_problems = list(config_problems)
        self._config_path = config_path
        self._wanted_theme = theme
        self._keymap = dict(keymap or {})
        self.export_dir: Path | None = export_dir
        """Where ``e`` writes exports (None: the platform's documents directory / hamish)."""
        if store is not None:
            self.writer = StoreWriter(
                store, on_error=self._write_failed, on_recovered=self._write_recovered
            )

    # -- store writes (reported from the writer's thread) -------------------------------------

    def _from_thread(self, message: str, severity: str) -> None:
        if self._loop is not None:
            notify = partial(self.notify, message, severity=severity, timeout=8)  # type: ignore[arg-type]
            with contextlib.suppress(RuntimeError):  # the app has already closed its loop
                self._loop.call_soon_threadsafe(notify)

    def _write_failed(self, change: Change, error: StoreError) -> None:
        self._from_thread(
            f"Could not {change.description}: {error}. It is kept and will be retried.", "error"
        )

    def _write_recovered(self) -> None:
        self._from_thread("Saved: the pending changes are now on disk.", "information")

    def _apply_settings(self) -> None:
        """Theme and keymap from config.toml; each problem is shown, defaults are kept."""
        name = self._config_path.name if self._config_path else "config.toml"
        if self._wanted_theme and self._wanted_theme != self.theme:
            if self._wanted_theme in self.available_themes:
                self.theme = self._wanted_theme
            else:
                choices = ", ".join(sorted(self.available_themes))
                self.config_problems.append(
                    f"{name}: theme {self._wanted_theme!r} does not exist (choose from {choices})"
                )
        if self._keymap:
            known = binding_ids(_keymap_classes())
            self.config_problems.extend(keymap_problems(self._keymap, known, name))
            self.set_keymap({k: v for k, v in self._keymap.items() if k in known})
        for problem in self.config_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=15)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        """A theme chosen from the palette is kept for next time (in config.toml)."""
        if theme.name == self._wanted_theme:
            return
        self._wanted_theme = theme.name
        path = self._config_path

        def save() -> None:
            try:
                save_setting("theme", theme.name, path)
            except ConfigError as error:
                self._from_thread(f"Theme not saved: {error}", "warning")

        self.run_worker(save, thread=True, group="settings")

    def _poll_store(self) -> None:
        self.store_watcher.poll()

    def close_store(self) -> Path | None:
        """Write every queued change; whatever cannot be written goes to a recovery file."""
        if self.writer is not None:
            self.recovery_file = self.writer.close(data_dir())
            self.writer = None
        if self.store is not None:
            self.store.close()
        return self.recovery_file

    # -- screens ----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._apply_settings()
        if self.store is not None:
            self.set_interval(POLL_SECONDS, self._poll_store)
        if self.articles:
            self.open_reader(self.articles[0].head, self.articles[0].rest)
        else:
            self.push_screen(LibraryScreen(self.library_entries()))

    def open_reader(
        self, article: Article, rest: Callable[[], Article] | None = None, *, goal: Goal = None
    ) -> None:
        self.push_screen(ReaderScreen(article, rest, goal=goal))

    async def open_path_at(self, path: str | Path, goal: Goal) -> None:
        """Open the article at ``path`` (or find it open) and go to ``goal`` in it."""
        wanted = Path(path).resolve()
        for screen in reversed(self.screen_stack):
            if not isinstance(screen, ReaderScreen):
                continue
            for pane in screen.panes:
                source = pane.article.source
                if source is not None and source.resolve() == wanted:
                    while self.screen is not screen:
                        self.pop_screen()
                    pane.view.focus()
                    if goal is not None:
                        pane.reach(goal)
                    return
        loaded = await self.load_in_thread(Path(path))
        if loaded is not None:
            self.open_reader(loaded.head, loaded.rest, goal=goal)

    async def load_in_thread(self, path: Path) -> ArticleLoad | None:
        """Load an article off the UI thread (a large HTML page takes seconds to extract)."""
        worker = self.run_worker(
            lambda: load_progressively(path), thread=True, group="load", exit_on_error=False
        )
        try:
            return await worker.wait()
        except WorkerFailed as failure:
            reason = failure.error
            self.notify(str(reason) if isinstance(reason, LoadError) else f"{path}: {reason}",
                        severity="error")  # fmt: skip
            return None

    def search_everything(self, query: str) -> None:
        paths = [entry.path for entry in self.library_entries()]
        self.push_screen(SearchResultsScreen(query, paths))

    async def on_search_results_screen_open_match(
        self, message: SearchResultsScreen.OpenMatch
    ) -> None:
        await self.open_path_at(message.path, (message.start, message.end))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from binding_commands(self, screen)

    def opened(self, article: Article) -> tuple[OpenedArticle, str | None]:
        """The article's record and annotations, and a problem to report (runs in a thread)."""
        if self.store is not None:
            defer = self.writer.submit if self.writer is not None else None
            try:
                return open_article(self.store, article, defer=defer), None
            except StoreError as error:
                problem = f"{error}: annotations are not available."
        else:
            problem = None
        record = ArticleRecord(key=article.key, text_hash=article.key, title=article.title)
        return OpenedArticle(article, record, ()), problem

    async def on_library_screen_open_requested(self, message: LibraryScreen.OpenRequested) -> None:
        loaded = await self.load_in_thread(message.path)
        if loaded is None:
            return
        readers = [s for s in self.screen_stack if isinstance(s, ReaderScreen)]
        if message.beside and readers:
            while self.screen is not readers[-1]:
                self.pop_screen()
            await readers[-1].open_beside(loaded.head, loaded.rest)
        else:
            self.open_reader(loaded.head, loaded.rest)

    def action_library(self) -> None:
        """``b``: the library over the reader, or back to the reader from it."""
        if isinstance(self.screen, LibraryScreen):
            if any(isinstance(s, ReaderScreen) for s in self.screen_stack):
                self.pop_screen()
            return
        reading = any(isinstance(s, ReaderScreen) for s in self.screen_stack)
        self.push_screen(LibraryScreen(self.library_entries(), beside=reading))

    def library_entries(self) -> list[LibraryEntry]:
        """Listed afresh each time: what was read, added or moved since shows at once."""
        return default_library(self.store)

    def action_back(self) -> None:
        if len(self.screen_stack) > 2:
            self.pop_screen()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        rows: dict[str, list[str]] = {}
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            description = binding.description or binding.action.replace("_", " ")
            rows.setdefault(description, []).append(self.get_key_display(binding) or key)
        self.push_screen(HelpScreen([(" ".join(keys), text) for text, keys in rows.items()]))


def _keymap_classes() -> list[type[DOMNode]]:
    from hamish.ui.screens.dialogs import ConfirmDialog, TagsDialog
    from hamish.ui.screens.help import HelpScreen
    from hamish.ui.screens.info import InfoScreen
    from hamish.ui.screens.note_editor import NoteEditor
    from hamish.ui.widgets.reader_view import ReaderView
    from hamish.ui.widgets.search_bar import SearchBar

    return [HamishApp, ReaderScreen, ReaderPane, ReaderView, SearchBar, LibraryScreen,
            SearchResultsScreen, NoteEditor, TagsDialog, ConfirmDialog, HelpScreen, InfoScreen]  # fmt: skip  # noqa: E501


def default_library(store: Store | None = None) -> list[LibraryEntry]:
    """The bundled articles, the library directory and every article opened before."""
    return library_entries(store, bundled=bundled_articles_dir(), library=library_dir())
