"""The changes a reader makes, as data: applied to the store later, possibly retried, never lost.

The app queues these and applies them off the UI thread. A change that cannot be written (disk
full, read-only directory) stays queued and is retried; if hamish must quit while changes are
still unwritten, they are saved as JSON beside the store (a recovery file), so nothing typed is
dropped. This module writes that format and reads it back: one place knows it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from hamish.core.annotations.model import Annotation, ArticleRecord, utc_now
from hamish.core.atomic_file import PRIVATE, create_file
from hamish.core.store import Store

RECOVERY_KEY = "hamish_unsaved_changes"
"""The top-level key of a recovery file: what tells it apart from an export."""


@dataclass(frozen=True)
class PutAnnotation:
    """Save ``annotation`` whether or not the store has it: a new highlight, an edit, an undone
    delete. An edit of an annotation deleted elsewhere meanwhile brings it back: the newer
    change wins."""

    annotation: Annotation
    description: ClassVar[str] = "save the highlight"

    def apply(self, store: Store) -> None:
        store.put(self.annotation)


@dataclass(frozen=True)
class DeleteAnnotation:
    annotation_id: str
    article_key: str | None = None
    """The article it belongs to; None (a recovery file from before it was written) makes
    the store look through every article."""
    description: ClassVar[str] = "delete the annotation"

    def apply(self, store: Store) -> None:
        with contextlib.suppress(KeyError):  # already gone
            store.delete(self.annotation_id, self.article_key)


@dataclass(frozen=True)
class SavePosition:
    article_key: str
    offset: int
    furthest: int = 0
    """How far the reader got; never less than ``offset`` (a change written before hamish
    kept it reads as having got as far as its position)."""
    description: ClassVar[str] = "save the reading position"

    def __post_init__(self) -> None:
        object.__setattr__(self, "furthest", max(self.furthest, self.offset))

    def apply(self, store: Store) -> None:
        """Raises ``KeyError`` for an article the store does not know."""
        store.set_position(self.article_key, self.offset, self.furthest)


@dataclass(frozen=True)
class SetMark:
    """Mark ``offset`` with ``name`` (a letter), replacing the article's mark of that name."""

    article_key: str
    name: str
    offset: int
    description: ClassVar[str] = "save the mark"

    def apply(self, store: Store) -> None:
        """Raises ``KeyError`` for an article the store does not know."""
        store.update_article(self.article_key, lambda r: r.with_mark(self.name, self.offset))


@dataclass(frozen=True)
class SaveArticle:
    record: ArticleRecord
    description: ClassVar[str] = "remember the article"

    def apply(self, store: Store) -> None:
        store.save_article(self.record)


Change = PutAnnotation | DeleteAnnotation | SavePosition | SetMark | SaveArticle
"""Every change a reader can make. Each ``apply`` is idempotent, so applying twice is harmless."""


class RecoveryFormatError(ValueError):
    """A recovery file hamish cannot read; the message says why, on one line."""


def change_record(change: Change) -> dict[str, Any]:
    """``change`` as one JSON object of a recovery file (``change_from_record`` reads it)."""
    match change:
        case PutAnnotation(annotation):
            return {"change": "put", "annotation": annotation.to_record()}
        case DeleteAnnotation(annotation_id, None):
            return {"change": "delete", "id": annotation_id}
        case DeleteAnnotation(annotation_id, article_key):
            return {"change": "delete", "id": annotation_id, "article_key": article_key}
        case SavePosition(article_key, offset, furthest):
            return {
                "change": "position",
                "article_key": article_key,
                "offset": offset,
                "furthest": furthest,
            }
        case SetMark(article_key, name, offset):
            return {"change": "mark", "article_key": article_key, "name": name, "offset": offset}
        case SaveArticle(record):
            return {"change": "article", "article": record.to_record()}


def change_from_record(record: Any) -> Change:
    """The change ``change_record`` wrote; "add" and "update" (hamish before "put") are puts."""
    if not isinstance(record, Mapping):
        raise RecoveryFormatError("a change must be an object")
    kind = record.get("change")
    try:
        if kind in ("put", "add", "update"):
            return PutAnnotation(Annotation.from_record(record["annotation"]))
        if kind == "delete":
            key = record.get("article_key")
            return DeleteAnnotation(str(record["id"]), None if key is None else str(key))
        if kind == "position":
            offset = int(record["offset"])
            furthest = int(record.get("furthest", offset))
            return SavePosition(str(record["article_key"]), offset, furthest)
        if kind == "mark":
            name, offset = str(record["name"]), int(record["offset"])
            return SetMark(str(record["article_key"]), name, offset)
        if kind == "article":
            return SaveArticle(ArticleRecord.from_record(record["article"]))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise RecoveryFormatError(
            f"a {kind} change is incomplete or malformed ({error!r})"
        ) from None
    raise RecoveryFormatError(f"unknown kind of change {kind!r}")


