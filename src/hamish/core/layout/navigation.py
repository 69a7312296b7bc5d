"""Caret movement and selection over a ``Layout``, all through its cell ↔ offset map.

The caret sits on a cluster (like a terminal's block cursor) and is stored as the logical offset
of that cluster's first code point. Left and right are *visual*: left is left on screen whatever
the script, so in a right-to-left line ← goes forward in reading order, and stepping off a row's
edge continues on the row that reading order puts there. A selection is a *logical* range, as in
browsers: inside a row that mixes directions it may look discontiguous, but its text is always
``article.text[start:end]``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from hamish.core.layout.engine import Layout
from hamish.core.layout.visual import Glyph, VisualLine

_SENTENCE_END = frozenset(".!?؟…。")
_CLOSERS = frozenset("\"'”’»)]}›")


@dataclass(frozen=True)
class Selection:
    """Where the caret is and, when something is selected, the cluster the selection started
    on; both ends are included. ``sticky`` is the vim-style mode ``v`` starts: every move
    extends the selection until it is ended, as shift+moves do one at a time."""

    anchor: int | None
    caret: int
    sticky: bool = False

    @classmethod
    def at(cls, caret: int) -> Selection:
        """Only a caret, nothing selected."""
        return cls(None, caret)

    @property
    def selecting(self) -> bool:
        return self.anchor is not None

    def moved(self, caret: int, *, extend: bool = False) -> Selection:
        """The caret moved to ``caret``: extending the selection (shift, or sticky), or
        leaving it."""
        if extend or self.sticky:
            anchor = self.caret if self.anchor is None else self.anchor
            return Selection(anchor, caret, self.sticky)
        return Selection.at(caret)

    def toggled(self) -> Selection:
        """``v``: start a sticky selection at the caret, or stop extending the current one
        (it stays selected until the next move)."""
        if self.selecting:
            return Selection(self.anchor, self.caret)
        return Selection(self.caret, self.caret, sticky=True)


def _text_row(layout: Layout, row: int, step: int) -> VisualLine | None:
    """The nearest row from ``row`` in direction ``step`` that shows text."""
    while row >= 0:
        try:
            line = layout.line(row)
        except IndexError:
            return None
        if line.glyphs:
            return line
        row += step
    return None


def _glyph(layout: Layout, offset: int) -> tuple[VisualLine, Glyph]:
    line = _text_row(layout, layout.row_of(offset), -1) or _text_row(layout, 0, 1)
    if line is None:
        raise ValueError("the article has no text")
    glyph = line.glyph_of(offset)
    if glyph is None:
        glyph = max(line.glyphs, key=lambda g: g.start) if offset >= line.end else line.glyphs[0]
    return line, glyph


def snap(layout: Layout, offset: int) -> int:
    """The start of the cluster holding ``offset`` (an offset between blocks: the one before)."""
    return _glyph(layout, offset)[1].start


def first_offset(layout: Layout) -> int | None:
    line = _text_row(layout, 0, 1) if layout.article.blocks else None
    return None if line is None else min(g.start for g in line.glyphs)


def move_horizontal(layout: Layout, offset: int, step: int) -> int:
    """One cluster to the left (``step`` -1) or right (+1) on screen."""
    line, glyph = _glyph(layout, offset)
    index = line.glyphs.index(glyph) + step
    if 0 <= index < len(line.glyphs):
        return line.glyphs[index].start
    # Off the edge: forward in reading order is leftwards on a right-to-left row.
    forward = (step < 0) == line.rtl
    neighbour = _text_row(layout, line.row + (1 if forward else -1), 1 if forward else -1)
    if neighbour is None:
        return glyph.start
    return (neighbour.glyphs[-1] if step < 0 else neighbour.glyphs[0]).start


def move_vertical(layout: Layout, offset: int, rows: int, goal_col: int | None) -> tuple[int, int]:
    """``rows`` text rows up (negative) or down, keeping the column; returns (offset, column).

    The column to keep is passed back in so that crossing a short row does not lose it.
    """
    line, glyph = _glyph(layout, offset)
    column = glyph.col if goal_col is None else goal_col
    step = 1 if rows > 0 else -1
    target = line
    for _ in range(abs(rows)):
        following = _text_row(layout, target.row + step, step)
        if following is None:
            break
        target = following
    nearest = target.nearest_glyph(column)
    return (glyph.start if nearest is None else nearest.start), column


def line_start(layout: Layout, offset: int) -> int:
    """The first cluster of the caret's row in reading order."""
    line, _ = _glyph(layout, offset)
    return min(g.start for g in line.glyphs)


