"""Reading back the unsaved-changes files the app writes when it cannot save (``changes``).

``write_recovery`` stores each queued change's ``to_record()`` under ``hamish_unsaved_changes``;
this turns them back into the same ``Change`` objects, checking every record before any is
applied, since half a recovery is harder to sort out than none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hamish.core.annotations.model import Annotation, ArticleRecord
from hamish.core.changes import (
    AddAnnotation,
    DeleteAnnotation,
    SaveArticle,
    SavePosition,
    UpdateAnnotation,
)
from hamish.core.export import ImportFormatError
from hamish.core.store import Store

RECOVERY_KEY = "hamish_unsaved_changes"
Change = AddAnnotation | UpdateAnnotation | DeleteAnnotation | SavePosition | SaveArticle
"""Every kind of change ``write_recovery`` saves. (``changes.Change`` is a protocol whose
``description`` is settable, which the frozen change classes do not satisfy for mypy.)"""


def is_recovery(document: Any) -> bool:
    return isinstance(document, Mapping) and RECOVERY_KEY in document


def _change(record: Any) -> Change:
    if not isinstance(record, Mapping):
        raise ImportFormatError("a change must be an object")
    kind = record.get("change")
    try:
        if kind == "add":
            return AddAnnotation(Annotation.from_record(record["annotation"]))
        if kind == "update":
            return UpdateAnnotation(Annotation.from_record(record["annotation"]))
        if kind == "delete":
            return DeleteAnnotation(str(record["id"]))
        if kind == "position":
            return SavePosition(str(record["article_key"]), int(record["offset"]))
        if kind == "article":
            return SaveArticle(ArticleRecord.from_record(record["article"]))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ImportFormatError(f"a {kind} change is incomplete or malformed ({error!r})") from None
    raise ImportFormatError(f"unknown kind of change {kind!r}")


def parse_recovery(document: Mapping[str, Any]) -> list[Change]:
    """The changes in a recovery file, in the order they were made."""
    records = document[RECOVERY_KEY]
    if not isinstance(records, list):
        raise ImportFormatError(f"{RECOVERY_KEY} must be a list")
    changes: list[Change] = []
    for number, record in enumerate(records, start=1):
        try:
            changes.append(_change(record))
        except ImportFormatError as error:
            raise ImportFormatError(f"change {number}: {error}") from None
    return changes


@dataclass(frozen=True)
class Recovered:
    applied: int
    skipped: tuple[str, ...]
    """Why each change that could not apply did not (a position for an unknown article)."""


def apply_recovery(store: Store, changes: list[Change]) -> Recovered:
    """Apply ``changes`` in order. Each is idempotent (an add of an existing annotation updates
    it, a delete of a missing one does nothing), so applying a file twice is harmless."""
    applied = 0
    skipped: list[str] = []
    for change in changes:
        try:
            change.apply(store)
        except KeyError as missing:
            skipped.append(f"{change.description}: unknown article {missing}")
            continue
        applied += 1
    return Recovered(applied, tuple(skipped))
