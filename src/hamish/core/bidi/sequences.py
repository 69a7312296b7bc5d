"""UAX #9 X9–X10: level runs without the removed characters, joined into isolating run
sequences with their sos and eos.

Characters removed by X9 (BN and LRE/RLE/LRO/RLO/PDF) are cut out of the pieces before level
runs are formed, so an isolating run sequence is a list of ``(start, end)`` ranges of kept
characters.
"""

from __future__ import annotations

from typing import NamedTuple

from hamish.core.bidi.codes import BN, ISOLATE_INITIATORS, rule
from hamish.core.bidi.levels import direction_of

_BN_RUN_RE = rule("{BN}+")
_BN = bytes((BN,))


class IsolatingRunSequence(NamedTuple):
    """BD13: level runs joined across matched isolates; ``sos``/``eos`` are codes L or R.

    A NamedTuple rather than a dataclass because a paragraph full of isolates or embeddings
    makes hundreds of thousands of them, and this is the cheapest immutable record.
    """

    ranges: list[tuple[int, int]]
    level: int
    sos: int
    eos: int


def level_runs(
    codes: bytes | bytearray, pieces: list[tuple[int, int, int]]
) -> list[tuple[list[tuple[int, int]], int]]:
    """X9 and BD7: maximal runs of kept characters at one level, as BN-free ranges.

    Touching ranges are merged, so a run usually is one range however many isolate
    initiators, PDIs and pieces it was assembled from.
    """
    runs: list[tuple[list[tuple[int, int]], int]] = []
    has_bn = _BN in codes
    last_level = -1
    ranges: list[tuple[int, int]] = []
    for start, end, level in pieces:
        if has_bn and codes.find(_BN, start, end) >= 0:
            kept = []
            cursor = start
            for found in _BN_RUN_RE.finditer(codes, start, end):
                if cursor < found.start():
                    kept.append((cursor, found.start()))
                cursor = found.end()
            if cursor < end:
                kept.append((cursor, end))
        else:
            kept = [(start, end)]
        for span in kept:
            if level != last_level:
                ranges = [span]
                runs.append((ranges, level))
                last_level = level
            elif ranges[-1][1] == span[0]:
                ranges[-1] = (ranges[-1][0], span[1])
            else:
                ranges.append(span)
    return runs


def isolating_run_sequences(
    original: bytes,
    runs: list[tuple[list[tuple[int, int]], int]],
    matches: dict[int, int],
    base_level: int,
) -> list[IsolatingRunSequence]:
    """BD13 and X10: join level runs across matched isolates and give each its sos and eos."""
    chains: list[list[int]] = []  # indices into ``runs``
    chain_waiting_for: dict[int, list[int]] = {}  # matching PDI position -> chain
    for index, (ranges, _) in enumerate(runs):
        chain = chain_waiting_for.pop(ranges[0][0], None)
        if chain is None:
            chain = []
            chains.append(chain)
        chain.append(index)
        last = ranges[-1][1] - 1
        if original[last] in ISOLATE_INITIATORS and last in matches:
            chain_waiting_for[matches[last]] = chain
    sequences = []
    run_count = len(runs)
    for chain in chains:
        first, final = chain[0], chain[-1]
        spans, level = runs[first]
        before = runs[first - 1][1] if first else base_level
        last_char = runs[final][0][-1][1] - 1
        if final + 1 < run_count and original[last_char] not in ISOLATE_INITIATORS:
            after = runs[final + 1][1]
        else:  # X10: after an unmatched isolate initiator, or at the end: the paragraph
            after = base_level
        if first != final:
            spans = [span for index in chain for span in runs[index][0]]
        # X10: sos/eos from the higher of the sequence's level and its neighbour's.
        sos = direction_of(max(before, level))
        eos = direction_of(max(after, level))
        sequences.append(IsolatingRunSequence(spans, level, sos, eos))
    return sequences
