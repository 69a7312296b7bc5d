"""Finding the way in an article (issue 11): how far it was read and where you are, the
outline, marks, the comfortable column, less's keys, and the notes pane's cut quotes."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import OptionList

from hamish.core.layout.short_text import ELLIPSIS
from hamish.core.loaders import load_article
from hamish.core.store import Store
from hamish.ui.screens.help import HelpScreen
from hamish.ui.screens.info import InfoScreen
from hamish.ui.screens.library import LibraryScreen
from hamish.ui.screens.outline import OutlineScreen
from hamish.ui.widgets.annotations_pane import AnnotationsPane
from hamish.ui.widgets.reader_pane import ReaderPane
from tests.ui.conftest import ROOT, make_app, sample, screen_lines, store_highlight

ARABIC_MIXED = ROOT / "articles" / "030_arabic-mixed-bidi.md"


def status_row(lines: list[str]) -> str:
    """The row above the footer: the reader's status row."""
    return lines[-2].strip()


async def test_going_back_to_the_top_keeps_how_far_it_was_read(store: Store) -> None:
    article = sample()
    app = make_app(article, store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.query_one(ReaderPane)
        await pane.annotating.ready.wait()
        await pilot.pause()
        first = status_row(screen_lines(app))
        assert first.startswith("at 0% · ") and first.endswith(" min left"), first
        await pilot.press("G")
        await pilot.pause()
        assert status_row(screen_lines(app)).endswith("· 100% read · the end")
        await pilot.press("g")
        await pilot.pause()
        assert status_row(screen_lines(app)).startswith("at 0% · 100% read · ")
        await pilot.press("i")
        assert isinstance(app.screen, InfoScreen)
        rows = dict((label, value.plain) for label, value in app.screen.rows)
        assert rows["Position"] == "0%" and rows["Read"] == "100% (the furthest you got)"
        assert rows["Left"].endswith("min left at 200 words a minute")
        await pilot.press("escape")
        await pilot.press("q")
    store.reload_if_changed()
    record = store.find_article(article.key, None)
    assert record is not None and (record.position, record.furthest) == (0, len(article.text))
    app = make_app(store=store)
    async with app.run_test(size=(100, 32)):
        assert isinstance(app.screen, LibraryScreen)
        (entry,) = [e for e in app.screen.entries if e.key == record.key]
        assert entry.describe_progress() == "100% read, at 0%"
        assert any("100% read, at 0%" in line for line in screen_lines(app))


async def test_less_keys_page_up_and_the_library_has_its_own_key(store: Store) -> None:
    app = make_app(load_article(ARABIC_MIXED), store=store)
    async with app.run_test(size=(100, 24)) as pilot:
        view = app.screen.query_one(ReaderPane).view
        await pilot.press("space", "space")
        down = view.scroll_offset.y
        assert down > 0
        await pilot.press("b")
        assert 0 < view.scroll_offset.y < down
        await pilot.press("shift+space")
        assert view.scroll_offset.y == 0
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {description: keys for keys, description in app.screen.rows}
        assert keys["Page up"].split() == ["pgup", "b", "shift+space"]
        assert keys["Library"] == "l" and keys["Outline"] == "o"
        assert keys["Set a mark (then a letter)"] == "m"
        assert keys["Go to a mark (then a letter; ' the last place)"] == "'"
        assert keys["Column or full width"] == "w"
        await pilot.press("escape", "l")
        assert isinstance(app.screen, LibraryScreen)


async def test_marks_are_set_and_found_again_after_a_restart(store: Store) -> None:
    article = load_article(ARABIC_MIXED)
    app = make_app(article, store=store)
    async with app.run_test(size=(100, 24)) as pilot:
        pane = app.screen.query_one(ReaderPane)
        await pane.annotating.ready.wait()
        await pilot.press("space", "space", "j")
        marked = pane.view.caret
        assert marked is not None and marked > 0
        await pilot.press("m")
        assert "mark: type a letter" in status_row(screen_lines(app))
        await pilot.press("a")  # a letter: not "a note" here
        await pilot.pause()
        assert "mark a set" in status_row(screen_lines(app))
        assert len(app.screen_stack) == 1  # no note editor opened over the reader
        await pilot.press("g", "apostrophe", "a")
        assert pane.view.caret == marked
        await pilot.press("apostrophe", "apostrophe")  # back to where "'a" was typed
        assert pane.view.caret == 0
        await pilot.press("apostrophe", "z")
        await pilot.pause()
        assert "no mark z" in status_row(screen_lines(app))
        await pilot.press("m", "1")
        await pilot.pause()
        assert "a mark is named by a letter" in status_row(screen_lines(app))
        await pilot.press("q")
    app = make_app(article, store=store)
    async with app.run_test(size=(100, 24)) as pilot:
        pane = app.screen.query_one(ReaderPane)
        await pane.annotating.ready.wait()
        await pilot.press("g", "apostrophe", "a")
        assert pane.view.caret == marked


async def test_the_outline_lists_headings_right_aligned_and_enter_goes_there(
    store: Store,
) -> None:
    article = load_article(ARABIC_MIXED)
    app = make_app(article, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.screen.query_one(ReaderPane)
        await pane.annotating.ready.wait()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OutlineScreen)
        option_list = screen.query_one(OptionList)
        width = option_list.scrollable_content_region.width - 2
        prompts = [option_list.get_option_at_index(i).prompt for i in range(len(screen.headings))]
        # Right to left: each heading ends at the right edge, less two cells a level.
        assert [cell_len(str(prompt)) for prompt in prompts] == [
            width - 2 * heading.depth for heading in screen.headings
        ]
        target = screen.headings[2]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OutlineScreen)
        assert pane.view.caret == target.start and pane.view.has_focus
        await pilot.press("apostrophe", "apostrophe")  # back from the jump
        assert pane.view.caret == 0


