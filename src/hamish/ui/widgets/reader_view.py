"""The reading pane with a caret, a selection and painted highlights.

Every screen position ↔ text conversion goes through the engine (``hamish.core.layout.navigation``
and the visual lines' cell map); this widget keeps only the state a reader moves: where the caret
is, where a selection started, and which highlights and search matches to paint.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from hamish.core.annotations.model import Color
from hamish.core.layout import Glyph, VisualLine
from hamish.core.layout import navigation as nav
from hamish.ui.render import GlyphPaint
from hamish.ui.theme_colors import highlight_classes, highlight_rules
from hamish.ui.widgets.article_view import ArticleView


@dataclass(frozen=True)
class Mark:
    """A painted range: a highlight (with its annotation id) or a search match."""

    start: int
    end: int
    color: Color | None = None
    annotation_id: str | None = None
    current: bool = False


class ReaderView(ArticleView, inherit_bindings=False):
    DEFAULT_CSS = """
    ReaderView > .reader-view--caret { text-style: reverse; }
    ReaderView:focus > .reader-view--caret { text-style: reverse bold; }
    ReaderView > .reader-view--selection {
        background: $hamish-selection; color: $hamish-selection-text;
    }
    ReaderView > .reader-view--match {
        text-style: underline; background: $hamish-match; color: $hamish-match-text;
    }
    ReaderView > .reader-view--match-current {
        text-style: bold underline;
        background: $hamish-match-current; color: $hamish-match-current-text;
    }
    """ + highlight_rules("ReaderView", "reader-view--hl-")
    COMPONENT_CLASSES = ArticleView.COMPONENT_CLASSES | {
        "reader-view--caret",
        "reader-view--selection",
        "reader-view--match",
        "reader-view--match-current",
        *highlight_classes("reader-view--hl-"),
    }

    BINDINGS: list[BindingType] = [
        Binding("left", "move(-1)", "Left", show=False, id="reader.left"),
        Binding("right", "move(1)", "Right", show=False, id="reader.right"),
        Binding("up,k", "move_rows(-1)", "Up", show=False, id="reader.line_up"),
        Binding("down,j", "move_rows(1)", "Down", show=False, id="reader.line_down"),
        Binding("shift+left", "move(-1, True)", "Extend left", show=False, id="reader.extend_left"),
        Binding(
            "shift+right", "move(1, True)", "Extend right", show=False, id="reader.extend_right"
        ),
        Binding("shift+up", "move_rows(-1, True)", "Extend up", show=False, id="reader.extend_up"),
        Binding(
            "shift+down", "move_rows(1, True)", "Extend down", show=False, id="reader.extend_down"
        ),
        Binding("ctrl+left", "word(-1)", "Word left", show=False, id="reader.word_left"),
        Binding("ctrl+right", "word(1)", "Word right", show=False, id="reader.word_right"),
        Binding("home", "line_edge(False)", "Line start", show=False, id="reader.line_start"),
        Binding("end", "line_edge(True)", "Line end", show=False, id="reader.line_end"),
        Binding("pageup", "move_page(-1)", "Page up", show=False, id="reader.page_up"),
        Binding("pagedown,space", "move_page(1)", "Page down", show=False, id="reader.page_down"),
        Binding("ctrl+home,g", "article_edge(False)", "Top", show=False, id="reader.top"),
        Binding("ctrl+end,G", "article_edge(True)", "Bottom", show=False, id="reader.bottom"),
        Binding("v", "toggle_select", "Select", show=False, id="reader.select"),
        Binding("s", "select_sentence", "Sentence", show=False, id="reader.sentence"),
        Binding("S", "select_paragraph", "Paragraph", show=False, id="reader.paragraph"),
        Binding("escape", "clear_selection", "Clear", show=False, id="reader.clear"),
    ]

    @dataclass
    class CaretMoved(Message):
        view: ReaderView
        offset: int

        @property
        def control(self) -> ReaderView:
            return self.view

    @dataclass
    class SelectionChanged(Message):
        view: ReaderView
        selection: tuple[int, int] | None

        @property
        def control(self) -> ReaderView:
            return self.view

    def __init__(self, *args: object, caret: int | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.caret: int | None = caret
        self.anchor: int | None = None
        self.selecting = False
        self.marks: tuple[Mark, ...] = ()
        self._goal_col: int | None = None
        self._dragging = False
        self._selection_cache: tuple[tuple[int, int, int], tuple[int, int]] | None = None

    # -- state ---------------------------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected logical range (asked for by every drawn row, so remembered)."""
        layout = self.layout_engine
        if layout is None or self.anchor is None or self.caret is None:
            return None
        key = (self.anchor, self.caret, id(layout))
        if self._selection_cache is None or self._selection_cache[0] != key:
            selected = nav.selection_range(layout, nav.Selection(self.anchor, self.caret))
            self._selection_cache = (key, selected)
        return self._selection_cache[1]

    def set_marks(self, marks: tuple[Mark, ...]) -> None:
        self.marks = marks
        self.refresh()

    def select(self, start: int, end: int) -> None:
        """Select ``start:end`` (e.g. a search match) and put the caret on its last cluster."""
        layout = self.layout_engine
        if layout is None or start >= end:
            return
        self.anchor = nav.snap(layout, start)
        self._place(nav.snap(layout, end - 1), keep_selection=True)
        self.selecting = False

    def move_caret_to(self, offset: int, *, center: bool = False) -> None:
        layout = self.layout_engine
        if layout is None or not self.article.blocks:
            return
        self.anchor = None
        self.selecting = False
        self._place(nav.snap(layout, offset), center=center)

    def _relayout(self, top_offset: int | None = None) -> None:
        super()._relayout(top_offset)
        layout = self.layout_engine
        if layout is None or not self.article.blocks:
            return
        if self.caret is None:
            self.caret = nav.first_offset(layout)
        else:
            self.caret = nav.snap(layout, self.caret)

    # -- actions ---------------------------------------------------------------------------------

    def _place(self, offset: int, *, keep_selection: bool = False, center: bool = False) -> None:
        previous_selection = self.selection
        if not keep_selection and not self.selecting:
            self.anchor = None
        self.caret = offset
        self.refresh()
        self._scroll_to_caret(center=center)
        self.post_message(self.CaretMoved(self, offset))
        if self.selection != previous_selection:
            self.post_message(self.SelectionChanged(self, self.selection))

    def _begin_extend(self, extend: bool) -> None:
        if extend and self.anchor is None:
            self.anchor = self.caret

    def action_move(self, step: int, extend: bool = False) -> None:
        layout = self.layout_engine
        if layout is None or self.caret is None:
            return
        self._begin_extend(extend)
        self._goal_col = None
        self._place(nav.move_horizontal(layout, self.caret, step), keep_selection=extend)

    def action_move_rows(self, rows: int, extend: bool = False) -> None:
        layout = self.layout_engine
        if layout is None or self.caret is None:
            return
        self._begin_extend(extend)
        offset, self._goal_col = nav.move_vertical(layout, self.caret, rows, self._goal_col)
        self._place(offset, keep_selection=extend)

    def action_move_page(self, pages: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_relative(y=pages * height, animate=False, immediate=True)
        self.action_move_rows(pages * height)

    def action_word(self, step: int) -> None:
        self._goal_col = None
        if self.layout_engine is not None and self.caret is not None:
            self._place(nav.move_word(self.layout_engine, self.caret, step))

    def action_line_edge(self, end: bool) -> None:
        self._goal_col = None
        layout = self.layout_engine
        if layout is not None and self.caret is not None:
            edge = nav.line_end if end else nav.line_start
            self._place(edge(layout, self.caret))

    def action_article_edge(self, end: bool) -> None:
        layout = self.layout_engine
        if layout is None or not self.article.blocks:
            return
        if end:
            self.action_scroll_end()
            self._place(nav.snap(layout, len(self.article.text) - 1))
        else:
            first = nav.first_offset(layout)
            if first is not None:
                self._place(first)

    def action_toggle_select(self) -> None:
        if self.selecting or self.anchor is not None:
            self.selecting = False
            self.refresh()
            return
        self.selecting = True
        self.anchor = self.caret
        self.refresh()
        self.post_message(self.SelectionChanged(self, self.selection))

    def action_select_sentence(self) -> None:
        if self.layout_engine is not None and self.caret is not None:
            self.select(*nav.sentence_at(self.layout_engine, self.caret))

    def action_select_paragraph(self) -> None:
        if self.layout_engine is not None and self.caret is not None:
            self.select(*nav.paragraph_at(self.layout_engine, self.caret))

    def clear_selection(self) -> bool:
        """Drop the selection; True if there was one."""
        if self.anchor is None and not self.selecting:
            return False
        had = self.selection is not None
        self.anchor = None
        self.selecting = False
        self.refresh()
        if had:
            self.post_message(self.SelectionChanged(self, None))
        return True

    def action_clear_selection(self) -> None:
        """Escape clears a selection; with none, it falls through (to "back")."""
        if not self.clear_selection():
            raise SkipAction()

    def _scroll_to_caret(self, *, center: bool = False) -> None:
        layout = self.layout_engine
        if layout is None or self.caret is None:
            return
        row = layout.row_of(self.caret)
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        self._update_virtual_size()
        if center:
            self.scroll_to(y=max(0, row - height // 2), animate=False, immediate=True)
        elif row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    # -- mouse -----------------------------------------------------------------------------------

    def _offset_at_event(self, event: events.MouseEvent) -> int | None:
        layout = self.layout_engine
        region = self.scrollable_content_region
        if layout is None:
            return None
        row = int(self.scroll_offset.y) + event.screen_y - region.y
        col = event.screen_x - region.x
        line = self.visual_line(row)
        if line is None or not line.glyphs:
            return None
        glyph = line.nearest_glyph(col)
        return None if glyph is None else glyph.start

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at_event(event)
        if offset is None:
            return
        self.focus()
        self.capture_mouse()
        self._dragging = True
        self.selecting = False
        self.anchor = None
        self._place(offset)
        self.anchor = offset

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging:
            return
        offset = self._offset_at_event(event)
        if offset is not None and offset != self.caret:
            self._place(offset, keep_selection=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if not self._dragging:
            return
        self._dragging = False
        self.release_mouse()
        if self.anchor == self.caret:
            self.anchor = None
            self.refresh()

    # -- painting --------------------------------------------------------------------------------

    def _marks_on(self, line: VisualLine) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.start < line.end and m.end > line.start)

    def paint_key(self, line: VisualLine) -> object:
        selection = self.selection
        caret = (
            self.caret if self.caret is not None and line.start <= self.caret < line.end else None
        )
        selected = line.cells_of(*selection) if selection else ()
        return (caret, selected, self._marks_on(line), self.has_focus)

    def build_strip(self, line: VisualLine, width: int, paint: GlyphPaint | None = None) -> Strip:
        marks = self._marks_on(line)
        selection = self.selection
        caret = self.caret

        def paint_marks(glyph: Glyph) -> Style | None:
            style: Style | None = None
            for mark in marks:
                if mark.start < glyph.end and mark.end > glyph.start:
                    name = (
                        f"reader-view--hl-{mark.color.value}"
                        if mark.color is not None
                        else (
                            "reader-view--match-current" if mark.current else "reader-view--match"
                        )
                    )
                    style = self._style(name) if style is None else style + self._style(name)
            if selection and selection[0] < glyph.end and selection[1] > glyph.start:
                selected = self._style("reader-view--selection")
                style = selected if style is None else style + selected
            if caret is not None and glyph.start <= caret < glyph.end:
                caret_style = self._style("reader-view--caret")
                style = caret_style if style is None else style + caret_style
            return style

        return super().build_strip(line, width, paint_marks)
