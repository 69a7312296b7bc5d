"""One article being read: the reading view, its annotations pane and its search line.

The pane owns the article's annotations in memory. Changes appear at once and are queued for the
store's background writer (``hamish.ui.persistence``), which makes them durable off the UI
thread. Opening (identity, re-anchoring, and for a long file the full parse) runs in a thread
after the first paint, and the annotation actions wait for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation, Color
from hamish.core.article import Article
from hamish.core.changes import (
    Change,
    DeleteAnnotation,
    PutAnnotation,
    SavePosition,
)
from hamish.core.export.files import ExportFormat, export_article_to_dir
from hamish.core.layout.short_text import visual_string
from hamish.core.loaders import LoadError
from hamish.core.search import NormalisedText, find_all
from hamish.core.session import OpenedArticle, document_order, place_new
from hamish.ui.screens.dialogs import TagsDialog
from hamish.ui.screens.info import InfoScreen
from hamish.ui.screens.note_editor import NoteEditor
from hamish.ui.widgets.annotations_pane import AnnotationsPane
from hamish.ui.widgets.reader_view import Mark, ReaderView
from hamish.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from hamish.ui.app import HamishApp

Goal = str | tuple[int, int] | None
"""Where to go once the article is open: an annotation id, or a range to select."""

COLOR_KEYS = {str(number): color for number, color in enumerate(Color, start=1)}
NEED_SELECTION = "Select a passage first (v, s, S or shift+arrows)."


class ReaderPane(Vertical):
    DEFAULT_CSS = """
    ReaderPane { width: 1fr; }
    ReaderPane > Horizontal { height: 1fr; }
    ReaderPane ReaderView { width: 1fr; }
    ReaderPane AnnotationsPane { display: none; }
    ReaderPane.-with-notes AnnotationsPane { display: block; }
    """
    BINDINGS: list[BindingType] = [
        Binding("h", "highlight", "Highlight", id="reader.highlight"),
        Binding("a", "annotate", "Note", id="reader.note"),
        Binding("t", "tags", "Tags", show=False, id="reader.tags"),
        *(
            Binding(key, f"color('{color.value}')", f"Colour {color.value}", show=False,
                    id=f"reader.color_{color.value}")
            for key, color in COLOR_KEYS.items()
        ),
        Binding("x", "delete", "Delete", show=False, id="reader.delete"),
        Binding("u", "undo_delete", "Undo delete", show=False, id="reader.undo"),
        Binding("right_square_bracket", "jump(1)", "Next note", show=False, id="reader.next_note"),
        Binding("left_square_bracket", "jump(-1)", "Prev note", show=False, id="reader.prev_note"),
        Binding("n", "next_match_or_notes", "Notes", id="reader.notes_pane"),
        Binding("N", "match(-1)", "Previous match", show=False, id="reader.previous_match"),
        Binding("slash", "search", "Search", id="reader.search"),
        Binding("enter", "select_match", "Select match", show=False, id="reader.select_match"),
        Binding("e", "export('md')", "Export", show=False, id="reader.export"),
        Binding("E", "export('json')", "Export JSON", show=False, id="reader.export_json"),
        Binding("i", "info", "Article info", show=False, id="reader.info"),
    ]  # fmt: skip

    def __init__(
        self,
        article: Article,
        rest: Callable[[], Article] | None = None,
        *,
        goal: Goal = None,
    ) -> None:
        super().__init__()
        self.article = article
        self._rest = rest
        self._goal = goal
        self.opened: OpenedArticle | None = None
        self.anchored: list[Anchored] = []
        self.ready = asyncio.Event()
        self._last_deleted: Anchored | None = None
        self._caret: int | None = None
        self._saved_caret: int | None = None
        self._moved_by_user = False
        self.matches: list[tuple[int, int]] = []
        self.current_match: int | None = None
        self.generation = 0
        """Counts local annotation changes, so a reload computed meanwhile is not applied."""

    @property
    def hamish(self) -> HamishApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        app = self.hamish
        with Horizontal():
            yield ReaderView(self.article, shaping=app.shaping, reorder=app.reorder)
            yield AnnotationsPane()
        yield SearchBar()

    @property
    def view(self) -> ReaderView:
        return self.query_one(ReaderView)

    # -- opening -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        for notice in self.article.notices:
            self.notify(notice, title=str(self.article.source or ""), severity="warning")
        # Identity (a hash of the whole text) and re-anchoring read the whole article: they run
        # off the UI thread so the first screen of a 10 MB article is as quick as a 4 KB one.
        self.call_after_refresh(
            lambda: self.run_worker(self._open, thread=True, group="open", exit_on_error=False)
        )

    def _open(self) -> None:
        if self._rest is not None:
            try:
                full = self._rest()
            except LoadError as error:
                message = f"{error}; only the beginning is shown and annotations are off."
                self.app.call_from_thread(self.notify, message, severity="error")
                return
            self.app.call_from_thread(self.view.replace_article, full)
            self.article = full
        opened, problem = self.hamish.opened(self.article)
        self.app.call_from_thread(self._show_opened, opened, problem)

    def _show_opened(self, opened: OpenedArticle, problem: str | None) -> None:
        self.opened = opened
        self.anchored = list(opened.anchored)
        self._saved_caret = opened.record.position
        if problem:
            self.notify(problem, severity="error")
        if not self._moved_by_user and opened.record.position:
            self.view.move_caret_to(opened.record.position, center=True)
        self.refresh_annotations()
        self.ready.set()
        if self._goal is not None:
            self.reach(self._goal)
        orphans = sum(1 for placed in self.anchored if placed.orphaned)
        if orphans:
            self.notify(
                f"{orphans} annotation(s) could not be found in this version of the article; "
                "they are kept under Orphaned in the notes pane (n).",
                severity="warning",
            )

    def reload(self, anchored: list[Anchored], generation: int) -> bool:
        """Show annotations another process wrote; False if local changes came in meanwhile."""
        if generation != self.generation:
            return False
        self.anchored = anchored
        self.refresh_annotations()
        return True

    def on_unmount(self) -> None:
        self.save_position()

    def on_reader_view_caret_moved(self, message: ReaderView.CaretMoved) -> None:
        self._caret = message.offset
        if not self.ready.is_set():
            self._moved_by_user = True  # do not yank the caret to the saved position

    def save_position(self) -> None:
        """Queue the caret's offset as the reading position (once per change)."""
        caret = self._caret
        writer = self.hamish.writer
        if caret is not None and caret != self._saved_caret and writer and self.opened:
            writer.submit(SavePosition(self.opened.record.key, caret))
            self._saved_caret = caret

    # -- annotations ---------------------------------------------------------------------------

    def refresh_annotations(self) -> None:
        self.anchored.sort(key=document_order)
        self._repaint()
        self.query_one(AnnotationsPane).show(tuple(self.anchored), len(self.article.text))

    def _repaint(self) -> None:
        highlights = tuple(
            Mark(p.start, p.end, p.annotation.color, p.annotation.id)
            for p in sorted(self.anchored, key=lambda p: p.annotation.created)
            if not p.orphaned
        )
        found = tuple(
            Mark(start, end, current=index == self.current_match)
            for index, (start, end) in enumerate(self.matches)
        )
        self.view.set_marks(highlights + found)

    def _under_caret(self) -> Anchored | None:
        caret = self.view.caret
        if caret is None:
            return None
        hits = [p for p in self.anchored if not p.orphaned and p.start <= caret < p.end]
        return max(hits, key=lambda p: p.annotation.created) if hits else None

    def _persist(self, change: Change) -> None:
        self.generation += 1
        writer = self.hamish.writer
        if writer is None:
            self.notify("Annotations are not saved: no store is open.", severity="error")
            return
        writer.submit(change)

    def _create(self, *, note: str = "", tags: tuple[str, ...] = ()) -> Anchored | None:
        selection = self.view.selection
        if selection is None or self.opened is None:
            self.notify(NEED_SELECTION, severity="warning")
            return None
        start, end = selection
        annotation = Annotation.create(
            article_key=self.opened.record.key,
            text=self.article.text,
            start=start,
            end=end,
            text_hash=self.article.key,
            color=self.hamish.color,
            note=note,
            tags=tags,
        )
        placed = place_new(annotation)
        self.anchored.append(placed)
        self._persist(PutAnnotation(annotation))
        self.view.clear_selection()
        self.refresh_annotations()
        return placed

    def _replace(self, placed: Anchored, annotation: Annotation) -> None:
        index = next(i for i, p in enumerate(self.anchored) if p.annotation.id == annotation.id)
        self.anchored[index] = replace(placed, annotation=annotation)
        self._persist(PutAnnotation(annotation))
        self.refresh_annotations()

    async def action_highlight(self) -> None:
        await self.ready.wait()
        if self._create() is not None:
            self.notify(f"Highlighted in {self.hamish.color.value}.")

    async def action_annotate(self) -> None:
        await self.ready.wait()
        selection = self.view.selection
        if selection is not None:

            def save_new(note: str | None) -> None:
                if note is not None:
                    self._create(note=note)

            quote = self.article.text[selection[0] : selection[1]]
            self.app.push_screen(NoteEditor(quote=quote), save_new)
            return
        placed = self._under_caret()
        if placed is None:
            self.notify(NEED_SELECTION, severity="warning")
            return

        def save_edit(note: str | None) -> None:
            if note is not None:
                self._replace(placed, placed.annotation.edited(note=note))

        annotation = placed.annotation
        self.app.push_screen(NoteEditor(quote=annotation.quote, note=annotation.note), save_edit)

    async def action_tags(self) -> None:
        await self.ready.wait()
        if self.view.selection is not None:

            def save_new(tags: list[str] | None) -> None:
                if tags is not None:
                    self._create(tags=tuple(tags))

            self.app.push_screen(TagsDialog(()), save_new)
            return
        placed = self._under_caret()
        if placed is None:
            self.notify(NEED_SELECTION, severity="warning")
            return

        def save_edit(tags: list[str] | None) -> None:
            if tags is not None:
                self._replace(placed, placed.annotation.edited(tags=tags))

        self.app.push_screen(TagsDialog(placed.annotation.tags), save_edit)

    async def action_color(self, name: str) -> None:
        await self.ready.wait()
        color = Color(name)
        self.hamish.color = color
        placed = self._under_caret() if self.view.selection is None else None
        if placed is not None and placed.annotation.color is not color:
            self._replace(placed, placed.annotation.edited(color=color))
            self.notify(f"Recoloured {color.value}.")
        else:
            self.notify(f"Colour: {color.value}.")

    async def action_delete(self) -> None:
        await self.ready.wait()
        placed = self._under_caret()
        if placed is None:
            self.notify("No highlight under the caret.", severity="warning")
            return
        self.anchored.remove(placed)
        self._last_deleted = placed
        self._persist(DeleteAnnotation(placed.annotation.id))
        self.refresh_annotations()
        self.notify("Deleted. Press u to undo.")

    async def action_undo_delete(self) -> None:
        await self.ready.wait()
        placed = self._last_deleted
        if placed is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        self._last_deleted = None
        self.anchored.append(placed)
        self._persist(PutAnnotation(placed.annotation))
        self.refresh_annotations()
        self.notify("Restored.")

    async def action_jump(self, step: int) -> None:
        await self.ready.wait()
        caret = self.view.caret
        placed_ones = [p for p in self.anchored if not p.orphaned]
        if caret is None or not placed_ones:
            self.notify("No annotations in this article.", severity="warning")
            return
        if step > 0:
            following = [p for p in placed_ones if p.start > caret]
            target = min(following, key=lambda p: p.start) if following else placed_ones[0]
        else:
            preceding = [p for p in placed_ones if p.start < caret]
            target = max(preceding, key=lambda p: p.start) if preceding else placed_ones[-1]
        self.go_to(target)

    def reach(self, goal: Goal) -> None:
        """Go to an annotation (by id) or select a range of the text (a search match)."""
        if isinstance(goal, str):
            placed = next((p for p in self.anchored if p.annotation.id == goal), None)
            if placed is not None:
                self.go_to(placed)
        elif goal is not None:
            self.view.move_caret_to(goal[0], center=True)
            self.view.select(*goal)

    def go_to(self, placed: Anchored) -> None:
        if placed.status is AnchorStatus.ORPHAN:
            self.notify("This annotation's passage is not in the current text.", severity="warning")
            return
        self.view.move_caret_to(placed.start, center=True)
        self.query_one(AnnotationsPane).select_annotation(placed.annotation.id)

    def action_toggle_notes(self) -> None:
        self.toggle_class("-with-notes")
        if self.has_class("-with-notes"):
            self.query_one(AnnotationsPane).query_one("OptionList").focus()
        else:
            self.view.focus()

    def on_annotations_pane_jump(self, message: AnnotationsPane.Jump) -> None:
        placed = next((p for p in self.anchored if p.annotation.id == message.annotation_id), None)
        if placed is not None:
            self.go_to(placed)
            if not placed.orphaned:
                self.view.focus()

    def action_info(self) -> None:
        self.app.push_screen(InfoScreen(self.article, self.opened, tuple(self.anchored)))

    # -- export --------------------------------------------------------------------------------

    async def action_export(self, export_format: ExportFormat = "md") -> None:
        """Write this article's annotations to the export directory, off the UI thread."""
        await self.ready.wait()
        article, anchored = self.article, list(self.anchored)
        directory = self.hamish.export_dir

        def export() -> None:
            try:
                path = export_article_to_dir(
                    article, anchored, directory, export_format=export_format
                )
            except OSError as error:
                message = f"Export failed: {error}"
                self.app.call_from_thread(self.notify, message, severity="error")
                return
            shown = visual_string(str(path))
            self.app.call_from_thread(self.notify, f"Exported to {shown}", timeout=10)

        self.run_worker(export, thread=True, group="export")

    # -- search --------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        query, fold = message.query, message.fold_teh_marbuta
        text = self.article.text

        def search() -> None:
            normalised = NormalisedText.of(text, fold_teh_marbuta=fold)
            ranges = find_all(normalised, query, fold_teh_marbuta=fold) if query.strip() else []
            self.app.call_from_thread(self._show_matches, query, ranges)

        self.run_worker(search, thread=True, exclusive=True, group="search")

    def _show_matches(self, query: str, ranges: list[tuple[int, int]]) -> None:
        self.matches = list(ranges)
        caret = self.view.caret or 0
        following = [i for i, (start, _) in enumerate(self.matches) if start >= caret]
        self.current_match = (following[0] if following else 0) if self.matches else None
        self.query_one(SearchBar).show_count(self.current_match, len(self.matches))
        self._repaint()
        self.view.focus()
        if self.current_match is not None:
            self.view.move_caret_to(self.matches[self.current_match][0], center=True)
        else:
            self.notify(visual_string(f"Not found: {query}"), severity="warning")

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.matches = []
        self.current_match = None
        self._repaint()
        self.view.focus()

    def action_next_match_or_notes(self) -> None:
        """``n``: the next match while a search is on, else the annotations pane."""
        if self.matches:
            self.action_match(1)
        else:
            self.action_toggle_notes()

    def action_match(self, step: int) -> None:
        if not self.matches or self.current_match is None:
            raise SkipAction()
        self.current_match = (self.current_match + step) % len(self.matches)
        self.query_one(SearchBar).show_count(self.current_match, len(self.matches))
        self._repaint()
        self.view.move_caret_to(self.matches[self.current_match][0], center=True)

    def action_select_match(self) -> None:
        """Enter on the current match selects it, ready to highlight."""
        if self.current_match is None or not self.view.has_focus:
            raise SkipAction()
        start, end = self.matches[self.current_match]
        self.view.select(start, end)
