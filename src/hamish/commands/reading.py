"""``hamish list`` and ``hamish notes``: what there is to read, and what was noted in it.

``list`` shows ``library_entries`` (bundled samples, the library directory, every article the
store knows), so the command and the app's library screen always agree. ``notes`` anchors one
article's annotations as the reader does, so positions are where the passages are now (nothing
is saved: a read never writes), and lists them in reading order, orphans last.
Quotes and notes are laid out by the engine on a terminal: wrapped, reordered, right-to-left
paragraphs aligned right.
"""

from __future__ import annotations

import argparse
import sys

from hamish.commands.common import (
    EXIT_OK,
    command_parser,
    known_record,
    read_article,
    read_store,
)
from hamish.commands.output import Display, add_order_options, clipped, percent, plain
from hamish.core import paths
from hamish.core.annotations.model import Anchored, shown_time
from hamish.core.counts import count
from hamish.core.export.common import article_source
from hamish.core.library import LibraryEntry, library_entries
from hamish.core.opening import open_article

ORPHANS_HEADING = "Orphaned: not found in the current text (shown as they were made)"
INDENT = 4
SITE_SHOWN = 40


def build_list_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "list",
        "List the articles hamish knows and offers: annotations, reading progress, when each "
        "was last read, title and file. Most recently read first.",
    )
    add_order_options(parser)
    return parser


def last_read(stamp: str) -> str:
    """``2026-01-07T10:27:03.120Z`` as ``2026-01-07 10:27 UTC``: minutes are enough here."""
    return f"last read {shown_time(stamp)}" if stamp else "never read"


def entry_lines(entry: LibraryEntry, display: Display) -> list[str]:
    title = clipped(entry.title, display.width) if display.visual else entry.title
    facts = [
        count(entry.annotations, "annotation"),
        entry.describe_progress(),
        last_read(entry.last_read),
        entry.source,
    ]
    if entry.site:
        facts.insert(0, display.inline(clipped(entry.site, SITE_SHOWN)))
    if entry.problem:
        facts.append(f"cannot open: {entry.problem}")
    lines = [display.inline(title) or plain("(untitled)"), "    " + " · ".join(facts)]
    if entry.url is not None:
        lines.append("    " + plain(entry.url))
    if entry.path is not None:
        lines.append("    " + plain(str(entry.path)))
    return lines


def run_list(argv: list[str]) -> int:
    args = build_list_parser().parse_args(argv)
    display = Display.for_stream(sys.stdout, args.order)
    with read_store() as store:
        entries = library_entries(
            store, bundled=paths.bundled_articles_dir(), library=paths.library_dir()
        )
    for number, entry in enumerate(entries):
        if number:
            print()
        for line in entry_lines(entry, display):
            print(line)
    return EXIT_OK


# -- notes ----------------------------------------------------------------------------------------


def build_notes_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "notes",
        "Show an article's annotations in document order: colour, position, quote, note and "
        "tags; orphans (passages no longer in the text) last.",
    )
    parser.add_argument("path", metavar="PATH|URL", help="the article: a file or a web page")
    add_order_options(parser)
    return parser


def annotation_lines(placed: Anchored, length: int, display: Display) -> list[str]:
    annotation = placed.annotation
    where = percent(placed.start, length)
    facts = [annotation.color.value, f"was at {where}" if placed.orphaned else where]
    if placed.status.value in ("moved", "fuzzy"):
        facts.append(placed.status.value)
    if annotation.tags:
        facts.append("tags: " + ", ".join(display.inline(tag) for tag in annotation.tags))
    lines = [" · ".join(facts)]
    lines += display.block(annotation.quote, INDENT)
    if annotation.note:
        lines.append("  note:")
        lines += display.block(annotation.note, INDENT)
    return lines


def run_notes(argv: list[str]) -> int:
    args = build_notes_parser().parse_args(argv)
    display = Display.for_stream(sys.stdout, args.order)
    article = read_article(args.path)
    with read_store() as store:
        known_record(store, article, args.path)
        opened = open_article(store, article)
    length = len(article.text)
    found = [placed for placed in opened.anchored if not placed.orphaned]
    orphans = [placed for placed in opened.anchored if placed.orphaned]
    print(display.inline(article.title) or "(untitled)")
    print(plain(article_source(article) or args.path))
    print(
        count(len(opened.anchored), "annotation")
        + (f", {len(orphans)} orphaned" if orphans else "")
    )
    for placed in found:
        print()
        for line in annotation_lines(placed, length, display):
            print(line)
    if orphans:
        print()
        print(ORPHANS_HEADING)
        for placed in orphans:
            print()
            for line in annotation_lines(placed, length, display):
                print(line)
    return EXIT_OK
