"""What a highlight is, independent of how it is stored or drawn.

Shaped like the W3C Web Annotation data model: a ``TextPositionSelector`` (``start``/``end`` in
code points of the article's logical text) and a ``TextQuoteSelector`` (``quote`` with 32 code
points of ``prefix`` and ``suffix``), so the annotation can be found again after the article
changes (see ``anchoring``) and exported without loss.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from hamish.core.annotations.colors import Color as Color
from hamish.core.file_names import path_from_stored, stored_path

SCHEMA_VERSION = 1
CONTEXT_LENGTH = 32


def utc_now() -> str:
    """ISO 8601 in UTC with milliseconds, so two edits in one second still order."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def shown_time(stamp: str) -> str:
    """``2026-01-07T10:27:03.120Z`` as ``2026-01-07 10:27 UTC``: minutes are enough to show."""
    if len(stamp) < len("2026-01-07T10:27"):
        return stamp
    return f"{stamp[:10]} {stamp[11:16]}" + (" UTC" if stamp.endswith("Z") else "")


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped, empty ones dropped, duplicates removed keeping the first spelling."""
    seen: dict[str, None] = {}
    for tag in tags:
        tag = " ".join(tag.split())
        if tag and tag not in seen:
            seen[tag] = None
    return tuple(seen)


@dataclass(frozen=True)
class Annotation:
    id: str
    article_key: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    color: Color = Color.YELLOW
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    text_hash: str = ""
    schema_version: int = SCHEMA_VERSION
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Fields a newer hamish wrote that this one does not know; kept so a rewrite loses none."""

    @classmethod
    def create(
        cls,
        *,
        article_key: str,
        text: str,
        start: int,
        end: int,
        text_hash: str,
        color: Color = Color.YELLOW,
        note: str = "",
        tags: Iterable[str] = (),
        now: str | None = None,
    ) -> Annotation:
        """A new annotation of ``text[start:end]``, its quote and context taken from ``text``."""
        if not 0 <= start < end <= len(text):
            raise ValueError(f"invalid range {start}:{end} for a text of {len(text)} characters")
        stamp = now or utc_now()
        return cls(
            id=str(uuid.uuid4()),
            article_key=article_key,
            start=start,
            end=end,
            quote=text[start:end],
            prefix=text[max(0, start - CONTEXT_LENGTH) : start],
            suffix=text[end : end + CONTEXT_LENGTH],
            color=color,
            note=note,
            tags=normalise_tags(tags),
            created=stamp,
            updated=stamp,
            text_hash=text_hash,
        )

    def edited(
        self,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        color: Color | None = None,
        now: str | None = None,
    ) -> Annotation:
        """A copy with the given fields changed and ``updated`` bumped."""
        return replace(
            self,
            note=self.note if note is None else note,
            tags=self.tags if tags is None else normalise_tags(tags),
            color=self.color if color is None else color,
            updated=now or utc_now(),
        )

    def moved(self, text: str, start: int, end: int, text_hash: str) -> Annotation:
        """The same annotation re-anchored to ``text[start:end]`` of an edited article.

        The quote is kept as the user made it; the context is refreshed from the new text so
        the next re-anchoring starts from where the passage is now.
        """
        return replace(
            self,
            start=start,
            end=end,
            prefix=text[max(0, start - CONTEXT_LENGTH) : start],
            suffix=text[end : end + CONTEXT_LENGTH],
            text_hash=text_hash,
        )

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict; unknown fields from a newer file are written back as they were."""
        record: dict[str, Any] = dict(self.extra)
        record.update(
            id=self.id,
            article_key=self.article_key,
            start=self.start,
            end=self.end,
            quote=self.quote,
            prefix=self.prefix,
            suffix=self.suffix,
            color=self.color.value,
            note=self.note,
            tags=list(self.tags),
            created=self.created,
            updated=self.updated,
            text_hash=self.text_hash,
            schema_version=self.schema_version,
        )
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Annotation:
        known = {
            "id", "article_key", "start", "end", "quote", "prefix", "suffix", "color", "note",
            "tags", "created", "updated", "text_hash", "schema_version",
        }  # fmt: skip
        color = record.get("color", Color.YELLOW.value)
        return cls(
            id=str(record["id"]),
            article_key=str(record["article_key"]),
            start=int(record["start"]),
            end=int(record["end"]),
            quote=str(record["quote"]),
            prefix=str(record.get("prefix", "")),
            suffix=str(record.get("suffix", "")),
            color=Color(color) if color in Color._value2member_map_ else Color.YELLOW,
            note=str(record.get("note", "")),
            tags=tuple(str(tag) for tag in record.get("tags", ())),
            created=str(record.get("created", "")),
            updated=str(record.get("updated", "")),
            text_hash=str(record.get("text_hash", "")),
            schema_version=int(record.get("schema_version", SCHEMA_VERSION)),
            extra={k: v for k, v in record.items() if k not in known},
        )


@dataclass(frozen=True)
class ArticleRecord:
    """What the store remembers of an article between sessions.

    ``key`` is the article's identity: the content key of its text when hamish first saw it. It
    does not change when the file is edited (``text_hash`` does) or moved (``path`` does), so
    annotations stay attached to their article.
    """

    key: str
    text_hash: str
    title: str
    path: str | None = None
    """The file as Python names it (``os.fsdecode``: bytes that are not UTF-8 as surrogates);
    stored with ``stored_path``."""
    length: int = 0
    words: int = 0
    date: str | None = None
    position: int = 0
    """Where the reader was (the caret): where the article opens again."""
    added: str = ""
    last_opened: str = ""
    url: str | None = None
    """For an article from the web: its URL (``WebOrigin.url``)."""
    site: str | None = None
    furthest: int = 0
    """The furthest point of the text that has been on screen: how much has been read, which
    going back to the top does not undo. Never before ``position``."""
    marks: tuple[tuple[str, int], ...] = ()
    """The reader's marks (``m`` + letter, as in less and vim): (letter, offset), by letter."""
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.furthest < self.position:
            object.__setattr__(self, "furthest", self.position)

    def mark(self, name: str) -> int | None:
        return dict(self.marks).get(name)

    def with_mark(self, name: str, offset: int) -> ArticleRecord:
        marks = {**dict(self.marks), name: offset}
        return replace(self, marks=tuple(sorted(marks.items())))

    def with_position(self, offset: int, furthest: int = 0) -> ArticleRecord:
        """Read up to ``offset``, and as far as ``furthest``: the furthest point only grows."""
        return replace(self, position=offset, furthest=max(self.furthest, furthest, offset))

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = dict(self.extra)
        record.update(
            key=self.key,
            text_hash=self.text_hash,
            title=self.title,
            path=None if self.path is None else stored_path(self.path),
            length=self.length,
            words=self.words,
            date=self.date,
            position=self.position,
            added=self.added,
            last_opened=self.last_opened,
        )
        # Written only when set, so records of files stay as they were.
        record.update({k: v for k, v in (("url", self.url), ("site", self.site)) if v})
        if self.furthest > self.position:
            record["furthest"] = self.furthest
        if self.marks:
            record["marks"] = dict(self.marks)
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> ArticleRecord:
        known = {
            "key", "text_hash", "title", "path", "length", "words", "date", "position", "added",
            "last_opened", "url", "site", "furthest", "marks",
        }  # fmt: skip
        path = record.get("path")
        date = record.get("date")
        url = record.get("url")
        site = record.get("site")
        marks = record.get("marks")
        return cls(
            key=str(record["key"]),
            text_hash=str(record.get("text_hash", record["key"])),
            title=str(record.get("title", "")),
            path=None if path is None else path_from_stored(str(path)),
            length=int(record.get("length", 0)),
            words=int(record.get("words", 0)),
            date=None if date is None else str(date),
            position=int(record.get("position", 0)),
            added=str(record.get("added", "")),
            last_opened=str(record.get("last_opened", "")),
            url=None if url is None else str(url),
            site=None if site is None else str(site),
            furthest=int(record.get("furthest", 0)),
            marks=_marks_from(marks),
            extra={k: v for k, v in record.items() if k not in known},
        )