def line_end(layout: Layout, offset: int) -> int:
    """The last cluster of the caret's row in reading order."""
    line, _ = _glyph(layout, offset)
    return max(g.start for g in line.glyphs)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char)[0] == "M" or char in "\u200c\u200d_"


def move_word(layout: Layout, offset: int, step: int) -> int:
    """To the start of the next word on screen to the left (-1) or right (+1)."""
    line, _ = _glyph(layout, offset)
    text = layout.article.text
    if (step > 0) == line.rtl:
        return snap(layout, word_start(text, offset))
    position = next_word_start(text, offset)
    return snap(layout, min(position, len(text) - 1))


def extend_by_word(layout: Layout, selection: Selection, step: int) -> Selection:
    """The selection grown or shrunk by a word on screen to the left (-1) or right (+1).

    The end that moves lands on a word boundary: the end of a word when it is the selection's
    far end, the start of one when it is the near end, so a selection never holds a letter of
    the next word. Shrinking past the anchor stops at the anchor, as a block caret would.
    """
    text = layout.article.text
    anchor = selection.caret if selection.anchor is None else selection.anchor
    line, glyph = _glyph(layout, selection.caret)
    forward = (step > 0) != line.rtl
    far_end = selection.caret > anchor or (selection.caret == anchor and forward)
    edge = glyph.end if far_end else selection.caret
    if forward:
        target = _word_end(text, edge) if far_end else next_word_start(text, edge)
        crossed = not far_end and target > anchor
    else:
        target = _previous_word_end(text, edge) if far_end else word_start(text, edge)
        crossed = far_end and target <= anchor
    if crossed:
        return Selection(anchor, anchor, selection.sticky)
    caret = snap(layout, target - 1 if target > anchor else target)
    return Selection(anchor, caret, selection.sticky)


def _word_end(text: str, position: int) -> int:
    """The end of the next word from ``position`` (skipping what separates words first)."""
    while position < len(text) and not _is_word_char(text[position]):
        position += 1
    while position < len(text) and _is_word_char(text[position]):
        position += 1
    return position


def next_word_start(text: str, position: int) -> int:
    """The start of the word after the one ``position`` is in (or after ``position``)."""
    while position < len(text) and _is_word_char(text[position]):
        position += 1
    while position < len(text) and not _is_word_char(text[position]):
        position += 1
    return position


def _previous_word_end(text: str, position: int) -> int:
    """The end of the word before the one that ends at (or holds) ``position``."""
    while position > 0 and _is_word_char(text[position - 1]):
        position -= 1
    while position > 0 and not _is_word_char(text[position - 1]):
        position -= 1
    return position


def word_start(text: str, position: int) -> int:
    """The start of the word before ``position`` (skipping what separates words first)."""
    while position > 0 and not _is_word_char(text[position - 1]):
        position -= 1
    while position > 0 and _is_word_char(text[position - 1]):
        position -= 1
    return position


def sentence_at(layout: Layout, offset: int) -> tuple[int, int]:
    """The sentence around ``offset``, within its block, without surrounding spaces."""
    article = layout.article
    block = article.blocks[article.block_index_at(offset)]
    text = block.text
    local = min(max(0, offset - block.start), max(0, len(text) - 1))
    start = 0
    for index in range(local - 1, -1, -1):
        if text[index] in _SENTENCE_END and (index + 1 >= len(text) or text[index + 1].isspace()):
            start = index + 1
            break
    end = len(text)
    index = max(local, start)
    while index < len(text):
        if text[index] in _SENTENCE_END:
            index += 1
            while index < len(text) and (text[index] in _SENTENCE_END or text[index] in _CLOSERS):
                index += 1
            if index >= len(text) or text[index].isspace():
                end = index
                break
        else:
            index += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return block.start + start, block.start + end


def paragraph_at(layout: Layout, offset: int) -> tuple[int, int]:
    article = layout.article
    block = article.blocks[article.block_index_at(offset)]
    return block.start, block.end


def selection_range(layout: Layout, selection: Selection) -> tuple[int, int] | None:
    """The logical range from the first selected cluster to the end of the last one; None
    when nothing is selected."""
    if selection.anchor is None:
        return None
    low, high = sorted((selection.anchor, selection.caret))
    return low, _glyph(layout, high)[1].end
