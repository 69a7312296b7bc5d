"""Turning article files into ``Article`` objects.

``load_article`` is the one entry point: it reads and decodes the file, picks a parser by the
file's suffix (anything unknown is read as plain text, unless it is a document or e-book that
hamish does not read: ``formats``) and raises ``LoadError`` - and nothing else - for input it
cannot show, so the UI can report any bad file in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hamish.core.article import Article
from hamish.core.file_names import shown_path
from hamish.core.loaders.decode import DecodedText, NotTextError, decode_bytes
from hamish.core.loaders.errors import LoadError
from hamish.core.loaders.formats import SUFFIX_FORMATS, format_for, unsupported_reason
from hamish.core.loaders.parsed import ParsedArticle, is_blank
from hamish.core.loaders.plain_text import parse_plain_text
from hamish.core.loaders.source import MAX_ARTICLE_BYTES, read_article_bytes

__all__ = [
    "EMPTY_NOTICE",
    "MAX_ARTICLE_BYTES",
    "NO_TEXT_NOTICE",
    "SUFFIX_FORMATS",
    "LoadError",
    "article_from_text",
    "format_for",
    "load_article",
]

Parser = Callable[..., ParsedArticle]


def _parse_markdown(text: str, *, fallback_title: str) -> ParsedArticle:
    # Imported here: markdown-it costs about as much as the rest of the loaders together.
    from hamish.core.loaders.markdown import parse_markdown

    return parse_markdown(text, fallback_title=fallback_title)


def _parse_html(text: str, *, fallback_title: str) -> ParsedArticle:
    # Imported here: lxml and trafilatura cost a quarter of a second, and only HTML needs them.
    from hamish.core.loaders.html_article import parse_html

    return parse_html(text, fallback_title=fallback_title)


_PARSERS: dict[str, Parser] = {
    "md": _parse_markdown,
    "txt": parse_plain_text,
    "html": _parse_html,
}
EMPTY_NOTICE = "empty file"
NO_TEXT_NOTICE = "no readable text"
"""Markup without text (only a comment, a rule or an image without alt text)."""


def article_from_text(
    decoded: DecodedText, *, article_format: str, fallback_title: str, source: Path | None = None
) -> Article:
    """An article from already decoded text (``\\n`` line endings), for loaders and tests."""
    if is_blank(decoded.text):
        return Article.build(
            (),
            title=fallback_title,
            source=source,
            encoding=decoded.encoding,
            format=article_format,
            notices=(EMPTY_NOTICE,),
        )
    parsed = _PARSERS[article_format](decoded.text, fallback_title=fallback_title)
    return Article.build(
        parsed.specs,
        title=parsed.title,
        source=source,
        date=parsed.date,
        encoding=decoded.encoding,
        format=article_format,
        notices=() if parsed.specs else (NO_TEXT_NOTICE,),
    )


def load_article(path: Path) -> Article:
    """Load the article at ``path``; raise ``LoadError`` for anything that is not one."""
    return article_from_bytes(path, read_article_bytes(path))


def article_from_bytes(path: Path, data: bytes, *, encoding: str | None = None) -> Article:
    """The article in ``data``, the bytes of the file at ``path``.

    ``encoding`` imposes the codec (``choose_encoding`` of the whole file, when ``data`` is
    its head), so that a head and its file are read alike.
    """
    unsupported = unsupported_reason(path, data)
    if unsupported is not None:
        raise LoadError(path, unsupported)
    article_format = format_for(path)
    sidecar = None
    if article_format == "html" and encoding is None:
        # A page saved from the web: its HTTP charset and URLs (``saved_page``).
        from hamish.core.loaders.saved_page import read_sidecar

        sidecar = read_sidecar(path)
    try:
        decoded = decode_bytes(
            data,
            markup=article_format == "html",
            encoding=encoding,
            transport_encoding=None if sidecar is None else sidecar.charset,
        )
    except NotTextError as error:
        raise LoadError(path, error.reason) from error
    try:
        article = article_from_text(
            decoded,
            article_format=article_format,
            fallback_title=shown_path(path.stem or path.name),
            source=path,
        )
    except RecursionError as error:  # pathological nesting in third-party parsing
        raise LoadError(path, f"cannot parse as {article_format}: nested too deeply") from error
    return article if sidecar is None else sidecar.applied_to(article)
