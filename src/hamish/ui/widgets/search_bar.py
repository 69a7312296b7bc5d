"""The search line under a reader: one row; type, Enter searches, the count shows beside it.

The query is a ``BidiInput``, so an Arabic or Hebrew query reads right while it is typed. The
line owns one search: it finds the query in the article's text off the UI thread (core's
folding search), keeps the matches and which one is current, and posts ``Found`` whenever they
change, so the pane only has to show them. While a long article is still being read, a query
waits for its whole text ("reading…") rather than searching the part shown so far.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import Worker

from hamish.core.search.find import find_all
from hamish.core.search.matches import SearchMatches
from hamish.ui.widgets.bidi_input import BidiInput
from hamish.ui.workers import report_failure


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar { height: 1; display: none; background: $panel; }
    SearchBar.-open { display: block; height: 1; }
    SearchBar > Static { width: auto; padding: 0 1; color: $text-muted; }
    SearchBar > BidiInput { width: 1fr; height: 1; background: $panel; }
    """
    BINDINGS: list[BindingType] = [
        Binding("escape", "close", "Close search", show=False, id="search.close"),
        Binding("ctrl+t", "toggle_teh_marbuta", "ة = ه", id="search.teh_marbuta"),
    ]

    @dataclass
    class Found(Message):
        """The matches changed: a new search, another current match, or (None) no search."""

        bar: SearchBar
        matches: SearchMatches | None

        @property
        def control(self) -> SearchBar:
            return self.bar

    matches: reactive[SearchMatches | None] = reactive(None, init=False, always_update=True)
    fold_teh_marbuta = False
    """Also match teh marbuta with heh (ة = ه), toggled with ctrl+t."""

    def __init__(self, text: str | None) -> None:
        super().__init__()
        self.text = text
        """The whole article's text; None until a long article has been read to its end."""
        self._waiting: str | None = None
        """A query submitted before the text was known."""
        self.caret = 0
        """Where the reader is: the first match at or after it becomes current."""

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt")
        yield BidiInput(placeholder="search (harakat, hamza forms and digits fold together)")
        yield Static("", id="search-count")

    def open(self) -> None:
        self.add_class("-open")
        editors = self.query(BidiInput)
        if editors:
            editors.first().focus()
        else:  # made just now: its line editor is mounted with the next refresh
            self.call_after_refresh(self.open)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def step(self, by: int) -> bool:
        """Make the next (``by`` > 0) or previous match current; False if there is no search."""
        if self.matches is None or self.matches.current is None:
            return False
        self.matches = self.matches.step(by)
        return True

    def watch_matches(self, matches: SearchMatches | None) -> None:
        self.query_one("#search-count", Static).update("" if matches is None else matches.counter())
        self.post_message(self.Found(self, matches))

    def whole_text(self, text: str) -> None:
        """The article has been read to its end: search ``text``, now and from now on."""
        self.text = text
        if self._waiting is not None:
            self._search(text, self._waiting, self.fold_teh_marbuta, self.caret)
            self._waiting = None

    def _search_for(self, query: str) -> None:
        if self.text is None:
            self._waiting = query
            self.query_one("#search-count", Static).update("reading the article…")
        else:
            self._search(self.text, query, self.fold_teh_marbuta, self.caret)

    @on(BidiInput.Submitted)
    def _submitted(self, event: BidiInput.Submitted) -> None:
        event.stop()
        self._search_for(event.text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def _search(self, text: str, query: str, fold: bool, caret: int) -> None:
        ranges = find_all(text, query, fold_teh_marbuta=fold)  # [] for a blank query
        found = SearchMatches.found(query, ranges, caret)
        self.app.call_from_thread(setattr, self, "matches", found)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def action_toggle_teh_marbuta(self) -> None:
        self.fold_teh_marbuta = not self.fold_teh_marbuta
        prompt = "/ ة=ه" if self.fold_teh_marbuta else "/"
        self.query_one("#search-prompt", Static).update(prompt)
        query = self.query_one(BidiInput).text
        if query.strip():
            self._search_for(query)

    def action_close(self) -> None:
        self.remove_class("-open")
        self.query_one(BidiInput).text = ""
        self.matches = None
