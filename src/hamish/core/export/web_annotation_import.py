"""Reading Web Annotation JSON back into hamish annotations.

Reads what ``export_json`` writes without loss, and the common shapes other tools write: a bare
``Annotation``, a list of them, an ``AnnotationPage``, or a collection with embedded pages;
``bodyValue`` and bodies without a ``purpose`` count as the note. Anything hamish cannot use
safely is refused with an ``ImportFormatError`` naming the annotation and the reason, before a
single annotation is imported: half an import is harder to undo than none.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from hamish.core.annotations.model import SCHEMA_VERSION, Annotation, Color, normalise_tags
from hamish.core.export.web_annotation import ANNOTATION_URN, ARTICLE_URN, UUID_URN
from hamish.core.safe_text import invalid_text_reason
from hamish.core.web.urls import is_web_url

MAX_PAGES = 10_000


class ImportFormatError(ValueError):
    """The file is not Web Annotation JSON hamish can import; the message says why, on one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(" ".join(reason.split()))


@dataclass(frozen=True)
class ImportSource:
    """Where an imported annotation says it came from: what import matching has to go on."""

    iri: str
    """``target.source`` as written (``urn:hamish:article:<key>``, a URL, or ``""``)."""
    article_key: str | None
    title: str | None
    text_hash: str | None
    path: str | None
    date: str | None
    url: str | None = None
    """The web page the annotation was made on, if it names one."""


@dataclass(frozen=True)
class ImportedAnnotation:
    annotation: Annotation
    source: ImportSource


@dataclass(frozen=True)
class ImportBatch:
    annotations: tuple[ImportedAnnotation, ...]
    title: str | None = None
    exported_at: str | None = None
    warnings: tuple[str, ...] = ()
    """What was left out of otherwise usable annotations ("annotation 3: body 5 ...")."""


