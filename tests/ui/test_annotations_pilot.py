"""Highlights and notes by keyboard and mouse; what they look like; what reaches the store."""

from __future__ import annotations

from hamish.core.annotations.model import Color
from hamish.core.store import Store
from hamish.ui.screens.dialogs import ConfirmDialog
from hamish.ui.screens.note_editor import NoteEditor
from hamish.ui.screens.reader import ReaderScreen
from hamish.ui.widgets.annotations_pane import AnnotationsPane
from hamish.ui.widgets.reader_view import ReaderView
from tests.ui.conftest import make_app, sample, screen_lines

TITLE = "بوادر تقارب تاريخي بين سوريا وإسرائيل بوساطة أمريكية"


def flushed(app) -> None:  # type: ignore[no-untyped-def]
    assert app.writer is not None and app.writer.flush(5.0)


async def test_sentence_highlight_recolour_delete_and_undo(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app.screen, ReaderScreen)
        screen = app.screen.pane
        await screen.annotating.ready.wait()
        view = screen.view
        await pilot.press("s")
        assert view.selected_range is not None
        start, end = view.selected_range
        assert screen.article.text[start:end] == TITLE
        await pilot.press("h")
        flushed(app)
        [stored] = store.annotations_for(screen.session.record.key)
        assert (stored.quote, stored.color) == (TITLE, Color.YELLOW)
        assert view.selected_range is None

        await pilot.press("2")  # caret is on the highlight: recolour it green
        flushed(app)
        assert store.get_annotation(stored.id).color is Color.GREEN  # type: ignore[union-attr]

        await pilot.press("x")
        flushed(app)
        assert store.annotations_for(screen.session.record.key) == []
        await pilot.press("u")
        flushed(app)
        assert [a.id for a in store.annotations_for(screen.session.record.key)] == [stored.id]


async def test_h_without_selection_asks_for_one(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert any("select a passage first" in n.message.lower() for n in app._notifications)
        flushed(app)
        assert store.all_annotations() == []


async def test_note_editor_saves_and_asks_before_discarding(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s", "a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"draft")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, NoteEditor) and app.screen.text == "draft"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReaderScreen)
        flushed(app)
        [stored] = store.all_annotations()
        assert stored.note == "draft"


async def test_hostile_note_is_stored_verbatim_and_never_drawn_raw(store: Store) -> None:
    app = make_app(sample(), store=store)
    hostile = "title\x1b]0;pwned\x07 clear\x1b[2J red\x1b[31m"
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("s", "a")
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one("#note-input").insert(hostile)  # as a paste would
        await pilot.pause()
        assert not any("\x1b" in row or "\x07" in row for row in screen_lines(app))
        await pilot.press("ctrl+s")
        await pilot.press("n")
        await pilot.pause()
        rows = screen_lines(app)
        assert not any("\x1b" in row or "\x07" in row for row in rows)
        assert any("␛[2J" in row for row in rows)
        flushed(app)
        assert store.all_annotations()[0].note == hostile


async def test_jump_between_annotations_and_from_the_pane(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen.pane
        view = screen.view
        await pilot.press("s", "h")  # the title
        await pilot.press("down", "down", "s", "h")  # a sentence further down
        starts = sorted(p.start for p in screen.session.anchored)
        assert len(starts) == 2
        await pilot.press("ctrl+home", "right_square_bracket")
        assert view.caret == starts[1]
        await pilot.press("right_square_bracket")
        assert view.caret == starts[0]  # wraps around
        await pilot.press("left_square_bracket")
        assert view.caret == starts[1]

        await pilot.press("n")
        pane = screen.query_one(AnnotationsPane)
        assert pane.display and pane.query_one("OptionList").has_focus
        await pilot.press("home", "enter")
        await pilot.pause()
        assert view.caret == starts[0] and view.has_focus


async def test_click_places_the_caret_and_drag_selects(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        view = app.screen.query_one(ReaderView)
        layout = view.layout_engine
        assert layout is not None
        row = 4  # a paragraph row (rows 0-3: title, spacer, date, spacer)
        line = layout.line(row)
        target = line.glyphs[len(line.glyphs) // 2]
        pad = view.scrollable_content_region.x - view.region.x
        await pilot.click(view, offset=(pad + target.col, row))
        assert view.caret == target.start and view.selected_range is None

        left, right = line.glyphs[5], line.glyphs[30]
        await pilot.mouse_down(view, offset=(pad + right.col, row))
        await pilot.hover(view, offset=(pad + left.col, row))
        await pilot.mouse_up(view, offset=(pad + left.col, row))
        selection = view.selected_range
        assert selection is not None
        low = min(left.start, right.start)
        assert selection == (low, max(right.end, left.end))
        text = app.screen.pane.article.text
        assert text[selection[0] : selection[1]] == text[low : selection[1]]
