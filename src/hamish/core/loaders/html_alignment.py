"""Lining up a page's own blocks with an extractor's blocks, to keep the ones it kept.

Both sides are reduced to ``match_key`` (letters and digits, NFC, case folded), which makes them
comparable whatever each side did with white space, punctuation, control characters or inline
markup. Three passes, each for what the one before cannot see:

1. Whole blocks in order (``difflib`` on the reversed sequences, so that of two equal blocks
   the later one wins: a headline repeated in a breadcrumb comes before the real one).
2. Between two of those anchors, the page's blocks found one before another in the extract's
   text there, from the end (again the later of two twins wins): the two sides cut the same
   text into different blocks (a paragraph split at ``<br><br>``, a list item's text around a
   nested list), or one side has a little text the other has not (a "read more" link, a
   footnote button): most of a long block, in order, is enough.
3. Extract blocks still unexplained that equal a page block elsewhere: extractors sometimes
   reorder (a dialog placed after the article); where two page blocks qualify, the one whose
   neighbours are kept wins.

A block without letters or digits (a "* * *" break) is kept when the blocks around it are.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from itertools import accumulate, pairwise

MIN_DISTANT_MATCH = 24
"""A key found further on than where the last match ended must be at least this long: a short
key ("Politics") matches somewhere in any long text."""
MAX_SKIP = 20_000
"""How far past the last match a key is looked for: keeps the search linear on huge pages."""
MIN_LOOSE_SHARE = 0.6
"""A block is also kept when 60% of it comes next in the extract, in order, with holes."""
CHUNK = 12
MAX_HOLE = 200
_WORD = re.compile(r"\w+")


def match_key(text: str) -> str:
    """What both sides of the alignment agree on: letters and digits, NFC, case folded."""
    return "".join(_WORD.findall(unicodedata.normalize("NFC", text))).casefold()


def _anchors(blocks: Sequence[str], extract: Sequence[str]) -> list[tuple[int, int]]:
    """(block index, extract index) of equal blocks in a common order, later twins preferred.

    A short block equal on its own ("World", a one-word heading) is no anchor: pass 2 places it
    by its neighbours instead, which a breadcrumb or menu entry cannot fool as easily.
    """
    size_a, size_b = len(blocks), len(extract)
    matcher = SequenceMatcher(None, list(reversed(blocks)), list(reversed(extract)), False)
    pairs = [
        (size_a - 1 - (a + offset), size_b - 1 - (b + offset))
        for a, b, length in matcher.get_matching_blocks()
        for offset in range(length)
        if length > 1 or len(blocks[size_a - 1 - a]) >= MIN_DISTANT_MATCH
    ]
    return sorted(pairs)


def _loosely_found(key: str, gap: str, cursor: int) -> int | None:
    """Where ``key`` ends in ``gap`` if most of it comes next, in order, with holes of at most
    ``MAX_HOLE`` letters (a footnote button or a credit that one side has and the other not)."""
    position, found, start = cursor, 0, None
    for offset in range(0, len(key), CHUNK):
        chunk = key[offset : offset + CHUNK]
        at = gap.find(chunk, position, position + len(chunk) + MAX_HOLE)
        if at < 0:
            continue
        start = at if start is None else start
        found += len(chunk)
        position = at + len(chunk)
    near = start is not None and start - cursor <= MAX_HOLE
    if near and found >= MIN_DISTANT_MATCH and found >= MIN_LOOSE_SHARE * len(key):
        return position
    return None


def _found_in_gap(keys: Sequence[str], gap: str) -> Iterator[tuple[int, int, int]]:
    """(index, start, end) of ``keys`` found in ``gap`` one before another, from the end: right
    before the last match, further back if long enough to be unambiguous, or loosely. Going
    backwards, of two equal blocks the one nearer the article's next anchor wins."""
    backwards = gap[::-1]
    cursor = 0
    for index in range(len(keys) - 1, -1, -1):
        key = keys[index][::-1]
        position = backwards.find(key, cursor, cursor + len(key) + MAX_SKIP)
        if position == cursor or (position > cursor and len(key) >= MIN_DISTANT_MATCH):
            cursor = position + len(key)
            yield index, len(gap) - cursor, len(gap) - position
            continue
        end = _loosely_found(key, backwards, cursor)
        if end is not None:
            yield index, len(gap) - end, len(gap) - cursor
            cursor = end


def _neighbours(keys: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """For each position, the nearest blocks with a key before and after it."""
    before: list[int | None] = []
    last: int | None = None
    for index, key in enumerate(keys):
        before.append(last)
        if key:
            last = index
    after: list[int | None] = []
    last = None
    for index in range(len(keys) - 1, -1, -1):
        after.append(last)
        if keys[index]:
            last = index
    return list(zip(before, reversed(after), strict=True))


def _in_order(keys: Sequence[str], extract: Sequence[str]) -> tuple[set[int], set[int]]:
    """Passes 1 and 2: kept block indices (into ``keys``) and the extract blocks they explain."""
    anchors = _anchors(keys, extract)
    kept = {a for a, _ in anchors}
    explained = {b for _, b in anchors}
    bounds = [(-1, -1), *anchors, (len(keys), len(extract))]
    for (a0, b0), (a1, b1) in pairwise(bounds):
        if a1 - a0 < 2 or b1 - b0 < 2:
            continue
        units = extract[b0 + 1 : b1]
        ends = list(accumulate(len(unit) for unit in units))
        for offset, start, end in _found_in_gap(keys[a0 + 1 : a1], "".join(units)):
            kept.add(a0 + 1 + offset)
            first, last = bisect_right(ends, start), bisect_left(ends, end)
            explained.update(range(b0 + 1 + first, b0 + 2 + min(last, len(units) - 1)))
    return kept, explained


def align(block_keys: Sequence[str], extract: Sequence[str]) -> set[int]:
    """Indices of the blocks (by ``match_key``) that make up the extract."""
    present = [index for index, key in enumerate(block_keys) if key]
    kept_present, explained = _in_order([block_keys[index] for index in present], extract)
    kept = {present[index] for index in kept_present}

    neighbours = _neighbours(block_keys)
    waiting: defaultdict[str, list[int]] = defaultdict(list)
    for index in present:
        if index not in kept:
            waiting[block_keys[index]].append(index)
    for unit, key in enumerate(extract):
        if unit in explained or not waiting.get(key):
            continue
        twins = waiting[key]
        best = max(
            twins,
            key=lambda i: (sum(n in kept for n in neighbours[i]), i),
        )
        twins.remove(best)
        kept.add(best)

    for position, key in enumerate(block_keys):
        before, after = neighbours[position]
        if not key and before in kept and after in kept:
            kept.add(position)
    return kept
