"""One article being read: the article with its notes, its status row and its search line.

Opening (the full parse of a long file, identity and re-anchoring: core's ``open_session``)
runs in a worker started just after the pane is mounted, so the first screen of a 10 MB article
comes as quickly as a 4 KB one. However the worker ends, the annotating side is told, so no key
waits for an opening that failed. The search line is made at the first ``/``.

Until the full parse has ended, only the head of a long file is shown: what acts on the whole
article waits for it (the search line searches it once it is read; ``G`` in the view, the
annotation keys in ``Annotating``).

The keys that move around the article as a whole, and the status row, are ``Wayfinding``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from hamish.core.counts import count
from hamish.core.loaders.progressive import ArticleLoad
from hamish.ui.reading import Reading
from hamish.ui.widgets.annotating import Annotating
from hamish.ui.widgets.reader_view import ReaderView
from hamish.ui.widgets.wayfinding import Wayfinding
from hamish.ui.workers import report_failure

if TYPE_CHECKING:
    from hamish.core.annotations.model import Anchored, Color
    from hamish.core.article import Article
    from hamish.core.export.files import ExportFormat
    from hamish.core.session import ArticleSession, OpenedSession
    from hamish.ui.widgets.search_bar import SearchBar

OPENING_DELAY = 0.1
"""Seconds between the pane's mounting (its first frame follows at once) and the start of
opening: the first frame's follow-up is done first (``on_mount``)."""

Goal = str | tuple[int, int] | None
"""Where to go once the article is open: an annotation id, or a range to select."""


