"""How every count hamish prints is worded: "1 word", "2 words", "1,204 words".

One function for the command line and the interface alike, so no listing says "1 words" and
none says "1204" where another says "1,204".
"""

from __future__ import annotations


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` with ``noun``, plural unless it is one (``plural`` for irregular nouns)."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
