"""An article's outline: its title and headings, each with where it starts, for ``o``.

Long articles are read in parts; the outline lets the reader see the parts and go to one, as
frogmouth's table of contents and KOReader's do.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from hamish.core.article import Article, BlockKind


@dataclass(frozen=True)
class Heading:
    text: str
    depth: int
    """0 for the title, 1 for the article's top headings, 2 for the ones under them..."""
    start: int
    """Where the heading starts in ``Article.text``."""


def outline(article: Article) -> tuple[Heading, ...]:
    """The title and every heading, in reading order, each on one line."""
    blocks = [
        block
        for block in article.blocks
        if block.kind in (BlockKind.TITLE, BlockKind.HEADING) and block.text.strip()
    ]
    top = min((b.level for b in blocks if b.kind is BlockKind.HEADING), default=1)
    return tuple(
        Heading(
            " ".join(block.text.split()),
            0 if block.kind is BlockKind.TITLE else 1 + max(0, block.level - top),
            block.start,
        )
        for block in blocks
    )


def current_heading(headings: tuple[Heading, ...], offset: int) -> int | None:
    """The index of the heading whose part ``offset`` is in (the last one starting at or
    before it), or None before the first."""
    index = bisect_right([heading.start for heading in headings], offset) - 1
    return index if index >= 0 else None
