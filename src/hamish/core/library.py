"""The articles a reader can open, for the app's library screen and ``hamish list``.

Three sources: the bundled samples, the user's library directory (where ``hamish add`` copies
files and saves web pages, whose ``.meta.json`` descriptions are not articles) and every
article the store remembers, wherever it is. An article appears once: matched to the store by
its path, or by its text when the store lost track of its file (moved or renamed); a copy of
an article listed from elsewhere (``hamish add`` copied it, then the original was opened) is
not listed again.

Listing must stay quick for hundreds of files, so it avoids loading articles: what the store
knows (title, length, words, position) comes from the store, a file is checked with ``stat``,
and a file the store has never seen is parsed only as far as its first ``PEEK_BYTES``, once per
version of the file. Only an unknown file that may be a moved or copied article (it has the
title of a known article, or of a file listed already) is loaded whole, to compare its text.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from hamish.core import paths
from hamish.core.annotations.model import ArticleRecord
from hamish.core.article import Article, percent_through
from hamish.core.file_names import shown_path
from hamish.core.loaders import MAX_ARTICLE_BYTES, LoadError, load_article
from hamish.core.loaders.progressive import load_progressively
from hamish.core.loaders.saved_page import is_sidecar
from hamish.core.store import Store

Source = Literal["bundled", "library", "history"]
PEEK_BYTES = 8 * 1024
"""Enough for any title and date line; more only makes the word estimate closer."""
_CACHE_SIZE = 4096
_T = TypeVar("_T")


@dataclass(frozen=True)
class LibraryEntry:
    path: Path | None
    """The file, or None when the store never knew where the article came from."""
    title: str
    date: str | None
    words: int
    """From the store, or counted in the file; estimated from the first ``PEEK_BYTES`` for a
    large file hamish has never opened."""
    annotations: int
    position: int
    """The saved reading position (an offset into the text)."""
    furthest: int
    """The furthest point reached (an offset): how much has been read."""
    length: int
    """The text's length, what ``position`` and ``furthest`` are out of (0 if unknown)."""
    last_read: str
    """ISO 8601 time the article was last opened, ``""`` if never."""
    key: str | None
    """The store's key (``ArticleRecord.key``), None for a file hamish has not opened yet."""
    problem: str | None
    """Why the file cannot be opened ("no such file", "binary file ..."), None if it can."""
    source: Source
    site: str | None = None
    """For a page from the web: the site's name (as the page gives it, else its host)."""
    url: str | None = None

    @property
    def read_percent(self) -> int:
        """How much has been read, in whole percent (``percent_through``, as everywhere)."""
        return percent_through(self.furthest, self.length)

    @property
    def position_percent(self) -> int:
        return percent_through(self.position, self.length)

    def describe_progress(self) -> str:
        """``40% read`` (the furthest point reached), with the reading position when it is
        elsewhere: ``40% read, at 12%``."""
        read, position = self.read_percent, self.position_percent
        return f"{read}% read" + (f", at {position}%" if position != read else "")

    @property
    def progress(self) -> float:
        """How far the reader got, 0..1."""
        return min(1.0, self.furthest / self.length) if self.length else 0.0


@dataclass(frozen=True)
class _Peek:
    title: str
    date: str | None
    words: int
    problem: str | None
    site: str | None = None
    url: str | None = None


FileVersion = tuple[str, int, int]
"""(path, mtime, size): a file's contents are assumed unchanged while these are."""
_peeked: dict[FileVersion, _Peek] = {}
"""What the start of each version of a file said."""
_text_keys: dict[FileVersion, str | None] = {}
"""The content key of each version of a file compared with vanished articles (None: unreadable)."""


def _version(path: Path) -> tuple[os.stat_result, FileVersion] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status, (str(path), status.st_mtime_ns, status.st_size)


def _remember(cache: dict[FileVersion, _T], version: FileVersion | None, value: _T) -> _T:
    if version is not None:
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[version] = value
    return value


