"""Damaged, empty, truncated and too-new files, something other than a file where the store
should be (a directory, a FIFO), and both files damaged at once: refused at once with a message
that names the file and says what to do, never rewritten, never waited on, diagnosed and
repaired by the doctor functions.

A store is an index (``hamish.json``) and a file per article; the damage is done to either
where both must behave alike, and to the article's file (which holds the notes) elsewhere."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamish.core.atomic_file import backup_path_for
from hamish.core.store import (
    FileState,
    Store,
    StoreCorruptError,
    StoreError,
    StoreRestoreError,
    StoreVersionError,
)
from hamish.core.store.doctor import diagnose, restore_backup, restore_store
from hamish.core.store.file_check import check_file
from tests.core.store_helpers.factory import annotation, annotation_file, article

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
    """A store with an article and two annotations; the article's file's backup holds the first
    annotation only, and the index's backup the index before the article was saved."""
    path = tmp_path / "hamish.json"
    with Store.open(path) as store:
        store.save_article(article("article-1"))
        store.add(annotation(start=0))
        store.add(annotation(start=20))
    return path


@pytest.fixture
def notes(db_path: Path) -> Path:
    """The file holding the article's annotations."""
    return annotation_file(db_path)


WHICH = ["index", "notes"]


def damaged_file(db_path: Path, which: str) -> Path:
    return db_path if which == "index" else annotation_file(db_path)


def open_and_read(db_path: Path) -> None:
    """What opening the article does: the store, then the article's annotations."""
    with Store.open(db_path) as store:
        store.annotations_for("article-1")


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file of the store but the lock, the articles' files included."""
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in directory.rglob("*")
        if not p.name.endswith(".lock") and not p.is_dir()
    }


