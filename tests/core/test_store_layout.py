"""A file per article (schema version 2): the migration from one file and what a crash at each
of its steps leaves, a store read without being migrated, names of the articles' files, and
costs that follow the article (open files, re-reads), not the library."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from hamish.core.annotations.model import Annotation
from hamish.core.store import Store, StoreReadOnlyError, StoreVersionError, locking, migrations
from hamish.core.store import upgrade as upgrade_module
from hamish.core.store.doctor import diagnose, restore_store
from hamish.core.store.layout import annotations_dir, shard_files, shard_name
from hamish.core.store.shards import KEPT_OPEN
from tests.core.store_helpers.factory import annotation, annotation_file, article

HEX_KEY = "0f3a5b7c9d1e2f30415263748596a7b8"
ODD = {"comment": "no id, no article: kept, never shown"}


class SimulatedCrash(BaseException):
    """The process dying: nothing after it runs."""


def write_version_one(path: Path) -> tuple[list[Annotation], bytes]:
    """A store as hamish kept it in one file: two articles' notes and a document it cannot
    read, with no version stamp."""
    notes = [annotation("article-1", start=0), annotation(HEX_KEY, start=10)]
    notes.append(annotation("article-1", start=30, note="ملاحظة"))
    tables: dict[str, Any] = {
        "articles": {"1": article("article-1").to_record(), "2": article(HEX_KEY).to_record()},
        "annotations": {str(n + 1): a.to_record() for n, a in enumerate(notes)},
    }
    tables["annotations"]["9"] = ODD
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    return notes, path.read_bytes()


def everything(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in folder.rglob("*")
        if not p.name.endswith(".lock")
    }


def test_a_store_in_one_file_is_moved_to_a_file_per_article(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    notes, original = write_version_one(path)
    with Store.open(path) as store:
        assert store.all_annotations() == sorted(
            notes, key=lambda a: (a.article_key, a.start, a.created, a.id)
        )
        assert store.annotation_counts() == {"article-1": 2, HEX_KEY: 1}
    (copy,) = tmp_path.glob("hamish.json.pre-v1-*")
    assert copy.read_bytes() == original
    assert path.with_name("hamish.json.bak").read_bytes() == original  # one save behind
    with TinyDB(path, access_mode="r") as index:
        meta = index.table("_meta").get(doc_id=1)
        assert (meta["schema_version"], meta["migrated_from"]) == (2, 1)
        assert len(index.table("articles")) == 2
        assert index.table("annotations").all() == [ODD]  # kept as it was
    folder = annotations_dir(path)
    assert [p.name for p in shard_files(folder)] == sorted(
        [f"{HEX_KEY}.json", shard_name("article-1")]
    )
    with TinyDB(annotation_file(path, HEX_KEY), access_mode="r") as shard:
        assert shard.table("_meta").get(doc_id=1) == {"schema_version": 2, "article_key": HEX_KEY}
        assert [Annotation.from_record(d) for d in shard.table("annotations").all()] == [notes[1]]
    assert not list(tmp_path.glob(".*"))  # no hidden folder, no temporary file left
    with Store.open(path):
        pass
    assert len(list(tmp_path.glob("hamish.json.pre-v1-*"))) == 1  # migrated once


def test_names_of_the_articles_files() -> None:
    assert shard_name(HEX_KEY) == f"{HEX_KEY}.json"
    named = {shard_name(key) for key in ("article-1", "Article-1", "../x", "مقال", "")}
    assert len(named) == 5
    for name in named:
        assert name.startswith("k-") and name.removesuffix(".json")[2:].isalnum()
        assert name == name.lower() and "/" not in name


def crash_on(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str, call: int
) -> Callable[[], int]:
    """Make ``module.name`` die on its ``call``-th call; returns how often it was called."""
    original = getattr(module, name)
    calls = {"n": 0}

    def dying(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == call:
            raise SimulatedCrash
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, dying)
    return lambda: calls["n"]


@pytest.mark.parametrize(
    ("seam", "call", "leftover"),
    [
        ("copy_durably", 1, None),  # before anything
        ("write_durably", 2, None),  # while writing the articles' files (removed on the way out)
        ("fsync_directory", 1, None),  # before the folder is renamed into place
        ("replace_all", 1, "complete"),  # after it, before the index is replaced
    ],
)
def test_a_crash_at_any_step_of_the_migration_leaves_the_old_store_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seam: str, call: int, leftover: str | None
) -> None:
    path = tmp_path / "hamish.json"
    notes, original = write_version_one(path)
    with monkeypatch.context() as faults:
        if seam == "replace_all":
            crash_on(faults, upgrade_module.AtomicJSONStorage, seam, call)
        else:
            crash_on(faults, upgrade_module, seam, call)
        with pytest.raises(SimulatedCrash):
            Store.open(path)
    assert path.read_bytes() == original  # the store is still the old file
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and p.is_dir()]
    assert annotations_dir(path).exists() is (leftover == "complete")
    with Store.open(path) as store:  # the next start migrates again
        assert {a.id for a in store.all_annotations()} == {a.id for a in notes}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and p.is_dir()]
    aside = list(tmp_path.glob("hamish.json.annotations-v2.aside-*"))
    assert len(aside) == (leftover == "complete")  # set aside, never deleted
    if aside:
        assert {p.name for p in shard_files(aside[0])} == {
            p.name for p in shard_files(annotations_dir(path))
        }
        assert aside[0] in diagnose(path).kept_copies


def test_the_hidden_folder_a_killed_migration_left_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    notes, _ = write_version_one(path)
    hidden = tmp_path / ".hamish.json.annotations-v2.4242.tmp"  # what a kill leaves
    hidden.mkdir()
    (hidden / shard_name("article-1")).write_bytes(b'{"_meta": {"1": {"schema_ver')
    with Store.open(path) as store:
        assert len(store.all_annotations()) == len(notes)
    assert not hidden.exists()
    assert not list(tmp_path.glob("hamish.json.annotations-v2.aside-*"))


def test_an_old_index_put_back_by_hand_loses_none_of_the_newer_notes(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    _, original = write_version_one(path)
    Store.open(path).close()
    with Store.open(path) as store:
        newer = annotation("article-1", start=60, note="after the migration")
        store.add(newer)
    path.write_bytes(original)  # the pre-v1 copy, restored over the index
    with Store.open(path) as store:
        assert store.get_annotation(newer.id, "article-1") is None  # the old file's state...
    (aside,) = tmp_path.glob("hamish.json.annotations-v2.aside-*")
    with TinyDB(aside / shard_name("article-1"), access_mode="r") as kept:
        assert newer.id in {d["id"] for d in kept.table("annotations").all()}  # ...and kept


def test_reading_an_old_store_migrates_it_in_memory_only(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    notes, _ = write_version_one(path)
    before = everything(tmp_path)
    with Store.open(path, reading=True) as store:
        assert store.read_only == "opened for reading"
        assert store.annotations_for(HEX_KEY) == [notes[1]]
        assert len(store.all_annotations()) == 3
        assert store.annotation_counts() == {"article-1": 2, HEX_KEY: 1}
        assert [r.key for r in store.list_articles()] == ["article-1", HEX_KEY]
        assert store.get_annotation(notes[0].id) == notes[0]
        assert store.reload_if_changed() is False
        with pytest.raises(StoreReadOnlyError):
            store.add(annotation("article-1", start=90))
    assert everything(tmp_path) == before
    assert not path.with_name("hamish.json.lock").exists()


def test_a_store_opened_for_reading_locks_nothing_and_sees_other_writers(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    with Store.open(path) as writer:
        writer.add(annotation(start=0))
    path.with_name("hamish.json.lock").unlink()
    with Store.open(path, reading=True) as reader:
        assert len(reader.annotations_for("article-1")) == 1
        with Store.open(path) as writer:
            writer.add(annotation(start=20))
        assert reader.reload_if_changed() is True
        assert len(reader.annotations_for("article-1")) == 2
        with pytest.raises(StoreReadOnlyError):
            reader.save_article(article("k2"))


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts /proc/self/fd")
def test_questions_about_every_article_keep_few_files_open(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    keys = [f"article-{n}" for n in range(KEPT_OPEN + 20)]
    with Store.open(path) as store:
        store.add_many([annotation(key, start=n) for n, key in enumerate(keys)])
        baseline = open_descriptors()
        for key in keys:  # every article opened once: only the latest stay open
            assert len(store.annotations_for(key)) == 1
        assert open_descriptors() <= baseline + KEPT_OPEN
        assert len(store.all_annotations()) == len(keys)
        assert store.annotation_counts() == dict.fromkeys(keys, 1)
        assert open_descriptors() <= baseline + KEPT_OPEN


def test_other_writers_are_seen_in_open_articles_new_articles_and_counts(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    with Store.open(path) as mine, Store.open(path) as theirs:
        assert mine.annotations_for("article-1") == []  # open, and empty
        assert mine.annotation_counts() == {}
        theirs.add(annotation("article-1", start=0))
        theirs.add(annotation("article-2", start=0))
        assert mine.annotations_for("article-1") == []  # answers from memory...
        assert mine.reload_if_changed() is True  # ...until it looks
        assert len(mine.annotations_for("article-1")) == 1
        assert len(mine.annotations_for("article-2")) == 1  # never open: read now
        assert mine.annotation_counts() == {"article-1": 1, "article-2": 1}
        theirs.add(annotation("article-3", start=0))
        assert mine.annotation_counts()["article-3"] == 1  # a file not open is counted afresh
        assert mine.reload_if_changed() is False


def test_an_annotation_named_without_its_article_is_found_in_any(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    first, second = annotation("article-1", start=0), annotation(HEX_KEY, start=5)
    with Store.open(path) as store:
        store.add_many([first, second])
    with Store.open(path) as store:  # nothing open yet: every file is searched
        assert store.get_annotation(second.id) == second
        assert store.get_annotation(second.id, "article-1") is None  # not that article's
        assert store.delete(second.id) == second  # a delete from an old recovery file
        with pytest.raises(KeyError):
            store.delete(first.id, HEX_KEY)
        assert store.delete(first.id, "article-1") == first
    with Store.open(path) as store:
        assert store.all_annotations() == []


def test_the_schema_version_is_two(tmp_path: Path) -> None:
    assert migrations.STORE_SCHEMA_VERSION == 2
    with Store.open(tmp_path / "hamish.json") as store:
        store.add(annotation())
    with TinyDB(annotation_file(tmp_path / "hamish.json"), access_mode="r") as shard:
        assert shard.table("_meta").get(doc_id=1)["schema_version"] == 2


def test_the_doctor_checks_every_article_and_restores_only_the_damaged_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hamish.json"
    with Store.open(path) as store:
        for key in ("a", "b", "c"):
            store.add(annotation(key, start=0))
            store.add(annotation(key, start=20))
    damaged = annotation_file(path, "b")
    damaged.write_bytes(b"{broken")
    leftover = damaged.parent / f".{damaged.name}.0badf00d.tmp"
    leftover.write_bytes(b"{half")
    report = diagnose(path)
    assert (report.shard_count, report.database.annotations) == (3, 4)  # a's and c's
    (shard,) = report.damaged_shards
    assert shard.path == damaged and shard.backup.annotations == 1 and report.can_restore
    assert not report.healthy and str(damaged) in report.summary
    assert leftover in report.leftovers
    untouched = {key: annotation_file(path, key).read_bytes() for key in ("a", "c")}
    [(restored, aside)] = restore_store(report)
    assert (restored, aside.read_bytes()) == (damaged, b"{broken")
    assert {key: annotation_file(path, key).read_bytes() for key in ("a", "c")} == untouched
    report = diagnose(path)
    assert report.healthy and aside in report.kept_copies
    assert report.database.annotations == 5


def test_counts_of_files_hamish_did_not_write_or_may_not_read(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    note = annotation("article-1", start=0)
    with Store.open(path) as store:
        store.add(note)
        store.add(annotation("article-2", start=0))
    by_hand = {"annotations": {"1": note.to_record(), "2": note.edited(note="again").to_record()}}
    annotation_file(path).write_text(json.dumps(by_hand))  # the same id twice, no checksum
    with Store.open(path, reading=True) as store:
        assert store.annotation_counts() == {"article-1": 1, "article-2": 1}
    newer = json.loads(annotation_file(path, "article-2").read_bytes())
    newer["_meta"]["1"]["schema_version"] = 3
    annotation_file(path, "article-2").write_text(json.dumps(newer))
    with Store.open(path, reading=True) as store, pytest.raises(StoreVersionError):
        store.annotation_counts()


def test_an_old_store_where_nothing_can_be_written_is_read_as_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app on a read-only medium holding a store from before version 2."""
    path = tmp_path / "hamish.json"
    notes, _ = write_version_one(path)
    before = everything(tmp_path)

    def refuse(*args: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(locking, "_open_lock_file", refuse)
    with Store.open(path, allow_read_only=True) as store:
        assert store.read_only == store.unwritable == "Read-only file system (EROFS)"
        assert store.annotations_for("article-1") == [notes[0], notes[2]]
        with pytest.raises(StoreReadOnlyError):
            store.add(annotation("article-1", start=90))
    assert everything(tmp_path) == before


def test_the_first_save_sweeps_what_interrupted_saves_left_in_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    with Store.open(path) as store:
        store.add(annotation("article-1", start=0))
    killed = annotation_file(path, "article-1")
    leftover = killed.with_name(f".{killed.name}.0badf00d.tmp")  # a save killed mid-write
    leftover.write_bytes(b"{half")
    with Store.open(path) as store:
        store.add(annotation("article-2", start=0))  # another article's file
    assert not leftover.exists()
