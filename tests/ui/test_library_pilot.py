"""``hamish`` with no path: the bundled articles, Enter opens one."""

from __future__ import annotations

from hamish.core.store import Store
from hamish.ui.app import HamishApp
from hamish.ui.screens.library import LibraryScreen
from hamish.ui.screens.reader import ReaderScreen
from tests.ui.conftest import SAMPLE


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
