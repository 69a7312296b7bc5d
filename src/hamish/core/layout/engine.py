"""``Layout``: an article at one width, rows built only when asked for.

Nothing here waits for the whole article. Wrapping (which needs only shaped widths, no bidi) runs
block by block on demand — the reader asks for the rows of the first screen, then lets
``index()`` finish the rest in small steps between frames — and a row's bidi reordering happens
only when that row is drawn, with levels resolved once per paragraph and cached. So the cost of a
frame does not depend on the article's length, and a 10 MB article opens as fast as a 4 KB one.
A long paragraph is wrapped a slice at a time (``LineBreaker``) and shaped and resolved a window
of lines at a time (``ParagraphWindows``), so not even a one-paragraph article waits for all of
itself.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from typing import Generic, TypeVar

from hamish.core.article import Article, Block, BlockKind
from hamish.core.bidi import (
    BidiParagraph,
    is_rtl,
    mirror_glyph,
    paragraph_base_level,
    resolve_paragraph,
)
from hamish.core.bidi import visual_order as bidi_visual_order
from hamish.core.layout.shaping import ShapedParagraph, get_shaper
from hamish.core.layout.text import display_text
from hamish.core.layout.visual import Decoration, Glyph, VisualLine
from hamish.core.layout.windows import ParagraphWindows
from hamish.core.layout.wrap import LineBreaker

MIN_WIDTH = 8
QUOTE_BAR = "▎"
BULLET = "•"
_KEY = TypeVar("_KEY")
_VALUE = TypeVar("_VALUE")


class _LRU(Generic[_KEY, _VALUE]):
    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[_KEY, _VALUE] = OrderedDict()

    def get(self, key: _KEY) -> _VALUE | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: _KEY, value: _VALUE) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


@dataclass(frozen=True)
class LayoutOptions:
    width: int
    shaping: bool = True
    reorder: bool = True
    """False for terminals that reorder by themselves (``--bidi terminal``): logical order out."""


@dataclass(frozen=True)
class _Window:
    """Lines of one paragraph shaped and resolved together; ``offset`` is where they start."""

    offset: int
    shaped: ShapedParagraph
    bidi: BidiParagraph | None


def _indent(block: Block) -> int:
    if block.kind is BlockKind.QUOTE:
        return 2
    if block.kind is BlockKind.LIST_ITEM:
        return 2 + 2 * block.level
    return 0


class Layout:
    """Rows of one article at one width. Rows are numbered from 0; blocks are separated by a
    blank spacer row."""

    def __init__(self, article: Article, options: LayoutOptions) -> None:
        self.article = article
        self.options = options
        self.width = max(options.width, MIN_WIDTH)
        self._shaper = get_shaper(options.shaping)
        self._breakers: list[LineBreaker] = []
        """One per block wrapped so far; only the last one may be unfinished."""
        self._first_rows: list[int] = []
        self._levels: list[int] = []
        self._known_rows = 0
        self._windows: dict[int, ParagraphWindows] = {}
        self._shaped: _LRU[tuple[int, int], _Window] = _LRU(64)
        self._lines: _LRU[int, VisualLine] = _LRU(512)

    # -- indexing ---------------------------------------------------------------------------

    @property
    def complete(self) -> bool:
        return self.indexed == len(self.article.blocks)

    def index(self, max_steps: int | None = None) -> bool:
        """Wrap up to ``max_steps`` more steps (all if None); True when every block is done.

        A step is a block, or a slice of a long one (``SLICE_CHARS``), so that a step costs
        about the same whatever the paragraphs' lengths.
        """
        steps = 0
        while not self.complete and (max_steps is None or steps < max_steps):
            self._wrap_step()
            steps += 1
        return self.complete

    def _wrap_step(self) -> None:
        breaker = self._breakers[-1] if self._breakers else None
        if breaker is None or breaker.done:
            block = self.article.blocks[len(self._breakers)]
            self._first_rows.append(self._known_rows)
            self._levels.append(self._base_level(block))
            breaker = LineBreaker(block.text, self.width - _indent(block), self._shaper)
            self._breakers.append(breaker)
        breaker.advance()
        self._count_rows()

    def _count_rows(self) -> None:
        """Rows up to the last line known to be complete (and the spacer after a block)."""
        breaker = self._breakers[-1]
        if breaker.done:
            spacer = 1 if len(self._breakers) < len(self.article.blocks) else 0
            self._known_rows = self._first_rows[-1] + len(breaker.starts) + spacer
        else:  # the last line found may still grow
            self._known_rows = self._first_rows[-1] + len(breaker.starts) - 1

    @property
    def indexed(self) -> int:
        """How many blocks have been wrapped to their end so far."""
        unfinished = 1 if self._breakers and not self._breakers[-1].done else 0
        return len(self._breakers) - unfinished

    @property
    def known_rows(self) -> int:
        return self._known_rows

    @property
    def row_count(self) -> int:
        """The exact number of rows (wraps whatever is left)."""
        self.index()
        return self._known_rows

    def estimated_rows(self) -> int:
        """Rows so far plus a guess for the rest, for a scrollbar before indexing finishes."""
        if self.complete:
            return self._known_rows
        blocks = self.article.blocks
        remaining_blocks = len(blocks) - self.indexed
        wrapped = blocks[self.indexed].start
        if len(self._breakers) > self.indexed:
            wrapped += self._breakers[-1].position
        remaining_chars = len(self.article.text) - wrapped
        return self._known_rows + 2 * remaining_blocks + remaining_chars // self.width

    def _base_level(self, block: Block) -> int:
        """P2/P3; a paragraph with no strong character follows the one before it (HL1).

        On the block's own text: what ``display_text`` replaces (controls) is never strong.
        """
        if block.direction != "auto":
            return 1 if block.direction == "rtl" else 0
        level = paragraph_base_level(block.text)
        if level is not None:
            return level
        if self._levels:
            return self._levels[-1]
        for later in self.article.blocks[1:50]:
            level = paragraph_base_level(later.text)
            if level is not None:
                return level
        return 0

    def ensure_row(self, row: int) -> None:
        """Wrap until ``row`` exists (or the article ends)."""
        while self._known_rows <= row and not self.complete:
            self._wrap_step()

    def _wrap_through(self, number: int, local: int) -> None:
        """Wrap until the line holding offset ``local`` of block ``number`` is known."""
        while len(self._breakers) <= number:
            self._wrap_step()
        breaker = self._breakers[number]
        if not breaker.done:
            breaker.wrap_past(local)
            self._count_rows()

    # -- rows -------------------------------------------------------------------------------

    def line(self, row: int) -> VisualLine:
        """The visual line at ``row`` (IndexError past the end)."""
        cached = self._lines.get(row)
        if cached is not None:
            return cached
        self.ensure_row(row)
        if not 0 <= row < self._known_rows:
            raise IndexError(f"row {row} is outside the layout")
        number = bisect_right(self._first_rows, row) - 1
        line_number = row - self._first_rows[number]
        block = self.article.blocks[number]
        if line_number >= len(self._breakers[number].starts):
            visual = VisualLine(row, number, None, block.end, block.end, self._levels[number], ())
        else:
            visual = self._build_line(row, number, line_number)
        self._lines.put(row, visual)
        return visual

    def row_of(self, offset: int) -> int:
        """The row showing logical ``offset`` (an offset between blocks: the row before)."""
        if not self.article.blocks:
            raise IndexError("the article is empty")
        number = self.article.block_index_at(max(0, offset))
        block = self.article.blocks[number]
        local = min(max(0, offset - block.start), max(0, len(block.text) - 1))
        self._wrap_through(number, local)
        starts = self._breakers[number].starts
        return self._first_rows[number] + bisect_right(starts, local) - 1

    # -- building a row ---------------------------------------------------------------------

    def _window(self, number: int, line_number: int) -> _Window:
        """The shaped and resolved window of block ``number`` that holds that line."""
        text = self.article.blocks[number].text
        index, start, end = 0, 0, len(text)
        if ParagraphWindows.needed(text):
            windows = self._windows.get(number)
            if windows is None:
                level = self._levels[number] if self.options.reorder else None
                windows = self._windows[number] = ParagraphWindows(self._breakers[number], level)
            index, start, end = windows.window_of(line_number)
            self._count_rows()  # finding a window may have wrapped further
        window = self._shaped.get((number, index))
        if window is None:
            display = display_text(text[start:end])
            shaped = self._shaper.shape(display)
            bidi = (
                resolve_paragraph(display, self._levels[number]) if self.options.reorder else None
            )
            window = _Window(start, shaped, bidi)
            self._shaped.put((number, index), window)
        return window

    def _build_line(self, row: int, number: int, line_number: int) -> VisualLine:
        block = self.article.blocks[number]
        base_level = self._levels[number]
        starts = self._breakers[number].starts
        window = self._window(number, line_number)
        shaped, bidi = window.shaped, window.bidi
        # Offsets into the window from here on.
        line_start = starts[line_number] - window.offset
        line_end = (
            starts[line_number + 1] - window.offset
            if line_number + 1 < len(starts)
            else len(shaped.text)
        )
        first = bisect_right(shaped.starts, line_start) - 1
        last = bisect_right(shaped.starts, line_end - 1) if line_end > line_start else first
        clusters = range(first, last)

        bases, widths, cluster_starts = shaped.bases, shaped.widths, shaped.starts
        if bidi is not None:
            # L2 runs over every code point: zero-width characters with a level of their own
            # (LRM, RLM, ALM, isolates) split runs just as UAX #9 says. Each cluster then goes
            # where its base character went; its marks and controls travel with it (L3).
            line_levels = bidi.line_levels(line_start, line_end)
            cluster_at = {bases[c] - line_start: c for c in clusters}
            order = [
                cluster_at[index] for index in bidi_visual_order(line_levels) if index in cluster_at
            ]
        else:
            line_levels = [0] * (line_end - line_start)
            order = list(clusters)

        indent = _indent(block)
        content = sum(widths[first:last])
        rtl = is_rtl(base_level) and self.options.reorder
        col = max(0, self.width - indent - content) if rtl else indent
        offset = block.start + window.offset
        glyphs: list[Glyph] = []
        for cluster in order:
            base = bases[cluster]
            level = line_levels[base - line_start]
            text = shaped.glyphs[cluster]
            rtl_cluster = is_rtl(level)
            if rtl_cluster and text[:1] == shaped.text[base]:
                text = mirror_glyph(text[0]) + text[1:]
            prefix = shaped.prefixes[cluster]
            if prefix:  # Prepend characters read before their base: to its right in RTL
                text = text + prefix[::-1] if rtl_cluster else prefix + text
            width = widths[cluster]
            glyphs.append(
                Glyph(
                    col,
                    width,
                    offset + cluster_starts[cluster],
                    offset + cluster_starts[cluster + 1],
                    text,
                    level,
                )
            )
            col += width
        return VisualLine(
            row=row,
            block=number,
            kind=block.kind,
            start=offset + line_start,
            end=offset + line_end,
            base_level=base_level,
            glyphs=tuple(glyphs),
            decorations=self._decorations(block, line_number, rtl),
        )

    def _decorations(self, block: Block, line_number: int, rtl: bool) -> tuple[Decoration, ...]:
        def place(col: int, text: str) -> Decoration:
            return Decoration(self.width - 1 - col if rtl else col, text)

        if block.kind is BlockKind.QUOTE:
            return (place(0, QUOTE_BAR),)
        if block.kind is BlockKind.LIST_ITEM and line_number == 0 and block.bulleted:
            return (place(2 * block.level, BULLET),)
        return ()
