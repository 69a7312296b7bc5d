"""``core.changes``: one Change type, and the recovery file it is written to and read from."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from hamish.core import atomic_file
from hamish.core.changes import (
    RECOVERY_KEY,
    Change,
    DeleteAnnotation,
    PutAnnotation,
    RecoveryFormatError,
    SaveArticle,
    SavePosition,
    SetMark,
    apply_changes,
    change_from_record,
    change_record,
    plan_recovery,
    read_recovery,
    recovery_from_text,
    write_recovery,
)
from hamish.core.store import Store
from tests.core.store_helpers.factory import annotation, article

EVERY_KIND: list[Change] = [
    SaveArticle(article("k1")),
    PutAnnotation(annotation(article_key="k1", start=3)),
    DeleteAnnotation("gone"),  # as written before deletes named their article
    DeleteAnnotation("gone", "k1"),
    SavePosition("k1", 42),
    SavePosition("k1", 42, furthest=900),
    SetMark("k1", "a", 17),
    SetMark("k1", "ب", 3),
]


def test_every_kind_of_change_reads_back_as_written() -> None:
    for change in EVERY_KIND:
        assert change_from_record(json.loads(json.dumps(change_record(change)))) == change


def test_a_recovery_file_reads_back_in_order(tmp_path: Path) -> None:
    path = write_recovery(EVERY_KIND, tmp_path)
    assert read_recovery(json.loads(path.read_text(encoding="utf-8"))) == EVERY_KIND
    assert path.stat().st_mode & 0o077 == 0  # people's notes: readable by their owner only


@pytest.mark.parametrize("kind", ["add", "update"])
def test_records_from_before_put_load_as_puts(kind: str) -> None:
    made = annotation(start=5)
    loaded = change_from_record({"change": kind, "annotation": made.to_record()})
    assert loaded == PutAnnotation(made)


@pytest.mark.parametrize(
    ("records", "problem"),
    [
        ([{"change": "teleport"}], "change 1: unknown kind of change 'teleport'"),
        ([{"change": "put"}], "change 1: a put change is incomplete"),
        ([{"change": "delete", "id": "a"}, 7], "change 2: a change must be an object"),
        ({"change": "delete"}, f"{RECOVERY_KEY} must be a list"),
    ],
)
def test_a_damaged_recovery_file_is_refused_whole(records: object, problem: str) -> None:
    with pytest.raises(RecoveryFormatError, match=problem):
        read_recovery({RECOVERY_KEY: records})


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is empty: it holds no changes"),
        ('{"hamish_unsaved_changes": [', "is not valid JSON"),
        ('{"type": "AnnotationCollection"}', "is not a recovery file"),
    ],
)
def test_a_file_that_is_not_a_recovery_says_why(text: str, problem: str) -> None:
    with pytest.raises(RecoveryFormatError, match=problem):
        recovery_from_text(text)


def test_a_put_is_an_upsert_and_replays_are_harmless(tmp_path: Path) -> None:
    made = annotation(article_key="k1", start=0)
    with Store.open(tmp_path / "hamish.json") as store:
        store.save_article(article("k1"))
        changes: list[Change] = [PutAnnotation(made), PutAnnotation(made.edited(note="later"))]
        assert apply_changes(store, changes).applied == 2
        assert apply_changes(store, changes).applied == 2
        assert [a.note for a in store.all_annotations()] == ["later"]
        store.delete(made.id)
        applied = apply_changes(store, [PutAnnotation(made), SavePosition("nowhere", 1)])
        assert applied.applied == 1 and applied.skipped == (
            "save the reading position: unknown article 'nowhere'",
        )
        assert store.get_annotation(made.id) == made  # an edit of a deleted one brings it back


def test_a_recovery_plan_says_what_it_adds_rewrites_and_deletes(tmp_path: Path) -> None:
    kept, edited, removed = (annotation(article_key="k1", start=n) for n in (0, 10, 20))
    fresh = annotation(article_key="k1", start=30)
    with Store.open(tmp_path / "hamish.json") as store:
        store.save_article(article("k1"))
        for made in (kept, edited, removed):
            store.add(made)
        changes: list[Change] = [
            PutAnnotation(kept),  # the same as stored: nothing to say
            PutAnnotation(edited.edited(note="first try")),
            PutAnnotation(edited.edited(note="offline")),  # the last change to it counts
            DeleteAnnotation(removed.id),
            PutAnnotation(fresh),
            DeleteAnnotation("never-stored"),
            SavePosition("k1", 5),
        ]
        plan = plan_recovery(store, changes)
    assert plan.added == (fresh,)
    assert [(before.note, after.note) for before, after in plan.replaced] == [("", "offline")]
    assert plan.deleted == (removed,) and plan.articles == 1
    assert plan.loses_anything


def test_a_full_disk_leaves_no_empty_recovery_file_and_the_next_folder_gets_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, home = tmp_path / "data", tmp_path / "home"
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    real_write = atomic_file._write_all
    calls: list[int] = []

    def full_the_first_time(fd: int, pieces: list[bytes]) -> None:
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(fd, pieces)

    monkeypatch.setattr(atomic_file, "_write_all", full_the_first_time)
    path = write_recovery([DeleteAnnotation("x")], data)
    assert path.parent == home
    assert list(data.iterdir()) == []  # before: a 0-byte hamish-unsaved-*.json stayed here
    assert read_recovery(json.loads(path.read_text(encoding="utf-8"))) == [DeleteAnnotation("x")]


def test_a_position_saved_before_the_furthest_point_was_kept_reads_as_far_as_itself() -> None:
    old = {"change": "position", "article_key": "k1", "offset": 42}
    assert change_from_record(old) == SavePosition("k1", 42, furthest=42)
    assert SavePosition("k1", 42).furthest == 42  # never behind the position


def test_the_furthest_point_only_grows_and_marks_are_kept_per_article(tmp_path: Path) -> None:
    with Store.open(tmp_path / "hamish.json") as store:
        store.save_article(article("k1"))
        store.save_article(article("k2"))
        changes: list[Change] = [
            SavePosition("k1", 100, furthest=900),
            SavePosition("k1", 0),  # back to the top ("g"), then quit
            SetMark("k1", "a", 17),
            SetMark("k1", "a", 40),  # set again: moved
            SetMark("k1", "b", 5),
            SetMark("k2", "a", 3),
        ]
        assert apply_changes(store, changes).applied == len(changes)
        first, second = store.get_article("k1"), store.get_article("k2")
        assert apply_changes(store, [SetMark("nowhere", "a", 1)]).skipped == (
            "save the mark: unknown article 'nowhere'",
        )
    assert first is not None and second is not None
    assert (first.position, first.furthest) == (0, 900)
    assert first.marks == (("a", 40), ("b", 5)) and second.marks == (("a", 3),)


def test_a_recovery_file_holding_a_lone_surrogate_is_utf8_and_reads_back(tmp_path: Path) -> None:
    """Text someone else left in the store (a lone surrogate) reaches a recovery file as its
    JSON escape, as the store keeps it: the file must stay UTF-8 for doctor --recover."""
    written = write_recovery([DeleteAnnotation("x\ud800", "k")], tmp_path)
    text = written.read_bytes().decode("utf-8")
    assert recovery_from_text(text) == [DeleteAnnotation("x\ud800", "k")]
