"""The Markdown export's layout, ordering, direction and front matter, on hand-made examples.

Expected strings here are written from the export's specification (the brief and the module
docstring), not copied from its output. ``export`` writes the GitHub flavour unless told
otherwise: it has every feature (direction wrappers, ids, Markdown notes) to check.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation, Color
from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.export.flavors import FLAVORS, Flavor
from hamish.core.export.markdown import export_markdown
from hamish.core.export.markdown_text import tag_slug, yaml_string

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


def export(*items: Anchored, article: Article = ARTICLE, flavor: Flavor = "github") -> str:
    return export_markdown(article, list(items), flavor=flavor)


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
        "published": "2026-01-07",
        "created": "2025-01-01T00:00:00",
        "updated": "2025-01-01T00:00:00",
        "hamish_article": "k" * 32,
        "annotations": 2,
        "orphaned": 1,
    }


def test_front_matter_values_survive_hostile_titles() -> None:
    title = 'عنوان: "مقتبس"\n---\nkey: value # not a comment \\ \x1b \u2028 \x85'
    article = Article(title=title, blocks=ARTICLE.blocks, text=ARTICLE.text)
    document = export(article=article)
    head = document.split("\n---\n")[0]
    assert head.count("\n") == 4  # title, hamish_article, annotations, orphaned
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


@pytest.mark.parametrize(
    ("flavor", "entry"),
    [
        (
            "github",
            "> First\n\nyellow · paragraph 2 · 18% · #road_map #تاريخ ^h-00000001\n\n"
            "line one\\\nline two\n",
        ),
        (
            # Obsidian: the id alone after the quote, blank lines around it, names the quote.
            "obsidian",
            "> First\n\n^h-00000001\n\nyellow · paragraph 2 · 18% · #road_map #تاريخ\n\n"
            "line one\\\nline two\n",
        ),
        (
            "plain",
            "> First\n\nyellow · paragraph 2 · 18% · #road_map #تاريخ\n\nline one\\\nline two\n",
        ),
    ],
)
def test_entry_has_quote_meta_line_and_note(flavor: Flavor, entry: str) -> None:
    made = annotation(12, 17, note="line one\nline two", tags=("road map", "تاريخ"))
    document = export(placed(made), flavor=flavor)
    assert document.split("# The title.\n\n", 1)[1] == entry


def test_front_matter_gathers_tags_and_the_annotations_times() -> None:
    first = annotation(
        12, 17, number=1, tags=("road map", "1984"), created="2025-01-02T03:04:05.678Z"
    )
    later = replace(
        annotation(
            43, 48, number=2, tags=("تاريخ", "road map"), created="2025-02-01T00:00:00.000Z"
        ),
        updated="2025-03-01T10:00:00.000+02:00",
    )
    values = front_matter(export(placed(later), placed(first), flavor="obsidian"))
    assert values["tags"] == ["road_map", "tag_1984", "تاريخ"]
    assert values["created"] == "2025-01-02T03:04:05"  # UTC, as Obsidian writes date-times
    assert values["updated"] == "2025-03-01T08:00:00"


def test_front_matter_is_inert_where_front_matter_is_not_understood() -> None:
    """A renderer without front matter support shows it as a paragraph: a ``<script>`` title must
    not become live HTML there, nor ``![x](url)`` a remote image."""
    title = '<script>alert("x")</script> ![x](http://example.org/t.png)'
    article = Article(title=title, blocks=ARTICLE.blocks, text=ARTICLE.text)
    document = export(article=article, flavor="obsidian")
    head = document.split("\n---\n")[0]
    assert "<" not in head and ">" not in head and "](" not in head
    assert front_matter(document)["title"] == title
    rendered = MarkdownIt("commonmark").render(head)
    assert "<script" not in rendered and "<img" not in rendered


def test_position_percentage_and_paragraph() -> None:
    made = annotation(43, 48, color=Color.PINK)  # 43 * 100 // 64 = 67
    assert "pink · paragraph 3 · 67% ^h-00000001" in export(placed(made))
    assert "\n^h-00000001\n\npink · paragraph 3 · 67%\n" in export(placed(made), flavor="obsidian")


def test_position_is_where_the_passage_is_now() -> None:
    moved = Anchored(annotation(0, 3), AnchorStatus.MOVED, 43, 46)
    assert "paragraph 3 · 67%" in export(moved)


def test_right_to_left_quote_and_note_are_wrapped() -> None:
    made = annotation(43, 48, note="قارن بالفصل الثالث")
    document = export(placed(made))
    assert '<div dir="rtl">\n\n> العلم\n\n</div>' in document
    assert '<div dir="rtl">\n\nقارن بالفصل الثالث\n\n</div>' in document


@pytest.mark.parametrize("flavor", ["obsidian", "plain"])
def test_only_github_gets_html(flavor: Flavor) -> None:
    """Obsidian renders no Markdown inside HTML and sets each line's direction itself."""
    made = annotation(43, 48, note="قارن بالفصل الثالث")
    article = Article(title="العلم نور", blocks=ARTICLE.blocks, text=ARTICLE.text)
    document = export(placed(made), article=article, flavor=flavor)
    assert "<" not in document
    assert "\n# العلم نور\n\n> العلم\n\n" in document


def test_note_paragraphs_are_wrapped_by_their_own_direction() -> None:
    made = annotation(43, 48, note="An English paragraph.\n\nوفقرة عربية\n\n١٩٤٨\n\nBack.")
    document = export(placed(made))
    assert document.endswith(
        "\n\nAn English paragraph.\n\n"
        '<div dir="rtl">\n\nوفقرة عربية\n\n١٩٤٨\n\n</div>\n\n'  # digits go with the Arabic
        "Back.\n"
    )


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


def test_plain_notes_are_escaped_to_render_as_typed() -> None:
    note = "==mark== %%hidden%% $x$ ^id #tag ~~gone~~ 50% [[link]] **b**"
    document = export(placed(annotation(12, 17, note=note)), flavor="plain")
    assert (
        "\\=\\=mark\\=\\= \\%\\%hidden\\%\\% \\$x\\$ \\^id \\#tag \\~\\~gone\\~\\~ 50% "
        "\\[\\[link]] \\*\\*b\\*\\*" in document
    )


@pytest.mark.parametrize("flavor", ["obsidian", "github"])
def test_notes_keep_their_inline_markdown(flavor: Flavor) -> None:
    note = "**key** see [[Paris talks]] #diplomacy, `code`, [site](https://example.org) ==hl=="
    document = export(placed(annotation(12, 17, note=note)), flavor=flavor)
    assert document.endswith("\n\n" + note + "\n")


@pytest.mark.parametrize("flavor", FLAVORS)
def test_control_characters_are_shown_not_sent(flavor: Flavor) -> None:
    note = "bell\x07 esc\x1b[2J del\x7f nel\x85"
    document = export(placed(annotation(12, 17, note=note)), flavor=flavor)
    assert "bell␇ esc␛" in document and "2J del␡ nel\ufffd" in document
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
    assert tag_slug("1984") == "tag_1984"  # #1984 is no tag in Obsidian, an issue on GitHub
    assert tag_slug("٢٠٢٤ 1") == "tag_٢٠٢٤_1"
    assert tag_slug("y1984") == "y1984"


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
