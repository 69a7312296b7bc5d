"""Search inside an article, two articles side by side, the library over a reader."""

from __future__ import annotations

from hamish.core.loaders import load_article
from hamish.core.search.folding import fold
from hamish.core.store import Store
from hamish.ui.screens.library import LibraryScreen
from hamish.ui.screens.reader import ReaderScreen
from hamish.ui.widgets.annotations_pane import AnnotationsPane
from hamish.ui.widgets.bidi_input import BidiInput
from hamish.ui.widgets.search_bar import SearchBar
from tests.ui.conftest import ROOT, make_app, sample

VOCALISED = ROOT / "articles" / "040_vocalised-proverbs.txt"
ENGLISH = ROOT / "articles" / "010_printing-press.md"


async def test_slash_finds_words_typed_without_diacritics(store: Store) -> None:
    app = make_app(load_article(VOCALISED), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        await pilot.press("slash")
        bar = pane.query_one(SearchBar)
        assert bar.is_open and bar.query_one(BidiInput).has_focus
        assert bar.region.height == 1 and pane.view.region.height == 32 - 3  # footer, status, bar
        await pilot.press(*"الصبر", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = pane.article.text
        assert pane.search_bar.matches.ranges, (
            "no match for an unvocalised word in a vocalised text"
        )
        for start, end in pane.search_bar.matches.ranges:
            assert fold(text[start:end]) == fold("الصبر") and text[start:end] != "الصبر"
        assert (
            pane.view.has_focus
            and pane.view.caret
            == pane.search_bar.matches.ranges[pane.search_bar.matches.current][0]
        )

        if len(pane.search_bar.matches.ranges) > 1:
            first = pane.search_bar.matches.current
            await pilot.press("n")
            assert pane.search_bar.matches.current == (first + 1) % len(
                pane.search_bar.matches.ranges
            )
            await pilot.press("N")
            assert pane.search_bar.matches.current == first
        await pilot.press("enter")
        match = pane.search_bar.matches.ranges[pane.search_bar.matches.current]
        assert pane.view.selected_range == match
        await pilot.press("h")
        await pilot.pause()
        [placed] = pane.session.anchored
        assert (placed.start, placed.end) == match
        assert placed.annotation.quote == text[match[0] : match[1]]

        await pilot.press("slash", "escape")
        assert not bar.is_open and pane.search_bar.matches is None
        await pilot.press("n")  # with no search on, n is the notes pane again
        assert pane.query_one(AnnotationsPane).display


async def test_a_second_article_opens_beside_the_first(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(140, 32)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("l")
        assert isinstance(app.screen, LibraryScreen) and app.screen.beside
        library = app.screen
        index = [e.path.resolve() for e in library.entries].index(ENGLISH.resolve())
        library.query_one("OptionList").highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        first, second = screen.panes
        assert second.article.source is not None and second.article.source.name == ENGLISH.name
        assert second.view.has_focus
        await pilot.press("down", "down", "down")
        assert first.view.caret == 0 and second.view.caret != 0
        await pilot.press("tab")
        assert first.view.has_focus
        width_before = first.size.width
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert first.size.width > width_before
        await pilot.press("minus", "minus", "minus", "minus")
        await pilot.pause()
        assert first.size.width < width_before


async def test_ctrl_t_folds_teh_marbuta_in_the_search(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text("عنوان\n\nزرت المكتبه القديمة أمس.\n", encoding="utf-8")
    app = make_app(load_article(path), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        await pilot.press("slash", *"المكتبة", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert pane.search_bar.matches.ranges == ()
        await pilot.press("slash", "ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [(start, end)] = pane.search_bar.matches.ranges
        assert pane.article.text[start:end] == "المكتبه"


async def test_i_shows_the_article_info_with_its_encoding(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from hamish.ui.screens.info import InfoScreen

    path = tmp_path / "cp1256.txt"
    path.write_bytes("عنوان المقال\n\nفقرة أولى من النص العربي القديم.\n".encode("cp1256"))
    app = make_app(load_article(path), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.screen.pane.annotating.ready.wait()
        await pilot.press("i")
        assert isinstance(app.screen, InfoScreen)
        rows = {label: value.plain for label, value in app.screen.rows}
        assert rows["Encoding"] == "windows-1256" and rows["Format"] == "txt"
