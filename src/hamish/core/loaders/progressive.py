"""A long article's beginning first, the rest while the reader is already reading it.

Parsing a 10 MB article takes a few hundred milliseconds; its first screen needs only its first
few kilobytes. ``load_progressively`` decodes and parses the head (cut at a blank line, so it ends
on a block boundary) and hands back the full parse as a function to run in the background. The
head's blocks are the full article's first blocks, so offsets (caret, scroll position) carry over
when the full article replaces it.

Only the head is read before the first screen. Head and file are decoded with one encoding,
chosen from the head's whole lines, so a Windows-1255 file cannot show a head read as something
else; only a file that leaves that encoding after its first 256 KB is decoded afresh in full.
The cut looks for the bytes of a blank line, which is only sound where a newline
is the single byte 10: UTF-8 and single-byte code pages. UTF-16/32 and multibyte Asian encodings
load whole, as do HTML pages, whose article is only known once the whole page is read.

The head is checked like any file (binary data, undecodable text), so almost every bad file is
still refused before anything is shown; the full parse can still fail later (a file that turns
binary after its first 256 KB), which the caller reports then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hamish.core.article import Article, BlockSpec
from hamish.core.loaders import LoadError, article_from_bytes, format_for
from hamish.core.loaders.decode import choose_encoding
from hamish.core.loaders.detect import is_single_byte
from hamish.core.loaders.source import read_article_bytes, read_article_head

HEAD_BYTES = 256 * 1024
_NEWLINE_IS_A_BYTE = ("utf-8", "utf-8-sig")


@dataclass(frozen=True)
class ArticleLoad:
    head: Article
    """The whole article, or its beginning when ``rest`` is not None."""
    rest: Callable[[], Article] | None = None
    """Parses the whole file (raises ``LoadError``); None when ``head`` is already all of it."""


def load_progressively(path: Path, *, head_bytes: int = HEAD_BYTES) -> ArticleLoad:
    head_data, size = read_article_head(path, head_bytes)
    if len(head_data) < head_bytes:  # the read reached the end: the whole file is in hand
        return ArticleLoad(article_from_bytes(path, head_data))
    if size <= head_bytes or format_for(path) == "html":
        return ArticleLoad(article_from_bytes(path, read_article_bytes(path)))
    # Only the head is read and decoded now; the encoding is chosen on whole lines of it.
    newline = head_data.rfind(b"\n")
    encoding = choose_encoding(head_data[: newline + 1] if newline > 0 else head_data)
    cut = _head_cut(head_data, head_bytes, encoding)
    if cut is None:
        return ArticleLoad(article_from_bytes(path, read_article_bytes(path)))
    head = article_from_bytes(path, head_data[:cut], encoding=encoding)

    def rest() -> Article:
        data = read_article_bytes(path)
        try:
            return article_from_bytes(path, data, encoding=encoding)
        except LoadError:  # the file is not all in the head's encoding: decide afresh
            return article_from_bytes(path, data)

    return ArticleLoad(_settled(head), rest)


def _settled(head: Article) -> Article:
    """The head without its last block, whose kind can depend on what follows the cut: a short
    plain-text line is a heading only if a paragraph follows it, a Markdown list item may go on
    after a blank line."""
    if len(head.blocks) < 2:
        return head
    return Article.build(
        (
            BlockSpec(block.kind, block.text, block.level, block.direction, block.bulleted)
            for block in head.blocks[:-1]
        ),
        title=head.title,
        source=head.source,
        date=head.date,
        encoding=head.encoding,
        format=head.format,
        notices=head.notices,
    )


def _head_cut(data: bytes, head_bytes: int, encoding: str) -> int | None:
    """Where to cut ``data`` for its head: after the last blank line in the first
    ``head_bytes``; None when the file cannot be cut safely."""
    if encoding not in _NEWLINE_IS_A_BYTE and not is_single_byte(encoding):
        return None  # UTF-16/32 newlines are two or four bytes; Asian encodings: not worth it
    cut = max(data.rfind(b"\n\n", 0, head_bytes) + 2, data.rfind(b"\n\r\n", 0, head_bytes) + 3)
    return cut if cut > 3 else None
