"""``hamish doctor``: every state the store can be in, its exit status, a restore that loses
nothing, and recovery files applied only after saying what they change."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from hamish.core.annotations.model import Annotation, ArticleRecord
from hamish.core.changes import (
    DeleteAnnotation,
    PutAnnotation,
    SaveArticle,
    SavePosition,
    write_recovery,
)
from hamish.core.store import Store
from hamish.core.store.locking import InterProcessLock
from tests.cli.conftest import Hamish, annotate, assert_one_error_line, notes_file, run_module

DAMAGE = b'{"annotations": {"1": '


def database(data: Path) -> Path:
    return data / "hamish.json"


def make_store_with_backup(hamish: Hamish, sample: Path) -> str:
    """Two saves, so that ``hamish.json.bak`` holds the first annotation."""
    first = annotate(hamish, sample, "توماس باراك")
    annotate(hamish, sample, "باريس")
    return first


def test_no_database_yet_is_healthy(hamish: Hamish, environment: Path) -> None:
    result = hamish("doctor")
    assert result.code == 0
    assert "does not exist yet" in result.out
    assert not database(environment).exists()  # diagnosing writes nothing


def test_healthy_database_reports_its_counts(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    make_store_with_backup(hamish, sample)
    result = hamish("doctor")
    assert result.code == 0
    assert "1 article, 2 annotations" in result.out
    assert f"backup: {database(environment)}.bak (ok, 1 article)" in result.out
    assert f"articles' files: {notes_file(environment).parent} (1 file)" in result.out


def test_corrupt_database_is_a_problem_until_restored(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    first = make_store_with_backup(hamish, sample)
    notes_file(environment).write_bytes(DAMAGE)  # the file that holds the annotations

    diagnosed = hamish("doctor")
    assert diagnosed.code == 1
    assert "state: corrupt" in diagnosed.out and "restore it" in diagnosed.out

    restored = hamish("doctor", "--restore")
    assert restored.code == 0, restored.err
    aside = [p for p in environment.rglob("*") if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == DAMAGE  # kept, never deleted
    assert str(aside[0]) in restored.out
    with Store.open() as store:
        assert [a.id for a in store.all_annotations()] == [first]


def test_restore_refuses_without_a_usable_backup(hamish: Hamish, environment: Path) -> None:
    environment.mkdir()
    database(environment).write_bytes(DAMAGE)
    result = hamish("doctor", "--restore")
    assert result.code == 2
    assert "state: corrupt" in result.out
    assert_one_error_line(result.err, "cannot restore", str(database(environment)))
    assert database(environment).read_bytes() == DAMAGE


def test_restore_of_a_healthy_database_needs_force(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    make_store_with_backup(hamish, sample)
    kept = hamish("doctor", "--restore")
    assert kept.code == 0 and "nothing to restore" in kept.out
    with Store.open() as store:
        assert len(store.all_annotations()) == 2
    forced = hamish("doctor", "--restore", "--force")
    assert forced.code == 0
    with Store.open() as store:
        assert len(store.all_annotations()) == 1  # the backup's state, as asked


def test_force_alone_is_a_usage_error(hamish: Hamish) -> None:
    result = hamish("doctor", "--force")
    assert result.code == 2 and "--restore" in result.err


def test_recovery_files_are_mentioned(hamish: Hamish, environment: Path) -> None:
    recovery = write_recovery([DeleteAnnotation("gone")], environment)
    result = hamish("doctor")
    assert result.code == 0
    assert f"`hamish doctor --recover {recovery}` applies them" in result.out


def test_recover_applies_a_recovery_file_in_order(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    kept = annotate(hamish, sample, "باريس")
    dropped = annotate(hamish, sample, "توماس باراك")
    with Store.open() as store:
        annotation = store.get_annotation(kept)
        record = store.list_articles()[0]
    assert annotation is not None
    added = replace(annotation, id="9b0f5f5e-0000-4000-8000-000000000001", note="typed offline")
    recovery = write_recovery(
        [
            SaveArticle(replace(record, title="Renamed offline")),
            PutAnnotation(added),
            PutAnnotation(annotation.edited(note="edited offline")),
            DeleteAnnotation(dropped),
            SavePosition(record.key, 120),
            SavePosition("no-such-article", 3),
        ],
        environment,
    )
    result = hamish("doctor", "--recover", recovery, "--yes")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-2:] == [
        "applied 5 of 6 changes from " + str(recovery),
        "  skipped: save the reading position: unknown article 'no-such-article'",
    ]
    with Store.open() as store:
        notes = {a.id: a.note for a in store.all_annotations()}
        stored: ArticleRecord | None = store.get_article(record.key)
    assert notes == {kept: "edited offline", added.id: "typed offline"}
    assert stored is not None and (stored.title, stored.position) == ("Renamed offline", 120)


def stored(hamish: Hamish, sample: Path) -> tuple[Annotation, str]:
    """Two annotations: the first as stored, and the second's id."""
    kept = annotate(hamish, sample, "باريس", "--note", "kept")
    mine = annotate(hamish, sample, "توماس باراك", "--note", "mine")
    with Store.open() as store:
        annotation = store.get_annotation(kept)
    assert annotation is not None
    return annotation, mine


