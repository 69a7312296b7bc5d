"""``BidiTextArea``: a multi-line field (the note editor) that reads right as it is typed.

Each line is a paragraph with its own direction, soft-wrapped at the widget's width and drawn by
the layout engine: an Arabic note is right-aligned, shaped and in visual order at every keystroke.
Long notes scroll; ↑ and ↓ go by rows on screen, Enter starts a new paragraph.
"""

from __future__ import annotations

from textual import events
from textual.binding import BindingType

from hamish.ui.widgets.bidi_editor import BidiEditor, move_bindings


class BidiTextArea(BidiEditor):
    DEFAULT_CSS = """
    BidiTextArea {
        height: 8;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        border: tall $border-blurred;
        padding: 0 1;
    }
    BidiTextArea:focus { border: tall $border; }
    """
    BINDINGS: list[BindingType] = [
        *move_bindings("up", "vertical(-1)", "Up", "up"),
        *move_bindings("down", "vertical(1)", "Down", "down"),
        *move_bindings("pageup", "page(-1)", "Page up", "page_up"),
        *move_bindings("pagedown", "page(1)", "Page down", "page_down"),
    ]

    class Changed(BidiEditor.Changed):
        """The text changed (typed, pasted, deleted, undone, or set)."""

    def _on_key(self, event: events.Key) -> None:
        """Enter starts a new paragraph (Textual then calls ``BidiEditor._on_key`` for the rest)."""
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._run(lambda: self.editor.insert("\n"))

    def action_vertical(self, rows: int, select: bool = False) -> None:
        self._run(lambda: self.editor.move_vertical(rows, select=select))

    def action_page(self, pages: int, select: bool = False) -> None:
        rows = max(1, self.scrollable_content_region.height - 1)
        self.action_vertical(pages * rows, select)
