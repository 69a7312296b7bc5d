"""One-byte codes for bidi classes, so the resolver can work on ``bytes`` instead of objects.

Why bytes: the resolver runs on every paragraph the reader shows. Turning a paragraph into a
``bytes`` string of class codes lets ``str.translate``, ``bytes.translate`` and compiled regular
expressions do the per-character work in C, and leaves Python loops only over runs, brackets
and explicit formatting characters. The codes are printable ASCII so the regular expressions in
``explicit``, ``implicit`` and ``brackets`` stay readable.
"""

from __future__ import annotations

from hamish.core.bidi.classes import bidi_class

# Bidi class name -> one ASCII code byte.
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

# Single code bytes as ints, for comparisons against items of ``bytes``.
L, R, AL, EN, AN, NSM, BN, ON = (
    CODE_OF_CLASS[n][0] for n in ("L", "R", "AL", "EN", "AN", "NSM", "BN", "ON")
)
LRE, RLE, LRO, RLO, PDF = (CODE_OF_CLASS[n][0] for n in ("LRE", "RLE", "LRO", "RLO", "PDF"))
LRI, RLI, FSI, PDI = (CODE_OF_CLASS[n][0] for n in ("LRI", "RLI", "FSI", "PDI"))
ISOLATE_INITIATORS = frozenset({LRI, RLI, FSI})

# Regex character-class bodies for groups of codes.
NEUTRAL_OR_ISOLATE = b"BSWO6789"  # NI of UAX #9 (B, S, WS, ON and the isolate controls)
REMOVED_BY_X9 = b"12345b"  # LRE RLE LRO RLO PDF and BN


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
