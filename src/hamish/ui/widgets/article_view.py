"""The reading pane: a Line-API widget that draws the engine's visual lines.

Only visible rows are ever built (``render_line``), strips are cached per row and per paint, and
the article is wrapped in the background about a millisecond at a time, so neither opening nor
scrolling costs more for a 10 MB article than for a 4 KB one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping

from rich.style import Style
from textual import on
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker

from hamish import collector
from hamish.core.article import Article, BlockKind
from hamish.core.column import column_margins
from hamish.core.layout import Layout, LayoutOptions, VisualLine
from hamish.ui.render import GlyphPaint, line_strip
from hamish.ui.theme_colors import reading_styles
from hamish.ui.workers import report_failure

Top = tuple[int, bool]
"""What is at the top of the view: a row's first offset, and whether the row is the blank one
after its block (whose offset, the block's end, is also the end of the block's last row)."""

_INDEX_STEP_SECONDS = 0.001
"""Wrapping done between two turns of the event loop. A key's handling takes a dozen turns (its
messages hop from widget to widget, the frame is drawn after), and each may wait for one step:
48 blocks a step (3-4 ms) made every key of a 10 MB article's first seconds take 55 ms."""


def _index_a_little(layout: Layout) -> bool:
    """Wrap for about ``_INDEX_STEP_SECONDS``; True once every block is wrapped."""
    deadline = time.perf_counter() + _INDEX_STEP_SECONDS
    while not layout.index(1):
        if time.perf_counter() >= deadline:
            return False
    return True


_KIND_STYLES: dict[BlockKind | None, str] = {
    BlockKind.TITLE: "title",
    BlockKind.META: "meta",
    BlockKind.HEADING: "heading",
    BlockKind.QUOTE: "quote",
    BlockKind.LIST_ITEM: "text",
    BlockKind.PARAGRAPH: "text",
    None: "text",
}


