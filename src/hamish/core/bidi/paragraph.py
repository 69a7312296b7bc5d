"""UAX #9 P2–P3: a paragraph's direction from its first strong character outside isolates.

Why this is the one place for it: P2/P3 decide a paragraph's level (``resolve_paragraph``), an
FSI's direction (X5c applies P2/P3 to the isolate's content), the level the layout engine gives
a block, and the ``dir`` an export writes. Counting isolate depth while scanning equals
skipping "characters between an isolate initiator and its matching PDI" (BD9): an initiator
with no matching PDI runs to the end, and a PDI with no initiator is an ordinary neutral.
"""

from __future__ import annotations

from hamish.core.bidi.codes import ISOLATE_INITIATORS, PDI, L, class_codes, rule

_STRONG_OR_ISOLATE = rule("[{STRONG}{ISOLATE_CONTROLS}]")
_FIRST_LOOK = 64
"""P2 usually stops at the first letter: classify a short prefix first, then longer ones."""


def first_strong_level(codes: bytes, start: int = 0, end: int | None = None) -> int | None:
    """P2/P3 on ``codes[start:end]``: 0 for L, 1 for R or AL, None if no strong class is
    outside an isolate."""
    depth = 0
    for found in _STRONG_OR_ISOLATE.finditer(codes, start, len(codes) if end is None else end):
        code = codes[found.start()]
        if code in ISOLATE_INITIATORS:
            depth += 1
        elif code == PDI:
            depth = max(0, depth - 1)
        elif depth == 0:
            return 0 if code == L else 1
    return None


def paragraph_base_level(text: str) -> int | None:
    """P2/P3 on ``text``: 0 or 1, or ``None`` when it has no strong character outside isolates.

    Classifies ever longer prefixes, so a ten-megabyte paragraph that starts with a letter
    costs what a short one does. A prefix's answer is final once it finds a strong character:
    the isolate depth at any point depends only on what comes before it.
    """
    size = _FIRST_LOOK
    while True:
        level = first_strong_level(class_codes(text[:size]))
        if level is not None or size >= len(text):
            return level
        size *= 8