class ReaderPane(Wayfinding):
    DEFAULT_CSS = "ReaderPane { width: 1fr; }"
    BINDINGS: list[BindingType] = [
        Binding("n", "next_match_or_notes", "Notes", id="reader.notes_pane"),
        Binding("N", "match(-1)", "Previous match", show=False, id="reader.previous_match"),
        Binding("slash", "search", "Search", id="reader.search"),
        Binding("enter", "select_match", "Select match", show=False, id="reader.select_match"),
        Binding("e", "export('md')", "Export", show=False, id="reader.export"),
        Binding("E", "export('json')", "Export JSON", show=False, id="reader.export_json"),
        Binding("i", "info", "Article info", show=False, id="reader.info"),
        Binding("escape", "end_search", "End search", show=False, id="reader.end_search"),
    ]

    def __init__(
        self,
        loaded: ArticleLoad,
        reading: Reading,
        *,
        color: Color,
        goal: Goal = None,
    ) -> None:
        view = ReaderView(
            loaded.head,
            shaping=reading.shaping,
            reorder=reading.reorder,
            max_width=reading.max_width,
            whole=loaded.rest is None,
        )
        super().__init__(view, Annotating(view, color=color), reading)
        self.article = loaded.head
        self._rest = loaded.rest
        self._goal = goal
        self._moved_by_user = False
        self._search_bar: SearchBar | None = None

    def compose(self) -> ComposeResult:
        yield self.annotating
        yield self.status

    @property
    def search_bar(self) -> SearchBar | None:
        """The search line once ``/`` has been pressed (it is made then: building it held up
        the keys of a long article's first seconds)."""
        return self._search_bar

    # -- opening -------------------------------------------------------------------------------

    def on_mount(self) -> None:  # Wayfinding's runs too (Textual calls each class's)
        for notice in self.article.notices:
            self.notify(
                notice, title=str(self.article.source or ""), severity="warning", markup=False
            )
        # The full parse (of a long file) holds the interpreter most of the time it runs; the
        # first frame's follow-up (the footer's keys) is done first, so a key pressed then
        # does not wait for both.
        self.set_timer(OPENING_DELAY, self._open)

    @work(thread=True, exit_on_error=False, group="open")
    def _open(self) -> OpenedSession:
        from hamish.core.session import open_session  # anchoring: after the first screen

        return open_session(
            self._reading.store(), self.article, self._reading.submit, rest=self._rest
        )

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        failed = report_failure(self, event)
        if event.worker.group == "open" and (failed or event.state is WorkerState.SUCCESS):
            self._opening_ended(None if failed else event.worker.result)

    def _opening_ended(self, opened: object) -> None:
        from hamish.core.session import OpenedSession

        if isinstance(opened, OpenedSession):
            self.article = opened.article
        # What is shown now is all there will be (the head, if the rest could not be read):
        # what waited for the whole article acts now.
        self.view.show_whole(self.article)
        if self._search_bar is not None:
            self._search_bar.whole_text(self.article.text)
        if not isinstance(opened, OpenedSession):  # the failure has been said
            self.annotating.opened(None)
            return
        if opened.problem:
            self.notify(opened.problem, severity="error", markup=False)
        self._show_session(opened.session)

    def _show_session(self, session: ArticleSession | None) -> None:
        if session is not None:
            self._reading.sessions.add(session)
            self.session_opened(session)
        if session is not None and not self._moved_by_user and session.record.position:
            self.view.move_caret_to(session.record.position, center=True)
        self.annotating.opened(session)
        if self._goal is not None:
            self.reach(self._goal)
        self._show_status()
        if session is not None and session.orphans:
            self.notify(
                f"{count(session.orphans, 'annotation')} could not be found in this version of the "
                "article; they are kept under Orphaned in the notes pane (n).",
                severity="warning",
                markup=False,
            )

    @on(ReaderView.SelectionChanged)
    def _caret_moved(self) -> None:
        if not self.annotating.ready.is_set():
            self._moved_by_user = True  # do not yank the caret to the saved position
        self._show_status()

    def on_unmount(self) -> None:
        self.save_position()
        if self.session is not None:
            self._reading.sessions.discard(self.session)

    def save_position(self) -> None:
        caret = self.view.caret
        if self.session is not None and caret is not None:
            self.session.save_position(caret)

    def reach(self, goal: Goal) -> None:
        """Go to an annotation (by id) or select a range of the text (a search match)."""
        if isinstance(goal, str):
            self.annotating.go_to_id(goal)
        elif goal is not None:
            self.view.move_caret_to(goal[0], center=True)
            self.view.select(*goal)

    # -- about the article ---------------------------------------------------------------------

    def action_info(self) -> None:
        from hamish.ui.screens.info import InfoScreen

        session = self.session
        record, anchored = (None, ()) if session is None else (session.record, session.anchored)
        self.app.push_screen(InfoScreen(self.article, record, anchored, self.whereabouts()))

    async def action_export(self, export_format: ExportFormat = "md") -> None:
        await self.annotating.ready.wait()
        if self.session is None:
            self.notify(
                "Annotations are not available for this article.", severity="warning", markup=False
            )
        else:
            self._export(self.session.article, list(self.session.anchored), export_format)

    @work(thread=True, exit_on_error=False, group="export")
    def _export(
        self, article: Article, anchored: list[Anchored], export_format: ExportFormat
    ) -> None:
        from hamish.core.export.files import export_article_to_dir

        try:
            path = export_article_to_dir(
                article,
                anchored,
                self._reading.export_dir,
                export_format=export_format,
                flavor=self._reading.export_flavor,
            )
        except OSError as error:
            self.app.call_from_thread(
                self.notify, f"Export failed: {error}", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self.notify, f"Exported to {path}", timeout=10, markup=False)

    # -- search --------------------------------------------------------------------------------

    async def action_search(self) -> None:
        bar = self._search_bar
        if bar is None:
            from hamish.ui.widgets.search_bar import SearchBar

            bar = self._search_bar = SearchBar(self.article.text if self.view.whole else None)
            await self.mount(bar)
        bar.caret = self.view.caret or 0
        bar.open()

    def on_search_bar_found(self, message: SearchBar.Found) -> None:
        matches = message.matches
        self.view.show_matches(matches)
        if matches is None or message.bar.has_focus_within:
            self.view.focus()
        if matches is not None and matches.current_range is not None:
            self.view.move_caret_to(matches.current_range[0], center=True)
        elif matches is not None:
            self.notify(f"Not found: {matches.query}", severity="warning", markup=False)

    def action_end_search(self) -> None:
        """Escape in the article ends a search (and only then falls through to leaving it)."""
        bar = self._search_bar
        if bar is None or (not bar.is_open and bar.matches is None):
            raise SkipAction()
        bar.action_close()

    async def action_next_match_or_notes(self) -> None:
        """``n``: the next match while a search is on, else the annotations pane."""
        if self._search_bar is None or not self._search_bar.step(1):
            await self.annotating.toggle_notes()

    def action_match(self, step: int) -> None:
        if self._search_bar is None or not self._search_bar.step(step):
            raise SkipAction()

    def action_select_match(self) -> None:
        """Enter on the current match selects it, ready to highlight."""
        matches = None if self._search_bar is None else self._search_bar.matches
        found = None if matches is None else matches.current_range
        if found is None or not self.view.has_focus:
            raise SkipAction()
        self.view.select(*found)
