"""``hamish add PATH|URL...``: copy articles into the library directory and register them.

A URL is fetched and saved as it came (``core.web.saved``: the HTML and its description). A
folder adds the articles in it (``folder_articles``).

Each file is loaded first, so what cannot be read as an article (binary data, a directory, an
undecodable file) is refused with the loader's reason and never copied; the other files are
still added, and the exit status is 2 if any was refused. The bytes copied are the bytes that
were checked, written atomically under a name no other file has: nothing is overwritten. The
copy is registered in the store as the article's file, so an article hamish knew elsewhere now
lives in the library, notes and all.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from pathlib import Path

from hamish.commands.common import (
    EXIT_ERROR,
    EXIT_OK,
    CommandError,
    command_parser,
    fetch_settings,
    open_store,
    warn,
)
from hamish.commands.output import Display, add_order_options, plain
from hamish.core import paths
from hamish.core.atomic_file import create_file
from hamish.core.export.filenames import create_under_free_name, safe_file_name
from hamish.core.library import in_folder, library_copy
from hamish.core.loaders import LoadError, article_from_bytes
from hamish.core.loaders.formats import READ_FORMATS, is_article_name
from hamish.core.loaders.source import read_article_bytes
from hamish.core.opening import identify
from hamish.core.store import Store
from hamish.core.web.urls import is_web_url

_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}")


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "add",
        "Copy articles into hamish's library directory (never overwriting a file there) and "
        "register them, so they appear in `hamish list` and the library screen.",
    )
    parser.add_argument(
        "targets",
        nargs="+",
        metavar="PATH|URL",
        help="article files, folders (the .txt, .md and .html files directly in them), or web "
        "pages to fetch and save as they are (HTML and its URLs)",
    )
    add_order_options(parser)
    return parser


def library_name(path: Path) -> str:
    """The copy's name: the file's own, made safe on every system (no leading dot, which would
    hide it); a file without a usable suffix is read as plain text, so it gets ``.txt``."""
    if _SUFFIX.fullmatch(path.suffix):
        return safe_file_name(path.stem, path.suffix)
    return safe_file_name(path.name, ".txt")


def _copy(data: bytes, name: str, library: Path) -> Path:
    try:
        library.mkdir(parents=True, exist_ok=True)
        taken = {entry.name for entry in library.iterdir()}
        return create_under_free_name(library, name, taken, lambda path: create_file(path, [data]))
    except FileExistsError:
        raise CommandError(f"cannot find a free name for {name} in {library}") from None
    except OSError as error:
        raise CommandError(f"cannot write to {library}: {error.strerror or error}") from None


def add_one(store: Store, path: Path, library: Path, display: Display) -> None:
    data = read_article_bytes(path)
    article = article_from_bytes(path, data)
    title = display.inline(article.title) or plain(path.name)
    copy = library_copy(store, article, library)
    if copy is not None:
        print(f"{plain(str(path))}: already in the library as {plain(str(copy))} ({title})")
        return
    in_place = in_folder(path, library)  # already in the library: register, do not copy
    target = path if in_place else _copy(data, library_name(path), library)
    identify(store, dataclasses.replace(article, source=target.resolve()))
    print(f"{plain(str(path))} -> {plain(str(target))} ({title})")


def add_page(store: Store, url: str, library: Path, display: Display) -> None:
    """Fetch the page at ``url`` and save it, unless the library has this text already."""
    from hamish.core.web.saved import save_url

    try:
        kept = save_url(store, url, library, settings=fetch_settings())
    except OSError as error:
        raise CommandError(f"cannot write to {library}: {error.strerror or error}") from None
    article = kept.article
    title = display.inline(article.title) or plain(url)
    if not kept.new:
        print(f"{plain(url)}: already in the library as {plain(str(kept.path))} ({title})")
        return
    identify(store, article)
    site = f" · {display.inline(article.web.site)}" if article.web and article.web.site else ""
    print(f"{plain(url)} -> {plain(str(kept.path))} ({title}{site})")


def folder_articles(folder: Path) -> list[Path]:
    """The files directly in ``folder`` named as articles hamish reads (``.txt``, ``.md``,
    ``.html``), in name order; hidden files, subfolders and everything else are left. A
    folder with none is a ``CommandError``."""
    try:
        entries = sorted(folder.iterdir(), key=lambda path: path.name)
    except OSError as error:
        raise LoadError(folder, f"cannot read ({error.strerror or error})") from None
    found = [
        path
        for path in entries
        if not path.name.startswith(".") and path.is_file() and is_article_name(path)
    ]
    if not found:
        raise CommandError(f"{folder}: no articles in it (hamish reads {READ_FORMATS})")
    return found


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    display = Display.for_stream(sys.stdout, args.order)
    library = paths.library_dir()
    failed = False
    with open_store() as store:
        for target in args.targets:
            try:
                if is_web_url(target):
                    add_page(store, target, library, display)
                elif Path(target).is_dir():
                    failed |= not _add_folder(store, Path(target), library, display)
                else:
                    add_one(store, Path(target), library, display)
            except (LoadError, CommandError) as error:
                warn(str(error))
                failed = True
    return EXIT_ERROR if failed else EXIT_OK


def _add_folder(store: Store, folder: Path, library: Path, display: Display) -> bool:
    """Add every article in ``folder``; False if any could not be added (each said why)."""
    added_all = True
    for path in folder_articles(folder):
        try:
            add_one(store, path, library, display)
        except (LoadError, CommandError) as error:
            warn(str(error))
            added_all = False
    return added_all
