"""The YAML front matter of a Markdown export: the article's properties, and hamish's mark.

Obsidian shows front matter as the note's properties (help.obsidian.md, "Properties"): ``title``
and ``source`` as text, ``tags`` as a list, ``created`` and ``updated`` as date-and-time values,
which it writes ``YYYY-MM-DDTHH:mm:ss`` without a zone (hamish writes UTC). The article's own
date line is free text ("07 يناير 2026 - 10:27 GMT"), so it is ``published``, not ``date``: many
vaults type ``date`` as a date, and the text would show there as invalid.

``hamish_article`` names the article (the store's key) and marks the file as written by hamish:
a later export of the same article finds the file by it and updates it in place, whatever its
name. The times come from the annotations, never from the clock, so exporting twice without a
change gives the same bytes.

Every value is one line, ``key: <JSON>``: a JSON string is a YAML double-quoted scalar, and a
list of them a YAML flow sequence, so no value can break the block.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from hamish.core.annotations.model import Anchored
from hamish.core.article import Article
from hamish.core.export.common import (
    article_identity,
    article_source,
    document_order,
    orphan_order,
)
from hamish.core.export.markdown_text import tag_slug, yaml_string

ARTICLE_KEY = "hamish_article"
PROPERTY_TIME = "%Y-%m-%dT%H:%M:%S"


def utc_time(stamp: str) -> datetime | None:
    """A stored ISO 8601 time in UTC; ``None`` for an empty or unreadable one (an import may
    bring anything), so it is left out rather than failing the export."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def all_tags(anchored: Sequence[Anchored]) -> list[str]:
    """Every tag's slug once, in the order the export shows them."""
    ordered = document_order(anchored) + orphan_order(anchored)
    slugs = (tag_slug(tag) for item in ordered for tag in item.annotation.tags)
    return list(dict.fromkeys(slugs))


def _times(anchored: Sequence[Anchored]) -> tuple[datetime, datetime] | None:
    made = [utc_time(item.annotation.created) for item in anchored]
    changed = [utc_time(item.annotation.updated or item.annotation.created) for item in anchored]
    made_known = [moment for moment in made if moment is not None]
    changed_known = [moment for moment in changed + made if moment is not None]
    if not made_known:
        return None
    return min(made_known), max(changed_known)


def front_matter(article: Article, anchored: Sequence[Anchored]) -> list[str]:
    """The front matter's lines, ``---`` fences included."""
    lines = ["---", f"title: {yaml_string(article.title)}"]
    source = article_source(article)
    if source is not None:
        lines.append(f"source: {yaml_string(source)}")
    if article.date:
        lines.append(f"published: {yaml_string(article.date)}")
    tags = all_tags(anchored)
    if tags:
        lines.append(f"tags: [{', '.join(yaml_string(tag) for tag in tags)}]")
    times = _times(anchored)
    if times is not None:
        created, updated = (json.dumps(moment.strftime(PROPERTY_TIME)) for moment in times)
        lines += [f"created: {created}", f"updated: {updated}"]
    lines += [
        f"{ARTICLE_KEY}: {yaml_string(article_identity(article, anchored))}",
        f"annotations: {len(anchored)}",
        f"orphaned: {sum(1 for item in anchored if item.orphaned)}",
        "---",
    ]
    return lines
