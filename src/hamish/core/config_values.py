"""What a setting's value may be: the parsers that ``Config``'s rows name, and the reading of
the file they report problems to.

A parser takes the value as ``tomllib`` gave it and returns the setting's value, or raises
``Invalid`` with the rest of a one-line message ("must be true or false (got 1)"); a table such as
``[keymap]`` reports each bad entry at its own line and keeps the good ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from hamish.core.safe_text import safe_text
from hamish.core.toml_text import KeyPath, describe, toml_string


class Invalid(ValueError):
    """A setting's value is wrong; the message is what follows its name ("must be ...")."""


class Reading:
    """One reading of the file: where its relative paths start, and the problems found."""

    def __init__(self, path: Path, text: str) -> None:
        from hamish.core.config_toml import key_lines  # only once there is a file to read

        self.directory = path.parent
        self.name = shown_path(path)
        self.lines = key_lines(text)
        self.problems: list[str] = []

    def problem(self, key: KeyPath, message: str) -> None:
        from hamish.core.config_toml import line_of

        number = line_of(self.lines, key)
        where = f"{self.name}:{number}" if number is not None else self.name
        self.problems.append(safe_text(f"{where}: {message}"))


Parse = Callable[[object, Reading], object]
"""A setting's value from the file, or ``Invalid``; problems inside a table go to the reading."""


def theme_name(value: object, reading: Reading) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise Invalid(f"must be a theme name (got {describe(value)})")


def one_of(*choices: str) -> Parse:
    """One of ``choices`` (the member itself, so an enum's choices give its members), ignoring
    case and surrounding spaces."""
    if len(choices) == 2:
        phrase = f'"{choices[0]}" or "{choices[1]}"'
    else:
        phrase = "one of " + ", ".join(choices)

    def parse(value: object, reading: Reading) -> str:
        wanted = value.strip().lower() if isinstance(value, str) else None
        for choice in choices:
            if choice == wanted:
                return choice
        raise Invalid(f"must be {phrase} (got {describe(value)})")

    return parse


def true_or_false(value: object, reading: Reading) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(f"must be true or false (got {describe(value)})")


MAX_COLUMNS = 1000
"""Far wider than any terminal: a larger number is a typing mistake."""


def columns(value: object, reading: Reading) -> int:
    """A width in terminal columns; 0 for no limit."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COLUMNS:
        return value
    raise Invalid(f"must be a number of columns from 0 to {MAX_COLUMNS} (got {describe(value)})")


def directory(value: object, reading: Reading) -> Path:
    """``~`` is the home directory; a relative path starts at the config file's directory."""
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise Invalid(f"must be a directory path (got {describe(value)})")
    try:
        directory = Path(value.strip()).expanduser()
    except RuntimeError as error:  # "~user" of an unknown user, or no home directory
        raise Invalid(f"must be a directory path: {error} (got {describe(value)})") from error
    return directory if directory.is_absolute() else reading.directory / directory


def keymap(value: object, reading: Reading) -> Mapping[str, str]:
    """Binding ids (dotted keys or sub-tables) to keys; each bad entry is reported alone."""
    if not isinstance(value, dict):
        raise Invalid(
            f'must be a table like [keymap] "reader.highlight" = "H" (got {describe(value)})'
        )
    found: dict[str, str] = {}

    def flatten(prefix: KeyPath, table: dict[str, object]) -> None:
        for name, keys in table.items():
            path = (*prefix, name)
            binding = ".".join(path[1:])
            if isinstance(keys, dict):
                flatten(path, keys)
            elif not isinstance(keys, str) or not keys.strip():
                reading.problem(
                    path,
                    f"keymap entry {toml_string(binding)} must be a string of keys such as "
                    f'"ctrl+h" (got {describe(keys)})',
                )
            elif binding in found:
                reading.problem(path, f"keymap entry {toml_string(binding)} is given twice")
            else:
                found[binding] = keys.strip()

    flatten(("keymap",), value)
    return MappingProxyType(found)


def shown_path(path: Path) -> str:
    """The file as messages name it, with the home directory as ``~``."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):
        return str(path)
