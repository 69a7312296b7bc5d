"""UAX #9 L1 (per-line level reset), L2 (visual order) and L4 (mirrored glyphs).

Why L1 and L2 live apart from level resolution: the layout engine wraps a paragraph in logical
order first and only then knows its lines. Levels are resolved once per paragraph; these
functions are the cheap per-line part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hamish.core.bidi._tables import MIRROR_PAIRS
from hamish.core.bidi.codes import rule
from hamish.core.bidi.levels import lowest_odd_at_least

# L1 resets a segment or paragraph separator, and whitespace before one or at the line's end.
_L1_RESET_RE = rule("(?<![{WHITESPACE_FOR_L1}])[{WHITESPACE_FOR_L1}]*(?:[{S}{B}]|\\Z)")

_MIRRORS = {chr(char): chr(glyph) for char, glyph in MIRROR_PAIRS}


def apply_l1(levels: bytearray, codes: bytes, base_level: int) -> None:
    """L1 in place: reset separators and trailing whitespace of one line to ``base_level``.

    ``codes`` are the original class codes of exactly the line's characters. The look-behind
    makes each whitespace run a candidate only from its start, keeping the pass linear.
    """
    for found in _L1_RESET_RE.finditer(codes):
        start, end = found.span()
        if start < end:
            levels[start:end] = bytes((base_level,)) * (end - start)


_RUN_AT_LEAST: dict[int, re.Pattern[bytes]] = {}


def _runs_at_least(level: int) -> re.Pattern[bytes]:
    pattern = _RUN_AT_LEAST.get(level)
    if pattern is None:
        pattern = _RUN_AT_LEAST[level] = re.compile(b"[\\x%02x-\\xff]+" % level)
    return pattern


def visual_order(levels: Sequence[int]) -> list[int]:
    """L2: the logical indices ``0..len-1`` in visual order, left to right.

    From the highest level down to the lowest odd one, every maximal run at that level or
    higher is reversed. Reversing a run never changes which positions hold levels >= a lower
    level, so the runs can be found on the logical level sequence for every pass.
    """
    order = list(range(len(levels)))
    if not order:
        return order
    packed = bytes(levels)
    highest = max(packed)
    lowest_odd = lowest_odd_at_least(min(packed))
    for level in range(highest, lowest_odd - 1, -1):
        for found in _runs_at_least(level).finditer(packed):
            start, end = found.span()
            order[start:end] = order[start:end][::-1]
    return order


def mirror_glyph(char: str) -> str:
    """L4: the Bidi_Mirroring_Glyph of ``char``, or ``char`` itself when it has none.

    The engine applies it to characters at odd (right-to-left) levels, so "(" in Arabic text
    shows as ")" and still reads as an opening parenthesis.
    """
    return _MIRRORS.get(char, char)
