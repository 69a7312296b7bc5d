"""Bidi_Class of characters (UAX #9 §3.2), with the defaults of DerivedBidiClass.txt."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Unassigned code points in right-to-left blocks default to R or AL (DerivedBidiClass.txt),
# so text written with a newer Unicode than this Python knows still runs right-to-left.
_DEFAULT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "R"),
    (0x0600, 0x07BF, "AL"),
    (0x07C0, 0x085F, "R"),
    (0x0860, 0x08FF, "AL"),
    (0xFB1D, 0xFB4F, "R"),
    (0xFB50, 0xFDCF, "AL"),
    (0xFDF0, 0xFDFF, "AL"),
    (0xFE70, 0xFEFF, "AL"),
    (0x10800, 0x10FFF, "R"),
    (0x1E800, 0x1EFFF, "R"),
)


@lru_cache(maxsize=4096)
def bidi_class(char: str) -> str:
    """The Bidi_Class of ``char`` (``L``, ``R``, ``AL``, ``EN`` ...), with UAX #9's defaults."""
    cls = unicodedata.bidirectional(char)
    if cls:
        return cls
    code = ord(char)
    for low, high, default in _DEFAULT_RANGES:
        if low <= code <= high:
            return default
    return "L"