async def test_a_wide_terminal_reads_in_a_centred_column_that_w_widens(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.screen.query_one(ReaderPane).view
        layout = view.layout_engine
        assert layout is not None and layout.width == 80  # max_width's default
        # 120 columns less the scrollbar: 119; 117 for text; 37 spare: 19 to the left.
        left = view.region.x + 19
        row = 4  # a paragraph: right to left, against the column's right edge
        line = layout.line(row)
        assert line.rtl and line.glyphs[-1].col + line.glyphs[-1].width == 80
        shown = screen_lines(app)[view.region.y + row]
        assert shown[:left].strip() == "" and shown.rstrip().endswith(line.glyphs[-1].text)
        assert cell_len(shown.rstrip()) <= left + 80 + 1  # the text, then the scrollbar
        target = line.glyphs[len(line.glyphs) // 3]
        await pilot.click(offset=(left + target.col, view.region.y + row))
        assert view.caret == target.start
        await pilot.press("w")
        await pilot.pause()
        assert view.layout_engine is not None and view.layout_engine.width == 117
        assert "the whole width" in status_row(screen_lines(app))
        await pilot.press("w")
        await pilot.pause()
        assert view.layout_engine is not None and view.layout_engine.width == 80


async def test_quotes_cut_in_the_notes_pane_end_with_an_ellipsis(store: Store) -> None:
    article = sample()
    paragraph = next(block.text for block in article.blocks if len(block.text) > 200)
    store_highlight(store, article, paragraph, note="A long note that goes on. " * 20)
    app = make_app(article, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.screen.query_one(ReaderPane)
        await pane.annotating.ready.wait()
        await pilot.press("n")
        await pilot.pause()
        option_list = pane.query_one(AnnotationsPane).query_one(OptionList)
        entry = str(option_list.get_option_at_index(0).prompt).split("\n")
        quote_lines, note_lines = entry[1:4], entry[4:8]
        # Right to left: the cut is at the end of the reading, on the left of the last line.
        assert quote_lines[-1].lstrip().startswith(ELLIPSIS)
        assert ELLIPSIS not in "".join(quote_lines[:-1])
        assert note_lines[-1].rstrip().endswith(ELLIPSIS) and len(entry) == 8  # notes too
