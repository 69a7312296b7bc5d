"""The one error a loader raises, so callers catch a single type for every bad file."""

from __future__ import annotations

from pathlib import Path

# Characters that would break a one-line message (str.splitlines() splits on all of them).
_LINE_BREAKS = {
    "\n": "\\n",
    "\r": "\\r",
    "\v": "\\v",
    "\f": "\\f",
    "\x1c": "\\x1c",
    "\x1d": "\\x1d",
    "\x1e": "\\x1e",
    "\x85": "\\x85",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_ESCAPES = str.maketrans(_LINE_BREAKS)


def one_line(text: str) -> str:
    """``text`` with line breaks escaped: a file name may legally contain a newline."""
    return text.translate(_ESCAPES)


class LoadError(Exception):
    """A file (or a web page: ``path`` is then its URL) that cannot be shown as an article.

    ``str(err)`` is always one line, ``<path>: <reason>``, because the CLI prints it and the UI
    shows it in a one-line notification.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{one_line(str(path))}: {one_line(reason)}")
