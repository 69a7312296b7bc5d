"""Notes as Markdown: the inline Markdown a person typed survives, structure cannot.

People write Markdown in notes (Hypothesis renders note bodies as Markdown; Readwise and Obsidian
pass them through), so ``**key** see [[Paris talks]] #diplomacy`` must reach a vault as bold, a
live link and a tag. What must not happen is a note leaving its place under its quote: a line
that would open a block (heading, quote, list, rule, setext underline, fence, table row, front
matter fence), a link reference definition that swallows its paragraph, raw HTML, or Obsidian's
block-level ``%%comments%%``, ``$$math$$`` and ``^block-ids``. Those are escaped with a
backslash, which every CommonMark renderer removes again, so the note reads as typed.

Block structure is decided line by line before any inline parsing (CommonMark §4), so the line
rules apply to every line, even inside what later becomes a code span. Inline escapes (``<``,
character references, ``^``) are left out of code spans, where backslashes would show, except
``%%`` and ``$$``: whether Obsidian looks into code spans for them is not documented, and a
comment opened there would hide the rest of the file. A character the user escaped already is
left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hamish.core.export.markdown_text import paragraphs_of_lines

_BLOCK_START = re.compile(
    r"""
      \#{1,6}(?:[ \t]|$)        # ATX heading
    | [<>]                      # HTML block (even inside a code span), block quote, callout
    | [-+*](?:[ \t]|$)          # bullet list item
    | [|:]                      # table row, delimiter row
    | [-:|][-:|\ \t]*$          # rule, setext underline, front matter fence, delimiter row
    | [*_+](?:[ \t]*[*_+]){2,}[ \t]*$   # rules *** ___, TOML front matter fence +++
    | =+[ \t]*$                 # setext underline
    | `{3,} | ~{3,}             # code fence
    """,
    re.VERBOSE,
)
_ORDERED_ITEM = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")
_REFERENCE_DEFINITION = re.compile(r"\[(?:\\.|[^\\\[\]])+\]:", re.DOTALL)
"""A link reference definition (or footnote ``[^1]:``) at a paragraph's start: its label may
run over several lines and the whole definition disappears from the rendered note."""
_ESCAPE_OR_TICKS = re.compile(r"\\[\s\S]|`+")


def _line(line: str) -> str:
    """One stripped line that opens no block."""
    ordered = _ORDERED_ITEM.match(line)
    if ordered:
        return f"{ordered[1]}\\{ordered[2]}{line[ordered.end() :]}"
    if _BLOCK_START.match(line):
        return "\\" + line
    return line


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where CommonMark finds code spans in ``text``: a backtick run up to the next run of the
    same length; a backslash-escaped backtick outside a span starts none."""
    spans: list[tuple[int, int]] = []
    position = 0
    while "`" in text and (found := _ESCAPE_OR_TICKS.search(text, position)):
        position = found.end()
        if found[0].startswith("`"):
            closing = _closing_ticks(len(found[0])).search(text, position)
            if closing:
                spans.append((found.start(), closing.end()))
                position = closing.end()
    return spans


@lru_cache(maxsize=32)
def _closing_ticks(length: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{length}}}(?!`)")


def _inline_pattern(escaped: tuple[str, ...]) -> re.Pattern[str]:
    """What is rewritten outside code spans: the note's own escapes and hard breaks (kept), line
    ends (a hard break each, as in the note) and the ``escaped`` syntax (a backslash before each
    of its characters)."""
    return re.compile(
        r"(?P<kept>\\[!-/:-@\[-`{-~]|\\\n)|(?P<newline>\n)|(?P<escaped>" + "|".join(escaped) + ")"
    )


_ESCAPED_INLINE = (
    "<",  # raw HTML
    r"&(?=#?[0-9A-Za-z]+;)",  # character references
    r"%%+",  # Obsidian comments
    r"\$\$+",  # Obsidian display math
    r"(?:^|(?<=\s))\^",  # an Obsidian block id begins after a space or at the start
)
_INLINE = _inline_pattern(_ESCAPED_INLINE)
_CODE_PAIRS = re.compile(r"%%+|\$\$+")
"""``%%`` and ``$$`` even in a code span: whether Obsidian looks for them there is not
documented, and a comment opened there would hide the rest of the file."""


def _escaped(match: re.Match[str]) -> str:
    return "".join("\\" + char for char in match[0])


def _rewritten(match: re.Match[str]) -> str:
    if match["kept"]:
        return match["kept"]
    if match["newline"]:
        return "\\\n"
    return _escaped(match)


def note_paragraph(lines: list[str]) -> list[str]:
    """The stripped, non-empty lines of one paragraph of a note, as Markdown lines."""
    lines = [_line(line) for line in lines]
    text = "\n".join(lines)
    if _REFERENCE_DEFINITION.match(text):
        text = "\\" + text
    parts: list[str] = []
    done = 0
    for start, end in _code_spans(text):
        parts += [_INLINE.sub(_rewritten, text[done:start])]
        parts += [_CODE_PAIRS.sub(_escaped, text[start:end])]
        done = end
    parts.append(_INLINE.sub(_rewritten, text[done:]))
    return "".join(parts).split("\n")


def note_markdown(note: str) -> list[list[str]]:
    """A note as paragraphs of Markdown lines (blank lines separate paragraphs)."""
    return [note_paragraph(lines) for lines in paragraphs_of_lines(note)]
