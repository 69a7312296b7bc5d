"""W3C Web Annotation export and import: shape, lossless round trip, and refusals."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.annotations.model import (
    Anchored,
    AnchorStatus,
    Annotation,
    Color,
    normalise_tags,
)
from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.export.web_annotation import export_json
from hamish.core.export.web_annotation_import import ImportFormatError, parse_json

STAMP = "2026-03-01T12:00:00.000Z"
ARTICLE = Article.build(
    [
        BlockSpec(BlockKind.TITLE, "The title"),
        BlockSpec(BlockKind.PARAGRAPH, "First paragraph of some text."),
        BlockSpec(BlockKind.PARAGRAPH, "العلم نور والجهل ظلام"),
    ],
    title="The title",
    source=Path("/library/the title.txt"),
    date="2026-01-07",
)
KEY = "a" * 32
UUID = "0f6c2d1e-9a7b-4c3e-8f21-5b2a7d9e4c10"


def annotation(start: int = 11, end: int = 16, **fields: Any) -> Annotation:
    made = Annotation.create(
        article_key=KEY, text=ARTICLE.text, start=start, end=end, text_hash="h1", now=STAMP
    )
    return replace(made, **({"id": UUID} | fields))


def exported(*annotations: Annotation, article: Article = ARTICLE) -> dict[str, Any]:
    items = [Anchored(made, AnchorStatus.EXACT, made.start, made.end) for made in annotations]
    document: dict[str, Any] = json.loads(export_json(article, items, exported_at=STAMP))
    return document


def only_item(document: dict[str, Any]) -> dict[str, Any]:
    items: list[dict[str, Any]] = document["first"]["items"]
    assert len(items) == 1
    return items[0]


def test_collection_describes_the_article_once() -> None:
    document = exported(annotation())
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection"
    assert document["label"] == "The title"
    assert document["total"] == 1
    assert document["generated"] == STAMP
    assert document["hamish:article"] == {
        "key": KEY,
        "title": "The title",
        "textHash": ARTICLE.key,
        "source": "file:///library/the%20title.txt",
        "date": "2026-01-07",
    }
    assert document["first"]["type"] == "AnnotationPage"


def test_a_highlight_without_note() -> None:
    item = only_item(exported(annotation(color=Color.GREEN)))
    assert item["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert item["id"] == f"urn:uuid:{UUID}"
    assert item["type"] == "Annotation"
    assert item["motivation"] == "highlighting"
    assert item["created"] == item["modified"] == STAMP
    assert "body" not in item
    target = item["target"]
    assert target["source"] == f"urn:hamish:article:{KEY}"
    assert target["styleClass"] == "green"
    assert target["selector"] == [
        {
            "type": "TextQuoteSelector",
            "exact": "First",
            "prefix": "The title\n\n",
            "suffix": " paragraph of some text.\n\nالعلم ",
        },
        {"type": "TextPositionSelector", "start": 11, "end": 16},
    ]
    assert target["hamish:textHash"] == "h1"
    assert item["stylesheet"]["value"].startswith(".green {")


def test_note_and_tags_become_bodies_with_direction() -> None:
    made = annotation(note="قارن بالفصل الثالث", tags=("road map", "تاريخ", "1948"))
    item = only_item(exported(made))
    assert item["motivation"] == "commenting"
    assert item["body"] == [
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": "قارن بالفصل الثالث",
            "format": "text/plain",
            "textDirection": "rtl",
        },
        {"type": "TextualBody", "purpose": "tagging", "value": "road map", "textDirection": "ltr"},
        {"type": "TextualBody", "purpose": "tagging", "value": "تاريخ", "textDirection": "rtl"},
        {"type": "TextualBody", "purpose": "tagging", "value": "1948"},  # no strong character
    ]
    assert all("language" not in body for body in item["body"])


def test_a_non_uuid_id_is_kept_in_a_hamish_urn() -> None:
    item = only_item(exported(annotation(id="note/1 ü")))
    assert item["id"] == "urn:hamish:annotation:note%2F1%20%C3%BC"
    assert parse_json(json.dumps(exported(annotation(id="note/1 ü")))).annotations[
        0
    ].annotation.id == ("note/1 ü")


def test_annotations_are_ordered_by_stored_position() -> None:
    later = annotation(40, 45, id="2" + UUID[1:])
    earlier = annotation(0, 3, id="1" + UUID[1:])
    items = exported(later, earlier)["first"]["items"]
    assert [item["id"][-36:-35] for item in items] == ["1", "2"]


def test_raw_controls_are_escaped_in_the_file() -> None:
    text = export_json(
        ARTICLE,
        [Anchored(annotation(note="\x1b\x85\u2028"), AnchorStatus.EXACT, 11, 16)],
        exported_at=STAMP,
    )
    assert "\\u001b\\u0085\\u2028" in text
    assert not any(0x7F <= ord(c) <= 0x9F or c in "\x1b\u2028" for c in text)


def test_parse_rebuilds_the_annotation_and_its_source() -> None:
    made = annotation(note="n", tags=("a", "b"), color=Color.PURPLE, extra={"future": [1, 2]})
    text = export_json(ARTICLE, [Anchored(made, AnchorStatus.ORPHAN, 0, 0)], exported_at=STAMP)
    batch = parse_json(text)
    assert batch.title == "The title"
    assert batch.exported_at == STAMP
    (parsed,) = batch.annotations
    assert parsed.annotation == made
    assert parsed.annotation.extra == {"future": [1, 2]}
    assert parsed.source.article_key == KEY
    assert parsed.source.iri == f"urn:hamish:article:{KEY}"
    assert parsed.source.title == "The title"
    assert parsed.source.text_hash == "h1"
    assert parsed.source.path == "/library/the title.txt"
    assert parsed.source.date == "2026-01-07"


# --- round trip -------------------------------------------------------------------------------

texts = st.text(
    st.one_of(
        st.characters(),
        st.sampled_from(["\x00", "\x1b", "\x7f", "\x85", "\u2028", "\n", "\r", "\\", '"']),
        st.sampled_from("العلم نور שלום دانش"),
    ),
    max_size=30,
)
stamps = st.sampled_from(["", "2025-01-01T00:00:00.000Z", "2025-06-30T23:59:59.999Z"])


@st.composite
def annotations(draw: st.DrawFn) -> Anchored:
    start = draw(st.integers(0, 10_000))
    made = Annotation(
        id=draw(st.one_of(st.uuids().map(str), texts.filter(bool))),
        article_key=draw(st.sampled_from([KEY, "b" * 32, "odd key/ü"])),
        start=start,
        end=start + draw(st.integers(1, 500)),
        quote=draw(texts.filter(bool)),
        prefix=draw(texts),
        suffix=draw(texts),
        color=draw(st.sampled_from(Color)),
        note=draw(st.one_of(st.just(""), texts)),
        tags=normalise_tags(draw(st.lists(texts, max_size=8))),
        created=draw(stamps),
        updated=draw(stamps),
        text_hash=draw(st.sampled_from(["", "h1", ARTICLE.key])),
        schema_version=draw(st.sampled_from([1, 1, 2])),
        extra=draw(st.sampled_from([{}, {"future": "x"}, {"nested": {"a": [1, None]}}])),
    )
    status = draw(st.sampled_from(AnchorStatus))
    return Anchored(made, status, made.start, made.end)


@pytest.mark.slow
@settings(deadline=None, max_examples=150)
@given(st.lists(annotations(), max_size=6, unique_by=lambda item: item.annotation.id), texts)
def test_export_parse_export_is_identical(items: list[Anchored], title: str) -> None:
    article = Article(title=title, blocks=ARTICLE.blocks, text=ARTICLE.text, source=None)
    first = export_json(article, items, exported_at=STAMP)
    first.encode("utf-8")  # writable as UTF-8 even with lone surrogates in the input
    batch = parse_json(first)
    by_id = {item.annotation.id: item.annotation for item in items}
    for parsed in batch.annotations:
        assert parsed.annotation == by_id[parsed.annotation.id]
        assert parsed.annotation.extra == by_id[parsed.annotation.id].extra
    again = [Anchored(parsed.annotation, AnchorStatus.EXACT, 0, 1) for parsed in batch.annotations]
    assert export_json(article, again, exported_at=STAMP) == first
    assert len(batch.annotations) == len(items)


# --- other producers' shapes ------------------------------------------------------------------


def foreign(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://example.org/anno/1",
        "type": "Annotation",
        "target": {
            "source": "https://example.org/article",
            "selector": {"type": "TextQuoteSelector", "exact": "العلم نور"},
        },
    }
    record.update(fields)
    return record


def test_reads_a_bare_annotation_with_defaults() -> None:
    (parsed,) = parse_json(json.dumps(foreign())).annotations
    made = parsed.annotation
    assert made.id == "https://example.org/anno/1"
    assert (made.quote, made.prefix, made.suffix) == ("العلم نور", "", "")
    assert (made.start, made.end) == (0, len("العلم نور"))  # re-anchoring finds the quote
    assert made.color is Color.YELLOW and made.note == "" and made.tags == ()
    assert made.article_key == ""
    assert parsed.source.iri == "https://example.org/article"
    assert parsed.source.article_key is None


def test_reads_lists_pages_body_value_and_untyped_bodies() -> None:
    with_value = foreign(bodyValue="a note")
    untyped = foreign(
        id="urn:uuid:" + UUID,
        body=[{"value": "first"}, {"value": "tag", "purpose": ["tagging"]}, "https://x"],
    )
    page = {"type": "AnnotationPage", "items": [with_value, untyped]}
    for document in ([with_value, untyped], page):
        notes = [item.annotation for item in parse_json(json.dumps(document)).annotations]
        assert notes[0].note == "a note"
        assert (notes[1].id, notes[1].note, notes[1].tags) == (UUID, "first", ("tag",))


def test_a_body_that_is_neither_an_object_nor_a_link_is_left_out_with_a_warning() -> None:
    document = [foreign(bodyValue="kept"), foreign(body=[5, {"value": "also kept"}, None])]
    batch = parse_json(json.dumps(document))
    assert [item.annotation.note for item in batch.annotations] == ["kept", "also kept"]
    assert batch.warnings == (
        "annotation 2: body 5 is not a note, a tag or a link: left out",
        "annotation 2: body null is not a note, a tag or a link: left out",
    )
    assert parse_json(json.dumps(foreign(body="https://x"))).warnings == ()  # a link: silent


def test_reads_style_class_lists_and_ignores_unknown_colours() -> None:
    target = foreign()["target"] | {"styleClass": "hl blue"}
    assert parse_json(json.dumps(foreign(target=target))).annotations[0].annotation.color is (
        Color.BLUE
    )
    target = foreign()["target"] | {"styleClass": "orange"}
    assert parse_json(json.dumps(foreign(target=target))).annotations[0].annotation.color is (
        Color.YELLOW
    )


BAD_INPUTS = [
    ("{", "not valid JSON"),
    ("42", "expected a JSON object or list"),
    ('{"type": "Thing"}', "found type 'Thing'"),
    (json.dumps([{"type": "Note"}]), "annotation 1: not an object of type Annotation"),
    (json.dumps([foreign(id=7)]), "annotation 1: id must be a string, not int"),
    (json.dumps([foreign(target="https://x")]), "no target with selectors"),
    (
        json.dumps([foreign(target={"source": "x", "selector": []})]),
        "target has no TextQuoteSelector",
    ),
    (
        json.dumps(
            [foreign(target={"selector": {"type": "TextQuoteSelector", "exact": "\n"}}), {}]
        ),
        "annotation 2: not an object of type Annotation",
    ),
    (
        json.dumps(
            [
                foreign(
                    target={
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": "x"},
                            {"type": "TextPositionSelector", "start": 5, "end": 5},
                        ]
                    }
                )
            ]
        ),
        "range 5:5 is empty",
    ),
    (
        json.dumps([foreign(target={"selector": {"type": "TextQuoteSelector", "exact": ""}})]),
        "exact is empty",
    ),
    (json.dumps([foreign(body={"value": ["not", "text"]})]), "body value must be a string"),
    (
        json.dumps({"type": "AnnotationCollection", "first": "https://x/page1"}),
        "pages are links",
    ),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
]


@pytest.mark.parametrize(("text", "reason"), BAD_INPUTS)
def test_unusable_input_is_refused_with_a_one_line_reason(text: str, reason: str) -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_json(text)
    message = str(caught.value)
    assert reason in message
    assert "\n" not in message


def test_a_position_selector_must_hold_integers() -> None:
    selector = [
        {"type": "TextQuoteSelector", "exact": "x"},
        {"type": "TextPositionSelector", "start": True, "end": 2.5},
    ]
    with pytest.raises(ImportFormatError, match="start must be an integer"):
        parse_json(json.dumps([foreign(target={"selector": selector})]))
