"""The structure check every Markdown export must pass, and the hostile text it is fed.

The export is rendered with markdown-it-py (CommonMark plus GFM tables and strikethrough, as
GitHub-style renderers parse it) and walked token by token:

* only the token types the exporter itself emits may appear (headings, paragraphs, one level of
  block quote, hard breaks, the GitHub flavour's ``<div dir="rtl">`` wrappers, bold quote lines
  in orphan context); in a quote, a title or a plain note any link, image, emphasis, code, HTML,
  list, table, rule or soft break fails;
* the rendered text of every quote, the title and a plain note must equal the original text
  under ``normalised`` below, so an entity or escape that changed a character fails too;
* a note in the Obsidian or GitHub flavour may hold inline Markdown (emphasis, code, links,
  images, strikethrough, hard breaks) but nothing else: it renders as exactly as many
  paragraphs as it has, right after its quote's metadata line, every letter and digit of it is
  shown (where it holds no link, whose address leaves the text), and its raw lines open no
  Obsidian comment, display math or block id;
* in the Obsidian flavour each quote's ``^id`` stands alone on the line after the quote with a
  blank line before and after it, as Obsidian's rule for quotes says; in the GitHub flavour it
  ends the metadata line; in the plain flavour there is none.

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

from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation, Color
from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.export.flavors import RULES, Flavor, FlavorRules
from hamish.core.export.markdown import export_markdown

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)

ALLOWED_TOKENS = {
    "front_matter", "heading_open", "heading_close", "paragraph_open", "paragraph_close",
    "blockquote_open", "blockquote_close", "html_block", "inline", "text", "hardbreak",
    "strong_open", "strong_close",
}  # fmt: skip
NOTE_INLINE = {
    "text", "hardbreak", "em_open", "em_close", "strong_open", "strong_close", "s_open",
    "s_close", "code_inline", "link_open", "link_close", "image",
}  # fmt: skip
WRAPPERS = ('<div dir="rtl">\n', "</div>\n")
META = re.compile(
    r"^(?P<color>yellow|green|blue|pink|purple) · "
    r"(?P<position>paragraph \d+ · \d+%|not found in the current text)"
    r"(?: · (?P<tags>#\S+(?: #\S+)*))?(?P<id> \^h-[0-9a-f]{8,})?$"
)
BLOCK_ID = re.compile(r"^\^h-[0-9a-f]{8,}$")
FRONT_MATTER_LINE = re.compile(r"^(?P<key>[a-z_]+): (?P<value>.*)$")
OBSIDIAN_BLOCK_SYNTAX = re.compile(r"%%|\$\$|(?:^|\s)\^[A-Za-z0-9-]+\s*$")
ESCAPED = re.compile(r"\\[\s\S]")


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
    """A top-level block of the rendered export: its inline tokens (one per paragraph of a block
    quote) and the source lines it came from."""

    kind: str  # heading, paragraph, blockquote
    inlines: list[Token]
    lines: tuple[int, int]
    level: int = 0


def strict_text(token: Token, *, strong: list[str] | None) -> str:
    """The text of an inline token that may hold only text, hard breaks and, where ``strong``
    collects it, bold."""
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


def top_level_blocks(tokens: list[Token]) -> list[Block]:
    blocks: list[Block] = []
    depth_html = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        lines = (token.map[0], token.map[1]) if token.map else (0, 0)
        if token.type == "html_block":
            assert token.content in WRAPPERS, f"HTML from user text: {token.content!r}"
            depth_html += 1 if token.content == WRAPPERS[0] else -1
            assert depth_html in (0, 1), "unbalanced or nested direction wrappers"
            index += 1
        elif token.type in ("heading_open", "paragraph_open"):
            kind = token.type.removesuffix("_open")
            blocks.append(Block(kind, [tokens[index + 1]], lines, int(token.tag[1:] or 0)))
            index += 3
        elif token.type == "blockquote_open":
            inlines: list[Token] = []
            index += 1
            while tokens[index].type != "blockquote_close":
                inner = tokens[index]
                assert inner.type == "paragraph_open", f"{inner.type} inside a block quote"
                inlines.append(tokens[index + 1])
                index += 3
            blocks.append(Block("blockquote", inlines, lines))
            index += 1
        else:
            raise AssertionError(f"unexpected block token {token.type}")
    assert depth_html == 0
    return blocks


# --- the check ----------------------------------------------------------------------------------


def check_export(article: Article, items: list[Anchored], flavor: Flavor = "plain") -> None:
    """Raise AssertionError if the export of ``items`` lets user text become structure."""
    rules = RULES[flavor]
    document = export_markdown(article, items, flavor=flavor)
    raw_controls = [c for c in document if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    assert not raw_controls, f"raw control characters {raw_controls!r}"
    tokens = MD.parse(document)
    types = {token.type for token in tokens}
    for token in tokens:
        types.update(child.type for child in token.children or [])
    allowed = ALLOWED_TOKENS | (NOTE_INLINE if rules.markdown_notes else set())
    if not rules.direction_wrappers:
        allowed.discard("html_block")
    assert types <= allowed, f"forbidden tokens {sorted(types - allowed)}"
    assert tokens[0].type == "front_matter"
    check_front_matter(tokens[0].content, article, items)

    strong: list[str] = []
    blocks = top_level_blocks(tokens[1:])
    title = " ".join(normalised(article.title).split()) or "Untitled"
    assert blocks and blocks[0].kind == "heading" and blocks[0].level == 1
    assert strict_text(blocks[0].inlines[0], strong=None) == title
    found = sorted(
        (item for item in items if not item.orphaned),
        key=lambda item: (item.start, item.annotation.created, item.annotation.id),
    )
    orphans = sorted(
        (item for item in items if item.orphaned),
        key=lambda item: (item.start, item.annotation.created, item.annotation.id),
    )
    entry = Entry(rules, document.split("\n"), strong)
    rest = blocks[1:]
    for item in found:
        rest = entry.check(rest, item.annotation, orphan=False)
    if orphans:
        assert len(rest) >= 2, "orphans heading missing"
        assert rest[0].kind == "heading" and rest[0].level == 2
        assert strict_text(rest[0].inlines[0], strong=None) == "Orphaned highlights"
        assert rest[1].kind == "paragraph"
        rest = rest[2:]
    for item in orphans:
        rest = entry.check(rest, item.annotation, orphan=True)
    assert rest == [], f"blocks no annotation accounts for: {rest}"
    expected_strong = [
        line for item in orphans for line in normalised(item.annotation.quote).split("\n") if line
    ]
    assert strong == expected_strong


@dataclass
class Entry:
    """Checks one annotation's blocks: quote, block id, metadata line, note."""

    rules: FlavorRules
    source: list[str]
    strong: list[str]

    def check(self, blocks: list[Block], annotation: Annotation, *, orphan: bool) -> list[Block]:
        assert len(blocks) >= 2, "an annotation's quote or meta line is missing"
        quote, *rest = blocks
        assert quote.kind == "blockquote"
        text = "\n\n".join(
            strict_text(inline, strong=self.strong if orphan else None) for inline in quote.inlines
        )
        assert text == (context_text(annotation) if orphan else normalised(annotation.quote))
        if self.rules.block_ids == "own_line":
            rest = self.check_block_id(quote, rest)
        meta = rest.pop(0)
        assert meta.kind == "paragraph"
        match = META.match(strict_text(meta.inlines[0], strong=None))
        assert match, f"meta line {meta!r}"
        assert match["color"] == annotation.color.value
        assert (match["position"] == "not found in the current text") == orphan
        assert (match["id"] is not None) == (self.rules.block_ids == "meta_line")
        tags = (match["tags"] or "").split()
        assert len(tags) <= len(annotation.tags)
        for tag in tags:
            check_tag(tag[1:])
        notes: list[Block] = []
        while rest and rest[0].kind == "paragraph":
            notes.append(rest.pop(0))
        if self.rules.markdown_notes:
            self.check_markdown_note(notes, annotation.note)
        else:
            shown = "\n\n".join(strict_text(block.inlines[0], strong=None) for block in notes)
            assert shown == normalised(annotation.note)
        return rest

    def check_block_id(self, quote: Block, rest: list[Block]) -> list[Block]:
        """Obsidian: the id alone on the line after the quote, blank lines before and after."""
        block_id, *rest = rest
        assert block_id.kind == "paragraph"
        assert BLOCK_ID.match(strict_text(block_id.inlines[0], strong=None))
        start, end = block_id.lines
        assert end == start + 1, "the block id is not alone on its line"
        assert start >= quote.lines[1] and self.source[start - 1] == "", "no blank line before it"
        assert self.source[end] == "", "no blank line after the block id"
        return rest

    def check_markdown_note(self, notes: list[Block], note: str) -> None:
        paragraphs = [text for text in normalised(note).split("\n\n") if text]
        assert len(notes) == len(paragraphs), "the note's paragraphs are not its own"
        for block, paragraph in zip(notes, paragraphs, strict=True):
            children = block.inlines[0].children or []
            assert {child.type for child in children} <= NOTE_INLINE
            if not {"link_open", "image"} & {child.type for child in children}:
                shown = "".join(c.content for c in children if c.type in ("text", "code_inline"))
                assert alnum(shown) == alnum(paragraph), "note text lost or changed"
            for line in self.source[block.lines[0] : block.lines[1]]:
                unescaped = ESCAPED.sub("", line)
                assert not OBSIDIAN_BLOCK_SYNTAX.search(unescaped), f"Obsidian syntax in {line!r}"


