"""The reading pane: scrolling, resizing, quitting, help."""

from __future__ import annotations

from textual import events

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.ui.screens.help import HelpScreen
from hamish.ui.widgets.reader_view import ReaderView
from tests.ui.conftest import make_app, sample, screen_lines


def long_article(paragraphs: int = 300) -> Article:
    specs = [BlockSpec(BlockKind.TITLE, "مقال طويل جداً")]
    for number in range(paragraphs):
        specs.append(
            BlockSpec(
                BlockKind.PARAGRAPH,
                f"الفقرة {number}: نص عربي فيه English words و(أقواس) وأرقام 2026 ٣٤٥ " * 3,
            )
        )
    return Article.build(specs, title="مقال طويل جداً")


async def test_keys_scroll_the_article_and_move_the_caret() -> None:
    app = make_app(long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one(ReaderView)
        assert view.scroll_offset.y == 0
        assert view.caret == 0
        await pilot.press("pagedown")
        assert view.scroll_offset.y > 0
        first_page = view.scroll_offset.y
        await pilot.press("space")
        assert view.scroll_offset.y > first_page
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert view.layout_engine is not None and view.layout_engine.complete
        assert view.scroll_offset.y == view.max_scroll_y > 0
        last = view.layout_engine.line(view.layout_engine.row_count - 1)
        assert view.caret == max(g.start for g in last.glyphs)
        await pilot.press("ctrl+home")
        assert view.scroll_offset.y == 0 and view.caret == 0


async def test_mouse_wheel_scrolls_without_moving_the_caret() -> None:
    app = make_app(long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one(ReaderView)
        for _ in range(3):
            view.post_message(
                events.MouseScrollDown(view, 5, 5, 0, 1, 0, False, False, False, 5, 5)
            )
        await pilot.pause()
        assert view.scroll_offset.y > 0
        assert view.caret == 0


async def test_resize_rewraps_and_keeps_the_same_text_on_top() -> None:
    app = make_app(long_article())
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ReaderView)
        await pilot.press("pagedown", "pagedown")
        layout = view.layout_engine
        assert layout is not None
        top = layout.line(int(view.scroll_offset.y)).start
        old_width = layout.width
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        relaid = view.layout_engine
        assert relaid is not None and relaid is not layout and relaid.width < old_width
        line = relaid.line(int(view.scroll_offset.y))
        assert line.start <= top < max(line.end, line.start + 1)


async def test_only_visible_rows_are_laid_out_at_first() -> None:
    app = make_app(long_article(3000))
    async with app.run_test(size=(80, 24)):
        layout = app.screen.query_one(ReaderView).layout_engine
        assert layout is not None
        # The first screen was drawn from a few blocks; the rest is wrapped in the background.
        assert layout.indexed < len(layout.article.blocks)


async def test_q_quits() -> None:
    app = make_app(sample())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_question_mark_lists_the_bound_keys() -> None:
    app = make_app(sample())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = dict((text, keys) for keys, text in app.screen.rows)
        assert "Highlight" in described and "h" in described["Highlight"]
        assert "Quit" in described
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_a_long_file_shows_its_head_then_the_whole_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from hamish.bench.generate import arabic_article
    from hamish.core.loaders import load_article
    from hamish.core.loaders.progressive import load_progressively
    from hamish.core.store import Store

    path = tmp_path / "long.txt"
    path.write_text(arabic_article(600_000), encoding="utf-8")
    loaded = load_progressively(path, head_bytes=32 * 1024)
    store = Store.open()
    app = make_app(loaded, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen.pane
        view = screen.view
        await pilot.press("down", "down")
        caret = view.caret
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.article == load_article(path) and screen.article is view.article
        assert len(loaded.head.text) < len(view.article.text)
        assert view.caret == caret
        await pilot.press("s", "h")
        assert app.writer is not None and app.writer.flush(5.0)
        assert len(store.annotations_for(screen.session.record.key)) == 1
    assert app.recovery_file is None


async def test_ctrl_c_and_y_copy_the_selection_in_logical_order() -> None:
    app = make_app(sample())
    async with app.run_test(size=(100, 32)) as pilot:
        view = app.screen.pane.view
        await pilot.press("j", "j", "j", "s")
        selected = view.selected_range
        assert selected is not None
        await pilot.press("ctrl+c")
        assert app.clipboard == app.screen.pane.article.text[slice(*selected)]
        assert not any("quit" in (n.title or "") for n in app._notifications)
        await pilot.press("escape", "right", "v", "left", "left", "y")
        selected = view.selected_range
        assert selected is not None and app.clipboard == view.article.text[slice(*selected)]


async def test_messages_with_right_to_left_text_read_in_visual_order() -> None:
    """A message that wraps keeps reading order: its first words on the first row."""
    from hamish.core.layout.short_text import visual_string

    first, last = "وصف المبعوث الأمريكي الخاص", "بأنها اختراق نوعي"
    message = f"{first} نتائج المحادثات التي جمعت وفودا سورية وإسرائيلية في باريس {last}"
    app = make_app(sample())
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        app.screen.pane.notify(message, markup=False)
        await pilot.pause()
        await pilot.pause()
        rows = screen_lines(app)
        top = next(i for i, row in enumerate(rows) if visual_string(first) in row)
        bottom = next(i for i, row in enumerate(rows) if visual_string(last) in row)
        assert top < bottom
        assert not any(message[:20] in row for row in rows)  # never the logical order
