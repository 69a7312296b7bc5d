"""What a format parser hands back, and the few text rules all parsers share."""

from __future__ import annotations

from dataclasses import dataclass

from hamish.core.article import BlockSpec

# Spaces (category Zs) and tabs. Deliberately not str.isspace(): that also counts control
# characters such as U+001C-U+001F, which hamish keeps and shows rather than dropping.
# test_loaders_text checks this list against unicodedata.
SPACES = (
    "\t\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u202f\u205f\u3000"
)


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """A parser's result: the blocks in reading order, the title and the date if any."""

    specs: tuple[BlockSpec, ...]
    title: str
    date: str | None = None


def strip_spaces(text: str) -> str:
    return text.strip(SPACES)


def is_blank(text: str) -> bool:
    """Nothing but spaces, tabs and newlines."""
    return not text.strip(SPACES + "\n")


def flatten(text: str) -> str:
    """One line of block text: newlines become spaces, outer spaces go."""
    return strip_spaces(text.replace("\n", " "))
