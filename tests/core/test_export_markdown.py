"""The Markdown export's layout, ordering, direction and front matter, on hand-made examples.

Expected strings here are written from the export's specification (the brief and the module
docstring), not copied from its output.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation, Color
from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.export import export_markdown
from hamish.core.export.markdown_text import tag_slug, yaml_string

STAMP = "2026-03-01T12:00:00.000Z"

# Blocks start at 0, 12 and 43 (each joined by "\n\n"); the text is 64 code points long.
ARTICLE = Article.build(
    [
        BlockSpec(BlockKind.TITLE, "The title."),
        BlockSpec(BlockKind.PARAGRAPH, "First paragraph of some text."),
        BlockSpec(BlockKind.PARAGRAPH, "العلم نور والجهل ظلام"),
    ],
    title="The title.",
    source=Path("/library/article.txt"),
    date="2026-01-07",
)


def annotation(
    start: int,
    end: int,
    *,
    number: int = 1,
    note: str = "",
    tags: tuple[str, ...] = (),
    color: Color = Color.YELLOW,
    created: str = "2025-01-01T00:00:00.000Z",
) -> Annotation:
    made = Annotation.create(
        article_key="k" * 32,
        text=ARTICLE.text,
        start=start,
        end=end,
        text_hash=ARTICLE.key,
        color=color,
        note=note,
        tags=tags,
        now=created,
    )
    return replace(made, id=f"{number:08x}-0000-4000-8000-000000000000")


def placed(made: Annotation, status: AnchorStatus = AnchorStatus.EXACT) -> Anchored:
    return Anchored(made, status, made.start, made.end)


def export(*items: Anchored, article: Article = ARTICLE) -> str:
    return export_markdown(article, list(items), exported_at=STAMP)


def front_matter(document: str) -> dict[str, object]:
    """The front matter, read as YAML 1.2 reads it: every value here is JSON-compatible."""
    head = document.split("---\n")[1]
    values: dict[str, object] = {}
    for line in head.splitlines():
        key, value = line.split(": ", 1)
        values[key] = json.loads(value)
    return values


def test_front_matter_states_the_article_and_counts() -> None:
    orphan = placed(annotation(12, 17, number=2), AnchorStatus.ORPHAN)
    document = export(placed(annotation(12, 17)), orphan)
    assert document.startswith("---\ntitle: ")
    assert front_matter(document) == {
        "title": "The title.",
        "source": "/library/article.txt",
        "date": "2026-01-07",
        "article_key": "k" * 32,
        "exported_at": STAMP,
        "annotations": 2,
        "orphaned": 1,
    }


def test_front_matter_values_survive_hostile_titles() -> None:
    title = 'عنوان: "مقتبس"\n---\nkey: value # not a comment \\ \x1b \u2028 \x85'
    article = Article(title=title, blocks=ARTICLE.blocks, text=ARTICLE.text)
    document = export(article=article)
    head = document.split("\n---\n")[0]
    assert head.count("\n") == 5  # title, article_key, exported_at, annotations, orphaned
    assert front_matter(document)["title"] == title
    assert "source" not in front_matter(document)  # unknown source and date are left out


def test_yaml_strings_escape_what_yaml_forbids_raw() -> None:
    assert yaml_string("a\x85b\u2028c\x7f\ufeff") == '"a\\u0085b\\u2028c\\u007f\\ufeff"'
    assert yaml_string('قال: "نعم"') == '"قال: \\"نعم\\""'


def test_entries_follow_document_order_then_creation_time() -> None:
    late = placed(annotation(12, 17, number=1, note="second", created="2025-02-01T00:00:00.000Z"))
    early = placed(annotation(12, 17, number=2, note="first", created="2025-01-01T00:00:00.000Z"))
    before = placed(annotation(0, 3, number=3, note="zeroth"))
    document = export(late, early, before)
    assert document.index("zeroth") < document.index("first") < document.index("second")
    assert export(before, late, early) == document  # input order does not matter


def test_entry_has_quote_meta_line_and_note() -> None:
    made = annotation(12, 17, note="line one\nline two", tags=("road map", "تاريخ"))
    document = export(placed(made))
    entry = document.split("# The title.\n\n", 1)[1]
    assert entry == (
        "> First\n"
        "\n"
        "yellow · paragraph 2 · 18% · #road_map #تاريخ ^h-00000001\n"
        "\n"
        "line one\\\n"
        "line two\n"
    )


def test_position_percentage_and_paragraph() -> None:
    made = annotation(43, 48, color=Color.PINK)  # 43 * 100 // 64 = 67
    assert "pink · paragraph 3 · 67% ^h-00000001" in export(placed(made))


def test_position_is_where_the_passage_is_now() -> None:
    moved = Anchored(annotation(0, 3), AnchorStatus.MOVED, 43, 46)
    assert "paragraph 3 · 67%" in export(moved)


def test_right_to_left_quote_and_note_are_wrapped() -> None:
    made = annotation(43, 48, note="قارن بالفصل الثالث")
    document = export(placed(made))
    assert '<div dir="rtl">\n\n> العلم\n\n</div>' in document
    assert '<div dir="rtl">\n\nقارن بالفصل الثالث\n\n</div>' in document


def test_left_to_right_text_is_not_wrapped() -> None:
    made = annotation(12, 17, note="an English note")
    assert "<div" not in export(placed(made))


def test_note_direction_is_its_own() -> None:
    made = annotation(43, 48, note="English about Arabic: العلم")
    document = export(placed(made))
    assert document.count('<div dir="rtl">') == 1  # the quote only
    assert "\n\nEnglish about Arabic: العلم\n" in document


def test_a_right_to_left_title_is_wrapped() -> None:
    article = Article(title="العلم نور", blocks=ARTICLE.blocks, text=ARTICLE.text)
    assert '<div dir="rtl">\n\n# العلم نور\n\n</div>' in export(article=article)


def test_orphans_come_last_with_their_context() -> None:
    found = placed(annotation(43, 48, number=1))
    lost = placed(annotation(12, 17, number=2, note="still mine", tags=("x",)), AnchorStatus.ORPHAN)
    document = export(lost, found)
    body, orphans = document.split("## Orphaned highlights\n\n")
    assert "^h-00000001" in body and "^h-00000002" not in body
    assert "not found in the current text" in orphans
    # The 12-character prefix reached the start of the text, so it gets no leading ellipsis;
    # the 32-character suffix was cut, so it ends with one.
    assert ("> The title.\n>\n> **First**\\\n> paragraph of some text.\n>\n> العلم…\n") in orphans
    assert "yellow · not found in the current text · #x ^h-00000002\n\nstill mine\n" in orphans


def test_no_orphan_heading_without_orphans() -> None:
    assert "Orphaned" not in export(placed(annotation(12, 17)))


def test_obsidian_and_gfm_syntax_in_notes_is_escaped() -> None:
    note = "==mark== %%hidden%% $x$ ^id #tag ~~gone~~ 50% [[link]]"
    document = export(placed(annotation(12, 17, note=note)))
    assert (
        "\\=\\=mark\\=\\= \\%\\%hidden\\%\\% \\$x\\$ \\^id \\#tag \\~\\~gone\\~\\~ 50% \\[\\[link]]"
        in document
    )


def test_control_characters_are_shown_not_sent() -> None:
    document = export(placed(annotation(12, 17, note="bell\x07 esc\x1b[2J del\x7f nel\x85")))
    assert "bell␇ esc␛\\[2J del␡ nel\ufffd" in document
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", document)


def test_carriage_returns_are_line_ends() -> None:
    document = export(placed(annotation(12, 17, note="one\r\ntwo\rthree")))
    assert "one\\\ntwo\\\nthree\n" in document


def test_blank_lines_in_a_note_separate_paragraphs() -> None:
    document = export(placed(annotation(12, 17, note="one\n\n\n  \ntwo")))
    assert document.endswith("\n\none\n\ntwo\n")


def test_tag_slugs() -> None:
    assert tag_slug("road map") == "road_map"
    assert tag_slug("تاريخ") == "تاريخ"
    assert tag_slug("C++ / Rust!") == "C_Rust"
    assert tag_slug("تَارِيخ") == "تَارِيخ"  # harakat are marks, not separators
    assert tag_slug("!!!") == "u21_21_21"


def test_tags_that_slug_alike_appear_once() -> None:
    document = export(placed(annotation(12, 17, tags=("road map", "road-map"))))
    assert "· #road_map ^h-" in document


def test_block_ids_stay_unique_when_ids_share_a_prefix() -> None:
    first = replace(annotation(12, 17), id="abcdef01-0000-4000-8000-000000000001")
    second = replace(annotation(43, 48), id="abcdef01-0000-4000-8000-000000000002")
    document = export(placed(first), placed(second))
    assert "^h-abcdef01000040008000000000000001" in document
    assert "^h-abcdef01000040008000000000000002" in document


def test_export_is_deterministic() -> None:
    items = [placed(annotation(12, 17, note="n", tags=("a",))), placed(annotation(0, 3, number=2))]
    assert export(*items) == export(*items)
    assert export(*items).encode("utf-8") == export(*reversed(items)).encode("utf-8")


def test_an_article_without_title_or_annotations() -> None:
    article = Article(title="  ", blocks=(), text="")
    document = export(article=article)
    assert document.endswith("---\n\n# Untitled\n")
    assert front_matter(document)["annotations"] == 0
