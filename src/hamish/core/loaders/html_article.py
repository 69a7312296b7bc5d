"""HTML articles: a saved web page reduced to its article's blocks.

Three steps, each in its own module: cut the page into blocks of its own text
(``html_blocks``), let trafilatura pick the article's blocks (``html_selection``), then read
the title and date (``html_metadata``). As in Markdown, an ``<h1>`` opening the article becomes
its TITLE block; without an ``<h1>`` in the article, the page's ``og:title`` or ``<title>``
names it. The date becomes a META block under the title, showing the page's own date line
(the byline holding the ``<time>``) when it is short enough to be one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hamish.core.article import BlockKind, BlockSpec
from hamish.core.loaders.dates import MAX_DATE_LINE_CHARS, date_of_line
from hamish.core.loaders.html_blocks import (
    HtmlBlock,
    collapse,
    collect_blocks,
    direction_of,
    parse_document,
)
from hamish.core.loaders.html_metadata import PageDate, common_ancestor, page_date, page_title
from hamish.core.loaders.html_selection import main_content
from hamish.core.loaders.parsed import ParsedArticle


def _specs(blocks: Sequence[HtmlBlock]) -> list[BlockSpec]:
    return [
        BlockSpec(block.kind, block.marker + piece if index == 0 else piece, block.level,
                  block.direction, block.bulleted and index == 0)
        for block in blocks
        for index, piece in enumerate(block.pieces)
    ]  # fmt: skip


def _holder(element: Any, blocks: Sequence[HtmlBlock]) -> HtmlBlock | None:
    """The block whose text includes ``element``'s."""
    owners = {id(block.element): block for block in blocks}
    for node in (element, *element.iterancestors()):
        if id(node) in owners:
            return owners[id(node)]
    return None


def _is_line(block: HtmlBlock) -> bool:
    return block.kind is BlockKind.PARAGRAPH and len(block.text) <= MAX_DATE_LINE_CHARS


def _date_line(
    date: PageDate | None, after: HtmlBlock | None, all_blocks: Sequence[HtmlBlock]
) -> HtmlBlock | None:
    """The page's date line: the short paragraph holding the ``<time>`` that shows ``date``,
    else a paragraph right after ``after`` (the title) that reads as a date line."""
    if date is not None and date.shown_by is not None:
        holder = _holder(date.shown_by, all_blocks)
        if holder is not None and _is_line(holder):
            return holder
    if after is not None:
        following = next(
            (all_blocks[i + 1] for i, block in enumerate(all_blocks[:-1]) if block is after), None
        )
        if following is not None and _is_line(following) and date_of_line(following.text):
            return following
    return None


def _title(
    chosen: Sequence[HtmlBlock], declared: str | None, root: Any, fallback: str
) -> tuple[str, BlockSpec | None, HtmlBlock | None]:
    """The title, its TITLE block if there is one, and the page block that became it."""
    first_h1 = next(
        (block for block in chosen if block.kind is BlockKind.HEADING and block.level == 1), None
    )
    if first_h1 is not None:
        if chosen[0] is not first_h1:
            return first_h1.text, None, None
        spec = BlockSpec(BlockKind.TITLE, first_h1.text, direction=first_h1.direction)
        return first_h1.text, spec, first_h1
    if declared:
        body = root.find("body")
        direction = direction_of(body if body is not None else root)
        return declared, BlockSpec(BlockKind.TITLE, declared, direction=direction), None
    headings = (block.text for block in chosen if block.kind is BlockKind.HEADING)
    return next(headings, fallback), None, None


def parse_html(text: str, *, fallback_title: str) -> ParsedArticle:
    """Blocks of the article in an HTML page; no blocks when the page has no readable text."""
    root = parse_document(text)
    if root is None:
        return ParsedArticle((), fallback_title)
    all_blocks = collect_blocks(root)
    chosen = main_content(root, all_blocks)
    declared_title = page_title(root)
    if not chosen:
        return ParsedArticle((), declared_title or fallback_title)

    title, title_spec, title_block = _title(chosen, declared_title, root, fallback_title)
    head = [title_spec] if title_spec is not None else []
    body = [block for block in chosen if block is not title_block]
    date = page_date(root, common_ancestor(block.element for block in chosen))
    line = _date_line(date, title_block, all_blocks)
    if line is None and title_block is None and head and body and _is_line(body[0]):
        # Under a title from <title>, a date line opening the article, as in Markdown.
        line = body[0] if date_of_line(body[0].text) else None
    value = date.value if date is not None else date_of_line(line.text) if line else None
    if value is None:
        return ParsedArticle((*head, *_specs(body)), title, None)
    if line is not None:
        head.append(BlockSpec(BlockKind.META, line.text, direction=line.direction))
        body = [block for block in body if block is not line]
    elif date is not None:
        shown = collapse(date.shown_by.text_content()) if date.shown_by is not None else ""
        direction = direction_of(date.shown_by) if shown else head[0].direction if head else "auto"
        head.append(BlockSpec(BlockKind.META, shown or value, direction=direction))
    return ParsedArticle((*head, *_specs(body)), title, value)
