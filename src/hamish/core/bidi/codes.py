"""One-byte codes for bidi classes, the class groups UAX #9 names, and rules as byte patterns.

Why bytes: the resolver runs on every paragraph the reader shows. Turning a paragraph into a
``bytes`` string of class codes lets ``str.translate``, ``bytes.translate`` and compiled regular
expressions do the per-character work in C, and leaves Python loops only over runs, brackets
and explicit formatting characters.

Every pattern is written with class names (``rule("{AL}[^{L}{R}]*")``), never with the code
bytes themselves, so a rule reads like its text in UAX #9 and the codes can change freely.
"""

from __future__ import annotations

import re

from hamish.core.bidi.classes import bidi_class

# Bidi class name -> one ASCII code byte (printable, so a pattern's compiled form stays legible).
CODE_OF_CLASS: dict[str, bytes] = {
    "L": b"L",
    "R": b"R",
    "AL": b"A",
    "EN": b"E",
    "ES": b"+",
    "ET": b"$",
    "AN": b"N",
    "CS": b",",
    "NSM": b"M",
    "BN": b"b",
    "B": b"B",
    "S": b"S",
    "WS": b"W",
    "ON": b"O",
    "LRE": b"1",
    "RLE": b"2",
    "LRO": b"3",
    "RLO": b"4",
    "PDF": b"5",
    "LRI": b"6",
    "RLI": b"7",
    "FSI": b"8",
    "PDI": b"9",
}

# Code byte value -> class name (for ``BidiParagraph.classes``).
CLASS_OF_CODE: list[str] = [""] * 256
for _name, _code in CODE_OF_CLASS.items():
    CLASS_OF_CODE[_code[0]] = _name

# Single codes as ints, for comparisons against items of ``bytes``.
L, R, AL, EN, ES, ET, AN, CS, NSM, BN, B, S, WS, ON = (
    CODE_OF_CLASS[name][0]
    for name in ("L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS", "ON")
)
LRE, RLE, LRO, RLO, PDF = (CODE_OF_CLASS[n][0] for n in ("LRE", "RLE", "LRO", "RLO", "PDF"))
LRI, RLI, FSI, PDI = (CODE_OF_CLASS[n][0] for n in ("LRI", "RLI", "FSI", "PDI"))

# The groups of classes that UAX #9 names, as byte strings of codes.
STRONG = bytes((L, R, AL))
"""BD1: the strong types."""
ISOLATE_INITIATORS = bytes((LRI, RLI, FSI))
ISOLATE_CONTROLS = ISOLATE_INITIATORS + bytes((PDI,))
EMBEDDING_INITIATORS = bytes((LRE, RLE, LRO, RLO))
"""X2–X5: the embedding and override initiators."""
EXPLICIT_FORMATTING = EMBEDDING_INITIATORS + bytes((PDF,)) + ISOLATE_CONTROLS
"""The classes that X1–X8 act on; a paragraph without them is one level run."""
REMOVED_BY_X9 = EMBEDDING_INITIATORS + bytes((PDF, BN))
NEUTRAL_OR_ISOLATE = bytes((B, S, WS, ON)) + ISOLATE_CONTROLS
"""NI of N1/N2: neutrals and isolate formatting characters."""
STRONG_FOR_NEUTRALS = bytes((R, EN, AN))
"""N0/N1: European and Arabic numbers count as R for the neutrals around them."""
WHITESPACE_FOR_L1 = bytes((WS,)) + ISOLATE_CONTROLS + REMOVED_BY_X9
"""L1's whitespace: WS, isolate controls and (UAX #9 §5.2) what X9 removed."""

_GROUPS: dict[str, bytes] = {
    "STRONG": STRONG,
    "ISOLATE_INITIATORS": ISOLATE_INITIATORS,
    "ISOLATE_CONTROLS": ISOLATE_CONTROLS,
    "EXPLICIT_FORMATTING": EXPLICIT_FORMATTING,
    "REMOVED_BY_X9": REMOVED_BY_X9,
    "NI": NEUTRAL_OR_ISOLATE,
    "STRONG_FOR_NEUTRALS": STRONG_FOR_NEUTRALS,
    "WHITESPACE_FOR_L1": WHITESPACE_FOR_L1,
}
_NAMED = re.compile(r"\{(\w+)\}")


def _expand(name: re.Match[str]) -> str:
    codes = CODE_OF_CLASS[name[1]] if name[1] in CODE_OF_CLASS else _GROUPS[name[1]]
    return re.escape(codes.decode("ascii"))


def rule(pattern: str) -> re.Pattern[bytes]:
    """Compile a pattern over class codes in which ``{NAME}`` stands for a class or a group.

    A class or group expands to its escaped codes, so ``[{L}{NI}]`` is "L or any NI" and
    ``{AL}`` alone matches one AL. The rest is ordinary regular expression syntax.
    """
    return re.compile(_NAMED.sub(_expand, pattern).encode("ascii"))


def translation(classes: bytes, into: int) -> bytes:
    """A ``bytes.translate`` table that turns every code in ``classes`` into ``into``."""
    return bytes.maketrans(classes, bytes((into,)) * len(classes))


class _CodeTable(dict[int, str]):
    """``str.translate`` table: code point -> class code, filled lazily and cached.

    ``str.translate`` looks each character up with ``__getitem__``, so ``__missing__`` lets the
    table grow to exactly the characters hamish meets, while repeated characters cost one C-level
    dictionary hit.
    """

    def __missing__(self, code_point: int) -> str:
        code = CODE_OF_CLASS[bidi_class(chr(code_point))].decode("ascii")
        self[code_point] = code
        return code


_CODE_TABLE = _CodeTable()


def class_codes(text: str) -> bytes:
    """The class code of every code point of ``text``, as one byte each."""
    return text.translate(_CODE_TABLE).encode("ascii")


def class_names(codes: bytes) -> tuple[str, ...]:
    """Class names for a code string (the inverse of ``class_codes``' mapping)."""
    return tuple(map(CLASS_OF_CODE.__getitem__, codes))
