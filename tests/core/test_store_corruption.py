"""Damaged, empty, truncated and too-new files, something other than a file where the store
should be (a directory, a FIFO), and both files damaged at once: refused at once with a message
that names the file and says what to do, never rewritten, never waited on, diagnosed and
repaired by the doctor functions."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamish.core.store import (
    FileState,
    Store,
    StoreCorruptError,
    StoreError,
    StoreRestoreError,
    StoreVersionError,
)
from hamish.core.store.doctor import diagnose, restore_backup
from hamish.core.store.file_check import check_file
from tests.core.store_helpers.factory import annotation

DAMAGE = {
    "garbage": (b'{"annotations": {"1": {"id": "x",, }}}', FileState.CORRUPT, "not valid JSON"),
    "empty": (b"", FileState.EMPTY, "empty"),
    "whitespace": (b" \n\t\n", FileState.EMPTY, "whitespace"),
    "binary": (b"\x00\x00\x00\xff\xfe", FileState.CORRUPT, "not valid JSON"),
    "not-tinydb": (b"[1, 2, 3]", FileState.CORRUPT, "not a TinyDB database"),
    "table-not-object": (b'{"annotations": [1]}', FileState.CORRUPT, "not an object"),
    "bad-version": (b'{"_meta": {"1": {"schema_version": "two"}}}', FileState.CORRUPT, "schema"),
    "nan": (b'{"t": {"1": {"x": NaN}}}', FileState.CORRUPT, "NaN"),
}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database with two annotations; its backup holds the first only."""
    path = tmp_path / "hamish.json"
    with Store.open(path) as store:
        store.add(annotation(start=0))
        store.add(annotation(start=20))
    return path


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir() if not p.name.endswith(".lock")}


