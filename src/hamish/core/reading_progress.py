"""Where the reader is in an article: how far in, how far they got, and how long the rest takes.

The reader's status row asks this at every caret move, so the words left after an offset are
found from an index of the text made once (a count per slice of a few thousand characters),
never by counting the rest of a 10 MB article again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hamish.core.article import WordIndex, percent_through

if TYPE_CHECKING:
    from hamish.core.layout.engine import Layout

WORDS_PER_MINUTE = 200
"""The reading speed "minutes left" assumes: a common figure for reading on a screen (adults
read English at about 230 words a minute and Arabic at about 140; a minute estimate is a hint,
not a promise)."""


@dataclass(frozen=True)
class Whereabouts:
    """What the status row says: the reading position, the furthest point reached (both in
    whole percent, as ``percent_through`` says them everywhere) and the words left."""

    position: int
    furthest: int
    words_left: int | None
    """From the caret to the end; None while the article is still being read in."""

    @classmethod
    def at(
        cls, caret: int, furthest: int, length: int, words: WordIndex | None = None
    ) -> Whereabouts:
        return cls(
            percent_through(caret, length),
            percent_through(max(caret, furthest), length),
            None if words is None else words.words_after(caret),
        )

    @property
    def minutes_left(self) -> int | None:
        """Minutes to read the rest at ``WORDS_PER_MINUTE``, rounded, or None if unknown."""
        if self.words_left is None:
            return None
        return round(self.words_left / WORDS_PER_MINUTE)

    def time_left(self) -> str | None:
        """``12 min left``, ``under a minute left`` or ``the end``; None if unknown."""
        minutes = self.minutes_left
        if minutes is None:
            return None
        if self.words_left == 0:
            return "the end"
        return "under a minute left" if minutes == 0 else f"{minutes} min left"

    def describe(self) -> str:
        """``at 23% · 40% read · 12 min left``."""
        parts = [f"at {self.position}%", f"{self.furthest}% read", self.time_left()]
        return " · ".join(part for part in parts if part)


def seen_through(layout: Layout, top_row: int, height: int) -> int | None:
    """The end of the text on screen when rows ``top_row``.. fill ``height`` rows: what the
    reader has now seen, so the furthest point reached. None before anything is laid out."""
    if layout.known_rows == 0 or height <= 0:
        return None
    bottom = min(top_row + height, layout.known_rows) - 1
    return layout.line(max(0, bottom)).end
