"""Markdown articles, parsed with markdown-it-py and reduced to hamish's plain blocks.

hamish shows text, not markup: emphasis, links and inline HTML keep only their text, images
their alt text. Structure that changes how a passage reads (headings, quotes, list items and
their nesting) becomes block kinds; everything else becomes paragraphs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from hamish.core.article import BlockKind, BlockSpec, Direction
from hamish.core.loaders.dates import date_of_line
from hamish.core.loaders.front_matter import split_front_matter
from hamish.core.loaders.parsed import ParsedArticle, flatten, is_blank

_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_LISTS = ("bullet_list_open", "ordered_list_open")
_CONTAINERS = ("blockquote_open", "list_item_open")
_CELLS = ("th_open", "td_open")
_TAG = re.compile(r"<!--.*?(?:-->|$)|<[^>]*>", re.DOTALL)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_DIR_ATTRIBUTE = re.compile(r"""^\s*<[A-Za-z][^>]*?\bdir\s*=\s*["']?(rtl|ltr|auto)\b""", re.I)
CELL_SEPARATOR = " | "


def inline_text(tokens: Sequence[Token]) -> str:
    """The text a reader sees of inline markup; soft and hard line breaks become spaces."""
    parts: list[str] = []
    for token in tokens:
        if token.type in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(inline_text(token.children or ()))
        elif token.type == "html_inline" and _BREAK_TAG.fullmatch(token.content):
            parts.append(" ")
    return "".join(parts)


def _direction(raw_html: str) -> Direction:
    match = _DIR_ATTRIBUTE.match(raw_html)
    if match is None:
        return "auto"
    value = match.group(1).lower()
    return "rtl" if value == "rtl" else "ltr" if value == "ltr" else "auto"


def _heading_level(heading_open: Token) -> int:
    """``h1``…``h6`` to 1…6."""
    digits = heading_open.tag[1:]
    return int(digits) if digits.isdigit() else 1


@dataclass
class _OpenItem:
    """A list item being read: its text parts wait until the item (or its first part) ends."""

    level: int
    marker: str
    parts: list[str] = field(default_factory=list)
    emitted: bool = False


class _BlockCollector:
    """Walks markdown-it's flat token stream, keeping the stack of open containers."""

    def __init__(self) -> None:
        self.specs: list[BlockSpec] = []
        self._open: list[Token] = []
        self._items: list[_OpenItem] = []
        self._cells: list[str] = []

    def _container(self) -> str | None:
        return next((tok.type for tok in reversed(self._open) if tok.type in _CONTAINERS), None)

    def _flush_item(self) -> None:
        if not self._items or not self._items[-1].parts:
            return
        item = self._items[-1]
        text = " ".join(item.parts)
        first = not item.emitted
        if first:
            text = item.marker + text
        bulleted = first and not item.marker
        self.specs.append(BlockSpec(BlockKind.LIST_ITEM, text, level=item.level, bulleted=bulleted))
        item.parts.clear()
        item.emitted = True

    def _add(self, text: str, *, heading_level: int = 0, direction: Direction = "auto") -> None:
        text = flatten(text)
        if not text:
            return
        container = self._container()
        if container == "list_item_open":
            self._items[-1].parts.append(text)
            return
        if container == "blockquote_open":
            self.specs.append(BlockSpec(BlockKind.QUOTE, text, direction=direction))
        elif heading_level:
            self.specs.append(
                BlockSpec(BlockKind.HEADING, text, level=heading_level, direction=direction)
            )
        else:
            self.specs.append(BlockSpec(BlockKind.PARAGRAPH, text, direction=direction))

    def _add_code(self, code: str) -> None:
        """Code stays verbatim, one block per non-blank line, since block text has no newline."""
        self._flush_item()
        kind = BlockKind.QUOTE if self._container() == "blockquote_open" else BlockKind.PARAGRAPH
        self.specs.extend(BlockSpec(kind, line) for line in code.split("\n") if not is_blank(line))

    def _open_token(self, token: Token) -> None:
        if token.type in _LISTS:
            self._flush_item()  # a nested list ends its parent item's own text
        elif token.type == "list_item_open":
            level = sum(1 for tok in self._open if tok.type in _LISTS) - 1
            marker = f"{token.info}{token.markup} " if token.info else ""
            self._items.append(_OpenItem(max(level, 0), marker))
        elif token.type == "tr_open":
            self._cells = []
        self._open.append(token)

    def _close_token(self, token: Token) -> None:
        if self._open:
            self._open.pop()
        if token.type == "list_item_close" and self._items:
            self._flush_item()
            self._items.pop()
        elif token.type == "tr_close":
            self._add(CELL_SEPARATOR.join(cell for cell in self._cells if cell))

    def feed(self, token: Token) -> None:
        if token.nesting == 1:
            self._open_token(token)
        elif token.nesting == -1:
            self._close_token(token)
        elif token.type == "inline":
            parent = self._open[-1] if self._open else None
            text = inline_text(token.children or ())
            if parent is not None and parent.type in _CELLS:
                self._cells.append(flatten(text))
            elif parent is not None and parent.type == "heading_open":
                self._add(text, heading_level=_heading_level(parent))
            else:
                self._add(text)
        elif token.type in ("fence", "code_block"):
            self._add_code(token.content)
        elif token.type == "html_block":
            text = html.unescape(_TAG.sub("", token.content))
            self._add(text, direction=_direction(token.content))

    def feed_all(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            self.feed(token)


def _first_heading(specs: Sequence[BlockSpec]) -> str | None:
    return next((spec.text for spec in specs if spec.kind is BlockKind.HEADING), None)


def parse_markdown(text: str, *, fallback_title: str) -> ParsedArticle:
    """Blocks of a Markdown article.

    The title comes from front matter, else a leading H1 (which becomes the TITLE block), else
    the first heading, else ``fallback_title``. The date comes from front matter, else from a
    date line right under the title, as in plain-text articles.
    """
    front, body = split_front_matter(text)
    collector = _BlockCollector()
    collector.feed_all(_MARKDOWN.parse(body))
    specs = collector.specs

    head: list[BlockSpec] = []
    front_title = flatten(front.title) if front and front.title else ""
    if specs and specs[0].kind is BlockKind.HEADING and specs[0].level == 1:
        head.append(BlockSpec(BlockKind.TITLE, specs[0].text, direction=specs[0].direction))
        specs = specs[1:]
    elif front_title:
        head.append(BlockSpec(BlockKind.TITLE, front_title))
    title = front_title or (head[0].text if head else _first_heading(specs) or fallback_title)

    date = flatten(front.date) if front and front.date else None
    if date:
        head.append(BlockSpec(BlockKind.META, date))
    elif head and specs and specs[0].kind is BlockKind.PARAGRAPH:
        date = date_of_line(specs[0].text)
        if date is not None:
            head.append(BlockSpec(BlockKind.META, specs[0].text))
            specs = specs[1:]
    return ParsedArticle(tuple(head + specs), title, date or None)
