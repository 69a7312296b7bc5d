"""UAX #9 BD9 and X1–X8: matching isolates, and the explicit levels and overrides.

Why this works on pieces rather than characters: between two explicit formatting characters
the embedding level and override status cannot change, so the X rules only need a Python step
per explicit character (usually none at all); everything in between is one slice.
"""

from __future__ import annotations

from hamish.core.bidi.codes import (
    BN,
    FSI,
    LRE,
    LRO,
    PDF,
    PDI,
    RLE,
    RLI,
    RLO,
    L,
    R,
    rule,
)
from hamish.core.bidi.levels import MAX_DEPTH, least_greater_even, least_greater_odd
from hamish.core.bidi.paragraph import first_strong_level

EXPLICIT_FORMATTING_RE = rule("[{EXPLICIT_FORMATTING}]")
_ISOLATE_CONTROL_RE = rule("[{ISOLATE_CONTROLS}]")

# X6: an override makes every kept class L (or R); BN keeps its class so X9 still removes it.
_OVERRIDE_TABLES = {
    code: bytes(BN if byte == BN else code for byte in range(256)) for code in (L, R)
}


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


def explicit_pieces(
    original: bytes, base_level: int, matches: dict[int, int]
) -> tuple[bytearray, list[tuple[int, int, int]]]:
    """X1–X8: the classes after overrides, and ``(start, end, level)`` pieces of kept text.

    Pieces cover every character except LRE/RLE/LRO/RLO/PDF; BN stays inside them for now.
    """
    codes = bytearray(original)
    pieces: list[tuple[int, int, int]] = []
    # X1: the directional status stack: (embedding level, override code or 0, isolate?).
    stack: list[tuple[int, int, bool]] = [(base_level, 0, False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    segment_start = 0
    for found in EXPLICIT_FORMATTING_RE.finditer(original):
        position = found.start()
        level, override, _ = stack[-1]
        if segment_start < position:  # X6: everything else takes the stack's level
            pieces.append((segment_start, position, level))
            if override:
                codes[segment_start:position] = codes[segment_start:position].translate(
                    _OVERRIDE_TABLES[override]
                )
        segment_start = position + 1
        code = original[position]
        if code in (LRE, RLE, LRO, RLO):  # X2–X5
            rtl = code in (RLE, RLO)
            new_level = least_greater_odd(level) if rtl else least_greater_even(level)
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
            if code == FSI:  # X5c: P2/P3 on the isolate's content
                end = matches.get(position, len(original))
                rtl = first_strong_level(original, position + 1, end) == 1
            else:
                rtl = code == RLI
            new_level = least_greater_odd(level) if rtl else least_greater_even(level)
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
