"""``hamish annotate PATH --quote TEXT``: highlight a passage without opening the reader.

The passage is found the way a reader would point at it: the exact text first; failing that,
the Arabic-aware search, so a quote typed without harakat, with another alef or with other
spacing still finds the vocalised passage. The annotation is then made exactly as the reader
makes one (``Annotation.create`` on the article's logical text), so both are interchangeable.
"""

from __future__ import annotations

import argparse
import sys

from hamish.commands.common import (
    EXIT_OK,
    CommandError,
    checked_text,
    command_parser,
    open_store,
    read_article,
)
from hamish.commands.output import Display, add_order_options, clipped
from hamish.core.annotations.model import Annotation, Color
from hamish.core.counts import count
from hamish.core.opening import identify
from hamish.core.search.find import Range, find_all

QUOTE_SHOWN = 60
"""Characters of a quote repeated in an error message."""


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "annotate",
        "Highlight a passage of an article and optionally attach a note and tags. "
        "Prints the new annotation's id.",
        "The quote is matched exactly first, then ignoring harakat, alef and yeh spellings, "
        "tatweel and spacing.",
    )
    parser.add_argument("path", metavar="PATH|URL", help="the article: a file or a web page")
    parser.add_argument("--quote", required=True, metavar="TEXT", help="the passage to highlight")
    parser.add_argument(
        "--occurrence",
        type=int,
        default=1,
        metavar="N",
        help="highlight the N-th place the quote occurs (default: the first)",
    )
    parser.add_argument("--note", default="", metavar="TEXT", help="a note on the passage")
    parser.add_argument(
        "--color",
        "--colour",
        choices=[color.value for color in Color],
        default=Color.YELLOW.value,
        help="highlight colour (default: yellow)",
    )
    parser.add_argument(
        "--tag",
        dest="tags",
        action="append",
        default=[],
        metavar="T",
        help="a tag (repeat for several)",
    )
    add_order_options(parser)
    return parser


def occurrences(text: str, quote: str) -> list[Range]:
    """Where ``quote`` is in ``text``: exact, non-overlapping matches if there are any, else the
    folded (harakat-, spelling- and spacing-insensitive) ones."""
    exact: list[Range] = []
    position = text.find(quote)
    while position >= 0:
        exact.append((position, position + len(quote)))
        position = text.find(quote, position + len(quote))
    return exact or find_all(text, quote)


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.quote.strip():
        parser.error("--quote must contain some text")
    if args.occurrence < 1:
        parser.error("--occurrence counts from 1")
    checked_text(args.quote, "--quote")
    checked_text(args.note, "--note")
    for tag in args.tags:
        checked_text(tag, "--tag")
    errors = Display.for_stream(sys.stderr, args.order)
    article = read_article(args.path)
    found = occurrences(article.text, args.quote)
    shown = errors.inline(clipped(args.quote, QUOTE_SHOWN))
    if not found:
        raise CommandError(f"{args.path}: quote not found: {shown}")
    if args.occurrence > len(found):
        raise CommandError(
            f"{args.path}: quote occurs {count(len(found), 'time')}, "
            f"so there is no occurrence {args.occurrence}: {shown}"
        )
    start, end = found[args.occurrence - 1]
    with open_store() as store:
        record = identify(store, article)
        annotation = Annotation.create(
            article_key=record.key,
            text=article.text,
            start=start,
            end=end,
            text_hash=article.key,
            color=Color(args.color),
            note=args.note,
            tags=args.tags,
        )
        store.add(annotation)
    print(annotation.id)
    return EXIT_OK
