"""Import matching: by key, by text hash, by quote; duplicates skipped, ambiguity left alone."""

from __future__ import annotations

from dataclasses import replace

from hamish.core.annotations.model import Annotation, ArticleRecord
from hamish.core.export.matching import ImportPlan, plan_import
from hamish.core.export.web_annotation_import import ImportedAnnotation, ImportSource

TEXTS = {
    "key-a": "The printing press changed how people read. Margins filled with notes.",
    "key-b": "العلم نور والجهل ظلام. قال الحكيم: العلم نور",
    "key-c": "Another article that also says: Margins filled with notes.",
}
ARTICLES = [
    ArticleRecord(key="key-a", text_hash="hash-a", title="Printing"),
    ArticleRecord(key="key-b", text_hash="hash-b", title="حكمة"),
    ArticleRecord(key="key-c", text_hash="hash-c", title="Another"),
    ArticleRecord(key="key-gone", text_hash="hash-gone", title="Deleted file"),
]
NO_SOURCE = ImportSource("", None, None, None, None, None)


def imported(
    quote: str,
    *,
    number: int = 1,
    key: str = "",
    text_hash: str = "",
    prefix: str = "",
    suffix: str = "",
    source: ImportSource = NO_SOURCE,
) -> ImportedAnnotation:
    annotation = Annotation(
        id=f"id-{number}",
        article_key=key,
        start=0,
        end=len(quote),
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        text_hash=text_hash,
    )
    return ImportedAnnotation(annotation, source)


class Reader:
    """Counts reads, so the test can see texts are read lazily and once."""

    def __init__(self) -> None:
        self.reads: list[str] = []

    def __call__(self, record: ArticleRecord) -> str | None:
        self.reads.append(record.key)
        return TEXTS.get(record.key)


def plan(
    *items: ImportedAnnotation, existing: frozenset[str] = frozenset(), reader: Reader | None = None
) -> ImportPlan:
    return plan_import(items, ARTICLES, existing_ids=existing, article_text=reader or Reader())


def test_matched_by_key_without_reading_any_text() -> None:
    reader = Reader()
    result = plan(imported("not in any text", key="key-b"), reader=reader)
    assert [made.article_key for made in result.to_add] == ["key-b"]
    assert reader.reads == []


def test_key_from_the_collection_when_the_annotation_has_none() -> None:
    source = replace(NO_SOURCE, article_key="key-c")
    result = plan(imported("whatever", source=source))
    assert [made.article_key for made in result.to_add] == ["key-c"]


def test_unknown_key_falls_back_to_text_hash() -> None:
    result = plan(imported("not in any text", key="key-elsewhere", text_hash="hash-a"))
    assert [made.article_key for made in result.to_add] == ["key-a"]


def test_matched_by_quote_and_rekeyed() -> None:
    item = imported("printing press", key="key-from-another-machine")
    result = plan(item)
    (added,) = result.to_add
    assert added.article_key == "key-a"
    assert replace(added, article_key=item.annotation.article_key) == item.annotation


def test_context_decides_between_articles_sharing_a_quote() -> None:
    # "Margins filled with notes." is in key-a and key-c; the prefix is only in key-a.
    result = plan(imported("Margins filled", prefix="people read. ", suffix=" with notes."))
    assert [made.article_key for made in result.to_add] == ["key-a"]


def test_title_decides_when_the_context_does_not() -> None:
    source = replace(NO_SOURCE, title="Another")
    result = plan(imported("Margins filled", source=source))
    assert [made.article_key for made in result.to_add] == ["key-c"]


def test_an_ambiguous_quote_stays_unmatched() -> None:
    result = plan(imported("Margins filled"))
    assert result.to_add == ()
    assert result.unmatched_count == 1


def test_a_quote_found_nowhere_is_unmatched() -> None:
    result = plan(imported("nowhere at all"))
    assert (result.imported_count, result.skipped_count, result.unmatched_count) == (0, 0, 1)


def test_existing_and_repeated_ids_are_skipped() -> None:
    first = imported("العلم نور", number=1)
    again = imported("العلم نور", number=1)
    known = imported("العلم نور", number=2)
    result = plan(first, again, known, existing=frozenset({"id-2"}))
    assert [made.id for made in result.to_add] == ["id-1"]
    assert result.skipped == (again, known)
    assert (result.imported_count, result.skipped_count, result.unmatched_count) == (1, 2, 0)


def test_a_different_annotation_under_a_used_id_is_kept_under_a_new_one() -> None:
    first = imported("العلم نور", number=1)
    other = imported("printing press", number=1)
    result = plan_import(
        [first, other],
        ARTICLES,
        existing_ids=frozenset(),
        article_text=Reader(),
        new_id=lambda: "fresh-id",
    )
    assert [(made.id, made.quote) for made in result.to_add] == [
        ("id-1", "العلم نور"),
        ("fresh-id", "printing press"),
    ]  # before: the second was skipped as if it were already present
    assert result.renamed == (("id-1", "fresh-id"),) and result.skipped == ()


def test_each_text_is_read_at_most_once_and_missing_files_are_skipped() -> None:
    reader = Reader()
    result = plan(
        imported("printing press", number=1),
        imported("الحكيم", number=2),
        imported("nowhere", number=3),
        reader=reader,
    )
    assert sorted(reader.reads) == ["key-a", "key-b", "key-c", "key-gone"]
    assert [made.article_key for made in result.to_add] == ["key-a", "key-b"]
    assert result.unmatched_count == 1
