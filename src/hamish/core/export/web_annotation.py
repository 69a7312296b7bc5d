"""An article's annotations as W3C Web Annotation JSON-LD.

The document is an ``AnnotationCollection`` with one embedded ``AnnotationPage`` rather than a
bare list: the collection is the spec's container for many annotations (Web Annotation Data
Model §5), and it has room for what describes the article once — title, text hash, file, date,
export time — which a list would have to repeat in every annotation or lose.

Each annotation is complete on its own (it repeats ``@context`` and names its article in
``target.source``), so one can be copied out of the page and still be understood. The source
is the page's URL for an article from the web, as for any tool that anchors by URL (Hypothesis
does), with hamish's own ``urn:hamish:article:<key>`` beside it in ``hamish:article``; for a
file it is that URN. hamish-only data sits in ``hamish:``-prefixed properties: with no ``hamish``
prefix in the context, JSON-LD reads such a key as an absolute IRI, so it survives JSON-LD
processing instead of being dropped as an unknown term.

An annotation is written as stored (its own positions, context and text hash), so the export is
a lossless copy that ``parse_json`` turns back into the same ``Annotation``; the collection's
``hamish:article.textHash`` says which text the reader has now.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from hamish.core.annotations.model import SCHEMA_VERSION, Anchored, Annotation
from hamish.core.article import Article
from hamish.core.export.common import article_identity, direction

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ARTICLE_URN = "urn:hamish:article:"
ANNOTATION_URN = "urn:hamish:annotation:"
UUID_URN = "urn:uuid:"
COLLECTION_URN = "urn:hamish:annotations:"
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
"""What ``str(uuid.UUID(...))`` prints: only that form is written as ``urn:uuid:``."""
_ITEM_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""Raw DEL/C1 controls reach a terminal that prints the file; U+2028/9 break JavaScript string
literals; lone surrogates cannot be encoded as UTF-8. JSON's ``\\u`` escape keeps them all."""


def _quoted(value: str) -> str:
    """Percent-encoded UTF-8; a lone surrogate (from a broken file) survives the round trip."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def annotation_iri(annotation_id: str) -> str:
    """``urn:uuid:<id>`` for a canonical uuid, otherwise a hamish URN that keeps the id as is."""
    if _CANONICAL_UUID.fullmatch(annotation_id):
        return UUID_URN + annotation_id
    return ANNOTATION_URN + _quoted(annotation_id)


@lru_cache(maxsize=256)
def article_iri(article_key: str) -> str:
    return ARTICLE_URN + _quoted(article_key)


def _textual_body(value: str, purpose: str) -> dict[str, Any]:
    """A body with its direction when the text has a strong character.

    No ``language``: a script does not name a language reliably (Arabic script writes Arabic,
    Persian, Urdu, Kurdish; Latin script hundreds), and a wrong tag is worse than none.
    """
    body: dict[str, Any] = {"type": "TextualBody", "purpose": purpose, "value": value}
    if purpose == "commenting":
        body["format"] = "text/plain"
    text_direction = direction(value)
    if text_direction:
        body["textDirection"] = text_direction
    return body


def annotation_json(annotation: Annotation, url: str | None = None) -> dict[str, Any]:
    """One annotation as a Web Annotation, with everything needed to rebuild it; ``url`` is
    its article's, for one from the web."""
    bodies = [_textual_body(annotation.note, "commenting")] if annotation.note else []
    bodies += [_textual_body(tag, "tagging") for tag in annotation.tags]
    record: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_iri(annotation.id),
        "type": "Annotation",
        "motivation": "commenting" if annotation.note else "highlighting",
    }
    if annotation.created:
        record["created"] = annotation.created
    if annotation.updated:
        record["modified"] = annotation.updated
    if bodies:
        record["body"] = bodies
    record["target"] = {
        "type": "SpecificResource",
        "source": url or article_iri(annotation.article_key),
        **({"hamish:article": article_iri(annotation.article_key)} if url else {}),
        "styleClass": annotation.color.value,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": annotation.quote,
                "prefix": annotation.prefix,
                "suffix": annotation.suffix,
            },
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
        ],
        "hamish:textHash": annotation.text_hash,
    }
    color = annotation.color
    record["stylesheet"] = {
        "type": "CssStylesheet",
        "value": f".{color.value} {{ background-color: {color.web}; }}",
    }
    if annotation.schema_version != SCHEMA_VERSION:
        record["hamish:schemaVersion"] = annotation.schema_version
    if annotation.extra:
        record["hamish:extra"] = dict(annotation.extra)
    return record


def _source_reference(source: Path | None) -> str | None:
    """A ``file:`` URI for an absolute path; a relative path stays a relative reference (it is
    not resolved: that would read the working directory, and the export must stay pure)."""
    if source is None:
        return None
    return source.as_uri() if source.is_absolute() else source.as_posix()


def _article_json(article: Article, key: str) -> dict[str, Any]:
    described = {
        "key": key,
        "title": article.title,
        "textHash": article.key,
        "source": _source_reference(article.source),
        "date": article.date,
    }
    if article.web is not None:
        described["url"] = article.web.url
    return described


def _layout(collection: dict[str, Any], page: dict[str, Any], items: list[dict[str, Any]]) -> str:
    """The collection indented, each annotation on one line of its own.

    One line per annotation keeps the file readable and makes a re-export's diff show exactly
    the annotations that changed; it also lets the C JSON encoder (which cannot indent) write
    the bulk of the file: indenting every annotation made a 10k export about three times
    slower.
    """
    head = json.dumps(collection, ensure_ascii=False, indent=2)
    lines = [head[: -len("\n}")] + ",", '  "first": {']
    lines += [
        f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},"
        for key, value in page.items()
    ]
    lines.append('    "items": [')
    encoded = [_ITEM_ENCODER.encode(item) for item in items]
    lines.append(",\n".join("      " + line for line in encoded))
    lines += ["    ]", "  }", "}"]
    text = "\n".join(line for line in lines if line)
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text) + "\n"


def export_json(article: Article, anchored: Sequence[Anchored], *, exported_at: str) -> str:
    """The article's annotations as an ``AnnotationCollection`` (see the module docstring).

    Annotations are ordered by their stored position, then creation time and id: the order then
    depends only on the annotations, so parsing and re-exporting gives the same document.
    """
    annotations = sorted(
        (item.annotation for item in anchored),
        key=lambda annotation: (annotation.start, annotation.created, annotation.id),
    )
    key = article_identity(article, anchored)
    collection_id = COLLECTION_URN + _quoted(key)
    collection = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": article.title,
        "total": len(annotations),
        "generator": {"type": "Software", "name": "hamish"},
        "generated": exported_at,
        "hamish:article": _article_json(article, key),
    }
    page = {"id": collection_id + ":page:0", "type": "AnnotationPage", "startIndex": 0}
    url = article.web.url if article.web is not None else None
    items = [annotation_json(annotation, url) for annotation in annotations]
    return _layout(collection, page, items)
