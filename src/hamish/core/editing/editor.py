"""The editing model behind hamish's text fields: text, caret, selection, undo, all UI-free.

A widget routes keys and clicks to an ``Editor`` and draws ``editor.view``'s rows; every rule of
editing lives here and is tested without a terminal.
"""

from __future__ import annotations

from hamish.core.editing.caret import Caret, Selection
from hamish.core.editing.history import Edit, EditHistory, EditKind
from hamish.core.editing.motion import (
    document_edge,
    move_horizontal,
    move_vertical,
    move_word,
    row_edge,
)
from hamish.core.editing.paragraphs import PARAGRAPH_SEPARATOR, flipped, leading_marks
from hamish.core.editing.view import EditorView

_LINE_BREAKS = str.maketrans({"\r": " ", "\n": " "})


class Editor:
    """Text being edited at a width, with its caret, selection and history.

    ``single_line`` (an input field): one row that never wraps, and line breaks typed or pasted
    become spaces. ``default_level`` is the direction of a paragraph with no strong character
    yet (1: an empty note about an Arabic passage starts at the right).
    """

    def __init__(
        self,
        text: str = "",
        *,
        width: int = 80,
        single_line: bool = False,
        shaping: bool = True,
        reorder: bool = True,
        default_level: int = 0,
    ) -> None:
        self.single_line = single_line
        self.view = EditorView(width, wrap=not single_line, shaping=shaping, reorder=reorder,
                               default_level=default_level)  # fmt: skip
        self.history = EditHistory()
        self.goal: int | None = None
        """The column ↑ and ↓ aim for, kept across rows too short to reach it."""
        self.selection = Selection.at(Caret(0))
        self.set_text(text)

    # -- state ------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.view.text

    @property
    def caret(self) -> Caret:
        return self.selection.caret

    @property
    def selected_text(self) -> str:
        return self.text[self.selection.start : self.selection.end]

    def set_text(self, text: str) -> None:
        """Start over with ``text`` (caret at its end, nothing to undo)."""
        self.view.update(self._clean(text))
        self.history.clear()
        self.goal = None
        self.selection = Selection.at(document_edge(self.view, end=True))

    def resize(self, width: int) -> None:
        if width != self.view.width:
            self.view = self.view.resized(width)
            self.goal = None

    def _clean(self, text: str) -> str:
        if self.single_line:
            return text.replace("\r\n", "\n").translate(_LINE_BREAKS)
        return text

    # -- editing ----------------------------------------------------------------------------

    def insert(self, text: str, *, typed: bool = True) -> None:
        """Type (or paste, ``typed`` False) ``text`` in place of the selection."""
        text = self._clean(text)
        kind = EditKind.TYPING if typed and len(text) == 1 and text != "\n" else EditKind.OTHER
        self._replace(self.selection.start, self.selection.end, text, kind)

    def backspace(self) -> None:
        """Delete the selection, or what is before the caret.

        One code point goes: a mark when the caret follows one, so a wrong haraka is fixed
        without retyping its letter, as in browsers (and a ZWNJ or direction mark likewise);
        otherwise the cluster before the caret, which, since the caret stands after a cluster's
        marks, is its letter. A lam-alef ligature is one cell but two letters: the alef goes.
        At the start of a paragraph, the line break before it goes.
        """
        if not self.selection.is_empty:
            self._replace(self.selection.start, self.selection.end, "", EditKind.OTHER)
        elif self.caret.offset > 0:
            offset = self.caret.offset
            self._replace(offset - 1, offset, "", EditKind.BACKSPACE)

    def delete(self) -> None:
        """Delete the selection, or the cluster after the caret (a letter with its marks)."""
        if not self.selection.is_empty:
            self._replace(self.selection.start, self.selection.end, "", EditKind.OTHER)
            return
        offset = self.caret.offset
        end = self.view.next_stop(offset)
        if end == offset and offset < len(self.text):  # the end of a paragraph
            end = offset + len(PARAGRAPH_SEPARATOR)
        self._replace(offset, end, "", EditKind.DELETE)

    def cut(self) -> str:
        text = self.selected_text
        if text:
            self._replace(self.selection.start, self.selection.end, "", EditKind.OTHER)
        return text

    def flip_direction(self) -> None:
        """Turn the caret's paragraph around (right to left ⇄ left to right) with a leading mark."""
        view = self.view
        number = view.paragraph_at(self.caret.offset)
        paragraphs = view.paragraph_texts()
        old = paragraphs[number]
        new = flipped(paragraphs, number, view.default_level)
        start = view.paragraph_range(number)[1] - len(old)
        old_lead, new_lead = leading_marks(old), leading_marks(new)
        shift = new_lead - old_lead

        def moved(offset: int) -> int:
            return offset + shift if offset >= start + old_lead else offset

        anchor, caret = moved(self.selection.anchor), moved(self.caret.offset)
        self._replace(start, start + old_lead, new[:new_lead], EditKind.OTHER,
                      after=(anchor, caret))  # fmt: skip

    def _replace(
        self,
        start: int,
        end: int,
        inserted: str,
        kind: EditKind,
        *,
        after: tuple[int, int] | None = None,
    ) -> None:
        removed = self.text[start:end]
        if not removed and not inserted:
            return
        before = self.selection
        self.view.update(self.text[:start] + inserted + self.text[end:])
        if after is None:
            caret_offset = self.view.snap(start + len(inserted), forward=bool(inserted))
            anchor = caret_offset
        else:
            anchor, caret_offset = after[0], self.view.snap(after[1], forward=True)
        caret = self.view.caret_for(caret_offset, before=kind is not EditKind.DELETE)
        self.selection = Selection(anchor, caret)
        self.goal = None
        self.history.record(Edit(start, removed, inserted, before, self.selection, kind))

    def undo(self) -> bool:
        batch = self.history.undo()
        if batch is None:
            return False
        text = self.text
        for edit in reversed(batch):
            text = edit.revert(text)
        self._restore(text, batch[0].before)
        return True

    def redo(self) -> bool:
        batch = self.history.redo()
        if batch is None:
            return False
        text = self.text
        for edit in batch:
            text = edit.apply(text)
        self._restore(text, batch[-1].after)
        return True

    def _restore(self, text: str, selection: Selection) -> None:
        self.view.update(text)
        self.selection = selection
        self.goal = None

    # -- moving -----------------------------------------------------------------------------

    def _move(self, caret: Caret, select: bool, *, keep_goal: bool = False) -> None:
        self.selection = Selection(self.selection.anchor if select else caret.offset, caret)
        if not keep_goal:
            self.goal = None
        self.history.checkpoint()

    def move_horizontal(self, step: int, *, select: bool = False) -> None:
        """← (-1) or → (+1); without shift, a selection collapses to its edge that way."""
        if select or self.selection.is_empty:
            self._move(move_horizontal(self.view, self.caret, step), select)
            return
        row = self.view.row(self.view.place(self.caret).row)
        to_end = (step > 0) != row.rtl
        edge = self.selection.end if to_end else self.selection.start
        self._move(self.view.caret_for(edge, before=to_end), select=False)

    def move_vertical(self, rows: int, *, select: bool = False) -> None:
        caret, self.goal = move_vertical(self.view, self.caret, rows, self.goal)
        self._move(caret, select, keep_goal=True)

    def move_word(self, step: int, *, select: bool = False) -> None:
        self._move(move_word(self.view, self.caret, step), select)

    def move_to_row_edge(self, *, end: bool, select: bool = False) -> None:
        self._move(row_edge(self.view, self.caret, end=end), select)

    def move_to_document_edge(self, *, end: bool, select: bool = False) -> None:
        self._move(document_edge(self.view, end=end), select)

    def click(self, row: int, col: int, *, select: bool = False) -> None:
        """Put the caret on the cell clicked (``select``: extend the selection to it)."""
        self._move(self.view.caret_at(row, col), select)

    def select_all(self) -> None:
        """Everything, leading direction marks included (so cutting all leaves nothing)."""
        self.selection = Selection(0, document_edge(self.view, end=True))
        self.history.checkpoint()
