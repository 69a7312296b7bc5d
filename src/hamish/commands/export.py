"""``hamish export``: annotations as Markdown or W3C Web Annotation JSON, to stdout or files.

Each article is opened as the reader opens it (identified, its annotations re-anchored in the
current text), so an export always says where each passage is now. With ``--all`` an article
whose file is gone or now holds another text is still exported, from the store, its annotations
as orphans shown in the context they were made in: nothing is skipped silently.

Everything is read and prepared before the first file is written, so a bad PATH or a name
already taken stops the command with nothing written.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from hamish.commands.common import (
    EXIT_OK,
    CommandError,
    command_parser,
    count,
    known_record,
    open_store,
    read_article,
    warn,
)
from hamish.commands.output import plain
from hamish.core.annotations.model import Anchored, AnchorStatus, ArticleRecord
from hamish.core.article import Article
from hamish.core.export import unique_file_names
from hamish.core.export.files import (
    EXTENSIONS,
    ExportFormat,
    combine_documents,
    export_text,
    export_time,
    write_text_atomically,
)
from hamish.core.loaders import LoadError
from hamish.core.session import article_path, open_article
from hamish.core.store import Store


@dataclass(frozen=True)
class Prepared:
    title: str
    text: str


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "export",
        "Export articles' annotations as Markdown (default) or W3C Web Annotation JSON.",
        "Several articles go to stdout or -o FILE as one document (Markdown: one after the "
        "other; JSON: an array of one AnnotationCollection per article), to -o DIR as one file "
        "each. SOURCE_DATE_EPOCH, if set, is used as the export time.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="articles to export")
    parser.add_argument("--all", action="store_true", help="every article hamish knows")
    parser.add_argument(
        "--format", choices=("md", "json"), default="md", help="md (default) or json"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR|-",
        help="a file, an existing directory or a path ending in '/' (one file per article), "
        "or - for stdout (the default)",
    )
    parser.add_argument("--force", action="store_true", help="replace files that already exist")
    return parser


def stored_article(record: ArticleRecord) -> Article:
    """An article known only from the store (its file is gone): no text, so every annotation
    is an orphan shown in the context saved with it; and the key of the text hamish last saw
    rather than of the empty text, so a JSON export still names the text its notes were on."""
    article = Article.build(
        (), title=record.title, source=Path(record.path) if record.path else None, date=record.date
    )
    return article.known_as(record.text_hash or record.key)


def _orphans(store: Store, record: ArticleRecord) -> list[Anchored]:
    return [
        Anchored(annotation, AnchorStatus.ORPHAN, annotation.start, annotation.end)
        for annotation in store.annotations_for(record.key)
    ]


def _prepare(
    article: Article, anchored: list[Anchored], export_format: ExportFormat, stamp: str
) -> Prepared:
    text = export_text(article, anchored, export_format=export_format, exported_at=stamp)
    return Prepared(article.title, text)


def _from_record(
    store: Store, record: ArticleRecord, export_format: ExportFormat, stamp: str
) -> Prepared:
    """One known article: from its file if it still holds this article, else from the store."""
    where = record.path or record.title or record.key
    if record.path is None:
        problem = "hamish does not know its file"
    else:
        try:
            article = read_article(Path(record.path))
        except LoadError as error:
            problem = error.reason
        else:
            found = store.find_article(article.key, article_path(article))
            if found is not None and found.key == record.key:
                opened = open_article(store, article)
                return _prepare(article, list(opened.anchored), export_format, stamp)
            problem = "the file now holds another text"
    orphans = _orphans(store, record)
    warn(
        f"{where}: {problem}; its {count(len(orphans), 'annotation')} exported from the store "
        "as orphans"
    )
    return _prepare(stored_article(record), orphans, export_format, stamp)


def _prepare_all(args: argparse.Namespace, stamp: str) -> list[Prepared]:
    export_format: ExportFormat = args.format
    prepared: list[Prepared] = []
    with open_store() as store:
        if args.all:
            for record in store.list_articles():
                prepared.append(_from_record(store, record, export_format, stamp))
            return prepared
        for path in args.paths:
            article = read_article(path)
            known_record(store, article, path)
            opened = open_article(store, article)
            prepared.append(_prepare(article, list(opened.anchored), export_format, stamp))
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


def _write(path: Path, text: str, force: bool) -> None:
    try:
        write_text_atomically(path, text, overwrite=force)
    except FileExistsError:
        raise CommandError(f"{path}: already exists (--force replaces it)") from None
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
    print(plain(f"wrote {path}"))


def _write_directory(folder: Path, prepared: list[Prepared], args: argparse.Namespace) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"cannot create {folder}: {error.strerror or error}") from None
    extension = EXTENSIONS[args.format]
    names = unique_file_names([item.title for item in prepared], extension)
    targets = [folder / name for name in names]
    if not args.force:
        for target in targets:
            if os.path.lexists(target):
                raise CommandError(f"{target}: already exists (--force replaces it)")
    for target, item in zip(targets, prepared, strict=True):
        _write(target, item.text, args.force)


def _is_directory(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.paths and not args.all:
        parser.error("name the articles to export (PATH ...) or give --all")
    if args.paths and args.all:
        parser.error("give PATHs or --all, not both")
    try:
        stamp = export_time()
    except ValueError as error:
        raise CommandError(str(error)) from None
    output: str | None = args.output
    to_file = output is not None and output != "-" and not _is_directory(output)
    if to_file and not args.force and os.path.lexists(str(output)):
        raise CommandError(f"{output}: already exists (--force replaces it)")
    prepared = _prepare_all(args, stamp)
    if not prepared:
        warn("hamish knows no articles yet: nothing to export")
    if output is not None and output != "-" and _is_directory(output):
        _write_directory(Path(output), prepared, args)
        return EXIT_OK
    documents = [item.text for item in prepared]
    single = len(args.paths) == 1
    text = documents[0] if single else combine_documents(documents, args.format)
    if output is None or output == "-":
        if documents or args.format == "json":
            write_stdout(text)
    else:
        _write(Path(output), text, args.force)
    return EXIT_OK
