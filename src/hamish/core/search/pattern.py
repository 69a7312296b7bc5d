"""A folded query as a regular expression over the ORIGINAL text.

Folding a 10 MB article costs about as much as several searches, so the first search (and every
search, if nobody needs the folded text for anything else) does not fold the article at all: the
query is folded and turned into a pattern that accepts, for each folded character, every
character that folds to it, and between characters any run of characters that fold to nothing.
``re`` then scans the original text in C and the match positions are already original ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hamish.core.search.classes import char_class, char_classes
from hamish.core.search.folding import fold_table


@lru_cache(maxsize=128)
def query_pattern(
    folded_query: str, fold_teh_marbuta: bool = False, presentation_forms: bool = True
) -> re.Pattern[str]:
    """The pattern whose matches in a text are the places that fold to ``folded_query``.

    A space stands for a run of whitespace (with whatever folds to nothing in it). After the
    last character only combining marks are taken, which is where a match in the folded text
    ends too. ``presentation_forms=False`` leaves the presentation forms out of the classes for
    a text known not to contain any: a character with no other spelling is then a literal, which
    ``re`` finds far faster than a class.
    """
    classes = char_classes(fold_teh_marbuta)
    table = fold_table(fold_teh_marbuta)
    last = len(folded_query) - 1
    pieces: list[str] = []
    for index, char in enumerate(folded_query):
        if char == " ":
            tail = classes.attached if index == last else classes.whitespace_or_deletable
            pieces.append(f"{classes.whitespace}{tail}*")
            continue
        sources = [char, *table.preimages.get(char, ())]
        if not presentation_forms:
            sources = [source for source in sources if ord(source) not in classes.presentation]
        pieces.append(re.escape(char) if len(sources) == 1 else char_class(map(ord, sources)))
        pieces.append(f"{classes.attached if index == last else classes.deletable}*")
    return re.compile("".join(pieces))
