"""A store on a read-only file system or in a read-only folder: opened for reading without the
lock when the caller allows it, every change refused up front, nothing created.

Tests run as root, for whom permissions do not stop a write, so the file system's refusal is
injected where the store opens its lock file and creates its temporary file."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from hamish.core import atomic_file
from hamish.core.store import Store, StoreLockError, StoreReadOnlyError, locking
from tests.core.store_helpers.factory import annotation, article


def read_only_file_system(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(locking, "_open_lock_file", refuse)
    monkeypatch.setattr(atomic_file, "_create_temp", refuse)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "hamish.json"
    with Store.open(path) as store:
        store.save_article(article("k1"))
        store.add(annotation(article_key="k1", start=0))
    path.with_name("hamish.json.lock").unlink()  # as if copied onto the read-only medium
    return path


def listing(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` and in the folders inside it (the articles' files)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_read_only_store_reads_and_refuses_changes_up_front(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_only_file_system(monkeypatch)
    before = listing(db_path.parent)
    with Store.open(db_path, allow_read_only=True) as store:
        assert store.read_only == "Read-only file system (EROFS)"
        assert [a.start for a in store.annotations_for("k1")] == [0]
        with pytest.raises(StoreReadOnlyError, match=r"read-only here .*nothing was saved"):
            store.add(annotation(article_key="k1", start=10))
        with pytest.raises(StoreReadOnlyError):
            store.save_article(article("k2"))
        assert [record.key for record in store.list_articles()] == ["k1"]
    assert listing(db_path.parent) == before  # no lock file, nothing else


def test_without_permission_a_read_only_store_fails_at_the_first_change(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_only_file_system(monkeypatch)
    with Store.open(db_path) as store:
        assert store.read_only is None
        assert len(store.all_annotations()) == 1
        with pytest.raises(StoreLockError, match="EROFS"):
            store.add(annotation(article_key="k1", start=10))


def test_a_missing_store_on_a_read_only_file_system_is_empty_and_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_only_file_system(monkeypatch)
    path = tmp_path / "hamish.json"
    with Store.open(path, allow_read_only=True) as store:
        assert store.read_only is not None
        assert store.all_annotations() == [] and store.list_articles() == []
    assert list(tmp_path.iterdir()) == []


def test_a_writable_store_is_not_read_only(db_path: Path) -> None:
    with Store.open(db_path, allow_read_only=True) as store:
        assert store.read_only is None
        store.add(annotation(article_key="k1", start=10))
