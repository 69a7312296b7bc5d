"""Numbers of ordered-list items, as a browser would print them before each item.

hamish keeps an ordered item's number as a text prefix (``"3. "``), as the Markdown loader
does, so "step 3" in a note still points at something visible. ``start``, ``reversed``, an
item's ``value`` and the ``type`` letters (``a``, ``A``, ``i``, ``I``) are honoured; bulleted
lists (``ul``, ``menu``, ``dir``) have no prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LISTS = frozenset({"ul", "ol", "menu", "dir"})
MAX_ROMAN = 3999
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _integer(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def _letters(number: int) -> str:
    """1 → a, 26 → z, 27 → aa, as CSS ``lower-alpha`` counts."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def _roman(number: int) -> str:
    digits = []
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        digits.append(symbol * count)
    return "".join(digits)


def format_number(number: int, style: str) -> str:
    """``number`` in a list ``type`` style; decimal where the style cannot write it."""
    if style in ("a", "A") and number > 0:
        text = _letters(number)
        return text.upper() if style == "A" else text
    if style in ("i", "I") and 0 < number <= MAX_ROMAN:
        text = _roman(number)
        return text.upper() if style == "I" else text
    return str(number)


@dataclass
class ListCounter:
    """The next number of an open list; ``ordered`` False for bulleted lists."""

    ordered: bool
    next_number: int = 1
    step: int = 1
    style: str = "1"

    @classmethod
    def of(cls, element: Any) -> ListCounter:
        if not isinstance(element.tag, str) or element.tag.lower() != "ol":
            return cls(ordered=False)
        reversed_ = element.get("reversed") is not None
        start = _integer(element.get("start"))
        if start is None:
            start = sum(1 for child in element if child.tag == "li") if reversed_ else 1
        return cls(True, start, -1 if reversed_ else 1, (element.get("type") or "1").strip())


def item_marker(counter: ListCounter, item: Any) -> str:
    """The prefix of list item ``item`` (``"2. "``), advancing ``counter``."""
    if not counter.ordered:
        return ""
    value = _integer(item.get("value"))
    number = counter.next_number if value is None else value
    counter.next_number = number + counter.step
    return f"{format_number(number, counter.style)}. "
