"""The note editor: a ``BidiTextArea`` under the quote, so a note reads right as it is typed.

An Arabic, Hebrew or Persian note is right-aligned, shaped and in visual order at every
keystroke; an empty note about a right-to-left passage starts at the right. ctrl+s saves;
escape cancels, asking first when text would be lost.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from hamish.core.bidi import paragraph_base_level
from hamish.ui.render import bidi_text
from hamish.ui.screens.dialogs import ConfirmDialog
from hamish.ui.widgets.bidi_text_area import BidiTextArea


class NoteEditor(ModalScreen[str | None]):
    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 90; max-width: 96%; height: auto; max-height: 94%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    NoteEditor .dialog-title { text-style: bold; color: $accent; }
    NoteEditor #note-quote { color: $text-muted; max-height: 4; }
    NoteEditor BidiTextArea { height: 12; }
    NoteEditor .dialog-hint { color: $text-muted; }
    """
    BINDINGS: list[BindingType] = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, *, quote: str, note: str = "", heading: str = "Note") -> None:
        super().__init__()
        self.quote = quote
        self.original = note
        self.heading = heading

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="dialog-title")
            yield Static(id="note-quote")
            yield BidiTextArea(self.original, id="note-input", placeholder="Your note",
                               rtl=paragraph_base_level(self.quote) == 1)  # fmt: skip
            yield Static(
                "ctrl+s saves · escape cancels · ctrl+r flips a line's direction",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        width = max(20, min(86, self.app.size.width - 8))
        self.query_one("#note-quote", Static).update(
            bidi_text(" ".join(self.quote.split()), width, max_lines=3, style="italic")
        )
        self.query_one(BidiTextArea).focus()

    @property
    def text(self) -> str:
        return self.query_one(BidiTextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if self.text == self.original:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Discard the text you typed?", yes="Discard", no="Keep editing"),
            answered,
        )
