"""``hamish import FILE|-``: annotations from a JSON export, added to the store.

A Web Annotation export (one collection, or the array ``export`` writes for several articles)
is matched against the articles hamish knows (``plan_import``); an article the file names by
path that hamish does not know yet is loaded from there, so an export moved to a fresh machine
with the articles imports completely. The annotations are stored in one write.

An import only ever adds: a file someone hands you cannot delete or rewrite your notes. The
app's recovery files (``hamish-unsaved-*.json``), which can, are refused here and applied by
``hamish doctor --recover FILE``, which shows what they would change first.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from hamish.commands.common import (
    EXIT_OK,
    CommandError,
    command_parser,
    open_store,
    read_article,
    read_input,
    warn,
)
from hamish.commands.output import Display, add_order_options, clipped, plain
from hamish.core import paths
from hamish.core.annotations.model import ArticleRecord
from hamish.core.article import Article
from hamish.core.changes import is_recovery
from hamish.core.export.matching import plan_import
from hamish.core.export.web_annotation_import import (
    ImportedAnnotation,
    ImportFormatError,
    parse_document,
    parse_json,
    refuse_invalid_text,
)
from hamish.core.loaders import LoadError
from hamish.core.opening import identify
from hamish.core.store import Store
from hamish.core.web.saved import find_saved_page

QUOTE_SHOWN = 60


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "import",
        "Import annotations from hamish's JSON export (W3C Web Annotation). An import only "
        "adds: annotations already present are skipped, never overwritten.",
        "Those whose article cannot be found are listed and not imported. A recovery file "
        "(hamish-unsaved-*.json) is applied with `hamish doctor --recover FILE` instead.",
    )
    parser.add_argument("file", metavar="FILE|-", help="the JSON file, or - for stdin")
    add_order_options(parser)
    return parser


def _is_collection(item: Any) -> bool:
    return isinstance(item, Mapping) and item.get("type") == "AnnotationCollection"


def imported_annotations(text: str, document: Any) -> tuple[list[ImportedAnnotation], list[str]]:
    """Every annotation in a single document, or in each collection of an array of them, and
    the warnings about what was left out of them."""
    if isinstance(document, list) and document and all(map(_is_collection, document)):
        found: list[ImportedAnnotation] = []
        warnings: list[str] = []
        for number, collection in enumerate(document, start=1):
            try:
                batch = parse_json(json.dumps(collection))
            except ImportFormatError as error:
                raise ImportFormatError(f"collection {number}: {error}") from None
            found += batch.annotations
            warnings += [f"collection {number}: {warning}" for warning in batch.warnings]
        return found, warnings
    batch = parse_json(text)
    return list(batch.annotations), list(batch.warnings)


class _Candidates:
    """Articles named by the import's paths, or saved pages with its URLs, that the store does
    not know yet: offered to the matching, and saved to the store only if an annotation matched
    them. An import never fetches: a page it names that is not saved stays unmatched."""

    def __init__(self, store: Store, annotations: Sequence[ImportedAnnotation]) -> None:
        self.articles: dict[str, Article] = {}
        self._saved: dict[str, Path | None] = {}
        records = store.list_articles()
        known = {record.key for record in records} | {record.text_hash for record in records}
        for item in annotations:
            source = item.source
            claimed = {item.annotation.article_key, source.article_key, source.text_hash}
            if claimed & known:
                continue
            places = [Path(source.path)] if source.path is not None else []
            saved = self._saved_page(source.url) if source.url else None
            places += [saved] if saved is not None else []
            for place in places:
                try:
                    article = read_article(place)
                except LoadError:
                    continue
                if article.key not in known:
                    self.articles.setdefault(article.key, article)
                    known.add(article.key)
                break

    def _saved_page(self, url: str) -> Path | None:
        if url not in self._saved:
            self._saved[url] = find_saved_page(paths.library_dir(), url)
        return self._saved[url]

    def records(self) -> list[ArticleRecord]:
        return [
            ArticleRecord(
                key,
                key,
                article.title,
                str(article.source),
                len(article.text),
                url=article.web.url if article.web is not None else None,
            )
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
    for used, given in plan.renamed:
        print(plain(f"  id {used} was used twice in the file: the second is imported as {given}"))


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    name: str = args.file
    display = Display.for_stream(sys.stdout, args.order)
    text = read_input(name)
    try:
        document = parse_document(text)
        if is_recovery(document):
            raise CommandError(
                f"{name}: holds changes hamish could not save, not an export; "
                f"`hamish doctor --recover {name}` shows what they would change and applies them"
            )
        annotations, warnings = imported_annotations(text, document)
        refuse_invalid_text(annotations)
    except ImportFormatError as error:
        raise CommandError(f"{name}: {error}") from None
    for warning in warnings:
        warn(f"{name}: {warning}")
    _import_annotations(annotations, display)
    return EXIT_OK
