"""``hamish FILE`` opens the store after the article's first screen (``ui.store_opening``).

Nothing else changes for the reader: the article's notes appear, highlights are saved, a
damaged store is said in the app and left as it is, and what is saved before the opening has
ended (or when the app ends first) still reaches the store.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from hamish.core.annotations.model import Annotation
from hamish.core.changes import PutAnnotation
from hamish.core.opening import identify
from hamish.core.store import Store
from hamish.ui.app import HamishApp
from hamish.ui.app_store import AppStore
from tests.ui.conftest import make_app, sample, store_highlight
from tests.ui.test_store_states_pilot import files, messages


def notes(article_key: str) -> list[str | None]:
    with Store.open(reading=True) as store:
        return sorted((a.note or "") for a in store.annotations_for(article_key))


def opened_later() -> HamishApp:
    return make_app(sample(), open_store=True)


async def test_the_notes_appear_and_highlights_are_saved(data_dir: Path) -> None:
    with Store.open() as writable:
        kept = store_highlight(writable, sample(), "باريس", note="kept")
    app = opened_later()
    assert app.store is None  # nothing of the store before the first screen
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        assert app.store is not None and app.writer is not None
        assert pane.session is not None
        assert [p.annotation.note for p in pane.session.anchored] == ["kept"]
        await pilot.press("j", "j", "s", "h")
        await pilot.pause()
    app.close_store()
    assert app.recovery_file is None
    assert notes(kept.article_key) == ["", "kept"]


async def test_a_damaged_store_is_said_in_the_app_and_left_as_it_is(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "hamish.json").write_bytes(b'{"_default": {"1": ')
    before = files(data_dir)
    app = opened_later()
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        await pilot.pause()
        assert app.store is None and app.writer is None
        said = messages(app)
        assert "hamish.json" in said and "highlights and notes will not be saved" in said
        await pilot.press("j", "j", "s", "h")
        assert "Annotations are not saved: no store is open." in messages(app)
    app.close_store()
    assert app.recovery_file is None
    after = files(data_dir)
    assert after.pop("hamish.json.lock", b"") == b""  # the opening made its lock file, empty
    assert after == before


@contextmanager
def slow_opening() -> Iterator[threading.Event]:
    """Store.open waits until the event is set: an opening that takes its time (a lock held by
    another hamish, an old store being upgraded)."""
    gate = threading.Event()
    real_open = Store.open

    def slow_open(*args: object, **options: object) -> Store:
        gate.wait(10)
        return real_open(*args, **options)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "open", slow_open)
        yield gate


def annotation_of(quote: str) -> PutAnnotation:
    article = sample()
    with Store.open() as store:  # the article known to the store, as after an earlier visit
        key = identify(store, article).key
    start = article.text.index(quote)
    return PutAnnotation(
        Annotation.create(
            article_key=key,
            text=article.text,
            start=start,
            end=start + len(quote),
            text_hash=article.key,
            note="while opening",
        )
    )


async def _submit_while_opening(*, end_app_first: bool) -> PutAnnotation:
    """Run the app with a slow opening, submit a change before it ends, then let it end
    (before the app does, or after); the change submitted."""
    change = annotation_of("باريس")
    with slow_opening() as gate:
        app = opened_later()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert app.store is None
            app.reading.submit(change)  # held, not refused
            assert "not saved" not in messages(app)
            if end_app_first:
                threading.Timer(0.3, gate.set).start()  # the opening ends after the app has
            else:
                gate.set()
                await app.screen.pane.annotating.ready.wait()
                await pilot.pause()
                assert app.store is not None
    app.close_store()
    assert app.recovery_file is None
    return change


async def test_a_change_made_while_the_store_opens_is_written_once_it_is(
    data_dir: Path,
) -> None:
    change = await _submit_while_opening(end_app_first=False)
    assert notes(change.annotation.article_key) == ["while opening"]


async def test_a_change_made_before_the_app_ends_still_opening_reaches_the_store(
    data_dir: Path,
) -> None:
    change = await _submit_while_opening(end_app_first=True)
    assert notes(change.annotation.article_key) == ["while opening"]


class _EndingApp:
    """What ``AppStore`` asks of the app, as the app ends: nothing is shown any more."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def notify(self, message: str, **options: object) -> None:
        self.said.append(message)

    def post_message(self, message: object) -> bool:
        return True


def test_a_change_held_when_the_app_ends_before_the_opening_started_is_written(
    data_dir: Path,
) -> None:
    """The app can end before the worker that opens the store has even started: the opening
    then runs as the app ends, so the change held meanwhile still reaches the store."""
    change = annotation_of("باريس")
    ending = _EndingApp()
    app_store = AppStore(
        ending,  # type: ignore[arg-type]
        None,
        open_later=True,
        sessions=set(),
        on_lock_wait=lambda wait: None,
    )
    app_store.submit(change)  # before start(): the worker was never started
    assert app_store.at_exit(data_dir) is None
    app_store.close()
    assert ending.said == []
    assert notes(change.annotation.article_key) == ["while opening"]
