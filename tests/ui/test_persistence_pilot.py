"""Nothing typed is lost: failed writes are kept and retried, the reading position comes back,
and annotations written by another process appear."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from hamish.core.annotations.model import Annotation
from hamish.core.store import Store, StoreWriteError
from hamish.ui import persistence
from tests.ui.conftest import make_app, sample, store_highlight


async def test_a_failed_write_is_reported_kept_and_retried(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(persistence, "RETRY_SECONDS", 0.05)
    real_put = store.put
    failures = {"left": 3}

    def flaky_put(annotation: Annotation) -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise StoreWriteError(
                store.path, OSError(errno.ENOSPC, "No space left on device"), replaced=False
            )
        real_put(annotation)

    monkeypatch.setattr(store, "put", flaky_put)
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        await pilot.press("s", "h")
        assert len(pane.session.anchored) == 1  # shown at once, whatever the disk says
        assert app.writer is not None and app.writer.flush(5.0)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Could not save the highlight" in m and "retried" in m for m in messages)
        assert any("now on disk" in m for m in messages)
        assert [a.quote for a in store.all_annotations()] == [
            pane.session.anchored[0].annotation.quote
        ]


async def test_changes_that_cannot_be_written_go_to_a_recovery_file(
    store: Store, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setattr(persistence, "RETRY_SECONDS", 0.05)

    def broken_put(annotation: Annotation) -> None:
        raise StoreWriteError(
            store.path, OSError(errno.EROFS, "Read-only file system"), replaced=False
        )

    monkeypatch.setattr(store, "put", broken_put)
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.screen.pane.annotating.ready.wait()
        await pilot.press("s", "a", *"my note", "ctrl+s")
        await pilot.pause()
    recovery = app.recovery_file
    assert recovery is not None and recovery.exists()
    saved = json.loads(recovery.read_text(encoding="utf-8"))["hamish_unsaved_changes"]
    assert [c["annotation"]["note"] for c in saved if c["change"] == "put"] == ["my note"]


async def test_the_reading_position_is_restored(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.screen.pane.annotating.ready.wait()
        await pilot.press("down", "down", "down", "right", "right")
        caret = app.screen.pane.view.caret
        await pilot.press("q")
    assert app.recovery_file is None

    reopened = Store.open()
    again = make_app(sample(), store=reopened)
    async with again.run_test(size=(100, 32)):
        pane = again.screen.pane
        await pane.annotating.ready.wait()
        assert caret and pane.view.caret == caret
    assert again.recovery_file is None
    reopened.close()


async def test_annotations_from_another_process_appear(store: Store, data_dir: Path) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        assert pane.session is not None and pane.session.anchored == ()
        other = Store.open(data_dir / "hamish.json")
        text = pane.article.text
        start = text.index("باريس")
        other.add(
            Annotation.create(
                article_key=pane.session.record.key,
                text=text,
                start=start,
                end=start + 5,
                text_hash=pane.article.key,
                note="from the CLI",
            )
        )
        other.close()
        app.store_watcher.poll()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [p.annotation.note for p in pane.session.anchored] == ["from the CLI"]


async def test_a_full_disk_at_open_still_shows_the_annotations(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = sample()
    store_highlight(store, article, "باريس", note="kept")
    monkeypatch.setattr(persistence, "RETRY_SECONDS", 0.05)
    real_save = store.save_article
    failures = {"left": 2}

    def full_disk(saved_record):  # type: ignore[no-untyped-def]
        if failures["left"]:
            failures["left"] -= 1
            raise StoreWriteError(
                store.path, OSError(errno.ENOSPC, "No space left on device"), replaced=False
            )
        real_save(saved_record)

    monkeypatch.setattr(store, "save_article", full_disk)
    app = make_app(article, store=store)
    async with app.run_test(size=(100, 32)):
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        assert [p.annotation.note for p in pane.session.anchored] == ["kept"]
        assert app.writer is not None and app.writer.flush(5.0)
    assert failures["left"] == 0
