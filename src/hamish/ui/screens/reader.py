"""The reading screen: an article, its highlights and notes, and the annotations pane.

Annotation changes are applied to the screen's in-memory list at once (so the reader sees them
immediately) and queued for the store's background writer (``persistence``), which makes them
durable off the UI thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation, Color
from hamish.core.article import Article
from hamish.core.changes import AddAnnotation, DeleteAnnotation, SavePosition, UpdateAnnotation
from hamish.core.loaders import LoadError
from hamish.core.session import OpenedArticle, document_order, place_new
from hamish.ui.screens.dialogs import TagsDialog
from hamish.ui.screens.note_editor import NoteEditor
from hamish.ui.widgets.annotations_pane import AnnotationsPane
from hamish.ui.widgets.reader_view import Mark, ReaderView

if TYPE_CHECKING:
    from hamish.ui.app import HamishApp

COLOR_KEYS = {str(number): color for number, color in enumerate(Color, start=1)}
NEED_SELECTION = "Select a passage first (v, s, S or shift+arrows)."


class ReaderScreen(Screen[None]):
    DEFAULT_CSS = """
    ReaderScreen > Horizontal { height: 1fr; }
    ReaderScreen ReaderView { width: 1fr; }
    ReaderScreen AnnotationsPane { display: none; }
    ReaderScreen.-with-notes AnnotationsPane { display: block; }
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
        Binding("n", "toggle_notes", "Notes pane", id="reader.notes_pane"),
    ]  # fmt: skip

    def __init__(self, article: Article, rest: Callable[[], Article] | None = None) -> None:
        super().__init__()
        self.article = article
        self._rest = rest
        self.opened: OpenedArticle | None = None
        self.anchored: list[Anchored] = []
        self._ready = asyncio.Event()
        self._last_deleted: Anchored | None = None
        self._caret: int | None = None
        self._saved_caret: int | None = None
        self._moved_by_user = False

    @property
    def hamish(self) -> HamishApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        app = self.hamish
        with Horizontal():
            yield ReaderView(self.article, shaping=app.shaping, reorder=app.reorder, id="reader")
            yield AnnotationsPane(id="annotations")
        yield Footer()

    @property
    def view(self) -> ReaderView:
        return self.query_one(ReaderView)

    def on_mount(self) -> None:
        self.view.focus()
        for notice in self.article.notices:
            self.notify(notice, title=str(self.article.source or ""), severity="warning")
        # Identity (a hash of the whole text) and re-anchoring read the whole article: they run
        # off the UI thread so the first screen of a 10 MB article is as quick as a 4 KB one.
        self.call_after_refresh(
            lambda: self.run_worker(
                self._open_annotations, thread=True, group="open", exit_on_error=False
            )
        )

    def _open_annotations(self) -> None:
        if self._rest is not None:
            try:
                full = self._rest()
            except LoadError as error:
                message = f"{error}; only the beginning is shown and annotations are off."
                self.app.call_from_thread(self.notify, message, severity="error")
                return
            self.app.call_from_thread(self._show_full, full)
            self.article = full
        opened, problem = self.hamish.opened(self.article)
        self.app.call_from_thread(self._show_opened, opened, problem)

    def _show_full(self, article: Article) -> None:
        self.view.replace_article(article)

    def _show_opened(self, opened: OpenedArticle, problem: str | None) -> None:
        self.opened = opened
        self.anchored = list(opened.anchored)
        self._saved_caret = opened.record.position
        if problem:
            self.notify(problem, severity="error")
        if not self._moved_by_user and opened.record.position:
            self.view.move_caret_to(opened.record.position, center=True)
        self._refresh_annotations()
        self._ready.set()
        orphans = sum(1 for placed in self.anchored if placed.orphaned)
        if orphans:
            self.notify(
                f"{orphans} annotation(s) could not be found in this version of the article; "
                "they are kept under Orphaned in the notes pane (n).",
                severity="warning",
            )

    def on_unmount(self) -> None:
        self.save_position()

    def on_reader_view_caret_moved(self, message: ReaderView.CaretMoved) -> None:
        self._caret = message.offset
        if not self._ready.is_set():
            self._moved_by_user = True  # do not yank the caret to the saved position

    def save_position(self) -> None:
        """Queue the caret's offset as the reading position (once per change)."""
        caret = self._caret
        writer = self.hamish.writer
        if caret is not None and caret != self._saved_caret and writer and self.opened:
            writer.submit(SavePosition(self.opened.record.key, caret))
            self._saved_caret = caret

    # -- shared state ------------------------------------------------------------------------------

    def _refresh_annotations(self) -> None:
        self.anchored.sort(key=document_order)
        marks = tuple(
            Mark(p.start, p.end, p.annotation.color, p.annotation.id)
            for p in sorted(self.anchored, key=lambda p: p.annotation.created)
            if not p.orphaned
        )
        self.view.set_marks(marks)
        self.query_one(AnnotationsPane).show(tuple(self.anchored), len(self.article.text))

    def _under_caret(self) -> Anchored | None:
        caret = self.view.caret
        if caret is None:
            return None
        hits = [p for p in self.anchored if not p.orphaned and p.start <= caret < p.end]
        return max(hits, key=lambda p: p.annotation.created) if hits else None

    def _persist(self, change: AddAnnotation | UpdateAnnotation | DeleteAnnotation) -> None:
        writer = self.hamish.writer
        if writer is None:
            self.notify("Annotations are not saved: no store is open.", severity="error")
            return
        writer.submit(change)

    def _create(self, *, note: str = "", tags: tuple[str, ...] = ()) -> Anchored | None:
        selection = self.view.selection
        if selection is None:
            self.notify(NEED_SELECTION, severity="warning")
            return None
        start, end = selection
        assert self.opened is not None
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
        self._persist(AddAnnotation(annotation))
        self.view.clear_selection()
        self._refresh_annotations()
        return placed

    def _replace(self, placed: Anchored, annotation: Annotation) -> None:
        index = next(i for i, p in enumerate(self.anchored) if p.annotation.id == annotation.id)
        self.anchored[index] = replace(placed, annotation=annotation)
        self._persist(UpdateAnnotation(annotation))
        self._refresh_annotations()

    # -- actions -----------------------------------------------------------------------------------

    async def action_highlight(self) -> None:
        await self._ready.wait()
        if self._create() is not None:
            self.notify(f"Highlighted in {self.hamish.color.value}.")

    async def action_annotate(self) -> None:
        await self._ready.wait()
        selection = self.view.selection
        if selection is not None:
            quote = self.article.text[selection[0] : selection[1]]

            def save_new(note: str | None) -> None:
                if note is not None:
                    self._create(note=note)

            self.app.push_screen(NoteEditor(quote=quote), save_new)
            return
        placed = self._under_caret()
        if placed is None:
            self.notify(NEED_SELECTION, severity="warning")
            return

        def save_edit(note: str | None) -> None:
            if note is not None:
                self._replace(placed, placed.annotation.edited(note=note))

        self.app.push_screen(
            NoteEditor(quote=placed.annotation.quote, note=placed.annotation.note), save_edit
        )

    async def action_tags(self) -> None:
        await self._ready.wait()
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
        await self._ready.wait()
        color = Color(name)
        self.hamish.color = color
        placed = self._under_caret() if self.view.selection is None else None
        if placed is not None and placed.annotation.color is not color:
            self._replace(placed, placed.annotation.edited(color=color))
            self.notify(f"Recoloured {color.value}.")
        else:
            self.notify(f"Colour: {color.value}.")

    async def action_delete(self) -> None:
        await self._ready.wait()
        placed = self._under_caret()
        if placed is None:
            self.notify("No highlight under the caret.", severity="warning")
            return
        self.anchored.remove(placed)
        self._last_deleted = placed
        self._persist(DeleteAnnotation(placed.annotation.id))
        self._refresh_annotations()
        self.notify("Deleted. Press u to undo.")

    async def action_undo_delete(self) -> None:
        await self._ready.wait()
        placed = self._last_deleted
        if placed is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        self._last_deleted = None
        self.anchored.append(placed)
        self._persist(AddAnnotation(placed.annotation))
        self._refresh_annotations()
        self.notify("Restored.")

    async def action_jump(self, step: int) -> None:
        await self._ready.wait()
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
        self._go_to(target)

    def _go_to(self, placed: Anchored) -> None:
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
            self._go_to(placed)
            if not placed.orphaned:
                self.view.focus()
