"""Text being edited, laid out by the engine one paragraph at a time, and where its caret stands.

Each paragraph (a line of the text) is an article of one block given to ``Layout``: the same
wrap, levels, reordering, shaping and cell map as the reader. Layouts are kept per paragraph
text, so a keystroke lays out again only the paragraph it changed.

**The caret on a grid of cells.** A caret stands on a *gap* between two cells; through the map,
the glyph on each side of a gap gives the logical offset there (its start on its leading side,
its end on its trailing side, leading being left for a left-to-right glyph and right for a
right-to-left one). Where two runs of different direction meet, one offset has two gaps; the
caret's level picks the gap of the glyph with that level. A terminal cannot draw a thin bar, so
the caret is drawn on the cell beside its gap on the side the line grows when a character is
typed: right of the gap in a left-to-right paragraph, left of it in a right-to-left one. That
cell is where the next character typed appears, when it continues the caret's run.

Each row keeps one column free for the caret at its end: text is wrapped one cell narrower than
the view, and right-to-left rows are drawn one cell further right.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.bidi import is_rtl
from hamish.core.editing.caret import Caret
from hamish.core.editing.paragraphs import PARAGRAPH_SEPARATOR, leading_marks, paragraph_levels
from hamish.core.layout import Glyph, Layout, LayoutOptions, VisualLine
from hamish.core.layout.engine import MIN_WIDTH
from hamish.core.layout.shaping import get_shaper
from hamish.core.layout.text import display_text

_SPARE_LAYOUTS = 32
"""Layouts kept beyond the text's own paragraphs: an undo or a retyped word finds them again."""


class _Paragraph:
    """One paragraph laid out at one width."""

    __slots__ = ("layout", "lead", "level", "rows", "text")

    def __init__(self, text: str, level: int, options: LayoutOptions) -> None:
        self.text = text
        self.level = level
        spec = BlockSpec(BlockKind.PARAGRAPH, text, direction="rtl" if is_rtl(level) else "ltr")
        self.layout = Layout(Article.build([spec], title=""), options)
        self.rows = self.layout.row_count
        self.lead = leading_marks(text)

    def cluster(self, local: int) -> tuple[int, int] | None:
        """The cluster holding ``local``, read from the glyph that draws it (None at the end).

        Offsets before the paragraph's leading direction marks count as the marks' own end: the
        caret never stands before them.
        """
        local = max(local, self.lead)
        if local >= len(self.text):
            return None
        glyph = self.layout.line(self.layout.row_of(local)).glyph_of(local)
        if glyph is None:
            return None
        return max(glyph.start, self.lead), glyph.end


@dataclass(frozen=True)
class Row:
    """One screen row: a visual line of one paragraph, whose offsets count from ``start``."""

    index: int
    paragraph: int
    start: int
    """Offset of the paragraph's first character in the whole text."""
    line: VisualLine
    rtl: bool
    """Laid out right to left: right-aligned, and drawn ``shift`` 1 to free the caret column."""
    last: bool
    """The last row of its paragraph."""

    @property
    def shift(self) -> int:
        return 1 if self.rtl else 0


@dataclass(frozen=True)
class CaretPlace:
    row: int
    gap: int
    """The caret stands between cells ``gap - 1`` and ``gap``."""
    col: int
    """The cell drawn as the caret."""


def _attach(
    after: tuple[int, Glyph] | None, before: tuple[int, Glyph] | None, level: int
) -> tuple[int, Glyph, bool] | None:
    """The glyph a caret with ``level`` stands beside, and whether on its leading side."""
    candidates = [(found, leading) for found, leading in ((after, True), (before, False)) if found]
    for same in (
        lambda g: g.level == level,
        lambda g: is_rtl(g.level) == is_rtl(level),
        lambda g: True,
    ):
        for (row, glyph), leading in candidates:
            if same(glyph):
                return row, glyph, leading
    return None


def _side_col(glyph: Glyph, leading: bool) -> int:
    """The layout column of a glyph's leading or trailing side."""
    right = glyph.col + glyph.width
    if is_rtl(glyph.level):
        return right if leading else glyph.col
    return glyph.col if leading else right


