"""YAML front matter (``---`` … ``---`` at the top of a Markdown file), read for title and date.

Only flat ``key: value`` lines are read, without a YAML library: hamish needs two scalar
fields, and a full YAML parser would add a dependency and ways to fail for nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hamish.core.loaders.parsed import strip_spaces

_OPENING = "---"
_CLOSINGS = ("---", "...")
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:(.*)$")
TITLE_KEYS = ("title",)
DATE_KEYS = ("date", "published", "pubdate", "created")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    title: str | None
    date: str | None


def _scalar(raw: str) -> str | None:
    """A plain or quoted YAML scalar; block scalars (``|``, ``>``) and empty values are None."""
    value = strip_spaces(raw)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        quote = value[0]
        value = value[1:-1]
        value = value.replace("''", "'") if quote == "'" else value.replace('\\"', '"')
    elif " #" in value:
        value = value.split(" #", 1)[0]
    value = strip_spaces(value)
    if not value or value[0] in "|>":
        return None
    return value


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """The front matter, if the text starts with a closed one, and the rest of the text.

    An unclosed ``---`` is not front matter but a thematic break, as Markdown reads it.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _OPENING:
        return None, text
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSINGS:
            break
    else:
        return None, text
    fields: dict[str, str] = {}
    for line in lines[1:index]:
        match = _FIELD.match(line)
        if match:
            value = _scalar(match.group(2))
            if value is not None:
                fields.setdefault(match.group(1).lower(), value)
    title = next((fields[key] for key in TITLE_KEYS if key in fields), None)
    date = next((fields[key] for key in DATE_KEYS if key in fields), None)
    return FrontMatter(title, date), "\n".join(lines[index + 1 :])
