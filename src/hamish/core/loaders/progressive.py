"""A long article's beginning first, the rest while the reader is already reading it.

Parsing a 10 MB article takes a few hundred milliseconds; its first screen needs only its first
few kilobytes. ``load_progressively`` decodes and parses the head (cut at a blank line, so it ends
on a block boundary) and hands back the full parse as a function to run in the background. The
head's blocks are the full article's first blocks, so offsets (caret, scroll position) carry over
when the full article replaces it.

The head is checked like any file (binary data, undecodable text), so almost every bad file is
still refused before anything is shown; the full parse can still fail later (a file that turns
binary after its first 256 KB), which the caller reports then.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hamish.core.article import Article
from hamish.core.loaders import article_from_bytes
from hamish.core.loaders.source import read_article_bytes

HEAD_BYTES = 256 * 1024
_WIDE_MARKS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class ArticleLoad:
    head: Article
    """The whole article, or its beginning when ``rest`` is not None."""
    rest: Callable[[], Article] | None = None
    """Parses the whole file (raises ``LoadError``); None when ``head`` is already all of it."""


def load_progressively(path: Path, *, head_bytes: int = HEAD_BYTES) -> ArticleLoad:
    data = read_article_bytes(path)
    cut = _head_cut(data, head_bytes)
    if cut is None:
        return ArticleLoad(article_from_bytes(path, data))
    head = article_from_bytes(path, data[:cut])
    return ArticleLoad(head, lambda: article_from_bytes(path, data))


def _head_cut(data: bytes, head_bytes: int) -> int | None:
    """Where to cut ``data`` for its head: after the last blank line in the first
    ``head_bytes``; None when the file is small or cannot be cut safely."""
    if len(data) <= head_bytes or data.startswith(_WIDE_MARKS):
        return None  # UTF-16/32 newlines are not single bytes: not worth a special case
    cut = max(data.rfind(b"\n\n", 0, head_bytes) + 2, data.rfind(b"\n\r\n", 0, head_bytes) + 3)
    return cut if cut > 3 else None
