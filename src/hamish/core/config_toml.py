"""TOML text for ``config``: which line defines a key, and how to write keys and values.

``tomllib`` gives the data but not where it came from, and a message that says only "color is
wrong" leaves a user hunting through the file; so the file is scanned here, line by line, for the
line where each key is defined. It is a best effort for messages (a key inside an inline table
is reported at the table's line) and never raises, whatever the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from hamish.core.toml_text import KeyPath, toml_string

_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\\n]|\\.)*"'
_LITERAL = r"'[^'\n]*'"
_PART = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_DOTTED = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_PARTS = re.compile(_PART)
_ASSIGNMENT = re.compile(rf"[ \t]*(?P<key>{_DOTTED})[ \t]*=(?P<value>.*)")
_HEADER = re.compile(rf"[ \t]*\[\[?[ \t]*(?P<key>{_DOTTED})[ \t]*\]")
_COMMENTED_HEADER = re.compile(r"[ \t]*#[ \t]*\[")
_BARE_KEY = re.compile(rf"{_BARE}\Z")
_DECODE_POSITION = re.compile(r"\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)\s*$")


def parse_key(text: str) -> KeyPath:
    """The parts of a dotted TOML key as written, quotes resolved."""
    import tomllib  # imported by whoever read a file to have keys to parse: loaded by then

    parts: list[str] = []
    for found in _PARTS.finditer(text):
        part = found.group()
        if part.startswith('"'):
            try:
                part = tomllib.loads(f"k = {part}")["k"]
            except tomllib.TOMLDecodeError:
                part = part[1:-1]
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


def _opens_multiline_string(value: str) -> str | None:
    """The delimiter of a multi-line string that ``value`` (the rest of a line) leaves open."""
    for delimiter in ('"""', "'''"):
        if value.count(delimiter) % 2 == 1:
            return delimiter
    return None


@dataclass(frozen=True)
class _Definition:
    index: int
    """0-based line number."""
    table: KeyPath
    """The table the line is in; for a header, the one it opens."""
    path: KeyPath
    assignment: re.Match[str] | None
    """None for a table header."""


def _definitions(lines: Sequence[str]) -> Iterator[_Definition]:
    """Every header and assignment line, skipping the inside of multi-line strings."""
    table: KeyPath = ()
    open_string: str | None = None
    for index, line in enumerate(lines):
        if open_string is not None:
            if line.count(open_string) % 2 == 1:
                open_string = None
            continue
        header = _HEADER.match(line)
        if header:
            table = parse_key(header.group("key"))
            yield _Definition(index, table, table, None)
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            yield _Definition(index, table, table + parse_key(assignment.group("key")), assignment)
            open_string = _opens_multiline_string(assignment.group("value"))


def key_lines(text: str) -> dict[KeyPath, int]:
    """The 1-based line where every table and key of ``text`` is first defined."""
    found: dict[KeyPath, int] = {}
    for definition in _definitions(text.splitlines()):
        path = definition.path
        first = len(definition.table) + 1 if definition.assignment else len(path)
        for end in range(first, len(path) + 1):
            found.setdefault(path[:end], definition.index + 1)
    return found


def redefined_line(text: str) -> int | None:
    """The first line assigning a key already assigned (tomllib says only "end of document")."""
    assigned: set[KeyPath] = set()
    for definition in _definitions(text.splitlines()):
        if definition.assignment is not None:
            if definition.path in assigned:
                return definition.index + 1
            assigned.add(definition.path)
    return None


def line_of(lines: dict[KeyPath, int], path: Sequence[str]) -> int | None:
    """The line of ``path``, else of the nearest table containing it (an inline table)."""
    for end in range(len(path), 0, -1):
        number = lines.get(tuple(path[:end]))
        if number is not None:
            return number
    return None


def decode_error_position(message: str) -> tuple[str, int | None]:
    """``TOMLDecodeError`` text without its "(at line L, column C)", and L."""
    position = _DECODE_POSITION.search(message)
    if position is None:
        return message.replace(" (at end of document)", " at the end of the file"), None
    reason = message[: position.start()]
    return f"{reason} (column {position.group('column')})", int(position.group("line"))


def toml_key(part: str) -> str:
    return part if _BARE_KEY.match(part) else toml_string(part)


def _flat(path: KeyPath) -> tuple[str, str]:
    """A key as hamish reads it: a setting, and for a table entry its dotted id inside it."""
    return (path[0], ".".join(path[1:])) if path else ("", "")


def with_setting(text: str, path: KeyPath, value: str) -> str:
    """``text`` with the key ``path`` (a setting, or ``("keymap", id)``) set to TOML ``value``.

    The line defining it is rewritten, keeping its indentation and spelling of the key. Else a
    line is added: a setting goes before the first table (or commented-out table) and the
    comments just above it, a table entry at the end of its table, which is created if missing.
    Anything that needs more (inline tables, multi-line values) is left to the caller's check.
    """
    lines = text.splitlines(keepends=True)
    first_header: int | None = None
    table_end: int | None = None  # where a new entry of the wanted table goes
    for definition in _definitions(lines):
        index, assignment = definition.index, definition.assignment
        if assignment is None:
            first_header = index if first_header is None else first_header
        elif _flat(definition.path) == _flat(path):
            line = lines[index]
            ending = line[len(line.rstrip("\r\n")) :] or "\n"
            lines[index] = line[: assignment.end("key")] + " = " + value + ending
            return "".join(lines)
        if definition.table == path[:-1] and definition.table:
            table_end = index + 1
    entry = f"{toml_key(path[-1])} = {value}\n"
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if first_header is None:  # a commented-out table, as in the example, may be enabled later
        first_header = next(
            (i for i, line in enumerate(lines) if _COMMENTED_HEADER.match(line)), None
        )
    if len(path) == 1:
        at = len(lines) if first_header is None else first_header
        while first_header is not None and at > 0 and lines[at - 1].lstrip().startswith("#"):
            at -= 1
        lines.insert(at, entry if at == len(lines) else entry + "\n")
    elif table_end is not None:
        lines.insert(table_end, entry)
    else:
        header_line = "[" + ".".join(map(toml_key, path[:-1])) + "]\n"
        lines.append(("\n" if lines else "") + header_line + entry)
    return "".join(lines)
