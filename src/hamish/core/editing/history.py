"""Undo and redo, with edits batched the way people think of them.

As in Textual's ``TextArea`` (``textual.document._history``), consecutive typing is one step to
undo, and so are consecutive Backspaces or Deletes; moving the caret, a paste, a cut, a new line
or a flip of direction starts a new step. Typing also starts a new step at each word, so undo
takes back the last word rather than a whole note typed without moving. No clock is involved:
the same keys always undo the same way.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import Enum

from hamish.core.editing.caret import Selection

_BATCH_CHARACTERS = 100
_STEPS = 500


class EditKind(Enum):
    TYPING = "typing"
    BACKSPACE = "backspace"
    DELETE = "delete"
    OTHER = "other"
    """Pastes, cuts, a selection replaced or deleted, new lines, direction flips: one step each."""


@dataclass(frozen=True, slots=True)
class Edit:
    """``removed`` at ``start`` was replaced by ``inserted``; the selections around it."""

    start: int
    removed: str
    inserted: str
    before: Selection
    after: Selection
    kind: EditKind

    def apply(self, text: str) -> str:
        return text[: self.start] + self.inserted + text[self.start + len(self.removed) :]

    def revert(self, text: str) -> str:
        return text[: self.start] + self.removed + text[self.start + len(self.inserted) :]


class EditHistory:
    def __init__(self) -> None:
        self._undo: deque[list[Edit]] = deque(maxlen=_STEPS)
        self._redo: list[list[Edit]] = []
        self._open = False
        """Whether the next edit may join the last batch."""

    def record(self, edit: Edit) -> None:
        if self._joins(edit):
            self._undo[-1].append(edit)
        else:
            self._undo.append([edit])
        self._redo.clear()
        self._open = edit.kind is not EditKind.OTHER

    def _joins(self, edit: Edit) -> bool:
        if not self._open or not self._undo:
            return False
        batch = self._undo[-1]
        last = batch[-1]
        size = sum(len(e.inserted) + len(e.removed) for e in batch)
        if edit.kind is not last.kind or size >= _BATCH_CHARACTERS:
            return False
        if edit.kind is EditKind.TYPING:
            new_word = edit.inserted.isspace() and not last.inserted.isspace()
            return (
                not edit.removed and edit.start == last.start + len(last.inserted) and not new_word
            )
        if edit.kind is EditKind.BACKSPACE:
            return edit.start + len(edit.removed) == last.start
        return edit.kind is EditKind.DELETE and edit.start == last.start

    def checkpoint(self) -> None:
        """The next edit starts a new step (the caret moved)."""
        self._open = False

    def undo(self) -> list[Edit] | None:
        """The last step, to be reverted last edit first; None when there is nothing to undo."""
        self._open = False
        if not self._undo:
            return None
        batch = self._undo.pop()
        self._redo.append(batch)
        return batch

    def redo(self) -> list[Edit] | None:
        self._open = False
        if not self._redo:
            return None
        batch = self._redo.pop()
        self._undo.append(batch)
        return batch

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._open = False
