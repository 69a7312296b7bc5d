"""How much of a page has arrived, in the words of a progress line."""

from __future__ import annotations

_UNITS = ("KB", "MB", "GB")


def size_text(count: int) -> str:
    """``512 bytes``, ``12.3 KB``, ``4.0 MB``: binary multiples, as the size limit is given."""
    if count < 1024:
        return "1 byte" if count == 1 else f"{count:,} bytes"
    size = float(count)
    for unit in _UNITS:
        size /= 1024
        if size < 1024 or unit == _UNITS[-1]:
            break
    return f"{size:,.1f} {unit}"


def percent_of(received: int, expected: int | None) -> int | None:
    """Whole percent of ``expected`` received (at most 100), None when the size is unknown."""
    if not expected:
        return None
    return min(100, received * 100 // expected)


def progress_text(received: int, expected: int | None) -> str:
    """``12.3 KB of 40.0 KB (30%)``, or ``12.3 KB`` when the server did not say how much."""
    percent = percent_of(received, expected)
    if expected is None or percent is None:
        return f"{size_text(received)} received"
    return f"{size_text(received)} of {size_text(expected)} ({percent}%)"
