"""The command palette (ctrl+p): every bound action, and a search of all articles and notes.

Actions are listed from the bindings active where the palette was opened, so the palette always
matches the keys (remapped ones included) and nothing has to be registered twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider
from textual.screen import Screen
from textual.worker import WorkerFailed

from hamish.core.annotations.model import Annotation
from hamish.core.file_names import shown_path
from hamish.core.layout.short_text import visual_string
from hamish.core.library import LibraryEntry
from hamish.core.search.annotations import AnnotationIndex
from hamish.core.search.find import find_all
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
        store = app.store
        self._entries: list[LibraryEntry] = []
        self._index: AnnotationIndex | None = None

        def build() -> tuple[list[LibraryEntry], AnnotationIndex | None]:
            entries = app.library_entries()
            return entries, None if store is None else AnnotationIndex.of(store.all_annotations())

        worker = app.run_worker(build, thread=True, exit_on_error=False, group="palette")
        with contextlib.suppress(WorkerFailed):  # said by the app; the palette still works
            self._entries, self._index = await worker.wait()

    async def search(self, query: str) -> Hits:
        app: HamishApp = self.app  # type: ignore[assignment]
        if len(query.strip()) < 2:
            return
        for entry in self._entries:
            if entry.path is not None and entry.problem is None and find_all(entry.title, query):
                yield Hit(
                    0.9,
                    Text("article: ") + Text(visual_string(_short(entry.title))),
                    partial(app.open_path_at, entry.path, None),
                    text=f"article: {entry.title}",
                    help=literal_markup(shown_path(entry.path)),
                )
        if self._index is not None:
            by_key = {entry.key: entry for entry in self._entries if entry.key is not None}
            for annotation in self._index.search(query)[:30]:
                found = by_key.get(annotation.article_key)
                if found is None or found.path is None:
                    continue
                yield Hit(
                    0.8,
                    Text("note: ") + Text(visual_string(_short(_shown(annotation)))),
                    partial(app.open_path_at, found.path, annotation.id),
                    text=f"note: {annotation.quote}",
                    help=literal_markup(visual_string(_short(found.title))),
                )
        yield Hit(
            0.5,
            Text(f"Search the text of every article for {query!r}"),
            partial(app.search_everything, query),
            text=f"search all articles for {query}",
        )


def _shown(annotation: Annotation) -> str:
    return annotation.note or annotation.quote
