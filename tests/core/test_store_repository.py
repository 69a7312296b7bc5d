"""The Store's repository API: what it returns, what it persists, and how it reads other writers."""

from __future__ import annotations

import dataclasses
import json
import threading
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from hamish.core.annotations.model import Annotation, ArticleRecord, Color
from hamish.core.atomic_file import backup_path_for
from hamish.core.store import Store, StoreClosedError
from hamish.core.store import storage as storage_module
from tests.core.store_helpers.factory import (
    annotation,
    annotation_file,
    article,
    stored_documents,
)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "hamish.json"


@pytest.fixture
def store(db_path: Path) -> Store:
    opened = Store.open(db_path)
    yield opened
    opened.close()


def records(annotations: list[Annotation]) -> list[dict[str, object]]:
    return [a.to_record() for a in annotations]


def test_open_creates_directories_and_a_plain_tinydb_file(db_path: Path) -> None:
    Store.open(db_path).close()
    assert db_path.is_file()
    with TinyDB(db_path, access_mode="r") as db:
        assert {"_meta", "articles", "annotations"} <= db.tables()
        assert db.table("_meta").get(doc_id=1)["schema_version"] == 2
        assert len(db.table("annotations")) == 0


def test_open_without_a_path_uses_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMISH_DATA_DIR", str(tmp_path / "xdg"))
    with Store.open() as opened:
        assert opened.path == tmp_path / "xdg" / "hamish.json"
    assert (tmp_path / "xdg" / "hamish.json").is_file()


def test_added_annotation_is_on_disk_when_add_returns(store: Store, db_path: Path) -> None:
    note = annotation(note="هامش: a note", tags=("history", "type"), color=Color.BLUE)
    store.add(note)
    assert store.get_annotation(note.id) == note
    with TinyDB(annotation_file(db_path), access_mode="r") as db:
        (stored,) = db.table("annotations").all()
    assert Annotation.from_record(stored) == note
    with Store.open(db_path) as reopened:
        assert reopened.get_annotation(note.id) == note


def test_annotations_come_in_document_order(store: Store) -> None:
    late = annotation(start=50)
    early_first = annotation(start=10)
    early_second = annotation(start=10)  # same start, created later
    other_article = annotation(article_key="article-2", start=0)
    for item in (late, early_second, other_article, early_first):
        store.add(item)
    assert store.annotations_for("article-1") == [early_first, early_second, late]
    assert store.annotations_for("article-2") == [other_article]
    assert store.annotations_for("no-such-article") == []


def test_adding_an_existing_id_is_refused_without_writing(store: Store, db_path: Path) -> None:
    note = annotation()
    store.add(note)
    before = db_path.read_bytes()
    with pytest.raises(ValueError, match=note.id):
        store.add(note.edited(note="again"))
    assert db_path.read_bytes() == before
    assert store.get_annotation(note.id) == note


def test_update_replaces_by_id_and_persists(store: Store, db_path: Path) -> None:
    note = annotation(note="first")
    store.add(note)
    edited = note.edited(note="second", tags=["x"], color=Color.PINK)
    store.update(edited)
    assert store.get_annotation(note.id) == edited
    with Store.open(db_path) as reopened:
        assert reopened.get_annotation(note.id) == edited
        assert len(reopened.all_annotations()) == 1


def test_update_of_a_missing_annotation_raises_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.update(annotation())


def test_update_can_move_an_annotation_to_another_article(store: Store) -> None:
    note = annotation(article_key="article-1")
    store.add(note)
    moved = dataclasses.replace(note, article_key="article-2")
    store.update(moved)
    assert store.annotations_for("article-1") == []
    assert store.annotations_for("article-2") == [moved]
    assert store.annotation_counts() == {"article-2": 1}


def test_delete_returns_the_annotation_and_the_backup_still_has_it(
    store: Store, db_path: Path
) -> None:
    keep, remove = annotation(start=0), annotation(start=30)
    store.add(keep)
    store.add(remove)
    assert store.delete(remove.id) == remove
    assert store.get_annotation(remove.id) is None
    assert store.annotations_for("article-1") == [keep]
    with TinyDB(backup_path_for(annotation_file(db_path)), access_mode="r") as backup:
        assert {doc["id"] for doc in backup.table("annotations").all()} == {keep.id, remove.id}
    with Store.open(db_path) as reopened:
        assert reopened.all_annotations() == [keep]


