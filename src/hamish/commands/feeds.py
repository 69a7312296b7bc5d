"""``hamish feeds``: follow RSS, Atom and RDF feeds; list their items, new and unread first.

``feeds add URL`` fetches the feed (or the one a page announces) and follows it; ``feeds
update`` checks every feed with a conditional GET, one line per feed (``--quiet``: failures
only, for cron); ``feeds remove URL`` stops following. The state is in ``feeds.json`` beside the
store (``core.web.feed_store``). Feed and item titles are drawn like every other command's
text: reordered and shaped on a terminal, logical into a pipe, control characters as symbols.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing

from hamish.commands.common import (
    EXIT_ERROR,
    EXIT_OK,
    CommandError,
    command_parser,
    fetch_settings,
    warn,
)
from hamish.commands.output import Display, add_order_options, clipped, plain
from hamish.core.counts import count
from hamish.core.web.feed_store import Feed, FeedItem, FeedStore, feeds_in_order

DEFAULT_LIMIT = 20
DATE_WIDTH = len("2026-01-07")
NO_DATE = "no date".ljust(DATE_WIDTH)
INDENT = "    "


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "feeds",
        "Follow RSS, Atom and RDF feeds. Without an action, list the feeds and their items: "
        "new ones first, then unread, then read, newest first.",
        "Actions: add URL, update [--quiet], remove URL. Items open with `hamish URL` and are "
        "saved with `hamish add URL`.",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"items shown per feed (default {DEFAULT_LIMIT}; 0 shows all)",
    )
    add_order_options(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    add = actions.add_parser("add", help="follow a feed (or the feed a page announces)")
    add.add_argument("url", metavar="URL")
    update = actions.add_parser("update", help="fetch every feed's new items")
    update.add_argument("--quiet", "-q", action="store_true", help="print failures only")
    remove = actions.add_parser("remove", help="stop following a feed")
    remove.add_argument("url", metavar="URL")
    return parser


def feed_lines(feed: Feed, display: Display, limit: int) -> list[str]:
    title = clipped(feed.title, display.width) if display.visual else feed.title
    lines = [display.inline(title) or plain(feed.url), INDENT + " · ".join(feed.facts)]
    lines.append(INDENT + plain(feed.url))
    if feed.error:
        lines.append(INDENT + "last update failed: " + plain(feed.error))
    items = feed.ordered_items()
    shown = items if limit <= 0 else items[:limit]
    for item in shown:
        lines += item_lines(feed, item, display)
    if len(shown) < len(items):
        lines.append(f"  … {count(len(items) - len(shown), 'more item')} (--limit 0 shows all)")
    return lines


def item_lines(feed: Feed, item: FeedItem, display: Display) -> list[str]:
    lead = f"  {feed.state(item):<6}  {item.published_day or NO_DATE}  "
    room = max(10, display.width - len(lead))
    title = clipped(item.title, room) if display.visual else item.title
    lines = [lead + (display.inline(title) or "(untitled)")]
    if item.link:
        lines.append(" " * len(lead) + plain(item.link))
    return lines


def _list(display: Display, limit: int) -> int:
    with closing(FeedStore.open()) as store:
        feeds = store.feeds()
    if not feeds:
        print("no feeds yet: `hamish feeds add URL` follows one")
    for number, feed in enumerate(feeds_in_order(feeds)):
        if number:
            print()
        for line in feed_lines(feed, display, limit):
            print(line)
    return EXIT_OK


def _add(url: str, display: Display) -> int:

    with closing(FeedStore.open()) as store:
        from hamish.core.web.feed_update import add_feed  # HTTP and feed parsing: only here

        checked = add_feed(store, url, settings=fetch_settings())
    if checked is None:
        print(f"already following {plain(url)}")
        return EXIT_OK
    feed = checked.feed
    title = display.inline(feed.title) or plain(feed.url)
    print(f"following {title} ({feed.kind}, {count(len(feed.items), 'item')}): {plain(feed.url)}")
    return EXIT_OK


def _update(display: Display, quiet: bool) -> int:

    settings = fetch_settings()
    failed = False
    with closing(FeedStore.open()) as store:
        from hamish.core.web.feed_update import update_feeds  # HTTP and feed parsing: only here

        for outcome in update_feeds(store, store.feeds(), settings=settings):
            checked = outcome.check
            if checked is None:
                warn(str(outcome.error))
                failed = True
                continue
            if quiet:
                continue
            title = display.inline(outcome.feed.title) or plain(outcome.feed.url)
            if checked.not_modified:
                print(f"{title}: not modified")
            else:
                print(f"{title}: {checked.new_items} new")
    return EXIT_ERROR if failed else EXIT_OK


def _remove(url: str, display: Display) -> int:
    with closing(FeedStore.open()) as store:
        try:
            removed = store.remove(url)
        except KeyError:
            raise CommandError(
                f"{url}: not a feed hamish follows (`hamish feeds` lists them)"
            ) from None
    print(f"stopped following {display.inline(removed.title) or plain(removed.url)}")
    return EXIT_OK


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    display = Display.for_stream(sys.stdout, args.order)
    if args.action == "add":
        return _add(args.url, display)
    if args.action == "update":
        return _update(display, args.quiet)
    if args.action == "remove":
        return _remove(args.url, display)
    return _list(display, args.limit)
