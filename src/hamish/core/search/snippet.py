"""One line of context around a match, for ``hamish search`` and result lists."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

DEFAULT_CONTEXT = 30
ELLIPSIS = "…"
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Snippet:
    """``before`` + ``match`` + ``after`` on one line; ``start``/``end`` are the match's logical
    range in the article. Line breaks and other whitespace runs read as one space, so a match
    that spans two paragraphs still fits on one line."""

    before: str
    match: str
    after: str
    start: int
    end: int
    clipped_before: bool
    clipped_after: bool

    @classmethod
    def around(cls, text: str, start: int, end: int, *, context: int = DEFAULT_CONTEXT) -> Snippet:
        """The snippet for ``text[start:end]`` with up to ``context`` characters each side.

        The context never starts on a combining mark or stops before one, so no harakah is
        shown without its letter.
        """
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"invalid range {start}:{end} for a text of {len(text)} characters")
        if context < 0:
            raise ValueError("context must not be negative")
        first = max(0, start - context)
        while 0 < first < start and _is_mark(text[first]):
            first -= 1
        last = min(len(text), end + context)
        while last < len(text) and _is_mark(text[last]):
            last += 1
        return cls(
            before=_one_line(text[first:start]),
            match=_one_line(text[start:end]),
            after=_one_line(text[end:last]),
            start=start,
            end=end,
            clipped_before=first > 0,
            clipped_after=last < len(text),
        )

    @property
    def line(self) -> str:
        lead = ELLIPSIS if self.clipped_before else ""
        tail = ELLIPSIS if self.clipped_after else ""
        return f"{lead}{self.before}{self.match}{self.after}{tail}"

    def __str__(self) -> str:
        return self.line


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in {"Mn", "Me"}
