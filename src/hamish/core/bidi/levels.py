"""Embedding levels (BD2): what a level's parity means, and the next levels X2–X5 push.

Why a module for a few lines: "is this level right-to-left" is asked by the resolver, the
layout engine and the widgets, and spelling it ``level % 2`` in each place hid the meaning.
"""

from __future__ import annotations

from hamish.core.bidi.codes import L, R

MAX_DEPTH = 125
"""BD2: the deepest explicit embedding level."""


def is_rtl(level: int) -> bool:
    """BD2: odd levels are right-to-left, even levels left-to-right."""
    return level & 1 == 1


def direction_of(level: int) -> int:
    """The embedding direction of ``level`` as a strong class code (L or R), as in X10's
    sos/eos and N0/N2's "embedding direction"."""
    return R if level & 1 else L


def least_greater_odd(level: int) -> int:
    """X2/X4/X5a: the level an RLE, RLO or RLI pushes."""
    return (level + 1) | 1


def least_greater_even(level: int) -> int:
    """X3/X5/X5b: the level an LRE, LRO or LRI pushes."""
    return (level + 2) & ~1


def lowest_odd_at_least(level: int) -> int:
    """L2 reverses runs down to the lowest odd level on the line: this is it, given the lowest
    level of any kind."""
    return level | 1