def test_recover_lists_what_it_would_delete_and_needs_yes_without_a_terminal(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    kept, mine = stored(hamish, sample)
    recovery = write_recovery(
        [DeleteAnnotation(mine), PutAnnotation(kept.edited(note="theirs"))], environment
    )
    before = database(environment).read_bytes()
    result = hamish("doctor", "--recover", recovery)
    assert result.code == 2
    assert result.out.splitlines() == [
        f"{recovery} holds 2 changes hamish could not save:",
        "  rewrite 1 annotation (as stored, then as the file has it):",
        "    باريس — note: kept",
        "    باريس — note: theirs",
        "  delete 1 annotation:",
        "    توماس باراك — note: mine",
    ]
    assert_one_error_line(result.err, "would delete or rewrite", "nothing was changed", "--yes")
    assert database(environment).read_bytes() == before


def test_recover_asks_on_a_terminal_and_no_changes_nothing(
    hamish: Hamish, sample: Path, environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, mine = stored(hamish, sample)
    recovery = write_recovery([DeleteAnnotation(mine)], environment)
    before = database(environment).read_bytes()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["n", "y"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    declined = hamish("doctor", "--recover", recovery)
    assert declined.code == 0 and declined.out.endswith("nothing was changed\n")
    assert database(environment).read_bytes() == before
    accepted = hamish("doctor", "--recover", recovery)
    assert accepted.code == 0 and "applied 1 of 1 change" in accepted.out
    with Store.open() as store:
        assert store.get_annotation(mine) is None


def test_recover_of_additions_only_needs_no_confirmation(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    kept, _ = stored(hamish, sample)
    added = replace(kept, id="9b0f5f5e-0000-4000-8000-000000000002", note="new")
    recovery = write_recovery([PutAnnotation(added)], environment)
    result = hamish("doctor", "--recover", recovery)
    assert result.code == 0
    assert "  add 1 annotation" in result.out and "applied 1 of 1 change" in result.out


def test_doctor_names_the_recovery_file_that_parses(
    hamish: Hamish, environment: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    good = write_recovery([DeleteAnnotation("gone")], home)
    empty = environment / "hamish-unsaved-2026-01-01T000000000Z.json"
    environment.mkdir(exist_ok=True)
    empty.write_bytes(b"")  # what a full disk left behind before create_file
    result = hamish("doctor")
    assert result.code == 0
    assert (
        f"not a usable recovery file: {empty} is empty: it holds no changes; "
        "it holds nothing to apply"
    ) in result.out
    assert f"unsaved changes: {good} holds 1 change hamish could not save" in result.out


def test_doctor_explains_a_link_a_held_lock_leftovers_and_kept_copies(
    hamish: Hamish, sample: Path, environment: Path, tmp_path: Path
) -> None:
    make_store_with_backup(hamish, sample)
    synced = tmp_path / "synced"
    synced.mkdir()
    for name in ("hamish.json", "hamish.json.bak"):
        os.replace(environment / name, synced / name)
    (environment / "hamish.json").symlink_to(synced / "hamish.json")
    (synced / ".hamish.json.0badf00d.tmp").write_bytes(b"{half")
    (synced / "hamish.json.corrupt-20260101T000000Z").write_bytes(b"{")
    holder = InterProcessLock(synced / "hamish.json.lock")
    holder.acquire()
    try:
        result = hamish("doctor")
    finally:
        holder.close()
    assert result.code == 0
    lines = result.out.splitlines()
    assert f"  link: {environment / 'hamish.json'} -> {synced / 'hamish.json'}" in lines
    assert any(
        line.startswith(f"  lock: held by another hamish (pid {os.getpid()})") for line in lines
    )
    assert (
        "  leftovers: 1 temporary file of an interrupted save; the next save removes them" in lines
    )
    assert any(line.startswith(f"  kept copy: {synced}/hamish.json.corrupt-") for line in lines)


@pytest.mark.parametrize(
    ("setup", "summary"),
    [
        ("missing-with-backup", "does not exist; the backup"),
        ("both-damaged", "both are damaged; move both aside"),
        ("damaged-no-backup", "there is no backup: move it aside to start afresh"),
        ("missing-damaged-backup", "move the backup aside to start afresh"),
    ],
)
def test_doctor_says_what_to_do_in_every_damaged_state(
    hamish: Hamish, sample: Path, environment: Path, setup: str, summary: str
) -> None:
    make_store_with_backup(hamish, sample)
    backup = environment / "hamish.json.bak"
    if setup.startswith("missing"):
        database(environment).unlink()
    else:
        database(environment).write_bytes(DAMAGE)
    if setup in ("both-damaged", "missing-damaged-backup"):
        backup.write_bytes(b"")
    elif setup == "damaged-no-backup":
        backup.unlink()
    result = hamish("doctor")
    assert result.code == 1
    assert summary in result.out.splitlines()[0]


def test_entry_point(environment: Path, tmp_path: Path) -> None:
    environment.mkdir()
    database(environment).write_bytes(DAMAGE)
    result = run_module("doctor", cwd=tmp_path)
    assert result.returncode == 1
    assert "state: corrupt" in result.stdout and result.stderr == ""
    refused = run_module("doctor", "--restore", cwd=tmp_path)
    assert refused.returncode == 2
    assert_one_error_line(refused.stderr, "cannot restore")