def _types(value: Mapping[str, Any]) -> set[str]:
    kind = value.get("type", value.get("@type"))
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {item for item in kind if isinstance(item, str)}
    return set()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _string(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ImportFormatError(f"{what} must be a string, not {type(value).__name__}")
    return value


def _optional_string(record: Mapping[str, Any], key: str, what: str) -> str | None:
    value = record.get(key)
    return None if value is None else _string(value, what)


def _integer(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ImportFormatError(f"{what} must be an integer, not {value!r}")
    return value


def _pages(collection: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    page = collection.get("first")
    for _ in range(MAX_PAGES):
        if page is None:
            return
        if not isinstance(page, Mapping):
            raise ImportFormatError(
                "the collection's pages are links, not embedded; hamish reads embedded pages only"
            )
        yield page
        page = page.get("next")
    raise ImportFormatError(f"the collection has more than {MAX_PAGES} pages")


def _items(document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if not isinstance(document, Mapping):
        raise ImportFormatError("expected a JSON object or list of annotations")
    kinds = _types(document)
    if "Annotation" in kinds:
        return [document]
    if "AnnotationPage" in kinds:
        return _as_list(document.get("items"))
    if "AnnotationCollection" in kinds:
        return [item for page in _pages(document) for item in _as_list(page.get("items"))]
    raise ImportFormatError(
        "expected an Annotation, AnnotationPage or AnnotationCollection, "
        f"found type {document.get('type')!r}"
    )


def _annotation_id(iri: str) -> str:
    if iri.startswith(UUID_URN):
        return iri[len(UUID_URN) :]
    if iri.startswith(ANNOTATION_URN):
        return unquote(iri[len(ANNOTATION_URN) :], errors="surrogatepass")
    return iri


def _selectors(target: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any] | None]:
    quote_selector: Mapping[str, Any] | None = None
    position: Mapping[str, Any] | None = None
    for selector in _as_list(target.get("selector")):
        if not isinstance(selector, Mapping):
            continue
        kinds = _types(selector)
        if "TextQuoteSelector" in kinds and quote_selector is None:
            quote_selector = selector
        elif "TextPositionSelector" in kinds and position is None:
            position = selector
    if quote_selector is None:
        raise ImportFormatError("target has no TextQuoteSelector (hamish needs the quoted text)")
    return quote_selector, position


def _target(record: Mapping[str, Any]) -> Mapping[str, Any]:
    targets = [target for target in _as_list(record.get("target")) if isinstance(target, Mapping)]
    for target in targets:
        if any(
            isinstance(selector, Mapping) and "TextQuoteSelector" in _types(selector)
            for selector in _as_list(target.get("selector"))
        ):
            return target
    if not targets:
        raise ImportFormatError("no target with selectors (a bare link cannot be anchored)")
    return targets[0]


def _bodies(record: Mapping[str, Any], warnings: list[str]) -> tuple[str, tuple[str, ...]]:
    """The note (comment bodies joined by blank lines) and the tags. A body that is neither an
    object nor a link is left out with a warning: silently it would become an empty note."""
    notes: list[str] = []
    tags: list[str] = []
    if "bodyValue" in record:
        notes.append(_string(record["bodyValue"], "bodyValue"))
    for body in _as_list(record.get("body")):
        if not isinstance(body, Mapping | str):
            warnings.append(
                f"body {json.dumps(body)[:40]} is not a note, a tag or a link: left out"
            )
            continue
        if isinstance(body, str) or "value" not in body:
            continue  # a link to an external body: nothing hamish can show
        value = _string(body["value"], "body value")
        if "tagging" in _as_list(body.get("purpose")):
            tags.append(value)
        else:
            notes.append(value)
    return "\n\n".join(notes), normalise_tags(tags)


def _color(target: Mapping[str, Any]) -> Color:
    style = target.get("styleClass")
    for name in style.split() if isinstance(style, str) else ():
        if name in Color._value2member_map_:
            return Color(name)
    return Color.YELLOW


def _range(position: Mapping[str, Any] | None, exact: str) -> tuple[int, int]:
    if position is None:
        return 0, len(exact)
    start = _integer(position.get("start"), "TextPositionSelector start")
    end = _integer(position.get("end"), "TextPositionSelector end")
    if not 0 <= start < end:
        raise ImportFormatError(f"TextPositionSelector range {start}:{end} is empty or negative")
    return start, end


def _article_key(iri: str) -> str | None:
    return (
        unquote(iri[len(ARTICLE_URN) :], errors="surrogatepass")
        if iri.startswith(ARTICLE_URN)
        else None
    )


def _annotation(record: Any, article: ImportSource, warnings: list[str]) -> ImportedAnnotation:
    if not isinstance(record, Mapping) or "Annotation" not in _types(record):
        raise ImportFormatError("not an object of type Annotation")
    identifier = _annotation_id(_string(record.get("id"), "id"))
    if not identifier:
        raise ImportFormatError("id is empty")
    target = _target(record)
    quote_selector, position = _selectors(target)
    exact = _string(quote_selector.get("exact"), "TextQuoteSelector exact")
    if not exact:
        raise ImportFormatError("TextQuoteSelector exact is empty")
    start, end = _range(position, exact)
    note, tags = _bodies(record, warnings)
    iri = _optional_string(target, "source", "target source") or ""
    own = _optional_string(target, "hamish:article", "target hamish:article") or ""
    key = _article_key(iri) or _article_key(own) or article.article_key
    text_hash = _optional_string(target, "hamish:textHash", "hamish:textHash")
    extra = record.get("hamish:extra", {})
    if not isinstance(extra, Mapping):
        raise ImportFormatError("hamish:extra must be an object")
    annotation = Annotation(
        id=identifier,
        article_key=key or "",
        start=start,
        end=end,
        quote=exact,
        prefix=_optional_string(quote_selector, "prefix", "TextQuoteSelector prefix") or "",
        suffix=_optional_string(quote_selector, "suffix", "TextQuoteSelector suffix") or "",
        color=_color(target),
        note=note,
        tags=tags,
        created=_optional_string(record, "created", "created") or "",
        updated=_optional_string(record, "modified", "modified") or "",
        text_hash=text_hash or "",
        schema_version=_integer(
            record.get("hamish:schemaVersion", SCHEMA_VERSION), "hamish:schemaVersion"
        ),
        extra=dict(extra),
    )
    source = ImportSource(
        iri=iri,
        article_key=key,
        title=article.title,
        text_hash=text_hash or article.text_hash,
        path=article.path,
        date=article.date,
        url=iri if is_web_url(iri) else article.url,
    )
    return ImportedAnnotation(annotation, source)


def _local_path(reference: str | None) -> str | None:
    """The path a ``file:`` URI names, byte for byte (``Path.as_uri`` percent-encodes the
    bytes of a name that is not UTF-8; ``url2pathname`` would turn them into U+FFFD)."""
    if reference is None or not reference.startswith("file:"):
        return reference
    return os.fsdecode(unquote_to_bytes(urlsplit(reference).path))


def _collection_source(document: Any) -> ImportSource:
    """What the collection says about its article (``hamish:article``, else its ``label``)."""
    if not isinstance(document, Mapping):
        return ImportSource("", None, None, None, None, None)
    info = document.get("hamish:article")
    info = info if isinstance(info, Mapping) else {}
    title = info.get("title", document.get("label"))
    return ImportSource(
        iri="",
        article_key=_optional_string(info, "key", "hamish:article key"),
        title=None if title is None else _string(title, "collection label"),
        text_hash=_optional_string(info, "textHash", "hamish:article textHash"),
        path=_local_path(_optional_string(info, "source", "hamish:article source")),
        date=_optional_string(info, "date", "hamish:article date"),
        url=_optional_string(info, "url", "hamish:article url"),
    )


def refuse_invalid_text(annotations: Sequence[ImportedAnnotation]) -> None:
    """``ImportFormatError`` naming the first annotation that holds text which is not valid
    Unicode (JSON can spell a lone surrogate, ``"\\ud800"``). ``parse_json`` reads such text
    back exactly, as hamish wrote it; importing it would put text no UTF-8 program can read
    into the store, so the import command refuses it."""
    for number, imported in enumerate(annotations, start=1):
        annotation = imported.annotation
        fields = [
            ("id", annotation.id), ("quote", annotation.quote), ("prefix", annotation.prefix),
            ("suffix", annotation.suffix), ("note", annotation.note),
            *(("tag", tag) for tag in annotation.tags),
            ("hamish:extra", json.dumps(annotation.extra, ensure_ascii=False)),
        ]  # fmt: skip
        for what, value in fields:
            reason = invalid_text_reason(value)
            if reason is not None:
                raise ImportFormatError(f"annotation {number}: {what} is not valid text: {reason}")


def parse_document(text: str) -> Any:
    """``text`` as JSON, or ``ImportFormatError`` saying where it stops being JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except RecursionError:
        raise ImportFormatError("not usable JSON: nested too deeply") from None


def parse_json(text: str) -> ImportBatch:
    """The annotations in a Web Annotation JSON document; ``ImportFormatError`` if unusable."""
    document = parse_document(text)
    try:
        article = _collection_source(document)
    except ImportFormatError as error:
        raise ImportFormatError(f"collection: {error}") from None
    annotations: list[ImportedAnnotation] = []
    warnings: list[str] = []
    for number, record in enumerate(_items(document), start=1):
        found: list[str] = []
        try:
            annotations.append(_annotation(record, article, found))
        except ImportFormatError as error:
            raise ImportFormatError(f"annotation {number}: {error}") from None
        warnings += [f"annotation {number}: {warning}" for warning in found]
    exported_at = document.get("generated") if isinstance(document, Mapping) else None
    return ImportBatch(
        annotations=tuple(annotations),
        title=article.title,
        exported_at=exported_at if isinstance(exported_at, str) else None,
        warnings=tuple(warnings),
    )
