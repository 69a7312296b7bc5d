"""Small modal dialogs: confirm, and a one-line text prompt (tags)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from hamish.ui.widgets.bidi_input import BidiInput

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; max-width: 95%; height: auto; max-height: 90%;
    border: round $primary; background: $surface; padding: 0 1;
}}
{name} .dialog-title {{ text-style: bold; color: $accent; }}
{name} .dialog-hint {{ color: $text-muted; }}
{name} Horizontal {{ height: auto; align-horizontal: right; }}
{name} Button {{ margin: 0 1; }}
"""


class ConfirmDialog(ModalScreen[bool]):
    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmDialog")
    BINDINGS: list[BindingType] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="dialog-title")
            with Horizontal():
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TagsDialog(ModalScreen[list[str] | None]):
    """Tags as a comma-separated line, typed in a ``BidiInput`` (Arabic tags read right)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="TagsDialog") + "TagsDialog BidiInput { margin: 1 0; }"
    BINDINGS: list[BindingType] = [
        Binding("escape", "cancel", "Cancel", id="tags.cancel"),
    ]

    def __init__(self, tags: tuple[str, ...]) -> None:
        super().__init__()
        self.tags = tags

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Tags", classes="dialog-title")
            yield BidiInput(", ".join(self.tags), placeholder="tag, another tag", id="tags")
            yield Static(
                "Enter saves, Escape cancels; separate tags with commas.", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one(BidiInput).focus()

    @on(BidiInput.Submitted, "#tags")
    def _save(self, event: BidiInput.Submitted) -> None:
        self.dismiss([tag.strip() for tag in event.text.replace("،", ",").split(",")])

    def action_cancel(self) -> None:
        self.dismiss(None)