def test_delete_of_a_missing_annotation_raises_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.delete("no-such-id")


def test_add_many_writes_once_and_skips_existing(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = annotation(start=0)
    store.add(existing)
    batch = [annotation(start=n) for n in range(1, 30)]
    saves: list[object] = []
    real_write = storage_module.replace_file

    def counting_write(*args: object, **kwargs: object) -> object:
        saves.append(args)
        return real_write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage_module, "replace_file", counting_write)
    added = store.add_many([existing, *batch, batch[0]])
    assert added == len(batch)
    assert len(saves) == 1
    with Store.open(db_path) as reopened:
        assert {a.id for a in reopened.all_annotations()} == {existing.id, *(a.id for a in batch)}


def test_add_many_without_skipping_refuses_duplicates_and_writes_nothing(
    store: Store, db_path: Path
) -> None:
    existing = annotation()
    store.add(existing)
    before = db_path.read_bytes()
    with pytest.raises(ValueError, match=existing.id):
        store.add_many([annotation(start=40), existing], skip_existing=False)
    assert db_path.read_bytes() == before
    assert store.all_annotations() == [existing]
    assert store.add_many([]) == 0


def test_counts_and_all_annotations_group_by_article(store: Store) -> None:
    a1 = annotation(article_key="b-article", start=20)
    a2 = annotation(article_key="a-article", start=5)
    a3 = annotation(article_key="b-article", start=3)
    store.add_many([a1, a2, a3])
    assert store.annotation_counts() == {"b-article": 2, "a-article": 1}
    assert store.all_annotations() == [a2, a3, a1]


def test_articles_upsert_by_key_and_keep_first_save_order(store: Store, db_path: Path) -> None:
    first, second = article("k1"), article("k2")
    store.save_article(first)
    store.save_article(second)
    renamed = dataclasses.replace(first, title="New title")
    store.save_article(renamed)
    assert store.get_article("k1") == renamed
    assert store.list_articles() == [renamed, second]
    assert store.get_article("missing") is None
    with Store.open(db_path) as reopened:
        assert reopened.list_articles() == [renamed, second]


def test_find_article_by_hash_then_by_last_known_path(store: Store) -> None:
    record = article("k1", path="/library/essay.txt", text_hash="hash-v1")
    store.save_article(record)
    assert store.find_article("hash-v1", None) == record
    assert store.find_article("hash-v2", "/library/essay.txt") == record  # edited file
    assert store.find_article("hash-v2", "/library/other.txt") is None
    assert store.find_article("hash-v2", None) is None
    edited = dataclasses.replace(record, text_hash="hash-v2", path="/library/moved.txt")
    store.save_article(edited)
    assert store.find_article("hash-v2", None) == edited
    assert store.find_article("hash-v1", "/library/essay.txt") is None


def test_set_position_persists_and_rejects_unknown_articles(store: Store, db_path: Path) -> None:
    store.save_article(article("k1"))
    store.set_position("k1", 1234)
    with Store.open(db_path) as reopened:
        record = reopened.get_article("k1")
        assert record is not None and record.position == 1234
    with pytest.raises(KeyError):
        store.set_position("unknown", 5)


def test_the_furthest_point_and_marks_are_kept_and_old_records_load(
    store: Store, db_path: Path
) -> None:
    old = article("k1").to_record()
    assert "furthest" not in old and "marks" not in old  # as records were before they existed
    old["position"] = 300
    loaded = ArticleRecord.from_record(old)
    assert (loaded.position, loaded.furthest, loaded.marks) == (300, 300, ())
    store.save_article(loaded)
    store.set_position("k1", 900)
    store.set_position("k1", 10)  # read to 900, then went back to the top
    store.update_article("k1", lambda record: record.with_mark("ب", 44).with_mark("a", 7))
    with Store.open(db_path) as reopened:
        record = reopened.get_article("k1")
    assert record is not None
    assert (record.position, record.furthest) == (10, 900)
    assert record.marks == (("a", 7), ("ب", 44)) and record.mark("ب") == 44
    assert ArticleRecord.from_record(record.to_record()) == record
    with pytest.raises(KeyError):
        store.update_article("unknown", lambda record: record)


def test_marks_written_by_hand_that_are_not_offsets_are_left_out() -> None:
    stored = {**article("k1").to_record(), "marks": {"a": 5, "b": "x", "c": True, "d": None}}
    assert ArticleRecord.from_record(stored).marks == (("a", 5),)
    assert ArticleRecord.from_record({**stored, "marks": [1, 2]}).marks == ()


