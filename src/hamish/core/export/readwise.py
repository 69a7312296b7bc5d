"""Highlights as Readwise's CSV import, the way highlights from anywhere reach Readwise.

Readwise's CSV import reads the columns ``Highlight`` (required), ``Title``, ``Author``,
``URL``, ``Note``, ``Location`` and ``Date``, one row per highlight; quotes inside a field are
doubled (RFC 4180), not backslash-escaped. Tags travel in the note: Readwise's inline tagging
turns a note that begins with ``.word`` into a tag (docs.readwise.io, "Action tags"), so each
tag becomes ``.slug`` at the start of the note, before what the person wrote. ``Date`` is
``YYYY-MM-DD HH:MM:SS`` in UTC; ``Location`` is the highlight's place in the article (its first
character, counted from 1), so Readwise lists highlights in reading order; an orphan has none.

The file is UTF-8 without a byte order mark, with CRLF line ends as RFC 4180 says; a field
holding a line break, a comma or a quote is quoted. Cells are not prefixed against spreadsheet
formulas: that would change the text Readwise imports (a quote may well begin with ``-`` or
``=``). Control characters are shown as symbols, as in the Markdown export, so none reaches a
terminal that prints the file; nothing else is changed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from hamish.core.annotations.model import Anchored, Annotation
from hamish.core.article import Article
from hamish.core.export.common import document_order, orphan_order
from hamish.core.export.front_matter import utc_time
from hamish.core.export.markdown_text import tag_slug, visible_text

COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")
READWISE_TIME = "%Y-%m-%d %H:%M:%S"


def readwise_note(annotation: Annotation) -> str:
    """The note with the tags in front as Readwise inline tags: ``.history .road_map text``."""
    tags = " ".join("." + slug for slug in dict.fromkeys(map(tag_slug, annotation.tags)))
    return " ".join(part for part in (tags, annotation.note) if part)


def _date(annotation: Annotation) -> str:
    moment = utc_time(annotation.created)
    return moment.strftime(READWISE_TIME) if moment else ""


def readwise_rows(article: Article, anchored: Sequence[Anchored]) -> list[list[str]]:
    """One row per highlight, in reading order, orphans last."""
    rows = []
    web = article.web
    for item in document_order(anchored) + orphan_order(anchored):
        annotation = item.annotation
        location = "" if item.orphaned else str(item.start + 1)
        row = [
            annotation.quote,
            article.title,
            (web.author or "") if web else "",  # a local file names no author
            web.url if web else "",  # nor a web address
            readwise_note(annotation),
            location,
            _date(annotation),
        ]
        rows.append([visible_text(field) for field in row])
    return rows


def readwise_csv(rows: Sequence[Sequence[str]]) -> str:
    """The header and ``rows`` as CSV text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def export_readwise(article: Article, anchored: Sequence[Anchored]) -> str:
    """The article's highlights as a Readwise CSV file (see the module docstring)."""
    return readwise_csv(readwise_rows(article, anchored))
