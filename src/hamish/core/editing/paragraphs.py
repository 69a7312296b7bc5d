"""Paragraphs of text being edited, and their direction.

Each line of a note is a paragraph with its own direction, as in a browser's ``dir="auto"``:
the first strong character decides (UAX #9 P2/P3), and a paragraph with none (empty, or only
digits and punctuation) follows the one before it (HL1). A paragraph that starts with a Latin
word or a number inside Arabic text therefore reads left to right; the fix the rest of the world
uses is a leading RLM (or LRM), which survives copying and export, so flipping a paragraph's
direction is an edit of its text, not a setting hamish would have to remember.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from hamish.core.bidi import is_rtl, paragraph_base_level

PARAGRAPH_SEPARATOR = "\n"
LRM = "\u200e"
RLM = "\u200f"
DIRECTION_MARKS = LRM + RLM


def leading_marks(paragraph: str) -> int:
    """How many direction marks open ``paragraph``; the caret never goes before them, so what
    is typed at the start of a flipped paragraph keeps the paragraph's direction."""
    return len(paragraph) - len(paragraph.lstrip(DIRECTION_MARKS))


@lru_cache(maxsize=4096)
def strong_level(paragraph: str) -> int | None:
    """P2/P3: 0 or 1 from the first strong character, None when there is none."""
    return paragraph_base_level(paragraph)


def paragraph_levels(paragraphs: Sequence[str], default: int = 0) -> list[int]:
    """The base level of each paragraph.

    One without a strong character takes the level of the paragraph before it; leading ones take
    that of the first paragraph that has one, else ``default``.
    """
    levels: list[int | None] = [strong_level(paragraph) for paragraph in paragraphs]
    first = next((level for level in levels if level is not None), default)
    resolved: list[int] = []
    for level in levels:
        resolved.append(level if level is not None else resolved[-1] if resolved else first)
    return resolved


def flipped(paragraphs: Sequence[str], index: int, default: int = 0) -> str:
    """Paragraph ``index`` with its leading marks changed so that its direction turns over.

    A mark is added only when the text alone would not read in the new direction, and one that
    is no longer needed is removed, so flipping twice gives the original text back.
    """
    paragraph = paragraphs[index]
    current = paragraph_levels(paragraphs, default)[index]
    bare = paragraph[leading_marks(paragraph) :]
    without_marks = [*paragraphs[:index], bare, *paragraphs[index + 1 :]]
    natural = paragraph_levels(without_marks, default)[index]
    wanted_rtl = not is_rtl(current)
    if is_rtl(natural) == wanted_rtl:
        return bare
    return (RLM if wanted_rtl else LRM) + bare
