"""Turning user text into Markdown that renders as exactly that text, and nothing more.

Everything a person highlighted or typed passes through here before it reaches an export. The
rules are written against CommonMark plus the GFM and Obsidian extensions an export is likely to
meet (tables, strikethrough, ``==highlight==``, ``%%comments%%``, ``$math$``, ``#tags``,
``^block-ids``):

* control characters become visible symbols (U+2400 block; C1 controls and lone surrogates
  become U+FFFD), so an ESC in a note cannot drive a terminal that ``cat``s the export;
* line endings become ``\\n``; each line is stripped, because Markdown would drop leading and
  trailing whitespace anyway and leading indentation would turn a line into code;
* characters that are syntax anywhere in a line are backslash-escaped everywhere; characters
  that are syntax only at the start of a line (``>``, ``-``, ``+``, ``:``, ``1.``) only there.
  Escaping everything would be safe too, but the raw file should stay readable.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

_LINE_BREAKS = re.compile(r"\r\n?")

_ALWAYS_ESCAPED = "\\`*_[<&|~#=^$"
"""Syntax wherever it appears: escapes, code, emphasis, links/footnotes, HTML, entities, tables,
strikethrough and fences, Obsidian tags/highlights/block ids/math; ``#`` also starts headings.
``]``, ``)`` and ``>`` in mid-line close things that can no longer be opened, so stay as typed.
The backslash comes first, so the backslashes added for the others are not escaped again."""


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Every C0 control but tab and newline (CR is a line end by now), DEL, C1, lone surrogates."""
_DOUBLE_PERCENT = re.compile(r"%(?=%)|(?<=%)%")
"""Obsidian hides ``%%...%%``; a lone ``%`` (50%) is harmless and left alone."""
_ORDERED_LIST_START = re.compile(r"^(\d{1,9})([.)])")
_LINE_START_SYNTAX = ">+-:"
"""Block quote, list bullets and a table delimiter row (``:--``) begin with these."""


def _visible_symbol(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def visible_text(text: str) -> str:
    """``text`` with CR/CRLF as LF and every other control character as a visible symbol.

    Tabs and newlines stay: they are whitespace the Markdown layout handles itself. (A regular
    expression rather than ``str.translate``, which looks every character of non-ASCII text up
    in a dict and was most of the time of a large export.)
    """
    if "\r" in text:
        text = _LINE_BREAKS.sub("\n", text)
    return _CONTROL.sub(_visible_symbol, text)


def escape_line(line: str) -> str:
    """One stripped line of visible text as inline Markdown that renders as itself."""
    escaped = line
    for char in _ALWAYS_ESCAPED:  # str.replace scans in C; a regex template is slower
        escaped = escaped.replace(char, "\\" + char)
    if "%%" in escaped:
        escaped = _DOUBLE_PERCENT.sub(r"\\%", escaped)
    first = escaped[:1]
    if first.isdigit():
        return _ORDERED_LIST_START.sub(r"\1\\\2", escaped)
    if first and first in _LINE_START_SYNTAX:
        return "\\" + escaped
    return escaped


def paragraphs_of_lines(text: str) -> list[list[str]]:
    """``text`` as visible text in paragraphs of stripped, non-empty lines.

    Blank lines separate paragraphs (several count as one, as in Markdown); a single newline
    stays a line break inside a paragraph.
    """
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for raw_line in visible_text(text).split("\n"):
        line = raw_line.strip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def text_paragraphs(text: str) -> list[list[str]]:
    """``paragraphs_of_lines`` with every line escaped to render as itself."""
    return [[escape_line(line) for line in lines] for lines in paragraphs_of_lines(text)]


def join_paragraphs(
    paragraphs: list[list[str]], *, prefix: str = "", hard_breaks: bool = True
) -> list[str]:
    """Markdown lines for escaped ``paragraphs``: a hard break (``\\`` at the end) between lines
    unless they carry their own, a blank line (``prefix`` stripped, e.g. ``>``) between
    paragraphs."""
    out: list[str] = []
    for index, lines in enumerate(paragraphs):
        if index:
            out.append(prefix.rstrip())
        last = len(lines) - 1
        out.extend(
            prefix + line + ("\\" if hard_breaks and number < last else "")
            for number, line in enumerate(lines)
        )
    return out


def single_line(text: str) -> str:
    """``text`` on one line (for a heading): all whitespace runs become one space."""
    return " ".join(visible_text(text).split())


_DIGITS_AND_JOINS = re.compile(r"[\d_]+")


@lru_cache(maxsize=1024)
def tag_slug(tag: str) -> str:
    """A tag as an Obsidian/GitHub-safe ``#tag`` word: letters, marks and digits of any script
    joined by ``_``.

    ``_`` only ever sits between two word characters, where CommonMark never reads it as
    emphasis. A tag with no word character at all is spelled by its code points so it is not
    lost (``!!!`` → ``u21_21_21``). A tag of digits only gets a ``tag_`` prefix: Obsidian
    needs a character that is not a digit (``#1984`` is not a tag) and GitHub links ``#1984``
    to an issue.
    """
    pieces: list[str] = []
    word: list[str] = []
    for char in unicodedata.normalize("NFC", tag):
        if unicodedata.category(char)[0] in "LMN":
            word.append(char)
        elif word:
            pieces.append("".join(word))
            word = []
    if word:
        pieces.append("".join(word))
    if pieces:
        slug = "_".join(pieces)
        return "tag_" + slug if _DIGITS_AND_JOINS.fullmatch(slug) else slug
    return "u" + "_".join(f"{ord(char):x}" for char in tag) if tag else "u"


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff<>]|\\](?=\\()")


def yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted scalar.

    A JSON string literal is a YAML 1.2 double-quoted scalar; on top of ``json.dumps`` (which
    escapes C0 controls, ``"`` and ``\\``) the characters YAML does not allow raw, or that a
    YAML 1.1 reader takes for line breaks, are escaped too. So are ``<``, ``>`` and the ``]`` of
    ``](``: a renderer that knows no front matter shows it as a paragraph, where a ``<script>``
    title would be live HTML and ``![x](url)`` a remote image. Nothing is lost.
    """
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", quoted)
