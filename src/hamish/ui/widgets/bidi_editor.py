"""What hamish's text fields share: an editing model from the core, drawn by the layout engine.

``BidiTextArea`` (notes) and ``BidiInput`` (search, tags, any one-line field) each hold a
``hamish.core.editing.Editor``. This widget only draws its rows with ``ui.render``'s strip builder,
routes keys and the mouse to it, and talks to the clipboard; every rule of editing, bidi and
caret placement is in the core. What is typed is kept verbatim; what is drawn is the engine's
glyphs, so control characters and escape sequences show as symbols (␛) and never reach the
terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from hamish.core.editing import Editor, Row
from hamish.core.layout import Glyph, VisualLine
from hamish.core.layout.short_text import layout_text
from hamish.ui.render import line_strip


def move_bindings(key: str, action: str, description: str, binding_id: str) -> list[Binding]:
    """A move's binding, and with shift the same move extending the selection."""
    shifted = f"ctrl+shift+{key[5:]}" if key.startswith("ctrl+") else f"shift+{key}"
    return [
        Binding(key, action, description, show=False, id=f"editor.{binding_id}"),
        Binding(
            shifted,
            action[:-1] + ", True)",
            f"Select: {description.lower()}",
            show=False,
            id=f"editor.select_{binding_id}",
        ),
    ]