class ArticleView(ScrollView, can_focus=True):
    """Shows one article, laid out by ``hamish.core.layout`` at the widget's width."""

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        padding: 0 1;
    }
    """

    def __init__(
        self,
        article: Article,
        *,
        shaping: bool = True,
        reorder: bool = True,
        max_width: int = 0,
        whole: bool = True,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article = article
        self.whole = whole
        """False while ``article`` is the head of a long file whose rest is being read."""
        self.shaping = shaping
        self.reorder = reorder
        self.max_width = max_width
        """The widest the text column may be (0: the whole width); see ``set_max_width``."""
        self.layout_engine: Layout | None = None
        self._strips: LRUCache[tuple[int, int, object], Strip] = LRUCache(1024)
        self._generation = 0
        self._styles: Mapping[str, Style] | None = None
        self.first_paint: float | None = None
        """When the first row was drawn (``time.perf_counter``): what ``hamish.bench`` measures."""

    # -- layout -------------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def show_whole(self, article: Article) -> None:
        """The whole article has been read: show ``article`` (the full parse of a long file
        whose head was shown, keeping the text at the top of the view where it is; or the same
        article when reading the rest failed and the head is all there is)."""
        self.whole = True
        if article is self.article:
            self._settled()
            return
        top = self._top()
        self.article = article
        self.layout_engine = None
        self._relayout(top)

    def _relayout(self, top: Top | None = None) -> None:
        """Lay the article out for the current width, keeping the same text at the top."""
        width = self.text_width
        old = self.layout_engine
        if old is not None and old.width == width:
            return
        if top is None:
            top = self._top()
        layout = self.layout_engine = Layout(
            self.article,
            LayoutOptions(width, shaping=self.shaping, reorder=self.reorder),
        )
        self._generation += 1
        self._strips.clear()
        top_row = None if top is None else layout.row_of(top[0]) + top[1]
        layout.ensure_row(self.scrollable_content_region.height + 1 + (top_row or 0))
        self._update_virtual_size()
        if top_row is not None:
            self.scroll_to(y=top_row, animate=False, immediate=True)
        # The rest is wrapped between frames, starting once the first screen is on the terminal.

        async def index_rest() -> None:  # created only if the worker runs at all
            await self._index_rest(layout)

        self.call_after_refresh(
            lambda: self.run_worker(index_rest, exclusive=True, exit_on_error=False, group="layout")
        )

    def _top(self) -> Top | None:
        layout = self.layout_engine
        if layout is None or not self.article.blocks or layout.known_rows == 0:
            return None
        line = layout.line(min(int(self.scroll_offset.y), layout.known_rows - 1))
        return line.start, line.is_spacer

    async def _index_rest(self, layout: Layout) -> None:
        last_update = time.monotonic()
        while layout is self.layout_engine and not _index_a_little(layout):
            if time.monotonic() - last_update > 0.25:  # the scrollbar, not every step
                self._update_virtual_size()
                last_update = time.monotonic()
            await asyncio.sleep(0)
        if layout is self.layout_engine:
            self._update_virtual_size()
            self._settled()

    def _settled(self) -> None:
        """Once the whole article is read and wrapped, hamish has started: what it built is
        kept out of the cycle collector's way (``collector``)."""
        if self.whole and self.layout_engine is not None and self.layout_engine.complete:
            collector.resume()

    def _update_virtual_size(self) -> None:
        layout = self.layout_engine
        rows = 0 if layout is None else layout.estimated_rows()
        self.virtual_size = Size(self.text_width, rows)

    def on_resize(self) -> None:
        self._fit_column()
        self._relayout()

    def set_max_width(self, max_width: int) -> None:
        """Set the text in a centred column of at most ``max_width`` cells (0: full width)."""
        self.max_width = max_width
        self._fit_column()
        self._relayout()

    def _fit_column(self) -> None:
        """The column's margins are the view's padding: the content region is the column, so
        rows, the mouse and the caret count cells from its first column as before."""
        available = self.outer_size.width - self.styles.scrollbar_size_vertical
        left, right = column_margins(available, self.max_width)
        if (self.styles.padding.left, self.styles.padding.right) != (left, right):
            self.styles.padding = (0, right, 0, left)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Redraw (the caret is bold while the view has focus) without styling the view again
        as Textual does, for ``:focus`` rules: it has none (``reading_styles``). Styling it and
        its scrollbars again was most of what moving focus cost, the first screen's included."""
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None  # the theme may have changed
        self._strips.clear()

    # -- rendering ----------------------------------------------------------------------------

    def reading_style(self, name: str) -> Style:
        """One of ``reading_styles`` (a kind of block's text, a mark) in the current theme."""
        if self._styles is None:
            self._styles = reading_styles(self.app.get_css_variables(), self.app.ansi_theme)
        return self._styles[name]

    def visual_line(self, row: int) -> VisualLine | None:
        layout = self.layout_engine
        if layout is None:
            return None
        try:
            return layout.line(row)
        except IndexError:
            return None

    def render_line(self, y: int) -> Strip:
        if self.first_paint is None:
            self.first_paint = time.perf_counter()
        width = self.scrollable_content_region.width
        if self.layout_engine is None and width > 0:
            # The first frame is drawn before this widget has handled its first Resize: lay
            # the article out now, in its column, so that frame shows it as it stays.
            self._fit_column()
            self._relayout()
            width = self.scrollable_content_region.width
        row = int(self.scroll_offset.y) + y
        line = self.visual_line(row)
        if line is None or self.layout_engine is None:
            return Strip.blank(width, self.rich_style)
        paint_key = self.paint_key(line)
        key = (row, self._generation, paint_key)
        strip = self._strips.get(key)
        if strip is None:
            strip = self.build_strip(line, width)
            self._strips[key] = strip
        return strip

    def paint_key(self, line: VisualLine) -> object:
        """What besides the text decides how ``line`` looks (caret, selection, highlights)."""
        return None

    def build_strip(self, line: VisualLine, width: int, paint: GlyphPaint | None = None) -> Strip:
        """The strip for ``line``; ``paint`` adds a style to chosen glyphs (highlights, caret)."""
        base = self.rich_style
        return line_strip(
            line,
            width,
            base=base,
            text=base + self.reading_style(_KIND_STYLES[line.kind]),
            decoration=base + self.reading_style("decoration"),
            paint=paint,
        )

    # -- scrolling ----------------------------------------------------------------------------

    def action_scroll_end(self) -> None:
        if self.layout_engine is not None and not self.layout_engine.complete:
            self.layout_engine.index()
            self._update_virtual_size()
        self.scroll_end(animate=False, immediate=True)
