"""A page on its way: how much of it has arrived, and Escape to stop waiting for it.

The screen runs one job (fetch a page and read it, or fetch it and save it) on a background
thread and is dismissed with the job's result, or None when it failed (said in one line
naming the URL) or was stopped. The rest of the app keeps drawing meanwhile: the dialog only
keeps keys from the screen beneath it.

Escape answers at once: the job is asked to stop (the fetch checks between two pieces of the
body) and the dialog goes away without waiting for it, since a server that has stopped
answering is only noticed at the next read timeout. The job runs on a daemon thread
(``workers.in_daemon_thread``), so quitting never waits for it either.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState

from hamish.core.web.progress import progress_text
from hamish.ui.render import bidi_text
from hamish.ui.screens.dialogs import DIALOG_CSS
from hamish.ui.workers import in_daemon_thread, report_failure

if TYPE_CHECKING:  # the HTTP client is imported by the job, when a page is fetched
    from hamish.core.web.fetch import Progress

T = TypeVar("T")
Job = Callable[[Callable[["Progress"], None], Callable[[], bool]], T]
"""Blocking work given ``progress`` and ``cancel`` to hand to ``fetch``; raises ``LoadError``."""
URL_WIDTH = 64
"""The dialog's inside: 70 cells less its border and padding."""


class FetchScreen(ModalScreen[T | None], Generic[T]):
    DEFAULT_CSS = DIALOG_CSS.format(name="FetchScreen") + (
        "FetchScreen #fetch-status { margin-top: 1; }\nFetchScreen ProgressBar { margin: 0 0 1 0; }"
    )
    BINDINGS: list[BindingType] = [
        Binding("escape", "stop", "Stop", id="fetch.stop"),
    ]

    @dataclass
    class Progressed(Message):
        received: int
        expected: int | None

    def __init__(self, doing: str, url: str, job: Job[T]) -> None:
        super().__init__()
        self.doing = doing
        """What is being done, for the title: "Opening", "Saving to the library"."""
        self.url = url
        self.status = "Connecting…"
        """The progress line as shown."""
        self._job = job
        self._stop = threading.Event()
        self._ended = self._dismissed = False
        self._result: T | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.doing, classes="dialog-title")
            yield Static(bidi_text(self.url, URL_WIDTH, max_lines=2), id="fetch-url")
            yield Static(self.status, id="fetch-status")
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="fetch-bar")
            yield Static("Escape stops.", classes="dialog-hint")

    def on_mount(self) -> None:
        self.run_worker(self._run(), exit_on_error=False, group="fetch")

    async def _run(self) -> T:
        return await in_daemon_thread(lambda: self._job(self._progressed, self._stop.is_set))

    def _progressed(self, progress: Progress) -> None:
        """On the fetching thread: hand the figures to the screen (``post_message`` is safe
        from any thread, and a no-op once the screen is gone)."""
        self.post_message(self.Progressed(progress.received, progress.expected))

    @on(Progressed)
    def _show_progress(self, message: Progressed) -> None:
        self.status = progress_text(message.received, message.expected)
        self.query_one("#fetch-status", Static).update(self.status)
        self.query_one(ProgressBar).update(total=message.expected, progress=message.received)

    @on(Worker.StateChanged)
    def _job_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "fetch" or self._ended:
            return
        if event.state is WorkerState.SUCCESS:
            self._end(event.worker.result)
        elif event.state is WorkerState.ERROR:
            report_failure(self.app, event)
            self._end(None)

    def action_stop(self) -> None:
        self._stop.set()
        self.notify(f"Stopped: {self.url}", markup=False)
        self._end(None)

    def _end(self, result: T | None) -> None:
        """Hand the result over, now if this dialog is on top; else once what was opened over
        it (the keys, a library) is closed, since dismissing pops the top screen."""
        self._ended, self._result = True, result
        self.on_screen_resume()

    def on_screen_resume(self) -> None:
        if self._ended and not self._dismissed and self.app.screen is self:
            self._dismissed = True
            self.dismiss(self._result)
