"""An article's highlights as a Markdown file for Obsidian, GitHub or any Markdown reader.

Layout, per highlight: the quote as a block quote, a line with colour, position and ``#tags``,
then the note. Orphans (passages no longer in the text) come last under their own heading, shown
inside the context they were made in. Each highlight has a block id ``^h-<8 hex>``, placed where
the flavour's tool reads it (``flavors``): in Obsidian alone on the line after the quote, so a
link to it shows the quote.

Quotes are the article's words and are escaped to render exactly as they read; notes keep their
inline Markdown (``markdown_notes``) except in the plain flavour. For GitHub, right-to-left text
is wrapped in ``<div dir="rtl">`` with blank lines inside, so CommonMark ends the HTML block
there and still parses the Markdown between.

The output depends only on the arguments (no export time), so re-exporting an unchanged article
gives an identical file and a version-controlled export diffs cleanly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter

from hamish.core.annotations.model import CONTEXT_LENGTH, Anchored, Annotation
from hamish.core.article import Article, percent_through
from hamish.core.export.common import block_ids, direction, document_order, orphan_order
from hamish.core.export.flavors import DEFAULT_FLAVOR, RULES, Flavor, FlavorRules
from hamish.core.export.front_matter import front_matter
from hamish.core.export.markdown_notes import note_paragraph
from hamish.core.export.markdown_text import (
    escape_line,
    join_paragraphs,
    paragraphs_of_lines,
    single_line,
    tag_slug,
    text_paragraphs,
    visible_text,
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


def _directed(lines: list[str], text_direction: str | None, rules: FlavorRules) -> list[str]:
    if text_direction != "rtl" or not rules.direction_wrappers:
        return lines
    return [RTL_OPEN, "", *lines, "", RTL_CLOSE]


def _quote_direction(annotation: Annotation) -> str | None:
    """The quote's direction; a quote with no letters (``1948``) takes its context's."""
    return direction(annotation.quote) or direction(annotation.prefix + annotation.suffix)


def _tags(annotation: Annotation) -> str:
    slugs = dict.fromkeys(tag_slug(tag) for tag in annotation.tags)
    return " ".join("#" + slug for slug in slugs)


def _meta_line(position: str, annotation: Annotation, block_id: str | None) -> str:
    parts = [annotation.color.value, position]
    tags = _tags(annotation)
    if tags:
        parts.append(tags)
    return " · ".join(parts) + (f" ^{block_id}" if block_id else "")


def _position(article: Article, start: int) -> str:
    length = len(article.text)
    start = min(max(start, 0), length)
    percent = percent_through(start, length)
    if not article.blocks:
        return f"{percent}%"
    return f"paragraph {article.block_index_at(start) + 1} · {percent}%"


def _note(annotation: Annotation, rules: FlavorRules) -> list[list[str]]:
    """The note's paragraphs; with wrappers, each run of paragraphs in one direction is wrapped
    on its own, since a note may begin in English and go on in Arabic."""
    raw = paragraphs_of_lines(annotation.note)
    if rules.markdown_notes:
        paragraphs = [note_paragraph(lines) for lines in raw]
    else:
        paragraphs = [join_paragraphs([lines]) for lines in text_paragraphs(annotation.note)]
    directions: list[str | None] = []
    for lines in raw:
        previous = directions[-1] if directions else None
        directions.append(direction("\n".join(lines)) or previous)
    if not rules.direction_wrappers:
        directions = [None] * len(raw)
    return [
        _directed(join_paragraphs([lines for _, lines in run], hard_breaks=False), key, rules)
        for key, run in groupby(zip(directions, paragraphs, strict=True), key=itemgetter(0))
    ]


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


def _entry(
    annotation: Annotation,
    quote_lines: list[list[str]],
    position: str,
    block_id: str,
    rules: FlavorRules,
) -> list[list[str]]:
    block_quote = join_paragraphs(quote_lines, prefix="> ") or [">"]
    sections = [_directed(block_quote, _quote_direction(annotation), rules)]
    if rules.block_ids == "own_line":
        sections.append([f"^{block_id}"])
    meta_id = block_id if rules.block_ids == "meta_line" else None
    sections.append([_meta_line(position, annotation, meta_id)])
    sections.extend(_note(annotation, rules))
    return sections


def export_markdown(
    article: Article, anchored: Sequence[Anchored], *, flavor: Flavor = DEFAULT_FLAVOR
) -> str:
    """The article's annotations as one Markdown document (see the module docstring)."""
    rules = RULES[flavor]
    ids = block_ids([item.annotation.id for item in anchored])
    title = escape_line(single_line(article.title)) or UNTITLED
    sections: list[list[str]] = [
        front_matter(article, anchored),
        _directed([f"# {title}"], direction(article.title), rules),
    ]
    for item in document_order(anchored):
        annotation = item.annotation
        position = _position(article, item.start)
        quote = text_paragraphs(annotation.quote)
        sections += _entry(annotation, quote, position, ids[annotation.id], rules)
    orphans = orphan_order(anchored)
    if orphans:
        sections += [[ORPHANS_HEADING], [ORPHANS_EXPLANATION]]
    for item in orphans:
        annotation = item.annotation
        context = _context(annotation)
        sections += _entry(annotation, context, NOT_FOUND, ids[annotation.id], rules)
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
