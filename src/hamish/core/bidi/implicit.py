"""UAX #9 W1–W7, N0–N2 and I1–I2 on one isolating run sequence, as regex passes over bytes.

Why regular expressions: each W and N rule is "change this class when the nearest strong class
before/after it is X", which is a left-to-right pattern over the class codes. Written as
patterns over maximal segments (for example W2's "from an AL up to the next L or R"), every
rule is one linear C-level pass instead of a Python look-back per character.

The sequence is wrapped as ``sos + classes + eos`` so the sentinels answer the "or sos" / "or
eos" parts of the rules without special cases.
"""

from __future__ import annotations

import re

from hamish.core.bidi.brackets import BRACKET_RE, resolve_brackets
from hamish.core.bidi.codes import NEUTRAL_OR_ISOLATE, L, R

_ISOLATE_CONTROLS = b"6789"

_W1_RE = re.compile(rb"([^M])(M+)")
_W2_RE = re.compile(rb"A[^LR]*")
_W4_EN_RE = re.compile(rb"(?<=E)[+,](?=E)")
_W4_AN_RE = re.compile(rb"(?<=N),(?=N)")
_W5_RE = re.compile(rb"\$+(?=E)|(?<=E)\$+")
_W6_TABLE = bytes.maketrans(b"+$,", b"OOO")
_W7_RE = re.compile(rb"L[^R]*")
_N1_L_RE = re.compile(rb"L[L" + NEUTRAL_OR_ISOLATE + rb"]*L")
_N1_R_RE = re.compile(rb"[REN][REN" + NEUTRAL_OR_ISOLATE + rb"]*[REN]")
_TO_L = bytes.maketrans(NEUTRAL_OR_ISOLATE, b"L" * len(NEUTRAL_OR_ISOLATE))
_TO_R = bytes.maketrans(NEUTRAL_OR_ISOLATE, b"R" * len(NEUTRAL_OR_ISOLATE))
_N2_TABLES = {L: _TO_L, R: _TO_R}


def _w1_nsm(found: re.Match[bytes]) -> bytes:
    """W1: NSMs take the class of what precedes them; ON after an isolate initiator or PDI."""
    previous = found.group(1)
    count = found.end(2) - found.start(2)
    if previous in _ISOLATE_CONTROLS:
        return previous + b"O" * count
    return previous * (count + 1)


def _w2_arabic_numbers(found: re.Match[bytes]) -> bytes:
    return found.group().replace(b"E", b"N")


def _w5_terminators(found: re.Match[bytes]) -> bytes:
    return b"E" * (found.end() - found.start())


def _w7_left_numbers(found: re.Match[bytes]) -> bytes:
    return found.group().replace(b"E", b"L")


def _n1_left(found: re.Match[bytes]) -> bytes:
    return found.group().translate(_TO_L)


def _n1_right(found: re.Match[bytes]) -> bytes:
    return found.group().translate(_TO_R)


_LEVEL_TABLES: dict[int, bytes] = {}


def _level_table(level: int) -> bytes:
    """I1/I2 as a translation table from final class code to resolved level."""
    table = _LEVEL_TABLES.get(level)
    if table is None:
        values = list(range(256))
        if level % 2:
            values[R], values[L], values[ord("E")], values[ord("N")] = (level, *[level + 1] * 3)
        else:
            values[L], values[R], values[ord("E")], values[ord("N")] = (
                level,
                level + 1,
                level + 2,
                level + 2,
            )
        table = _LEVEL_TABLES[level] = bytes(values)
    return table


def resolve_weak_types(classes: bytes) -> bytes:
    """W1–W7 on ``sos + classes + eos``."""
    types = classes
    if b"M" in types:
        types = _W1_RE.sub(_w1_nsm, types)
    if b"A" in types:
        if b"E" in types:
            types = _W2_RE.sub(_w2_arabic_numbers, types)
        types = types.replace(b"A", b"R")  # W3
    if b"+" in types or b"," in types:
        types = _W4_EN_RE.sub(b"E", types)
        types = _W4_AN_RE.sub(b"N", types)
    if b"$" in types and b"E" in types:
        types = _W5_RE.sub(_w5_terminators, types)
    types = types.translate(_W6_TABLE)
    if b"E" in types and b"L" in types:
        types = _W7_RE.sub(_w7_left_numbers, types)
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
    embedding = R if level % 2 else L
    if chars is not None and b"O" in types and BRACKET_RE.search(chars):
        with_brackets = bytearray(types)
        resolve_brackets(with_brackets, wrapped, chars, embedding)
        types = bytes(with_brackets)
    types = _N1_L_RE.sub(_n1_left, types)
    types = _N1_R_RE.sub(_n1_right, types)
    types = types.translate(_N2_TABLES[embedding])
    return types.translate(_level_table(level))


def resolve_sequence(classes: bytes, chars: str, level: int, sos: int, eos: int) -> bytes:
    """Resolved levels (one byte each) of one isolating run sequence's kept characters."""
    wrapped = bytes((sos,)) + classes + bytes((eos,))
    return resolve_wrapped(wrapped, level, chars)[1:-1]
