"""An article's highlights as a Markdown file for Obsidian, GitHub or any Markdown reader.

Layout, per highlight: the quote as a block quote, a line with colour, position, ``#tags`` and an
Obsidian block id ``^h-<8 hex>``, then the note. Orphans (passages no longer in the text) come
last under their own heading, shown inside the context they were made in.

Right-to-left quotes and notes are wrapped in ``<div dir="rtl">`` with blank lines inside, so
CommonMark ends the HTML block there and still parses the Markdown between: HTML-aware renderers
lay them out right to left and the raw file stays plain Markdown.

The output depends only on the arguments (``exported_at`` included), so re-exporting an
unchanged article gives an identical file and a version-controlled export diffs cleanly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hamish.core.annotations.model import CONTEXT_LENGTH, Anchored, Annotation
from hamish.core.article import Article
from hamish.core.export.common import (
    article_identity,
    article_source,
    block_ids,
    direction,
    document_order,
    orphan_order,
)
from hamish.core.export.markdown_text import (
    escape_line,
    join_paragraphs,
    single_line,
    tag_slug,
    text_paragraphs,
    visible_text,
    yaml_string,
)

ORPHANS_HEADING = "## Orphaned highlights"
ORPHANS_EXPLANATION = (
    "These passages were not found in the current text of the article. Each is shown in the "
    "text around it when it was highlighted."
)
NOT_FOUND = "not found in the current text"
UNTITLED = "Untitled"
RTL_OPEN = '<div dir="rtl">'
RTL_CLOSE = "</div>"
_STARTS_WITH_NEWLINE = re.compile(r"[^\S\n]*\n")


def _front_matter(article: Article, anchored: Sequence[Anchored], exported_at: str) -> list[str]:
    orphans = sum(1 for item in anchored if item.orphaned)
    lines = ["---", f"title: {yaml_string(article.title)}"]
    source = article_source(article)
    if source is not None:
        lines.append(f"source: {yaml_string(source)}")
    if article.date:
        lines.append(f"date: {yaml_string(article.date)}")
    lines += [
        f"article_key: {yaml_string(article_identity(article, anchored))}",
        f"exported_at: {yaml_string(exported_at)}",
        f"annotations: {len(anchored)}",
        f"orphaned: {orphans}",
        "---",
    ]
    return lines


def _directed(lines: list[str], text_direction: str | None) -> list[str]:
    if text_direction != "rtl":
        return lines
    return [RTL_OPEN, "", *lines, "", RTL_CLOSE]


def _quote_direction(annotation: Annotation) -> str | None:
    """The quote's direction; a quote with no letters (``1948``) takes its context's."""
    return direction(annotation.quote) or direction(annotation.prefix + annotation.suffix)


def _tags(annotation: Annotation) -> str:
    slugs = dict.fromkeys(tag_slug(tag) for tag in annotation.tags)
    return " ".join("#" + slug for slug in slugs)


def _meta_line(position: str, annotation: Annotation, block_id: str) -> str:
    parts = [annotation.color.value, position]
    tags = _tags(annotation)
    if tags:
        parts.append(tags)
    return " · ".join(parts) + f" ^{block_id}"


def _position(article: Article, start: int) -> str:
    length = len(article.text)
    start = min(max(start, 0), length)
    percent = start * 100 // length if length else 0
    if not article.blocks:
        return f"{percent}%"
    return f"paragraph {article.block_index_at(start) + 1} · {percent}%"


def _note(annotation: Annotation) -> list[list[str]]:
    paragraphs = text_paragraphs(annotation.note)
    if not paragraphs:
        return []
    return [_directed(join_paragraphs(paragraphs), direction(annotation.note))]


def _context(annotation: Annotation) -> list[list[str]]:
    """Prefix, quote (in bold) and suffix as block-quote paragraphs, ``…`` where text was cut.

    The quote starts and ends on a line of its own (a line break is added where the text ran on
    from one part to the next), because ``**`` pressed against arbitrary text may fail to open
    or close emphasis under CommonMark's flanking rules, while at the edges of a stripped line
    it always works. Blank lines in the context still separate paragraphs.
    """
    segments = [
        (visible_text(annotation.prefix), False),
        (visible_text(annotation.quote), True),
        (visible_text(annotation.suffix), False),
    ]
    paragraphs: list[list[str]] = []
    origins: list[int] = []
    newlines = 0
    line_has_text = False
    for origin, (text, strong) in enumerate(segments):
        if line_has_text and not _STARTS_WITH_NEWLINE.match(text):
            newlines, line_has_text = newlines + 1, False
        for index, raw_line in enumerate(text.split("\n")):
            if index:
                newlines, line_has_text = newlines + 1, False
            line = raw_line.strip()
            if not line:
                continue
            escaped = f"**{escape_line(line)}**" if strong else escape_line(line)
            if paragraphs and newlines < 2:
                paragraphs[-1].append(escaped)
            else:
                paragraphs.append([escaped])
            origins.append(origin)
            newlines, line_has_text = 0, True
    if origins and origins[0] == 0 and len(annotation.prefix) >= CONTEXT_LENGTH:
        paragraphs[0][0] = "…" + paragraphs[0][0]
    if origins and origins[-1] == 2 and len(annotation.suffix) >= CONTEXT_LENGTH:
        paragraphs[-1][-1] += "…"
    return paragraphs


def _entry(annotation: Annotation, quote_lines: list[list[str]], meta: str) -> list[list[str]]:
    block_quote = join_paragraphs(quote_lines, prefix="> ") or [">"]
    sections = [_directed(block_quote, _quote_direction(annotation))]
    sections.append([meta])
    sections.extend(_note(annotation))
    return sections


def export_markdown(article: Article, anchored: Sequence[Anchored], *, exported_at: str) -> str:
    """The article's annotations as one Markdown document (see the module docstring)."""
    ids = block_ids([item.annotation.id for item in anchored])
    title = escape_line(single_line(article.title)) or UNTITLED
    sections: list[list[str]] = [
        _front_matter(article, anchored, exported_at),
        _directed([f"# {title}"], direction(article.title)),
    ]
    for item in document_order(anchored):
        annotation = item.annotation
        meta = _meta_line(_position(article, item.start), annotation, ids[annotation.id])
        sections += _entry(annotation, text_paragraphs(annotation.quote), meta)
    orphans = orphan_order(anchored)
    if orphans:
        sections += [[ORPHANS_HEADING], [ORPHANS_EXPLANATION]]
    for item in orphans:
        annotation = item.annotation
        meta = _meta_line(NOT_FOUND, annotation, ids[annotation.id])
        sections += _entry(annotation, _context(annotation), meta)
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
