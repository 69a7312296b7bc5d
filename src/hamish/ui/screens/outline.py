"""``o``: the article's title and headings; Enter goes to one.

Each heading is laid out by the engine, so an Arabic or Hebrew heading reads right to left and
stands against the right edge, indented from it by its depth, as it does in the article.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from hamish.core.layout.short_text import layout_text
from hamish.core.outline import Heading
from hamish.ui.render import line_text

INDENT = 2
"""Cells per level of depth."""


def heading_text(heading: Heading, width: int, *, shaping: bool = True) -> Text:
    """One line, ``width`` cells at most, indented from its reading side by its depth."""
    indent = INDENT * heading.depth
    lines = layout_text(heading.text, max(1, width - indent), max_lines=1, shaping=shaping)
    if not lines:
        return Text("")
    line = lines[0]
    text = line_text(line, "bold" if heading.depth <= 1 else "")
    return text if line.rtl else Text(" " * indent, end="") + text


class OutlineScreen(ModalScreen[int | None]):
    """Dismissed with the chosen heading's offset, or None."""

    DEFAULT_CSS = """
    OutlineScreen { align: center middle; }
    OutlineScreen > Vertical {
        width: 72; max-width: 95%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    OutlineScreen OptionList, OutlineScreen OptionList:focus {
        height: auto; max-height: 100%; border: none;
    }
    """
    BINDINGS: list[BindingType] = [
        Binding("escape,o,q", "close", "Close", id="outline.close"),
    ]

    def __init__(
        self, headings: tuple[Heading, ...], current: int | None, *, shaping: bool = True
    ) -> None:
        super().__init__()
        self.headings = headings
        self.current = current
        self.shaping = shaping

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Outline: Enter goes to a heading", style="bold"))
            yield OptionList(id="outline-list")

    def on_mount(self) -> None:
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        option_list = self.query_one(OptionList)
        width = max(12, option_list.scrollable_content_region.width - 2)
        option_list.add_options(
            Option(heading_text(heading, width, shaping=self.shaping), id=str(index))
            for index, heading in enumerate(self.headings)
        )
        option_list.highlighted = self.current or 0
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.headings[int(event.option_id or 0)].start)

    def action_close(self) -> None:
        self.dismiss(None)
