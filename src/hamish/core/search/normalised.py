"""A text folded for search, with an exact map from folded positions back to the original.

Folding a long article character by character in Python would take seconds, so the text is
folded with ``str.translate`` (one C call per chunk of ``chunk_size`` code points) and the map is
not built up front: each chunk remembers only where its folded text starts. The first time a
folded position inside a chunk is asked about, the chunk's few irregular places (deleted
characters, whitespace runs, ligatures) are found with one regular expression and kept as a
short list of segments; a lookup is then two bisections.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from hamish.core.search.classes import char_class, char_classes
from hamish.core.search.folding import PRESENTATION_FORMS, code_points, collapse_spaces, fold_table

CHUNK_SIZE = 4096
_PRESENTATION = re.compile(char_class(code_points(PRESENTATION_FORMS)))


@dataclass(frozen=True)
class TextFeatures:
    """What decides how a text can be searched fast; computed once per text."""

    has_astral: bool
    """Characters above U+FFFF: the fast list-based translate table does not cover them."""
    has_presentation_forms: bool
    has_expanding: bool
    """Ligatures that fold to several characters, which a pattern over the original cannot
    express without blowing up, so such texts are searched in their folded form."""


def text_features(text: str, *, fold_teh_marbuta: bool = False) -> TextFeatures:
    """Cheap for the usual text: presentation forms all have U+FBxx-U+FExx, so one look at the
    high bytes of the UTF-16 encoding (C speed) rules them out before any regex runs."""
    encoded = text.encode("utf-16-be", "surrogatepass")
    high_bytes = encoded[0::2]
    has_astral = len(encoded) != 2 * len(text)
    if not any(byte in high_bytes for byte in (0xFB, 0xFC, 0xFD, 0xFE)):
        return TextFeatures(has_astral, False, False)
    if _PRESENTATION.search(text) is None:
        return TextFeatures(has_astral, False, False)
    expanding = re.search(char_classes(fold_teh_marbuta).expanding, text) is not None
    return TextFeatures(has_astral, True, expanding)


@dataclass(frozen=True)
class _Folding:
    folded: str
    chunk_starts: list[int]
    """Index in ``folded`` of the first character each chunk produced."""


@dataclass(frozen=True)
class _ChunkMap:
    """Segments of one chunk: in a plain segment folded and original advance together; an
    expansion segment is every folded character of one ligature, all from one original one."""

    folded_keys: list[int]
    original_keys: list[int]
    expansions: list[bool]
    folded_end: int


@dataclass(frozen=True, eq=False)
class NormalisedText:
    """An article text prepared for search; share one per text (``NormalisedText.of``)."""

    original: str
    fold_teh_marbuta: bool = False
    chunk_size: int = CHUNK_SIZE
    _chunk_maps: dict[int, _ChunkMap] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def of(cls, text: str, *, fold_teh_marbuta: bool = False) -> NormalisedText:
        """The shared instance for ``text``: search-as-you-type reuses what it has computed."""
        return _shared(text, fold_teh_marbuta)

    @cached_property
    def features(self) -> TextFeatures:
        return text_features(self.original, fold_teh_marbuta=self.fold_teh_marbuta)

    @cached_property
    def _folding(self) -> _Folding:
        table = fold_table(self.fold_teh_marbuta)
        translate = table.translate_table if self.features.has_astral else table.bmp_table
        parts: list[str] = []
        starts: list[int] = []
        length = 0
        after_space = False
        for start in range(0, len(self.original), self.chunk_size):
            part = collapse_spaces(
                self.original[start : start + self.chunk_size].translate(translate)
            )
            if after_space and part.startswith(" "):
                part = part[1:]
            starts.append(length)
            parts.append(part)
            length += len(part)
            if part:
                after_space = part.endswith(" ")
        return _Folding("".join(parts), starts)

    @property
    def folded(self) -> str:
        """The whole folded text (computed on first use, then kept)."""
        return self._folding.folded

    @property
    def is_folded(self) -> bool:
        return "_folding" in self.__dict__

    def origin(self, folded_index: int) -> int:
        """The original index of the character that produced ``folded[folded_index]``."""
        segments, index = self._segment(folded_index)
        original = segments.original_keys[index]
        if segments.expansions[index]:
            return original
        return original + folded_index - segments.folded_keys[index]

    def original_range(self, folded_start: int, folded_end: int) -> tuple[int, int] | None:
        """The original characters that fold to ``folded[folded_start:folded_end]``.

        The range starts on the character that produced the first folded one and ends after the
        one that produced the last, plus the marks written on it. ``None`` when the range would
        cut a ligature in two: a character is matched whole or not at all.
        """
        if not 0 <= folded_start < folded_end <= len(self.folded):
            raise ValueError(f"invalid folded range {folded_start}:{folded_end}")
        start = self.origin(folded_start)
        if folded_start > 0 and self.origin(folded_start - 1) == start:
            return None
        last = self.origin(folded_end - 1)
        if folded_end < len(self.folded) and self.origin(folded_end) == last:
            return None
        return start, extend_over_marks(self.original, last + 1, self.fold_teh_marbuta)

    def folded_position(self, original_index: int) -> int:
        """The folded index of the first folded character produced at or after
        ``original_index`` (``len(folded)`` at the end)."""
        original_index = max(0, original_index)
        if original_index >= len(self.original):
            return len(self.folded)
        chunk = original_index // self.chunk_size
        segments = self._chunk_map(chunk)
        index = bisect_right(segments.original_keys, original_index) - 1
        if index < 0:
            return segments.folded_keys[0] if segments.folded_keys else segments.folded_end
        folded = segments.folded_keys[index]
        next_folded = (
            segments.folded_keys[index + 1]
            if index + 1 < len(segments.folded_keys)
            else segments.folded_end
        )
        offset = original_index - segments.original_keys[index]
        if segments.expansions[index]:
            return folded if offset == 0 else next_folded
        return folded + offset if folded + offset < next_folded else next_folded

    def _segment(self, folded_index: int) -> tuple[_ChunkMap, int]:
        if not 0 <= folded_index < len(self.folded):
            raise IndexError(f"folded index {folded_index} out of range")
        chunk = bisect_right(self._folding.chunk_starts, folded_index) - 1
        segments = self._chunk_map(chunk)
        return segments, bisect_right(segments.folded_keys, folded_index) - 1

    def _chunk_map(self, chunk: int) -> _ChunkMap:
        cached = self._chunk_maps.get(chunk)
        if cached is None:
            cached = self._chunk_maps[chunk] = self._build_chunk_map(chunk)
        return cached

    def _build_chunk_map(self, chunk: int) -> _ChunkMap:
        classes = char_classes(self.fold_teh_marbuta)
        table = fold_table(self.fold_teh_marbuta)
        text = self.original
        start = chunk * self.chunk_size
        end = min(start + self.chunk_size, len(text))
        folded = self._folding.chunk_starts[chunk]
        folded_keys: list[int] = []
        original_keys: list[int] = []
        expansions: list[bool] = []

        def segment(at: int, expansion: bool) -> None:
            folded_keys.append(folded)
            original_keys.append(at)
            expansions.append(expansion)

        position = start
        if folded > 0 and self.folded[folded - 1] == " ":
            leading = classes.leading_collapse.match(text, start, end)
            if leading:
                position = leading.end()
        for event in classes.events.finditer(text, position, end):
            event_start = event.start()
            if event_start > position:
                segment(position, False)
                folded += event_start - position
            code_point = ord(text[event_start])
            if code_point in table.whitespace:
                segment(event_start, False)  # the first of a whitespace run stays
                folded += 1
            elif code_point in table.expanding:
                segment(event_start, True)
                folded += len(table.mapping[code_point])
            position = event.end()
        if end > position:
            segment(position, False)
            folded += end - position
        return _ChunkMap(folded_keys, original_keys, expansions, folded)


def extend_over_marks(text: str, end: int, fold_teh_marbuta: bool = False) -> int:
    """``end`` moved past the combining marks (harakat) that follow it: they belong to the
    letter before them, so a match never leaves them behind."""
    attached = fold_table(fold_teh_marbuta).attached
    while end < len(text) and ord(text[end]) in attached:
        end += 1
    return end


def normalise(text: str, *, fold_teh_marbuta: bool = False) -> NormalisedText:
    """``text`` folded (see ``folding``) with the map back to it: the shared instance, folded."""
    normalised = NormalisedText.of(text, fold_teh_marbuta=fold_teh_marbuta)
    normalised.folded  # noqa: B018 - fold now, not on first use
    return normalised


@lru_cache(maxsize=4)
def _shared(text: str, fold_teh_marbuta: bool) -> NormalisedText:
    return NormalisedText(text, fold_teh_marbuta)


def forget_shared() -> None:
    """Drop the shared instances, so that the next search of a text is a first one again
    (what ``python -m hamish.bench search`` measures)."""
    _shared.cache_clear()
