"""``hamish import FILE|-``: annotations from a JSON export, or the app's unsaved changes.

A Web Annotation export (one collection, or the array ``export`` writes for several articles)
is matched against the articles hamish knows (``plan_import``); an article the file names by
path that hamish does not know yet is loaded from there, so an export moved to a fresh machine
with the articles imports completely. The annotations are stored in one write. A recovery file
(``hamish-unsaved-*.json``) has its changes applied again, in order.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from hamish.commands.common import EXIT_OK, CommandError, command_parser, open_store, read_article
from hamish.commands.output import Display, add_order_options, clipped, plain
from hamish.commands.recovery import apply_recovery, is_recovery, parse_recovery
from hamish.core.annotations.model import ArticleRecord
from hamish.core.article import Article
from hamish.core.export import ImportedAnnotation, ImportFormatError, parse_json, plan_import
from hamish.core.export.web_annotation_import import parse_document, refuse_invalid_text
from hamish.core.loaders import LoadError
from hamish.core.session import identify
from hamish.core.store import Store

QUOTE_SHOWN = 60


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "import",
        "Import annotations from hamish's JSON export (W3C Web Annotation), or apply the "
        "changes saved in a hamish-unsaved-*.json recovery file.",
        "Annotations already present are skipped; those whose article cannot be found are "
        "listed and not imported.",
    )
    parser.add_argument("file", metavar="FILE|-", help="the JSON file, or - for stdin")
    add_order_options(parser)
    return parser


def read_input(name: str) -> str:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except IsADirectoryError:
        raise CommandError(f"{name}: is a directory") from None
    except OSError as error:
        raise CommandError(f"{name}: cannot read ({error.strerror or error})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(f"{name}: not UTF-8 text (byte {error.start})") from None


def _is_collection(item: Any) -> bool:
    return isinstance(item, Mapping) and item.get("type") == "AnnotationCollection"


def imported_annotations(text: str, document: Any) -> list[ImportedAnnotation]:
    """Every annotation in a single document, or in each collection of an array of them."""
    if isinstance(document, list) and document and all(map(_is_collection, document)):
        found: list[ImportedAnnotation] = []
        for number, collection in enumerate(document, start=1):
            try:
                found += parse_json(json.dumps(collection)).annotations
            except ImportFormatError as error:
                raise ImportFormatError(f"collection {number}: {error}") from None
        return found
    return list(parse_json(text).annotations)


class _Candidates:
    """Articles named by the import's paths that the store does not know yet: offered to the
    matching, and saved to the store only if an annotation matched them."""

    def __init__(self, store: Store, annotations: Sequence[ImportedAnnotation]) -> None:
        self.articles: dict[str, Article] = {}
        records = store.list_articles()
        known = {record.key for record in records} | {record.text_hash for record in records}
        for item in annotations:
            source = item.source
            claimed = {item.annotation.article_key, source.article_key, source.text_hash}
            if source.path is None or claimed & known:
                continue
            try:
                article = read_article(Path(source.path))
            except LoadError:
                continue
            if article.key not in known:
                self.articles.setdefault(article.key, article)
                known.add(article.key)

    def records(self) -> list[ArticleRecord]:
        return [
            ArticleRecord(key, key, article.title, str(article.source), len(article.text))
            for key, article in self.articles.items()
        ]


def _text_reader(candidates: _Candidates) -> Callable[[ArticleRecord], str | None]:
    def article_text(record: ArticleRecord) -> str | None:
        if record.key in candidates.articles:
            return candidates.articles[record.key].text
        if record.path is None:
            return None
        try:
            return read_article(Path(record.path)).text
        except LoadError:
            return None

    return article_text


def _import_annotations(annotations: list[ImportedAnnotation], display: Display) -> None:
    with open_store() as store:
        candidates = _Candidates(store, annotations)
        plan = plan_import(
            annotations,
            store.list_articles() + candidates.records(),
            existing_ids={annotation.id for annotation in store.all_annotations()},
            article_text=_text_reader(candidates),
        )
        for key in {annotation.article_key for annotation in plan.to_add}:
            if key in candidates.articles:
                identify(store, candidates.articles[key])
        added = store.add_many(plan.to_add)
    skipped = plan.skipped_count + plan.imported_count - added
    print(
        f"imported {added}, skipped {skipped} (already present), unmatched {plan.unmatched_count}"
    )
    for item in plan.unmatched:
        print("  unmatched: " + display.inline(clipped(item.annotation.quote, QUOTE_SHOWN)))


def _apply_recovery(name: str, document: Mapping[str, Any]) -> None:
    changes = parse_recovery(document)
    with open_store() as store:
        recovered = apply_recovery(store, changes)
    print(f"applied {recovered.applied} of {len(changes)} unsaved changes from {plain(name)}")
    for reason in recovered.skipped:
        print(f"  skipped: {plain(reason)}")


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    name: str = args.file
    display = Display.for_stream(sys.stdout, args.order)
    text = read_input(name)
    try:
        document = parse_document(text)
        if is_recovery(document):
            _apply_recovery(name, document)
            return EXIT_OK
        annotations = imported_annotations(text, document)
        refuse_invalid_text(annotations)
    except ImportFormatError as error:
        raise CommandError(f"{name}: {error}") from None
    _import_annotations(annotations, display)
    return EXIT_OK
