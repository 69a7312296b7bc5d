"""The article model: what every loader produces and every other part of hamish reads.

Offsets everywhere in hamish are Unicode code points into ``Article.text``, the plain logical
text of the whole article. That is what the W3C Web Annotation model counts in, so an annotation
stored today still means the same characters after hamish's rendering changes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Literal

Direction = Literal["auto", "ltr", "rtl"]

BLOCK_SEPARATOR = "\n\n"
"""Joins blocks in ``Article.text``: a quote spanning two paragraphs reads naturally."""


class BlockKind(StrEnum):
    TITLE = "title"
    META = "meta"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list_item"


@dataclass(frozen=True, slots=True)
class BlockSpec:
    """A block as a loader finds it, before it has a place in the article's text."""

    kind: BlockKind
    text: str
    level: int = 0
    direction: Direction = "auto"
    bulleted: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article, placed at ``start`` in ``Article.text``.

    ``level`` is the heading level (1-6) or the list nesting depth (0 for top level).
    ``direction`` is ``auto`` unless the source said otherwise (an HTML ``dir`` attribute).
    ``bulleted``: the first block of an unordered list item, before which the reader draws a
    bullet (an ordered item carries its number in its text, as the source wrote it).
    """

    kind: BlockKind
    text: str
    start: int
    level: int = 0
    direction: Direction = "auto"
    bulleted: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class WebOrigin:
    """Where an article from the web came from: what its exports and the library name it by.

    ``url`` is the page's canonical URL when it declares one (it drops tracking parameters and
    session ids, and it is what annotation tools such as Hypothesis group a page by), else the
    URL the last redirect reached.
    """

    requested_url: str
    final_url: str
    canonical_url: str | None = None
    site: str | None = None
    author: str | None = None
    fetched: str | None = None
    """ISO 8601 UTC time the page was fetched."""

    @property
    def url(self) -> str:
        return self.canonical_url or self.final_url

    @property
    def addresses(self) -> tuple[str, ...]:
        """Every URL the page is known by: a URL given for it matches any of these."""
        return tuple(dict.fromkeys(u for u in (self.url, self.final_url, self.requested_url)))


_WHITESPACE_RUN = re.compile(r"\s+")  # \s is str.isspace(), which str.split() splits on
_SLICE_CHARS = 1 << 16


def text_slices(text: str, size: int | None = None) -> Iterator[str]:
    """``text`` in slices of about ``size`` characters (default 64K) that end where a
    whitespace run ends.

    Why: ``text.split()`` on a 10 MB article makes a million strings at once (+86 MB) to
    hash or count them once. Split slice by slice instead: no word spans two slices, and a
    word in one slice is separated from the next slice's words by whitespace.
    """
    size = _SLICE_CHARS if size is None else size
    start = 0
    while start < len(text):
        run = _WHITESPACE_RUN.search(text, start + size)
        end = len(text) if run is None else run.end()
        yield text[start:end]
        start = end


def content_key(text: str) -> str:
    """A stable identity for an article's content.

    Normalised (NFC, whitespace collapsed) so that re-saving a file with other line endings or
    trailing spaces does not make it a different article. It is the hash of
    ``" ".join(text.split())``, the form stores hold keys in, fed slice by slice.
    """
    import hashlib  # OpenSSL's start: only once an article is identified, after its first screen

    digest = hashlib.sha256()
    separator = b""
    for piece in text_slices(unicodedata.normalize("NFC", text)):
        words = " ".join(piece.split())
        if words:
            digest.update(separator + words.encode("utf-8"))
            separator = b" "
    return digest.hexdigest()[:32]


def word_count(text: str) -> int:
    """``len(text.split())``, a slice at a time."""
    return sum(len(piece.split()) for piece in text_slices(text))


WORD_INDEX_SLICE = 4096
"""At most this much text (plus a word) is counted at a caret move."""


class WordIndex:
    """How many words an article has after any offset."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._ends: list[int] = []
        counts: list[int] = []
        end = 0
        for piece in text_slices(text, WORD_INDEX_SLICE):
            end += len(piece)
            self._ends.append(end)
            counts.append(len(piece.split()))
        self._after = list(accumulate(reversed(counts), initial=0))[::-1]
        """Words from the start of each slice to the end of the text (0 past the last)."""

    @property
    def total(self) -> int:
        return self._after[0]

    def words_after(self, offset: int) -> int:
        """Words that start at ``offset`` or after it (the one the caret is inside is being
        read: at the last letter, nothing is left)."""
        offset = max(0, offset)
        index = bisect_right(self._ends, offset)
        if index >= len(self._ends):
            return 0
        rest = self._text[offset : self._ends[index]]
        inside = offset > 0 and not rest[0].isspace() and not self._text[offset - 1].isspace()
        return len(rest.split()) - inside + self._after[index + 1]


@dataclass(frozen=True)
class Article:
    """A loaded article: its blocks and the logical text they are slices of."""

    title: str
    blocks: tuple[Block, ...]
    text: str
    source: Path | None = None
    date: str | None = None
    encoding: str = "utf-8"
    format: str = "txt"
    notices: tuple[str, ...] = ()
    stored_key: str | None = None
    """Set only on an article rebuilt from the store without its text (its file is gone): the
    key its text had, which ``key`` then returns instead of the key of no text."""
    web: WebOrigin | None = None
    """Set for a page fetched from the web, or saved from it by ``hamish add URL``."""
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(block.start for block in self.blocks))

    @cached_property
    def key(self) -> str:
        """``content_key`` of the text: computed on first use, since it reads all of it."""
        return content_key(self.text) if self.stored_key is None else self.stored_key

    @classmethod
    def build(
        cls,
        specs: Iterable[BlockSpec],
        *,
        title: str,
        source: Path | None = None,
        date: str | None = None,
        encoding: str = "utf-8",
        format: str = "txt",  # noqa: A002 - the article's file format, as users call it
        notices: Iterable[str] = (),
    ) -> Article:
        """Place the blocks one after another, joined by ``BLOCK_SEPARATOR``."""
        blocks: list[Block] = []
        parts: list[str] = []
        offset = 0
        for spec in specs:
            if blocks:
                parts.append(BLOCK_SEPARATOR)
                offset += len(BLOCK_SEPARATOR)
            blocks.append(
                Block(spec.kind, spec.text, offset, spec.level, spec.direction, spec.bulleted)
            )
            parts.append(spec.text)
            offset += len(spec.text)
        return cls(
            title=title,
            blocks=tuple(blocks),
            text="".join(parts),
            source=source,
            date=date,
            encoding=encoding,
            format=format,
            notices=tuple(notices),
        )

    def block_index_at(self, offset: int) -> int:
        """Index of the block containing ``offset`` (a separator belongs to the block before)."""
        if not self.blocks:
            raise IndexError("the article has no blocks")
        return max(0, bisect_right(self._starts, offset) - 1)

    @cached_property
    def word_index(self) -> WordIndex:
        """Words after any offset (the status row's minutes left), counted once."""
        return WordIndex(self.text)

    @cached_property
    def word_count(self) -> int:
        return self.word_index.total


def percent_through(offset: int, length: int) -> int:
    """How far into a text of ``length`` characters ``offset`` is, in whole percent, rounded
    down (so 100% means the very end); every screen and export says it the same way."""
    return min(100, max(0, offset * 100 // length)) if length > 0 else 0
