"""Plain-text articles as news sites and copy-paste produce them.

The shape (see ``articles/000_…txt``): the first line is the title, an optional date line
follows, blank lines separate blocks, and short lines standing alone are section headings.
Files are either one line per paragraph or hard-wrapped at a fixed width; which one is decided
for the whole file, since a single long line proves lines are not being wrapped.
"""

from __future__ import annotations

from hamish.core.article import BlockKind, BlockSpec
from hamish.core.loaders.dates import date_of_line
from hamish.core.loaders.parsed import ParsedArticle, strip_spaces

MAX_TITLE_CHARS = 200
"""A longer first line is a paragraph: the file has no title line."""
MAX_HEADING_CHARS = 60
MAX_HEADING_WORDS = 10
WRAPPED_LINE_CHARS = 100
"""A file with any line longer than this is one line per paragraph, not hard-wrapped."""
TEXT_HEADING_LEVEL = 2
"""Headings sit one level under the title, which plays the part of a level-1 heading."""

# A line ending in one of these is a sentence, a label or a quotation: never a heading.
FINAL_PUNCTUATION = frozenset(".!?:;,،؛؟…\"'»«”“’‘۔׃")


def _chunks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines, split at blank lines."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def looks_like_heading(line: str) -> bool:
    """Short, has letters, and does not end like a sentence."""
    return (
        len(line) <= MAX_HEADING_CHARS
        and len(line.split()) <= MAX_HEADING_WORDS
        and line[-1] not in FINAL_PUNCTUATION
        and any(char.isalpha() for char in line)
    )


def _body_specs(body: list[list[str]], one_line_per_paragraph: bool) -> list[BlockSpec]:
    """Headings, then paragraphs split or joined according to how the file is wrapped.

    A heading candidate next to another candidate is not a heading: a run of short lines is a
    poem, an address or a list, and the first chunk after the title is a byline or a caption.
    """
    candidates = [len(chunk) == 1 and looks_like_heading(chunk[0]) for chunk in body]
    specs: list[BlockSpec] = []
    for index, chunk in enumerate(body):
        is_heading = (
            candidates[index]
            and 0 < index < len(body) - 1
            and not candidates[index - 1]
            and not candidates[index + 1]
        )
        if is_heading:
            specs.append(BlockSpec(BlockKind.HEADING, chunk[0], level=TEXT_HEADING_LEVEL))
        elif one_line_per_paragraph:
            specs.extend(BlockSpec(BlockKind.PARAGRAPH, line) for line in chunk)
        else:
            specs.append(BlockSpec(BlockKind.PARAGRAPH, " ".join(chunk)))
    return specs


def parse_plain_text(text: str, *, fallback_title: str) -> ParsedArticle:
    """Blocks of a plain-text article; ``fallback_title`` names it when it has no title line.

    ``text`` must already have ``\\n`` line endings. Lines lose their outer spaces and tabs;
    every other character, control characters included, is kept.
    """
    lines = [strip_spaces(line) for line in text.split("\n")]
    chunks = _chunks(lines)
    if not chunks:
        return ParsedArticle((), fallback_title)

    specs: list[BlockSpec] = []
    title = fallback_title
    first = chunks[0]
    if len(first[0]) <= MAX_TITLE_CHARS:
        title = first[0]
        specs.append(BlockSpec(BlockKind.TITLE, title))
        first = first[1:]
    body = ([first] if first else []) + chunks[1:]

    date = None
    if specs and body:
        date = date_of_line(body[0][0])
        if date is not None:
            specs.append(BlockSpec(BlockKind.META, body[0][0]))
            body[0] = body[0][1:]
            if not body[0]:
                del body[0]

    one_line_per_paragraph = any(len(line) > WRAPPED_LINE_CHARS for line in lines)
    specs.extend(_body_specs(body, one_line_per_paragraph))
    return ParsedArticle(tuple(specs), title, date)
