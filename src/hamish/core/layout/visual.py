"""Visual lines and the cell ↔ offset map they carry.

Everything that turns a screen position into text or text into a screen position (the caret,
selection, mouse, highlights, search matches) asks a ``VisualLine``; nothing else computes it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from hamish.core.article import BlockKind
from hamish.core.bidi import is_rtl


class Glyph(NamedTuple):
    """One cluster placed on a row: ``width`` cells from ``col``, standing for ``start:end``.

    A named tuple rather than a frozen dataclass: a screen builds thousands of them and a tuple
    is several times cheaper to create, while staying immutable.
    """

    col: int
    width: int
    start: int
    end: int
    text: str
    """What to draw: shaped, mirrored at odd levels, marks after their base, nothing invisible."""
    level: int

    @property
    def rtl(self) -> bool:
        return is_rtl(self.level)


class Decoration(NamedTuple):
    """Cells drawn for structure (a bullet, a quote bar) that stand for no text."""

    col: int
    text: str


@dataclass(frozen=True)
class VisualLine:
    """One row of the laid-out article, in visual order, left to right.

    ``start``/``end`` is the logical range the row shows (a spacer row between blocks has an
    empty range and no glyphs). Cells not covered by a glyph are padding or decoration.
    """

    row: int
    block: int
    kind: BlockKind | None
    start: int
    end: int
    base_level: int
    glyphs: tuple[Glyph, ...]
    decorations: tuple[Decoration, ...] = ()
    _cols: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cols", tuple(glyph.col for glyph in self.glyphs))

    @property
    def is_spacer(self) -> bool:
        return self.kind is None

    @property
    def rtl(self) -> bool:
        return is_rtl(self.base_level)

    @property
    def text(self) -> str:
        """The row as drawn (no padding): what a terminal shows between the first and last glyph."""
        return "".join(glyph.text for glyph in self.glyphs)

    def glyph_at(self, col: int) -> Glyph | None:
        """The glyph covering cell ``col``, or None for padding and decoration."""
        index = bisect_right(self._cols, col) - 1
        if index >= 0:
            glyph = self.glyphs[index]
            if col < glyph.col + glyph.width:
                return glyph
        return None

    def offset_at(self, col: int) -> int | None:
        """Logical offset of the cluster drawn at cell ``col`` (its first code point)."""
        glyph = self.glyph_at(col)
        return None if glyph is None else glyph.start

    def nearest_glyph(self, col: int) -> Glyph | None:
        """The glyph at ``col``, else the one closest to it on this row (for mouse clicks)."""
        if not self.glyphs:
            return None
        glyph = self.glyph_at(col)
        if glyph is not None:
            return glyph
        index = bisect_right(self._cols, col)
        if index == 0:
            return self.glyphs[0]
        if index >= len(self.glyphs):
            return self.glyphs[-1]
        before, after = self.glyphs[index - 1], self.glyphs[index]
        return before if col - (before.col + before.width - 1) <= after.col - col else after

    def glyph_of(self, offset: int) -> Glyph | None:
        """The glyph whose cluster contains logical ``offset``, if this row shows it."""
        if not self.start <= offset < self.end:
            return None
        for glyph in self.glyphs:
            if glyph.start <= offset < glyph.end:
                return glyph
        return None

    def col_of(self, offset: int) -> int | None:
        glyph = self.glyph_of(offset)
        return None if glyph is None else glyph.col

    def cells_of(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """Column ranges ``[from, to)`` of the cells showing any of ``start:end``.

        Inside a row that mixes directions one logical range can be several visual runs.
        """
        if start >= end or end <= self.start or start >= self.end:
            return ()
        runs: list[tuple[int, int]] = []
        for glyph in self.glyphs:
            if glyph.start < end and glyph.end > start:
                left, right = glyph.col, glyph.col + glyph.width
                if runs and runs[-1][1] == left:
                    runs[-1] = (runs[-1][0], right)
                else:
                    runs.append((left, right))
        return tuple(runs)
