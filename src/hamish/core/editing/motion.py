"""Caret moves in text being edited, all through the engine's visual lines and cell map.

← and → are visual, as in the reader, Firefox and macOS: left is left on screen whatever the
script. Each press crosses one glyph, and the caret takes the level of the glyph it crossed
(Mozilla's caret bidi level), so at a boundary between runs it stops on both sides of it: after
"abc" in "abc אבג", moving right first stands after the space, at the left end of the Hebrew
run, then inside the run. Leaving a row's edge continues on the row that reading order puts
there, and leaving a paragraph goes to the next one's start (or the previous one's end).
↑ and ↓ keep a goal column across short rows; Home and End go to the row's first and last
character in reading order; ctrl+← and ctrl+→ go by word in the direction on screen.
"""

from __future__ import annotations

from hamish.core.editing.caret import Caret
from hamish.core.editing.view import EditorView, Row
from hamish.core.layout.navigation import next_word_start, word_start


def move_horizontal(view: EditorView, caret: Caret, step: int) -> Caret:
    """One glyph to the left (``step`` -1) or right (+1) on screen."""
    place = view.place(caret)
    row = view.row(place.row)
    gap = place.gap - row.shift
    glyph = row.line.glyph_at(gap if step > 0 else gap - 1)
    if glyph is not None:
        return view.beside(row, glyph, right=step > 0)
    return _off_the_edge(view, row, caret, step)


def _off_the_edge(view: EditorView, row: Row, caret: Caret, step: int) -> Caret:
    forward = (step > 0) != row.rtl
    following = row.index + (1 if forward else -1)
    if 0 <= following < view.row_count:
        target = view.row(following)
        if target.paragraph == row.paragraph:
            return view.edge_caret(target, left=step > 0)
    number = row.paragraph + (1 if forward else -1)
    if not 0 <= number < view.paragraph_count:
        return caret
    start, end = view.paragraph_range(number)
    return view.caret_for(start, before=False) if forward else view.caret_for(end, before=True)


def move_vertical(view: EditorView, caret: Caret, rows: int, goal: int | None) -> tuple[Caret, int]:
    """``rows`` rows down (up if negative) at the goal column; returns the caret and the column
    to keep aiming for, so that crossing a short row does not lose it."""
    place = view.place(caret)
    column = place.col if goal is None else goal
    target = place.row + rows
    if target < 0:
        return document_edge(view, end=False), column
    if target >= view.row_count:
        return document_edge(view, end=True), column
    return view.caret_at(target, column), column


def row_edge(view: EditorView, caret: Caret, *, end: bool) -> Caret:
    """Home and End: the first or last character of the caret's row in reading order."""
    row = view.row(view.place(caret).row)
    return view.row_end(row) if end else view.row_start(row)


def document_edge(view: EditorView, *, end: bool) -> Caret:
    if end:
        return view.caret_for(len(view.text), before=True)
    return view.caret_for(view.paragraph_range(0)[0], before=False)


def move_word(view: EditorView, caret: Caret, step: int) -> Caret:
    """To the start of the next word on screen to the left (-1) or right (+1)."""
    row = view.row(view.place(caret).row)
    forward = (step > 0) != row.rtl
    text = view.text
    position = next_word_start(text, caret.offset) if forward else word_start(text, caret.offset)
    offset = view.snap(position, forward=forward)
    return view.caret_for(offset, before=position == len(text))
