"""The note editor: a ``BidiTextArea`` under the quote, so a note reads right as it is typed.

An Arabic, Hebrew or Persian note is right-aligned, shaped and in visual order at every
keystroke; an empty note about a right-to-left passage starts at the right. ctrl+s saves;
escape cancels, asking first when text would be lost. If the app ends with the editor open
(the terminal closed, a signal, ctrl+q), the text typed is kept as if saved: ``keep_draft``.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
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
        self.keep_draft: Callable[[str], None] | None = None
        """Saves the text when the editor closes unanswered (the app is ending); the opener
        sets it, with what saving does."""
        self._answered = False
        self._area = BidiTextArea(
            note, id="note-input", placeholder="Your note", rtl=paragraph_base_level(quote) == 1
        )

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="dialog-title")
            yield Static(id="note-quote")
            yield self._area
            yield Static(
                "ctrl+s saves · escape cancels · ctrl+r flips a line's direction",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        width = max(20, min(86, self.app.size.width - 8))
        self.query_one("#note-quote", Static).update(
            bidi_text(" ".join(self.quote.split()), width, max_lines=3, style="italic")
        )
        self._area.focus()

    @property
    def text(self) -> str:
        """What is typed (read from the field itself: as the app ends, it is no longer in the
        screen's tree when the screen unmounts)."""
        return self._area.text

    def dismiss(self, result: str | None = None) -> AwaitComplete:
        self._answered = True
        return super().dismiss(result)

    def on_unmount(self) -> None:
        text = self.text
        if not self._answered and text != self.original and self.keep_draft is not None:
            self.keep_draft(text)

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