def test_other_processes_writes_appear_after_reload_and_are_never_lost(db_path: Path) -> None:
    with Store.open(db_path) as first, Store.open(db_path) as second:
        mine, theirs = annotation(start=0), annotation(start=20)
        first.add(mine)
        second.add(theirs)  # second reloads under the lock before writing
        assert first.get_annotation(theirs.id) is None  # queries answer from memory
        assert first.reload_if_changed() is True
        assert first.reload_if_changed() is False
        assert first.get_annotation(theirs.id) == theirs
        third = annotation(start=40)
        second.add(third)
        first.update(mine.edited(note="edited after their add"))  # reloads, then writes
    with Store.open(db_path) as reopened:
        assert {a.id for a in reopened.all_annotations()} == {mine.id, theirs.id, third.id}


def test_unknown_fields_survive_a_round_trip(store: Store, db_path: Path) -> None:
    record = annotation().to_record()
    record["future_field"] = {"nested": [1, 2]}
    from_newer = Annotation.from_record(record)
    store.add(from_newer)
    store.update(from_newer.edited(note="edited by this version"))
    with TinyDB(annotation_file(db_path), access_mode="r") as db:
        (stored,) = db.table("annotations").all()
    assert stored["future_field"] == {"nested": [1, 2]}
    assert stored["note"] == "edited by this version"


def test_a_file_written_by_plain_tinydb_is_read_and_kept_compatible(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    legacy = annotation()
    legacy_article = article("article-1")
    odd_document = {"comment": "no id: hamish cannot show it but must keep it"}
    with TinyDB(db_path, storage=JSONStorage) as db:
        db.table("annotations").insert({"note": legacy.note, **legacy.to_record()})
        db.table("annotations").insert(odd_document)
        db.table("articles").insert(legacy_article.to_record())
    with Store.open(db_path) as opened:
        assert opened.all_annotations() == [legacy]
        assert opened.get_article("article-1") == legacy_article
        added = annotation(start=44)
        opened.add(added)
    documents = stored_documents(db_path)
    assert odd_document in documents
    assert {d.get("id") for d in documents} == {legacy.id, added.id, None}
    with TinyDB(db_path, access_mode="r") as db:
        assert db.table("_meta").get(doc_id=1)["schema_version"] == 2  # migrated, still TinyDB


def test_repeated_ids_in_a_hand_merged_file_are_removed_together(db_path: Path) -> None:
    note = annotation()
    newer = note.edited(note="the later copy")
    db_path.parent.mkdir(parents=True)
    tables = {"annotations": {"1": note.to_record(), "2": newer.to_record()}}
    db_path.write_text(json.dumps(tables), encoding="utf-8")
    with Store.open(db_path) as opened:
        assert opened.all_annotations() == [newer]
        assert opened.delete(note.id) == newer
    with Store.open(db_path) as reopened:
        assert reopened.all_annotations() == []
    assert stored_documents(db_path) == []


def test_a_closed_store_refuses_instead_of_dropping_writes(db_path: Path) -> None:
    opened = Store.open(db_path)
    opened.close()
    with pytest.raises(StoreClosedError, match="closed"):
        opened.add(annotation())
    with pytest.raises(StoreClosedError):
        opened.annotations_for("article-1")


def test_threads_sharing_one_store_lose_nothing(store: Store, db_path: Path) -> None:
    errors: list[BaseException] = []
    added: list[str] = []

    def writer(offset: int) -> None:
        try:
            for n in range(25):
                item = annotation(start=offset + n)
                store.add(item)
                added.append(item.id)
                store.annotations_for("article-1")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(k * 100,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store.open(db_path) as reopened:
        assert {a.id for a in reopened.all_annotations()} == set(added)
        assert len(added) == 100


def test_two_store_instances_in_two_threads_exclude_each_other(db_path: Path) -> None:
    Store.open(db_path).close()
    added: list[str] = []

    def writer(article_key: str) -> None:
        with Store.open(db_path) as own:
            for n in range(40):
                item = annotation(article_key=article_key, start=n)
                own.add(item)
                added.append(item.id)

    threads = [threading.Thread(target=writer, args=(key,)) for key in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Store.open(db_path) as reopened:
        assert reopened.annotation_counts() == {"left": 40, "right": 40}
        assert {a.id for a in reopened.all_annotations()} == set(added)
