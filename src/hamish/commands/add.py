"""``hamish add PATH|URL...``: copy articles into the library directory and register them.

A URL is fetched and saved as it came (``core.web.saved``: the HTML and its description).

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
from hamish.core.article import Article
from hamish.core.atomic_file import create_file
from hamish.core.export.filenames import safe_file_name, unique_file_name
from hamish.core.loaders import LoadError, article_from_bytes
from hamish.core.loaders.source import read_article_bytes
from hamish.core.opening import identify
from hamish.core.store import Store
from hamish.core.web.urls import is_web_url

_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}")
MAX_NAME_ATTEMPTS = 100


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
        help="article files, or web pages to fetch and save as they are (HTML and its URLs)",
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
        for _ in range(MAX_NAME_ATTEMPTS):
            candidate = unique_file_name(name, taken)
            try:
                create_file(library / candidate, [data])
                return library / candidate
            except FileExistsError:
                taken.add(candidate)
    except OSError as error:
        raise CommandError(f"cannot write to {library}: {error.strerror or error}") from None
    raise CommandError(f"cannot find a free name for {name} in {library}")


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().parent == folder.resolve()


def _in_library(store: Store, article: Article, library: Path) -> Path | None:
    """The library's copy of ``article``, if it has one."""
    known = store.find_article(article.key, None)
    copy = Path(known.path) if known is not None and known.path else None
    return copy if copy is not None and _inside(copy, library) and copy.is_file() else None


def add_one(store: Store, path: Path, library: Path, display: Display) -> None:
    data = read_article_bytes(path)
    article = article_from_bytes(path, data)
    title = display.inline(article.title) or plain(path.name)
    copy = _in_library(store, article, library)
    if copy is not None:
        print(f"{plain(str(path))}: already in the library as {plain(str(copy))} ({title})")
        return
    in_place = _inside(path, library)  # already in the library: register, do not copy
    target = path if in_place else _copy(data, library_name(path), library)
    identify(store, dataclasses.replace(article, source=target.resolve()))
    print(f"{plain(str(path))} -> {plain(str(target))} ({title})")


def add_page(store: Store, url: str, library: Path, display: Display) -> None:
    """Fetch the page at ``url`` and save it, unless the library has this text already."""
    from hamish.core.web.pages import fetch_page
    from hamish.core.web.saved import save_page

    page = fetch_page(url, settings=fetch_settings())
    article = page.article
    title = display.inline(article.title) or plain(url)
    copy = _in_library(store, article, library)
    if copy is not None:
        print(f"{plain(url)}: already in the library as {plain(str(copy))} ({title})")
        return
    try:
        saved = save_page(page, library)
    except OSError as error:
        raise CommandError(f"cannot write to {library}: {error.strerror or error}") from None
    identify(store, dataclasses.replace(article, source=saved.resolve()))
    site = f" · {display.inline(article.web.site)}" if article.web and article.web.site else ""
    print(f"{plain(url)} -> {plain(str(saved))} ({title}{site})")


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
                else:
                    add_one(store, Path(target), library, display)
            except (LoadError, CommandError) as error:
                warn(str(error))
                failed = True
    return EXIT_ERROR if failed else EXIT_OK
