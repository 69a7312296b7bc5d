"""The search line under a reader: one row; type, Enter searches, the count shows beside it.

The query is a ``BidiInput``, so an Arabic or Hebrew query reads right while it is typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from hamish.ui.widgets.bidi_input import BidiInput


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
    class Submitted(Message):
        bar: SearchBar
        query: str
        fold_teh_marbuta: bool = False

        @property
        def control(self) -> SearchBar:
            return self.bar

    @dataclass
    class Closed(Message):
        bar: SearchBar

        @property
        def control(self) -> SearchBar:
            return self.bar

    fold_teh_marbuta = False
    """Also match teh marbuta with heh (ة = ه), toggled with ctrl+t."""

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt")
        yield BidiInput(placeholder="search (harakat, hamza forms and digits fold together)")
        yield Static("", id="search-count")

    def open(self) -> None:
        self.add_class("-open")
        self.query_one(BidiInput).focus()

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def show_count(self, current: int | None, total: int) -> None:
        label = "no matches" if total == 0 else f"{(current or 0) + 1}/{total}"
        self.query_one("#search-count", Static).update(label)

    @on(BidiInput.Submitted)
    def _search(self, event: BidiInput.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, event.text, self.fold_teh_marbuta))

    def action_toggle_teh_marbuta(self) -> None:
        self.fold_teh_marbuta = not self.fold_teh_marbuta
        prompt = "/ ة=ه" if self.fold_teh_marbuta else "/"
        self.query_one("#search-prompt", Static).update(prompt)
        query = self.query_one(BidiInput).text
        if query.strip():
            self.post_message(self.Submitted(self, query, self.fold_teh_marbuta))

    def action_close(self) -> None:
        self.remove_class("-open")
        self.query_one(BidiInput).text = ""
        self.query_one("#search-count", Static).update("")
        self.post_message(self.Closed(self))
