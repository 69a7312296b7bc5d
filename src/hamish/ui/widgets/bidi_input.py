"""``BidiInput``: a one-line field (search, tags, filters) drawn by the layout engine.

The line never wraps: it scrolls sideways to keep the caret in view. A right-to-left line is
right-aligned and shaped as it is typed; line breaks typed or pasted become spaces. Enter
submits.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.message import Message

from hamish.ui.widgets.bidi_editor import BidiEditor


class BidiInput(BidiEditor):
    DEFAULT_CSS = """
    BidiInput {
        height: 1;
        width: 1fr;
        overflow: hidden hidden;
        scrollbar-size-horizontal: 0;
    }
    """
    SINGLE_LINE = True
    BINDINGS: list[BindingType] = [
        Binding("enter", "submit", "Submit", show=False, id="editor.submit"),
    ]

    class Changed(BidiEditor.Changed):
        """The text changed (typed, pasted, deleted, undone, or set)."""

    @dataclass
    class Submitted(Message):
        """Enter was pressed."""

        input: BidiInput
        text: str

        @property
        def control(self) -> BidiInput:
            return self.input

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.text))
