"""The command palette offers every bound action and searches articles and notes."""

from __future__ import annotations

from textual.command import CommandPalette

from hamish.core.annotations.model import Annotation
from hamish.core.loaders import load_article
from hamish.core.opening import identify
from hamish.core.store import Store
from hamish.ui.screens.reader import ReaderScreen
from hamish.ui.screens.search_results import SearchResultsScreen
from tests.ui.conftest import ROOT, SAMPLE, make_app, sample


async def test_every_bound_action_is_a_palette_command(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)):
        await app.screen.pane.annotating.ready.wait()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for expected in (
            "Reader: Highlight",
            "Reader: Note",
            "Reader: Search",
            "Reader: Notes",
            "App: Library",
            "App: Quit",
            "App: Keys",
        ):
            assert expected in titles, expected


async def test_palette_runs_an_action(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        await pilot.press("s")
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Reader: Highlight")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ReaderScreen)
        assert len(pane.session.anchored) == 1


async def test_palette_finds_a_note_in_another_article_and_opens_it(store: Store) -> None:
    other = load_article(ROOT / "articles" / "020_hebrew-type-history.txt")
    record = identify(store, other)
    start = other.text.index(other.blocks[3].text[:10])
    note = Annotation.create(
        article_key=record.key,
        text=other.text,
        start=start,
        end=start + 10,
        text_hash=other.key,
        note="zebra crossing",
    )
    store.add(note)
    app = make_app(load_article(SAMPLE), store=store)
    async with app.run_test(size=(110, 32)) as pilot:
        await app.screen.pane.annotating.ready.wait()
        await pilot.press("ctrl+p", *"zebra")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        pane = screen.pane
        await pane.annotating.ready.wait()
        await pilot.pause()
        assert pane.article.source is not None and pane.article.source.name == other.source.name
        assert pane.view.caret == start


async def test_search_every_article_lists_matches(store: Store) -> None:
    app = make_app(load_article(SAMPLE), store=store)
    async with app.run_test(size=(110, 32)) as pilot:
        await app.screen.pane.annotating.ready.wait()
        app.search_everything("Unicode")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchResultsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.matches and all("unicode" in m.snippet.lower() for m in screen.matches)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        await pilot.pause()
        start, end = screen.matches[0].start, screen.matches[0].end
        assert pane.view.selected_range == (start, end)
