"""The library: bundled articles, the user's library directory and every article opened before,
most recently read first, each with its date, length, annotations and reading progress; under
them, the feeds hamish follows (``FeedsSection``).

Titles are drawn by the layout engine, so Arabic and Hebrew titles read right to left. Files
that cannot be opened are listed with the reason, never hidden and never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from hamish.core.counts import count
from hamish.core.file_names import shown_path
from hamish.core.library import LibraryEntry
from hamish.ui.render import bidi_text
from hamish.ui.widgets.feeds_section import FeedsSection

if TYPE_CHECKING:
    from hamish.ui.app import HamishApp

FSI, PDI = "\u2068", "\u2069"
"""First-strong isolate: an Arabic date keeps its own direction inside an English line."""


def entry_detail(entry: LibraryEntry) -> str:
    """The line under a title, left to right, with the site and date isolated (UAX #9
    FSI…PDI)."""
    if entry.problem:
        where = shown_path(entry.path) if entry.path else "?"
        return f"cannot open: {entry.problem} · {FSI}{where}{PDI}"
    parts = [f"{FSI}{entry.site}{PDI}" if entry.site else ""]
    parts += [f"{FSI}{entry.date}{PDI}" if entry.date else "", count(entry.words, "word")]
    if entry.annotations:
        parts.append(count(entry.annotations, "annotation"))
    if entry.furthest > 0:
        parts.append(entry.describe_progress())
    parts.append(entry.source)
    return " · ".join(part for part in parts if part)


class LibraryScreen(Screen[None]):
    DEFAULT_CSS = """
    LibraryScreen > #library-heading { padding: 0 1; text-style: bold; color: $accent; }
    LibraryScreen > OptionList { height: 1fr; border: none; scrollbar-gutter: stable; }
    LibraryScreen > OptionList > .option-list--option { padding: 0 0 1 0; }
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
        heading = "Library: Enter opens" + (
            " beside the article you are reading" if self.beside else ""
        )
        yield Static(heading, id="library-heading")
        yield OptionList(id="library-list")
        yield FeedsSection()
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
            title = entry.title or (shown_path(entry.path.name) if entry.path else "?")
            prompt = bidi_text(title, width, max_lines=1, style="bold")
            prompt.append("\n")
            prompt.append_text(bidi_text(entry_detail(entry), width, style="dim", max_lines=1))
            option_list.add_option(
                Option(prompt, id=str(index), disabled=entry.problem is not None)
            )
        if not self.entries:
            option_list.add_option(Option(Text("No articles yet: hamish add FILE"), disabled=True))
        openable = [i for i, e in enumerate(self.entries) if e.problem is None]
        if openable:
            option_list.highlighted = highlighted if highlighted in openable else openable[0]

    @on(FeedsSection.SavedToLibrary)
    def _page_saved(self) -> None:
        app: HamishApp = self.app  # type: ignore[assignment]
        self.entries = app.library_entries()
        self.refresh_entries()

    def _open(self, index: int) -> None:
        entry = self.entries[index]
        if entry.path is not None and entry.problem is None:
            self.post_message(self.OpenRequested(entry.path, self.beside))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(int(event.option_id or 0))

    def action_open(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self._open(highlighted)
