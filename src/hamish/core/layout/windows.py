"""Windows of a long paragraph: it is shaped and resolved a few hundred lines at a time.

Why: a one-paragraph article of ten megabytes, shaped and resolved whole, took seconds and more
than a gigabyte before its first screen (issue 10). A window is a run of whole lines. A window
ends at a line start that follows a break space, so every token (and so its shaping) lies
whole on one side, and where ``ParagraphCuts`` proves that UAX #9 gives each side the levels
the whole paragraph gives it. Where no line start qualifies, the window runs on to the end of
the paragraph: whole-paragraph resolution, as for any short paragraph.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from hamish.core.bidi.cuts import ParagraphCuts
from hamish.core.layout.shaping import BREAK_SPACES
from hamish.core.layout.text import display_text
from hamish.core.layout.wrap import LineBreaker

WINDOW_CHARS = 16_384
"""A paragraph longer than this is cut into windows of about this size."""


class ParagraphWindows:
    """The windows of one paragraph, found as far as lines are asked for.

    ``base_level`` None means no reordering (``--bidi terminal``): only shaping needs whole
    tokens then.
    """

    @staticmethod
    def needed(text: str) -> bool:
        """Whether ``text`` is long enough to be cut into windows at all."""
        return len(text) > WINDOW_CHARS

    def __init__(self, breaker: LineBreaker, base_level: int | None) -> None:
        self._breaker = breaker
        self._first_lines = [0]
        text = breaker.text
        self._closed = not self.needed(text)
        self._cuts = None
        if not self._closed and base_level is not None:
            self._cuts = ParagraphCuts(text, base_level)
            self._closed = not self._cuts.possible

    def window_of(self, line: int) -> tuple[int, int, int]:
        """``(number, start, end)``: the window holding line ``line`` and its text range."""
        while not self._closed and line >= self._first_lines[-1]:
            self._find_next_window()
        index = bisect_right(self._first_lines, line) - 1
        starts = self._breaker.starts
        start = starts[self._first_lines[index]]
        if index + 1 < len(self._first_lines):
            return index, start, starts[self._first_lines[index + 1]]
        return index, start, len(self._breaker.text)

    def _find_next_window(self) -> None:
        """Find where the last window found so far ends, or learn that it ends the paragraph."""
        breaker = self._breaker
        target = breaker.starts[self._first_lines[-1]] + WINDOW_CHARS
        breaker.wrap_past(target)
        line = bisect_left(breaker.starts, target)
        while True:
            while line >= len(breaker.starts):
                if breaker.done:
                    self._closed = True
                    return
                breaker.advance()
            if self._can_cut(breaker.starts[line]):
                self._first_lines.append(line)
                return
            line += 1

    def _can_cut(self, position: int) -> bool:
        text = self._breaker.text
        if display_text(text[position - 1]) not in BREAK_SPACES:
            return False  # a word broken across lines: its halves are shaped as one token
        return self._cuts is None or self._cuts.allows(position)
