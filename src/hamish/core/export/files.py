"""Exports as files: the one place that writes them, shared by ``hamish export`` and the app.

An export is written through ``atomic_file``, so a crash or a full disk leaves the old file or
the new one, never half of either; unless told to overwrite, a name that is taken (even by a
race) is never replaced.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from hamish.core import paths
from hamish.core.annotations.model import Anchored, utc_now
from hamish.core.article import Article
from hamish.core.atomic_file import create_file, replace_file
from hamish.core.config import load_config
from hamish.core.export.common import article_identity
from hamish.core.export.flavors import DEFAULT_FLAVOR, Flavor
from hamish.core.export.markdown import export_markdown
from hamish.core.export.readwise import export_readwise, readwise_csv
from hamish.core.export.targets import (
    Action,
    OnForeign,
    PendingExport,
    Target,
    plan_directory,
)
from hamish.core.export.web_annotation import export_json

ExportFormat = Literal["md", "json", "readwise"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("md", "json", "readwise")
EXTENSIONS: dict[ExportFormat, str] = {"md": ".md", "json": ".json", "readwise": ".csv"}
ARTICLE_SEPARATOR = "\n* * *\n\n"
"""Between articles in a combined Markdown export: a thematic break, whatever the renderer."""


def export_time(environ: Mapping[str, str] | None = None) -> str:
    """Now, in the stores' ISO format; ``SOURCE_DATE_EPOCH`` (seconds) when it is set.

    Honouring the reproducible-builds variable lets a script (or a test) re-export unchanged
    notes to an identical file. ``ValueError`` if it is set but not an integer.
    """
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH")
    if not value:
        return utc_now()
    try:
        moment = datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError) as error:
        raise ValueError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {value!r}") from error
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def export_text(
    article: Article,
    anchored: Sequence[Anchored],
    *,
    export_format: ExportFormat = "md",
    exported_at: str | None = None,
    flavor: Flavor = DEFAULT_FLAVOR,
) -> str:
    """One article's annotations as Markdown (in ``flavor``), W3C Web Annotation JSON (stamped
    ``exported_at``, default now) or Readwise CSV."""
    if export_format == "json":
        return export_json(article, anchored, exported_at=exported_at or export_time())
    if export_format == "readwise":
        return export_readwise(article, anchored)
    return export_markdown(article, anchored, flavor=flavor)


def _front_matter_as_comment(document: str) -> str:
    """The YAML front matter of an article's Markdown as an HTML comment.

    Front matter is only front matter at the top of a file; further down ``---`` lines render
    as rules and headings. In a comment the metadata stays in the file for scripts, hidden when
    rendered. Its values are YAML double-quoted strings, in which ``>`` may be written
    ``\\u003e``: no title can close the comment early.
    """
    lines = document.split("\n")
    if not lines or lines[0] != "---" or "---" not in lines[1:]:
        return document
    end = lines.index("---", 1)
    metadata = [line.replace(">", "\\u003e") for line in lines[1:end]]
    return "\n".join(["<!-- hamish article", *metadata, "-->", *lines[end + 1 :]])


def combine_documents(documents: Sequence[str], export_format: ExportFormat) -> str:
    """Several articles' exports as one document.

    Markdown: the articles one after another, each one's front matter kept as an HTML comment
    and a thematic break between them (one article is returned unchanged). JSON: an array of
    the articles' ``AnnotationCollection`` documents, each exactly as a single export writes
    it, so any element can be cut out and used alone and each article keeps its own title,
    file and text hash; ``hamish import`` reads the array. Readwise: one header, then every
    article's rows (each row names its article).
    """
    if export_format == "readwise":
        rows = [document.split("\r\n", 1)[1] for document in documents[1:]]
        return "".join([*documents[:1], *rows]) if documents else readwise_csv([])
    if export_format == "json":
        indented = [
            "\n".join("  " + line for line in document.rstrip("\n").split("\n"))
            for document in documents
        ]
        return "[\n" + ",\n".join(indented) + "\n]\n" if indented else "[]\n"
    if len(documents) == 1:
        return documents[0]
    return ARTICLE_SEPARATOR.join(_front_matter_as_comment(document) for document in documents)


def write_text_atomically(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` as UTF-8 to ``path`` all at once (``atomic_file``) and return ``path``.

    Raises ``FileExistsError`` if ``path`` exists and ``overwrite`` is false, and any other
    ``OSError`` (missing directory, permission denied, disk full) with nothing left behind.
    """
    data = [text.encode("utf-8", "surrogatepass")]
    if overwrite:
        replace_file(path, data)
    else:
        create_file(path, data)
    return path


def write_target(target: Target, text: str) -> Action:
    """Write ``text`` as ``target`` says and return what was done; ``FileExistsError`` if a new
    file's name was taken since it was planned."""
    if target.action == "create":
        write_text_atomically(target.path, text)
    elif target.action != "unchanged":
        write_text_atomically(target.path, text, overwrite=True)
    return target.action


def export_article_to_dir(
    article: Article,
    anchored: Sequence[Anchored],
    directory: Path | None = None,
    *,
    export_format: ExportFormat = "md",
    exported_at: str | None = None,
    overwrite: bool = False,
    flavor: Flavor | None = None,
) -> Path:
    """Export one article into ``directory`` (default ``paths.export_dir()``, created if
    missing) and return the file written, in ``flavor`` (default: the ``export_flavor``
    setting).

    The file hamish wrote for this article before is updated in place, whatever it is called
    now (``targets``); a first export is named after the title. A file of that name that
    hamish did not write is replaced only with ``overwrite``; otherwise the export goes to
    ``Title (2).md``, ``Title (3).md``... Raises ``OSError`` if the directory or the file
    cannot be written.
    """
    folder = paths.export_dir() if directory is None else Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    if flavor is None:
        flavor = load_config()[0].export_flavor
    text = export_text(
        article, anchored, export_format=export_format, exported_at=exported_at, flavor=flavor
    )
    pending = PendingExport(article_identity(article, anchored), article.title, text)
    foreign: OnForeign = "replace" if overwrite else "rename"
    for _ in range(100):  # another process may take the name between listing and linking
        [target] = plan_directory(folder, [pending], EXTENSIONS[export_format], foreign=foreign)
        try:
            write_target(target, text)
        except FileExistsError:
            continue
        return target.path
    raise FileExistsError(errno.EEXIST, "no free file name", str(folder / article.title))
