"""Line breaking in logical order, measured in shaped cells, done only as far as it is asked.

A line holds whole words and the spaces after them; the spaces count, so that every code point of
a paragraph sits in exactly one cell of exactly one line and the cell map stays a bijection (no
"hanging" whitespace past the edge). A word wider than the line is broken between clusters.

Why a resumable breaker: greedy wrapping is sequential (each line starts where the one before it
ended), but it can stop after any word and go on later with the same result. So a paragraph of
ten megabytes is wrapped a slice at a time, as far as the screen or the background indexing
needs, and the block's text is turned into display text one slice at a time too.
"""

from __future__ import annotations

import re

from hamish.core.layout.shaping import BREAK_SPACES, Shaper
from hamish.core.layout.text import char_width, display_text

_CHUNK = re.compile(f"[^{BREAK_SPACES}]+[{BREAK_SPACES}]*|[{BREAK_SPACES}]+")
SLICE_CHARS = 2_048
"""How much text one step of wrapping reads (at least one whole word): about what a few
ordinary paragraphs hold, so that ``Layout.index`` steps cost the same in any article."""


class LineBreaker:
    """The line starts of one paragraph at one width, found slice by slice.

    ``text`` is the block's own text: what is measured is its ``display_text``, which has the
    same length. ``starts`` only grows, and a start once found is final.
    """

    def __init__(self, text: str, width: int, shaper: Shaper) -> None:
        self.text = text
        self.width = max(1, width)
        self.shaper = shaper
        self.starts: list[int] = [0]
        self.position = 0
        """Everything before this offset is placed on a line."""
        self._used = 0  # cells taken on the last line so far

    @property
    def done(self) -> bool:
        return self.position >= len(self.text)

    def wrap_past(self, offset: int) -> None:
        """Wrap until the line holding ``offset`` is complete, or the paragraph is."""
        while not self.done and self.starts[-1] <= offset:
            self.advance()

    def wrap_all(self) -> tuple[int, ...]:
        while not self.done:
            self.advance()
        return tuple(self.starts)

    def advance(self) -> None:
        """Place the words of about the next ``SLICE_CHARS`` characters (at least one word)."""
        text = self.text
        end = min(len(text), self.position + SLICE_CHARS)
        while True:
            display = display_text(text[self.position : end])
            chunks = list(_CHUNK.finditer(display))
            if end == len(text):
                break
            if len(chunks) > 1:
                chunks.pop()  # it may go on past the slice: read it again with the next one
                break
            end = min(len(text), end + (end - self.position))
        base = self.position
        width, used, token_width = self.width, self._used, self.shaper.token_width
        for chunk in chunks:  # the hot loop of indexing: locals only, and most words just fit
            start, piece = chunk.start(), chunk.group()
            word = piece.rstrip(BREAK_SPACES)
            piece_width = token_width(word) + (len(piece) - len(word))
            if used + piece_width <= width:
                used += piece_width
            elif used and piece_width <= width:
                self._start_line(display, start, base)
                used = piece_width
            else:
                used = self._break_word(display, start, chunk.end(), base, used)
        self._used = used
        self.position = base + chunks[-1].end() if chunks else end

    def _break_word(self, display: str, start: int, end: int, base: int, used: int) -> int:
        """Place a chunk that does not fit on a line of its own, cluster by cluster; the cells
        then used on the last line."""
        if used:
            self._start_line(display, start, base)
            used = 0
        shaped = self.shaper.shape(display[start:end])
        for cluster_start, cluster_width in zip(shaped.starts, shaped.widths, strict=False):
            if used and used + cluster_width > self.width:
                self._start_line(display, start + cluster_start, base)
                used = 0
            used += cluster_width
        return used

    def _start_line(self, display: str, start: int, base: int) -> None:
        """A line starts at ``display[start]``; zero-width characters stay with the cluster
        before them and never open a line."""
        while start < len(display) and char_width(display[start]) == 0:
            start += 1
        if start < len(display) and base + start > self.starts[-1]:
            self.starts.append(base + start)


def wrap_paragraph(text: str, width: int, shaper: Shaper) -> tuple[int, ...]:
    """Start offsets of the lines of ``text`` wrapped at ``width`` cells (always starts with 0)."""
    return LineBreaker(text, width, shaper).wrap_all()
