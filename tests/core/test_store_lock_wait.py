"""Another process holding the store's lock: the waiter is told who after a moment, and gives
up after a bound having written nothing. Threads stand for processes (each ``InterProcessLock``
has its own open file description, so they exclude each other as processes do)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamish.core.store import Store, StoreLockTimeout, locking
from hamish.core.store.lock_reports import LockWait
from hamish.core.store.locking import InterProcessLock, current_holder, lock_path_for
from tests.core.store_helpers.factory import annotation


@pytest.fixture(autouse=True)
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locking, "WAIT_NOTICE_AFTER", 0.05)
    monkeypatch.setattr(locking, "GIVE_UP_AFTER", 0.5)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "hamish.json"
    with Store.open(path) as store:
        store.add(annotation(start=0))
    return path


@pytest.fixture
def other_holder(db_path: Path) -> Iterator[InterProcessLock]:
    """The lock, held by "another process" until the test releases it."""
    holder = InterProcessLock(lock_path_for(db_path))
    holder.acquire()
    yield holder
    holder.close()


def test_a_waiter_is_told_who_holds_the_lock_and_then_saves(
    db_path: Path, other_holder: InterProcessLock
) -> None:
    waits: list[LockWait] = []
    released = threading.Event()

    def told(wait: LockWait) -> None:
        waits.append(wait)
        threading.Timer(0.1, lambda: (other_holder.release(), released.set())).start()

    with Store.open(db_path, on_lock_wait=told) as store:
        new = annotation(start=10)
        store.add(new)  # before: waited in silence for as long as the holder wanted
        assert released.is_set()
        assert store.get_annotation(new.id) == new
    assert len(waits) == 1
    assert waits[0].holder_pid == os.getpid()  # the holder wrote its pid into the lock file
    assert waits[0].message == (
        f"another hamish (pid {os.getpid()}) is writing {db_path}; "
        "waiting for it to finish (giving up after 0.5 s)"
    )


def test_a_waiter_gives_up_after_the_bound_and_writes_nothing(
    db_path: Path, other_holder: InterProcessLock
) -> None:
    before = db_path.read_bytes()
    with Store.open(db_path) as store:
        existing = store.all_annotations()
        with pytest.raises(StoreLockTimeout) as raised:
            store.add(annotation(start=10))
        message = str(raised.value)
        assert message.startswith(f"another hamish (pid {os.getpid()}) has been writing {db_path}")
        assert "nothing was saved" in message and "\n" not in message
        assert db_path.read_bytes() == before
        other_holder.release()
        assert store.all_annotations() == existing  # memory did not move ahead
        store.add(annotation(start=20))  # and the store works once the lock is free
        assert len(store.all_annotations()) == 2


def test_the_holder_is_found_without_writing(db_path: Path, other_holder: InterProcessLock) -> None:
    lock_path = lock_path_for(db_path)
    before = lock_path.read_bytes()
    holder = current_holder(lock_path)
    assert holder is not None and holder.pid == os.getpid()
    other_holder.release()
    assert current_holder(lock_path) is None
    assert lock_path.read_bytes() == before
    assert current_holder(db_path.with_name("no-such.lock")) is None
