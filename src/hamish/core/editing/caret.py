"""The caret and the selection of text being edited: logical offsets, as everywhere in hamish.

A caret between two runs of different direction has two places on screen ("latinHEBREW": after
"latin" is both right of the "n" and beside the Hebrew run's first letter). Like Mozilla's editor,
the caret therefore carries a bidi *level* beside its offset: the level of the character it was
last moved over or typed. The level picks the place it is drawn at, and so where the next
character typed appears.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Caret:
    offset: int
    """Code points before the caret in the whole text; always on a cluster boundary."""
    level: int = 0
    """The bidi level of the run the caret belongs to (even: left to right, odd: right to left)."""


@dataclass(frozen=True, slots=True)
class Selection:
    """A logical range from ``anchor`` (where it started) to the caret (where it is now).

    In a line that mixes directions, a logical range can look discontiguous on screen; its text
    is always ``text[start:end]``, as in browsers and in hamish's reader.
    """

    anchor: int
    caret: Caret

    @classmethod
    def at(cls, caret: Caret) -> Selection:
        """No text selected: just the caret."""
        return cls(caret.offset, caret)

    @property
    def start(self) -> int:
        return min(self.anchor, self.caret.offset)

    @property
    def end(self) -> int:
        return max(self.anchor, self.caret.offset)

    @property
    def is_empty(self) -> bool:
        return self.anchor == self.caret.offset
