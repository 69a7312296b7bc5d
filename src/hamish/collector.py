"""Python's cycle collector, paused while hamish starts.

Starting allocates a few hundred thousand objects that live as long as the process (modules,
classes, Textual's styles and widgets), and the collector walks them all, again and again, as
they pile up: some 40 ms of a first screen that takes a third of a second. So it is paused from
the start of ``hamish.cli.main`` until a command's code is imported or the reader's first
screen is on the terminal; then what exists is frozen (kept out of every later collection,
which also keeps those shorter) and collection resumes as usual.
"""

from __future__ import annotations

import gc


def pause() -> None:
    gc.disable()


def resume() -> None:
    """Resume collection if ``pause`` stopped it (a no-op otherwise, e.g. under tests)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