def _marks_from(stored: object) -> tuple[tuple[str, int], ...]:
    """The marks of a stored record; one written by hand that is not a letter and an offset is
    left out rather than making the whole article unreadable."""
    if not isinstance(stored, Mapping):
        return ()
    found = {
        name: offset
        for name, offset in stored.items()
        if isinstance(name, str) and isinstance(offset, int) and not isinstance(offset, bool)
    }
    return tuple(sorted(found.items()))


class AnchorStatus(StrEnum):
    """How an annotation was found in the article as it is now."""

    EXACT = "exact"
    """The stored range still holds the quote."""
    MOVED = "moved"
    """The exact quote was found elsewhere (the article was edited before it)."""
    FUZZY = "fuzzy"
    """A close but not identical passage was found (the passage itself was edited)."""
    ORPHAN = "orphan"
    """Not found: kept, listed and exported, never deleted automatically."""


@dataclass(frozen=True)
class Anchored:
    """An annotation placed in an article's current text.

    ``start``/``end`` are where it is now (for an orphan, where it was). The stored
    ``annotation`` is unchanged; callers persist ``annotation.moved(...)`` when they choose.
    """

    annotation: Annotation
    status: AnchorStatus
    start: int
    end: int

    @property
    def orphaned(self) -> bool:
        return self.status is AnchorStatus.ORPHAN
