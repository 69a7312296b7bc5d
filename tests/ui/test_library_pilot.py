"""``hamish`` with no path: the bundled articles, Enter opens one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from hamish.core.store import Store
from hamish.ui.app import HamishApp
from hamish.ui.screens.library import LibraryScreen
from hamish.ui.screens.reader import ReaderScreen
from tests.ui.conftest import SAMPLE, screen_lines


async def test_library_lists_bundled_articles_and_opens_one(store: Store) -> None:
    app = HamishApp([], store=store, use_bidi_driver=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        paths = [entry.path.resolve() for entry in app.screen.entries]
        assert SAMPLE.resolve() in paths and len(paths) >= 5
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.pane.article.source is not None
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_an_article_that_became_binary_is_reported_not_fatal(
    store: Store, data_dir: Path
) -> None:
    library = data_dir / "articles"
    library.mkdir(parents=True)
    article = library / "000-first.txt"
    article.write_text("Title\n\nA paragraph.\n", encoding="utf-8")
    app = HamishApp([], store=store, use_bidi_driver=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        index = next(i for i, e in enumerate(app.screen.entries) if e.path == article)
        article.write_bytes(bytes(range(256)) * 64)  # listed as text, now binary
        app.screen.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LibraryScreen)
        said = [n.message for n in app._notifications]
        assert any("000-first.txt" in message and "binary" in message for message in said)


async def test_counts_are_worded_for_one(store: Store, data_dir: Path) -> None:
    library = data_dir / "articles"
    library.mkdir(parents=True)
    (library / "short.txt").write_text("Short\n", encoding="utf-8")  # one word, its title
    app = HamishApp([], store=store, use_bidi_driver=False)
    async with app.run_test(size=(100, 30)):
        assert isinstance(app.screen, LibraryScreen)
        lines = screen_lines(app)
        detail = lines[next(i for i, line in enumerate(lines) if "Short" in line) + 1]
        assert "1 word · library" in detail and "words" not in detail