def truncated(path: Path) -> bytes:
    content = path.read_bytes()
    return content[: len(content) // 2]


def too_new(path: Path) -> bytes:
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema_version"] = 99
    data["annotations"]["1"]["field_from_the_future"] = True
    return json.dumps(data).encode()


def damage_cases(path: Path) -> dict[str, tuple[bytes, FileState, str]]:
    cases = dict(DAMAGE)
    cases["truncated"] = (truncated(path), FileState.CORRUPT, "truncated")
    cases["too-new"] = (too_new(path), FileState.TOO_NEW, "newer hamish")
    return cases


CASE_NAMES = [*DAMAGE, "truncated", "too-new"]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_an_unusable_file_is_refused_and_left_byte_identical(db_path: Path, case: str) -> None:
    content, state, words = damage_cases(db_path)[case]
    db_path.write_bytes(content)
    before = snapshot(db_path.parent)
    expected = StoreVersionError if state is FileState.TOO_NEW else StoreCorruptError
    with pytest.raises(expected) as raised:
        Store.open(db_path)
    message = str(raised.value)
    assert str(db_path) in message and str(db_path) + ".bak" in message
    assert words in message
    assert "\n" not in message
    assert snapshot(db_path.parent) == before


@pytest.mark.parametrize("case", ["garbage", "truncated", "empty", "too-new"])
def test_a_running_store_never_writes_over_a_file_damaged_under_it(
    db_path: Path, case: str
) -> None:
    with Store.open(db_path) as store:
        known = store.all_annotations()
        db_path.write_bytes(damage_cases(db_path)[case][0])
        before = snapshot(db_path.parent)
        with pytest.raises(StoreError):
            store.add(annotation(start=60))
        with pytest.raises(StoreError):
            store.reload_if_changed()
        assert snapshot(db_path.parent) == before
        assert store.all_annotations() == known  # still readable from memory


def test_a_missing_file_with_a_backup_is_not_silently_recreated(db_path: Path) -> None:
    db_path.unlink()
    with pytest.raises(StoreCorruptError, match="missing although its backup exists"):
        Store.open(db_path)
    assert not db_path.exists()


def test_the_messages_say_when_there_is_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    path.write_bytes(b"")
    with pytest.raises(StoreCorruptError, match="there is no backup") as raised:
        Store.open(path)
    assert raised.value.empty is True


def test_diagnose_a_healthy_database(db_path: Path) -> None:
    report = diagnose(db_path)
    assert report.database.state is FileState.OK
    assert (
        report.database.articles,
        report.database.annotations,
        report.database.schema_version,
    ) == (0, 2, 1)
    assert report.backup.state is FileState.OK and report.backup.annotations == 1
    assert report.healthy and not report.can_restore
    assert "healthy" in report.summary and "0 articles, 2 annotations" in report.summary
    assert report.summary.endswith("hamish.json.bak holds 1 annotation")
    assert "\n" not in report.summary


def test_diagnose_counts_annotations_hamish_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    good = annotation().to_record()
    path.write_text(json.dumps({"annotations": {"1": good, "2": {"id": "no-range"}}}))
    report = diagnose(path)
    assert (
        report.database.state,
        report.database.annotations,
        report.database.unreadable_annotations,
    ) == (FileState.OK, 1, 1)
    assert "1 more hamish cannot read" in report.summary


def test_diagnose_a_first_run(tmp_path: Path) -> None:
    report = diagnose(tmp_path / "hamish.json")
    assert report.database.state is FileState.MISSING and report.backup.state is FileState.MISSING
    assert report.healthy and not report.can_restore
    assert "does not exist yet" in report.summary


@pytest.mark.parametrize("case", CASE_NAMES)
def test_diagnose_names_the_problem_and_reads_only(db_path: Path, case: str) -> None:
    content, state, words = damage_cases(db_path)[case]
    db_path.write_bytes(content)
    before = snapshot(db_path.parent)
    report = diagnose(db_path)
    assert report.database.state is state
    assert words in report.database.problem and str(db_path) in report.summary
    assert not report.healthy
    assert report.can_restore is (state is not FileState.TOO_NEW)
    assert "\n" not in report.summary
    assert snapshot(db_path.parent) == before


@pytest.mark.parametrize("case", ["garbage", "truncated", "empty"])
def test_restore_moves_the_damage_aside_and_puts_the_backup_back(db_path: Path, case: str) -> None:
    damaged = damage_cases(db_path)[case][0]
    db_path.write_bytes(damaged)
    backup = db_path.with_name("hamish.json.bak").read_bytes()
    aside = restore_backup(db_path)
    assert aside.name.startswith("hamish.json.corrupt-")
    assert aside.read_bytes() == damaged
    assert db_path.read_bytes() == backup
    assert db_path.with_name("hamish.json.bak").read_bytes() == backup
    assert diagnose(db_path).database.state is FileState.OK
    with Store.open(db_path) as store:
        assert len(store.all_annotations()) == 1


def test_restoring_twice_keeps_both_damaged_files(db_path: Path) -> None:
    db_path.write_bytes(b"first damage")
    first = restore_backup(db_path)
    db_path.write_bytes(b"second damage")
    second = restore_backup(db_path)
    assert first != second
    assert first.read_bytes() == b"first damage" and second.read_bytes() == b"second damage"


def test_restore_of_a_missing_database(db_path: Path) -> None:
    db_path.unlink()
    assert diagnose(db_path).can_restore
    assert restore_backup(db_path) == db_path
    with Store.open(db_path) as store:
        assert len(store.all_annotations()) == 1


@pytest.mark.parametrize(
    "backup_content", [None, b"", b"{broken", b'{"_meta": {"1": {"schema_version": 9}}}']
)
def test_restore_refuses_an_unusable_backup(db_path: Path, backup_content: bytes | None) -> None:
    backup = db_path.with_name("hamish.json.bak")
    if backup_content is None:
        backup.unlink()
    else:
        backup.write_bytes(backup_content)
    db_path.write_bytes(b"{damaged")
    before = snapshot(db_path.parent)
    with pytest.raises(StoreRestoreError, match="cannot restore") as raised:
        restore_backup(db_path)
    assert str(backup) in str(raised.value)
    assert snapshot(db_path.parent) == before


def test_restore_refuses_to_replace_a_healthy_database_unless_forced(db_path: Path) -> None:
    current = db_path.read_bytes()
    with pytest.raises(StoreRestoreError, match="latest changes"):
        restore_backup(db_path)
    assert db_path.read_bytes() == current
    aside = restore_backup(db_path, force=True)
    assert aside.read_bytes() == current
    with Store.open(db_path) as store:
        assert len(store.all_annotations()) == 1


def test_a_file_cut_at_any_byte_is_reported_as_truncated(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    with Store.open(path) as store:
        store.add(annotation(note="ملاحظة قصيرة"))
    whole = path.read_bytes()
    for cut in range(len(whole) - 2):  # the last two bytes are a closing brace and a newline
        path.write_bytes(whole[:cut])
        with pytest.raises(StoreCorruptError) as raised:
            Store.open(path)
        assert "truncated" in str(raised.value) or "empty" in str(raised.value), cut
        assert " at at " not in str(raised.value)
        assert path.read_bytes() == whole[:cut]


# -- something other than a file, and both files damaged -----------------------------------


@contextlib.contextmanager
def never_hangs(path: Path) -> Iterator[None]:
    """Guard for the FIFO tests: if opening the FIFO ever blocks again, a writer opens it
    after a while, so the test fails instead of waiting forever."""

    def unblock() -> None:
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    timer = threading.Timer(20, unblock)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def test_a_directory_in_place_of_the_store_is_named_and_explained(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    path.mkdir()
    with pytest.raises(StoreCorruptError) as raised:
        Store.open(path)
    message = str(raised.value)
    assert message.startswith(f"{path} is a directory, not a file;")  # before: "Is a directory"
    assert "there is no backup" in message and "\n" not in message
    report = diagnose(path)
    assert (report.database.state, report.database.problem) == (
        FileState.NOT_A_FILE,
        "is a directory, not a file",
    )
    assert not report.healthy and not report.can_restore


def test_a_fifo_in_place_of_the_store_is_refused_at_once(db_path: Path) -> None:
    db_path.unlink()
    os.mkfifo(db_path)
    with never_hangs(db_path):
        with pytest.raises(StoreCorruptError, match=r"named pipe \(FIFO\), not a file") as raised:
            Store.open(db_path)
        report = diagnose(db_path)
    assert "hamish doctor --restore" in str(raised.value)  # the backup is good
    assert report.database.state is FileState.NOT_A_FILE and report.can_restore


def test_a_fifo_in_place_of_the_backup_is_diagnosed_and_the_store_still_opens(
    db_path: Path,
) -> None:
    backup = db_path.with_name("hamish.json.bak")
    backup.unlink()
    os.mkfifo(backup)
    with never_hangs(backup):
        assert check_file(backup).state is FileState.NOT_A_FILE
        report = diagnose(db_path)
    assert report.healthy and report.backup.state is FileState.NOT_A_FILE
    with Store.open(db_path) as store:
        assert len(store.all_annotations()) == 2
        store.add(annotation(start=40))  # the save rotates a real backup in
    assert check_file(backup).state is FileState.OK


def test_restore_moves_a_directory_aside(db_path: Path) -> None:
    db_path.unlink()
    db_path.mkdir()
    (db_path / "inside.txt").write_text("kept")
    aside = restore_backup(db_path)
    assert (aside / "inside.txt").read_text() == "kept"
    with Store.open(db_path) as store:
        assert len(store.all_annotations()) == 1


def test_both_files_damaged_says_so_and_what_to_do(db_path: Path) -> None:
    db_path.write_bytes(b"{damaged")
    db_path.with_name("hamish.json.bak").write_bytes(b"")
    with pytest.raises(StoreCorruptError) as raised:
        Store.open(db_path)
    message = str(raised.value)
    assert "is not valid JSON" in message
    assert f"its backup {db_path}.bak is empty (0 bytes) too, so both are damaged" in message
    assert "move both aside to start afresh" in message
    assert "doctor --restore" not in message  # before: it still said to restore the backup


def test_a_missing_store_with_a_damaged_backup_says_both_are_unusable(db_path: Path) -> None:
    db_path.unlink()
    db_path.with_name("hamish.json.bak").write_bytes(b"[1]")
    with pytest.raises(StoreCorruptError, match="missing although its backup exists") as raised:
        Store.open(db_path)
    assert "both are damaged" in str(raised.value)
