"""How scripted commands print text people read: in visual order on a terminal, logical in pipes.

A terminal shows characters in the order it receives them, so right-to-left text printed as
stored reads backwards and Arabic letters stand unjoined. On a terminal the commands therefore
send every title, quote, note and snippet through the layout engine (bidi reordering and
shaping), wrapped at the terminal's width. Into a pipe or a file they send the real text, so
``grep``, scripts and terminals that reorder by themselves (``--logical``) get what is stored.
Either way no control character reaches the output: the engine shows them as symbols.
"""

from __future__ import annotations

import argparse
import shutil
from dataclasses import dataclass
from typing import TextIO

from hamish.core.article import percent_through
from hamish.core.layout.short_text import layout_text, visual_string
from hamish.core.layout.text import display_text
from hamish.core.safe_text import safe_text

ELLIPSIS = "…"
MIN_WIDTH = 20


def add_order_options(parser: argparse.ArgumentParser) -> None:
    """``--logical``/``--plain`` and ``--visual``, for commands that print people's text."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--logical",
        "--plain",
        dest="order",
        action="store_const",
        const="logical",
        help="print text in logical (stored) order, as into a pipe: for terminals that reorder "
        "right-to-left text themselves, and for scripts",
    )
    group.add_argument(
        "--visual",
        dest="order",
        action="store_const",
        const="visual",
        help="print text reordered and shaped for display even when not writing to a terminal "
        "(e.g. into a pager)",
    )


def one_line(text: str) -> str:
    """``text`` on one line: whitespace runs, line breaks included, read as one space."""
    return " ".join(text.split())


def clipped(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text`` on one line, ``…`` where it was cut."""
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + ELLIPSIS


@dataclass(frozen=True)
class Display:
    """Where output goes and how it must look there."""

    visual: bool
    width: int

    @classmethod
    def for_stream(cls, stream: TextIO, order: str | None = None) -> Display:
        """Visual on a terminal unless ``order`` is ``"logical"``; ``"visual"`` forces it."""
        if order is None:
            try:
                visual = stream.isatty()
            except (AttributeError, ValueError):
                visual = False
        else:
            visual = order == "visual"
        return cls(visual, max(MIN_WIDTH, shutil.get_terminal_size().columns))

    def inline(self, text: str) -> str:
        """A title, quote or snippet as one line, to be placed among other fields."""
        flat = one_line(text)
        return visual_string(flat) if self.visual else display_text(flat)

    def block(self, text: str, indent: int = 0) -> list[str]:
        """A note or quote as lines: wrapped at the width and aligned by direction (right-to-left
        paragraphs to the right) on a terminal; as written, line by line, otherwise."""
        margin = " " * indent
        if not self.visual:
            return [(margin + display_text(line)).rstrip() for line in text.split("\n")]
        width = max(MIN_WIDTH, self.width - indent)
        return [
            (margin + " " * (line.glyphs[0].col if line.glyphs else 0) + line.text).rstrip()
            for line in layout_text(text, width)
        ]


def plain(text: str) -> str:
    """Paths and other text that must stay copyable: logical order, controls made visible."""
    return safe_text(text)


def percent(offset: int, length: int) -> str:
    """``25%``: how far into the article ``offset`` is, as every screen and export says it."""
    return f"{percent_through(offset, length)}%"
