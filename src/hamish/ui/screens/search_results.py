"""Matches of one query across every known article, from the command palette."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from hamish.core.article import percent_through
from hamish.core.counts import count
from hamish.core.layout.short_text import visual_string
from hamish.core.library import LibraryEntry, readable_paths
from hamish.core.search.library import search_articles
from hamish.core.search.snippet import Snippet
from hamish.ui.render import bidi_text
from hamish.ui.workers import report_failure

MAX_PER_ARTICLE = 50


@dataclass(frozen=True)
class Match:
    path: Path
    title: str
    start: int
    end: int
    snippet: str
    percent: int


def library_matches(entries: list[LibraryEntry], query: str) -> list[Match]:
    """Up to ``MAX_PER_ARTICLE`` matches of ``query`` in each readable article of ``entries``."""
    return [
        Match(
            hits.path,
            hits.article.title,
            start,
            end,
            Snippet.around(hits.article.text, start, end, context=40).line,
            percent_through(start, len(hits.article.text)),
        )
        for hits in search_articles(readable_paths(entries), query)
        for start, end in hits.ranges[:MAX_PER_ARTICLE]
    ]


class SearchResultsScreen(Screen[None]):
    DEFAULT_CSS = """
    SearchResultsScreen > #results-heading { padding: 0 1; text-style: bold; color: $accent; }
    SearchResultsScreen > OptionList { height: 1fr; border: none; }
    """
    BINDINGS: list[BindingType] = [Binding("escape", "app.pop_screen", "Back", id="results.back")]

    @dataclass
    class OpenMatch(Message):
        path: Path
        start: int
        end: int

    def __init__(self, query: str, entries: list[LibraryEntry]) -> None:
        super().__init__()
        self.query_text = query
        self.entries = entries
        self.matches: list[Match] = []

    def compose(self) -> ComposeResult:
        searching = f"Searching {count(len(self.entries), 'article')}…"
        yield Static(Text(searching), id="results-heading")
        yield OptionList()
        yield Footer()

    def on_mount(self) -> None:
        self._search(self.query_text, self.entries)

    @work(thread=True, exit_on_error=False, group="search-all")
    def _search(self, query: str, entries: list[LibraryEntry]) -> None:
        matches = library_matches(entries, query)
        self.app.call_from_thread(self._show, matches)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def _show(self, matches: list[Match]) -> None:
        self.matches = matches
        heading = self.query_one("#results-heading", Static)
        heading.update(
            Text(visual_string(f"{count(len(matches), 'match', 'matches')} for "
                               f"{self.query_text!r} in {count(len(self.entries), 'article')}"))
        )  # fmt: skip
        option_list = self.query_one(OptionList)
        width = max(20, option_list.scrollable_content_region.width)
        for index, match in enumerate(matches):
            prompt = bidi_text(
                f"{match.title} · {match.percent}%", width, style="bold", max_lines=1
            )
            prompt.append("\n")
            prompt.append_text(bidi_text(match.snippet, width, max_lines=2))
            option_list.add_option(Option(prompt, id=str(index)))
        if matches:
            option_list.highlighted = 0
        else:
            option_list.add_option(Option(Text("Nothing found."), disabled=True))
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        match = self.matches[int(event.option_id or 0)]
        self.post_message(self.OpenMatch(match.path, match.start, match.end))
