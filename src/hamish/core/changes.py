"""The changes a reader makes, as data: applied to the store later, possibly retried, never lost.

The app queues these and applies them off the UI thread. A change that cannot be written (disk
full, read-only directory) stays queued and is retried; if hamish must quit while changes are
still unwritten, they are saved as JSON next to the store (``recovery``) so the user can
``hamish import`` them — nothing typed is dropped.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from hamish.core.annotations.model import Annotation, ArticleRecord, utc_now
from hamish.core.store import Store


class Change(Protocol):
    @property
    def description(self) -> str:
        """What the change does, for messages ("save the highlight")."""
        ...

    def apply(self, store: Store) -> None: ...

    def to_record(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class AddAnnotation:
    annotation: Annotation
    description: str = "save the highlight"

    def apply(self, store: Store) -> None:
        if store.get_annotation(self.annotation.id) is None:
            store.add(self.annotation)
        else:
            store.update(self.annotation)

    def to_record(self) -> dict[str, Any]:
        return {"change": "add", "annotation": self.annotation.to_record()}


@dataclass(frozen=True)
class UpdateAnnotation:
    annotation: Annotation
    description: str = "save the annotation"

    def apply(self, store: Store) -> None:
        if store.get_annotation(self.annotation.id) is None:
            store.add(self.annotation)  # deleted elsewhere meanwhile: the newer edit wins
        else:
            store.update(self.annotation)

    def to_record(self) -> dict[str, Any]:
        return {"change": "update", "annotation": self.annotation.to_record()}


@dataclass(frozen=True)
class DeleteAnnotation:
    annotation_id: str
    description: str = "delete the annotation"

    def apply(self, store: Store) -> None:
        if store.get_annotation(self.annotation_id) is not None:
            store.delete(self.annotation_id)

    def to_record(self) -> dict[str, Any]:
        return {"change": "delete", "id": self.annotation_id}


@dataclass(frozen=True)
class SavePosition:
    article_key: str
    offset: int
    description: str = "save the reading position"

    def apply(self, store: Store) -> None:
        store.set_position(self.article_key, self.offset)

    def to_record(self) -> dict[str, Any]:
        return {"change": "position", "article_key": self.article_key, "offset": self.offset}


@dataclass(frozen=True)
class SaveArticle:
    record: ArticleRecord
    description: str = "remember the article"

    def apply(self, store: Store) -> None:
        store.save_article(self.record)

    def to_record(self) -> dict[str, Any]:
        return {"change": "article", "article": self.record.to_record()}


def write_recovery(changes: list[Change], directory: Path) -> Path:
    """Save unwritten changes to a new file; tries ``directory``, then home, then the cwd."""
    stamp = utc_now().replace(":", "").replace(".", "")
    payload = json.dumps(
        {"hamish_unsaved_changes": [change.to_record() for change in changes]},
        ensure_ascii=False,
        indent=2,
    )
    last_error: OSError | None = None
    for folder in (directory, Path.home(), Path.cwd()):
        target = folder / f"hamish-unsaved-{stamp}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(target, "x", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            return target
        except OSError as error:
            last_error = error
    assert last_error is not None
    raise last_error


PutAnnotation = AddAnnotation
"""Until the one ``Change`` type lands: adding and updating are the same upsert."""
