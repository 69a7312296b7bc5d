"""Background work that fails is said in one line; it never ends the app.

Every worker hamish starts is created with ``exit_on_error=False`` (a test checks the source),
so an exception in one (an article in the library that became binary, a store that cannot be
read) does not crash the app with a traceback. ``Worker.StateChanged`` does not bubble, so
each widget that starts workers passes its state changes here.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar, cast

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from hamish.core.loaders import LoadError
from hamish.core.store import StoreError

T = TypeVar("T")


def failure_message(error: BaseException | None) -> str:
    if isinstance(error, LoadError | StoreError):  # one line for the user already
        return str(error)
    return f"Something went wrong in the background: {type(error).__name__}: {error}"


def report_failure(node: DOMNode, event: Worker.StateChanged) -> bool:
    """Tell the user if the worker of ``event`` failed; True if it did."""
    if event.state is not WorkerState.ERROR:
        return False
    node.notify(failure_message(event.worker.error), severity="error", timeout=10, markup=False)
    return True


async def in_daemon_thread(blocking: Callable[[], T]) -> T:
    """Run ``blocking`` on a thread of its own and wait for its result (or exception).

    For work that can stay blocked long after the user stopped waiting for it: a fetch that
    was cancelled while the server says nothing only notices at its next read, up to its read
    timeout later. Textual's thread workers run on the event loop's executor, whose threads
    the interpreter waits for at exit, so quitting then would hang; a daemon thread is left
    behind instead. Await this from a worker (``run_worker(..., exit_on_error=False)``): when
    the worker is cancelled, the awaiting ends and the thread's result is dropped.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: Exception | None) -> None:
        if future.done():  # cancelled meanwhile
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(cast(T, result))

    def run() -> None:
        result: T | None = None
        error: Exception | None = None
        try:
            result = blocking()
        except Exception as failure:
            error = failure
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app has ended
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name="hamish-background", daemon=True).start()
    return await future