class BidiEditor(ScrollView, can_focus=True):
    """A text field whose text reads right at every keystroke, in any direction."""

    DEFAULT_CSS = """
    BidiEditor { background: $surface; color: $foreground; pointer: text; }
    BidiEditor > .bidi-editor--caret { text-style: reverse; }
    BidiEditor > .bidi-editor--selection { background: $primary 60%; }
    BidiEditor > .bidi-editor--placeholder { color: $text-disabled; }
    """
    COMPONENT_CLASSES = {
        "bidi-editor--caret",
        "bidi-editor--selection",
        "bidi-editor--placeholder",
    }
    BINDINGS: list[BindingType] = [
        *move_bindings("left", "move(-1)", "Left", "left"),
        *move_bindings("right", "move(1)", "Right", "right"),
        *move_bindings("ctrl+left", "word(-1)", "Word left", "word_left"),
        *move_bindings("ctrl+right", "word(1)", "Word right", "word_right"),
        *move_bindings("home", "row_edge(False)", "Line start", "home"),
        *move_bindings("end", "row_edge(True)", "Line end", "end"),
        *move_bindings("ctrl+home", "document_edge(False)", "Start", "start"),
        *move_bindings("ctrl+end", "document_edge(True)", "End", "finish"),
        Binding("backspace", "backspace", "Delete left", show=False, id="editor.backspace"),
        Binding("delete", "delete", "Delete right", show=False, id="editor.delete"),
        Binding("ctrl+a", "select_all", "Select all", show=False, id="editor.select_all"),
        Binding("ctrl+c", "copy", "Copy", show=False, id="editor.copy"),
        Binding("ctrl+x", "cut", "Cut", show=False, id="editor.cut"),
        Binding("ctrl+v", "paste", "Paste", show=False, id="editor.paste"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="editor.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="editor.redo"),
        Binding("ctrl+r", "flip_direction", "Flip direction", id="editor.flip_direction"),
    ]

    placeholder: reactive[str] = reactive("")
    """Shown (through the engine, so it may be Arabic) while the field is empty."""

    @dataclass
    class Changed(Message):
        editor: BidiEditor
        text: str

        @property
        def control(self) -> BidiEditor:
            return self.editor

    SINGLE_LINE: ClassVar[bool] = False
    """One row that scrolls sideways (line breaks become spaces), or soft-wrapped paragraphs."""

    def __init__(
        self,
        text: str = "",
        *,
        placeholder: str = "",
        rtl: bool = False,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's parameter name
        classes: str | None = None,
    ) -> None:
        """``rtl``: the direction of a line before its first letter is typed."""
        super().__init__(name=name, id=id, classes=classes)
        self._rtl = rtl
        self.editor = self._new_editor(text)
        self._strips: LRUCache[tuple[object, ...], tuple[VisualLine, Strip]] = LRUCache(256)
        self._styles: dict[str, Style] = {}
        self._place = self.editor.view.place(self.editor.caret)
        self._selecting = False
        self.set_reactive(BidiEditor.placeholder, placeholder)

    def _new_editor(self, text: str, *, shaping: bool = True, reorder: bool = True) -> Editor:
        return Editor(text, single_line=self.SINGLE_LINE, shaping=shaping, reorder=reorder,
                      default_level=int(self._rtl))  # fmt: skip

    def _on_mount(self, event: events.Mount) -> None:
        """Draw as the app's reader does (``--bidi terminal`` / ``--no-shaping``)."""
        shaping, reorder = getattr(self.app, "shaping", True), getattr(self.app, "reorder", True)
        if (shaping, reorder) != (self.editor.view.shaping, self.editor.view.reorder):
            self.editor = self._new_editor(self.editor.text, shaping=shaping, reorder=reorder)
            self._place = self.editor.view.place(self.editor.caret)

    # -- the text -------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.editor.text

    @text.setter
    def text(self, text: str) -> None:
        self.editor.set_text(text)
        self._edited(changed=True)

    def insert(self, text: str) -> None:
        """Insert ``text`` at the caret as a paste would: verbatim, one undo step."""
        self._run(lambda: self.editor.insert(text, typed=False))

    def _run(self, command: Callable[[], object]) -> None:
        before = self.editor.text
        command()
        self._edited(changed=self.editor.text != before)

    def _edited(self, *, changed: bool) -> None:
        if changed:
            self.post_message(self.Changed(self, self.editor.text))
        self._update_virtual_size()
        self._place = self.editor.view.place(self.editor.caret)
        self._show_caret()
        self.refresh()

    # -- layout and drawing -----------------------------------------------------------------

    @property
    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def on_resize(self) -> None:
        self.editor.resize(self._text_width)
        self._edited(changed=False)

    def _update_virtual_size(self) -> None:
        view = self.editor.view
        self.virtual_size = Size(view.canvas_width, view.row_count)

    def _show_caret(self) -> None:
        place = self._place
        self.scroll_to_region(Region(place.col, place.row, 1, 1), animate=False, force=True,
                              immediate=True)  # fmt: skip
        if self.has_focus:
            content = self.scrollable_content_region
            self.app.cursor_position = Offset(
                content.x + place.col - int(self.scroll_offset.x),
                content.y + place.row - int(self.scroll_offset.y),
            )

    def watch_placeholder(self) -> None:
        self.refresh()

    def _on_focus(self, event: events.Focus) -> None:
        self._show_caret()
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, name: str) -> Style:
        """A component class's style, or the widget's own for ``""``; cached until CSS changes."""
        style = self._styles.get(name)
        if style is None:
            style = (
                self.rich_style if not name else self.get_component_rich_style(name, partial=True)
            )
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = int(self.scroll_offset.x), int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        index = scroll_y + y
        view = self.editor.view
        if index >= view.row_count:
            return Strip.blank(width, self._style(""))
        place = self._place
        caret = place.col if self.has_focus and place.row == index else None
        selection = self.editor.selection
        row = view.row(index)
        chosen = (
            (selection.start - row.start, selection.end - row.start)
            if selection.start < row.start + row.line.end and selection.end > row.start
            else None
        )
        # Keyed by the line object: rows of paragraphs a keystroke did not touch are the same
        # objects (the core keeps their layouts), so only the touched paragraph is drawn again.
        # The cache holds the line too, so its id cannot be reused while the entry lives.
        empty = not self.editor.text and self.placeholder
        key = (
            id(row.line),
            row.shift,
            view.canvas_width,
            caret,
            chosen,
            empty and self.placeholder,
        )
        cached = self._strips.get(key)
        if cached is None or cached[0] is not row.line:
            cached = self._strips[key] = (row.line, self._build(row, caret, chosen))
        return cached[1].crop_extend(scroll_x, scroll_x + width, self._style(""))

    def _build(self, row: Row, caret: int | None, chosen: tuple[int, int] | None) -> Strip:
        base = self._style("")
        canvas = self.editor.view.canvas_width
        caret_style = self._style("bidi-editor--caret")
        if not self.editor.text and self.placeholder:
            lines = layout_text(self.placeholder, canvas - 1, max_lines=1)
            placeholder = base + self._style("bidi-editor--placeholder")
            if lines:
                strip = line_strip(lines[0], canvas, base=base, text=placeholder)
                return strip if caret is None else _paint_cell(strip, caret, caret_style)
        selection_style = self._style("bidi-editor--selection")

        def paint(glyph: Glyph) -> Style | None:
            left = glyph.col + row.shift
            if caret is not None and left <= caret < left + glyph.width:
                return caret_style
            if chosen is not None and glyph.start < chosen[1] and glyph.end > chosen[0]:
                return selection_style
            return None

        strip = line_strip(row.line, canvas - row.shift, base=base, text=base, paint=paint)
        if row.shift:
            strip = Strip.join([Strip.blank(row.shift, base), strip])
        if caret is not None and row.line.glyph_at(caret - row.shift) is None:
            strip = _paint_cell(strip, caret, caret_style)
        return strip

    # -- keys -------------------------------------------------------------------------------

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return character is not None and character.isprintable()

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character is not None:
            event.stop()
            event.prevent_default()
            self._run(lambda: self.editor.insert(event.character or ""))

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.insert(event.text)

    def action_move(self, step: int, select: bool = False) -> None:
        self._run(lambda: self.editor.move_horizontal(step, select=select))

    def action_word(self, step: int, select: bool = False) -> None:
        self._run(lambda: self.editor.move_word(step, select=select))

    def action_row_edge(self, end: bool, select: bool = False) -> None:
        self._run(lambda: self.editor.move_to_row_edge(end=end, select=select))

    def action_document_edge(self, end: bool, select: bool = False) -> None:
        self._run(lambda: self.editor.move_to_document_edge(end=end, select=select))

    def action_backspace(self) -> None:
        self._run(self.editor.backspace)

    def action_delete(self) -> None:
        self._run(self.editor.delete)

    def action_select_all(self) -> None:
        self._run(self.editor.select_all)

    def action_copy(self) -> None:
        if self.editor.selected_text:
            self.app.copy_to_clipboard(self.editor.selected_text)

    def action_cut(self) -> None:
        text = self.editor.selected_text
        if text:
            self.app.copy_to_clipboard(text)
            self._run(self.editor.cut)

    def action_paste(self) -> None:
        if self.app.clipboard:
            self.insert(self.app.clipboard)

    def action_undo(self) -> None:
        self._run(self.editor.undo)

    def action_redo(self) -> None:
        self._run(self.editor.redo)

    def action_flip_direction(self) -> None:
        self._run(self.editor.flip_direction)

    # -- mouse ------------------------------------------------------------------------------

    def _click(self, event: events.MouseEvent, *, select: bool) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = int(self.scroll_offset.y) + offset.y
        col = int(self.scroll_offset.x) + offset.x
        self._run(lambda: self.editor.click(row, col, select=select))

    def _on_mouse_down(self, event: events.MouseDown) -> None:
        self.focus()
        self._click(event, select=event.shift)
        self._selecting = True
        self.capture_mouse()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        if self._selecting:
            self._click(event, select=True)

    def _on_mouse_up(self, event: events.MouseUp) -> None:
        if self._selecting:
            self._selecting = False
            self.release_mouse()


def _paint_cell(strip: Strip, col: int, style: Style) -> Strip:
    """``strip`` with cell ``col`` (where the caret waits) drawn in ``style`` too."""
    if col >= strip.cell_length:
        return strip
    left, cell, right = strip.divide([col, col + 1, strip.cell_length])
    return Strip.join([left, cell.apply_style(style), right])
