"""Snippets for result lists, and searching the annotations themselves."""

from __future__ import annotations

import pytest

from hamish.core.annotations.model import Annotation
from hamish.core.search.annotations import AnnotationIndex
from hamish.core.search.find import find_all
from hamish.core.search.snippet import Snippet


def test_snippet_is_one_line_with_the_match_marked() -> None:
    text = "السطر الأول\nقال: العِلْمُ نُورٌ\nوالجهل ظلام"
    [(start, end)] = find_all(text, "العلم نور")
    snippet = Snippet.around(text, start, end, context=8)
    assert "\n" not in snippet.line
    assert snippet.match == "العِلْمُ نُورٌ"
    assert snippet.line == "…ول قال: العِلْمُ نُورٌ والجهل …"  # 8 characters each side
    assert (snippet.start, snippet.end) == (start, end)
    assert str(snippet) == snippet.line


def test_snippet_at_the_edges_is_not_clipped() -> None:
    snippet = Snippet.around("abc def", 0, 3, context=10)
    assert (snippet.before, snippet.after) == ("", " def")
    assert not snippet.clipped_before and not snippet.clipped_after
    assert snippet.line == "abc def"


def test_snippet_context_keeps_harakat_with_their_letters() -> None:
    text = "كَتَبَ العِلْمَ"
    start = text.index("ا")
    snippet = Snippet.around(text, start, len(text), context=2)
    assert snippet.before == "بَ "  # not a lone fatha: the letter under it comes along


def test_snippet_refuses_bad_ranges() -> None:
    with pytest.raises(ValueError):
        Snippet.around("abc", 2, 5)
    with pytest.raises(ValueError):
        Snippet.around("abc", 0, 1, context=-1)


def note(quote: str, note: str = "", tags: tuple[str, ...] = ()) -> Annotation:
    text = f"xx {quote} yy"
    annotation = Annotation.create(
        article_key="k", text=text, start=3, end=3 + len(quote), text_hash="h", note=note
    )
    return annotation.edited(tags=tags)


def test_annotation_index_searches_quote_note_and_tags_folded() -> None:
    first = note("العِلْمُ نُورٌ", note="عن المعرفة")
    second = note("The Quick fox", tags=("حيوانات", "إنجليزي"))
    third = note("لا شيء", note="Nothing here")
    index = AnnotationIndex.of([first, second, third])
    assert index.search("العلم") == [first]
    assert index.search("المعرفه") == []
    assert AnnotationIndex.of([first], fold_teh_marbuta=True).search("المعرفه") == [first]
    assert index.search("quick") == [second]
    assert index.search("انجليزي") == [second]
    assert index.search("NOTHING") == [third]
    assert index.search("  ") == []


def test_annotation_index_never_matches_across_fields() -> None:
    annotation = note("alpha", note="beta")
    assert AnnotationIndex.of([annotation]).search("alphabeta") == []
    assert AnnotationIndex.of([annotation]).search("alpha beta") == []
