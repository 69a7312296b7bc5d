"""UAX #9 (Unicode 15/16 revision) for one paragraph: levels once, then L1 per line.

Why levels come for the whole paragraph: the direction of a neutral or a number depends on text
that may sit on another line (UAX #9 §3.4), so lines must be cut from levels resolved on the
whole paragraph. ``BidiParagraph.line_levels`` then applies L1 to one wrapped line, and
``visual_order`` (L2) orders any level sequence, so the engine can reorder grapheme clusters.

Characters removed by X9 (BN, LRE, RLE, LRO, RLO, PDF) still get a level, as UAX #9 §5.2
describes: the level of the preceding character, or the paragraph level at the start, and L1
treats them like whitespace. The engine can attach them to a neighbouring cluster.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hamish.core.bidi.brackets import BRACKET_RE
from hamish.core.bidi.codes import B, class_codes, class_names, rule
from hamish.core.bidi.explicit import EXPLICIT_FORMATTING_RE, explicit_pieces, match_isolates
from hamish.core.bidi.implicit import resolve_sequence, resolve_wrapped
from hamish.core.bidi.levels import MAX_DEPTH
from hamish.core.bidi.paragraph import first_strong_level
from hamish.core.bidi.reorder import apply_l1, mirror_glyph, visual_order
from hamish.core.bidi.sequences import (
    IsolatingRunSequence,
    isolating_run_sequences,
    level_runs,
)

__all__ = ["BidiParagraph", "mirror_glyph", "resolve_paragraph", "visual_order"]

_REMOVED_RUN_RE = rule("[{REMOVED_BY_X9}]+")
_B = bytes((B,))


def _scatter(levels: bytearray, ranges: list[tuple[int, int]], resolved: bytes, offset: int) -> int:
    """Copy consecutive resolved levels back to ``ranges`` of the paragraph; the new offset."""
    for start, end in ranges:
        levels[start:end] = resolved[offset : offset + end - start]
        offset += end - start
    return offset


def _resolve_batch(
    levels: bytearray,
    codes: bytes | bytearray,
    batch: list[IsolatingRunSequence],
    level: int,
) -> None:
    """Resolve bracket-free sequences of one level in one pass (see ``resolve_wrapped``).

    A paragraph with many isolates or embeddings has as many sequences; one regex pass per
    level instead of one per sequence keeps it fast.
    """
    parts: list[bytes | bytearray] = []
    for sequence in batch:
        parts.append(bytes((sequence.sos,)))
        parts.extend(codes[start:end] for start, end in sequence.ranges)
        parts.append(bytes((sequence.eos,)))
    resolved = resolve_wrapped(b"".join(parts), level, None)
    offset = 0
    for sequence in batch:
        offset = _scatter(levels, sequence.ranges, resolved, offset + 1) + 1


def _resolve_implicit(
    levels: bytearray,
    text: str,
    codes: bytes | bytearray,
    sequences: list[IsolatingRunSequence],
) -> None:
    """W1–I2 for every isolating run sequence, writing the levels of kept characters."""
    several = len(sequences) > 1
    may_pair_brackets = several and BRACKET_RE.search(text) is not None
    batches: dict[int, list[IsolatingRunSequence]] = {}
    for sequence in sequences:
        ranges = sequence.ranges
        if several and not (
            may_pair_brackets and any(BRACKET_RE.search(text, a, b) for a, b in ranges)
        ):
            batches.setdefault(sequence.level, []).append(sequence)
            continue
        if len(ranges) == 1:
            start, end = ranges[0]
            classes, chars = bytes(codes[start:end]), text[start:end]
        else:
            classes = b"".join(codes[start:end] for start, end in ranges)
            chars = "".join(text[start:end] for start, end in ranges)
        resolved = resolve_sequence(classes, chars, sequence.level, sequence.sos, sequence.eos)
        _scatter(levels, ranges, resolved, 0)
    for level, batch in batches.items():
        _resolve_batch(levels, codes, batch, level)


@dataclass(frozen=True)
class BidiParagraph:
    """A paragraph's resolved embedding levels (after I1/I2, before any L rule).

    ``levels`` and ``classes`` have one entry per code point of ``text``; ``classes`` are the
    original bidi classes, which L1 needs. ``codes`` and ``level_bytes`` hold the same data as
    bytes so that ``line_levels`` works in C; they are derived when not given.
    """

    text: str
    base_level: int
    levels: tuple[int, ...]
    classes: tuple[str, ...]
    codes: bytes = field(default=b"", repr=False, compare=False)
    level_bytes: bytes = field(default=b"", repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.levels) != len(self.text) or len(self.classes) != len(self.text):
            raise ValueError("levels and classes need one entry per code point of text")
        if len(self.codes) != len(self.text):
            object.__setattr__(self, "codes", class_codes(self.text))
        if len(self.level_bytes) != len(self.text):
            object.__setattr__(self, "level_bytes", bytes(self.levels))

    def line_levels(self, start: int, end: int) -> list[int]:
        """Levels of text[start:end] with rule L1 applied as if that slice were a line."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"line {start}:{end} is outside the paragraph of {len(self.text)}")
        levels = bytearray(self.level_bytes[start:end])
        apply_l1(levels, self.codes[start:end], self.base_level)
        return list(levels)


def resolve_paragraph(text: str, base_level: int | None = None) -> BidiParagraph:
    """Resolve the embedding levels of one paragraph (no paragraph separator inside).

    ``base_level`` None applies P2/P3 (first strong character outside isolates), defaulting to
    0; an explicit level (0..125) is used as given, like ICU's forced paragraph level.
    """
    original = class_codes(text)
    if _B in original:
        raise ValueError("a paragraph cannot contain a paragraph separator (bidi class B)")
    length = len(original)
    if base_level is None:
        base_level = first_strong_level(original) or 0  # P2, P3
    elif not 0 <= base_level <= MAX_DEPTH:
        raise ValueError(f"paragraph level must be within 0..{MAX_DEPTH}, not {base_level}")

    matches: dict[int, int] = {}
    if EXPLICIT_FORMATTING_RE.search(original):  # X1–X8
        matches = match_isolates(original)
        codes: bytes | bytearray
        codes, pieces = explicit_pieces(original, base_level, matches)
    else:
        codes, pieces = original, ([(0, length, base_level)] if length else [])
    sequences = isolating_run_sequences(original, level_runs(codes, pieces), matches, base_level)
    levels = bytearray(length)
    _resolve_implicit(levels, text, codes, sequences)
    for removed in _REMOVED_RUN_RE.finditer(original):  # §5.2: the preceding character's level
        start, end = removed.span()
        level = levels[start - 1] if start else base_level
        levels[start:end] = bytes((level,)) * (end - start)

    level_bytes = bytes(levels)
    return BidiParagraph(
        text=text,
        base_level=base_level,
        levels=tuple(level_bytes),
        classes=class_names(original),
        codes=original,
        level_bytes=level_bytes,
    )
