"""An HTML page cut into the blocks a reader sees, walked over lxml's tree of the page itself.

Every piece of visible text lands in exactly one block, in document order; deciding which blocks
are the article is ``html_selection``'s job. Scripts, styles, form fields, media and elements
hidden by ``hidden`` or ``display: none`` are not text; button labels are (a footnote number
often is one), as they are to the extractor that votes on the blocks. The text is the page's
own, character for character (entities decoded, control characters and format characters such
as ZWNJ kept), with white space collapsed as a browser does: only ASCII white space, so a
no-break space stays. Structure follows the Markdown loader: headings, quotes (one block per
paragraph), list items with their nesting level and, in ordered lists, their number as a prefix;
a row of a data table is one paragraph of its cells. Direction comes from the ``dir`` attribute
of the block's element or its nearest ancestor, else from an RTL ``lang``, since many Arabic and
Hebrew sites declare the language and leave the direction to their style sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import lxml.html
from lxml import etree

from hamish.core.article import BlockKind, Direction
from hamish.core.loaders.html_lists import LISTS, ListCounter, item_marker
from hamish.core.loaders.parsed import is_blank, strip_spaces

HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}
SKIPPED = frozenset(
    "script style noscript template head title meta link base svg math iframe frame frameset "
    "object embed param canvas select option optgroup datalist textarea input audio "
    "video source track img picture map area".split()
)
BLOCKS = frozenset(
    "html body address article aside blockquote center details dialog dd div dl dt fieldset "
    "figcaption figure footer form header hgroup hr legend li main nav p pre section summary "
    "search table caption thead tbody tfoot tr td th ul ol menu dir noframes".split()
) | frozenset(HEADING_LEVELS)
_CELLS = frozenset({"td", "th"})
_WHITESPACE = re.compile("[ \t\n\r\f]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\s*<\?xml[^>]*>")
_BREAK = "\x00br"
_CELL = "\x00td"
"""Markers among text parts; NUL never reaches a loader (decoding refuses it)."""
CELL_SEPARATOR = " | "

_DIRECTIONS: dict[str, Direction] = {"rtl": "rtl", "ltr": "ltr", "auto": "auto"}
RTL_LANGUAGES = frozenset("ar arc ckb dv fa he iw ji ks ku nqo prs ps sd syr ug ur yi".split())
RTL_SCRIPTS = frozenset("adlm arab hebr mand nkoo rohg samr syrc thaa yezi".split())


@dataclass(frozen=True, slots=True, eq=False)
class HtmlBlock:
    """A block found on the page; ``pieces`` are its paragraphs (``<br><br>`` and ``<pre>``
    lines split one element's text), ``element`` the element it belongs to."""

    kind: BlockKind
    pieces: tuple[str, ...]
    element: Any
    level: int = 0
    direction: Direction = "auto"
    marker: str = ""
    bulleted: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.pieces)


def parse_document(text: str) -> Any | None:
    """lxml's tree of the page, or None when there is no document to speak of."""
    declaration = _XML_DECLARATION.match(text)
    if declaration:  # lxml refuses str input that names its own encoding
        text = text[declaration.end() :]
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.LxmlError, ValueError):
        return None


def _lang_is_rtl(lang: str) -> bool:
    subtags = lang.strip().lower().replace("_", "-").split("-")
    scripts = [tag for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()]
    if scripts:
        return scripts[0] in RTL_SCRIPTS
    return subtags[0] in RTL_LANGUAGES


def direction_of(element: Any) -> Direction:
    """The nearest ``dir`` on the element or an ancestor; else ``rtl`` for an RTL ``lang``."""
    lang: str | None = None
    for node in chain((element,), element.iterancestors()):
        value = str(node.get("dir") or "").strip().lower()
        if value in _DIRECTIONS:
            return _DIRECTIONS[value]
        if lang is None:
            lang = node.get("lang") or node.get("xml:lang")
    return "rtl" if lang is not None and _lang_is_rtl(lang) else "auto"


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _hidden(element: Any) -> bool:
    return element.get("hidden") is not None or bool(
        _HIDDEN_STYLE.search(element.get("style") or "")
    )


def _is_data_row(row: Any) -> bool:
    """A table row whose cells hold only inline text: one paragraph, cells side by side.
    Rows of layout tables (cells holding paragraphs, lists, tables) are walked like divs."""
    return not any(_tag(node) in BLOCKS for cell in row for node in cell.iterdescendants())


def collapse(text: str) -> str:
    return strip_spaces(_WHITESPACE.sub(" ", text))


