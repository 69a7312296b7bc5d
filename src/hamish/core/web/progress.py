"""How much of a page has arrived, in the words of a progress line."""

from __future__ import annotations

from hamish.core import counts
from hamish.core.article import percent_through

_UNITS = ("KB", "MB", "GB")


def size_text(count: int) -> str:
    """``512 bytes``, ``12.3 KB``, ``4.0 MB``: binary multiples, as the size limit is given."""
    if count < 1024:
        return counts.count(count, "byte")
    size = float(count)
    for unit in _UNITS:
        size /= 1024
        if size < 1024 or unit == _UNITS[-1]:
            break
    return f"{size:,.1f} {unit}"


def percent_of(received: int, expected: int | None) -> int | None:
    """Whole percent of ``expected`` received (at most 100), None when the size is unknown."""
    return percent_through(received, expected) if expected else None


def progress_text(received: int, expected: int | None) -> str:
    """``12.3 KB of 40.0 KB (30%)``, or ``12.3 KB received`` when the server did not say how
    much."""
    percent = percent_of(received, expected)
    if expected is None or percent is None:  # percent is None exactly when expected is unknown
        return f"{size_text(received)} received"
    return f"{size_text(received)} of {size_text(expected)} ({percent}%)"
