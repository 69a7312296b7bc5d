"""Characters as the terminal sees them: what is safe to draw, and how many cells it takes."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from hamish.core.layout._tables import PREPEND as PREPEND_RANGES
from hamish.core.layout._tables import WIDENED_BY_VS16 as WIDENED_BY_VS16_CODES
from hamish.core.layout._tables import WIDTHS

# The engine draws through the one sanitiser; re-exported for its modules.
from hamish.core.safe_text import display_text as display_text

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
_WIDTH_STARTS = tuple(first for first, _, _ in WIDTHS)
PREPEND = frozenset(chr(code) for first, last in PREPEND_RANGES for code in range(first, last + 1))
"""Grapheme_Cluster_Break=Prepend: a mark that belongs to the cluster after it (UAX #29 GB9b)."""
VARIATION_SELECTOR_16 = "\ufe0f"
WIDENED_BY_VS16 = frozenset(map(chr, WIDENED_BY_VS16_CODES))
"""Characters that VS16 after them turns into a two-cell emoji, in Rich's measure too."""


@lru_cache(maxsize=8192)
def char_width(char: str) -> int:
    """Cells ``char`` takes on screen: 0, 1 or 2.

    The one width table: Rich's (generated into ``_tables``), because Textual measures every
    drawn segment with Rich, so a character the two counted differently would shift its row.
    What ``drawable`` removes is never drawn, so it takes no cell.
    """
    code = ord(char)
    if code in _INVISIBLE:
        return 0
    index = bisect_right(_WIDTH_STARTS, code) - 1
    if index >= 0:
        _, last, width = WIDTHS[index]
        if code <= last:
            return width
    return 1


def drawable(text: str) -> str:
    """``text`` without the invisible format characters the engine has already applied."""
    return text.translate(_DROP_INVISIBLE)
