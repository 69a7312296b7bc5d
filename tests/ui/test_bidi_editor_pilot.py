"""Typing into hamish's own text fields, headless: what they draw is the engine's visual lines,
what they keep is exactly what was typed."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.events import Paste
from textual.pilot import Pilot

from hamish.core.layout.short_text import layout_text, visual_string
from hamish.core.store import Store
from hamish.ui.app import HamishApp
from hamish.ui.screens.dialogs import ConfirmDialog, TagsDialog
from hamish.ui.screens.note_editor import NoteEditor
from hamish.ui.widgets.bidi_editor import BidiEditor
from hamish.ui.widgets.bidi_input import BidiInput
from hamish.ui.widgets.bidi_text_area import BidiTextArea
from hamish.ui.widgets.search_bar import SearchBar
from tests.ui.conftest import make_app, sample, screen_lines

NOTE = "ملاحظة عن Paris في 2026 (مهمة)"
LONG = "\n".join(
    [NOTE, "A second paragraph, in English, long enough to wrap twice at least.", "שלום"]
)


class Fields(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.submitted: list[str] = []
        self.changes: list[str] = []

    def compose(self) -> ComposeResult:
        yield BidiTextArea(id="area", placeholder="اكتب هنا")
        yield BidiInput(id="line", placeholder="search")

    def on_bidi_input_submitted(self, event: BidiInput.Submitted) -> None:
        self.submitted.append(event.text)

    def on_bidi_text_area_changed(self, event: BidiTextArea.Changed) -> None:
        self.changes.append(event.text)


def drawn(widget: BidiEditor) -> list[str]:
    """The widget's rows as sent to the terminal (segment texts), padding stripped on the right."""
    return [
        "".join(segment.text for segment in widget.render_line(y)).rstrip()
        for y in range(widget.scrollable_content_region.height)
    ]


def expected(text: str, width: int) -> list[str]:
    """The engine's visual lines for ``text`` at ``width``, as cells (RTL rows one cell right)."""
    rows = []
    for line in layout_text(text, width - 1):
        shift = 1 if line.rtl else 0
        cells = [" "] * (width + 1)
        for glyph in line.glyphs:
            cells[glyph.col + shift] = glyph.text
        rows.append("".join(cells).rstrip())
    return rows


def caret_cells(widget: BidiEditor) -> list[tuple[int, int]]:
    """(row, column) of every cell drawn reversed: the caret."""
    found = []
    for y in range(widget.scrollable_content_region.height):
        col = 0
        for segment in widget.render_line(y):
            if isinstance(segment, Segment) and segment.style and segment.style.reverse:
                found.append((y, col))
            col += segment.cell_length
    return found


async def test_typing_draws_the_engine_lines_at_every_keystroke() -> None:
    app = Fields()
    async with app.run_test(size=(60, 16)) as pilot:
        area = app.query_one(BidiTextArea)
        area.focus()
        width = area.scrollable_content_region.width
        typed = ""
        for char in LONG:
            await pilot.press("enter" if char == "\n" else char)
            typed += char
            assert area.text == typed
            if char in " \n" or len(typed) % 7 == 0:
                await pilot.pause()
                rows = expected(typed, width)
                assert drawn(area)[: len(rows)] == rows
        assert app.changes[-1] == LONG
        place = area.editor.view.place(area.editor.caret)
        assert caret_cells(area) == [(place.row, place.col)]


async def test_placeholder_then_the_input_scrolls_to_keep_the_caret_in_view() -> None:
    app = Fields()
    async with app.run_test(size=(30, 12)) as pilot:
        line = app.query_one(BidiInput)
        line.focus()
        await pilot.pause()
        assert drawn(line)[0].strip() == "search"
        await pilot.press(*"שלום (world) 42")
        await pilot.pause()
        assert drawn(line) == expected(line.text, line.scrollable_content_region.width)
        # "42" ends the right-to-left line, at its left end: ← crosses it, then stays there.
        await pilot.press("shift+left", "shift+left", "shift+left")
        assert line.editor.selected_text == "42"
        await pilot.press("ctrl+a", "backspace")
        assert line.text == ""
        query = "مدينة دمشق القديمة وأسواقها وبيوتها"
        await pilot.press(*query)
        await pilot.pause()
        width = line.scrollable_content_region.width
        [(_, col)] = caret_cells(line)
        assert 0 <= col < width
        assert line.scroll_offset.x == 0  # the end of an Arabic line is on the left
        await pilot.press("end", "home")
        await pilot.pause()
        assert line.scroll_offset.x > 0  # its start is on the right, scrolled into view
        assert len(caret_cells(line)) == 1
        await pilot.press("enter")
        assert app.submitted == [query]


