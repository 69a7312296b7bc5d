"""The reading pane with a caret, a selection and painted highlights.

Every screen position ↔ text conversion goes through the engine (``hamish.core.layout.navigation``
and the visual lines' cell map). The caret and the selection are one value, core's
``Selection``, held in a reactive: every move assigns it, and its watcher repaints, keeps the
caret in view and tells the pane, so no action has to remember to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from hamish.core.article import Article
from hamish.core.counts import count
from hamish.core.layout import Glyph, VisualLine
from hamish.core.layout import navigation as nav
from hamish.core.layout.navigation import Selection
from hamish.core.ranges import RangeIndex
from hamish.ui.render import GlyphPaint
from hamish.ui.widgets.article_view import ArticleView, Top

if TYPE_CHECKING:
    from hamish.core.annotations.model import Anchored
    from hamish.core.search.matches import SearchMatches


def _placed_span(placed: Anchored) -> tuple[int, int]:
    return placed.start, placed.end


class ReaderView(ArticleView, inherit_bindings=False):
    """The article with its marks: highlights, the selection, search matches and the caret."""

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
        Binding(
            "ctrl+shift+left",
            "word(-1, True)",
            "Extend a word left",
            show=False,
            id="reader.extend_word_left",
        ),
        Binding(
            "ctrl+shift+right",
            "word(1, True)",
            "Extend a word right",
            show=False,
            id="reader.extend_word_right",
        ),
        Binding("home", "line_edge(False)", "Line start", show=False, id="reader.line_start"),
        Binding("end", "line_edge(True)", "Line end", show=False, id="reader.line_end"),
        Binding(
            "pageup,b,shift+space", "move_page(-1)", "Page up", show=False, id="reader.page_up"
        ),  # b and shift+space as in less
        Binding("pagedown,space", "move_page(1)", "Page down", show=False, id="reader.page_down"),
        Binding("ctrl+home,g", "article_edge(False)", "Top", show=False, id="reader.top"),
        Binding("ctrl+end,G", "article_edge(True)", "Bottom", show=False, id="reader.bottom"),
        Binding("v", "toggle_select", "Select", show=False, id="reader.select"),
        Binding("s", "select_sentence", "Sentence", show=False, id="reader.sentence"),
        Binding("S", "select_paragraph", "Paragraph", show=False, id="reader.paragraph"),
        Binding("escape", "clear_selection", "Clear", show=False, id="reader.clear"),
        Binding("ctrl+c,y", "copy", "Copy selection", show=False, id="reader.copy"),
    ]

    selection: reactive[Selection | None] = reactive(None, init=False)
    """The caret and what is selected; None until the article has been laid out."""

    @dataclass
    class SelectionChanged(Message):
        """The caret moved or the selection changed (one message for both)."""

        view: ReaderView
        selection: Selection

        @property
        def control(self) -> ReaderView:
            return self.view

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._highlights: RangeIndex[Anchored] = RangeIndex((), _placed_span)
        self._matches: SearchMatches | None = None
        self._selected: tuple[int, int] | None = None
        """The selection's logical range, worked out once per change of ``selection``."""
        self._goal_col: int | None = None
        self._dragging = False
        self._end_wanted = False
        """``G`` was pressed while only the head was shown: go to the end once all is read."""

    # -- state ---------------------------------------------------------------------------------

    @property
    def caret(self) -> int | None:
        return None if self.selection is None else self.selection.caret

    @property
    def selected_range(self) -> tuple[int, int] | None:
        """The selected logical range, None when nothing is selected."""
        return self._selected

    def watch_selection(self, selection: Selection | None) -> None:
        layout = self.layout_engine
        self._selected = (
            None if selection is None or layout is None else nav.selection_range(layout, selection)
        )
        self.refresh()
        if selection is not None:
            self._scroll_to_caret()
            self.post_message(self.SelectionChanged(self, selection))

    def show_highlights(self, highlights: list[Anchored]) -> None:
        """Paint ``highlights``, later ones on top of earlier ones where they overlap."""
        self._highlights = RangeIndex(highlights, _placed_span)
        self.refresh()

    def show_matches(self, matches: SearchMatches | None) -> None:
        self._matches = matches
        self.refresh()

    def select(self, start: int, end: int) -> None:
        """Select ``start:end`` (e.g. a search match) with the caret on its last cluster."""
        layout = self.layout_engine
        if layout is not None and start < end:
            self.selection = Selection(nav.snap(layout, start), nav.snap(layout, end - 1))

    def move_caret_to(self, offset: int, *, center: bool = False) -> None:
        layout = self.layout_engine
        if layout is None or not self.article.blocks:
            return
        self.selection = Selection.at(nav.snap(layout, offset))
        if center:
            self._scroll_to_caret(center=True)

    def show_whole(self, article: Article) -> None:
        super().show_whole(article)
        if self._end_wanted:
            self.action_article_edge(True)

    def _relayout(self, top: Top | None = None) -> None:
        super()._relayout(top)
        layout = self.layout_engine
        if layout is None or not self.article.blocks:
            return
        selection = self.selection
        if selection is None:
            first = nav.first_offset(layout)
            if first is not None:
                self.set_reactive(ReaderView.selection, Selection.at(first))
        else:
            anchor = None if selection.anchor is None else nav.snap(layout, selection.anchor)
            snapped = Selection(anchor, nav.snap(layout, selection.caret), selection.sticky)
            self.set_reactive(ReaderView.selection, snapped)
        if self.selection is not None:
            self._selected = nav.selection_range(layout, self.selection)

    # -- actions ---------------------------------------------------------------------------------

    def _move(self, caret: int, *, extend: bool = False) -> None:
        self._end_wanted = False  # moved elsewhere meanwhile
        if self.selection is not None:
            self.selection = self.selection.moved(caret, extend=extend)

    def action_move(self, step: int, extend: bool = False) -> None:
        if self.layout_engine is not None and self.caret is not None:
            self._goal_col = None
            self._move(nav.move_horizontal(self.layout_engine, self.caret, step), extend=extend)

    def action_move_rows(self, rows: int, extend: bool = False) -> None:
        if self.layout_engine is not None and self.caret is not None:
            offset, self._goal_col = nav.move_vertical(
                self.layout_engine, self.caret, rows, self._goal_col
            )
            self._move(offset, extend=extend)

    def action_move_page(self, pages: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_relative(y=pages * height, animate=False, immediate=True)
        self.action_move_rows(pages * height)

    def action_word(self, step: int, extend: bool = False) -> None:
        layout, selection = self.layout_engine, self.selection
        if layout is None or selection is None:
            return
        self._goal_col = None
        if extend or selection.sticky:
            self.selection = nav.extend_by_word(layout, selection, step)
        else:
            self._move(nav.move_word(layout, selection.caret, step))

    def action_line_edge(self, end: bool) -> None:
        self._goal_col = None
        if self.layout_engine is not None and self.caret is not None:
            edge = nav.line_end if end else nav.line_start
            self._move(edge(self.layout_engine, self.caret))

    def action_article_edge(self, end: bool) -> None:
        layout = self.layout_engine
        if layout is None or not self.article.blocks:
            return
        if end and not self.whole:
            self._end_wanted = True
            self.notify("Reading the rest of the article…", markup=False)
            return
        if end:
            self.action_scroll_end()
            self._move(nav.snap(layout, len(self.article.text) - 1))
        else:
            first = nav.first_offset(layout)
            if first is not None:
                self._move(first)

    def action_toggle_select(self) -> None:
        if self.selection is not None:
            self.selection = self.selection.toggled()

    def action_select_sentence(self) -> None:
        if self.layout_engine is not None and self.caret is not None:
            self.select(*nav.sentence_at(self.layout_engine, self.caret))

    def action_select_paragraph(self) -> None:
        if self.layout_engine is not None and self.caret is not None:
            self.select(*nav.paragraph_at(self.layout_engine, self.caret))

    def clear_selection(self) -> bool:
        """Drop the selection; True if there was one."""
        if self.selection is None or not self.selection.selecting:
            return False
        self.selection = Selection.at(self.selection.caret)
        return True

    def action_clear_selection(self) -> None:
        """Escape clears a selection; with none, it falls through (to "back")."""
        if not self.clear_selection():
            raise SkipAction()

    def action_copy(self) -> None:
        """Copy the selected text, as stored (logical order), to the system clipboard (OSC 52:
        inside tmux it reaches tmux's buffer with ``set-clipboard on``)."""
        if self._selected is None:
            raise SkipAction()  # ctrl+c then means what it does elsewhere in the app
        text = self.article.text[slice(*self._selected)]
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {count(len(text), 'character')}.", markup=False)

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
        region = self.scrollable_content_region
        line = self.visual_line(int(self.scroll_offset.y) + event.screen_y - region.y)
        if line is None or not line.glyphs:
            return None
        glyph = line.nearest_glyph(event.screen_x - region.x)
        return None if glyph is None else glyph.start

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at_event(event)
        if offset is None:
            return
        self.focus()
        self.capture_mouse()
        self._dragging = True
        self.selection = Selection.at(offset)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = self._offset_at_event(event) if self._dragging else None
        if offset is not None and self.selection is not None and offset != self.caret:
            self.selection = self.selection.moved(offset, extend=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if not self._dragging:
            return
        self._dragging = False
        self.release_mouse()
        selection = self.selection
        if selection is not None and selection.anchor == selection.caret:
            self.selection = Selection.at(selection.caret)  # a click, not a drag

    # -- painting --------------------------------------------------------------------------------

    def _marks_on(
        self, line: VisualLine
    ) -> tuple[tuple[Anchored, ...], tuple[tuple[int, int], ...]]:
        highlights = tuple(self._highlights.overlapping(line.start, line.end))
        matches = () if self._matches is None else tuple(self._matches.on(line.start, line.end))
        return highlights, matches

    def paint_key(self, line: VisualLine) -> object:
        caret = self.caret
        on_row = caret if caret is not None and line.start <= caret < line.end else None
        selected = line.cells_of(*self._selected) if self._selected else ()
        current = self._matches.current_range if self._matches is not None else None
        highlights, matches = self._marks_on(line)
        current_here = current if current in matches else None
        ids = tuple((p.annotation.id, p.annotation.color, p.start, p.end) for p in highlights)
        focused = self.has_focus if on_row is not None else None  # only the caret shows focus
        return (on_row, selected, ids, matches, current_here, focused)

    def build_strip(self, line: VisualLine, width: int, paint: GlyphPaint | None = None) -> Strip:
        highlights, matches = self._marks_on(line)
        current = self._matches.current_range if self._matches is not None else None
        selected = self._selected
        caret = self.caret
        if (
            not highlights
            and not matches
            and (selected is None or selected[0] >= line.end or selected[1] <= line.start)
            and (caret is None or not line.start <= caret < line.end)
        ):
            return super().build_strip(line, width)  # nothing marked: no glyph to look at

        caret_style = "caret-focused" if self.has_focus else "caret"

        def marks_of(glyph: Glyph) -> list[str]:
            def covers(start: int, end: int) -> bool:
                return start < glyph.end and end > glyph.start

            names = [f"hl-{p.annotation.color}" for p in highlights if covers(p.start, p.end)]
            names += [
                "match-current" if found == current else "match"
                for found in matches
                if covers(*found)
            ]
            if selected and covers(*selected):
                names.append("selection")
            if caret is not None and glyph.start <= caret < glyph.end:
                names.append(caret_style)
            return names

        def paint_marks(glyph: Glyph) -> Style | None:
            style: Style | None = None
            for name in marks_of(glyph):
                mark = self.reading_style(name)
                style = mark if style is None else style + mark
            return style

        return super().build_strip(line, width, paint_marks)
