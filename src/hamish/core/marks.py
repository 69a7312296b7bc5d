"""What names a mark (less's and vim's ``m`` and ``'``): known to the keys before any article
is open, so the reader's first screen does not have to load the session to route them."""

from __future__ import annotations

PREVIOUS_PLACE = "'"
"""The mark that is always set: where the reader was before going to a mark (``''``)."""


def is_mark_name(name: str) -> bool:
    """A mark is named by one letter, of any script (``m`` then ``ب`` on an Arabic layout)."""
    return len(name) == 1 and name.isalpha()
