"""The annotation rules of one open article, without Textual: what a highlight, an edit, a
delete, an undo and a reload do, and what each sends to the store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hamish.core.annotations.model import Anchored, AnchorStatus, ArticleRecord, Color
from hamish.core.article import Article
from hamish.core.changes import Change, DeleteAnnotation, PutAnnotation, SavePosition, SetMark
from hamish.core.loaders import LoadError, article_from_text
from hamish.core.loaders.decode import DecodedText
from hamish.core.opening import OpenedArticle
from hamish.core.session import PREVIOUS_PLACE, ArticleSession, is_mark_name, open_session
from hamish.core.store import Store

TEXT = "Title\n\nThe first paragraph talks about margins.\n\nThe second one is about notes.\n"


def article() -> Article:
    return article_from_text(DecodedText(TEXT, "utf-8"), article_format="txt", fallback_title="t")


def session_with(*anchored: Anchored) -> tuple[ArticleSession, list[Change]]:
    read = article()
    record = ArticleRecord(key="k", text_hash=read.key, title=read.title, position=3)
    submitted: list[Change] = []
    return ArticleSession(OpenedArticle(read, record, anchored), submitted.append), submitted


def span(session: ArticleSession, words: str) -> tuple[int, int]:
    start = session.article.text.index(words)
    return start, start + len(words)


def test_create_shows_at_once_and_submits_one_put() -> None:
    session, submitted = session_with()
    heard: list[int] = []
    session.subscribe(lambda: heard.append(len(session.anchored)))
    placed = session.create(*span(session, "margins"), color=Color.GREEN, note="n", tags=["a"])
    assert session.anchored == (placed,)
    assert placed.annotation.quote == "margins" and placed.annotation.color is Color.GREEN
    assert placed.annotation.tags == ("a",) and placed.annotation.article_key == "k"
    assert submitted == [PutAnnotation(placed.annotation)]
    assert heard == [1] and session.local_changes == 1


def test_an_empty_range_is_refused() -> None:
    session, submitted = session_with()
    with pytest.raises(ValueError):
        session.create(5, 5, color=Color.YELLOW)
    assert submitted == [] and session.anchored == ()


def test_annotations_are_kept_in_document_order_with_orphans_last() -> None:
    session, _ = session_with()
    second = session.create(*span(session, "notes"), color=Color.YELLOW)
    first = session.create(*span(session, "first"), color=Color.YELLOW)
    orphan = replace(
        first, status=AnchorStatus.ORPHAN, annotation=replace(first.annotation, id="o")
    )
    session.reload([orphan, second, first], session.local_changes)
    assert [p.annotation.id for p in session.anchored] == [
        first.annotation.id,
        second.annotation.id,
        "o",
    ]
    assert session.orphans == 1


def test_edit_changes_only_what_is_given_and_submits_the_new_version() -> None:
    session, submitted = session_with()
    placed = session.create(*span(session, "margins"), color=Color.YELLOW, note="old", tags=["t"])
    edited = session.edit(placed.annotation.id, note="new")
    assert edited is not None and edited.annotation.note == "new"
    assert edited.annotation.tags == ("t",) and edited.annotation.color is Color.YELLOW
    assert session.anchored == (edited,)
    assert submitted[-1] == PutAnnotation(edited.annotation)
    assert session.edit("no such id", note="x") is None


def test_at_gives_the_newest_of_overlapping_highlights() -> None:
    session, _ = session_with()
    start, end = span(session, "talks about margins")
    older = session.create(start, end, color=Color.YELLOW)
    newer = session.create(start + 6, end, color=Color.BLUE)
    assert session.at(start) == older
    assert session.at(start + 7) == newer
    assert session.at(0) is None
    assert [p.annotation.color for p in session.highlights()] == [Color.YELLOW, Color.BLUE]


def test_delete_then_undo_restores_exactly_and_submits_both() -> None:
    session, submitted = session_with()
    placed = session.create(*span(session, "margins"), color=Color.PINK, note="keep me")
    deleted = session.delete_at(placed.start + 1)
    assert deleted == placed and session.anchored == ()
    assert submitted[-1] == DeleteAnnotation(placed.annotation.id, placed.annotation.article_key)
    restored = session.undo_delete()
    assert restored == placed and session.anchored == (placed,)
    assert submitted[-1] == PutAnnotation(placed.annotation)
    assert session.undo_delete() is None  # only the last delete, once
    assert session.delete_at(0) is None


def test_neighbour_steps_through_highlights_and_wraps_round() -> None:
    session, _ = session_with()
    first = session.create(*span(session, "first"), color=Color.YELLOW)
    second = session.create(*span(session, "notes"), color=Color.YELLOW)
    assert session.neighbour(0, 1) == first
    assert session.neighbour(first.start, 1) == second
    assert session.neighbour(second.start, 1) == first  # round the end
    assert session.neighbour(second.start, -1) == first
    assert session.neighbour(first.start, -1) == second  # round the start
    empty, _ = session_with()
    assert empty.neighbour(0, 1) is None


def test_a_reload_computed_before_a_local_change_is_refused() -> None:
    session, _ = session_with()
    seen = session.local_changes
    placed = session.create(*span(session, "margins"), color=Color.YELLOW)
    assert not session.reload([], seen)  # it would drop the highlight just made
    assert session.anchored == (placed,)
    heard: list[bool] = []
    session.subscribe(lambda: heard.append(True))
    assert session.reload([], session.local_changes)
    assert session.anchored == () and heard == [True]


def test_the_position_is_submitted_only_when_it_moved() -> None:
    session, submitted = session_with()
    session.save_position(3)  # where the record says the reader already was
    session.save_position(10)
    session.save_position(10)
    assert submitted == [SavePosition("k", 10)]


def test_open_session_reads_annotations_from_the_store(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "hamish.json")
    read = article()
    submitted: list[Change] = []
    first = open_session(store, read, submitted.append)
    assert first.session is not None and first.problem is None
    placed = first.session.create(*span(first.session, "margins"), color=Color.YELLOW)
    for change in submitted:
        change.apply(store)
    again = open_session(store, read, submitted.append).session
    assert again is not None
    assert [p.annotation for p in again.anchored] == [placed.annotation]
    store.close()


def test_open_session_without_a_store_still_reads() -> None:
    opened = open_session(None, article(), lambda change: None)
    assert opened.session is not None and opened.session.anchored == () and opened.problem is None


def test_open_session_whose_rest_cannot_be_read_turns_annotations_off() -> None:
    head = article()

    def rest() -> Article:
        raise LoadError(Path("long.txt"), "binary file")

    opened = open_session(None, head, lambda change: None, rest=rest)
    assert opened.session is None and opened.article is head
    assert opened.problem is not None and "annotations are off" in opened.problem


def test_the_furthest_point_is_kept_apart_from_the_position() -> None:
    session, submitted = session_with()
    end = len(session.article.text)
    session.reached(end)  # the last screen was shown
    session.save_position(0)  # then "g", and quit
    assert submitted == [SavePosition("k", 0, furthest=end)]
    where = session.whereabouts(0)
    assert (where.position, where.furthest) == (0, 100)
    assert where.words_left == len(session.article.text.split())
    session.reached(5)  # going back never makes it less
    assert session.whereabouts(0).furthest == 100


def test_marks_are_letters_saved_with_the_article_and_two_quotes_go_back() -> None:
    session, submitted = session_with()
    assert is_mark_name("a") and is_mark_name("ب") and not is_mark_name("1")
    assert not is_mark_name("ab") and not is_mark_name(PREVIOUS_PLACE)
    session.set_mark("a", 20)
    assert submitted == [SetMark("k", "a", 20)] and session.record.mark("a") == 20
    with pytest.raises(ValueError):
        session.set_mark("1", 5)
    assert session.go_to_mark("b", 30) is None
    assert session.go_to_mark(PREVIOUS_PLACE, 30) is None  # no jump yet
    assert session.go_to_mark("a", 30) == 20
    assert session.go_to_mark(PREVIOUS_PLACE, 20) == 30  # back where "'a" was typed
    assert session.go_to_mark(PREVIOUS_PLACE, 30) == 20  # and to and fro, as in vim
    session.jumped_from(7)  # a jump from the outline
    assert session.go_to_mark(PREVIOUS_PLACE, 40) == 7


def test_a_mark_beyond_the_text_goes_to_its_end() -> None:
    session, _ = session_with()
    session.set_mark("z", 10_000)  # set before the article was shortened
    assert session.go_to_mark("z", 0) == len(session.article.text) - 1
