"""What every scripted command shares: parsers, one-line errors, loading and the store.

Errors are exceptions that ``hamish.cli.main`` turns into one ``hamish: ...`` line on stderr and
exit status 2. A command raises ``CommandError`` with a message naming the file and the reason;
``LoadError`` and ``StoreError`` already read that way and are left to propagate.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hamish.core import paths
from hamish.core.article import Article
from hamish.core.loaders import load_article
from hamish.core.safe_text import invalid_text_reason, safe_text
from hamish.core.web.urls import is_web_url

if TYPE_CHECKING:
    import argparse

    from hamish.core.annotations.model import ArticleRecord
    from hamish.core.store import Store
    from hamish.core.store.lock_reports import LockWait
    from hamish.core.web.settings import FetchSettings

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
    import argparse  # not for the reader's start, which parses no options of a command

    return argparse.ArgumentParser(
        prog=f"hamish {name}",
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def fetch_settings() -> FetchSettings:
    """How long and how much to fetch (``$HAMISH_HTTP_TIMEOUT``)."""
    from hamish.core.web.settings import FetchSettings  # only where there is a URL to fetch

    try:
        return FetchSettings.from_environment()
    except ValueError as error:
        raise CommandError(str(error)) from None


def read_article(target: str | Path) -> Article:
    """The article at ``target`` with an absolute ``source``, so exports and the store say where
    it is whatever the working directory. Raises ``LoadError`` naming ``target`` as typed.

    A web URL (a ``str``) is the page saved with that URL in the library, if there is one, else
    the page fetched now.
    """
    if isinstance(target, str) and is_web_url(target):
        from hamish.core.web.saved import read_url

        article = read_url(target, paths.library_dir())
    else:
        article = load_article(Path(target))
    if article.source is not None and not article.source.is_absolute():
        article = dataclasses.replace(article, source=article.source.absolute())
    return article


def _lock_wait(wait: LockWait) -> None:
    warn(wait.message)


MAX_INPUT_BYTES = 128 * 1024 * 1024
"""The most ``import`` (or ``doctor --recover``) reads: an export of some 100,000 annotations.
Parsing costs about ten times the file's size in memory, so a larger file is refused rather
than left to exhaust it."""


def read_input(name: str) -> str:
    """The text of the file ``name`` (``-``: stdin), at most ``MAX_INPUT_BYTES`` of UTF-8."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(name, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except IsADirectoryError:
        raise CommandError(f"{name}: is a directory") from None
    except OSError as error:
        raise CommandError(f"{name}: cannot read ({error.strerror or error})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise CommandError(
            f"{name}: larger than {MAX_INPUT_BYTES >> 20} MB, more than hamish reads at once "
            "(about 100,000 annotations); split it"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(f"{name}: not UTF-8 text (byte {error.start})") from None


def open_store(*, for_reading: bool = False) -> Store:
    """The user's store (``paths.database_path()``); ``StoreError`` if it cannot be used.

    A wait for another hamish's lock is said on stderr. ``for_reading``: where the store
    cannot be written (a read-only file system or folder) it is still opened, to read without
    the lock and save nothing, which is said once. A command that only reads uses
    ``read_store``.
    """
    from hamish.core.store import Store

    return _said_unwritable(Store.open(on_lock_wait=_lock_wait, allow_read_only=for_reading))


def read_store() -> Store:
    """The user's store for a command that only shows or exports notes: it creates, locks,
    migrates and saves nothing (``Store.open(reading=True)``), so every file of the store, the
    lock file included, keeps its bytes and its mtime. Where the store cannot be written (a
    read-only file system or folder) it says so once, as ``open_store`` does."""
    from hamish.core.store import Store

    return _said_unwritable(Store.open(reading=True))


def _said_unwritable(store: Store) -> Store:
    if store.unwritable is not None:
        warn(
            f"{store.path} cannot be written here ({store.unwritable}): "
            "reading it without its lock; nothing will be saved"
        )
    return store


def known_record(store: Store, article: Article, shown_path: str | Path) -> ArticleRecord:
    """The store's record of ``article`` (by text, else by path) without changing the store;
    ``CommandError`` if hamish has never seen it."""
    from hamish.core.opening import article_path

    record = store.find_article(article.key, article_path(article))
    if record is None:
        raise CommandError(
            f"{shown_path}: unknown article: hamish has no annotations for it "
            "(annotate it with `hamish annotate` or open it in hamish first)"
        )
    return record
