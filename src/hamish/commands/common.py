"""What every scripted command shares: parsers, one-line errors, loading and the store.

Errors are exceptions that ``hamish.cli.main`` turns into one ``hamish: ...`` line on stderr and
exit status 2. A command raises ``CommandError`` with a message naming the file and the reason;
``LoadError`` and ``StoreError`` already read that way and are left to propagate.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from hamish.core.annotations.model import ArticleRecord
from hamish.core.article import Article
from hamish.core.loaders import load_article
from hamish.core.safe_text import invalid_text_reason, safe_text
from hamish.core.session import article_path
from hamish.core.store import Store

EXIT_OK = 0
EXIT_NOTHING = 1
"""``search`` found nothing; ``doctor`` found a problem it did not repair."""
EXIT_ERROR = 2


class CommandError(Exception):
    """A failure to report on one line (``str``) with exit status 2."""


def error_line(message: str) -> str:
    """``hamish: message`` with every control character (line breaks too) made visible."""
    return "hamish: " + safe_text(message)


def fail(message: str) -> int:
    print(error_line(message), file=sys.stderr)
    return EXIT_ERROR


def warn(message: str) -> None:
    """A problem that does not stop the command (a file skipped, an article exported from the
    store because its file is gone); the exit status says whether any was an error."""
    print(error_line(message), file=sys.stderr)


def checked_text(value: str, option: str) -> str:
    """``value`` as given, or ``CommandError`` if it is not text that can be stored: bytes that
    are not UTF-8 reach Python as lone surrogates, and would be refused by every reader of the
    store and of exports."""
    reason = invalid_text_reason(value)
    if reason is not None:
        raise CommandError(f"{option}: not valid text ({reason}); give it in UTF-8")
    return value


def command_parser(
    name: str, description: str, epilog: str | None = None
) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog=f"hamish {name}",
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def read_article(path: Path) -> Article:
    """The article at ``path`` with an absolute ``source``, so exports and the store say where
    it is whatever the working directory. Raises ``LoadError`` naming ``path`` as typed."""
    article = load_article(path)
    if article.source is not None and not article.source.is_absolute():
        article = dataclasses.replace(article, source=article.source.absolute())
    return article


def open_store() -> Store:
    """The user's store (``paths.database_path()``); ``StoreError`` if it cannot be used."""
    return Store.open()


def known_record(store: Store, article: Article, shown_path: Path) -> ArticleRecord:
    """The store's record of ``article`` (by text, else by path) without changing the store;
    ``CommandError`` if hamish has never seen it."""
    record = store.find_article(article.key, article_path(article))
    if record is None:
        raise CommandError(
            f"{shown_path}: unknown article: hamish has no annotations for it "
            "(annotate it with `hamish annotate` or open it in hamish first)"
        )
    return record


def count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"
