"""The Textual application: wiring only. Screens show, the core computes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerFailed, WorkerState

from hamish import collector
from hamish.core.article import Article
from hamish.core.config import Config, ConfigError, save_setting
from hamish.core.loaders.progressive import ArticleLoad, load_progressively
from hamish.core.paths import data_dir
from hamish.core.safe_text import safe_text
from hamish.ui.app_store import WORKER_GROUP as STORE_WORKER
from hamish.ui.app_store import AppStore
from hamish.ui.driver import hamish_driver
from hamish.ui.reading import Reading
from hamish.ui.render import bidi_lines
from hamish.ui.screens.reader import ReaderScreen
from hamish.ui.theme_colors import palette_variables
from hamish.ui.widgets.annotating import Annotating
from hamish.ui.widgets.reader_pane import Goal, ReaderPane
from hamish.ui.workers import report_failure

if TYPE_CHECKING:
    from textual.command import Provider

    from hamish.core.library import LibraryEntry
    from hamish.core.session import ArticleSession
    from hamish.core.store import Store
    from hamish.core.store.lock_reports import LockWait
    from hamish.ui.persistence import StoreWriter
    from hamish.ui.screens.library import LibraryScreen
    from hamish.ui.screens.search_results import SearchResultsScreen
    from hamish.ui.store_watch import StoreWatcher
    from hamish.ui.web import WebPages

COLLECTOR_PAUSE_LIMIT = 10.0
"""Seconds after which the cycle collector runs again whatever is still being read (a reader
closed before its article was laid out never says it has settled)."""

TOAST_WIDTH, TOAST_FRAME, TOAST_RACK_SCROLLBAR = 60, 3, 2
"""Textual's toasts: 60 cells at most, or half of their rack (the screen less its scrollbar);
padding and the coloured edge take three of them. Lines laid out wider would be wrapped
again by Textual, in logical order."""


def _library_search() -> type[Provider]:
    from hamish.ui.commands import LibrarySearch

    return LibrarySearch


class HamishApp(App[None]):
    """The reader's application. What the first screen does not show (the library, help,
    search results, the palette's providers, exports, dialogs) is imported when first used:
    the first screen is what a user waits for."""

    CSS_PATH = "hamish.tcss"
    TITLE = "hamish"
    COMMANDS = App.COMMANDS | {_library_search}
    BINDINGS: list[BindingType] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding("escape", "back", "Back", show=False, id="app.back"),
        Binding("l", "library", "Library", id="app.library"),
        Binding("ctrl+o", "open_url", "Open URL…", show=False, id="app.open_url"),
    ]

    def __init__(
        self,
        articles: Sequence[Article | ArticleLoad | str] = (),
        *,
        store: Store | None = None,
        open_store: bool = False,
        config: Config | None = None,
        config_problems: Sequence[str] = (),
        config_path: Path | None = None,
        use_bidi_driver: bool = True,
    ) -> None:
        self.config = Config() if config is None else config
        """The settings in effect: config.toml, the command line, and a theme chosen since."""
        reorder = self.config.bidi == "app"
        driver = hamish_driver(explicit_bidi=reorder) if use_bidi_driver else None
        super().__init__(driver_class=driver)
        self.articles = [ArticleLoad(a) if isinstance(a, Article) else a for a in articles]
        """What to open: the first is shown when the app starts; a ``str`` is a web URL, fetched
        then, over the library."""
        self.color = self.config.color
        """The colour new highlights get, shared by every reader pane; the colour keys change
        it for this session."""
        sessions: set[ArticleSession] = set()
        self.app_store = AppStore(
            self,
            store,
            open_later=open_store,
            sessions=sessions,
            on_lock_wait=lambda wait: self.post_message(self.LockWaiting(wait)),
        )
        """The store: given, or (``open_store``) opened once the first screen is drawn."""
        self.recovery_file: Path | None = None
        """Where the changes that could not be saved went, once the app has ended."""
        self.reading = Reading(
            store=self.app_store.for_panes,
            submit=self.app_store.submit,
            export_dir=self.config.export_dir,
            export_flavor=self.config.export_flavor,
            shaping=self.config.shaping,
            reorder=reorder,
            max_width=self.config.max_width,
            sessions=sessions,
        )
        self.config_problems = list(config_problems)
        self._config_path = config_path
        self._web: WebPages | None = None

    @property
    def web(self) -> WebPages:
        """Opening and saving web pages (made when a URL is first used: HTTP is not for the
        first screen)."""
        if self._web is None:
            from hamish.ui.web import WebPages

            self._web = WebPages(self)
        return self._web

    @property
    def shaping(self) -> bool:
        """Whether Arabic is drawn joined: every widget that lays text out asks the app."""
        return self.reading.shaping

    @property
    def reorder(self) -> bool:
        """Whether hamish puts right-to-left text in visual order (else the terminal does)."""
        return self.reading.reorder

    # -- the store ------------------------------------------------------------------------------

    @property
    def store(self) -> Store | None:
        """The open store (None while it is being opened, or where there is none)."""
        return self.app_store.store

    @property
    def writer(self) -> StoreWriter | None:
        return self.app_store.writer

    @property
    def store_watcher(self) -> StoreWatcher | None:
        return self.app_store.watcher

    def close_store(self) -> None:
        """Close the store (the app has ended), once its opening has ended if it was opening."""
        self.app_store.close()

    @dataclass
    class LockWaiting(Message):
        """Another hamish holds the store's lock and a save is waiting for it (from any
        thread: posting a message is safe from the writer's)."""

        wait: LockWait

    @on(LockWaiting)
    def _lock_waiting(self, message: LockWaiting) -> None:
        self.notify(message.wait.message, severity="warning", timeout=10, markup=False)

    def on_store_writer_failed(self, message: StoreWriter.Failed) -> None:
        """(By name: the writer's module is imported once there is a store to write to.)"""
        self.notify(
            f"Could not {message.change.description}: {message.error}. "
            "It is kept and will be retried.",
            severity="error",
            timeout=8,
            markup=False,
        )

    def on_store_writer_recovered(self) -> None:
        self.notify("Saved: the pending changes are now on disk.", timeout=8, markup=False)

    def on_unmount(self) -> None:
        """Write every queued change (the panes have queued their reading positions by now);
        whatever cannot be written goes to a recovery file."""
        self.recovery_file = self.app_store.at_exit(data_dir())

    # -- messages -------------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every message, whoever sends it (``Widget.notify`` hands it to the app), through the
        one sanitiser and then the engine: a message carries file names, titles, the OS's
        reasons and notes, so an ESC in one must not reach the terminal and a bidi override must
        show as \ufffd rather than disguise a name; an Arabic file name or query reads right to
        left and wraps in visual order at the toast's width.

        hamish's own messages are plain text (``markup=False``, a test checks every call), so
        ``[link=...]`` in a file name is shown as it is; Textual's few use markup."""
        if markup:
            message = Content.from_markup(message).plain
        message, title = safe_text(message), safe_text(title)
        rack = self.size.width - TOAST_RACK_SCROLLBAR
        width = max(10, min(TOAST_WIDTH, rack // 2) - TOAST_FRAME)
        super().notify(
            bidi_lines(message, width),
            title=bidi_lines(title, width, max_lines=1) if title else "",
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # -- settings -------------------------------------------------------------------------------

    def _apply_settings(self) -> None:
        """Theme and keymap from config.toml; each problem is shown, defaults are kept."""
        name = self._config_path.name if self._config_path else "config.toml"
        wanted = self.config.theme
        if wanted != self.theme:
            if wanted in self.available_themes:
                self.theme = wanted
            else:
                choices = ", ".join(sorted(self.available_themes))
                self.config_problems.append(
                    f"{name}: theme {wanted!r} does not exist (choose from {choices})"
                )
        if self.config.keymap:
            self.set_keymap(dict(self.config.keymap))  # Textual passes over ids it lacks
            self.call_after_refresh(self._check_keymap, name)
        for problem in self.config_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=15, markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _check_keymap(self, config_name: str) -> None:
        """Say which keymap ids name no binding. It needs every hamish widget class imported,
        which the first screen does not: so after the first frame."""
        from hamish.ui.keymap import binding_ids, keymap_problems

        for problem in keymap_problems(self.config.keymap, binding_ids(), config_name):
            self.notify(problem, title="Settings", severity="warning", timeout=15, markup=False)

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer, help and palette show it, through the one sanitiser: a keymap in
        config.toml can name any key, control characters included."""
        return safe_text(super().get_key_display(binding))

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables and the reader's colours for the current theme."""
        variables = super().get_css_variables()
        return {**variables, **palette_variables(variables, self.ansi_theme)}

    def _remember_theme(self, theme: Theme) -> None:
        """A theme chosen from the palette is kept for next time (in config.toml)."""
        if theme.name != self.config.theme:
            self.config = replace(self.config, theme=theme.name)
            self._save_theme(theme.name)

    @work(thread=True, exit_on_error=False, group="settings")
    def _save_theme(self, name: str) -> None:
        try:
            save_setting("theme", name, self._config_path)
        except ConfigError as error:
            self.call_from_thread(
                self.notify, f"Theme not saved: {error}", severity="warning", markup=False
            )

    # -- screens ----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if not isinstance(self._first, ArticleLoad):  # else once it is read and laid out
            self.call_after_refresh(collector.resume)
        self.set_timer(COLLECTOR_PAUSE_LIMIT, collector.resume)
        self._apply_settings()
        self.app_store.start()
        if isinstance(self._first, str):
            self.web.open(self._first)

    @property
    def _first(self) -> ArticleLoad | str | None:
        return self.articles[0] if self.articles else None

    def get_default_screen(self) -> Screen[object]:
        """The first screen: the first article given, else the library (a URL is fetched over
        it). It is the bottom of the screen stack (the one ``escape`` never leaves), and made as
        Textual starts, without an empty screen styled and drawn before it."""
        if isinstance(self._first, ArticleLoad):
            return ReaderScreen(self._first, self.reading, color=self.color)
        from hamish.ui.screens.library import LibraryScreen

        return LibraryScreen(self.library_entries())

    def open_reader(self, loaded: ArticleLoad, *, goal: Goal = None) -> None:
        self.push_screen(ReaderScreen(loaded, self.reading, color=self.color, goal=goal))

    @on(Annotating.ColorChosen)
    def _color_chosen(self, message: Annotating.ColorChosen) -> None:
        self.color = message.color
        for screen in self.screen_stack:
            for annotating in screen.query(Annotating):
                annotating.color = message.color

    async def open_path_at(self, path: str | Path, goal: Goal) -> None:
        """Open the article at ``path`` (or find it open) and go to ``goal`` in it."""
        wanted = Path(path).resolve()
        for screen in reversed(self.screen_stack):
            for pane in screen.query(ReaderPane):
                source = pane.article.source
                if source is not None and source.resolve() == wanted:
                    while self.screen is not screen:
                        self.pop_screen()
                    pane.view.focus()
                    pane.reach(goal)
                    return
        loaded = await self.load_in_thread(Path(path))
        if loaded is not None:
            self.open_reader(loaded, goal=goal)

    async def load_in_thread(self, path: Path) -> ArticleLoad | None:
        """Load an article off the UI thread (a large HTML page takes seconds to extract)."""
        worker = self.run_worker(
            lambda: load_progressively(path), thread=True, exit_on_error=False, group="load"
        )
        try:
            return await worker.wait()
        except WorkerFailed:  # said by _worker_changed
            return None

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        failed = report_failure(self, event)
        if event.worker.group == STORE_WORKER and (failed or event.state is WorkerState.SUCCESS):
            self.app_store.opened()

    def search_everything(self, query: str) -> None:
        from hamish.ui.screens.search_results import SearchResultsScreen

        self.push_screen(SearchResultsScreen(query, self.library_entries()))

    async def on_search_results_screen_open_match(
        self, message: SearchResultsScreen.OpenMatch
    ) -> None:
        await self.open_path_at(message.path, (message.start, message.end))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from hamish.ui.commands import binding_commands

        yield from super().get_system_commands(screen)
        yield from binding_commands(self, screen)

    async def on_library_screen_open_requested(self, message: LibraryScreen.OpenRequested) -> None:
        loaded = await self.load_in_thread(message.path)
        if loaded is None:
            return
        readers = [s for s in self.screen_stack if isinstance(s, ReaderScreen)]
        if message.beside and readers:
            while self.screen is not readers[-1]:
                self.pop_screen()
            await readers[-1].open_beside(loaded)
        else:
            self.open_reader(loaded)

    def action_library(self) -> None:
        """``l``: the library over the reader, or back to the reader from it."""
        from hamish.ui.screens.library import LibraryScreen

        if isinstance(self.screen, LibraryScreen):
            if any(isinstance(s, ReaderScreen) for s in self.screen_stack):
                self.pop_screen()
            return
        reading = any(isinstance(s, ReaderScreen) for s in self.screen_stack)
        self.push_screen(LibraryScreen(self.library_entries(), beside=reading))

    def library_entries(self) -> list[LibraryEntry]:
        from hamish.core.library import user_library

        return user_library(self.store)

    def action_open_url(self) -> None:
        """ctrl+o, "Open URL…" in the palette: a page from the web, in a reader."""
        from hamish.ui.screens.dialogs import UrlDialog

        self.push_screen(UrlDialog(), self._url_given)

    def _url_given(self, url: str | None) -> None:
        if url:
            self.web.open(url)

    def action_back(self) -> None:
        if len(self.screen_stack) > 1:  # never the first screen
            self.pop_screen()

    def action_help(self) -> None:
        from hamish.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        rows: dict[str, list[str]] = {}
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            description = binding.description or binding.action.replace("_", " ")
            rows.setdefault(description, []).append(self.get_key_display(binding) or key)
        self.push_screen(HelpScreen([(" ".join(keys), text) for text, keys in rows.items()]))
