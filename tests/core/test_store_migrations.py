"""Schema versions and the migration path, exercised with a test-only version 3.

Version 2 (a file per article) is the newest today, so these tests install a fake ``2 -> 3``
migration after the real ones and pretend the current version is 3, which is exactly what a
real next version will look like. ``test_store_layout`` covers the real ``1 -> 2``.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from hamish.core.store import Store, StoreVersionError, migrations
from hamish.core.store import storage as storage_module
from hamish.core.store.tables import RawTables
from tests.core.store_helpers.factory import annotation, stored_documents


def v2_to_v3(tables: RawTables) -> RawTables:
    """Test-only: renames ``note`` to ``comment`` (returns new dicts, touches nothing)."""
    migrated = dict(tables)
    migrated["annotations"] = {
        doc_id: {("comment" if key == "note" else key): value for key, value in doc.items()}
        for doc_id, doc in tables.get("annotations", {}).items()
    }
    return migrated


@pytest.fixture
def version_three(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, 2: v2_to_v3})
    monkeypatch.setattr(migrations, "STORE_SCHEMA_VERSION", 3)


def write_v1(path: Path, with_meta: bool) -> list[str]:
    notes = [annotation(start=n, note=f"note {n}") for n in range(3)]
    tables: dict[str, Any] = {
        "annotations": {str(n + 1): a.to_record() for n, a in enumerate(notes)}
    }
    if with_meta:
        tables["_meta"] = {"1": {"schema_version": 1, "created": "2024-01-01T00:00:00.000Z"}}
    path.write_text(json.dumps(tables), encoding="utf-8")
    return [a.id for a in notes]


def test_version_rules() -> None:
    assert migrations.schema_version({}) == 1
    assert migrations.schema_version({"_meta": {}}) == 1
    assert migrations.schema_version({"_meta": {"1": {"app": "hamish"}}}) == 1
    assert migrations.schema_version({"_meta": {"1": {"schema_version": 3}}}) == 3
    for bad in ("3", 0, -1, True, None, 2.5):
        with pytest.raises(migrations.SchemaError):
            migrations.schema_version({"_meta": {"1": {"schema_version": bad}}})


def test_a_new_database_is_stamped_with_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    Store.open(path).close()
    meta = json.loads(path.read_bytes())["_meta"]["1"]
    assert meta["schema_version"] == migrations.STORE_SCHEMA_VERSION == 2
    assert "migrated_from" not in meta


@pytest.mark.usefixtures("version_three")
def test_migrate_is_pure_and_stamps_the_origin() -> None:
    original: RawTables = {"annotations": {"1": {"id": "a", "note": "n"}}}
    frozen = json.dumps(original)
    migrated = migrations.migrate(original, now="2030-01-01T00:00:00.000Z")
    assert json.dumps(original) == frozen
    assert migrated["annotations"] == {"1": {"id": "a", "comment": "n"}}
    assert migrated["_meta"]["1"] == {
        "schema_version": 3,
        "migrated_from": 1,
        "migrated_at": "2030-01-01T00:00:00.000Z",
    }


@pytest.mark.usefixtures("version_three")
def test_a_missing_step_is_an_error_not_a_silent_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    with pytest.raises(LookupError, match="from schema version 1"):
        migrations.migrate({})


@pytest.mark.usefixtures("version_three")
@pytest.mark.parametrize("with_meta", [True, False])
def test_open_migrates_in_one_write_and_keeps_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_meta: bool
) -> None:
    path = tmp_path / "hamish.json"
    ids = write_v1(path, with_meta)
    original = path.read_bytes()
    saves: list[object] = []
    real_write = storage_module.replace_file

    def counting_write(*args: Any, **kwargs: Any) -> Any:
        saves.append(args)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(storage_module, "replace_file", counting_write)
    with Store.open(path) as store:
        assert len(saves) == 1
        assert {a.id for a in store.all_annotations()} == set(ids)
    (copy,) = tmp_path.glob("hamish.json.pre-v1-*")
    assert copy.read_bytes() == original
    with TinyDB(path, access_mode="r") as db:
        assert db.table("_meta").get(doc_id=1)["schema_version"] == 3
        assert db.table("_meta").get(doc_id=1)["migrated_from"] == 1
    assert {d["comment"] for d in stored_documents(path)} == {"note 0", "note 1", "note 2"}
    Store.open(path).close()  # already current: no second migration, no second copy
    assert len(list(tmp_path.glob("hamish.json.pre-v1-*"))) == 1
    assert len(saves) == 1


@pytest.mark.usefixtures("version_three")
def test_a_failing_migration_leaves_the_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "hamish.json"
    write_v1(path, with_meta=True)
    original = path.read_bytes()

    def broken(tables: RawTables) -> RawTables:
        raise RuntimeError("bug in a migration")

    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, 2: broken})
    with pytest.raises(RuntimeError, match="bug in a migration"):
        Store.open(path)
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hamish.json", "hamish.json.lock"]


@pytest.mark.usefixtures("version_three")
def test_stores_opening_an_old_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    write_v1(path, with_meta=True)
    start = threading.Barrier(4)
    counts: list[int] = []

    def open_and_count() -> None:
        start.wait()
        with Store.open(path) as store:
            counts.append(len(store.all_annotations()))

    threads = [threading.Thread(target=open_and_count) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts == [3, 3, 3, 3]
    assert len(list(tmp_path.glob("hamish.json.pre-v1-*"))) == 1
    with TinyDB(path, access_mode="r") as db:
        assert db.table("_meta").get(doc_id=1)["schema_version"] == 3


def test_a_file_from_a_newer_hamish_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    write_v1(path, with_meta=True)
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema_version"] = 3
    path.write_text(json.dumps(data))
    original = path.read_bytes()
    with pytest.raises(StoreVersionError, match="schema version 3; this one knows up to 2"):
        Store.open(path)
    assert path.read_bytes() == original
