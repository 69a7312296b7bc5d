"""A long file shows its head first; keys that mean the whole article wait for the whole of it.

The rest is read in the background; here it is held back until the test lets it go, so the keys
are pressed while only the head is shown, whatever the machine's speed.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from hamish.bench.generate import arabic_article
from hamish.core.article import Article
from hamish.core.layout import navigation as nav
from hamish.core.loaders.progressive import ArticleLoad, load_progressively
from hamish.core.store import Store
from hamish.ui.app import HamishApp
from hamish.ui.widgets.reader_pane import ReaderPane
from hamish.ui.widgets.search_bar import SearchBar
from tests.ui.conftest import make_app

PLANTED = "كلمةفريدة"
"""A word only the end of the article has."""


class HeldBack:
    """The article's head now, its rest only once ``release`` is called."""

    def __init__(self, path: Path) -> None:
        loaded = load_progressively(path, head_bytes=32 * 1024)
        assert loaded.rest is not None
        self._read_rest = loaded.rest
        self._released = threading.Event()
        self.load = ArticleLoad(loaded.head, self._rest)

    def _rest(self) -> Article:
        self._released.wait(30)
        return self._read_rest()

    def release(self) -> None:
        self._released.set()


@pytest.fixture
def held(tmp_path: Path, store: Store) -> Iterator[HeldBack]:
    path = tmp_path / "long.txt"
    path.write_text(arabic_article(400_000) + f"\n{PLANTED} في آخر المقال.\n", encoding="utf-8")
    held = HeldBack(path)
    yield held
    held.release()


@asynccontextmanager
async def reading(
    held: HeldBack, store: Store
) -> AsyncIterator[tuple[HamishApp, Pilot[None], ReaderPane]]:
    """The app showing the head (its first screen drawn), the rest still held back."""
    app = make_app(held.load, store=store)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        yield app, pilot, app.screen.pane  # type: ignore[attr-defined]


async def test_g_before_the_rest_is_read_goes_to_the_end_of_the_whole_article(
    held: HeldBack, store: Store
) -> None:
    async with reading(held, store) as (_, pilot, pane):
        view = pane.view
        start = view.caret
        await pilot.press("G")
        assert view.caret == start  # not the end of the head, taken for the article's end
        held.release()
        await pane.annotating.ready.wait()
        await pilot.pause()
        whole = view.article.text
        assert PLANTED in whole and len(whole) > len(held.load.head.text)
        layout = view.layout_engine
        assert view.caret == nav.snap(layout, len(whole) - 1)
        assert layout.row_of(view.caret) == layout.row_count - 1


async def test_a_move_after_g_is_what_counts(held: HeldBack, store: Store) -> None:
    async with reading(held, store) as (_, pilot, pane):
        view = pane.view
        await pilot.press("G", "down")
        moved = view.caret
        held.release()
        await pane.annotating.ready.wait()
        await pilot.pause()
        assert view.caret == moved  # the reader went on reading; G no longer applies


async def test_a_search_before_the_rest_is_read_searches_the_whole_article(
    held: HeldBack, store: Store
) -> None:
    async with reading(held, store) as (app, pilot, pane):
        await pilot.press("slash", *PLANTED, "enter")
        await pilot.pause()
        bar = pane.query_one(SearchBar)
        assert bar.matches is None  # waiting for the text, not "no matches" in the head
        assert "reading" in str(bar.query_one("#search-count").render())
        held.release()
        await pane.annotating.ready.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        [(start, end)] = bar.matches.ranges
        assert pane.article.text[start:end] == PLANTED
        assert start > len(held.load.head.text)
        assert pane.view.caret == start