def write_recovery(changes: Iterable[Change], directory: Path) -> Path:
    """Save unwritten changes to a new file; tries ``directory``, then home, then the cwd.

    The file appears complete or not at all (``create_file``): a full disk never leaves an
    empty recovery file that would hide the good one written to the next folder.
    """
    stamp = utc_now().replace(":", "").replace(".", "")
    document = {RECOVERY_KEY: [change_record(change) for change in changes]}
    try:
        payload = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (from a store edited by hand): kept as its JSON escape, as the store
        # keeps it, so that `hamish doctor --recover` can read the file as UTF-8.
        payload = json.dumps(document, indent=2).encode("ascii")
    last_error: OSError | None = None
    for folder in (directory, Path.home(), Path.cwd()):
        target = folder / f"hamish-unsaved-{stamp}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            create_file(target, [payload], mode=PRIVATE)
            return target
        except OSError as error:
            last_error = error
    assert last_error is not None
    raise last_error


def is_recovery(document: Any) -> bool:
    return isinstance(document, Mapping) and RECOVERY_KEY in document


def recovery_from_text(text: str) -> list[Change]:
    """The changes in a recovery file's text; ``RecoveryFormatError`` says what is wrong with
    it (empty, not JSON, not a recovery file, a malformed change)."""
    if not text.strip():
        raise RecoveryFormatError("is empty: it holds no changes")
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise RecoveryFormatError(f"is not valid JSON ({error})") from None
    if not is_recovery(document):
        raise RecoveryFormatError(f"is not a recovery file (it has no {RECOVERY_KEY})")
    return read_recovery(document)


def read_recovery(document: Mapping[str, Any]) -> list[Change]:
    """The changes in a parsed recovery file, in the order they were made. Every record is
    checked before any is returned: half a recovery is harder to sort out than none."""
    records = document[RECOVERY_KEY]
    if not isinstance(records, list):
        raise RecoveryFormatError(f"{RECOVERY_KEY} must be a list")
    changes: list[Change] = []
    for number, record in enumerate(records, start=1):
        try:
            changes.append(change_from_record(record))
        except RecoveryFormatError as error:
            raise RecoveryFormatError(f"change {number}: {error}") from None
    return changes


@dataclass(frozen=True)
class RecoveryPlan:
    """What applying a recovery file would do to the annotations in the store, by comparing
    each annotation's state in the store with its state after the file's last change to it."""

    added: tuple[Annotation, ...]
    replaced: tuple[tuple[Annotation, Annotation], ...]
    """(stored, replacement) for each stored annotation that would change."""
    deleted: tuple[Annotation, ...]
    articles: int
    """Article records, reading positions and marks saved."""

    @property
    def loses_anything(self) -> bool:
        """Whether a stored annotation would be deleted or rewritten: ask first."""
        return bool(self.replaced or self.deleted)


def plan_recovery(store: Store, changes: Iterable[Change]) -> RecoveryPlan:
    final: dict[str, tuple[str | None, Annotation | None]] = {}
    """annotation id -> its article (if known) and its state after the last change to it."""
    articles = 0
    for change in changes:
        match change:
            case PutAnnotation(annotation):
                final[annotation.id] = (annotation.article_key, annotation)
            case DeleteAnnotation(annotation_id, article_key):
                final[annotation_id] = (article_key, None)
            case SavePosition() | SetMark() | SaveArticle():
                articles += 1
    added: list[Annotation] = []
    replaced: list[tuple[Annotation, Annotation]] = []
    deleted: list[Annotation] = []
    for annotation_id, (article_key, after) in final.items():
        before = store.get_annotation(annotation_id, article_key)
        if before is None and after is not None:
            added.append(after)
        elif before is not None and after is None:
            deleted.append(before)
        elif before is not None and after is not None and before != after:
            replaced.append((before, after))
    return RecoveryPlan(tuple(added), tuple(replaced), tuple(deleted), articles)


@dataclass(frozen=True)
class Applied:
    applied: int
    skipped: tuple[str, ...]
    """Why each change that could not apply did not (a position for an unknown article)."""


def apply_changes(store: Store, changes: Iterable[Change]) -> Applied:
    """Apply ``changes`` in order; one for an unknown article is skipped, not fatal."""
    applied = 0
    skipped: list[str] = []
    for change in changes:
        try:
            change.apply(store)
        except KeyError as missing:
            skipped.append(f"{change.description}: unknown article {missing}")
            continue
        applied += 1
    return Applied(applied, tuple(skipped))
