"""Background work that fails is said in one line; it never ends the app.

Every worker hamish starts is created with ``exit_on_error=False`` (a test checks the source),
so an exception in one (an article in the library that became binary, a store that cannot be
read) does not crash the app with a traceback. ``Worker.StateChanged`` does not bubble, so
each widget that starts workers passes its state changes here.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from hamish.core.loaders import LoadError


def failure_message(error: BaseException | None) -> str:
    if isinstance(error, LoadError):
        return str(error)
    return f"Something went wrong in the background: {type(error).__name__}: {error}"


def report_failure(node: DOMNode, event: Worker.StateChanged) -> bool:
    """Tell the user if the worker of ``event`` failed; True if it did."""
    if event.state is not WorkerState.ERROR:
        return False
    node.notify(failure_message(event.worker.error), severity="error", timeout=10, markup=False)
    return True
