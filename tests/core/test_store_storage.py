"""AtomicJSONStorage as a TinyDB storage: same results as memory, atomic saves, change detection."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from hamish.core.store import AtomicJSONStorage, StoreConflictError
from tests.core.store_helpers.factory import temp_files

operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("insert"), st.sampled_from(["a", "b"]), st.integers(0, 5), st.text(max_size=6)
        ),
        st.tuples(
            st.just("update"), st.sampled_from(["a", "b"]), st.integers(0, 5), st.text(max_size=6)
        ),
        st.tuples(st.just("remove"), st.sampled_from(["a", "b"]), st.integers(0, 5), st.just("")),
        st.tuples(st.just("reopen"), st.just("a"), st.just(0), st.just("")),
    ),
    max_size=12,
)


def apply(db: TinyDB, operation: tuple[str, str, int, str]) -> None:
    kind, table_name, number, text = operation
    table = db.table(table_name)
    item = Query()
    if kind == "insert":
        table.insert({"n": number, "text": text, "tags": [text]})
    elif kind == "update":
        table.update({"text": text}, item.n == number)
    elif kind == "remove":
        table.remove(item.n == number)


def contents(db: TinyDB) -> dict[str, list[dict[str, Any]]]:
    return {
        name: [dict(doc) | {"_id": doc.doc_id} for doc in db.table(name).all()]
        for name in ("a", "b")
    }


@settings(deadline=None, max_examples=30)
@given(operations)
def test_tinydb_on_the_file_behaves_like_tinydb_in_memory(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, str, int, str]]
) -> None:
    path = tmp_path_factory.mktemp("db") / "db.json"
    memory = TinyDB(storage=MemoryStorage)
    on_file = TinyDB(path, storage=AtomicJSONStorage)
    for step in steps:
        if step[0] == "reopen":  # both forget TinyDB's cached next id
            on_file.close()
            on_file = TinyDB(path, storage=AtomicJSONStorage)
            state = memory.storage.memory
            memory = TinyDB(storage=MemoryStorage)
            memory.storage.memory = state
            continue
        apply(memory, step)
        apply(on_file, step)
        assert contents(on_file) == contents(memory)
    on_file.close()
    if path.exists():
        with TinyDB(path, access_mode="r") as plain:
            assert contents(plain) == contents(memory)


def test_each_save_replaces_the_file_and_keeps_the_previous_one(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.insert({"v": 1})
        first = path.read_bytes()
        first_inode = os.stat(path).st_ino
        db.insert({"v": 2})
        assert os.stat(path).st_ino != first_inode  # a new file, not an in-place rewrite
        assert (tmp_path / "db.json.bak").read_bytes() == first
        assert [doc["v"] for doc in db.all()] == [1, 2]
    assert temp_files(tmp_path) == []


def test_a_read_returns_a_private_copy(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({"t": {"1": {"tags": ["a"]}}})
    copy = storage.read()
    assert copy is not None
    copy["t"]["1"]["tags"].append("mutated")
    assert storage.read() == {"t": {"1": {"tags": ["a"]}}}
    storage.close()


def test_a_missing_file_reads_as_an_empty_database(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "sub" / "db.json", create_dirs=True)
    assert storage.read() is None
    assert not (tmp_path / "sub" / "db.json").exists()
    storage.close()


def test_a_save_over_a_version_it_never_saw_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    mine = AtomicJSONStorage(path)
    theirs = AtomicJSONStorage(path)
    mine.write({"t": {"1": {"who": "mine"}}})
    assert theirs.read() == {"t": {"1": {"who": "mine"}}}
    mine.write({"t": {"1": {"who": "mine"}, "2": {"who": "mine again"}}})
    with pytest.raises(StoreConflictError, match="changed by another process"):
        theirs.write({"t": {"1": {"who": "theirs"}}})
    assert theirs.read() == {"t": {"1": {"who": "mine"}, "2": {"who": "mine again"}}}
    mine.close()
    theirs.close()


def test_holding_the_lock_makes_read_modify_write_safe(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    first = TinyDB(path, storage=AtomicJSONStorage)
    second = TinyDB(path, storage=AtomicJSONStorage)
    first.insert({"count": 0})
    for _ in range(10):
        for db in (first, second):
            with db.storage.lock:  # the read inside sees the other instance's save
                count = db.get(doc_id=1)["count"]
                db.update({"count": count + 1}, doc_ids=[1])
    with TinyDB(path, access_mode="r") as plain:
        assert plain.get(doc_id=1) == {"count": 20}
    first.close()
    second.close()


def test_an_in_place_edit_with_the_same_inode_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"v": "before"}}})
    assert not storage.changed_on_disk()
    with open(path, "r+b") as handle:  # an editor that rewrites in place
        content = handle.read().replace(b"before", b"after!")
        handle.seek(0)
        handle.write(content)
    assert storage.changed_on_disk()
    assert storage.refresh() is True
    assert storage.read() == {"t": {"1": {"v": "after!"}}}
    storage.close()
