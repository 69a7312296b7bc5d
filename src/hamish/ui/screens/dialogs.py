"""Small modal dialogs: confirm, and one-line text prompts (tags, a URL)."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from hamish.ui.widgets.bidi_input import BidiInput

R = TypeVar("R")

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


class LineDialog(ModalScreen[R | None], Generic[R]):
    """One line typed in a ``BidiInput`` (so Arabic reads right to left as it is typed): Enter
    answers with what ``answer`` makes of the text, Escape (each subclass binds it under its
    own id) answers None."""

    DEFAULT_CSS = DIALOG_CSS.format(name="LineDialog") + "LineDialog BidiInput { margin: 1 0; }"

    def __init__(self, title: str, text: str, *, placeholder: str, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.placeholder = placeholder
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title")
            yield BidiInput(self.text, placeholder=self.placeholder, id="line")
            yield Static(self.hint, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(BidiInput).focus()

    def answer(self, text: str) -> R:
        raise NotImplementedError

    @on(BidiInput.Submitted, "#line")
    def _submitted(self, event: BidiInput.Submitted) -> None:
        self.dismiss(self.answer(event.text))

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagsDialog(LineDialog[list[str]]):
    """Tags as a comma-separated line (the Arabic comma separates too)."""

    BINDINGS: list[BindingType] = [
        Binding("escape", "cancel", "Cancel", id="tags.cancel"),
    ]

    def __init__(self, tags: tuple[str, ...]) -> None:
        super().__init__(
            "Tags",
            ", ".join(tags),
            placeholder="tag, another tag",
            hint="Enter saves, Escape cancels; separate tags with commas.",
        )

    def answer(self, text: str) -> list[str]:
        return [tag.strip() for tag in text.replace("،", ",").split(",")]


class UrlDialog(LineDialog[str]):
    """A web page's address, for "Open URL…"; an empty line is no answer."""

    BINDINGS: list[BindingType] = [
        Binding("escape", "cancel", "Cancel", id="url.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(
            "Open URL",
            "",
            placeholder="https://…",
            hint="Enter opens the page (the library's copy if you saved it), Escape cancels.",
        )

    def answer(self, text: str) -> str:
        return text.strip()
