"""ICU as an independent oracle for what the layout engine draws, one visual line at a time.

The engine wraps a paragraph and reorders each line with levels resolved on the whole paragraph
(UAX #9 §3.4); ICU does the same with ``setPara`` on the paragraph and ``setLine`` on the line.
``writeReordered`` then applies L2, L3 (``KEEP_BASE_COMBINING``: a mark stays after its base in a
right-to-left run) and L4 (``DO_MIRRORING``), and drops the controls (``REMOVE_BIDI_CONTROLS``).
The calling conventions are those of ``test_bidi_icu.py``: offsets converted to UTF-16 code
units, and the ``UnicodeString`` kept alive while the ``Bidi`` objects are used.

Characters of bidi class BN (ZWJ, ZWNJ, ZWSP, SHY, WJ, BOM) are taken out of ICU's input. X9
removes them, so no other character's level or order depends on them, and hamish never draws
them. They have to go because ICU 77 mishandles them in ``writeReordered``: with
``KEEP_BASE_COMBINING`` it treats a BN control as the *base* of the marks after it (hamish, like
UAX #29, keeps ZWJ/ZWNJ inside the preceding grapheme), and with ``REMOVE_BIDI_CONTROLS`` as well
it skips such a "base" together with its marks while still counting the marks in the output
length, returning uninitialised memory: ``". \\u200c\\u0650"`` at level 1 comes out as
``" .\\x00"``.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left

import icu

from hamish.core.layout.text import drawable

WRITE_OPTIONS = icu.Bidi.DO_MIRRORING | icu.Bidi.KEEP_BASE_COMBINING | icu.Bidi.REMOVE_BIDI_CONTROLS


def utf16_offsets(text: str) -> list[int]:
    """UTF-16 offset of every code point of ``text``, plus one for its end."""
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


def icu_drawn_line(paragraph: str, base_level: int, start: int, end: int) -> str:
    """``paragraph[start:end]`` as ICU draws it when it is one line of ``paragraph``.

    ``start``/``end`` are code points into ``paragraph``; the result went through ``drawable``
    like every glyph hamish draws.
    """
    kept = [i for i, char in enumerate(paragraph) if unicodedata.bidirectional(char) != "BN"]
    text = "".join(paragraph[i] for i in kept)
    line_start, line_end = bisect_left(kept, start), bisect_left(kept, end)
    if line_start == line_end:
        return ""
    units = utf16_offsets(text)
    icu_text = icu.UnicodeString(text)  # must outlive the Bidi objects
    bidi = icu.Bidi()
    bidi.setPara(icu_text, base_level)
    line = bidi.setLine(units[line_start], units[line_end])
    drawn = str(line.writeReordered(WRITE_OPTIONS))
    del line, bidi
    return drawable(drawn)


def icu_base_level(paragraph: str) -> int | None:
    """P2/P3 by ICU: 0 or 1, or None when no strong character lies outside isolates.

    (``Bidi.getBaseDirection`` would not do: it does not skip isolates.) With no strong
    character the default decides, so the two defaults disagree exactly then.
    """
    text = icu.UnicodeString(paragraph)
    levels = set()
    for default in (icu.Bidi.DEFAULT_LTR, icu.Bidi.DEFAULT_RTL):
        bidi = icu.Bidi()
        bidi.setPara(text, default)
        levels.add(bidi.getParaLevel())
        del bidi
    return levels.pop() if len(levels) == 1 else None


def is_presentation_form(char: str) -> bool:
    return 0xFB50 <= ord(char) <= 0xFDFF or 0xFE70 <= ord(char) <= 0xFEFF


def _groups(visual: str) -> list[tuple[str, str]]:
    """(base, marks after it) for every drawn cell of a visual string."""
    groups: list[tuple[str, str]] = []
    for char in visual:
        if groups and unicodedata.category(char) in ("Mn", "Me"):
            groups[-1] = (groups[-1][0], groups[-1][1] + char)
        else:
            groups.append((char, ""))
    return groups


def unshaped_cells(shaped_visual: str, icu_visual: str) -> tuple[list[object], list[object]]:
    """Both strings as comparable cells, the shaped one mapped back to letters (NFKC).

    A contextual form stands for one letter. A lam-alef ligature stands for two, which ICU
    draws as two cells, alef left of lam (right to left); the marks of both go after the one
    ligature cell, so they are compared as a multiset over the cells the ligature covers.
    Returns lists of (letters, sorted marks) that are equal iff the orderings agree.
    """
    ours: list[object] = []
    theirs: list[object] = []
    reference = _groups(icu_visual)
    position = 0
    for base, marks in _groups(shaped_visual):
        letters = unicodedata.normalize("NFKC", base) if is_presentation_form(base) else base
        if len(letters) > 1:  # a ligature: its letters are drawn right to left
            letters = letters[::-1]
        covered = reference[position : position + len(letters)]
        position += len(letters)
        ours.append((letters, sorted(marks)))
        theirs.append(("".join(b for b, _ in covered), sorted("".join(m for _, m in covered))))
    theirs.extend((b, sorted(m)) for b, m in reference[position:])
    return ours, theirs
