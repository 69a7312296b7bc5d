"""Disk full, read-only file systems, I/O errors and crashes in the middle of a save.

Tests run as root, so permissions cannot make a write fail; the faults are injected where the
save does its I/O (``hamish.core.atomic_file``), exactly as the OS would report them.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from hamish.core import atomic_file
from hamish.core.atomic_file import backup_path_for
from hamish.core.store import Store, StoreLockError, StoreWriteError, locking
from tests.core.store_helpers.factory import annotation, annotation_file, temp_files


class SimulatedCrash(BaseException):
    """Stands for the process dying: nothing after it runs, nothing cleans up."""


def failing(error: BaseException, *, on_call: int = 1) -> Callable[..., Any]:
    """A replacement that raises ``error`` on its ``on_call``-th call and behaves normally
    otherwise (it wraps the original, found when the fault is installed)."""
    calls = {"n": 0}

    def install(original: Callable[..., Any]) -> Callable[..., Any]:
        def replacement(*args: Any, **kwargs: Any) -> Any:
            calls["n"] += 1
            if calls["n"] == on_call:
                raise error
            return original(*args, **kwargs)

        return replacement

    return install


def inject(monkeypatch: pytest.MonkeyPatch, name: str, fault: Callable[..., Any]) -> None:
    monkeypatch.setattr(atomic_file, name, fault(getattr(atomic_file, name)))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "hamish.json"
    with Store.open(path) as store:
        store.add(annotation(start=0))
        store.add(annotation(start=10))
    return path


def files(directory: Path) -> dict[str, bytes]:
    """Every file of the store (the index, the articles' files, backups, the lock)."""
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*") if p.is_file()
    }


OS_FAULTS = [
    ("_write_all", errno.ENOSPC, "No space left on device (ENOSPC)", 1),
    ("_create_temp", errno.EROFS, "Read-only file system (EROFS)", 1),
    ("_fsync_file", errno.EIO, "Input/output error (EIO)", 1),
    ("_stage_backup", errno.ENOSPC, "No space left on device (ENOSPC)", 1),
    ("_replace", errno.EROFS, "Read-only file system (EROFS)", 1),  # the database rename
]


@pytest.mark.parametrize(("seam", "code", "reason", "on_call"), OS_FAULTS)
def test_a_failed_save_changes_nothing_and_a_retry_succeeds(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, seam: str, code: int, reason: str, on_call: int
) -> None:
    with Store.open(db_path) as store:
        existing = store.all_annotations()
        before = files(db_path.parent)
        new = annotation(start=30)
        with monkeypatch.context() as faults:
            inject(faults, seam, failing(OSError(code, reason.split(" (")[0]), on_call=on_call))
            with pytest.raises(StoreWriteError) as raised:
                store.add(new)
        message = str(raised.value)
        assert str(db_path) in message and reason in message
        assert "left as it was" in message and "\n" not in message
        assert files(db_path.parent) == before  # database, backup and lock untouched
        assert store.get_annotation(new.id) is None  # memory did not move ahead
        assert store.all_annotations() == existing
        store.add(new)  # the disk has space again
        assert store.all_annotations() == sorted([*existing, new], key=lambda a: a.start)
    with Store.open(db_path) as reopened:
        assert reopened.get_annotation(new.id) == new
    assert temp_files(db_path.parent) == []


def test_an_update_and_a_delete_that_fail_leave_the_old_annotation(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        first = store.all_annotations()[0]
        inject(monkeypatch, "_write_all", failing(OSError(errno.ENOSPC, "No space left on device")))
        with pytest.raises(StoreWriteError):
            store.update(first.edited(note="lost?"))
        assert store.get_annotation(first.id) == first
        inject(monkeypatch, "_write_all", failing(OSError(errno.ENOSPC, "No space left on device")))
        with pytest.raises(StoreWriteError):
            store.delete(first.id)
        assert store.get_annotation(first.id) == first


def test_a_failure_after_the_rename_reports_the_new_version_in_place(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        new = annotation(start=30)
        inject(monkeypatch, "fsync_directory", failing(OSError(errno.EIO, "Input/output error")))
        with pytest.raises(StoreWriteError, match="may not survive a power cut"):
            store.add(new)
        assert store.get_annotation(new.id) == new  # memory matches what is on disk
    with Store.open(db_path) as reopened:
        assert reopened.get_annotation(new.id) == new


def test_a_backup_that_cannot_be_rotated_does_not_fail_the_save(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backup_path_for(annotation_file(db_path))
    older_backup = backup.read_bytes()
    with Store.open(db_path) as store:
        new = annotation(start=30)
        inject(monkeypatch, "_replace", failing(OSError(errno.EIO, "I/O error"), on_call=2))
        store.add(new)
    with Store.open(db_path) as reopened:
        assert reopened.get_annotation(new.id) == new
    assert backup.read_bytes() == older_backup  # one version older, still a good file
    assert temp_files(db_path.parent) == []


def test_a_read_only_data_directory_is_reported_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new" / "hamish.json"

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    with monkeypatch.context() as faults:
        faults.setattr(Path, "mkdir", read_only)
        with pytest.raises(StoreWriteError, match="EROFS"):
            Store.open(path)
    (tmp_path / "new").mkdir()
    with monkeypatch.context() as faults:
        inject(faults, "_create_temp", failing(OSError(errno.EROFS, "Read-only file system")))
        with pytest.raises(StoreWriteError, match="EROFS"):
            Store.open(path)
    assert not path.exists()
    Store.open(path).close()
    assert path.exists()


def test_a_lock_that_cannot_be_taken_is_a_store_error(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        before = files(db_path.parent)

        def no_locks(fd: int) -> bool:
            raise OSError(errno.ENOLCK, "No locks available")

        monkeypatch.setattr(locking, "_try_lock_fd", no_locks)
        with pytest.raises(StoreLockError, match="ENOLCK") as raised:
            store.add(annotation(start=30))
        assert "hamish.json.lock" in str(raised.value)
        assert files(db_path.parent) == before


CRASH_POINTS = [
    ("_write_all", 1, "old"),  # while writing the temporary file
    ("_fsync_file", 1, "old"),  # before the data is durable
    ("_stage_backup", 1, "old"),  # after the temporary file is complete
    ("_replace", 1, "old"),  # just before the database rename
    ("_replace", 2, "new"),  # between the database rename and the .bak rename
    ("fsync_directory", 1, "new"),  # after both renames
]


@pytest.mark.parametrize(("seam", "on_call", "survivor"), CRASH_POINTS)
def test_a_crash_at_any_step_leaves_a_complete_old_or_new_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, seam: str, on_call: int, survivor: str
) -> None:
    notes = annotation_file(db_path)
    old_ids = {doc["id"] for doc in TinyDB(notes, access_mode="r").table("annotations").all()}
    store = Store.open(db_path)
    new = annotation(start=30)
    with monkeypatch.context() as faults:
        inject(faults, seam, failing(SimulatedCrash(), on_call=on_call))
        with pytest.raises(SimulatedCrash):
            store.add(new)
    # The "dead" process is abandoned as it is; a new one opens the file.
    with TinyDB(notes, access_mode="r") as plain:
        ids = {doc["id"] for doc in plain.table("annotations").all()}
    assert ids == (old_ids if survivor == "old" else old_ids | {new.id})
    with TinyDB(backup_path_for(notes), access_mode="r") as backup:
        assert len(backup.table("annotations")) >= 1
    with Store.open(db_path) as next_run:
        assert {a.id for a in next_run.all_annotations()} == ids
        next_run.add(annotation(start=50))
    assert temp_files(db_path.parent) == []  # the next save swept the leftovers
