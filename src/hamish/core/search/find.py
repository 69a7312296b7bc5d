"""Finding a query in an article, accent- and spelling-insensitively (see ``folding``).

Two strategies give the same answer (a property test holds them to it):

* ``find_in_original`` runs a pattern built from the folded query over the original text: no
  preparation, and each hit costs little, so it serves every text it can;
* ``find_in_folded`` runs ``str.find`` over the folded text and maps the hits back: it needs the
  whole text folded first and maps each hit through bisections, so it is slower for frequent
  queries (measured by ``python -m hamish.bench search``), but it is the only one that sees
  through ligatures (presentation forms that fold to several letters).

``find_all`` uses the first unless the text has ligatures.
"""

from __future__ import annotations

from hamish.core.search.folding import fold, fold_table
from hamish.core.search.normalised import NormalisedText
from hamish.core.search.pattern import query_pattern

Range = tuple[int, int]


def find_all(
    text_or_normalised: str | NormalisedText, query: str, *, fold_teh_marbuta: bool = False
) -> list[Range]:
    """Every non-overlapping place in the text whose folded form equals the folded ``query``.

    Ranges are code points of the original text, from the first character matched to after the
    last one and the harakat on it. A query that folds to nothing but spaces matches nothing.
    """
    normalised = _normalised(text_or_normalised, fold_teh_marbuta)
    folded_query = fold(query, fold_teh_marbuta=fold_teh_marbuta)
    if not folded_query.strip():
        return []
    if normalised.features.has_expanding:
        return _search_folded(normalised, folded_query)
    return _search_original(normalised, folded_query)


def find_in_original(normalised: NormalisedText, query: str) -> list[Range]:
    """``find_all`` by a pattern over the original text; refuses texts with ligatures."""
    if normalised.features.has_expanding:
        raise ValueError("the text has ligatures that fold to several letters: search it folded")
    folded_query = fold(query, fold_teh_marbuta=normalised.fold_teh_marbuta)
    return _search_original(normalised, folded_query) if folded_query.strip() else []


def find_in_folded(normalised: NormalisedText, query: str) -> list[Range]:
    """``find_all`` by ``str.find`` in the folded text (folding it first if nobody has)."""
    folded_query = fold(query, fold_teh_marbuta=normalised.fold_teh_marbuta)
    return _search_folded(normalised, folded_query) if folded_query.strip() else []


def _normalised(text_or_normalised: str | NormalisedText, fold_teh_marbuta: bool) -> NormalisedText:
    if isinstance(text_or_normalised, NormalisedText):
        if text_or_normalised.fold_teh_marbuta == fold_teh_marbuta:
            return text_or_normalised
        text_or_normalised = text_or_normalised.original
    return NormalisedText.of(text_or_normalised, fold_teh_marbuta=fold_teh_marbuta)


def _search_original(normalised: NormalisedText, folded_query: str) -> list[Range]:
    pattern = query_pattern(
        folded_query, normalised.fold_teh_marbuta, normalised.features.has_presentation_forms
    )
    text = normalised.original
    table = fold_table(normalised.fold_teh_marbuta)
    leading_space = folded_query.startswith(" ")
    matches: list[Range] = []
    position = 0
    while (match := pattern.search(text, position)) is not None:
        first, last = match.span()
        if leading_space and _continues_whitespace(text, first, table.deletable, table.whitespace):
            position = first + 1  # folded, this space was collapsed into the one before it
            continue
        matches.append((first, last))
        position = last
    return matches


def _continues_whitespace(
    text: str, index: int, deletable: frozenset[int], whitespace: frozenset[int]
) -> bool:
    index -= 1
    while index >= 0 and ord(text[index]) in deletable:
        index -= 1
    return index >= 0 and ord(text[index]) in whitespace


def _search_folded(normalised: NormalisedText, folded_query: str) -> list[Range]:
    folded = normalised.folded
    matches: list[Range] = []
    position = 0
    while (first := folded.find(folded_query, position)) >= 0:
        original = normalised.original_range(first, first + len(folded_query))
        if original is None:  # would cut a ligature in two
            position = first + 1
            continue
        matches.append(original)
        position = first + len(folded_query)
    return matches
