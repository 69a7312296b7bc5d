"""The reading screen: one article, or two side by side (an original beside its translation).

Each ``ReaderPane`` has its own scroll, caret, search and annotations; ``tab`` moves between
them and ``+``/``-`` give the focused one more or less of the width.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen

from hamish.core.annotations.colors import Color
from hamish.core.loaders.progressive import ArticleLoad
from hamish.ui.reading import Reading
from hamish.ui.widgets.key_hints import KeyHints
from hamish.ui.widgets.reader_pane import Goal, ReaderPane
from hamish.ui.widgets.reader_view import ReaderView

MAX_PANES = 2
MIN_SHARE, MAX_SHARE = 2, 8
"""Pane widths are shares of 10: each pane keeps at least a fifth of the screen."""


class ReaderScreen(Screen[None]):
    DEFAULT_CSS = """
    ReaderScreen > #panes { height: 1fr; }
    ReaderScreen ReaderPane { border-left: none; }
    ReaderScreen ReaderPane.-second { border-left: vkey $primary; }
    """
    BINDINGS: list[BindingType] = [
        Binding("tab", "cycle_pane", "Next pane", show=False, id="reader.next_pane"),
        Binding("plus,equals_sign", "resize(1)", "Wider", show=False, id="reader.wider"),
        Binding("minus", "resize(-1)", "Narrower", show=False, id="reader.narrower"),
        Binding("ctrl+w", "close_pane", "Close pane", show=False, id="reader.close_pane"),
    ]

    def __init__(
        self, loaded: ArticleLoad, reading: Reading, *, color: Color, goal: Goal = None
    ) -> None:
        super().__init__()
        self._reading = reading
        self._first = ReaderPane(loaded, reading, color=color, goal=goal)
        self._shares: dict[int, int] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield self._first
        yield KeyHints()

    def on_mount(self) -> None:
        self._first.view.focus()

    @property
    def panes(self) -> list[ReaderPane]:
        return list(self.query(ReaderPane))

    @property
    def pane(self) -> ReaderPane:
        """The pane with focus (the first one when focus is elsewhere, or before the screen
        has mounted its panes)."""
        focused, panes = self.focused, self.panes
        for pane in panes:
            if focused is not None and pane in focused.ancestors_with_self:
                return pane
        return panes[0] if panes else self._first

    async def open_beside(self, loaded: ArticleLoad) -> None:
        """Show ``loaded`` in a second pane (replacing the other pane if there are two)."""
        panes = self.panes
        if len(panes) >= MAX_PANES:
            other = next(p for p in panes if p is not self.pane)
            await other.remove()
        pane = ReaderPane(loaded, self._reading, color=self.pane.annotating.color)
        pane.add_class("-second")
        await self.query_one("#panes").mount(pane)
        self._shares.clear()
        for existing in self.panes:
            existing.styles.width = "1fr"
        pane.view.focus()

    def action_cycle_pane(self) -> None:
        panes = self.panes
        if len(panes) < 2:
            return
        index = panes.index(self.pane)
        panes[(index + 1) % len(panes)].query_one(ReaderView).focus()

    async def action_close_pane(self) -> None:
        """Close the pane with focus; closing the only one leaves the article."""
        if len(self.panes) < 2:
            await self.app.run_action("app.back")
            return
        closing = self.pane
        await closing.remove()
        self._shares.clear()
        for pane in self.panes:
            pane.styles.width = "1fr"
            pane.remove_class("-second")
        self.panes[0].view.focus()

    def action_resize(self, step: int) -> None:
        panes = self.panes
        if len(panes) < 2:
            self.notify(
                "One article is shown: open another beside it from the library (l).", markup=False
            )
            return
        focused = self.pane
        share = max(MIN_SHARE, min(MAX_SHARE, self._shares.get(id(focused), 5) + step))
        for pane in panes:
            self._shares[id(pane)] = share if pane is focused else 10 - share
            pane.styles.width = f"{self._shares[id(pane)]}fr"
