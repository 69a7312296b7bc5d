"""Characters as the terminal sees them: what is safe to draw, and how many cells it takes."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

# The engine draws through the one sanitiser; re-exported for its modules.
from hamish.core.safe_text import display_text as display_text

Measure = Callable[[str], int]
"""Cell width of one code point (0, 1 or 2)."""


_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})


@lru_cache(maxsize=8192)
def char_width(char: str) -> int:
    """Cells a terminal gives ``char``: 0 for marks and format characters, 2 for wide ones."""
    if unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES:
        return 0
    code = ord(char)
    if 0x1160 <= code <= 0x11FF:  # Hangul medial vowels and final consonants join the syllable
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# Zero-width characters that must not be sent to the terminal: they have done their work (bidi
# controls steer the engine's reordering, ZWNJ/ZWJ its shaping) and some terminals would draw
# them as boxes or reorder the row again.
_INVISIBLE = frozenset(
    [
        *(0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF),
        *range(0x202A, 0x202F),
        *range(0x2061, 0x2070),
    ]
)
_DROP_INVISIBLE = dict.fromkeys(_INVISIBLE)


def drawable(text: str) -> str:
    """``text`` without the invisible format characters the engine has already applied."""
    return text.translate(_DROP_INVISIBLE)
