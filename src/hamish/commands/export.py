"""``hamish export``: annotations as Markdown, W3C Web Annotation JSON or Readwise CSV, to
stdout or files.

Each article is opened as the reader opens it (identified, its annotations re-anchored in the
current text), so an export always says where each passage is now. With ``--all`` every
annotated article is exported (``--include-empty`` adds the others); one whose file is gone or
now holds another text is still exported, from the store, its annotations as orphans shown in
the context they were made in: nothing is skipped silently.

A file hamish wrote is updated in place; in a directory, an article's earlier export is found
by the article it names, whatever it is called now (``core.export.targets``). Everything is
read and prepared before the first file is written, so a bad PATH or a name taken by a file
hamish did not write stops the command with nothing written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from hamish.commands.common import (
    EXIT_OK,
    CommandError,
    command_parser,
    known_record,
    read_article,
    read_store,
    warn,
)
from hamish.commands.output import plain
from hamish.core.annotations.model import Anchored, AnchorStatus, ArticleRecord
from hamish.core.article import Article, WebOrigin
from hamish.core.config import load_config
from hamish.core.counts import count
from hamish.core.export.common import article_identity
from hamish.core.export.files import (
    EXPORT_FORMATS,
    EXTENSIONS,
    ExportFormat,
    combine_documents,
    export_text,
    export_time,
    write_target,
)
from hamish.core.export.flavors import DEFAULT_FLAVOR, FLAVORS, Flavor
from hamish.core.export.targets import (
    ForeignFileError,
    OnForeign,
    PendingExport,
    Target,
    plan_directory,
    plan_file,
)
from hamish.core.library import unsaved_problem
from hamish.core.loaders import LoadError
from hamish.core.opening import article_path, open_article
from hamish.core.store import Store

REPORTS = {"create": "wrote", "replace": "wrote", "update": "updated", "unchanged": "unchanged"}


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "export",
        "Export articles' annotations as Markdown (default), W3C Web Annotation JSON or "
        "Readwise CSV.",
        "Several articles go to stdout or -o FILE as one document (Markdown: one after the "
        "other; JSON: an array of one AnnotationCollection per article; CSV: all rows), to -o "
        "DIR as one file each. A file hamish wrote is updated in place. SOURCE_DATE_EPOCH, if "
        "set, is used as the JSON export time.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH|URL", help="articles to export: files or web pages"
    )
    parser.add_argument("--all", action="store_true", help="every article with annotations")
    parser.add_argument(
        "--include-empty", action="store_true", help="with --all: articles without annotations too"
    )
    parser.add_argument(
        "--format", choices=EXPORT_FORMATS, default="md", help="md (default), json or readwise"
    )
    parser.add_argument(
        "--flavor",
        choices=FLAVORS,
        help="what Markdown is written for: obsidian, github or plain (default: the "
        "export_flavor setting, obsidian unless set)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR|-",
        help="a file, an existing directory or a path ending in '/' (one file per article), "
        "or - for stdout (the default)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace files that hamish did not write"
    )
    return parser


def stored_article(record: ArticleRecord) -> Article:
    """An article known only from the store (its file is gone): no text, so every annotation
    is an orphan shown in the context saved with it; and the key of the text hamish last saw
    rather than of the empty text, so a JSON export still names the text its notes were on."""
    article = Article.build(
        (), title=record.title, source=Path(record.path) if record.path else None, date=record.date
    )
    if record.url:
        article = replace(article, web=WebOrigin(record.url, record.url, site=record.site))
    return replace(article, stored_key=record.text_hash or record.key)


def _orphans(store: Store, record: ArticleRecord) -> list[Anchored]:
    return [
        Anchored(annotation, AnchorStatus.ORPHAN, annotation.start, annotation.end)
        for annotation in store.annotations_for(record.key)
    ]


class Exporter:
    """Turns articles into ``PendingExport``s in one format, flavour and export time."""

    def __init__(self, export_format: ExportFormat, flavor: Flavor, stamp: str) -> None:
        self.export_format, self.flavor, self.stamp = export_format, flavor, stamp

    def __call__(self, article: Article, anchored: list[Anchored]) -> PendingExport:
        text = export_text(
            article,
            anchored,
            export_format=self.export_format,
            exported_at=self.stamp,
            flavor=self.flavor,
        )
        return PendingExport(article_identity(article, anchored), article.title, text)


def _from_record(store: Store, record: ArticleRecord, export: Exporter) -> PendingExport:
    """One known article: from its file if it still holds this article, else from the store."""
    where = record.path or record.url or record.title or record.key
    if record.path is None:
        problem = unsaved_problem(record)
    else:
        try:
            article = read_article(Path(record.path))
        except LoadError as error:
            problem = error.reason
        else:
            found = store.find_article(article.key, article_path(article))
            if found is not None and found.key == record.key:
                return export(article, list(open_article(store, article).anchored))
            problem = "the file now holds another text"
    orphans = _orphans(store, record)
    warn(
        f"{where}: {problem}; its {count(len(orphans), 'annotation')} exported from the store "
        "as orphans"
    )
    return export(stored_article(record), orphans)


def _prepare_all(args: argparse.Namespace, export: Exporter) -> list[PendingExport]:
    prepared: list[PendingExport] = []
    with read_store() as store:
        if args.all:
            for record in store.list_articles():
                if args.include_empty or store.annotations_for(record.key):
                    prepared.append(_from_record(store, record, export))
            return prepared
        for path in args.paths:
            article = read_article(path)
            known_record(store, article, path)
            prepared.append(export(article, list(open_article(store, article).anchored)))
    return prepared


def write_stdout(text: str) -> None:
    """A machine format on stdout: UTF-8 bytes whatever the locale says."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8", "surrogatepass"))
    buffer.flush()