def truncated(path: Path) -> bytes:
    content = path.read_bytes()
    return content[: len(content) // 2]


def too_new(path: Path) -> bytes:
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema_version"] = 99
    for document in data["annotations"].values():
        document["field_from_the_future"] = True
    return json.dumps(data).encode()


def damage_cases(path: Path) -> dict[str, tuple[bytes, FileState, str]]:
    cases = dict(DAMAGE)
    cases["truncated"] = (truncated(path), FileState.CORRUPT, "truncated")
    cases["too-new"] = (too_new(path), FileState.TOO_NEW, "newer hamish")
    return cases


CASE_NAMES = [*DAMAGE, "truncated", "too-new"]


@pytest.mark.parametrize("which", WHICH)
@pytest.mark.parametrize("case", CASE_NAMES)
def test_an_unusable_file_is_refused_and_left_byte_identical(
    db_path: Path, case: str, which: str
) -> None:
    damaged = damaged_file(db_path, which)
    content, state, words = damage_cases(damaged)[case]
    damaged.write_bytes(content)
    before = snapshot(db_path.parent)
    expected = StoreVersionError if state is FileState.TOO_NEW else StoreCorruptError
    with pytest.raises(expected) as raised:
        open_and_read(db_path)
    message = str(raised.value)
    assert str(damaged) in message and str(damaged) + ".bak" in message
    assert words in message
    assert "\n" not in message
    assert snapshot(db_path.parent) == before


@pytest.mark.parametrize("which", WHICH)
@pytest.mark.parametrize("case", ["garbage", "truncated", "empty", "too-new"])
def test_a_running_store_never_writes_over_a_file_damaged_under_it(
    db_path: Path, case: str, which: str
) -> None:
    damaged = damaged_file(db_path, which)
    with Store.open(db_path) as store:
        known = store.annotations_for("article-1")
        damaged.write_bytes(damage_cases(damaged)[case][0])
        before = snapshot(db_path.parent)
        with pytest.raises(StoreError):
            store.add(annotation(start=60))
        with pytest.raises(StoreError):
            store.reload_if_changed()
        assert snapshot(db_path.parent) == before
        assert store.annotations_for("article-1") == known  # still readable from memory


@pytest.mark.parametrize("which", WHICH)
def test_a_missing_file_with_a_backup_is_not_silently_recreated(db_path: Path, which: str) -> None:
    missing = damaged_file(db_path, which)
    missing.unlink()
    with pytest.raises(StoreCorruptError, match="missing although its backup exists"):
        open_and_read(db_path)
    if which == "notes":  # the store opens; a save to the article is what must refuse
        with Store.open(db_path) as store, pytest.raises(StoreCorruptError):
            store.add(annotation(start=60))
    assert not missing.exists()


def test_the_messages_say_when_there_is_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    path.write_bytes(b"")
    with pytest.raises(StoreCorruptError, match="there is no backup") as raised:
        Store.open(path)
    assert raised.value.empty is True


def test_diagnose_a_healthy_database(db_path: Path, notes: Path) -> None:
    report = diagnose(db_path)
    assert report.database.state is FileState.OK
    assert (
        report.database.articles,
        report.database.annotations,
        report.database.schema_version,
    ) == (1, 2, 2)
    assert report.backup.state is FileState.OK and report.backup.articles == 0
    assert check_file(backup_path_for(notes)).annotations == 1
    assert report.shard_count == 1 and report.damaged_shards == ()
    assert report.healthy and not report.can_restore
    assert "healthy" in report.summary and "1 article, 2 annotations" in report.summary
    assert report.summary.endswith("hamish.json.bak holds 0 articles")
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


@pytest.mark.parametrize("which", WHICH)
@pytest.mark.parametrize("case", CASE_NAMES)
def test_diagnose_names_the_problem_and_reads_only(db_path: Path, case: str, which: str) -> None:
    damaged = damaged_file(db_path, which)
    content, state, words = damage_cases(damaged)[case]
    damaged.write_bytes(content)
    before = snapshot(db_path.parent)
    report = diagnose(db_path)
    if which == "index":
        found = report.database
    else:
        (shard,) = report.damaged_shards
        assert shard.path == damaged and report.database.state is FileState.OK
        found = shard.check
    assert found.state is state
    assert words in found.problem and str(damaged) in report.summary
    assert not report.healthy
    assert report.can_restore is (state is not FileState.TOO_NEW)
    assert "\n" not in report.summary
    assert snapshot(db_path.parent) == before


@pytest.mark.parametrize("case", ["garbage", "truncated", "empty"])
def test_restore_moves_the_damage_aside_and_puts_the_backup_back(notes: Path, case: str) -> None:
    db_path = notes.parent.parent / "hamish.json"
    damaged = damage_cases(notes)[case][0]
    notes.write_bytes(damaged)
    backup = backup_path_for(notes).read_bytes()
    [(restored, aside)] = restore_store(diagnose(db_path))
    assert restored == notes
    assert aside.name.startswith(f"{notes.name}.corrupt-")
    assert aside.read_bytes() == damaged
    assert notes.read_bytes() == backup
    assert backup_path_for(notes).read_bytes() == backup
    assert diagnose(db_path).healthy
    with Store.open(db_path) as store:
        assert len(store.all_annotations()) == 1


def test_restore_of_the_index_puts_its_backup_back(db_path: Path) -> None:
    db_path.write_bytes(b"{damaged")
    [(restored, aside)] = restore_store(diagnose(db_path))
    assert (restored, aside.read_bytes()) == (db_path, b"{damaged")
    with Store.open(db_path) as store:
        assert store.list_articles() == []  # the index's backup: before the article was saved
        assert len(store.annotations_for("article-1")) == 2  # the notes are in their own file


def test_restoring_twice_keeps_both_damaged_files(notes: Path) -> None:
    db_path = notes.parent.parent / "hamish.json"
    notes.write_bytes(b"first damage")
    [(_, first)] = restore_store(diagnose(db_path))
    notes.write_bytes(b"second damage")
    [(_, second)] = restore_store(diagnose(db_path))
    assert first != second
    assert first.read_bytes() == b"first damage" and second.read_bytes() == b"second damage"


@pytest.mark.parametrize("which", WHICH)
def test_restore_of_a_missing_database(db_path: Path, which: str) -> None:
    missing = damaged_file(db_path, which)
    missing.unlink()
    report = diagnose(db_path)
    assert report.can_restore
    assert restore_store(report) == [(missing, missing)]
    with Store.open(db_path) as store:
        assert len(store.all_annotations()) == (1 if which == "notes" else 2)


@pytest.mark.parametrize("which", WHICH)
@pytest.mark.parametrize(
    "backup_content", [None, b"", b"{broken", b'{"_meta": {"1": {"schema_version": 9}}}']
)
def test_restore_refuses_an_unusable_backup(
    db_path: Path, backup_content: bytes | None, which: str
) -> None:
    damaged = damaged_file(db_path, which)
    backup = backup_path_for(damaged)
    if backup_content is None:
        backup.unlink()
    else:
        backup.write_bytes(backup_content)
    damaged.write_bytes(b"{damaged")
    before = snapshot(db_path.parent)
    with pytest.raises(StoreRestoreError, match="cannot restore") as raised:
        restore_backup(damaged)
    assert str(backup) in str(raised.value)
    assert snapshot(db_path.parent) == before
    if which == "index":
        with pytest.raises(StoreRestoreError, match="cannot restore"):
            restore_store(diagnose(db_path))
    else:  # nothing it can restore: the report still names the damage
        assert restore_store(diagnose(db_path)) == []
    assert snapshot(db_path.parent) == before


def test_restore_refuses_to_replace_a_healthy_database_unless_forced(
    db_path: Path, notes: Path
) -> None:
    current = notes.read_bytes()
    with pytest.raises(StoreRestoreError, match="latest changes"):
        restore_backup(notes)
    assert notes.read_bytes() == current
    assert restore_store(diagnose(db_path)) == []
    restored = dict(restore_store(diagnose(db_path), force=True))
    assert restored[notes].read_bytes() == current
    with Store.open(db_path) as store:
        assert len(store.all_annotations()) == 1


@pytest.mark.parametrize("which", WHICH)
def test_a_file_cut_at_any_byte_is_reported_as_truncated(tmp_path: Path, which: str) -> None:
    db_path = tmp_path / "hamish.json"
    with Store.open(db_path) as store:
        store.add(annotation(note="ملاحظة قصيرة"))
    path = damaged_file(db_path, which)
    whole = path.read_bytes()
    for cut in range(len(whole) - 2):  # the last two bytes are a closing brace and a newline
        path.write_bytes(whole[:cut])
        with pytest.raises(StoreCorruptError) as raised:
            open_and_read(db_path)
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


@pytest.mark.parametrize("which", WHICH)
def test_a_fifo_in_place_of_the_store_is_refused_at_once(db_path: Path, which: str) -> None:
    fifo = damaged_file(db_path, which)
    fifo.unlink()
    os.mkfifo(fifo)
    with never_hangs(fifo):
        with pytest.raises(StoreCorruptError, match=r"named pipe \(FIFO\), not a file") as raised:
            open_and_read(db_path)
        if which == "notes":  # and every question about all articles
            with Store.open(db_path) as store, pytest.raises(StoreCorruptError):
                store.all_annotations()
        report = diagnose(db_path)
    assert "hamish doctor --restore" in str(raised.value)  # the backup is good
    found = report.database if which == "index" else report.damaged_shards[0].check
    assert found.state is FileState.NOT_A_FILE and report.can_restore


@pytest.mark.parametrize("which", WHICH)
def test_a_fifo_in_place_of_the_backup_is_diagnosed_and_the_store_still_opens(
    db_path: Path, which: str
) -> None:
    backup = backup_path_for(damaged_file(db_path, which))
    backup.unlink()
    os.mkfifo(backup)
    with never_hangs(backup):
        assert check_file(backup).state is FileState.NOT_A_FILE
        report = diagnose(db_path)
    assert report.healthy
    assert report.backup.state is (FileState.NOT_A_FILE if which == "index" else FileState.OK)
    with Store.open(db_path) as store:
        assert len(store.all_annotations()) == 2
        if which == "index":
            store.save_article(article("article-2"))  # the save rotates a real backup in
        else:
            store.add(annotation(start=40))
    assert check_file(backup).state is FileState.OK


def test_restore_moves_a_directory_aside(db_path: Path, notes: Path) -> None:
    notes.unlink()
    notes.mkdir()
    (notes / "inside.txt").write_text("kept")
    [(_, aside)] = restore_store(diagnose(db_path))
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
