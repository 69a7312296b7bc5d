"""The list of articles to open: the bundled ones and every one opened before."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from hamish.ui.render import bidi_text


@dataclass(frozen=True)
class LibraryEntry:
    path: Path
    title: str
    detail: str = ""


class LibraryScreen(Screen[None]):
    DEFAULT_CSS = """
    LibraryScreen > #library-heading { padding: 0 1; text-style: bold; color: $accent; }
    LibraryScreen > OptionList { height: 1fr; border: none; }
    """
    BINDINGS: list[BindingType] = [
        Binding("enter", "open", "Open", id="library.open"),
    ]

    @dataclass
    class OpenRequested(Message):
        path: Path
        beside: bool = False
        """Open beside the article being read (when the library was opened from a reader)."""

    def __init__(self, entries: list[LibraryEntry], *, beside: bool = False) -> None:
        super().__init__()
        self.entries = entries
        self.beside = beside

    def compose(self) -> ComposeResult:
        yield Static("Articles", id="library-heading")
        yield OptionList(id="library-list")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_entries()
        self.query_one(OptionList).focus()

    def on_resize(self) -> None:
        self.refresh_entries()

    def refresh_entries(self) -> None:
        option_list = self.query_one(OptionList)
        width = max(20, option_list.scrollable_content_region.width)
        highlighted = option_list.highlighted
        option_list.clear_options()
        for index, entry in enumerate(self.entries):
            prompt = bidi_text(entry.title, width, max_lines=1)
            if entry.detail:
                prompt.append("\n")
                prompt.append_text(bidi_text(entry.detail, width, style="dim", max_lines=1))
            option_list.add_option(Option(prompt, id=str(index)))
        if self.entries:
            option_list.highlighted = highlighted if highlighted is not None else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(
            self.OpenRequested(self.entries[int(event.option_id or 0)].path, self.beside)
        )

    def action_open(self) -> None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None:
            entry = self.entries[option_list.highlighted]
            self.post_message(self.OpenRequested(entry.path, self.beside))
