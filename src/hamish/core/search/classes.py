"""The folding rules as regular-expression character classes.

Both the map from folded text back to the original and the patterns that search the original
text directly are regular expressions over these classes, so ``re`` does the per-character work
in C and all three views of the rules come from the same ``FoldTable``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from hamish.core.search.folding import PRESENTATION_FORMS, code_points, fold_table


def char_class(members: Iterable[int]) -> str:
    """A ``[...]`` class of the code points, consecutive ones written as ranges."""
    ordered = sorted(set(members))
    if not ordered:
        return "(?!)"
    parts: list[str] = []
    first = previous = ordered[0]
    for code_point in [*ordered[1:], -1]:
        if code_point == previous + 1:
            previous = code_point
            continue
        parts.append(
            _escape(first) if first == previous else f"{_escape(first)}-{_escape(previous)}"
        )
        first = previous = code_point
    return "[" + "".join(parts) + "]"


def _escape(code_point: int) -> str:
    return f"\\U{code_point:08x}"


@dataclass(frozen=True)
class CharClasses:
    deletable: str
    whitespace: str
    attached: str
    expanding: str
    whitespace_or_deletable: str
    events: re.Pattern[str]
    """Where folding is not one character for one: a whitespace run (its first character stays,
    the rest go), a run of deletable characters, or one expanding character."""
    leading_collapse: re.Pattern[str]
    """The whitespace (and what sits between it) that disappears at the start of a chunk because
    the folded text before the chunk already ends with a space."""
    presentation: frozenset[int]


@lru_cache(maxsize=2)
def char_classes(fold_teh_marbuta: bool = False) -> CharClasses:
    table = fold_table(fold_teh_marbuta)
    deletable = char_class(table.deletable)
    whitespace = char_class(table.whitespace)
    expanding = char_class(table.expanding)
    return CharClasses(
        deletable=deletable,
        whitespace=whitespace,
        attached=char_class(table.attached),
        expanding=expanding,
        whitespace_or_deletable=char_class(table.deletable | table.whitespace),
        events=re.compile(f"{whitespace}(?:{deletable}*{whitespace})+|{deletable}+|{expanding}"),
        leading_collapse=re.compile(f"(?:{deletable}*{whitespace})+"),
        presentation=frozenset(code_points(PRESENTATION_FORMS)),
    )