class EditorView:
    """The rows of a text at a width (``wrap``) or one row per paragraph (an input line)."""

    def __init__(
        self,
        width: int,
        *,
        wrap: bool = True,
        shaping: bool = True,
        reorder: bool = True,
        default_level: int = 0,
    ) -> None:
        self.width = max(MIN_WIDTH + 1, width)
        self.wrap = wrap
        self.shaping = shaping
        self.reorder = reorder
        self.default_level = default_level
        self._cache: OrderedDict[tuple[str, int], _Paragraph] = OrderedDict()
        self._paragraphs: list[_Paragraph] = []
        self._starts: list[int] = []
        self._first_rows: list[int] = []
        self.text = ""
        self.row_count = 0
        self.update("")

    # -- layout -----------------------------------------------------------------------------

    def resized(self, width: int) -> EditorView:
        """The same text, options and direction default at another width."""
        view = EditorView(width, wrap=self.wrap, shaping=self.shaping, reorder=self.reorder,
                          default_level=self.default_level)  # fmt: skip
        view.update(self.text)
        return view

    def update(self, text: str) -> None:
        """Show ``text``; paragraphs whose text did not change keep their layout."""
        self.text = text
        parts = text.split(PARAGRAPH_SEPARATOR)
        levels = paragraph_levels(parts, self.default_level)
        self._paragraphs = [
            self._paragraph(p, level) for p, level in zip(parts, levels, strict=True)
        ]
        self._starts, self._first_rows = [], []
        offset = rows = 0
        for paragraph in self._paragraphs:
            self._starts.append(offset)
            self._first_rows.append(rows)
            offset += len(paragraph.text) + len(PARAGRAPH_SEPARATOR)
            rows += paragraph.rows
        self.row_count = rows
        while len(self._cache) > len(self._paragraphs) + _SPARE_LAYOUTS:
            self._cache.popitem(last=False)  # the least recently used: never one shown now

    def _paragraph(self, text: str, level: int) -> _Paragraph:
        key = (text, level)
        paragraph = self._cache.get(key)
        if paragraph is None:
            width = self.width - 1
            if not self.wrap:
                shaped = get_shaper(self.shaping).shape(display_text(text))
                width = max(width, sum(shaped.widths))
            options = LayoutOptions(width, shaping=self.shaping, reorder=self.reorder)
            paragraph = self._cache[key] = _Paragraph(text, level, options)
        else:
            self._cache.move_to_end(key)
        return paragraph

    @property
    def canvas_width(self) -> int:
        """Cells of the widest row, its caret column included (an input line can be wider)."""
        return max(p.layout.width for p in self._paragraphs) + 1

    def row(self, index: int) -> Row:
        index = min(max(index, 0), self.row_count - 1)
        number = bisect_right(self._first_rows, index) - 1
        paragraph = self._paragraphs[number]
        line_number = index - self._first_rows[number]
        line = paragraph.layout.line(line_number)
        return Row(
            index,
            number,
            self._starts[number],
            line,
            rtl=line.rtl and self.reorder,
            last=line_number == paragraph.rows - 1,
        )

    # -- offsets ----------------------------------------------------------------------------

    def paragraph_at(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def paragraph_range(self, number: int) -> tuple[int, int]:
        """Where paragraph ``number`` starts (after any leading direction marks) and ends."""
        paragraph = self._paragraphs[number]
        start = self._starts[number]
        return start + paragraph.lead, start + len(paragraph.text)

    @property
    def paragraph_count(self) -> int:
        return len(self._paragraphs)

    def paragraph_texts(self) -> list[str]:
        return [paragraph.text for paragraph in self._paragraphs]

    def snap(self, offset: int, *, forward: bool) -> int:
        """``offset`` if the caret may stand there (a cluster boundary), else the boundary after
        or before it."""
        offset = min(max(offset, 0), len(self.text))
        number = self.paragraph_at(offset)
        start = self._starts[number]
        paragraph = self._paragraphs[number]
        local = max(offset - start, paragraph.lead)
        cluster = paragraph.cluster(local)
        if cluster is None or local == cluster[0]:
            return start + local
        return start + (cluster[1] if forward else cluster[0])

    def next_stop(self, offset: int) -> int:
        """The end of the cluster after ``offset`` (``offset`` itself at a paragraph's end)."""
        number = self.paragraph_at(offset)
        start = self._starts[number]
        cluster = self._paragraphs[number].cluster(offset - start)
        return offset if cluster is None else start + cluster[1]

    # -- glyphs beside an offset ------------------------------------------------------------

    def _glyph_from(self, number: int, local: int) -> tuple[int, Glyph] | None:
        """The glyph that starts at ``local`` (its row in the paragraph), if any."""
        paragraph = self._paragraphs[number]
        target = 0 if local == paragraph.lead else local
        if target >= len(paragraph.text):
            return None
        row = paragraph.layout.row_of(target)
        glyph = paragraph.layout.line(row).glyph_of(target)
        return (row, glyph) if glyph is not None and glyph.start == target else None

    def _glyph_to(self, number: int, local: int) -> tuple[int, Glyph] | None:
        """The glyph that ends at ``local``, if any."""
        paragraph = self._paragraphs[number]
        if local <= paragraph.lead:
            return None
        row = paragraph.layout.row_of(local - 1)
        glyph = paragraph.layout.line(row).glyph_of(local - 1)
        return (row, glyph) if glyph is not None and glyph.end == local else None

    def caret_for(self, offset: int, *, before: bool) -> Caret:
        """A caret at ``offset`` with the level of the character before it (or after it)."""
        number = self.paragraph_at(offset)
        local = offset - self._starts[number]
        sides = [self._glyph_to(number, local), self._glyph_from(number, local)]
        for found in sides if before else sides[::-1]:
            if found is not None:
                return Caret(offset, found[1].level)
        return Caret(offset, self._paragraphs[number].level)

    # -- caret <-> screen -------------------------------------------------------------------

    def place(self, caret: Caret) -> CaretPlace:
        """Where ``caret`` stands on screen, and the cell that draws it."""
        number = self.paragraph_at(caret.offset)
        local = caret.offset - self._starts[number]
        chosen = _attach(
            self._glyph_from(number, local), self._glyph_to(number, local), caret.level
        )
        first = self._first_rows[number]
        if chosen is None:  # an empty paragraph: its starting edge
            row = self.row(first)
            gap = row.shift + (self._paragraphs[number].layout.width if row.rtl else 0)
        else:
            line_number, glyph, leading = chosen
            row = self.row(first + line_number)
            gap = row.shift + _side_col(glyph, leading)
        return CaretPlace(row.index, gap, gap - 1 if row.rtl else gap)

    def beside(self, row: Row, glyph: Glyph, *, right: bool) -> Caret:
        """The caret on the right (or left) side of ``glyph`` on ``row``."""
        local = glyph.start if right == is_rtl(glyph.level) else glyph.end
        lead = self._paragraphs[row.paragraph].lead
        return Caret(row.start + max(local, lead), glyph.level)

    def before(self, row: Row, glyph: Glyph) -> Caret:
        """The caret just before ``glyph`` in reading order, drawn on it."""
        lead = self._paragraphs[row.paragraph].lead
        return Caret(row.start + max(glyph.start, lead), glyph.level)

    def caret_at(self, row_index: int, col: int) -> Caret:
        """The caret a click on cell ``col`` of a row puts: the one drawn on that very cell,
        or on a padding cell the nearest edge of the row's text."""
        row = self.row(row_index)
        glyphs = row.line.glyphs
        if not glyphs:
            return self.caret_for(self.paragraph_range(row.paragraph)[0], before=False)
        glyph = row.line.glyph_at(col - row.shift)
        if glyph is not None:
            return self.beside(row, glyph, right=row.rtl)
        return self.edge_caret(row, left=col - row.shift < glyphs[0].col)

    def edge_caret(self, row: Row, *, left: bool) -> Caret:
        """The caret at the left or right edge of a row's text.

        The end of a wrapped row is also the start of the next one; the caret stops before the
        row's last cluster instead, so that it stays on this row.
        """
        glyphs = row.line.glyphs
        if not glyphs:
            return self.caret_for(self.paragraph_range(row.paragraph)[0], before=False)
        caret = self.beside(row, glyphs[0] if left else glyphs[-1], right=not left)
        if not row.last and caret.offset == row.start + row.line.end:
            return self.before(row, max(glyphs, key=lambda glyph: glyph.start))
        return caret

    def row_start(self, row: Row) -> Caret:
        """The caret before the row's first character in reading order."""
        if not row.line.glyphs:
            return self.caret_for(self.paragraph_range(row.paragraph)[0], before=False)
        return self.before(row, min(row.line.glyphs, key=lambda glyph: glyph.start))

    def row_end(self, row: Row) -> Caret:
        """After the row's last character in reading order; before it on a wrapped row."""
        if not row.line.glyphs:
            return self.row_start(row)
        last = max(row.line.glyphs, key=lambda glyph: glyph.start)
        if row.last:
            return Caret(row.start + row.line.end, last.level)
        return self.before(row, last)
