"""``core.library``: every article once, from the store where it can, never raising for a file."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from hamish.core.library import PEEK_BYTES, LibraryEntry, library_entries
from hamish.core.loaders import load_article
from hamish.core.opening import identify
from hamish.core.store import Store
from tests.cli.conftest import ROOT

BUNDLED = ROOT / "articles"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    bundled = tmp_path / "bundled"
    library = tmp_path / "library"
    bundled.mkdir()
    library.mkdir()
    shutil.copy(BUNDLED / "010_printing-press.md", bundled)
    shutil.copy(BUNDLED / "020_hebrew-type-history.txt", bundled)
    return bundled, library


def by_name(entries: list[LibraryEntry]) -> dict[str, LibraryEntry]:
    return {entry.path.name if entry.path else entry.title: entry for entry in entries}


def test_without_a_store_files_are_listed_from_their_text(folders: tuple[Path, Path]) -> None:
    bundled, library = folders
    shutil.copy(BUNDLED / "050_persian-rereading.txt", library)
    (library / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (library / ".hidden.txt").write_text("not listed")
    (library / "folder").mkdir()
    entries = by_name(library_entries(None, bundled=bundled, library=library))
    assert sorted(entries) == [
        "010_printing-press.md", "020_hebrew-type-history.txt", "050_persian-rereading.txt",
        "image.png",
    ]  # fmt: skip
    press = entries["010_printing-press.md"]
    article = load_article(bundled / "010_printing-press.md")
    assert (press.title, press.words, press.source) == (
        article.title,
        article.word_count,
        "bundled",
    )
    assert (press.key, press.last_read, press.annotations, press.problem) == (None, "", 0, None)
    assert entries["050_persian-rereading.txt"].source == "library"
    assert "binary" in (entries["image.png"].problem or "")


def test_missing_directories_give_an_empty_library(tmp_path: Path) -> None:
    assert library_entries(None, bundled=tmp_path / "no", library=tmp_path / "none") == []


def test_known_articles_come_from_the_store_most_recent_first(
    folders: tuple[Path, Path], store: Store
) -> None:
    bundled, library = folders
    press = identify(
        store, load_article(bundled / "010_printing-press.md"), now="2026-01-02T00:00:00.000Z"
    )
    hebrew = identify(
        store, load_article(bundled / "020_hebrew-type-history.txt"), now="2026-01-03T00:00:00.000Z"
    )
    store.save_article(
        dataclasses.replace(press, title="Title the store remembers", position=press.length // 2)
    )
    entries = library_entries(store, bundled=bundled, library=library)
    assert [entry.key for entry in entries] == [hebrew.key, press.key]
    remembered = entries[1]
    assert remembered.title == "Title the store remembers"  # not read from the file
    assert remembered.progress == pytest.approx(0.5, abs=0.01)
    assert remembered.last_read == "2026-01-02T00:00:00.000Z"


def test_never_read_ones_follow_by_file_name(folders: tuple[Path, Path], store: Store) -> None:
    bundled, library = folders
    (library / "b.txt").write_text("Alpha title\n\nText.")
    (library / "a.txt").write_text("beta title\n\nText.")
    read = identify(store, load_article(bundled / "020_hebrew-type-history.txt"))
    entries = library_entries(store, bundled=bundled, library=library)
    assert entries[0].title == read.title
    names = [entry.path.name for entry in entries[1:] if entry.path]
    assert names == sorted(names, key=str.casefold)
    assert names.index("a.txt") < names.index("b.txt")


def test_a_moved_file_appears_once_at_its_new_path(
    folders: tuple[Path, Path], store: Store, sample: Path
) -> None:
    bundled, library = folders
    record = identify(store, load_article(sample))
    moved = sample.rename(library / "renamed.txt")
    entries = library_entries(store, bundled=bundled, library=library)
    mine = [entry for entry in entries if entry.key == record.key]
    assert len(mine) == 1
    assert (mine[0].path, mine[0].source, mine[0].problem) == (moved, "library", None)
    assert len(entries) == 3


def test_history_lists_known_files_elsewhere_and_vanished_ones(
    folders: tuple[Path, Path], store: Store, sample: Path, tmp_path: Path
) -> None:
    bundled, library = folders
    elsewhere = identify(store, load_article(sample))
    lost_file = Path(shutil.copy(BUNDLED / "030_arabic-mixed-bidi.md", tmp_path / "lost.md"))
    lost = identify(store, load_article(lost_file))
    lost_file.unlink()
    history = {
        e.key: e
        for e in library_entries(store, bundled=bundled, library=library)
        if e.source == "history"
    }
    assert set(history) == {elsewhere.key, lost.key}
    assert history[elsewhere.key].problem is None
    assert history[lost.key].problem == "no such file"
    assert history[lost.key].title == lost.title


def test_one_directory_given_twice_lists_each_file_once(folders: tuple[Path, Path]) -> None:
    bundled, _ = folders
    link = bundled.parent / "link"
    os.symlink(bundled, link)
    entries = library_entries(None, bundled=bundled, library=link)
    assert len(entries) == 2


def test_large_unknown_files_get_an_estimated_word_count(folders: tuple[Path, Path]) -> None:
    bundled, library = folders
    paragraph = "Words in a long article that hamish has never opened before today.\n\n"
    big = library / "big.txt"
    big.write_text("A long one\n\n" + paragraph * (8 * PEEK_BYTES // len(paragraph)))
    (entry,) = [e for e in library_entries(None, bundled=bundled, library=library) if e.path == big]
    exact = load_article(big).word_count
    assert entry.title == "A long one"
    assert abs(entry.words - exact) <= exact * 0.05


def test_a_copy_added_to_the_library_and_its_original_opened_are_one_entry(
    folders: tuple[Path, Path], store: Store, tmp_path: Path
) -> None:
    bundled, library = folders
    original = Path(shutil.copy(BUNDLED / "050_persian-rereading.txt", tmp_path / "mine.txt"))
    copy = Path(shutil.copy(original, library / "mine.txt"))  # what `hamish add` does
    identify(store, dataclasses.replace(load_article(original), source=copy))
    identify(store, load_article(original))  # then the original was opened: the record follows
    entries = library_entries(store, bundled=bundled, library=library)
    title = load_article(original).title
    mine = [entry for entry in entries if entry.title == title]
    assert len(mine) == 1, [(e.path, e.source) for e in mine]
    assert mine[0].path == original and mine[0].key is not None
    original.unlink()  # the original gone: the library's copy is the article, notes and all
    (again,) = [
        e for e in library_entries(store, bundled=bundled, library=library) if e.title == title
    ]
    assert (again.path, again.key, again.source) == (copy, mine[0].key, "library")


def test_two_copies_of_one_unread_file_are_listed_once(folders: tuple[Path, Path]) -> None:
    bundled, library = folders
    shutil.copy(bundled / "010_printing-press.md", library / "press copy.md")
    (library / "other.md").write_text(
        "# Movable Type and the Slow Revolution of Reading\n\nNot it.\n"
    )
    entries = library_entries(None, bundled=bundled, library=library)
    names = sorted(entry.path.name for entry in entries if entry.path)
    assert names == ["010_printing-press.md", "020_hebrew-type-history.txt", "other.md"]


def test_progress_is_the_furthest_point_reached_with_the_position(
    folders: tuple[Path, Path], store: Store
) -> None:
    bundled, library = folders
    record = identify(store, load_article(bundled / "010_printing-press.md"))
    store.set_position(record.key, record.length // 8, furthest=record.length)
    (entry,) = [e for e in library_entries(store, bundled=bundled, library=library) if e.key]
    assert (entry.read_percent, entry.position_percent) == (100, 12)
    assert entry.describe_progress() == "100% read, at 12%"
