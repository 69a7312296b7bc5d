"""Searching the annotations themselves (quote, note and tags) with the article search's folding.

A reader's whole collection is small next to one article (10k notes are a few megabytes), so each
annotation is folded once and a query is a substring test per annotation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hamish.core.annotations.model import Annotation
from hamish.core.search.folding import fold

_FIELD_SEPARATOR = "\x00"
"""Joins the fields before folding; no folded query contains it, so no match spans two fields."""


@dataclass(frozen=True)
class AnnotationIndex:
    annotations: tuple[Annotation, ...]
    folded: tuple[str, ...]
    fold_teh_marbuta: bool = False

    @classmethod
    def of(
        cls, annotations: Iterable[Annotation], *, fold_teh_marbuta: bool = False
    ) -> AnnotationIndex:
        kept = tuple(annotations)
        folded = tuple(
            fold(
                _FIELD_SEPARATOR.join((annotation.quote, annotation.note, *annotation.tags)),
                fold_teh_marbuta=fold_teh_marbuta,
            )
            for annotation in kept
        )
        return cls(kept, folded, fold_teh_marbuta)

    def search(self, query: str) -> list[Annotation]:
        """The annotations whose quote, note or a tag contains ``query`` (folded), in order.

        Like ``find_all``, a query that folds to nothing but spaces matches nothing.
        """
        needle = fold(query, fold_teh_marbuta=self.fold_teh_marbuta)
        if not needle.strip():
            return []
        return [
            annotation
            for annotation, folded in zip(self.annotations, self.folded, strict=True)
            if needle in folded
        ]