@dataclass
class _Open:
    """An element whose text is being gathered into blocks."""

    element: Any
    role: str  # "item", "quote", "heading", "row", "pre", "list" or "plain"
    level: int = 0
    counter: ListCounter | None = None
    marker: str = ""
    emitted: bool = False


@dataclass
class _Walker:
    blocks: list[HtmlBlock] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)

    def visit(self, element: Any) -> None:
        tag = _tag(element)
        if not tag or tag in SKIPPED or _hidden(element):
            return
        if tag == "br":
            self.parts.append(_BREAK)
            return
        opened = tag in BLOCKS and self._open(element, tag)
        # A block inside a heading or an item joins its text, but not glued to its neighbours.
        joined = " " if tag in BLOCKS and not opened else ""
        if tag in _CELLS and self.stack and self.stack[-1].role == "row":
            joined = _CELL
        self.parts.append(joined)
        self.parts.append(element.text or "")
        for child in element:
            self.visit(child)
            self.parts.append(child.tail or "")
        if opened:
            self.flush()
            self.stack.pop()
        elif joined == " ":
            self.parts.append(" ")

    def _collecting(self, tag: str) -> bool:
        """Inside a heading, a list item or a row, blocks join the text (as in Markdown),
        except a list nested in an item, which ends the item's own text."""
        if not self.stack:
            return False
        role = self.stack[-1].role
        return role in ("heading", "row", "pre") or (role == "item" and tag not in LISTS)

    def _open(self, element: Any, tag: str) -> bool:
        if self._collecting(tag):
            return False
        self.flush()
        if tag in HEADING_LEVELS:
            self.stack.append(_Open(element, "heading", HEADING_LEVELS[tag]))
        elif tag in LISTS:
            self.stack.append(_Open(element, "list", counter=ListCounter.of(element)))
        elif tag == "li":
            lists = [entry for entry in self.stack if entry.role == "list"]
            counter = lists[-1].counter if lists else None
            marker = item_marker(counter, element) if counter else ""
            self.stack.append(_Open(element, "item", max(len(lists) - 1, 0), marker=marker))
        elif tag == "blockquote":
            self.stack.append(_Open(element, "quote"))
        elif tag == "pre":
            self.stack.append(_Open(element, "pre"))
        elif tag == "tr" and _is_data_row(element):
            self.stack.append(_Open(element, "row"))
        else:
            self.stack.append(_Open(element, "plain"))
        return True

    def flush(self) -> None:
        parts, self.parts = self.parts, []
        if not self.stack:
            return
        top = self.stack[-1]
        in_quote = any(entry.role == "quote" for entry in self.stack)
        kind = BlockKind.QUOTE if in_quote else BlockKind.PARAGRAPH
        if top.role == "item":
            kind = BlockKind.LIST_ITEM
        elif top.role == "heading" and not in_quote:
            kind = BlockKind.HEADING
        pieces = tuple(_pieces(parts, top.role))
        if not pieces:
            return
        marker = "" if top.emitted else top.marker
        bulleted = kind is BlockKind.LIST_ITEM and not top.emitted and not top.marker
        top.emitted = True
        level = top.level if kind in (BlockKind.HEADING, BlockKind.LIST_ITEM) else 0
        direction = direction_of(top.element)
        self.blocks.append(HtmlBlock(kind, pieces, top.element, level, direction, marker, bulleted))


def _pieces(parts: list[str], role: str) -> Iterator[str]:
    if role == "pre":
        raw = "".join("\n" if part in (_BREAK, _CELL) else part for part in parts)
        yield from (line for line in raw.split("\n") if not is_blank(line))
        return
    if role == "row":
        cells = "".join(" " if part == _BREAK else part for part in parts).split(_CELL)
        yield from _nonempty(CELL_SEPARATOR.join(text for text in map(collapse, cells) if text))
        return
    paragraph: list[str] = []
    breaks = 0
    for part in parts:
        if part == _BREAK:
            breaks += 1
            paragraph.append(" ")
        elif part == _CELL or (breaks and not part.strip(" \t\n\r\f")):
            paragraph.append(" ")
        else:
            if breaks >= 2 and role not in ("item", "heading"):
                yield from _nonempty(collapse("".join(paragraph)))
                paragraph = []
            breaks = 0
            paragraph.append(part)
    yield from _nonempty(collapse("".join(paragraph)))


def _nonempty(text: str) -> Iterator[str]:
    if text:
        yield text


def collect_blocks(root: Any) -> list[HtmlBlock]:
    """Every block of visible text under ``root``, in document order."""
    walker = _Walker()
    walker.visit(root)
    walker.flush()
    return walker.blocks