def _write(targets: list[tuple[Target, str]]) -> None:
    for target, text in targets:
        try:
            action = write_target(target, text)
        except FileExistsError:
            raise CommandError(f"{target.path}: already exists (--force replaces it)") from None
        except OSError as error:
            raise CommandError(f"cannot write {target.path}: {error.strerror or error}") from None
        print(plain(f"{REPORTS[action]} {target.path}"))


def _planned(plan: Callable[[], list[Target]]) -> list[Target]:
    try:
        return plan()
    except ForeignFileError as error:
        raise CommandError(f"{error} (--force replaces it)") from None
    except OSError as error:
        raise CommandError(f"cannot read {error.filename}: {error.strerror or error}") from None


def _write_directory(folder: Path, prepared: list[PendingExport], args: argparse.Namespace) -> None:
    foreign: OnForeign = "replace" if args.force else "refuse"
    extension = EXTENSIONS[args.format]
    targets = _planned(lambda: plan_directory(folder, prepared, extension, foreign=foreign))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"cannot create {folder}: {error.strerror or error}") from None
    _write([(target, item.text) for target, item in zip(targets, prepared, strict=True)])


def _is_directory(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def _flavor(args: argparse.Namespace) -> Flavor:
    """``--flavor``, else the ``export_flavor`` setting (a bad setting is reported, not fatal)."""
    if args.flavor is not None:
        flavor: Flavor = args.flavor
        return flavor
    config, problems = load_config()
    for problem in problems:
        warn(problem)
    return config.export_flavor


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.paths and not args.all:
        parser.error("name the articles to export (PATH ...) or give --all")
    if args.paths and args.all:
        parser.error("give PATHs or --all, not both")
    if args.include_empty and not args.all:
        parser.error("--include-empty goes with --all")
    if args.flavor is not None and args.format != "md":
        parser.error("--flavor is for Markdown (--format md)")
    try:
        stamp = export_time()
    except ValueError as error:
        raise CommandError(str(error)) from None
    flavor = _flavor(args) if args.format == "md" else DEFAULT_FLAVOR  # only Markdown has one
    prepared = _prepare_all(args, Exporter(args.format, flavor, stamp))
    if not prepared:
        warn(
            "hamish knows no annotated articles: nothing to export (--include-empty exports "
            "the others)"
            if args.all and not args.include_empty
            else "hamish knows no articles yet: nothing to export"
        )
    output: str | None = args.output
    if output is not None and output != "-" and _is_directory(output):
        _write_directory(Path(output), prepared, args)
        return EXIT_OK
    documents = [item.text for item in prepared]
    single = len(args.paths) == 1
    text = documents[0] if single else combine_documents(documents, args.format)
    if output is None or output == "-":
        if documents or args.format != "md":
            write_stdout(text)
    else:
        path = Path(output)
        _write([(_planned(lambda: [plan_file(path, text, force=args.force)])[0], text)])
    return EXIT_OK
