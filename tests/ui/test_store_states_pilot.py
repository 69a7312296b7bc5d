"""The app where the store cannot be written, or another hamish holds its lock: it says so
and goes on reading; nothing is lost and nothing hangs."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from hamish.core import atomic_file
from hamish.core.store import Store, locking
from hamish.core.store.lock_reports import LockWait
from tests.ui.conftest import make_app, sample, store_highlight


def files(data_dir: Path) -> dict[str, bytes]:
    """Every file of the store, the articles' files included."""
    return {
        str(p.relative_to(data_dir)): p.read_bytes() for p in data_dir.rglob("*") if p.is_file()
    }


def messages(app: object) -> str:
    return " | ".join(n.message for n in app._notifications)  # type: ignore[attr-defined]


async def test_a_read_only_store_opens_the_article_with_its_notes_and_says_so(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open() as writable:
        store_highlight(writable, sample(), "باريس", note="kept")
    (data_dir / "hamish.json.lock").unlink()
    before = files(data_dir)

    def refuse(*args: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(locking, "_open_lock_file", refuse)
    monkeypatch.setattr(atomic_file, "_create_temp", refuse)
    store = Store.open(allow_read_only=True)
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        assert pane.session is not None
        assert [p.annotation.note for p in pane.session.anchored] == ["kept"]
        assert "cannot be written here" in messages(app)
        await pilot.press("j", "j", "s", "h")
        assert "not saved" in messages(app)
    store.close()
    assert app.recovery_file is None
    assert files(data_dir) == before


async def test_a_wait_for_another_hamish_s_lock_is_said_in_the_app(store: Store) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.screen.pane.annotating.ready.wait()
        assert store.on_lock_wait is not None  # the app listens for waits
        wait = LockWait(store.path, 4242, locking.GIVE_UP_AFTER)
        store.on_lock_wait(wait)  # as the writer's thread does while it waits
        await pilot.pause()
        assert wait.message in messages(app) and "4242" in messages(app)
