"""The command palette (ctrl+p): every bound action, and a search of all articles and notes.

Actions are listed from the bindings active where the palette was opened, so the palette always
matches the keys (remapped ones included) and nothing has to be registered twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider
from textual.screen import Screen

from hamish.core.annotations.model import Annotation, ArticleRecord
from hamish.core.file_names import shown_path
from hamish.core.layout.snippet import visual_string
from hamish.core.search import AnnotationIndex, find_all
from hamish.ui.render import literal_markup

if TYPE_CHECKING:
    from hamish.ui.app import HamishApp

CATEGORIES = {
    "app": "App",
    "reader": "Reader",
    "library": "Library",
    "search": "Search",
    "note": "Note",
    "help": "Help",
}
SNIPPET = 48


def binding_commands(app: HamishApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        category = CATEGORIES.get((binding.id or "app").split(".")[0], "App")
        keys = app.get_key_display(binding)
        yield SystemCommand(
            f"{category}: {binding.description}",
            f"key: {keys}",
            partial(app.run_action, binding.action, active.node),
        )


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET else flat[: SNIPPET - 1] + "…"


class LibrarySearch(Provider):
    """Search article titles and every annotation's quote, note and tags (Arabic-aware)."""

    async def startup(self) -> None:
        app: HamishApp = self.app  # type: ignore[assignment]
        self._records: list[ArticleRecord] = []
        self._index: AnnotationIndex | None = None
        if app.store is None:
            return
        store = app.store

        def build() -> tuple[list[ArticleRecord], AnnotationIndex]:
            return store.list_articles(), AnnotationIndex.of(store.all_annotations())

        worker = app.run_worker(build, thread=True, group="palette")
        self._records, self._index = await worker.wait()

    async def search(self, query: str) -> Hits:
        app: HamishApp = self.app  # type: ignore[assignment]
        if len(query.strip()) < 2:
            return
        titles = {record.key: record for record in self._records}
        for record in self._records:
            if record.path and find_all(record.title, query):
                yield Hit(
                    0.9,
                    Text("article: ") + Text(visual_string(_short(record.title))),
                    partial(app.open_path_at, record.path, None),
                    text=f"article: {record.title}",
                    help=literal_markup(shown_path(record.path)),
                )
        if self._index is None:
            return
        for annotation in self._index.search(query)[:30]:
            record = titles.get(annotation.article_key)
            if record is None or not record.path:
                continue
            yield Hit(
                0.8,
                Text("note: ") + Text(visual_string(_short(_shown(annotation)))),
                partial(app.open_path_at, record.path, annotation.id),
                text=f"note: {annotation.quote}",
                help=literal_markup(visual_string(_short(record.title))),
            )
        yield Hit(
            0.5,
            Text(f"Search the text of every article for {query!r}"),
            partial(app.search_everything, query),
            text=f"search all articles for {query}",
        )


def _shown(annotation: Annotation) -> str:
    return annotation.note or annotation.quote
