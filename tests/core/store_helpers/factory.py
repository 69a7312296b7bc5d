"""Annotations and articles for the store tests, made the way the app makes them."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from hamish.core.annotations.model import Annotation, ArticleRecord, Color
from hamish.core.store.layout import annotations_dir, shard_files, shard_name

TEXT = (
    "كانت المطبعة في القرن التاسع عشر تغيّر طريقة القراءة. "
    "The press changed how margins were used. "
    "הדפוס שינה את אופן הקריאה. "
    "ادبیات فارسی در حاشیه‌ها زنده ماند. "
) * 8

_clock = itertools.count()


def stamp() -> str:
    """Distinct, increasing timestamps so ordering by ``created`` is deterministic."""
    n = next(_clock)
    return f"2025-01-01T00:{n // 60 % 60:02d}:{n % 60:02d}.{n % 1000:03d}Z"


def annotation(
    article_key: str = "article-1",
    start: int = 0,
    length: int = 12,
    note: str = "",
    tags: tuple[str, ...] = (),
    color: Color = Color.YELLOW,
) -> Annotation:
    return Annotation.create(
        article_key=article_key,
        text=TEXT,
        start=start,
        end=start + length,
        text_hash=f"hash-of-{article_key}",
        color=color,
        note=note,
        tags=tags,
        now=stamp(),
    )


def article(
    key: str = "article-1", path: str | None = None, text_hash: str | None = None
) -> ArticleRecord:
    return ArticleRecord(
        key=key,
        text_hash=text_hash or f"hash-of-{key}",
        title=f"Title of {key}",
        path=path if path is not None else f"/library/{key}.txt",
        length=len(TEXT),
        words=len(TEXT.split()),
        added=stamp(),
    )


def temp_files(directory: Path) -> list[Path]:
    """Leftover temporary files of a save (they start with a dot and end in .tmp), in
    ``directory`` and in the articles' folder inside it."""
    return sorted(
        p for p in directory.rglob("*") if p.name.startswith(".") and p.name.endswith(".tmp")
    )


def annotation_file(db_path: Path, article_key: str = "article-1") -> Path:
    """The file holding ``article_key``'s annotations in the store whose index is ``db_path``."""
    return annotations_dir(db_path) / shard_name(article_key)


def stored_documents(db_path: Path) -> list[dict[str, Any]]:
    """Every annotation document of the store whose index is ``db_path``, read with plain
    TinyDB: those in the index (none, unless they have no article) and in every article's
    file, in file order."""
    documents: list[dict[str, Any]] = []
    for path in [db_path, *shard_files(annotations_dir(db_path))]:
        with TinyDB(path, access_mode="r") as db:
            documents += [dict(document) for document in db.table("annotations").all()]
    return documents
