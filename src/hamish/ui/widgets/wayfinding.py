"""Finding the way around an article as a whole: the status row, the outline, marks and the
column width, the part of a reader pane that is about where the reader is.

Marks are less's and vim's: ``m`` then a letter sets one at the caret, ``'`` then the letter
goes back to it, and ``''`` to where the reader was before the last jump. What a mark is, and
how far the reader got, the article's session decides; this routes keys and says what
happened in the status row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from hamish.core.column import COMFORTABLE_WIDTH
from hamish.core.marks import PREVIOUS_PLACE, is_mark_name
from hamish.core.reading_progress import Whereabouts, seen_through
from hamish.ui.reading import Reading
from hamish.ui.widgets.annotating import Annotating
from hamish.ui.widgets.reader_view import ReaderView
from hamish.ui.widgets.reading_status import ReadingStatus

if TYPE_CHECKING:
    from hamish.core.session import ArticleSession

SET_MARK, GO_TO_MARK = "reader.set_mark", "reader.go_to_mark"
MARK_INTENTS = {SET_MARK: "set", GO_TO_MARK: "go"}


class Wayfinding(Vertical):
    BINDINGS: list[BindingType] = [
        Binding("o", "outline", "Outline", id="reader.outline"),
        Binding("w", "toggle_width", "Column or full width", show=False, id="reader.width"),
        Binding("m", "mark('set')", "Set a mark (then a letter)", show=False, id=SET_MARK),
        Binding("apostrophe", "mark('go')", "Go to a mark (then a letter; ' the last place)",
                show=False, id=GO_TO_MARK),
    ]  # fmt: skip

    def __init__(self, view: ReaderView, annotating: Annotating, reading: Reading) -> None:
        super().__init__()
        self.view = view
        self.annotating = annotating
        self._reading = reading
        self.status = ReadingStatus()
        self._seen = 0
        """The furthest offset on screen before the session opened (it then keeps it)."""
        self._pending_mark: str | None = None
        """"set" or "go" after ``m`` or ``'``, until the letter comes."""
        self._note = ""

    @property
    def session(self) -> ArticleSession | None:
        return self.annotating.session

    def on_mount(self) -> None:
        self.watch(self.view, "scroll_y", self._show_status, init=False)

    def session_opened(self, session: ArticleSession) -> None:
        """What was on screen before the session opened has been read too."""
        session.reached(self._seen)

    def whereabouts(self) -> Whereabouts | None:
        """Where the caret is and how far the reader got; the text now on screen counts as
        read (the session keeps it)."""
        view, session = self.view, self.session
        layout, caret = view.layout_engine, view.caret
        if layout is None or caret is None:
            return None
        height = view.scrollable_content_region.height
        seen = seen_through(layout, int(view.scroll_offset.y), height) or 0
        if session is None:
            self._seen = max(self._seen, seen)
            return Whereabouts.at(caret, self._seen, len(view.article.text))
        session.reached(seen)
        return session.whereabouts(caret)

    def _show_status(self) -> None:
        self.status.show(self.whereabouts(), self._note)

    def _say(self, note: str) -> None:
        """Say ``note`` in the status row, until the next key."""
        self._note = note
        self._show_status()

    def on_key(self, event: events.Key) -> None:
        """Marks' keys and the letter after them, taken here, in the order the keys come (a
        binding's action would run only once the key had bubbled up to the app, when the
        letter typed right after it may have passed by already). Any other key clears what
        the status row said."""
        intent, self._pending_mark = self._pending_mark, None
        if intent is not None:
            event.stop()
            event.prevent_default()
            letter = event.character or ""
            self._say("" if event.key == "escape" else self._use_mark(intent, letter))
            return
        if self._note:
            self._say("")
        active = self.screen.active_bindings.get(event.key)
        intent = MARK_INTENTS.get(active.binding.id or "") if active is not None else None
        if intent is not None and self.view.has_focus:
            event.stop()
            event.prevent_default()
            self.action_mark(intent)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """A mark's letter is typed in the article: leaving it forgets the ``m`` or ``'``."""
        if event.widget is self.view and self._pending_mark is not None:
            self._pending_mark = None
            self._say("")

    def action_mark(self, intent: str) -> None:
        """Wait for the letter of a mark to set (``m``) or go to (``'``)."""
        self._pending_mark = intent
        if intent == "set":
            self._say("mark: type a letter")
        else:
            self._say("go to mark: type its letter, or ' for the last place")

    def _use_mark(self, intent: str, name: str) -> str:
        """Set or go to mark ``name``; what to say about it."""
        session, caret = self.session, self.view.caret
        shown = name if is_mark_name(name) or name == PREVIOUS_PLACE else "?"
        if session is None or caret is None:
            return "marks are not available for this article"
        if intent == "set":
            if not is_mark_name(name):
                return "a mark is named by a letter"
            session.set_mark(name, caret)
            return f"mark {name} set"
        target = session.go_to_mark(name, caret)
        if target is None:
            return "no place to go back to" if name == PREVIOUS_PLACE else f"no mark {shown}"
        self.view.move_caret_to(target, center=True)
        return "back" if name == PREVIOUS_PLACE else f"mark {name}"

    def action_outline(self) -> None:
        from hamish.core.outline import current_heading, outline
        from hamish.ui.screens.outline import OutlineScreen

        headings = outline(self.view.article)
        if not headings:
            self._say("this article has no headings")
            return
        current = current_heading(headings, self.view.caret or 0)
        screen = OutlineScreen(headings, current, shaping=self._reading.shaping)
        self.app.push_screen(screen, self._go_to_heading)

    def _go_to_heading(self, start: int | None) -> None:
        caret = self.view.caret
        if start is None or caret is None:
            return
        if self.session is not None:
            self.session.jumped_from(caret)
        self.view.move_caret_to(start, center=True)
        self.view.focus()

    def action_toggle_width(self) -> None:
        """``w``: the comfortable column, or the whole width."""
        column = self._reading.max_width or COMFORTABLE_WIDTH
        self.view.set_max_width(0 if self.view.max_width else column)
        self._say(f"a column of {column}" if self.view.max_width else "the whole width")
