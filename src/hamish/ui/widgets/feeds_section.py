"""The library's Feeds section: the feeds hamish follows and their items, new and unread first.

Enter opens an item's page the way every URL opens (the library's copy if it was saved, else
fetched, with progress) and marks it read once it is shown; ``s`` saves it to the library as
``hamish add URL`` does; ``r`` marks it read or unread; ``u`` checks every feed for new items.
Read state lives in ``feeds.json`` (``core.web.feed_store``), so ``hamish feeds`` agrees.

The file is read and written in workers. An update fetches feed after feed on a daemon thread
(``workers.in_daemon_thread``) and says how far it got; leaving the library does not stop it,
and what it saved is there the next time the library is shown. Feed and item titles are drawn
by the engine: a right-to-left title reads right to left, right-aligned.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from hamish.core.counts import count
from hamish.core.loaders import LoadError
from hamish.core.safe_text import safe_text
from hamish.core.store import StoreError
from hamish.core.web.feed_store import Feed, FeedItem, FeedStore, feeds_in_order
from hamish.core.web.settings import TIMEOUT_VARIABLE, FetchSettings
from hamish.ui.render import bidi_text
from hamish.ui.workers import in_daemon_thread, report_failure

if TYPE_CHECKING:
    from hamish.core.web.feed_update import FeedUpdate
    from hamish.ui.app import HamishApp

ITEMS_SHOWN = 30
"""Items listed per feed: the new and unread ones come first (``hamish feeds`` lists all)."""
NO_FEEDS = "Feeds: none yet (`hamish feeds add URL` follows one)"


def _settings() -> FetchSettings:
    try:
        return FetchSettings.from_environment()
    except ValueError as error:
        raise LoadError(TIMEOUT_VARIABLE, str(error).removeprefix(TIMEOUT_VARIABLE + " ")) from None


def _read_feeds() -> list[Feed]:
    with closing(FeedStore.open()) as store:
        return feeds_in_order(store.feeds())


def _mark_read(url: str, item_id: str, read: bool) -> Feed:
    with closing(FeedStore.open()) as store:
        return store.mark_read(url, item_id, read)


class FeedsSection(Vertical):
    DEFAULT_CSS = """
    FeedsSection { height: auto; }
    FeedsSection.-listing { height: 1fr; }
    FeedsSection > #feeds-heading { padding: 0 1; text-style: bold; color: $accent; }
    FeedsSection > OptionList {
        display: none; height: 1fr; border: tall transparent; scrollbar-gutter: stable;
    }
    FeedsSection.-listing > OptionList { display: block; }
    """
    BINDINGS: list[BindingType] = [
        Binding("s", "save", "Save to library", id="feeds.save"),
        Binding("r", "toggle_read", "Read/unread", id="feeds.toggle_read"),
        Binding("u", "update", "Update feeds", id="feeds.update"),
    ]

    @dataclass
    class SavedToLibrary(Message):
        """An item's page is now in the library directory: the library lists it."""

        path: Path

    @dataclass
    class _Checked(Message):
        """One more feed checked, on the update's thread."""

        done: int
        total: int

    def __init__(self) -> None:
        super().__init__(id="feeds")
        self.feeds: list[Feed] = []
        self.problem: str | None = None
        """Why the feeds cannot be shown (``feeds.json`` damaged), None when they can."""
        self.progress: str | None = None
        """How far an update is, while one runs."""
        self.rows: list[tuple[Feed, FeedItem | None]] = []
        """What each option of the list shows: a feed (its heading), or one of its items."""

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#feeds-list", OptionList)

    def compose(self) -> ComposeResult:
        yield Static(NO_FEEDS, id="feeds-heading")
        yield OptionList(id="feeds-list")

    def on_mount(self) -> None:
        self.load()

    def on_resize(self) -> None:
        self._show()

    # -- reading and showing ---------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="feeds-read")
    def load(self) -> list[Feed]:
        return _read_feeds()

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        group, state = event.worker.group, event.state
        if state in (WorkerState.ERROR, WorkerState.CANCELLED):
            report_failure(self, event)
            error = event.worker.error
            if group == "feeds-read" and isinstance(error, StoreError):
                self.problem = str(error)
            elif group == "feeds-update":
                self.progress = None
            self._show()
        elif state is WorkerState.SUCCESS:
            self._worker_done(group, event.worker.result)

    def _worker_done(self, group: str, result: object) -> None:
        if group == "feeds-read" and isinstance(result, list):
            self.feeds, self.problem = result, None
        elif group == "feeds-mark" and isinstance(result, Feed):
            self.feeds = [result if feed.url == result.url else feed for feed in self.feeds]
        elif group == "feeds-update" and isinstance(result, list):
            self._updated(result)
            return
        self._show()

    def _heading(self) -> str:
        if self.problem is not None:
            return f"Feeds: cannot be shown: {self.problem}"
        if not self.feeds:
            return NO_FEEDS if self.progress is None else f"Feeds · {self.progress}"
        new = sum(feed.new for feed in self.feeds)
        unread = sum(feed.unread for feed in self.feeds)
        return f"Feeds · {new} new · {unread} unread · " + (
            self.progress or "Enter opens, s saves to the library, r read/unread, u updates"
        )

    def _show_heading(self) -> None:
        heading = self.query_one("#feeds-heading", Static)
        heading.update(Text(safe_text(self._heading()), no_wrap=True, overflow="ellipsis"))

    def _show(self) -> None:
        self._show_heading()
        self.set_class(bool(self.feeds) and self.problem is None, "-listing")
        options = self.option_list
        width = max(20, options.scrollable_content_region.width)
        chosen = self.chosen
        options.clear_options()
        self.rows = []
        for feed in self.feeds:
            self.rows.append((feed, None))
            options.add_option(Option(self._feed_prompt(feed, width), disabled=True))
            for item in feed.ordered_items()[:ITEMS_SHOWN]:
                self.rows.append((feed, item))
                options.add_option(Option(self._item_prompt(feed, item, width)))
        found = [i for i, (_, item) in enumerate(self.rows) if item is not None]
        again = [i for i in found if chosen is not None and self._same(i, *chosen)]
        if found:
            options.highlighted = (again or found)[0]

    def _same(self, index: int, feed: Feed, item: FeedItem) -> bool:
        shown_feed, shown_item = self.rows[index]
        return shown_feed.url == feed.url and shown_item is not None and shown_item.id == item.id

    @staticmethod
    def _feed_prompt(feed: Feed, width: int) -> Text:
        prompt = bidi_text(feed.title or feed.url, width, max_lines=1, style="bold")
        facts = list(feed.facts)
        if feed.error:
            facts.append(f"last update failed: {feed.error}")
        prompt.append("\n")
        prompt.append_text(bidi_text(" · ".join(facts), width, style="dim", max_lines=1))
        return prompt

    @staticmethod
    def _item_prompt(feed: Feed, item: FeedItem, width: int) -> Text:
        style = "" if item.read else "bold"
        prompt = bidi_text(item.title or "(untitled)", width, max_lines=1, style=style)
        facts = [feed.state(item), item.published_day or "no date"]
        if item.link is None:
            facts.append("no link")
        prompt.append("\n")
        prompt.append_text(bidi_text(" · ".join(facts), width, style="dim", max_lines=1))
        return prompt

    @property
    def chosen(self) -> tuple[Feed, FeedItem] | None:
        """The highlighted item, and its feed."""
        index = self.option_list.highlighted
        if index is None or index >= len(self.rows):
            return None
        feed, item = self.rows[index]
        return None if item is None else (feed, item)

    # -- acting on an item -----------------------------------------------------------------

    def _link(self) -> tuple[Feed, FeedItem, str] | None:
        chosen = self.chosen
        if chosen is None:
            return None
        feed, item = chosen
        if item.link is None:
            self.notify("This item has no link to open.", severity="warning", markup=False)
            return None
        return feed, item, item.link

    @on(OptionList.OptionSelected, "#feeds-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # not the library's list: its screen must not open an article
        found = self._link()
        if found is not None:
            feed, item, link = found
            app: HamishApp = self.app  # type: ignore[assignment]
            app.web.open(link, opened=partial(self.mark, feed.url, item.id, True))

    def action_save(self) -> None:
        found = self._link()
        if found is not None:
            app: HamishApp = self.app  # type: ignore[assignment]
            app.web.save(found[2], saved=lambda path: self.post_message(self.SavedToLibrary(path)))

    def action_toggle_read(self) -> None:
        chosen = self.chosen
        if chosen is not None:
            feed, item = chosen
            self.mark(feed.url, item.id, not item.read)

    @work(thread=True, exit_on_error=False, group="feeds-mark")
    def mark(self, url: str, item_id: str, read: bool) -> Feed:
        return _mark_read(url, item_id, read)

    # -- updating --------------------------------------------------------------------------

    def action_update(self) -> None:
        if self.progress is not None:
            self.notify("The feeds are being updated already.", markup=False)
            return
        self.progress = "updating…"
        self._show_heading()
        self.run_worker(self._update(), exit_on_error=False, group="feeds-update")

    async def _update(self) -> list[FeedUpdate]:
        def update() -> list[FeedUpdate]:
            from hamish.core.web.feed_update import update_feeds

            settings = _settings()
            with closing(FeedStore.open()) as store:
                feeds = store.feeds()
                self.post_message(self._Checked(0, len(feeds)))
                outcomes = []
                for outcome in update_feeds(store, feeds, settings=settings):
                    outcomes.append(outcome)
                    self.post_message(self._Checked(len(outcomes), len(feeds)))
                return outcomes

        return await in_daemon_thread(update)

    @on(_Checked)
    def _checked(self, message: _Checked) -> None:
        if self.progress is not None:
            self.progress = f"updating: {message.done} of {message.total} checked"
            self._show_heading()  # the list changes once, when the update is done

    def _updated(self, outcomes: list[FeedUpdate]) -> None:
        self.progress = None
        new = sum(outcome.check.new_items for outcome in outcomes if outcome.check is not None)
        failed = [outcome.error for outcome in outcomes if outcome.error is not None]
        for error in failed:
            self.notify(str(error), severity="error", timeout=10, markup=False)
        self.notify(
            f"Feeds updated: {count(new, 'new item')}"
            + (f"; {len(failed)} could not be checked" if failed else ""),
            markup=False,
        )
        self.load()
