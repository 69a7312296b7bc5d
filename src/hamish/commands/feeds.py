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
    count,
    fetch_settings,
    warn,
)
from hamish.commands.output import Display, add_order_options, clipped, plain
from hamish.commands.reading import last_read
from hamish.core.web.feed_store import Feed, FeedItem, FeedStore

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


def _stamp(stamp: str | None) -> str:
    """``2026-01-07T10:27:03.120Z`` as ``2026-01-07 10:27 UTC``."""
    return last_read(stamp or "").removeprefix("last read ")


def feed_lines(feed: Feed, display: Display, limit: int) -> list[str]:
    title = clipped(feed.title, display.width) if display.visual else feed.title
    facts = [feed.kind or "feed", f"{feed.new} new", f"{feed.unread} unread"]
    facts.append(f"checked {_stamp(feed.checked)}" if feed.checked else "never checked")
    lines = [display.inline(title) or plain(feed.url), INDENT + " · ".join(facts)]
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
    state = "new" if feed.is_new(item) else "read" if item.read else "unread"
    date = item.published[:DATE_WIDTH] if item.published else NO_DATE
    lead = f"  {state:<6}  {date}  "
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
    feeds.sort(key=lambda feed: (-feed.new, -feed.unread, feed.title.casefold()))
    for number, feed in enumerate(feeds):
        if number:
            print()
        for line in feed_lines(feed, display, limit):
            print(line)
    return EXIT_OK


def _add(url: str, display: Display) -> int:
    from hamish.core.web.feed_update import add_feed  # httpx, lxml: only to fetch

    with closing(FeedStore.open()) as store:
        checked = add_feed(store, url, settings=fetch_settings())
    if checked is None:
        print(f"already following {plain(url)}")
        return EXIT_OK
    feed = checked.feed
    title = display.inline(feed.title) or plain(feed.url)
    print(f"following {title} ({feed.kind}, {count(len(feed.items), 'item')}): {plain(feed.url)}")
    return EXIT_OK


def _update(display: Display, quiet: bool) -> int:
    from hamish.core.web.feed_update import update_feed
    from hamish.core.web.fetch import FetchError

    settings = fetch_settings()
    failed = False
    with closing(FeedStore.open()) as store:
        for feed in store.feeds():
            title = display.inline(feed.title) or plain(feed.url)
            try:
                checked = update_feed(store, feed, settings=settings)
            except FetchError as error:
                warn(str(error))
                failed = True
                continue
            if quiet:
                continue
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
