"""Python's cycle collector, paused while hamish starts.

Starting allocates a few hundred thousand objects that live as long as the process (modules,
classes, Textual's styles and widgets, then the article, its blocks and its layout), and the
collector walks them all, again and again, as they pile up: some 40 ms of a first screen that
takes a third of a second, and 15-35 ms pauses every few keys while a 10 MB article is read.
So it is paused from the start of ``hamish.cli.main`` until a command's code is imported, or
the reader's first article has been read and laid out (the library: its first screen drawn);
then what exists is frozen (kept out of every later collection, which also keeps those short)
and collection resumes as usual.
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
