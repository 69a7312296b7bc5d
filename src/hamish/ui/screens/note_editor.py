"""The note editor: multi-line, with a live preview drawn by the layout engine.

Textual's TextArea knows nothing of bidi, so an Arabic or Hebrew note reads backwards inside it;
the preview under it is the same engine that draws the article, shaped and right-to-left as it
is typed. ctrl+s saves; escape cancels, asking first when text would be lost.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from hamish.ui.render import bidi_text
from hamish.ui.screens.dialogs import ConfirmDialog
from hamish.ui.widgets.safe_inputs import SafeTextArea


class NoteEditor(ModalScreen[str | None]):
    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 90; max-width: 96%; height: auto; max-height: 94%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    NoteEditor .dialog-title { text-style: bold; color: $accent; }
    NoteEditor #note-quote { color: $text-muted; max-height: 4; }
    NoteEditor SafeTextArea { height: 8; }
    NoteEditor #note-preview-box { height: auto; max-height: 10; border-top: dashed $primary; }
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
            yield SafeTextArea(self.original, id="note-input", soft_wrap=True)
            with VerticalScroll(id="note-preview-box"):
                yield Static(id="note-preview")
            yield Static("ctrl+s saves · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        width = self._width()
        self.query_one("#note-quote", Static).update(
            bidi_text(" ".join(self.quote.split()), width, max_lines=3, style="italic")
        )
        self._preview(self.original)
        self.query_one(TextArea).focus()

    def _width(self) -> int:
        return max(20, min(86, self.app.size.width - 8))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._preview(event.text_area.text)

    def _preview(self, text: str) -> None:
        self.query_one("#note-preview", Static).update(bidi_text(text, self._width()))

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

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
