"""``hamish search QUERY``: find text in articles and in annotations, the way grep would.

Matching is the reader's: folded, so a query without harakat finds vocalised text and alef or
yeh spellings do not matter. One line per match, ``title:position%: snippet``; exit status 0
when something matched, 1 when nothing did, 2 when a file or the store could not be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hamish.commands.common import (
    EXIT_ERROR,
    EXIT_NOTHING,
    EXIT_OK,
    command_parser,
    read_article,
    read_store,
    warn,
)
from hamish.commands.output import Display, add_order_options, clipped, percent
from hamish.core.annotations.model import Annotation, ArticleRecord
from hamish.core.article import Article
from hamish.core.counts import count
from hamish.core.library import readable_paths, user_library
from hamish.core.loaders import LoadError
from hamish.core.opening import article_path
from hamish.core.search.annotations import AnnotationIndex
from hamish.core.search.find import Range, find_all
from hamish.core.search.library import search_articles
from hamish.core.search.snippet import DEFAULT_CONTEXT, Snippet

MIN_LABEL = 12
MIN_CONTEXT = 8


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "search",
        "Search the text of articles (the given PATHs, or every article hamish knows) and the "
        "quotes, notes and tags of annotations, ignoring harakat and spelling variants.",
        "Exit status: 0 something matched, 1 nothing did, 2 an error.",
    )
    parser.add_argument("query", metavar="QUERY", help="the text to find")
    parser.add_argument(
        "paths", nargs="*", metavar="PATH|URL", help="articles to search: files or web pages"
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--articles", action="store_true", help="search article text only")
    scope.add_argument(
        "--notes", action="store_true", help="search annotations only (quote, note, tags)"
    )
    parser.add_argument(
        "--teh-marbuta",
        action="store_true",
        help="also match teh marbuta with heh (ة = ه), a common spelling variant",
    )
    add_order_options(parser)
    return parser


class Printer:
    """Prints match lines and counts them.

    On a terminal a line must fit its width: a reordered right-to-left line that the terminal
    wraps shows its end on the first row. So there the title is shortened and the snippet's
    context narrowed to fit; into a pipe every line carries the full title and context.
    """

    def __init__(self, display: Display, *, fold_teh_marbuta: bool = False) -> None:
        self.display = display
        self.fold_teh_marbuta = fold_teh_marbuta
        self.matches = 0

    def line(self, label: str, where: str, text: str, match: Range, kind: str = "") -> None:
        prefix = f"{kind}: " if kind else ""
        context = DEFAULT_CONTEXT
        if self.display.visual:
            label = clipped(label, max(MIN_LABEL, self.display.width // 3))
            room = self.display.width - len(label) - len(where) - len(prefix) - 3
            context = max(MIN_CONTEXT, (room - (match[1] - match[0]) - 2) // 2)
        snippet = Snippet.around(text, *match, context=context)
        shown = self.display.inline(snippet.line)
        print(f"{self.display.inline(label)}:{where}: {prefix}{shown}")
        self.matches += 1

    def article(self, article: Article, matches: list[Range]) -> None:
        label = article.title or (article.source.name if article.source else "")
        for match in matches:
            self.line(label, percent(match[0], len(article.text)), article.text, match)

    def annotation(self, annotation: Annotation, record: ArticleRecord | None, query: str) -> None:
        label = record.title if record is not None else annotation.article_key
        length = record.length if record is not None else 0
        fields = [("quote", annotation.quote), ("note", annotation.note)]
        fields += [("tag", tag) for tag in annotation.tags]
        for kind, text in fields:
            found = find_all(text, query, fold_teh_marbuta=self.fold_teh_marbuta)
            if found:
                self.line(label, percent(annotation.start, length), text, found[0], kind)
                return


def _search_paths(args: argparse.Namespace, printer: Printer) -> bool:
    """The PATHs' text (or, with --notes, their annotations); True if a file failed."""
    failed = False
    articles: list[tuple[str, Article]] = []
    for path in args.paths:
        try:
            articles.append((path, read_article(path)))
        except LoadError as error:
            warn(str(error))
            failed = True
    if not args.notes:
        for _, article in articles:
            found = find_all(article.text, args.query, fold_teh_marbuta=printer.fold_teh_marbuta)
            printer.article(article, found)
        return failed
    with read_store() as store:
        records = {record.key: record for record in store.list_articles()}
        for path, article in articles:
            record = store.find_article(article.key, article_path(article))
            if record is None:
                warn(f"{path}: unknown article: hamish has no annotations for it")
                failed = True
                continue
            _search_annotations(records, store.annotations_for(record.key), args.query, printer)
    return failed


def _search_annotations(
    records: dict[str, ArticleRecord], annotations: list[Annotation], query: str, printer: Printer
) -> None:
    index = AnnotationIndex.of(annotations, fold_teh_marbuta=printer.fold_teh_marbuta)
    for annotation in index.search(query):
        printer.annotation(annotation, records.get(annotation.article_key), query)


def _search_known(args: argparse.Namespace, printer: Printer) -> None:
    """Every article in the library (as the app's palette searches it) and every annotation."""
    with read_store() as store:
        if not args.notes:
            unreadable: list[Path] = []
            for hits in search_articles(
                readable_paths(user_library(store)),
                args.query,
                fold_teh_marbuta=printer.fold_teh_marbuta,
                unreadable=lambda path, error: unreadable.append(path),
            ):
                printer.article(hits.article, hits.ranges)
            if unreadable:
                verb = "was" if len(unreadable) == 1 else "were"
                warn(
                    f"{count(len(unreadable), 'article')} could not be read and {verb} "
                    "not searched (`hamish list` says why)"
                )
        if not args.articles:
            records = {record.key: record for record in store.list_articles()}
            _search_annotations(records, store.all_annotations(), args.query, printer)


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.query.strip():
        parser.error("QUERY must contain some text")
    if args.paths and args.articles:
        args.articles = False  # with PATHs, article text is what is searched anyway
    printer = Printer(Display.for_stream(sys.stdout, args.order), fold_teh_marbuta=args.teh_marbuta)
    failed = _search_paths(args, printer) if args.paths else False
    if not args.paths:
        _search_known(args, printer)
    if failed:
        return EXIT_ERROR
    return EXIT_OK if printer.matches else EXIT_NOTHING
