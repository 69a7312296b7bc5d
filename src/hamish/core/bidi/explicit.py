"""UAX #9 P2–P3 and X1–X10: explicit levels, level runs and isolating run sequences.

Why this works on pieces rather than characters: between two explicit formatting characters
the embedding level and override status cannot change, so the X rules only need a Python step
per explicit character (usually none at all); everything in between is one slice. Characters
removed by X9 (BN and LRE/RLE/LRO/RLO/PDF) are cut out of the pieces before level runs are
formed, so an isolating run sequence is a list of ``(start, end)`` ranges of kept characters.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from hamish.core.bidi.codes import (
    BN,
    FSI,
    ISOLATE_INITIATORS,
    LRE,
    LRO,
    PDF,
    PDI,
    RLE,
    RLI,
    RLO,
    L,
    R,
)

MAX_DEPTH = 125

_EXPLICIT_RE = re.compile(rb"[1-9]")
_ISOLATE_CONTROL_RE = re.compile(rb"[6-9]")
_BN_RUN_RE = re.compile(rb"b+")
_FIRST_STRONG_OR_ISOLATE_RE = re.compile(rb"[LRA678]")

# X6 overrides: every kept class becomes L (or R); BN keeps its class so X9 still removes it.
_OVERRIDE_TABLES = {
    code: bytes(BN if byte == BN else code for byte in range(256)) for code in (L, R)
}


class IsolatingRunSequence(NamedTuple):
    """BD13: level runs joined across matched isolates; ``sos``/``eos`` are code bytes L or R.

    A NamedTuple rather than a dataclass because a paragraph full of isolates or embeddings
    makes hundreds of thousands of them, and this is the cheapest immutable record.
    """

    ranges: list[tuple[int, int]]
    level: int
    sos: int
    eos: int


def match_isolates(codes: bytes) -> dict[int, int]:
    """BD9: index of each isolate initiator -> index of its matching PDI (unmatched omitted)."""
    open_initiators: list[int] = []
    matches: dict[int, int] = {}
    for found in _ISOLATE_CONTROL_RE.finditer(codes):
        position = found.start()
        if codes[position] != PDI:
            open_initiators.append(position)
        elif open_initiators:
            matches[open_initiators.pop()] = position
    return matches


def first_strong_level(codes: bytes, start: int, end: int, matches: dict[int, int]) -> int | None:
    """P2/P3 on ``codes[start:end]``: 0 or 1 from the first strong class outside isolates."""
    position = start
    while True:
        found = _FIRST_STRONG_OR_ISOLATE_RE.search(codes, position, end)
        if found is None:
            return None
        code = codes[found.start()]
        if code == L:
            return 0
        if code not in ISOLATE_INITIATORS:
            return 1
        closing = matches.get(found.start())
        if closing is None:  # an unmatched isolate runs to the end of the paragraph
            return None
        position = closing + 1


def _next_level(level: int, rtl: bool) -> int:
    return (level + 1) | 1 if rtl else (level + 2) & ~1


def explicit_pieces(
    original: bytes, base_level: int, matches: dict[int, int]
) -> tuple[bytearray, list[tuple[int, int, int]]]:
    """X1–X8: the classes after overrides, and ``(start, end, level)`` pieces of kept text.

    Pieces cover every character except LRE/RLE/LRO/RLO/PDF; BN stays inside them for now.
    """
    codes = bytearray(original)
    pieces: list[tuple[int, int, int]] = []
    # Directional status stack entries: (embedding level, override code or 0, isolate?).
    stack: list[tuple[int, int, bool]] = [(base_level, 0, False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    segment_start = 0
    for found in _EXPLICIT_RE.finditer(original):
        position = found.start()
        level, override, _ = stack[-1]
        if segment_start < position:
            pieces.append((segment_start, position, level))
            if override:
                codes[segment_start:position] = codes[segment_start:position].translate(
                    _OVERRIDE_TABLES[override]
                )
        segment_start = position + 1
        code = original[position]
        if code in (LRE, RLE, LRO, RLO):  # X2–X5
            new_level = _next_level(level, code in (RLE, RLO))
            if new_level <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                new_override = L if code == LRO else R if code == RLO else 0
                stack.append((new_level, new_override, False))
            elif overflow_isolates == 0:
                overflow_embeddings += 1
        elif code == PDF:  # X7
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
        elif code != PDI:  # X5a–X5c: LRI, RLI, FSI
            pieces.append((position, position + 1, level))
            if override:
                codes[position] = override
            if code == FSI:
                end = matches.get(position, len(original))
                rtl = first_strong_level(original, position + 1, end, matches) == 1
            else:
                rtl = code == RLI
            new_level = _next_level(level, rtl)
            if new_level <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                valid_isolates += 1
                stack.append((new_level, 0, True))
            else:
                overflow_isolates += 1
        else:  # X6a: PDI
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            level, override, _ = stack[-1]
            pieces.append((position, position + 1, level))
            if override:
                codes[position] = override
    level, override, _ = stack[-1]
    if segment_start < len(original):
        pieces.append((segment_start, len(original), level))
        if override:
            codes[segment_start:] = codes[segment_start:].translate(_OVERRIDE_TABLES[override])
    return codes, pieces


def level_runs(
    codes: bytes | bytearray, pieces: list[tuple[int, int, int]]
) -> list[tuple[list[tuple[int, int]], int]]:
    """BD7 after X9: maximal runs of kept characters at one level, as BN-free ranges.

    Touching ranges are merged, so a run usually is one range however many isolate
    initiators, PDIs and pieces it was assembled from.
    """
    runs: list[tuple[list[tuple[int, int]], int]] = []
    has_bn = b"b" in codes
    last_level = -1
    ranges: list[tuple[int, int]] = []
    for start, end, level in pieces:
        if has_bn and codes.find(b"b", start, end) >= 0:
            kept = []
            cursor = start
            for found in _BN_RUN_RE.finditer(codes, start, end):
                if cursor < found.start():
                    kept.append((cursor, found.start()))
                cursor = found.end()
            if cursor < end:
                kept.append((cursor, end))
        else:
            kept = [(start, end)]
        for span in kept:
            if level != last_level:
                ranges = [span]
                runs.append((ranges, level))
                last_level = level
            elif ranges[-1][1] == span[0]:
                ranges[-1] = (ranges[-1][0], span[1])
            else:
                ranges.append(span)
    return runs


def isolating_run_sequences(
    original: bytes,
    runs: list[tuple[list[tuple[int, int]], int]],
    matches: dict[int, int],
    base_level: int,
) -> list[IsolatingRunSequence]:
    """BD13 and X10: join level runs across matched isolates and give each its sos and eos."""
    chains: list[list[int]] = []  # indices into ``runs``
    chain_waiting_for: dict[int, list[int]] = {}  # matching PDI position -> chain
    for index, (ranges, _) in enumerate(runs):
        chain = chain_waiting_for.pop(ranges[0][0], None)
        if chain is None:
            chain = []
            chains.append(chain)
        chain.append(index)
        last = ranges[-1][1] - 1
        if original[last] in ISOLATE_INITIATORS and last in matches:
            chain_waiting_for[matches[last]] = chain
    sequences = []
    run_count = len(runs)
    for chain in chains:
        first, final = chain[0], chain[-1]
        spans, level = runs[first]
        before = runs[first - 1][1] if first else base_level
        last_char = runs[final][0][-1][1] - 1
        if final + 1 < run_count and original[last_char] not in ISOLATE_INITIATORS:
            after = runs[final + 1][1]
        else:
            after = base_level
        if first != final:
            spans = [span for index in chain for span in runs[index][0]]
        sos = R if (before if before > level else level) & 1 else L
        eos = R if (after if after > level else level) & 1 else L
        sequences.append(IsolatingRunSequence(spans, level, sos, eos))
    return sequences
