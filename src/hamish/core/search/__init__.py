"""Arabic-aware search: fold spellings together, find, and map hits back to the original text."""

from hamish.core.search.annotations import AnnotationIndex
from hamish.core.search.find import Range, find_all, find_in_folded, find_in_original
from hamish.core.search.folding import fold
from hamish.core.search.normalised import NormalisedText, normalise
from hamish.core.search.snippet import Snippet

__all__ = [
    "AnnotationIndex",
    "NormalisedText",
    "Range",
    "Snippet",
    "find_all",
    "find_in_folded",
    "find_in_original",
    "fold",
    "normalise",
]
