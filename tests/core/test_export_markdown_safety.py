"""Nothing a user highlighted or typed may become Markdown structure in an export.

The export is rendered with markdown-it-py (CommonMark plus GFM tables, as GitHub-style renderers
parse it) and walked token by token:

* only the token types the exporter itself emits may appear (headings, paragraphs, one level of
  block quote, hard breaks, the ``<div dir="rtl">`` wrappers, bold quote lines in orphan
  context); any link, image, emphasis, code, HTML, list, table, rule or soft break fails;
* the rendered text of every quote, note and the title must equal the original text under
  ``normalised`` below, so an entity or escape that changed a character fails too.

``normalised`` is the whitespace and control-character policy of the export, and it is what any
Markdown renderer does anyway: CR/CRLF are line ends; leading and trailing whitespace of a line
is dropped (Markdown drops it, and leading indentation would make code); one or more blank lines
are one paragraph break; control characters other than tab and newline are shown as their
U+2400 symbols (DEL as ␡, C1 controls and lone surrogates as U+FFFD) so none reaches a terminal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation, Color
from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.export import markdown_text
from hamish.core.export.markdown import export_markdown

MD = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)

ALLOWED_TOKENS = {
    "front_matter", "heading_open", "heading_close", "paragraph_open", "paragraph_close",
    "blockquote_open", "blockquote_close", "html_block", "inline", "text", "hardbreak",
    "strong_open", "strong_close",
}  # fmt: skip
WRAPPERS = ('<div dir="rtl">\n', "</div>\n")
META = re.compile(
    r"^(?P<color>yellow|green|blue|pink|purple) · "
    r"(?P<position>paragraph \d+ · \d+%|not found in the current text)"
    r"(?: · (?P<tags>#\S+(?: #\S+)*))? \^h-(?P<hex>[0-9a-f]{8,})$"
)
FRONT_MATTER_LINE = re.compile(r"^(?P<key>[a-z_]+): (?P<value>.*)$")


def visible(char: str) -> str:
    code = ord(char)
    if char in "\n\t":
        return char
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "␡"
    if 0x80 <= code < 0xA0 or 0xD800 <= code < 0xE000:
        return "\ufffd"
    return char


def normalised(text: str) -> str:
    text = "".join(visible(char) for char in text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(lines) for lines in paragraphs if lines)


# --- rendering the export back into text ------------------------------------------------------


@dataclass
class Block:
    """A top-level block of the rendered export."""

    kind: str  # heading, paragraph, blockquote
    text: str
    level: int = 0


def inline_text(token: Token, *, strong: list[str] | None) -> str:
    parts: list[str] = []
    in_strong = False
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
            if in_strong and strong is not None:
                strong[-1] += child.content
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "strong_open":
            assert strong is not None, "bold outside orphan context"
            assert not in_strong
            in_strong = True
            strong.append("")
        elif child.type == "strong_close":
            in_strong = False
        else:
            raise AssertionError(f"unexpected inline token {child.type}")
    return "".join(parts)


def top_level_blocks(tokens: list[Token], strong: list[str]) -> list[Block]:
    blocks: list[Block] = []
    depth_html = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "html_block":
            assert token.content in WRAPPERS, f"HTML from user text: {token.content!r}"
            depth_html += 1 if token.content == WRAPPERS[0] else -1
            assert depth_html in (0, 1), "unbalanced or nested direction wrappers"
            index += 1
        elif token.type == "heading_open":
            blocks.append(
                Block("heading", inline_text(tokens[index + 1], strong=None), token.level)
            )
            blocks[-1].level = int(token.tag[1])
            index += 3
        elif token.type == "paragraph_open":
            blocks.append(Block("paragraph", inline_text(tokens[index + 1], strong=None)))
            index += 3
        elif token.type == "blockquote_open":
            paragraphs: list[str] = []
            index += 1
            while tokens[index].type != "blockquote_close":
                inner = tokens[index]
                assert inner.type == "paragraph_open", f"{inner.type} inside a block quote"
                paragraphs.append(inline_text(tokens[index + 1], strong=strong))
                index += 3
            blocks.append(Block("blockquote", "\n\n".join(paragraphs)))
            index += 1
        else:
            raise AssertionError(f"unexpected block token {token.type}")
    assert depth_html == 0
    return blocks


def check_export(article: Article, items: list[Anchored]) -> None:
    """Raise AssertionError if the export of ``items`` lets user text become structure."""
    document = export_markdown(article, items, exported_at="2026-01-01T00:00:00Z")
    raw_controls = [c for c in document if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    assert not raw_controls, f"raw control characters {raw_controls!r}"
    tokens = MD.parse(document)
    types = {token.type for token in tokens}
    for token in tokens:
        types.update(child.type for child in token.children or [])
    assert types <= ALLOWED_TOKENS, f"forbidden tokens {sorted(types - ALLOWED_TOKENS)}"
    assert tokens[0].type == "front_matter"
    check_front_matter(tokens[0].content, article, items)

    strong: list[str] = []
    blocks = top_level_blocks(tokens[1:], strong)
    title = " ".join(normalised(article.title).split()) or "Untitled"
    assert blocks and blocks[0] == Block("heading", title, 1)
    found = sorted(
        (item for item in items if not item.orphaned),
        key=lambda item: (item.start, item.annotation.created, item.annotation.id),
    )
    orphans = sorted(
        (item for item in items if item.orphaned),
        key=lambda item: (item.start, item.annotation.created, item.annotation.id),
    )
    rest = blocks[1:]
    for item in found:
        rest = check_entry(rest, item.annotation, orphan=False)
    if orphans:
        assert len(rest) >= 2, "orphans heading missing"
        assert rest[0] == Block("heading", "Orphaned highlights", 2)
        assert rest[1].kind == "paragraph"
        rest = rest[2:]
    for item in orphans:
        rest = check_entry(rest, item.annotation, orphan=True)
    assert rest == [], f"blocks no annotation accounts for: {rest}"
    expected_strong = [
        line for item in orphans for line in normalised(item.annotation.quote).split("\n") if line
    ]
    assert strong == expected_strong


def check_entry(blocks: list[Block], annotation: Annotation, *, orphan: bool) -> list[Block]:
    assert len(blocks) >= 2, "an annotation's quote or meta line is missing"
    quote, meta, *rest = blocks
    assert quote.kind == "blockquote"
    if orphan:
        assert quote.text == context_text(annotation)
    else:
        assert quote.text == normalised(annotation.quote)
    assert meta.kind == "paragraph"
    match = META.match(meta.text)
    assert match, f"meta line {meta.text!r}"
    assert match["color"] == annotation.color.value
    assert (match["position"] == "not found in the current text") == orphan
    tags = (match["tags"] or "").split()
    assert len(tags) <= len(annotation.tags)
    for tag in tags:
        word = tag[1:]
        assert word and "__" not in word and not word.startswith("_") and not word.endswith("_")
        assert all(c == "_" or unicodedata.category(c)[0] in "LMN" for c in word), tag
    note_blocks: list[Block] = []
    while rest and rest[0].kind == "paragraph":
        note_blocks.append(rest.pop(0))
    assert "\n\n".join(block.text for block in note_blocks) == normalised(annotation.note)
    return rest


def context_text(annotation: Annotation) -> str:
    """How an orphan's context must read: prefix, quote and suffix, the quote on lines of its own
    (a line break where the text ran on between them), ``…`` where the context was cut short."""
    joined = ""
    for part in (annotation.prefix, annotation.quote, annotation.suffix):
        part = "".join(visible(c) for c in part.replace("\r\n", "\n").replace("\r", "\n"))
        ran_on = joined and not re.search(r"\n[^\S\n]*\Z", joined)
        if ran_on and not re.match(r"[^\S\n]*\n", part):
            joined += "\n"
        joined += part
    cut_before = normalised(annotation.prefix) and len(annotation.prefix) >= 32
    cut_after = normalised(annotation.suffix) and len(annotation.suffix) >= 32
    return ("…" if cut_before else "") + normalised(joined) + ("…" if cut_after else "")


def check_front_matter(content: str, article: Article, items: list[Anchored]) -> None:
    values: dict[str, object] = {}
    for line in content.split("\n"):
        match = FRONT_MATTER_LINE.match(line)
        assert match, f"front matter line {line!r}"
        values[match["key"]] = json.loads(match["value"])
    assert values["title"] == article.title
    assert values["annotations"] == len(items)
    assert values["orphaned"] == sum(item.orphaned for item in items)


# --- strategies ---------------------------------------------------------------------------------

SYNTAX = list("#*-+>`~[]()!<>&|_=\\.:%$^@{}\"' \t0123456789")
FRAGMENTS = [
    "# ", "## ", "- ", "+ ", "* ", "1. ", "10) ", "> ", ">> ", "```", "~~~", "    code", "\tcode",
    "<div>", "<!-- c -->", "<b>", "</p>", "<http://x.y>", "<a@b.c>", "&amp;", "&#35;", "&copy",
    "*em*", "_em_", "**b**", "__b__", "`c`", "``c``", "![i](u)", "[l](u)", "[l]: /url", "[^1]",
    "[^1]: note", "|", "a|b", "|-|", "a|b\n|-|-|", "a|b\n:-",
    "x|y\n-|-", "a\n---", "a\n=", "---", "***", "___", "===", ":--", "-:", "\\", "\\*",
    "==hl==", "%%c%%", "$m$", "^id", "#tag", "~~s~~", "\x1b[31m", "\x00", "\x7f", "\x85",
    "\u2028", "\r", "\r\n", "\n", "\n\n", "\u00a0", "قال", "שלום", "س", "9.", "1)", "- [ ] ",
]  # fmt: skip

LINE_STARTS = [
    "", "", "", " ", "  ", "    ", "\t", "# ", "#", "- ", "-", "+ ", "* ", "> ", ">", "1. ", "1) ",
    "2.", "| ", ":", ":-", "-:", "---", "===", "```", "~~~", "<", "<!--", "[x]: ", "[^1]: ",
    "|-|-|", "a|b\n:-", "a|b\n|-|-|", "a\n===", "a\n- ",
]  # fmt: skip
SEPARATORS = ["", "\n", "\n", "\n", "\r\n", "\r", "\n\n", "\n \t\n"]
user_text = st.lists(
    st.tuples(
        st.sampled_from(LINE_STARTS),
        st.lists(st.one_of(st.sampled_from(FRAGMENTS + SYNTAX), st.characters()), max_size=6),
        st.sampled_from(SEPARATORS),
    ),
    max_size=4,
).map(lambda lines: "".join(start + "".join(body) + end for start, body, end in lines))
tags = st.lists(user_text, max_size=3)

ARTICLE = Article.build(
    [
        BlockSpec(BlockKind.TITLE, "عنوان"),
        BlockSpec(BlockKind.PARAGRAPH, "First paragraph of the article."),
        BlockSpec(BlockKind.PARAGRAPH, "فقرة ثانية من المقال."),
    ],
    title="placeholder",
)


@st.composite
def anchored_items(draw: st.DrawFn) -> Anchored:
    start = draw(st.integers(0, len(ARTICLE.text) - 1))
    annotation = Annotation(
        id=draw(st.uuids()).hex,
        article_key=ARTICLE.key,
        start=start,
        end=start + 1,
        quote=draw(user_text),
        prefix=draw(user_text),
        suffix=draw(user_text),
        color=draw(st.sampled_from(Color)),
        note=draw(user_text),
        tags=tuple(draw(tags)),
        created=draw(st.sampled_from(["2025-01-01T00:00:00.000Z", "2025-02-01T00:00:00.000Z"])),
    )
    status = draw(st.sampled_from(AnchorStatus))
    return Anchored(annotation, status, start, start + 1)


@st.composite
def exports(draw: st.DrawFn) -> tuple[Article, list[Anchored]]:
    title = draw(user_text)
    article = Article(
        title=title, blocks=ARTICLE.blocks, text=ARTICLE.text, source=Path("/tmp/a: b.txt")
    )
    return article, draw(st.lists(anchored_items(), min_size=1, max_size=3))


@pytest.mark.slow
@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(exports())
def test_user_text_never_becomes_markdown_structure(export: tuple[Article, list[Anchored]]) -> None:
    check_export(*export)


# --- the check must catch a broken escaper -------------------------------------------------------


def single_note(note: str) -> tuple[Article, list[Anchored]]:
    annotation = Annotation(
        id="0f6c2d1e-0000-4000-8000-000000000000",
        article_key=ARTICLE.key,
        start=0,
        end=5,
        quote="عنوان",
        prefix="",
        suffix="\n\nFirst",
        note=note,
        created="2025-01-01T00:00:00.000Z",
    )
    return ARTICLE, [Anchored(annotation, AnchorStatus.EXACT, 0, 5)]


WEAKENINGS = [
    ("*", "*emphasis*"),
    ("_", "_emphasis_"),
    ("`", "`code`"),
    ("[", "[link](http://example.org)"),
    ("<", "<b>bold</b>"),
    ("&", "&amp; stays &amp;"),
    ("|", "a|b\n|-|-|"),
    ("~", "~~~\nfenced\n~~~"),
    ("#", "# heading"),
    ("=", "setext\n==="),
    ("\\", "\\*not emphasis\\*"),
]


@pytest.mark.parametrize(("char", "note"), WEAKENINGS)
def test_dropping_any_inline_escape_is_caught(
    monkeypatch: pytest.MonkeyPatch, char: str, note: str
) -> None:
    check_export(*single_note(note))
    weakened = markdown_text._ALWAYS_ESCAPED.replace(char, "")
    monkeypatch.setattr(markdown_text, "_ALWAYS_ESCAPED", weakened)
    with pytest.raises(AssertionError):
        check_export(*single_note(note))


@pytest.mark.parametrize(
    ("char", "note"), [(">", "> nested"), ("-", "- item"), ("+", "+ item"), (":", "a|b\n:-")]
)
def test_dropping_any_line_start_escape_is_caught(
    monkeypatch: pytest.MonkeyPatch, char: str, note: str
) -> None:
    check_export(*single_note(note))
    weakened = markdown_text._LINE_START_SYNTAX.replace(char, "")
    monkeypatch.setattr(markdown_text, "_LINE_START_SYNTAX", weakened)
    with pytest.raises(AssertionError):
        check_export(*single_note(note))


def test_dropping_ordered_list_escape_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    check_export(*single_note("1. first"))
    monkeypatch.setattr(markdown_text, "_ORDERED_LIST_START", re.compile(r"(?!)(x)(y)"))
    with pytest.raises(AssertionError):
        check_export(*single_note("1. first"))


def test_keeping_control_characters_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    check_export(*single_note("red \x1b[31m alert"))
    monkeypatch.setattr(markdown_text, "_CONTROL", re.compile("(?!)"))
    with pytest.raises(AssertionError):
        check_export(*single_note("red \x1b[31m alert"))


def test_an_identity_escaper_fails_the_property(monkeypatch: pytest.MonkeyPatch) -> None:
    """The property test itself, not just hand-picked notes, finds a do-nothing escaper."""
    monkeypatch.setattr(markdown_text, "escape_line", lambda line: line)

    @settings(
        deadline=None, max_examples=200, database=None, phases=[Phase.generate], derandomize=True
    )
    @given(exports())
    def property_with_broken_escaper(export: tuple[Article, list[Anchored]]) -> None:
        check_export(*export)

    with pytest.raises(AssertionError):
        property_with_broken_escaper()
