"""File names as hamish keeps and shows them.

A POSIX file name is bytes, not text: ``café.txt`` written by a Latin-1 system is ``caf\\xe9.txt``,
which is not UTF-8. Python carries such bytes in a ``str`` as lone surrogates (U+DCE9 for 0xE9,
``os.fsdecode``), which open the file fine but cannot be encoded as UTF-8, so they cannot go
into the store's JSON or onto the screen as they are.

* ``stored_path``/``path_from_stored``: the name in the store, losslessly. A name that is UTF-8
  (nearly every name) is stored as it is; any other is stored as a ``file:`` URI with its bytes
  percent-encoded, which no absolute path can be mistaken for.
* ``shown_path``: the name as people see it, undecodable bytes as U+FFFD and control and bidi
  characters as symbols (``safe_text``); also what an article without a title is called.
"""

from __future__ import annotations

import os
from urllib.parse import quote_from_bytes, unquote_to_bytes

from hamish.core.safe_text import safe_text

_ESCAPED = "file://"


def path_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes the OS knows ``path`` by."""
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate that no byte stands for: keep it visible
        return os.fspath(path).encode("utf-8", "surrogatepass")


def shown_path(path: str | os.PathLike[str]) -> str:
    """``path`` as it may be drawn or printed: bytes that are not UTF-8 as U+FFFD, then
    ``safe_text``."""
    return safe_text(path_bytes(path).decode("utf-8", "replace"))


def stored_path(path: str) -> str:
    """``path`` as text the store can hold (valid UTF-8) that gives the same bytes back."""
    raw = path_bytes(path)
    try:
        as_is = raw.decode("utf-8") == path and not path.startswith("file:")
    except UnicodeDecodeError:
        as_is = False
    return path if as_is else _ESCAPED + quote_from_bytes(raw, safe="/")


def path_from_stored(text: str) -> str:
    """The path ``stored_path`` made ``text`` from."""
    if text.startswith(_ESCAPED):
        return os.fsdecode(unquote_to_bytes(text[len(_ESCAPED) :]))
    return text
