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
from hamish.core.export.filenames import safe_file_name, unique_file_name
from hamish.core.export.markdown import export_markdown
from hamish.core.export.web_annotation import export_json

ExportFormat = Literal["md", "json"]
EXTENSIONS: dict[ExportFormat, str] = {"md": ".md", "json": ".json"}
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
) -> str:
    """One article's annotations as Markdown or W3C Web Annotation JSON."""
    stamp = exported_at or export_time()
    if export_format == "json":
        return export_json(article, anchored, exported_at=stamp)
    return export_markdown(article, anchored, exported_at=stamp)


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
    file and text hash; ``hamish import`` reads the array.
    """
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


def export_file_name(article: Article, export_format: ExportFormat = "md") -> str:
    """The file name an export of ``article`` gets: its title made safe, and the extension."""
    return safe_file_name(article.title, EXTENSIONS[export_format])


def export_article_to_dir(
    article: Article,
    anchored: Sequence[Anchored],
    directory: Path | None = None,
    *,
    export_format: ExportFormat = "md",
    exported_at: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Export one article into ``directory`` (default ``paths.export_dir()``, created if
    missing) and return the file written.

    The name comes from the title (``safe_file_name``). An existing file of that name is
    replaced only with ``overwrite``; otherwise the export goes to ``Title (2).md``,
    ``Title (3).md``... so an earlier export is never lost. Raises ``OSError`` if the directory
    or the file cannot be written.
    """
    folder = paths.export_dir() if directory is None else Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    text = export_text(article, anchored, export_format=export_format, exported_at=exported_at)
    wanted = export_file_name(article, export_format)
    if overwrite:
        return write_text_atomically(folder / wanted, text, overwrite=True)
    taken = {entry.name for entry in folder.iterdir()}
    for _ in range(100):  # another process may take the name between listing and linking
        name = unique_file_name(wanted, taken)
        try:
            return write_text_atomically(folder / name, text)
        except FileExistsError:
            taken.add(name)
    raise FileExistsError(errno.EEXIST, "no free file name", str(folder / wanted))