async def test_clicks_place_the_caret_and_drags_select() -> None:
    app = Fields()
    async with app.run_test(size=(60, 16)) as pilot:
        area = app.query_one(BidiTextArea)
        area.text = "hello world"
        region = area.content_region
        await pilot.click(area, offset=(region.x - area.region.x + 6, region.y - area.region.y))
        assert area.editor.caret.offset == 6
        x = region.x - area.region.x
        await pilot.mouse_down(area, offset=(x, 1))
        await pilot.hover(area, offset=(x + 5, 1))
        await pilot.mouse_up(area, offset=(x + 5, 1))
        assert area.editor.selected_text == "hello"


async def test_paste_is_kept_verbatim_and_drawn_safely_and_clipboard_keys_work() -> None:
    app = Fields()
    async with app.run_test(size=(60, 16)) as pilot:
        area = app.query_one(BidiTextArea)
        area.focus()
        hostile = "title\x1b]0;pwned\x07 clear\x1b[2J\r\nنص"
        area.post_message(Paste(hostile))
        await pilot.pause()
        assert area.text == hostile
        rows = screen_lines(app)  # type: ignore[arg-type]
        assert not any("\x1b" in row or "\x07" in row for row in rows)
        assert any("␛[2J" in row for row in rows)
        await pilot.press("ctrl+a", "ctrl+c")
        assert app.clipboard == hostile
        await pilot.press("ctrl+x")
        assert area.text == ""
        await pilot.press("ctrl+v", "ctrl+z")
        assert area.text == ""
        await pilot.press("ctrl+z")
        assert area.text == hostile


async def test_flip_key_turns_a_paragraph_around() -> None:
    app = Fields()
    async with app.run_test(size=(60, 16)) as pilot:
        area = app.query_one(BidiTextArea)
        area.focus()
        await pilot.press(*"Paris مدينة")
        assert not area.editor.view.row(0).rtl
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert area.text == "\u200fParis مدينة" and area.editor.view.row(0).rtl
        assert drawn(area)[0].endswith(visual_string("\u200fParis مدينة"))


async def open_note_editor(app: HamishApp, pilot: Pilot[None]) -> None:
    """Once the article is open: select the sentence at the caret and press ``a``."""
    await app.screen.pane.annotating.ready.wait()  # type: ignore[attr-defined]
    await pilot.press("s", "a")
    assert isinstance(app.screen, NoteEditor)


async def test_a_note_typed_in_the_editor_is_saved_exactly(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_note_editor(app, pilot)
        await pilot.press(*NOTE, "enter", *"second line")
        await pilot.pause()
        rows = screen_lines(app)
        assert any(visual_string(NOTE) in row for row in rows)
        assert not any(NOTE in row for row in rows)  # never the raw logical string
        await pilot.press("ctrl+s")
        await pilot.press("t")
        assert isinstance(app.screen, TagsDialog)
        await pilot.press(*"مهم, news", "enter")
        await pilot.pause()
        assert app.writer is not None and app.writer.flush(5.0)
        [stored] = store.all_annotations()
        assert stored.note == NOTE + "\nsecond line"
        assert stored.tags == ("مهم", "news")


async def test_the_search_line_is_one_row_showing_the_query_as_typed(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.pane  # type: ignore[attr-defined]
        await pane.annotating.ready.wait()
        await pilot.press("slash", *"سوريا 2026")
        await pilot.pause()
        bar = pane.query_one(SearchBar)
        assert bar.region.height == 1
        row = screen_lines(app)[bar.region.y]
        assert visual_string("سوريا 2026") in row and "سوريا 2026" not in row


async def test_a_note_being_typed_when_the_app_ends_is_kept(store: Store) -> None:
    """The terminal closing (or ctrl+q) with the editor open ends the app: the note typed so
    far is saved as if ctrl+s had been pressed, not lost."""
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_note_editor(app, pilot)
        await pilot.press(*NOTE)
        await pilot.pause()
        app.exit(return_code=129)  # as the driver does when the terminal goes away
    assert app.recovery_file is None
    [stored] = store.all_annotations()
    assert stored.note == NOTE


async def test_a_note_cancelled_or_unchanged_is_not_kept_when_the_app_ends(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_note_editor(app, pilot)
        await pilot.press(*"draft", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")  # discard
        await pilot.pause()
        await pilot.press("s", "a")  # a second editor, left empty
        assert isinstance(app.screen, NoteEditor)
        app.exit()
    assert store.all_annotations() == []
