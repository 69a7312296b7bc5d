"""UAX #9 W1–W7, N1–N2 and I1–I2 on one isolating run sequence, as regex passes over bytes.

Why regular expressions: each W and N rule is "change this class when the nearest strong class
before/after it is X", which is a left-to-right pattern over the class codes. Written as
patterns over maximal segments (for example W2's "from an AL up to the next L or R"), every
rule is one linear C-level pass instead of a Python look-back per character.

The sequence is wrapped as ``sos + classes + eos`` so the sentinels answer the "or sos" / "or
eos" parts of the rules without special cases. N0 (brackets) is in ``brackets``.
"""

from __future__ import annotations

import re

from hamish.core.bidi.brackets import BRACKET_RE, resolve_brackets
from hamish.core.bidi.codes import (
    AL,
    AN,
    CS,
    EN,
    ES,
    ET,
    ISOLATE_CONTROLS,
    NEUTRAL_OR_ISOLATE,
    NSM,
    ON,
    L,
    R,
    rule,
    translation,
)
from hamish.core.bidi.levels import direction_of, is_rtl

_AL, _AN, _CS, _EN, _ES, _ET, _NSM, _ON, _L, _R = (
    bytes((code,)) for code in (AL, AN, CS, EN, ES, ET, NSM, ON, L, R)
)

_W1_NSM_RUN = rule("([^{NSM}])({NSM}+)")
_W2_AFTER_AL = rule("{AL}[^{L}{R}]*")  # from an AL to the next L or R (or sentinel)
_W4_EN_SEPARATOR = rule("(?<={EN})[{ES}{CS}](?={EN})")
_W4_AN_SEPARATOR = rule("(?<={AN}){CS}(?={AN})")
_W5_TERMINATORS = rule("{ET}+(?={EN})|(?<={EN}){ET}+")
_W6_SEPARATORS_TO_ON = translation(_ES + _ET + _CS, ON)
_W7_AFTER_L = rule("{L}[^{R}]*")  # after W3 the strong types are L and R
_N1_BETWEEN_L = rule("{L}[{L}{NI}]*{L}")
_N1_BETWEEN_R = rule("[{STRONG_FOR_NEUTRALS}][{STRONG_FOR_NEUTRALS}{NI}]*[{STRONG_FOR_NEUTRALS}]")
_NI_TO_L = translation(NEUTRAL_OR_ISOLATE, L)
_NI_TO_R = translation(NEUTRAL_OR_ISOLATE, R)
_N2_TABLES = {L: _NI_TO_L, R: _NI_TO_R}


def _w1_nsm(found: re.Match[bytes]) -> bytes:
    """W1: NSMs take the class of what precedes them; ON after an isolate initiator or PDI."""
    previous = found.group(1)
    count = found.end(2) - found.start(2)
    if previous[0] in ISOLATE_CONTROLS:
        return previous + _ON * count
    return previous * (count + 1)


def _w2_arabic_numbers(found: re.Match[bytes]) -> bytes:
    """W2: an EN whose nearest strong type back is AL becomes AN."""
    return found.group().replace(_EN, _AN)


def _w5_terminators(found: re.Match[bytes]) -> bytes:
    """W5: a run of ETs next to an EN becomes EN."""
    return _EN * (found.end() - found.start())


def _w7_left_numbers(found: re.Match[bytes]) -> bytes:
    """W7: an EN whose nearest strong type back is L (or sos L) becomes L."""
    return found.group().replace(_EN, _L)


def _n1_left(found: re.Match[bytes]) -> bytes:
    return found.group().translate(_NI_TO_L)


def _n1_right(found: re.Match[bytes]) -> bytes:
    return found.group().translate(_NI_TO_R)


_LEVEL_TABLES: dict[int, bytes] = {}


def _level_table(level: int) -> bytes:
    """I1/I2 as a translation table from final class code to resolved level."""
    table = _LEVEL_TABLES.get(level)
    if table is None:
        values = list(range(256))
        if is_rtl(level):  # I2: L, EN and AN go up one level
            values[R], values[L], values[EN], values[AN] = (level, *[level + 1] * 3)
        else:  # I1: R goes up one level, EN and AN two
            values[L], values[R], values[EN], values[AN] = (level, level + 1, *[level + 2] * 2)
        table = _LEVEL_TABLES[level] = bytes(values)
    return table


def resolve_weak_types(classes: bytes) -> bytes:
    """W1–W7 on ``sos + classes + eos``."""
    types = classes
    if _NSM in types:
        types = _W1_NSM_RUN.sub(_w1_nsm, types)
    if _AL in types:
        if _EN in types:
            types = _W2_AFTER_AL.sub(_w2_arabic_numbers, types)
        types = types.replace(_AL, _R)  # W3
    if _ES in types or _CS in types:
        types = _W4_EN_SEPARATOR.sub(_EN, types)
        types = _W4_AN_SEPARATOR.sub(_AN, types)
    if _ET in types and _EN in types:
        types = _W5_TERMINATORS.sub(_w5_terminators, types)
    types = types.translate(_W6_SEPARATORS_TO_ON)
    if _EN in types and _L in types:
        types = _W7_AFTER_L.sub(_w7_left_numbers, types)
    return types


def resolve_wrapped(wrapped: bytes, level: int, chars: str | None) -> bytes:
    """Resolved levels (one byte each, sentinels included) of ``sos + classes + eos``.

    ``classes`` are the class codes after X1–X8 (overrides applied, X9 characters removed).
    ``chars`` is the matching text, used by N0 to recognise brackets; ``None`` means the
    sequence holds no bracket. Then ``wrapped`` may also be several wrapped sequences of one
    level back to back: every rule stops at the first strong class, and sentinels are strong,
    so sequences cannot see each other, and one pass serves them all.
    """
    types = resolve_weak_types(wrapped)
    embedding = direction_of(level)
    if chars is not None and _ON in types and BRACKET_RE.search(chars):
        with_brackets = bytearray(types)
        resolve_brackets(with_brackets, wrapped, chars, embedding)  # N0
        types = bytes(with_brackets)
    types = _N1_BETWEEN_L.sub(_n1_left, types)
    types = _N1_BETWEEN_R.sub(_n1_right, types)
    types = types.translate(_N2_TABLES[embedding])
    return types.translate(_level_table(level))


def resolve_sequence(classes: bytes, chars: str, level: int, sos: int, eos: int) -> bytes:
    """Resolved levels (one byte each) of one isolating run sequence's kept characters."""
    wrapped = bytes((sos,)) + classes + bytes((eos,))
    return resolve_wrapped(wrapped, level, chars)[1:-1]
