"""Matches of one query across every known article, from the command palette."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from hamish.core.layout.snippet import visual_string
from hamish.core.loaders import LoadError, load_article
from hamish.core.search import Snippet, find_all
from hamish.ui.render import bidi_text

MAX_PER_ARTICLE = 50


@dataclass(frozen=True)
class Match:
    path: Path
    title: str
    start: int
    end: int
    snippet: str
    percent: int


def search_files(paths: list[Path], query: str) -> list[Match]:
    """Every match of ``query`` in the articles at ``paths`` (unreadable files are skipped)."""
    found: list[Match] = []
    for path in paths:
        try:
            article = load_article(path)
        except LoadError:
            continue
        for start, end in find_all(article.text, query)[:MAX_PER_ARTICLE]:
            snippet = Snippet.around(article.text, start, end, context=40).line
            percent = round(100 * start / max(1, len(article.text)))
            found.append(Match(path, article.title, start, end, snippet, percent))
    return found


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

    def __init__(self, query: str, paths: list[Path]) -> None:
        super().__init__()
        self.query_text = query
        self.paths = paths
        self.matches: list[Match] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Searching {len(self.paths)} articles…"), id="results-heading")
        yield OptionList()
        yield Footer()

    def on_mount(self) -> None:
        query, paths = self.query_text, self.paths

        def run() -> None:
            matches = search_files(paths, query)
            self.app.call_from_thread(self._show, matches)

        self.run_worker(run, thread=True, group="search-all")

    def _show(self, matches: list[Match]) -> None:
        self.matches = matches
        heading = self.query_one("#results-heading", Static)
        heading.update(
            Text(visual_string(f"{len(matches)} matches for {self.query_text!r} in "
                               f"{len(self.paths)} articles"))
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
