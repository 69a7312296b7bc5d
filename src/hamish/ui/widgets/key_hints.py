"""The footer: the keys that what has focus answers to, on one line, as Textual's footer shows.

One widget drawing one line of text, not Textual's ``Footer``, which makes a widget per key and
builds them all again whenever the screen says its bindings changed (as it is shown, as focus
lands, once more after the next frame): each build, its keys styled one by one, took 15-20 ms,
and held up the keys pressed meanwhile, most of all in a long article's first seconds. Here a
change of bindings costs a redraw, and only if the keys shown change. A click on a key presses
it, as on Textual's footer.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

DIM = Style(dim=True)
"""A key that does nothing where focus is now (Textual's footer shows it dim too)."""


class Hint(NamedTuple):
    key: str
    shown: str
    description: str
    enabled: bool


class KeyHints(Widget):
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyHints > .key-hints--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyHints > .key-hints--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyHints > .key-hints--palette { color: $foreground 20%; }
    """
    COMPONENT_CLASSES = {"key-hints--key", "key-hints--description", "key-hints--palette"}

    def __init__(self) -> None:
        super().__init__()
        self.hints: tuple[Hint, ...] = ()
        """The screen's shown bindings, one per action, in order."""
        self.palette: Hint | None = None
        """The command palette's key, drawn at the right end."""
        self._spans: list[tuple[int, int, str]] = []
        """(first column, end column, key) of each hint as last drawn, for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        hints: dict[str, Hint] = {}
        palette = None
        for key, (_, binding, enabled, _tooltip) in screen.active_bindings.items():
            hint = Hint(key, self.app.get_key_display(binding), binding.description, enabled)
            if key == self.app.COMMAND_PALETTE_BINDING:
                palette = hint if self.app.ENABLE_COMMAND_PALETTE else None
            elif binding.show and binding.action not in hints:
                hints[binding.action] = hint
        shown = (tuple(hints.values()), palette)
        if shown != (self.hints, self.palette):
            self.hints, self.palette = shown
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-hints--key")
        description_style = self.get_component_rich_style("key-hints--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for hint in self.hints:
            start = line.cell_len
            line.append(f" {hint.shown} ", key_style if hint.enabled else key_style + DIM)
            line.append(f"{hint.description} " if hint.description else "", description_style)
            self._spans.append((start, line.cell_len, hint.key))
        if self.palette is not None:
            right = Text.assemble(
                ("▏", self.get_component_rich_style("key-hints--palette")),
                (self.palette.shown, key_style),
                (f" {self.palette.description} ", description_style),
            )
            gap = max(1, self.size.width - line.cell_len - right.cell_len)
            line.append(" " * gap)
            self._spans.append((line.cell_len, line.cell_len + right.cell_len, self.palette.key))
            line.append_text(right)
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
