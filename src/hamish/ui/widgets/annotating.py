"""The article and its notes pane side by side, with the keys that annotate.

What a highlight, a note, a delete or an undo does is decided by the article's
``ArticleSession`` (core); this widget asks for notes and tags in dialogs, says what happened,
and repaints whenever the session reports a change (the user's, or another process's).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen

from hamish.core.annotations.colors import Color
from hamish.ui.widgets.reader_view import ReaderView

if TYPE_CHECKING:
    from hamish.core.annotations.model import Anchored, Annotation
    from hamish.core.session import ArticleSession
    from hamish.ui.widgets.annotations_pane import AnnotationsPane

COLOR_KEYS = {color.key: color for color in Color}
NEED_SELECTION = "Select a passage first (v, s, S or shift+arrows)."


class Annotating(Horizontal):
    DEFAULT_CSS = """
    Annotating { height: 1fr; }
    Annotating ReaderView { width: 1fr; }
    Annotating AnnotationsPane { display: none; }
    Annotating.-with-notes AnnotationsPane { display: block; }
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
        Binding("escape", "leave_notes", "Back to the article", show=False,
                id="reader.leave_notes"),
    ]  # fmt: skip

    @dataclass
    class ColorChosen(Message):
        """The user chose the colour new highlights get (for every pane, not only this one)."""

        annotating: Annotating
        color: Color

        @property
        def control(self) -> Annotating:
            return self.annotating

    def __init__(self, view: ReaderView, *, color: Color) -> None:
        super().__init__(view)
        self.view = view
        self._notes_pane: AnnotationsPane | None = None
        """Made when first shown: building it, and its list, held up the keys of a long
        article's first seconds."""
        self.color = color
        """The colour a new highlight gets; the app keeps every pane's the same."""
        self.session: ArticleSession | None = None
        self.ready = asyncio.Event()
        """Set once opening has ended, with a session or without one."""

    async def _made_notes_pane(self) -> AnnotationsPane:
        if self._notes_pane is None:
            from hamish.ui.widgets.annotations_pane import AnnotationsPane

            pane = self._notes_pane = AnnotationsPane()
            await self.mount(pane)
            if self.session is not None:
                pane.show(self.session.anchored, len(self.session.article.text))
        return self._notes_pane

    def opened(self, session: ArticleSession | None) -> None:
        """Opening has ended; annotations are available if ``session`` is given."""
        self.session = session
        if session is not None:
            session.subscribe(self._repaint)
            self._repaint()
        self.ready.set()

    async def _session(self) -> ArticleSession | None:
        await self.ready.wait()
        if self.session is None:
            self.notify(
                "Annotations are not available for this article.", severity="warning", markup=False
            )
        return self.session

    def _repaint(self) -> None:
        if self.session is not None:
            self.view.show_highlights(self.session.highlights())
            if self._notes_pane is not None:
                self._notes_pane.show(self.session.anchored, len(self.session.article.text))

    # -- making and changing annotations -------------------------------------------------------

    def _create(self, session: ArticleSession, **fields: Any) -> None:
        selected = self.view.selected_range
        if selected is None:
            self.notify(NEED_SELECTION, severity="warning", markup=False)
            return
        session.create(*selected, color=self.color, **fields)
        self.view.clear_selection()

    def _under_caret(self, session: ArticleSession) -> Anchored | None:
        caret = self.view.caret
        return None if caret is None else session.at(caret)

    def _ask(
        self,
        session: ArticleSession,
        field: str,
        for_new: Callable[[str], Screen[Any]],
        for_edit: Callable[[Annotation], Screen[Any]],
    ) -> None:
        """Ask for a note or tags in a dialog: for a new annotation of the selection, or for
        the one under the caret."""
        selected = self.view.selected_range
        if selected is not None:

            def create(value: object) -> None:
                if value is not None:
                    self._create(session, **{field: value})

            self._push_asking(for_new(session.article.text[slice(*selected)]), create)
            return
        placed = self._under_caret(session)
        if placed is None:
            self.notify(NEED_SELECTION, severity="warning", markup=False)
            return
        annotation_id = placed.annotation.id

        def edit(value: Any) -> None:
            if value is not None:
                session.edit(annotation_id, **{field: value})

        self._push_asking(for_edit(placed.annotation), edit)

    def _push_asking(self, dialog: Screen[Any], answer: Callable[[Any], None]) -> None:
        """Show ``dialog``; its answer goes to ``answer``, and so does a note typed in it when
        the app ends first (a note, once typed, is kept)."""
        from hamish.ui.screens.note_editor import NoteEditor

        if isinstance(dialog, NoteEditor):
            dialog.keep_draft = answer
        self.app.push_screen(dialog, answer)

    async def action_highlight(self) -> None:
        session = await self._session()
        if session is not None and self.view.selected_range is None:
            self.notify(NEED_SELECTION, severity="warning", markup=False)
        elif session is not None:
            self._create(session)
            self.notify(f"Highlighted in {self.color.value}.", markup=False)

    async def action_annotate(self) -> None:
        from hamish.ui.screens.note_editor import NoteEditor

        session = await self._session()
        if session is not None:
            self._ask(
                session,
                "note",
                lambda quote: NoteEditor(quote=quote),
                lambda annotation: NoteEditor(quote=annotation.quote, note=annotation.note),
            )

    async def action_tags(self) -> None:
        from hamish.ui.screens.dialogs import TagsDialog

        session = await self._session()
        if session is not None:
            self._ask(session, "tags", lambda _: TagsDialog(()), lambda a: TagsDialog(a.tags))

    async def action_color(self, name: str) -> None:
        self.color = Color(name)
        self.post_message(self.ColorChosen(self, self.color))
        session = await self._session()
        placed = None
        if session is not None and self.view.selected_range is None:
            placed = self._under_caret(session)
        if session is not None and placed is not None and placed.annotation.color != self.color:
            session.edit(placed.annotation.id, color=self.color)
            self.notify(f"Recoloured {self.color.value}.", markup=False)
        else:
            self.notify(f"Colour: {self.color.value}.", markup=False)

    async def action_delete(self) -> None:
        session = await self._session()
        caret = self.view.caret
        if session is None or caret is None:
            return
        if session.delete_at(caret) is None:
            self.notify("No highlight under the caret.", severity="warning", markup=False)
        else:
            self.notify("Deleted. Press u to undo.", markup=False)

    async def action_undo_delete(self) -> None:
        session = await self._session()
        if session is not None and session.undo_delete() is None:
            self.notify("Nothing to undo.", severity="warning", markup=False)
        elif session is not None:
            self.notify("Restored.", markup=False)

    # -- going to annotations ------------------------------------------------------------------

    async def action_jump(self, step: int) -> None:
        session = await self._session()
        caret = self.view.caret
        target = None if session is None or caret is None else session.neighbour(caret, step)
        if target is None:
            self.notify("No annotations in this article.", severity="warning", markup=False)
        else:
            self.go_to(target)

    def go_to_id(self, annotation_id: str) -> Anchored | None:
        placed = None if self.session is None else self.session.find(annotation_id)
        if placed is not None:
            self.go_to(placed)
        return placed

    def go_to(self, placed: Anchored) -> None:
        if placed.orphaned:
            self.notify(
                "This annotation's passage is not in the current text.",
                severity="warning",
                markup=False,
            )
            return
        self.view.move_caret_to(placed.start, center=True)
        if self._notes_pane is not None:
            self._notes_pane.select_annotation(placed.annotation.id)

    async def toggle_notes(self) -> None:
        """Show the notes pane, on the annotation at (or after) the caret; or hide it."""
        self.toggle_class("-with-notes")
        if not self.has_class("-with-notes"):
            self.view.focus()
            return
        pane = await self._made_notes_pane()
        pane.query_one("OptionList").focus()
        caret, session = self.view.caret, self.session
        if caret is not None and session is not None:
            nearest = session.at(caret) or session.neighbour(caret, 1)
            if nearest is not None:
                self.call_after_refresh(pane.select_annotation, nearest.annotation.id)

    async def action_leave_notes(self) -> None:
        """Escape in the notes pane closes it and goes back to the article."""
        if self._notes_pane is None or not self._notes_pane.has_focus_within:
            raise SkipAction()
        await self.toggle_notes()

    def on_annotations_pane_jump(self, message: AnnotationsPane.Jump) -> None:
        placed = self.go_to_id(message.annotation_id)
        if placed is not None and not placed.orphaned:
            self.view.focus()
