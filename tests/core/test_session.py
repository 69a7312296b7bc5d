"""Opening an article against the store: identity through moves and edits, re-anchoring."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from hamish.core.annotations.model import AnchorStatus, Annotation
from hamish.core.changes import Change, PutAnnotation, SaveArticle
from hamish.core.loaders import load_article
from hamish.core.opening import identify, open_article
from hamish.core.store import Store, StoreWriteError

TEXT = "Title\n\nThe first paragraph talks about margins.\n\nThe second one is about notes.\n"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "data" / "hamish.json")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def annotate(store: Store, path: Path, quote: str, note: str = "") -> Annotation:
    article = load_article(path)
    record = identify(store, article)
    start = article.text.index(quote)
    annotation = Annotation.create(
        article_key=record.key,
        text=article.text,
        start=start,
        end=start + len(quote),
        text_hash=article.key,
        note=note,
    )
    store.add(annotation)
    return annotation


def test_a_moved_file_keeps_its_identity_and_notes(store: Store, tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", TEXT)
    note = annotate(store, first, "about notes", "mine")
    moved = tmp_path / "elsewhere" / "renamed.txt"
    moved.parent.mkdir()
    first.rename(moved)
    opened = open_article(store, load_article(moved))
    assert opened.record.key == note.article_key
    assert opened.record.path == str(moved.resolve())
    [placed] = opened.anchored
    assert placed.status is AnchorStatus.EXACT and placed.annotation.note == "mine"


def test_an_edited_file_keeps_its_identity_and_notes_move_with_the_text(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path / "a.txt", TEXT)
    kept = annotate(store, path, "about notes", "kept")
    lost = annotate(store, path, "talks about margins", "gone")
    write(
        path,
        TEXT.replace("The first paragraph talks about margins.", "A new opening.").replace(
            "Title\n\n", "Title\n\nAn inserted paragraph.\n\n"
        ),
    )
    article = load_article(path)
    opened = open_article(store, article)
    assert opened.record.key == kept.article_key and opened.record.text_hash == article.key
    by_note = {p.annotation.note: p for p in opened.anchored}
    moved = by_note["kept"]
    assert moved.status is AnchorStatus.MOVED
    assert article.text[moved.start : moved.end] == "about notes"
    assert by_note["gone"].orphaned  # kept, never deleted
    stored = store.get_annotation(kept.id)
    assert stored is not None and (stored.start, stored.end) == (moved.start, moved.end)
    assert moved.annotation == stored  # later edits start from the new place
    assert store.get_annotation(lost.id) is not None
    # Opening again: everything is exact now, nothing else moves.
    again = open_article(store, article)
    assert {p.annotation.note: p.status for p in again.anchored} == {
        "kept": AnchorStatus.EXACT,
        "gone": AnchorStatus.ORPHAN,
    }


def test_a_failed_save_is_deferred_when_asked(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt", TEXT)
    annotate(store, path, "about notes")
    write(path, "Title\n\nSomething new first.\n\n" + TEXT.split("\n\n", 1)[1])

    def full(*_: object) -> None:
        raise StoreWriteError(store.path, OSError(errno.ENOSPC, "No space"), replaced=False)

    monkeypatch.setattr(store, "save_article", full)
    monkeypatch.setattr(store, "put", full)
    deferred: list[Change] = []
    opened = open_article(store, load_article(path), defer=deferred.append)
    assert [type(change) for change in deferred] == [SaveArticle, PutAnnotation]
    assert len(opened.anchored) == 1
    with pytest.raises(StoreWriteError):
        open_article(store, load_article(path))
