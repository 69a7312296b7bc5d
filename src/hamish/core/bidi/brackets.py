"""UAX #9 BD14–BD16 and N0: paired brackets take the direction of what they enclose or surround.

Why the searches are shaped as they are: a paragraph can hold many bracket pairs, and a naive
N0 scans each pair's inside and looks back from each opener, which is quadratic. Pairs are
resolved in order of their openers, so "first strong character at or after p" is asked with
ever larger p and is cached; the look-back stops at the nearest strong character, which for
any pair with a strong type inside is at most the previous resolved bracket.
"""

from __future__ import annotations

import re
import unicodedata

from hamish.core.bidi._tables import BRACKET_PAIRS
from hamish.core.bidi.codes import NSM, ON, L, R, rule

MAX_BRACKET_DEPTH = 63  # BD16's stack of 63 elements


def _canonical(code_point: int) -> str:
    """U+2329/U+232A are canonically U+3008/U+3009 and pair with them (BD16)."""
    return unicodedata.normalize("NFD", chr(code_point))


# Bracket character -> (is it an opener?, canonical opener identifying its pair).
BRACKETS: dict[str, tuple[bool, str]] = {}
for _opener, _closer in BRACKET_PAIRS:
    BRACKETS[chr(_opener)] = (True, _canonical(_opener))
    BRACKETS[chr(_closer)] = (False, _canonical(_opener))

BRACKET_RE = re.compile("[" + "".join(re.escape(char) for char in BRACKETS) + "]")
_STRONG_FOR_NEUTRALS_RE = rule("[{STRONG_FOR_NEUTRALS}]")  # EN and AN count as R (N0)
_LAST_STRONG_RE = rule("(?s).*([{L}{STRONG_FOR_NEUTRALS}])")
_L = bytes((L,))


def bracket_pairs(
    chars: str, types: bytes | bytearray | None = None
) -> list[tuple[int, int]] | None:
    """BD16: ``(opener, closer)`` indices into ``chars``, sorted by opener.

    ``types[i + 1]`` is the current class code of ``chars[i]`` (``types`` starts with sos);
    BD14/BD15 count a bracket only while its class is ON. ``None`` means every bracket is ON
    (a paragraph without overrides). An opener that finds the stack of 63 full stops BD16 for
    the whole sequence: the Unicode C reference implementation (bidiref) then resolves no
    pair at all, and so does this one; that case returns None.
    """
    openers: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for found in BRACKET_RE.finditer(chars):
        index = found.start()
        if types is not None and types[index + 1] != ON:
            continue
        is_opener, identity = BRACKETS[found.group()]
        if is_opener:
            if len(openers) == MAX_BRACKET_DEPTH:
                return None
            openers.append((identity, index))
            continue
        for depth in range(len(openers) - 1, -1, -1):
            if openers[depth][0] == identity:
                pairs.append((openers[depth][1], index))
                del openers[depth:]
                break
    pairs.sort()
    return pairs


class _NextStrong:
    """First strong character of one direction at or after a position that only grows."""

    def __init__(self, types: bytes, direction: int) -> None:
        self._types = types
        self._direction = direction
        self._asked_from = 0
        self._answer = -1  # index found from ``_asked_from``, or len(types) when none

    def at_or_after(self, start: int) -> int:
        if not self._asked_from <= start <= self._answer:
            if self._direction == L:
                found_at = self._types.find(_L, start)
            else:
                found = _STRONG_FOR_NEUTRALS_RE.search(self._types, start)
                found_at = -1 if found is None else found.start()
            self._asked_from = start
            self._answer = found_at if found_at >= 0 else len(self._types)
        return self._answer


def resolve_brackets(types: bytearray, before_w1: bytes, chars: str, embedding: int) -> None:
    """Apply N0 in place to ``types`` (sos + classes + eos after W1–W7).

    ``before_w1`` is the same layout before W1, to find the NSMs that follow a bracket.
    ``embedding`` is the code (L or R) of the sequence's embedding direction.
    """
    pairs = bracket_pairs(chars, types)
    if not pairs:
        return
    opposite = R if embedding == L else L
    after_w = bytes(types)
    next_embedding = _NextStrong(after_w, embedding)
    next_opposite = _NextStrong(after_w, opposite)
    for opener, closer in pairs:
        start, end = opener + 1, closer + 1  # positions in ``types``
        if next_embedding.at_or_after(start + 1) < end:
            direction = embedding  # N0 b
        elif next_opposite.at_or_after(start + 1) < end:
            before = _LAST_STRONG_RE.match(types, 0, start)
            assert before is not None  # types[0] is sos, always strong
            preceding = L if before.group(1) == _L else R
            direction = opposite if preceding == opposite else embedding  # N0 c1 / c2
        else:
            continue  # N0 d: nothing strong inside, leave the brackets to N1/N2
        for position in (start, end):
            types[position] = direction
            position += 1
            while before_w1[position] == NSM:
                types[position] = direction
                position += 1