def _file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be opened, judged from its metadata only (the loader's words)."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return "no such file"
    except OSError as error:
        return f"cannot read ({error.strerror or type(error).__name__})"
    if stat.S_ISDIR(status.st_mode):
        return "is a directory"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file"
    if status.st_size > MAX_ARTICLE_BYTES:
        return f"too large ({status.st_size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})"
    if not os.access(path, os.R_OK):
        return "permission denied"
    return None


def _peek(path: Path) -> _Peek:
    """Title, date and word count of a file the store does not know, from its beginning."""
    found = _version(path)
    version = None if found is None else found[1]
    if version is not None and version in _peeked:
        return _peeked[version]
    try:
        loaded = load_progressively(path, head_bytes=PEEK_BYTES)
    except LoadError as error:
        return _remember(_peeked, version, _Peek(shown_path(path.name), None, 0, error.reason))
    head = loaded.head
    words = head.word_count
    if loaded.rest is not None and found is not None:
        words = round(words * found[0].st_size / max(1, len(head.text.encode("utf-8"))))
    web = head.web
    peek = _Peek(
        head.title or shown_path(path.name),
        head.date,
        words,
        None,
        site=web.site if web else None,
        url=web.url if web else None,
    )
    return _remember(_peeked, version, peek)


def _text_key(path: Path) -> str | None:
    found = _version(path)
    version = None if found is None else found[1]
    if version is not None and version in _text_keys:
        return _text_keys[version]
    try:
        key: str | None = load_article(path).key
    except LoadError:
        key = None
    return _remember(_text_keys, version, key)


def _files(folder: Path) -> Iterator[Path]:
    """The directory's files in name order; hidden files and subdirectories are not articles."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not entry.name.startswith(".") and not is_dir and not is_sidecar(entry.name):
            yield Path(entry.path)


def _resolved(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


def unsaved_problem(record: ArticleRecord) -> str:
    """Why an article the store knows without a file cannot be opened from one."""
    if record.url:
        return "read from the web, not saved (`hamish add URL` keeps a copy)"
    return "hamish does not know its file"


def _from_record(
    record: ArticleRecord, path: Path | None, counts: dict[str, int], source: Source
) -> LibraryEntry:
    if path is None:
        problem: str | None = unsaved_problem(record)
    else:
        problem = _file_problem(path)
    return LibraryEntry(
        path=path,
        title=record.title or (shown_path(path.name) if path else record.key),
        date=record.date,
        words=record.words,
        annotations=counts.get(record.key, 0),
        position=record.position,
        furthest=record.furthest,
        length=record.length,
        last_read=record.last_opened,
        key=record.key,
        problem=problem,
        source=source,
        site=record.site,
        url=record.url,
    )


class _Vanished:
    """Articles whose file is gone, by title: where a moved file's record is looked for."""

    def __init__(self, records: Sequence[ArticleRecord]) -> None:
        self.by_title: dict[str, list[ArticleRecord]] = {}
        self.untitled: list[ArticleRecord] = []
        """Records titled after their old file name (no title in the text): any file may be
        them, since a rename changes that title."""
        for record in records:
            if record.path is not None and record.title == shown_path(Path(record.path).stem):
                self.untitled.append(record)
            else:
                self.by_title.setdefault(record.title, []).append(record)

    def claim(self, path: Path, title: str) -> ArticleRecord | None:
        """The vanished article whose text is now at ``path`` (what ``identify`` would find
        when the file is opened), or None. Loads ``path`` only if a title fits."""
        candidates = self.by_title.get(title, []) + self.untitled
        if not candidates:
            return None
        text_key = _text_key(path)
        for record in candidates:
            if text_key in (record.text_hash, record.key):
                for group in (self.by_title.get(record.title, []), self.untitled):
                    if record in group:
                        group.remove(record)
                return record
        return None


class _Listed:
    """What is listed so far, by title: a copy of a listed article is not listed again."""

    def __init__(self) -> None:
        self._keys: dict[str, list[str]] = {}
        """Title -> the text keys of the known articles listed under it."""
        self._files: dict[str, list[Path]] = {}
        """Title -> the files listed under it that the store does not know."""

    def add(self, title: str, *, key: str | None = None, path: Path | None = None) -> None:
        if key is not None:
            self._keys.setdefault(title, []).append(key)
        elif path is not None:
            self._files.setdefault(title, []).append(path)

    def is_copy(self, path: Path, title: str) -> bool:
        """Whether an article with ``path``'s text is listed (loads files only if titles match)."""
        keys, files = self._keys.get(title, []), self._files.get(title, [])
        if not keys and not files:
            return False
        text_key = _text_key(path)
        return text_key is not None and (
            text_key in keys or any(_text_key(other) == text_key for other in files)
        )


def library_entries(store: Store | None, *, bundled: Path, library: Path) -> list[LibraryEntry]:
    """Every article to offer: bundled, in the library directory, or known to the store.

    Each article is listed once: a moved file at its new path, and a copy (``hamish add``
    copies into the library) not beside the file it was last opened from. Most recently read
    first, then the never-read ones by title. A file that cannot be opened is listed with its
    ``problem``; this function never raises for a bad file or a missing directory.
    """
    records = store.list_articles() if store is not None else []
    counts = store.annotation_counts() if store is not None else {}
    by_path: dict[str, ArticleRecord] = {}
    for record in sorted(records, key=lambda r: r.last_opened):
        if record.path:
            by_path[record.path] = record  # the most recently opened claims a shared path
    folders: tuple[tuple[Source, Path], ...] = (("bundled", bundled), ("library", library))
    files: dict[str, tuple[Source, Path]] = {}
    for source, folder in folders:
        for path in _files(folder):
            files.setdefault(_resolved(path), (source, path))
    listed = _Listed()
    entries: list[LibraryEntry] = []
    shown_keys: set[str] = set()

    def show(record: ArticleRecord, path: Path | None, source: Source) -> None:
        shown_keys.add(record.key)
        listed.add(record.title, key=record.text_hash)
        entries.append(_from_record(record, path, counts, source))

    unknown: list[tuple[Source, Path]] = []
    for resolved, (source, path) in files.items():  # files the store knows by their path
        found = by_path.get(resolved)
        if found is None or found.key in shown_keys:
            unknown.append((source, path))
        else:
            show(found, path, source)
    elsewhere: list[ArticleRecord] = []
    gone: list[ArticleRecord] = []
    for record in records:
        if record.key in shown_keys:
            continue
        if record.path is None or _file_problem(Path(record.path)) == "no such file":
            gone.append(record)
        elif _resolved(Path(record.path)) not in files:  # else it holds another known article
            elsewhere.append(record)
    for record in elsewhere:
        show(record, Path(record.path or ""), "history")
    vanished = _Vanished(gone)
    for source, path in unknown:
        peek = _peek(path)
        found = None if peek.problem else vanished.claim(path, peek.title)
        if found is not None:
            show(found, path, source)
        elif peek.problem or not listed.is_copy(path, peek.title):
            listed.add(peek.title, path=path)
            entries.append(_unknown(path, peek, source))
    for record in gone:
        if record.key not in shown_keys:
            show(record, Path(record.path) if record.path else None, "history")
    return sort_entries(entries)


def user_library(store: Store | None) -> list[LibraryEntry]:
    """The library as the user knows it: the bundled articles, the library directory and every
    article opened before. Listed afresh each time, so what was read, added or moved since
    shows at once."""
    return library_entries(store, bundled=paths.bundled_articles_dir(), library=paths.library_dir())


def library_copy(store: Store, article: Article, library: Path) -> Path | None:
    """The copy of ``article`` in the library directory (found by its text), if it has one:
    what ``hamish add`` and the app's save find instead of saving it twice."""
    known = store.find_article(article.key, None)
    copy = Path(known.path) if known is not None and known.path else None
    return copy if copy is not None and in_folder(copy, library) and copy.is_file() else None


def in_folder(path: Path, folder: Path) -> bool:
    """Whether ``path`` is directly in ``folder`` (links followed)."""
    return path.resolve().parent == folder.resolve()


def readable_paths(entries: Iterable[LibraryEntry]) -> list[Path]:
    """The files of ``entries`` that can be opened: what "every article" means for searching."""
    return [entry.path for entry in entries if entry.path is not None and entry.problem is None]


def _unknown(path: Path, peek: _Peek, source: Source) -> LibraryEntry:
    return LibraryEntry(
        path=path,
        title=peek.title,
        date=peek.date,
        words=peek.words,
        annotations=0,
        position=0,
        furthest=0,
        length=0,
        last_read="",
        key=None,
        problem=peek.problem,
        source=source,
        site=peek.site,
        url=peek.url,
    )


def sort_entries(entries: Sequence[LibraryEntry]) -> list[LibraryEntry]:
    """Most recently read first; then the never-read ones by file name (bundled and library
    files are named in the order they are meant to be read: the sample comes first)."""

    def by_name(entry: LibraryEntry) -> tuple[str, str]:
        name = entry.path.name if entry.path else ""
        return (name.casefold(), entry.title.casefold())

    read = sorted((e for e in entries if e.last_read), key=by_name)
    read.sort(key=lambda entry: entry.last_read, reverse=True)
    unread = sorted((e for e in entries if not e.last_read), key=by_name)
    return read + unread