def alnum(text: str) -> list[str]:
    return [char for char in text if char.isalnum()]


def check_tag(word: str) -> None:
    """A tag Obsidian and GitHub read as one word: letters, marks, digits and ``_`` between
    them, and not only digits."""
    assert word and "__" not in word and not word.startswith("_") and not word.endswith("_")
    assert all(c == "_" or unicodedata.category(c)[0] in "LMN" for c in word), word
    assert not re.fullmatch(r"[\d_]+", word), word


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
        assert not re.search(r"[<>]|\]\(", line), f"live Markdown without a front matter {line!r}"
        values[match["key"]] = json.loads(match["value"])
    assert values["title"] == article.title
    assert values["annotations"] == len(items)
    assert values["orphaned"] == sum(item.orphaned for item in items)
    tags = values.get("tags", [])
    assert isinstance(tags, list) and len(tags) == len(set(tags))
    for tag in tags:
        check_tag(tag)


# --- hostile text ------------------------------------------------------------------------------

SYNTAX = list("#*-+>`~[]()!<>&|_=\\.:%$^@{}\"' \t0123456789")
FRAGMENTS = [
    "# ", "## ", "- ", "+ ", "* ", "1. ", "10) ", "> ", ">> ", "```", "~~~", "    code", "\tcode",
    "<div>", "<!-- c -->", "<b>", "</p>", "<http://x.y>", "<a@b.c>", "&amp;", "&#35;", "&copy",
    "*em*", "_em_", "**b**", "__b__", "`c`", "``c``", "![i](u)", "[l](u)", "[l]: /url", "[^1]",
    "[^1]: note", "|", "a|b", "|-|", "a|b\n|-|-|", "a|b\n:-",
    "x|y\n-|-", "a\n---", "a\n=", "---", "***", "___", "===", ":--", "-:", "\\", "\\*",
    "==hl==", "%%c%%", "$m$", "^id", "#tag", "~~s~~", "\x1b[31m", "\x00", "\x7f", "\x85",
    "\u2028", "\r", "\r\n", "\n", "\n\n", "\u00a0", "قال", "שלום", "س", "9.", "1)", "- [ ] ",
    "[[Paris talks]]", "[[n#^id]]", "![[e]]", " ^h-0a", "$$", "%%", "&#x41;", "`a\n<div>`",
    "[a\nb]: /u", "\\\n", "+++", "<script>",
]  # fmt: skip

LINE_STARTS = [
    "", "", "", " ", "  ", "    ", "\t", "# ", "#", "- ", "-", "+ ", "* ", "> ", ">", "1. ", "1) ",
    "2.", "| ", ":", ":-", "-:", "---", "===", "```", "~~~", "<", "<!--", "[x]: ", "[^1]: ",
    "|-|-|", "a|b\n:-", "a|b\n|-|-|", "a\n===", "a\n- ", "<div>", "^id", "$$", "%%",
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
def anchored_items(draw: st.DrawFn, notes: st.SearchStrategy[str] = user_text) -> Anchored:
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
        note=draw(notes),
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
